import { Forgejo, ingressNginx, IngressTls, traefik, WildcardCertificate } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster } from './lab';

// Loose ends of routes, TLS and load-balancer addresses: one mistake is one error, on the prop the user
// wrote, with the hint for what they meant (loose-ends-9.test.ts counts the errors).

const vip = (address: string) => lab.pools.vips.at(address);

export const CASES: BadInput[] = [
  // Before: on the MetalLB annotation of the rendered Service, not on the call that asked for the address.
  {
    name: "addLoadBalancer asking for an address another app's load balancer holds", layer: 'inventory', path: 'web2', field: 'addLoadBalancer.address',
    hint: /its own address/,
    build: guarded((cluster: ClusterChart) => {
      labApp('web')(cluster).addLoadBalancer({ address: vip('10.0.8.11') });
      labApp('web2')(cluster).addLoadBalancer({ address: vip('10.0.8.11') });
    }),
  },
  // Before: on the rendered Service's annotation, naming the ingress only by the chart's path.
  {
    name: "an app's loadBalancer asking for the ingress' address", layer: 'inventory', path: 'web', field: 'loadBalancer.address',
    build: guarded((_c, root) => labApp('web', { loadBalancer: { address: vip('10.0.8.10') } })(labCluster(root, 'edge', { routes: traefik({ address: vip('10.0.8.10') }) }))),
  },
  // Before: on the annotation of the Service Forgejo renders for SSH, which the user never wrote.
  {
    name: "Forgejo's ssh.loadBalancer asking for an address an app holds", layer: 'inventory', path: 'git', field: 'ssh.loadBalancer.address',
    build: guarded((cluster: ClusterChart) => {
      labApp('web')(cluster).addLoadBalancer({ address: vip('10.0.8.12') });
      new Forgejo(cluster, 'git', { ssh: { loadBalancer: { address: vip('10.0.8.12') } } });
    }),
  },
  // Before: on the certificate the flavor made (a construct the user never wrote), on its Certificate's
  // issuerRef, and once more on the Ingress of each route the wildcard does not cover.
  {
    name: 'IngressTls.wildcard of an undefined ClusterIssuer, with routes the wildcard does not cover', layer: 'references', path: 'edge', field: 'routes.tls.issuer',
    hint: /new ClusterIssuer/,
    build: guarded((_c, root) => {
      const cluster = labCluster(root, 'edge', { routes: ingressNginx({ tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }) });
      ['a.b.lab.test', 'web.other.org'].forEach((host, i) => labApp(`web${i}`, { route: { host } })(cluster));
    }),
  },
  // Before: on the construct's issuer, and once more on its rendered Certificate's spec.issuerRef.name.
  {
    name: 'a WildcardCertificate of an undefined ClusterIssuer', layer: 'references', path: 'wc', field: 'issuer', hint: /new ClusterIssuer/,
    build: guarded((cluster: ClusterChart) => {
      new WildcardCertificate(cluster, 'wc', { issuer: 'letsencrypt' });
      labApp('web', { route: { host: 'web' } })(cluster);
    }),
  },
];
