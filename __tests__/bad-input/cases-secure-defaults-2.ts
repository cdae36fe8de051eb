import type { BadInput } from './cases';
import { goodDeployment, labApp, raw } from './lab';

// Exemptions that only permit a departure, stated for an app that does not make it: the pod's annotation
// would claim what the pod does not do, and a host path or NFS exemption widened the namespace's Pod
// Security level (to privileged, baseline) for no pod of it. A hand-written pod's exemption annotation
// likewise declares a departure its pod must make.

export const CASES: BadInput[] = [
  {
    name: 'a hostPath exemption on an app that mounts no host path',
    build: labApp('web', { exemptions: { hostPath: 'reads /dev/dri' } }), layer: 'props', path: 'web', field: 'exemptions.hostPath', hint: /drop exemptions\.hostPath/,
  },
  { name: 'an nfsVolume exemption on an app that mounts no NFS export', build: labApp('web', { exemptions: { nfsVolume: 'media share' } }), layer: 'props', path: 'web', field: 'exemptions.nfsVolume' },
  { name: 'a nodePort exemption on an app whose ports name no node port', build: labApp('web', { exemptions: { nodePort: 'reached from the LAN' } }), layer: 'props', path: 'web', field: 'exemptions.nodePort' },
  { name: 'a floatingImage exemption on an app whose image is pinned', build: labApp('web', { exemptions: { floatingImage: 'follows latest' } }), layer: 'props', path: 'web', field: 'exemptions.floatingImage' },
  {
    name: 'a hand-written pod that declares a host path it does not mount',
    build: (cluster) => raw(cluster, 'workload', goodDeployment('web', {}, {}, { 'security.homelab.dev/host-path': 'reads the node logs' })),
    layer: 'policy', path: 'workload', field: 'spec.template.metadata.annotations.security.homelab.dev/host-path', hint: /drop the annotation/,
  },
  {
    name: 'a hand-written pod that declares running as root while it runs as non-root',
    build: (cluster) => raw(cluster, 'workload', goodDeployment('web', {}, {}, { 'security.homelab.dev/run-as-root': 'the entrypoint needs root' })),
    layer: 'policy', path: 'workload', field: 'spec.template.metadata.annotations.security.homelab.dev/run-as-root',
  },
];
