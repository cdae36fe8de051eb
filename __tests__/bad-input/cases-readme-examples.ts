import { ClusterChart, Forgejo } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// What a user following the README writes: each mistake named on the prop they wrote.

export const CASES: BadInput[] = [
  {
    // Under nodePorts the ssh entry point is node port 30022, and a user may set that as the clone port.
    name: "Forgejo's ssh.port other than the Traefik entry point's port is reported on ssh.port",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, ssh: { port: 30022 } })),
    layer: 'references', path: 'forgejo', field: 'ssh.port',
  },
];

