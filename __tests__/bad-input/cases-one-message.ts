import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Mistakes a user porting from docker-compose, a Helm chart or raw YAML makes, each reported once, on the
// prop the user wrote, with a hint in the user's words (one-message.test.ts counts the errors).

export const CASES: BadInput[] = [
  // 1. a port's protocol
  {
    name: "compose's lower-case udp as a port's protocol",
    build: guarded(labApp('dns', { ports: [{ name: 'dns', port: 53, protocol: 'udp' }] })),
    layer: 'props', path: 'dns', field: 'ports[0].protocol', hint: /'UDP'/,
  },
  {
    name: "app-template's HTTP as a port's protocol",
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080, protocol: 'HTTP' }] })),
    layer: 'props', path: 'web', field: 'ports[0].protocol', hint: /TCP, the default/,
  },
  {
    name: "compose's udp as the protocol of an egress address",
    build: guarded(labApp('web', { egress: [{ cidr: '1.1.1.1/32', ports: [{ port: 53, protocol: 'udp' }] }] })),
    layer: 'props', path: 'web', field: 'egress[0].ports[0].protocol', hint: /'UDP'/,
  },
  // 2. the namespace default
  {
    name: "a compose user's first app in namespace default",
    build: guarded(labApp('whoami', { namespace: 'default' })),
    layer: 'props', path: 'whoami', field: 'namespace', hint: /namespace of its own/,
  },
];
