import { acmeIssuer, App, ClusterChart, ClusterIssuer, http01Ingress, LETSENCRYPT_STAGING, WildcardCertificate } from '../../constructs';
import type { BadInput } from './cases';

// Route features whose output could not work: a certificate no route served, fields the cluster's Gateway
// API CRDs do not have, a backend that speaks TLS, a load balancer that hides the client's address.

const webApp = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'web', { image: 'nginx:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

export const CASES: BadInput[] = [
  // 1. A wildcard certificate under Traefik
  {
    name: 'a Traefik route served by a wildcard certificate kept from its namespace',
    build: (cluster) => {
      new ClusterIssuer(cluster, 'issuer', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }) });
      new WildcardCertificate(cluster, 'certificate', { issuer: 'letsencrypt', replicate: false, perHostNames: true });
      webApp(cluster, { route: { host: 'web' } });
    },
    layer: 'references', path: 'certificate', field: 'replicate',
  },
];
