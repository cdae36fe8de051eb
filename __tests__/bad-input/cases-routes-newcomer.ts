import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, raw, serviceManifest } from './lab';

// Routes, certificates and DNS records written by hand from upstream guides, without reading the README:
// each was written out as it stood, and the controller refused it or ignored it without a word.

/** The good Deployment `web` and its Service `web` (port 80, `http`), then `build`. */
const withWeb = (build: (c: ClusterChart) => void) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'svc', serviceManifest('web'));
  build(c);
};
/** A LoadBalancer Service `lb` of namespace `web` whose external-dns target annotation is `target`. */
const targeted = (name: string, target: string, hint: RegExp): BadInput => ({
  name,
  build: withWeb((c) => raw(c, 'x', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/target': target } }))),
  layer: 'references', path: 'x', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/target', hint,
});

const DNS_TARGET_CASES: BadInput[] = [
  // external-dns targets written as a URL or with a port.
  targeted('an external-dns target written as a URL', 'https://10.0.8.12/', /target: '10\.0\.8\.12'/),
  targeted('an external-dns target with a port', 'router.lab.test:443', /target: 'router\.lab\.test'/),
];

export const CASES: BadInput[] = [...DNS_TARGET_CASES];
