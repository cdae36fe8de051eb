import { AppController, AppDevice, AppVolume, ChartRelease, declareExternal, HomelabApp, Knative, servesPorts } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// First labs with the workloads that are not a plain Deployment, ported from docker-compose and Helm charts:
// a Knative Service given what a compose service had (the host's network, a device, a hostPath, a sysctl, `PORT`
// in its env, a port Knative's queue-proxy takes), which the API server takes, as Knative's CRD leaves the pod
// template open, and Knative's webhook then refused; a native sidecar written as a pod spec writes it; a chart's
// values with compose's quantities or the cluster's tier name as a StorageClass, which the chart hands on as
// they are, so the release failed to install or its claim stayed Pending.

/** Knative on the lab's Gateway, and a Knative app `hello` of `props`, which `more` may change after construction. */
const knativeApp = (props: Partial<AppProps>, more: (app: HomelabApp) => unknown = () => undefined) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false });
  more(new HomelabApp(cluster, 'hello', {
    image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props,
  }));
});

/** An app `web` of `props`, which `more` may change after construction. */
const app = (props: Partial<AppProps>, more: (app: HomelabApp) => unknown = () => undefined) => guarded((cluster: ClusterChart) => {
  more(new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props }));
});
const SIDECAR = { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', restartPolicy: 'Always' } as any;

/** Uptime Kuma from its Helm chart, given `values` as a chart's README writes them. */
const uptimeKuma = (values: Record<string, unknown>) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'uptime-kuma', {
  namespace: 'uptime-kuma', chart: { repository: 'https://helm.irsan.org', chart: 'uptime-kuma', version: '2.20.0' },
  network: servesPorts({ port: 3001, purpose: 'web UI' }), values,
}));

/** A nightly backup under a CronJob of `props`. */
const backup = (props: Partial<Parameters<typeof AppController.cronJob>[0]>) => app({ ports: [], image: 'restic/restic:0.17.1', args: ['backup', '/data'],
  controller: AppController.cronJob({ schedule: '0 3 * * *', ...props }) });

/** etcd as three peers of a StatefulSet, each with a claim of its own. */
const etcd = (cluster: ClusterChart) => new HomelabApp(cluster, 'etcd', {
  image: 'quay.io/coreos/etcd:v3.5.16', replicas: 3, controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }),
  ports: [{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }],
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/etcd' } },
});

const knativeCase = (name: string, build: BadInput['build'], field: string, message: RegExp, hint?: RegExp): BadInput =>
  ({ name, build, gatewayCluster: true, layer: 'schema', path: 'hello', field, message, hint });

