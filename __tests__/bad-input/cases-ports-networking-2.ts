import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { App, AppDevice, host, MediaContainer, MediaContainers, site, tailscaleLoadBalancer, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, labApp, labCluster, podWithContainer, raw } from './lab';

// Huge pages and device plugins' resources, requests above limits, pod-wide LimitRanges, egress to
// loopback, pools against VLAN addresses and tailnet names of a site: each refused on what the user wrote.

const GOOD_RESOURCES = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } };
/** The good Deployment `web` whose container adds `requests` and `limits` to its good resources. */
const withResources = (requests: Record<string, string>, limits: Record<string, string>) => (cluster: ClusterChart) =>
  raw(cluster, 'w', podWithContainer({ resources: { requests: { ...GOOD_RESOURCES.requests, ...requests }, limits: { ...GOOD_RESOURCES.limits, ...limits } } }));

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
/** MediaContainers `media` with one container `sonarr`; `extra` changes it. */
const media = (extra: Partial<MediaContainer>) => guarded((cluster: ClusterChart) =>
  new MediaContainers(cluster, 'media', { settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.9', listenPort: 8989, ...extra } } }));

/** A LimitRange `pods` in namespace `web` with one Pod item. */
const podLimitRange = (item: Record<string, unknown>) =>
  ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'pods', namespace: 'web' }, spec: { limits: [{ type: 'Pod', ...item }] } });
/** An App `web` in namespace `web` under a Pod LimitRange `item`; `props` change the app. */
const underPodRange = (item: Record<string, unknown>, props: Record<string, unknown>) => (cluster: ClusterChart) => {
  raw(cluster, 'lr', podLimitRange(item));
  labApp('web', { namespace: 'web', ...props })(cluster);
};

/** A site `name` with VLAN 10 on 10.9.0.0/24 (its gateway 10.9.0.1) and a pool `vips` from `first` to `last` not tagged with it. */
const untaggedPool = (name: string, first: string, last: string) => (_c: unknown, app: CdkApp) => {
  const node = host(`${name}-node`, { arch: 'amd64', address: '10.9.0.2' });
  const lan = vlan(`${name}-lan`, { id: 10, cidr: '10.9.0.0/24', gateway: '10.9.0.1' });
  const edge = site(name, { domain: `${name}.test`, hosts: [node], vlans: { lan }, pools: { vips: { first, last } } });
  labCluster(app, 'edge', { site: edge, hosts: [node], loadBalancer: undefined, storage: {} });
};

/** An app `id` of a cluster `cluster` of the lab whose load balancer is Tailscale's, named `hostname` on the tailnet. */
const onTailnet = (app: CdkApp, cluster: string, id: string, hostname: string) =>
  new App(labCluster(app, cluster, { loadBalancer: tailscaleLoadBalancer() }), id, { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], loadBalancer: { hostname } });

