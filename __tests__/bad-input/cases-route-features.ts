import { acmeIssuer, App, cilium, ClusterChart, ClusterIssuer, gatewayApi, http01Ingress, LETSENCRYPT_STAGING, WildcardCertificate } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, lab, labCluster, raw, serviceManifest } from './lab';

// Route features whose output could not work: a certificate no route served, fields the cluster's Gateway
// API CRDs do not have, a backend that speaks TLS, a load balancer that hides the client's address.

const webApp = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

/** A cluster routing through Cilium's Gateway API, whose CRDs are the standard channel of the release Cilium implements. */
const ciliumGatewayCluster = (app: Parameters<BadInput['build']>[1], crdsVersion?: string) => labCluster(app, 'gw', {
  cni: cilium({ kubeProxyReplacement: false, gatewayApi: { crdsVersion } }),
  routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }),
});
/** An HTTPRoute to a Service of the cluster `gw` with `rule` merged into its one rule. */
const ruleOnGateway = (rule: Record<string, unknown>, crdsVersion?: string): BadInput['build'] => (_c, app) => {
  const cluster = ciliumGatewayCluster(app, crdsVersion);
  raw(cluster, 'workload', goodDeployment());
  raw(cluster, 's', serviceManifest('web'));
  raw(cluster, 'r', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'web' },
    spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['r.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 80 }], ...rule }] },
  });
};

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
  // 2. Gateway API fields the installed CRDs lack
  { name: 'an HTTPRoute retry on the standard channel', build: ruleOnGateway({ retry: { attempts: 2, codes: [503] } }), layer: 'schema', path: 'gw/r', field: 'spec.rules[0].retry' },
  { name: 'an HTTPRoute CORS filter on the standard channel', build: ruleOnGateway({ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.lab.test'] } }] }), layer: 'schema', path: 'gw/r', field: 'spec.rules[0].filters[0].cors' },
  // 4. The client's address on a LoadBalancer
  {
    name: 'a load balancer traffic policy in lower case',
    build: guarded((cluster) => webApp(cluster, { loadBalancer: { address: lab.pools.dns.at('10.0.4.53'), externalTrafficPolicy: 'local' } })),
    layer: 'props', path: 'web', field: 'loadBalancer.externalTrafficPolicy', hint: /Local/,
  },
  { name: 'a named HTTPRoute rule on CRDs older than v1.4.0', build: ruleOnGateway({ name: 'api' }), layer: 'schema', path: 'gw/r', field: 'spec.rules[0].name', hint: /v1\.4\.0/ },
];