export const CASES: BadInput[] = [
  // A native sidecar as a chart's pod spec writes it: the hint listed the container's props, and said nothing of sidecars.
  {
    name: 'a native sidecar written as an init container with restartPolicy Always',
    build: app({ initContainers: [SIDECAR] }),
    layer: 'props', path: 'web', field: 'initContainers[0].restartPolicy', hint: /is written sidecars: \[\{ name, image \}\] \(or app\.addSidecar\)/,
  },
  {
    name: 'a native sidecar added after construction as an init container with restartPolicy Always',
    build: app({}, (web) => web.addInitContainer(SIDECAR)),
    layer: 'props', path: 'web', field: 'addInitContainer.restartPolicy', hint: /sidecars: \[\{ name, image \}\]/,
  },
  {
    name: "a Job's restartPolicy written on the app",
    build: app({ ports: [], restartPolicy: 'Never', controller: AppController.job() } as any),
    layer: 'props', path: 'web', field: 'restartPolicy', hint: /controller: AppController\.job\(\{ restartPolicy: 'Never' \}\)/,
  },
  knativeCase('a Knative Service on the port of its queue-proxy', knativeApp({ ports: [{ name: 'http', port: 8012 }] }),
    'ports[0]', /^port 8012 is the HTTP\/1 port of Knative's queue-proxy, which runs in the same pod/, /another port/),
  knativeCase("a Knative Service on Prometheus' port, which its queue-proxy serves metrics on", knativeApp({ ports: [{ name: 'http', port: 9090 }] }),
    'ports[0]', /port 9090/),
  knativeCase('a Knative Service with PORT in its env, as compose wrote it', knativeApp({ ports: [{ name: 'http', port: 3000 }], env: { PORT: '3000' } }),
    'env.PORT', /PORT is set by Knative/, /drop PORT/),
  knativeCase('a Knative Service given K_SERVICE after construction', knativeApp({}, (app) => app.addEnv('K_SERVICE', 'hello')),
    'env.K_SERVICE', /K_SERVICE is set by Knative/),
  knativeCase("a Knative Service on the host's network", knativeApp({ exemptions: { hostNetwork: 'discovers devices on the LAN' } }),
    'exemptions.hostNetwork', /Knative takes a pod's hostNetwork only with its feature kubernetes\.podspec-hostnetwork/, /as a Deployment/),
  knativeCase("a Knative Service that lists the host's processes", knativeApp({ exemptions: { hostPid: 'reads the processes of the node' } }),
    'exemptions.hostPid', /Knative takes a pod's hostPID only/),
  knativeCase('a Knative Service with a folder of its host', knativeApp({
    persistence: { config: { volume: AppVolume.hostPath('/srv/hello'), mountPath: '/config' } }, exemptions: { hostPath: 'its config lives on the node' },
  }), 'persistence.config.volume', /Knative takes a hostPath volume only with its feature kubernetes\.podspec-volumes-hostpath/, /as a Deployment/),
  knativeCase('a Knative Service with a render node mounted by path', knativeApp({ devices: [AppDevice.dri('renderD128')], exemptions: { hostPath: 'transcodes on the iGPU' } }),
    'devices[0]', /Knative takes a hostPath volume only/, /gpu: \{ vendor \}/),
  knativeCase('a privileged Knative Service', knativeApp({ exemptions: { privileged: 'needs the whole host' } }),
    'exemptions.privileged', /Knative runs no privileged container/),
  knativeCase('a Knative Service with a sysctl', knativeApp({ sysctls: { 'net.ipv4.ping_group_range': '0 2147483647' } }),
    'sysctls.net.ipv4.ping_group_range', /Knative takes no kernel parameters/),
  // A chart's values as compose wrote the service's limits: the chart hands them to the API server, which
  // refused the Deployment, and the release failed to install.
  {
    name: "a chart's memory limit written as docker writes it",
    build: uptimeKuma({ resources: { limits: { memory: '512MB' } } }),
    layer: 'props', path: 'uptime-kuma', field: 'values.resources.limits.memory', message: /"512MB" is not a size/, hint: /write '512Mi'/,
  },
  {
    name: "a chart's CPU request written in cores",
    build: uptimeKuma({ resources: { requests: { cpu: '0.5 cores' } } }),
    layer: 'props', path: 'uptime-kuma', field: 'values.resources.requests.cpu', hint: /write '0\.5'/,
  },
  {
    name: "a chart's claim size written as docker writes it",
    build: uptimeKuma({ persistence: { enabled: true, size: '4gb' } }),
    layer: 'props', path: 'uptime-kuma', field: 'values.persistence.size', hint: /write '4Gi'/,
  },
  // The tier's name where the chart takes a StorageClass's: the claim stayed Pending.
  {
    name: "a chart given the cluster's storage tier as its StorageClass",
    build: uptimeKuma({ persistence: { enabled: true, size: '4Gi', storageClass: 'fast' } }),
    layer: 'references', path: 'uptime-kuma', field: 'values.persistence.storageClass', hint: /"fast" is a storage tier of the cluster, whose StorageClass is "zfs-fast"/,
  },
  {
    name: "a chart's claim template given a StorageClass nothing provides",
    build: uptimeKuma({ volumeClaimTemplates: [{ spec: { storageClassName: 'longhorn' } }] }),
    layer: 'references', path: 'uptime-kuma', field: 'values.volumeClaimTemplates[0].spec.storageClassName', message: /StorageClass "longhorn" is provided by nothing/,
  },
  // The claim of a compose volume named as the chart's existing claim, which nothing made: its pod stayed Pending.
  {
    name: "a chart given an existing claim that nothing makes",
    build: uptimeKuma({ persistence: { enabled: true, existingClaim: 'uptime-kuma-data' } }),
    layer: 'references', path: 'uptime-kuma', field: 'values.persistence.existingClaim', message: /claim "uptime-kuma-data" does not exist in namespace "uptime-kuma"/,
    hint: /AppVolume\.claim\(\{ tier, size, claimName: 'uptime-kuma-data' \}\)/,
  },
  // Home Assistant from docker-compose, on the host's network with its Zigbee stick: s6-overlay could not write
  // /run ("can't create /run/test of writability"), and the container stopped as it started.
  {
    name: "Home Assistant's own image left to the non-root default",
    build: app({
      image: 'ghcr.io/home-assistant/home-assistant:2024.10.1', ports: [{ name: 'http', port: 8123 }],
      exemptions: { hostNetwork: 'discovers devices over mDNS', hostPath: 'the Zigbee stick' },
      devices: [AppDevice.hostDevice('/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus-if00-port0')],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    }),
    layer: 'props', path: 'web', field: 'image', hint: /runAsRoot: 'the image runs Home Assistant as root', writableRootFilesystem: 's6-overlay writes its service tree under \/run'/,
  },
  {
    name: "Home Assistant's own image run as root on a read-only root",
    build: app({ image: 'homeassistant/home-assistant:2024.10.1', ports: [{ name: 'http', port: 8123 }], exemptions: { runAsRoot: 'the image runs as root' } }),
    layer: 'props', path: 'web', field: 'image', hint: /exemptions: \{ writableRootFilesystem: /,
  },
  // A StatefulSet's peers and clients reach it through its headless Service: a call through one pod's own name
  // was not read at all, and one through the Service was answered with allowFrom on etcd-headless, no app's name.
  {
    name: "an app that calls one pod of a StatefulSet by its own name, which the StatefulSet's policy keeps out",
    build: guarded((cluster: ClusterChart) => {
      etcd(cluster);
      new HomelabApp(cluster, 'api', { image: 'ghcr.io/acme/api:1.4.2', ports: [{ name: 'http', port: 8080 }], env: { ETCD_ENDPOINT: 'http://etcd-0.etcd-headless.etcd.svc.cluster.local:2379' } });
    }),
    layer: 'policy', path: 'api', field: 'env.ETCD_ENDPOINT', message: /calls Service etcd-headless\.etcd:2379/,
  },
  {
    name: "an app that calls a StatefulSet through its headless Service, which the StatefulSet's policy keeps out",
    build: guarded((cluster: ClusterChart) => {
      etcd(cluster);
      new HomelabApp(cluster, 'api', { image: 'ghcr.io/acme/api:1.4.2', ports: [{ name: 'http', port: 8080 }], env: { ETCD_ENDPOINT: 'http://etcd-headless.etcd:2379' } });
    }),
    layer: 'policy', path: 'api', field: 'env.ETCD_ENDPOINT', hint: /allowFrom: \[api\] on etcd \(or etcd\.addAllowFrom\(api\)\), or egress: \[etcd\]/,
  },
  // Schedules and time zones from other schedulers: the hint was the general form of five fields, or the
  // zone, which the runtime here takes by an old abbreviation and Go's tz database has not, synthesized.
  {
    name: 'a schedule of @every 1d',
    build: backup({ schedule: '@every 1d' }),
    layer: 'props', path: 'web', field: 'controller.props.schedule', hint: /schedule: '@every 24h'$/,
  },
  {
    name: 'a schedule of every 90 minutes in words',
    build: backup({ schedule: '@every 90 minutes' }),
    layer: 'props', path: 'web', field: 'controller.props.schedule', hint: /schedule: '@every 90m'$/,
  },
  {
    name: "a schedule on the last day of the month, as Quartz's L writes it",
    build: backup({ schedule: '0 3 L * *' }),
    layer: 'props', path: 'web', field: 'controller.props.schedule', hint: /no last day of the month \(Quartz's L\).*'0 3 28-31 \* \*'/,
  },
  {
    name: "a schedule on the second Monday, as Quartz's # writes it",
    build: backup({ schedule: '0 3 ? * 1#2' }),
    layer: 'props', path: 'web', field: 'controller.props.schedule', hint: /no n-th weekday of the month \(Quartz's #\)/,
  },
  {
    name: 'a time zone written with a space for its underscore',
    build: backup({ timeZone: 'America/New York' }),
    layer: 'props', path: 'web', field: 'controller.props.timeZone', hint: /timeZone: 'America\/New_York'$/,
  },
  {
    name: 'a time zone written as the abbreviation PST',
    build: backup({ timeZone: 'PST' }),
    layer: 'props', path: 'web', field: 'controller.props.timeZone', message: /"PST": the tz database, which the API server reads, has no such name/, hint: /timeZone: 'America\/Los_Angeles'/,
  },
  {
    name: 'a time zone written as the abbreviation CEST',
    build: backup({ timeZone: 'CEST' }),
    layer: 'props', path: 'web', field: 'controller.props.timeZone', hint: /timeZone: 'Europe\/Berlin'/,
  },
];