export const CASES: BadInput[] = [
  // Huge pages and extended resources are handed out whole.
  {
    name: 'huge pages that are not whole pages',
    build: withResources({ 'hugepages-2Mi': '3Mi' }, { 'hugepages-2Mi': '3Mi' }),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.limits.hugepages-2Mi`, hint: /whole pages/,
  },
  {
    name: 'huge pages requested below their limit',
    build: withResources({ 'hugepages-2Mi': '2Mi' }, { 'hugepages-2Mi': '4Mi' }),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.requests.hugepages-2Mi`,
  },
  {
    name: 'a device plugin resource requested below its limit',
    build: withResources({ 'squat.ai/serial': '1' }, { 'squat.ai/serial': '2' }),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.requests.squat.ai/serial`,
  },
  {
    name: 'a device plugin resource requested without a limit',
    build: withResources({ 'squat.ai/serial': '1' }, {}),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.limits.squat.ai/serial`,
  },
  {
    name: 'an app device of huge pages (a count of bytes, not pages)',
    build: guarded(labApp('web', { devices: [AppDevice.plugin('hugepages-2Mi', 2)] })),
    layer: 'props', path: 'web', field: 'devices[0].resource', hint: /raw Deployment/,
  },
  {
    name: 'an app device named without the plugin domain',
    build: guarded(labApp('web', { devices: [AppDevice.plugin('serial')] })),
    layer: 'props', path: 'web', field: 'devices[0].resource', hint: /squat\.ai\/serial/,
  },
  // A request above its limit, on the prop.
  {
    name: 'an app memory request above its memory limit',
    build: guarded(labApp('web', { resources: { memoryRequest: '1Gi', memoryLimit: '512Mi' } })),
    layer: 'props', path: 'web', field: 'resources.memoryRequest',
  },
  {
    name: 'a sidecar CPU request above its CPU limit',
    build: guarded(labApp('web', { sidecars: [{ name: 'proxy', image: 'busybox:1.36.1', resources: { cpuRequest: '2', cpuLimit: '1' } }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].resources.cpuRequest',
  },
  {
    name: 'an added container memory request above its memory limit',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] })
      .addContainer({ name: 'worker', image: 'busybox:1.36.1', resources: { memoryRequest: '2Gi', memoryLimit: '1Gi' } })),
    layer: 'props', path: 'web', field: 'addContainer.resources.memoryRequest',
  },
  {
    name: 'a media container memory request above its memory limit',
    build: media({ resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } }),
    layer: 'props', path: 'media', field: 'containers.sonarr.resources.requests.memory',
  },
  // Pod LimitRanges: the sum of a pod's containers, init containers by their peak.
  {
    name: 'an app with a sidecar over a pod maximum of memory',
    build: underPodRange({ max: { memory: '600Mi' } }, { sidecars: [{ name: 'proxy', image: 'busybox:1.36.1' }] }),
    layer: 'references', path: 'web', field: 'resources.memoryLimit', hint: /at most 600Mi in all/,
  },
  {
    name: 'an app whose init container alone is over a pod maximum of memory',
    build: underPodRange({ max: { memory: '600Mi' } }, { initContainers: [{ name: 'migrate', image: 'busybox:1.36.1', resources: { memoryLimit: '1Gi' } }] }),
    layer: 'references', path: 'web', field: 'containers.migrate.resources.memoryLimit',
  },
  {
    name: 'an app without a CPU limit under a pod maximum of CPU',
    build: underPodRange({ max: { cpu: '2' } }, {}),
    layer: 'references', path: 'web', field: 'resources.cpuLimit', hint: /cpu limit/,
  },
  {
    name: 'an app below a pod minimum of CPU',
    build: underPodRange({ min: { cpu: '100m' } }, {}),
    layer: 'references', path: 'web', field: 'resources.cpuRequest',
  },
  // Pools not tagged with a VLAN, against the addresses of the VLAN whose network holds them.
  {
    name: 'an untagged pool that ends on the broadcast address of the VLAN it lies in',
    build: untaggedPool('pu-broadcast', '10.9.0.200', '10.9.0.255'),
    layer: 'inventory', path: 'inventory/site/pu-broadcast', field: 'pools.vips', hint: /last: '10\.9\.0\.254'/,
  },
  {
    name: 'an untagged pool that covers the gateway of the VLAN it lies in',
    build: untaggedPool('pu-gateway', '10.9.0.1', '10.9.0.20'),
    layer: 'inventory', path: 'inventory/site/pu-gateway', field: 'pools.vips', hint: /first: '10\.9\.0\.2'/,
  },
  // Tailnet machine names are unique on the site's tailnet, across its clusters.
  {
    name: 'two clusters of one site naming a Service alike on the tailnet',
    build: guarded((_c: unknown, app: CdkApp) => {
      onTailnet(app, 'ts', 'wiki', 'wiki');
      onTailnet(app, 'ts2', 'wiki', 'wiki');
    }),
    layer: 'inventory', path: 'ts2/wiki', field: 'loadBalancer.hostname',
  },
  {
    name: "an app taking the tailnet name of its cluster's Traefik",
    build: guarded((_c: unknown, app: CdkApp) => onTailnet(app, 'ts', 'proxy', 'traefik-ts')),
    layer: 'inventory', path: 'ts/proxy', field: 'loadBalancer.hostname',
  },
];
