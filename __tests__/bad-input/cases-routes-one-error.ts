import { App as CdkApp } from 'cdk8s';
import { App, host, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { ClusterChart, ClusterChartProps, PoolAddress } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// One mistake in a route or an address, one error, on the prop the user wrote: not repeated on every
// object the mistake reaches, nor on the inventory object that handed the value out.

/** A site of its own for each case: an address a pool refuses stays that site's, not the shared lab's. */
const ownSite = () => site('own', {
  domain: 'own.test', hosts: [host('own1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.1.1' })],
  pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } },
  git: { url: 'https://git.own.test/own.git' },
});
type OwnSite = ReturnType<typeof ownSite>;
/** Cluster props of a cluster `other` on the site of its own. */
const onOwn = (s: OwnSite) => ({ site: s, hosts: [...s.hosts], storage: { local: localPathStorage() }, loadBalancer: metalLb({ pools: [s.pools.vips] }) });

/** An app whose LoadBalancer Service takes the address `take` picks from the site's pool. */
const loadBalancedApp = (take: (s: OwnSite) => PoolAddress) => guarded((cluster: ClusterChart) => {
  const s = ownSite();
  const main = labCluster(cluster.node.root as CdkApp, 'other', onOwn(s));
  new App(main, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], loadBalancer: { address: take(s), ports: ['http'] } });
});
/** Traefik on an address `take` picks from the site's pool. */
const traefikAt = (take: (s: OwnSite) => PoolAddress) => guarded((cluster: ClusterChart) => {
  const s = ownSite();
  labCluster(cluster.node.root as CdkApp, 'other', { ...onOwn(s), routes: traefik({ address: take(s) }) });
});

/** A cluster on a site of its own whose route flavor is `routes`, with three apps that each route a host. */
const threeRoutedApps = (routes: ClusterChartProps['routes']) => guarded((cluster: ClusterChart) => {
  const main = labCluster(cluster.node.root as CdkApp, 'other', { ...onOwn(ownSite()), routes });
  for (const id of ['photos', 'music', 'films']) {
    new App(main, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
  }
});

/** An app of the lab whose route is `route`, as written (a prop a route does not have). */
const routedApp = (route: Record<string, unknown>) => guarded(labApp('photos', { route: { host: 'photos', ...route } }));

export const CASES: BadInput[] = [
  // An ingress controller's route setting: where it lives here, not the list of the route's props.
  { name: 'a route that asks for tls', build: routedApp({ tls: true }), layer: 'props', path: 'photos', field: 'route.tls', hint: /certResolver/ },
  { name: 'a route that names Traefik middlewares', build: routedApp({ middlewares: ['strip-prefix'] }), layer: 'props', path: 'photos', field: 'route.middlewares', hint: /requestHeaders/ },
  { name: 'a route that sets headers', build: routedApp({ headers: { 'X-Forwarded-Proto': 'https' } }), layer: 'props', path: 'photos', field: 'route.headers', hint: /rules: \[\{ requestHeaders/ },
  // A resolver the flavor names for every route: one error on the cluster's prop, not one per IngressRoute.
  { name: 'a Traefik certificate resolver no acme entry defines', build: threeRoutedApps(traefik({ certResolver: 'letsencrypt' })), layer: 'references', path: 'other', field: 'routes.certResolver', hint: /acme: \{ 'letsencrypt'/ },
  // An address at() cannot hand out: on the prop that uses it, not also on the pool or the Service.
  { name: 'a load-balancer address given as a number', build: loadBalancedApp((s) => s.pools.vips.at(245 as unknown as string)), layer: 'inventory', path: 'other/web', field: 'loadBalancer.address', hint: /between 10\.0\.8\.10 and 10\.0\.8\.20/ },
  { name: 'a load-balancer address outside its pool', build: loadBalancedApp((s) => s.pools.vips.at('10.0.9.1')), layer: 'inventory', path: 'other/web', field: 'loadBalancer.address' },
  { name: 'a load-balancer IPv6 address in URL brackets', build: loadBalancedApp((s) => s.pools.vips.at('[fd00::10]')), layer: 'inventory', path: 'other/web', field: 'loadBalancer.address', hint: /fd00::10/ },
  { name: "Traefik's address given as a number", build: traefikAt((s) => s.pools.vips.at(245 as unknown as string)), layer: 'inventory', path: 'other', field: 'routes.address' },
];
