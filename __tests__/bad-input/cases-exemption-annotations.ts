import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, labApp, raw } from './lab';

// Every exemption is a typed option with its reason, written to the output as an annotation: a probe
// switched off says why, and an annotation claims no departure the pod does not make.

export const CASES: BadInput[] = [
  {
    name: 'liveness probe switched off without a reason',
    build: guarded(labApp('web', { namespace: 'web', probes: { liveness: false } })),
    layer: 'props', path: 'web', field: 'probes.liveness',
  },
  {
    name: 'readiness probe of a second container switched off without a reason',
    build: guarded(labApp('web', { namespace: 'web', containers: [{ name: 'worker', image: 'nginxinc/nginx-unprivileged:1.27.0', probes: { readiness: false, liveness: { command: ['true'] } } }] })),
    layer: 'props', path: 'web', field: 'containers.worker.probes.readiness',
  },
  {
    name: 'probes exemption of an app whose containers have both probes',
    build: guarded(labApp('web', { namespace: 'web', exemptions: { probes: 'starts slowly' } })),
    layer: 'props', path: 'web', field: 'exemptions.probes',
  },
  {
    name: 'missing-probes annotation on a pod with both probes',
    build: (c) => raw(c, 'w', goodDeployment('web', { containers: [goodContainer({ livenessProbe: { tcpSocket: { port: 8080 } } })] }, {}, { 'security.homelab.dev/missing-probes': 'no readiness probe: none needed' })),
    layer: 'policy', path: 'w', field: 'spec.template.metadata.annotations.security.homelab.dev/missing-probes',
  },
];
