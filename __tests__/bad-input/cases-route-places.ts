import { HomelabApp, ServiceRoute } from '../../constructs';
import type { ClusterChart, RouteIntent } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Route mistakes reported where the user wrote them: a host and path another route of the cluster serves
// already (on the later route's host or path, naming the earlier route), a path a URL cannot hold as
// written, and Traefik's Docker labels, which no Kubernetes provider reads.
const app = (cluster: ClusterChart, id: string, route?: RouteIntent, extra: Record<string, unknown> = {}) =>
  new HomelabApp(cluster, id, { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route, ...extra });
const twoRoutes = (first: RouteIntent, second: RouteIntent) => guarded((cluster: ClusterChart) => {
  app(cluster, 'photos', first);
  app(cluster, 'album', second);
});

export const CASES: BadInput[] = [
  // One host and path, two routes: reported once, on the second route's prop.
  { name: 'a second app route on a host another app routes', build: twoRoutes({ host: 'photos' }, { host: 'photos' }), layer: 'inventory', path: 'album', field: 'route.host', hint: /another host name/ },
  {
    name: 'a second app route on a host another app routes (Gateway API)', gatewayCluster: true,
    build: twoRoutes({ host: 'photos' }, { host: 'photos.lab.test' }), layer: 'inventory', path: 'album', field: 'route.host',
  },
  { name: 'a second app route on the same host and path', build: twoRoutes({ host: 'photos', path: '/api' }, { host: 'photos.lab.test', path: '/api' }), layer: 'inventory', path: 'album', field: 'route.path' },
  {
    name: 'a rule path another app routes on the same host',
    build: twoRoutes({ host: 'photos', path: '/share' }, { host: 'photos', rules: [{ path: '/album' }, { path: '/share' }] }),
    layer: 'inventory', path: 'album', field: 'route.rules[1].path',
  },
  {
    name: 'an addRoute on a host another app routes',
    build: guarded((cluster: ClusterChart) => {
      app(cluster, 'photos', { host: 'photos' });
      app(cluster, 'album').addRoute({ host: 'photos.lab.test' });
    }),
    layer: 'inventory', path: 'album', field: 'addRoute(photos.lab.test).host',
  },
  {
    name: 'a ServiceRoute on the host and path of an app route',
    build: guarded((cluster: ClusterChart) => {
      app(cluster, 'photos', { host: 'photos', path: '/admin' });
      new ServiceRoute(cluster, 'admin', { host: 'photos', namespace: 'web', serviceName: 'admin', port: 80, path: '/admin' });
    }),
    layer: 'inventory', path: 'admin', field: 'path',
  },
  {
    name: 'an app route on the host of an earlier ServiceRoute',
    build: guarded((cluster: ClusterChart) => {
      new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'web', serviceName: 'grafana', port: 80 });
      app(cluster, 'photos', { host: 'grafana' });
    }),
    layer: 'inventory', path: 'photos', field: 'route.host', hint: /another host name/,
  },
  // Paths a request carries only escaped: refused alike under every flavor, with the escaped form.
  { name: 'a route path with a space', build: guarded((c: ClusterChart) => app(c, 'photos', { host: 'photos', path: '/my photos' })), layer: 'props', path: 'photos', field: 'route.path', hint: /\/my%20photos/ },
  {
    name: 'a route path with a space (Gateway API)', gatewayCluster: true,
    build: guarded((c: ClusterChart) => app(c, 'photos', { host: 'photos', path: '/my photos' })), layer: 'props', path: 'photos', field: 'route.path', hint: /\/my%20photos/,
  },
  { name: 'a route path beyond ASCII', build: guarded((c: ClusterChart) => app(c, 'photos', { host: 'photos', path: '/fotos/ä' })), layer: 'props', path: 'photos', field: 'route.path', hint: /\/fotos\/%C3%A4/ },
  { name: 'a rule path with a bare percent sign', build: guarded((c: ClusterChart) => app(c, 'photos', { host: 'photos', rules: [{ path: '/100%' }] })), layer: 'props', path: 'photos', field: 'route.rules[0].path', hint: /\/100%25/ },
  {
    name: 'an addRoute path with a double quote',
    build: guarded((c: ClusterChart) => app(c, 'photos').addRoute({ host: 'photos', path: '/say"hi' })), layer: 'props', path: 'photos', field: 'addRoute(photos).path', hint: /\/say%22hi/,
  },
  {
    name: 'a ServiceRoute path with a space',
    build: guarded((c: ClusterChart) => new ServiceRoute(c, 'admin', { host: 'admin', namespace: 'web', serviceName: 'admin', port: 80, path: '/my admin' })),
    layer: 'props', path: 'admin', field: 'path', hint: /\/my%20admin/,
  },
  // Traefik's Docker-provider labels, which Traefik on Kubernetes never reads.
  {
    name: 'Traefik Docker-provider router and service labels on an app',
    build: guarded((c: ClusterChart) => app(c, 'photos', undefined, {
      labels: { 'traefik.enable': 'true', 'traefik.http.routers.photos.rule': 'Host(`photos.lab.test`)', 'traefik.http.services.photos.loadbalancer.server.port': '8080' },
    })),
    layer: 'props', path: 'photos', field: 'labels.traefik.http.routers.photos.rule', hint: /route: \{ host: 'photos\.lab\.test', port: 8080 \}/,
  },
  {
    name: 'Traefik Docker-provider labels written as app annotations',
    build: guarded((c: ClusterChart) => app(c, 'photos', undefined, { annotations: { 'traefik.http.routers.photos.rule': 'Host(`photos.lab.test`)' } })),
    layer: 'props', path: 'photos', field: 'annotations', hint: /route: \{ host:/,
  },
];
