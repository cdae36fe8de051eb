import { App as CdkApp } from 'cdk8s';
import { App, host, IngressTls, ingressNginx, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { AppPort, ClusterChart, ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A lab switched from one route flavor to another keeps what it wrote for the old one: a TCP route's port,
// a listener name, an issuer. Each mistake is one error on the prop the user wrote, not on the object it
// reached, nor once per route.

/** A site of its own for each case, so its cluster's addresses and hosts are its own. */
const ownSite = () => site('flavors', {
  domain: 'flavors.test', hosts: [host('fl1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.2.1' })],
  pools: { vips: { first: '10.0.9.10', last: '10.0.9.20' } },
  git: { url: 'https://git.flavors.test/lab.git' },
});

/** A cluster `other` on a site of its own whose route flavor is `routes`. */
function otherCluster(scope: CdkApp, routes: ClusterChartProps['routes']): ClusterChart {
  const s = ownSite();
  return labCluster(scope, 'other', { site: s, hosts: [...s.hosts], storage: { local: localPathStorage() }, loadBalancer: metalLb({ pools: [s.pools.vips] }), routes });
}

/** A forge with a web port and `ports`, forwarding listener `listenerName` on `port` under `routes`. */
const tcpRouted = (routes: ClusterChartProps['routes'], ports: AppPort[], listenerName: string, port: number) => guarded((cluster: ClusterChart) => {
  const other = otherCluster(cluster.node.root as CdkApp, routes);
  new App(other, 'forge', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, ...ports] }).addTcpRoute({ listenerName, port });
});

/** Three routed apps under ingress-nginx with `tls`. */
const nginxRoutes = (tls: IngressTls) => guarded((cluster: ClusterChart) => {
  const other = otherCluster(cluster.node.root as CdkApp, ingressNginx({ tls }));
  for (const id of ['photos', 'music', 'films']) {
    new App(other, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
  }
});

export const CASES: BadInput[] = [
  // The entry point moved, the app's port did not: the route would dial a Service port nothing serves.
  {
    name: 'a TCP route on an entry point whose port is no port of the app',
    build: tcpRouted(traefik({ tcpEntryPoints: { ssh: 2200 } }), [{ name: 'ssh', port: 2222 }], 'ssh', 2200),
    layer: 'references', path: 'other/forge', field: 'addTcpRoute(ssh).port', hint: /2222 \(ssh\).*servicePort: 2200/,
  },
  {
    name: 'a TCP route on the default ssh entry point to an app serving SSH elsewhere',
    build: tcpRouted(traefik(), [{ name: 'ssh', port: 2222 }], 'ssh', 22),
    layer: 'references', path: 'other/forge', field: 'addTcpRoute(ssh).port', hint: /use one of the app's TCP ports/,
  },
  // A DNS server's UDP port: no TCP route reaches it, a LoadBalancer Service does.
  {
    name: 'a TCP route to a UDP port',
    build: tcpRouted(traefik({ tcpEntryPoints: { dns: 53 } }), [{ name: 'dns', port: 53, protocol: 'UDP' }], 'dns', 53),
    layer: 'references', path: 'other/forge', field: 'addTcpRoute(dns).port', hint: /addLoadBalancer\(\{ address, ports: \['dns'\] \}\)/,
  },
  // Traefik's chart names its container's and Service's port after the entry point, which the API server
  // refuses in capitals: the entry point's name is the mistake, where it is declared.
  {
    name: 'a TCP route on an upper-case listener name',
    build: tcpRouted(traefik({ tcpEntryPoints: { SSH: 2222 } }), [{ name: 'ssh', port: 2222 }], 'SSH', 2222),
    layer: 'props', path: 'other', field: 'routes.tcpEntryPoints.SSH', hint: /ssh: 2222/,
  },
  // Every Ingress names the issuer in its annotation: one error on the flavor's prop, not one per route.
  {
    name: 'an ingress-nginx per-route issuer nothing provides',
    build: nginxRoutes(IngressTls.perRoute('letsencrypt')),
    layer: 'references', path: 'other', field: 'routes.tls.issuer', hint: /clusterIssuers: \['letsencrypt'\]/,
  },
];
