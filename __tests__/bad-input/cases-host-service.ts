import { host, HostService } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A Service for a web server of a node, outside the pods, that the cluster's ingress routes names to: one
// pointed at a machine that is no node of the cluster, or at a port written as text, reached nothing.

/** A machine of the network that is no node of the lab's cluster. */
const nas = host('nas', { arch: 'amd64', address: '10.0.0.9' });

export const CASES: BadInput[] = [
  {
    name: 'a HostService on a machine that is no node of the cluster',
    build: guarded((cluster) => new HostService(cluster, 'files', { host: nas, port: 8080, namespace: 'web' })),
    layer: 'props', path: 'files', field: 'host', hint: /ExternalService/,
  },
  {
    name: 'a HostService whose port is written as text',
    build: guarded((cluster) => new HostService(cluster, 'files', { host: gpu1, port: '8080' as unknown as number, namespace: 'web' })),
    layer: 'props', path: 'files', field: 'port',
  },
];
