import { App as CdkApp } from 'cdk8s';
import { App, AppController, gatewayApi, IngressTls, ingressNginx, Jellyfin, JellyfinMedia, Knative, MediaContainers, ServiceRoute } from '../../constructs';
import type { ClusterChart, RouteIntent } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// A route's largest request body (`maxBodySize`): ingress-nginx answers 413 above 1 MiB unless its Ingress
// says otherwise, so the option is written as nginx and the API server read it alike or refused where the
// user wrote it, never rendered as another size.

const web = (route: Partial<RouteIntent>) => (cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', ...route },
});
const inNginx = (build: (cluster: ClusterChart) => void) => guarded((_c: ClusterChart, app: CdkApp) => build(labCluster(app, 'nginx', {
  routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.none() }),
})));

export const CASES: BadInput[] = [
  {
    name: 'a body size as a bare number, bytes to nginx where megabytes were meant',
    build: inNginx(web({ maxBodySize: 20 as any })),
    layer: 'props', path: 'web', field: 'route.maxBodySize', hint: /'20Mi'/,
  },
  {
    name: "a body size in nginx's own m, which Kubernetes quantities read as milli",
    build: inNginx(web({ maxBodySize: '100m' as any })),
    layer: 'props', path: 'web', field: 'route.maxBodySize', hint: /'100Mi'/,
  },
  {
    name: 'a body size in megabytes as a file manager writes them',
    build: inNginx(web({ maxBodySize: '512MB' as any })),
    layer: 'props', path: 'web', field: 'route.maxBodySize', hint: /'512Mi'/,
  },
  {
    name: 'a negative body size',
    build: inNginx(web({ maxBodySize: '-1Gi' as any })),
    layer: 'props', path: 'web', field: 'route.maxBodySize', hint: /'1Gi'/,
  },
  {
    name: 'a body size of zero, which nginx reads as no limit',
    build: inNginx(web({ maxBodySize: '0Mi' })),
    layer: 'props', path: 'web', field: 'route.maxBodySize', hint: /'unlimited'/,
  },
  {
    name: 'a fraction of a unit, which nginx cannot read, on a route added later',
    build: inNginx((cluster) => web({})(cluster).addRoute({ host: 'upload', maxBodySize: '1.5Gi' })),
    layer: 'props', path: 'web', field: 'addRoute(upload).maxBodySize', hint: /'1536Mi'/,
  },
  {
    name: "a ServiceRoute's body size as a bare number",
    build: inNginx((cluster) => new ServiceRoute(cluster, 'files', { host: 'files', namespace: 'web', serviceName: 'files', port: 80, maxBodySize: 10 as any })),
    layer: 'props', path: 'files', field: 'maxBodySize', hint: /'10Mi'/,
  },
  {
    name: "a Jellyfin route's body size with nginx's unit, on the service's own prop",
    build: inNginx((cluster) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), route: { host: 'tv', maxBodySize: '50m' as any } })),
    layer: 'props', path: 'jellyfin', field: 'route.maxBodySize', hint: /'50Mi'/,
  },
  {
    name: "a media container's body size in megabytes, on the container's own prop",
    build: inNginx((cluster) => new MediaContainers(cluster, 'media', {
      settings: { puid: 5000, pgid: 5000, tz: 'Europe/Berlin', configDir: '/var/data', dataDir: '/mnt/data', storageDir: '/mnt/data' }, exposure: 'ingress',
      containers: { jellyfin: { image: 'jellyfin/jellyfin:10.10.7', listenPort: 8096, maxBodySize: '20MB' as any } },
    })),
    layer: 'props', path: 'media', field: 'containers.jellyfin.maxBodySize', hint: /'20Mi'/,
  },
  {
    name: 'a finite body limit under Gateway API, which has no field for one',
    gatewayCluster: true,
    build: web({ maxBodySize: '20Mi' }),
    layer: 'references', path: 'web', field: 'route.maxBodySize', hint: /'unlimited'/,
  },
  {
    name: "a finite body limit on a Knative Service's route, a domain its ingress takes no limit for",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const cluster = labCluster(app, 'kn', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
      new Knative(cluster, 'knative');
      new App(cluster, 'hello', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', controller: AppController.knative(), ports: [{ name: 'http', port: 8080 }], route: { host: 'hello', maxBodySize: '20Mi' } });
    }),
    layer: 'references', path: 'hello', field: 'route.maxBodySize', hint: /Deployment/,
  },
];
