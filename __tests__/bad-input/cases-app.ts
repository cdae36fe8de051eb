import { AppController, AppVolume, HomelabApp, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

type Props = Partial<ConstructorParameters<typeof HomelabApp>[2]>;
const web = (props: Props = {}) => (cluster: ClusterChart) =>
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

/** Bad inputs of the general workload: controllers, containers, exposure and route features. */
export const CASES: BadInput[] = [
  {
    name: 'an app id with an underscore, which names its Service',
    build: guarded((cluster) => new HomelabApp(cluster, 'my_app', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] })),
    layer: 'props', path: 'my_app', field: 'id',
  },
  {
    name: 'an app id starting with a digit, which a Service name may not',
    build: guarded((cluster) => new HomelabApp(cluster, '1password-connect', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] })),
    layer: 'props', path: '1password-connect', field: 'id',
  },
  {
    name: 'an app id longer than a label',
    build: guarded((cluster) => new HomelabApp(cluster, `app-${'x'.repeat(64)}`, { image: 'nginxinc/nginx-unprivileged:1.27.0' })),
    layer: 'props', path: `app-${'x'.repeat(64)}`, field: 'id',
  },
  {
    name: "a CronJob app id too long for its Jobs' names",
    build: guarded((cluster) => new HomelabApp(cluster, `backup-${'x'.repeat(50)}`, { image: 'nginxinc/nginx-unprivileged:1.27.0', controller: AppController.cronJob({ schedule: '@daily' }) })),
    layer: 'props', path: `backup-${'x'.repeat(50)}`, field: 'id',
  },
  {
    name: 'a route feature the Traefik flavor lacks (adding a header beside one of its name)',
    build: web({ route: { host: 'web', rules: [{ requestHeaders: { add: { 'X-Lab': 'yes' } } }] } }),
    layer: 'references', path: 'web', field: 'route.rules[0].requestHeaders.add',
  },
  {
    name: 'a route feature the Gateway API flavor lacks (basic auth)',
    gatewayCluster: true,
    build: web({ route: { host: 'web', basicAuth: SecretReference.external('web', 'web-auth', 'users') } }),
    layer: 'references', path: 'web', field: 'route.basicAuth',
  },
  {
    name: "a node port outside the cluster's node-port range",
    build: web({ ports: [{ name: 'http', port: 8080, nodePort: 8080 }], exemptions: { nodePort: 'reached on the LAN' } }),
    layer: 'inventory', path: 'web', field: 'ports.http.nodePort',
  },
  {
    name: 'a node port without its exemption',
    build: web({ ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }),
    layer: 'policy', path: 'web', field: 'exemptions.nodePort',
  },
  {
    name: 'a route host name in capitals',
    build: web({ route: { host: 'Shop' } }),
    layer: 'props', path: 'web', field: 'route.host',
  },
  {
    name: 'a CronJob with a bad schedule',
    build: guarded(web({ ports: [], controller: AppController.cronJob({ schedule: '0 25 * * *' }) })),
    layer: 'props', path: 'web', field: 'controller.props.schedule',
  },
  {
    name: 'a CronJob in an unknown time zone',
    build: guarded(web({ ports: [], controller: AppController.cronJob({ schedule: '@daily', timeZone: 'Mars/Olympus' }) })),
    layer: 'props', path: 'web', field: 'controller.props.timeZone',
  },
  {
    name: 'a StatefulSet claim used as ReadWriteMany on a tier without it',
    build: web({
      controller: AppController.statefulSet(),
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi', accessMode: 'ReadWriteMany' }), mountPath: '/data' } },
    }),
    layer: 'references', path: 'web', field: 'persistence.data.volume.claim.accessMode',
  },
  {
    name: 'a Knative Service on a cluster without Knative',
    build: web({ controller: AppController.knative() }),
    layer: 'references', path: 'web', field: 'controller', hint: /new Knative\(cluster, 'knative'\)/,
  },
  {
    name: "a route rule sends HTTP to another app's UDP port",
    build: (cluster: ClusterChart) => {
      new HomelabApp(cluster, 'dns', { image: 'coredns/coredns:1.11.3', namespace: 'web', ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }] });
      new HomelabApp(cluster, 'shop', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'shop', rules: [{ path: '/dns', backends: [{ service: 'dns', port: 5353 }] }, { path: '/' }] } });
    },
    layer: 'references', path: 'shop/route', field: 'spec.routes[0].services[0].port',
  },
  {
    name: 'a Knative Service with two ports',
    build: web({ controller: AppController.knative(), ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }] }),
    layer: 'references', path: 'web', field: 'ports',
  },
  {
    name: 'replicas on a controller without a replica count',
    build: web({ replicas: 2, controller: AppController.daemonSet() }),
    layer: 'references', path: 'web', field: 'replicas',
  },
  {
    name: 'a container mounts a volume the app does not have',
    build: web({ sidecars: [{ name: 'log', image: 'busybox:1.37.0', mounts: [{ volume: 'logs', mountPath: '/logs' }] }] }),
    layer: 'references', path: 'web', field: 'containers.log.mounts.logs',
  },
  {
    name: 'a route to the app\'s only port, which is UDP',
    build: web({ ports: [{ name: 'dns', port: 53, protocol: 'UDP' }], route: { host: 'dns' } }),
    layer: 'references', path: 'web', field: 'route.port',
  },
  {
    name: 'a volume name in capitals with an underscore',
    build: guarded(web({ persistence: { Cache_Dir: { volume: AppVolume.emptyDir(), mountPath: '/cache' } } })),
    layer: 'props', path: 'web', field: 'persistence.Cache_Dir', hint: /e\.g\. cache-dir/,
  },
];
