import type { BadInput } from './cases';
import { goodContainer, goodDeployment, raw } from './lab';

// Container ports, host ports and resource limits: what the API server, the LimitRanger admission and the
// kubelet refuse in them, named on the construct and prop that wrote them.

const HOST_PORT_REASON = { 'security.homelab.dev/host-network': 'serves on a port of its node' };

/** A Deployment `web` whose pod holds `containers`, with the host-network exemption; `pod` adds pod fields. */
const hostPortDeployment = (containers: Array<Record<string, unknown>>, pod: Record<string, unknown> = {}) =>
  goodDeployment('web', { containers, ...pod }, {}, HOST_PORT_REASON);

export const CASES: BadInput[] = [
  // Host ports.
  {
    name: 'host-network pod whose hostPort differs from its containerPort',
    build: (c) => raw(c, 'w', hostPortDeployment([goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 80 }] })], { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].ports[0].hostPort', hint: /leave hostPort out/,
  },
  {
    name: 'two containers of one pod on one host port',
    build: (c) => raw(c, 'w', hostPortDeployment([
      goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] }),
      goodContainer({ name: 'metrics', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 8080 }], readinessProbe: { tcpSocket: { port: 9100 } } }),
    ])),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[1].ports[0].hostPort',
  },
];
