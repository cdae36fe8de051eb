import type { BadInput } from './cases';
import { labApp } from './lab';

// Exemptions that only permit a departure, stated for an app that does not make it: the pod's annotation
// would claim what the pod does not do, and a host path or NFS exemption widened the namespace's Pod
// Security level (to privileged, baseline) for no pod of it.

export const CASES: BadInput[] = [
  {
    name: 'a hostPath exemption on an app that mounts no host path',
    build: labApp('web', { exemptions: { hostPath: 'reads /dev/dri' } }), layer: 'props', path: 'web', field: 'exemptions.hostPath', hint: /drop exemptions\.hostPath/,
  },
  { name: 'an nfsVolume exemption on an app that mounts no NFS export', build: labApp('web', { exemptions: { nfsVolume: 'media share' } }), layer: 'props', path: 'web', field: 'exemptions.nfsVolume' },
  { name: 'a nodePort exemption on an app whose ports name no node port', build: labApp('web', { exemptions: { nodePort: 'reached from the LAN' } }), layer: 'props', path: 'web', field: 'exemptions.nodePort' },
  { name: 'a floatingImage exemption on an app whose image is pinned', build: labApp('web', { exemptions: { floatingImage: 'follows latest' } }), layer: 'props', path: 'web', field: 'exemptions.floatingImage' },
];
