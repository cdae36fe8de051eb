import { acmeIssuer, ClusterChart, ClusterIssuer, http01Ingress, LETSENCRYPT_PRODUCTION } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, raw } from './lab';

// A new user moves the lab from ingress-nginx to the Gateway API: a Gateway of their own whose certificates
// cert-manager issues from its annotation, and listeners for the non-HTTP services that ingress-nginx once
// forwarded from its TCP and UDP ConfigMaps. Each mistake passed synthesis, or was refused with a hint beside the
// point, and then served nothing.

/** A Let's Encrypt ClusterIssuer `letsencrypt` that solves HTTP-01 alone, through ingress class `nginx`. */
const http01Issuer = (cluster: ClusterChart) => new ClusterIssuer(cluster, 'le', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'admin@jdoe.dev', solvers: [http01Ingress('nginx')] }),
});

/** A Gateway `edge` of Cilium's class in namespace `web`, named `g`, with `listeners` and cert-manager's annotation naming `letsencrypt`. */
const edgeGateway = (cluster: ClusterChart, listeners: Record<string, unknown>[], annotated = true) => raw(cluster, 'g', {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'web', annotations: annotated ? { 'cert-manager.io/cluster-issuer': 'letsencrypt' } : undefined },
  spec: { gatewayClassName: 'cilium', listeners: listeners.map((l) => ({ allowedRoutes: { namespaces: { from: 'All' } }, ...l })) },
});

const HTTP = { name: 'http', protocol: 'HTTP', port: 80 };

export const CASES: BadInput[] = [
  {
    name: "a Gateway annotated for cert-manager whose HTTPS listener has no hostname, which cert-manager's gateway-shim skips",
    gatewayCluster: true,
    build: guarded((c: ClusterChart) => {
      http01Issuer(c);
      edgeGateway(c, [HTTP, { name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ name: 'photos-tls' }] } }]);
    }),
    layer: 'references', path: 'g', field: 'spec.listeners[1].tls.certificateRefs[0].name', hint: /hostname: '<name>\.lab\.test'/,
  },
  {
    name: 'a Gateway annotated for cert-manager whose wildcard listener asks an issuer that solves HTTP-01 alone',
    gatewayCluster: true,
    build: guarded((c: ClusterChart) => {
      http01Issuer(c);
      edgeGateway(c, [HTTP, { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.lab.test', tls: { certificateRefs: [{ name: 'wildcard-tls' }] } }]);
    }),
    layer: 'references', path: 'g', field: 'spec.listeners[1].hostname', hint: /a listener of its own \(hostname: '<name>\.lab\.test'\)/,
  },
  {
    name: "a UDP listener for DNS on Cilium's Gateway, which serves no UDPRoute",
    gatewayCluster: true,
    build: (c) => edgeGateway(c, [HTTP, { name: 'dns', protocol: 'UDP', port: 53 }], false),
    layer: 'references', path: 'g', field: 'spec.listeners[1].protocol', hint: /loadBalancer: \{ address, ports/,
  },
  {
    name: "an HTTPRoute on the owner's own Envoy Gateway to an App whose policy admits nothing from its proxies",
    gatewayCluster: true,
    build: (c) => {
      labApp('web', { namespace: 'web' })(c);
      raw(c, 'edge', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'web' },
        spec: { gatewayClassName: 'envoy-gateway', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'web.lab.test' }] },
      });
      raw(c, 'r', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
        spec: { parentRefs: [{ name: 'edge' }], hostnames: ['web.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
      });
    },
    layer: 'policy', path: 'r', field: 'spec.rules[0].backendRefs[0].port', hint: /allowFrom: \[\{ namespace: 'envoy-gateway-system' \}\]/,
  },
];
