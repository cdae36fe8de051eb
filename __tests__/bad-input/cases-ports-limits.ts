import type { ClusterChart } from '../../constructs';
import { MediaContainer, MediaContainers } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, gpu1, guarded, labApp, raw } from './lab';

// Container ports, host ports and resource limits: what the API server, the LimitRanger admission and the
// kubelet refuse in them, named on the construct and prop that wrote them.

const HOST_PORT_REASON = { 'security.homelab.dev/host-network': 'serves on a port of its node' };

/** A Deployment `web` whose pod holds `containers`, with the host-network exemption; `pod` adds pod fields. */
const hostPortDeployment = (containers: Array<Record<string, unknown>>, pod: Record<string, unknown> = {}) =>
  goodDeployment('web', { containers, ...pod }, {}, HOST_PORT_REASON);

/** A LimitRange `ratio` in namespace `web` with one Container item. */
const containerLimitRange = (item: Record<string, unknown>) =>
  ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'ratio', namespace: 'web' }, spec: { limits: [{ type: 'Container', ...item }] } });

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
/** MediaContainers `media` with one container `name` on the GPU host, listening on 8096; `extra` changes it. */
const media = (name: string, extra: Partial<MediaContainer>) => (cluster: ClusterChart) =>
  new MediaContainers(cluster, 'media', { settings, containers: { [name]: { image: 'lscr.io/linuxserver/jellyfin:10.10.3', host: gpu1, listenPort: 8096, ...extra } } });

export const CASES: BadInput[] = [
  // Host ports.
  {
    name: 'host-network pod whose hostPort differs from its containerPort',
    build: (c) => raw(c, 'w', hostPortDeployment([goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 80 }] })], { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].ports[0].hostPort', hint: /leave hostPort out/,
  },
  {
    name: 'two containers of one pod on one host port',
    build: (c) => raw(c, 'w', hostPortDeployment([
      goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] }),
      goodContainer({ name: 'metrics', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 8080 }], readinessProbe: { tcpSocket: { port: 9100 } } }),
    ])),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[1].ports[0].hostPort',
  },
  // LimitRanges' limit-to-request ratios.
  {
    name: "an app's default memory limit four times its request under a LimitRange ratio of 2",
    build: (c) => {
      raw(c, 'lr', containerLimitRange({ maxLimitRequestRatio: { memory: '2' } }));
      labApp('web', { namespace: 'web' })(c);
    },
    layer: 'references', path: 'web', field: 'resources.memoryLimit', hint: /at most 256Mi \(an App's resources.memoryLimit\)/,
  },
  {
    name: 'an app without a CPU limit under a LimitRange CPU ratio with no default limit',
    build: (c) => {
      raw(c, 'lr', containerLimitRange({ maxLimitRequestRatio: { cpu: '4' } }));
      labApp('web', { namespace: 'web' })(c);
    },
    layer: 'references', path: 'web', field: 'resources.cpuLimit', hint: /default cpu limit/,
  },
  {
    name: "a LimitRange's default CPU limit twenty times an app's CPU request against its ratio of 4",
    build: (c) => {
      raw(c, 'lr', containerLimitRange({ default: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }));
      labApp('web', { namespace: 'web' })(c);
    },
    layer: 'references', path: 'web', field: 'resources.cpuLimit', hint: /at most 200m/,
  },
  {
    name: 'a LimitRange ratio below 1',
    build: (c) => raw(c, 'lr', containerLimitRange({ maxLimitRequestRatio: { memory: '0.5' } })),
    layer: 'schema', path: 'lr', field: 'spec.limits[0].maxLimitRequestRatio.memory',
  },
  {
    name: 'a LimitRange ratio above its max over its min',
    build: (c) => raw(c, 'lr', containerLimitRange({ min: { memory: '100Mi' }, max: { memory: '200Mi' }, maxLimitRequestRatio: { memory: '4' } })),
    layer: 'schema', path: 'lr', field: 'spec.limits[0].maxLimitRequestRatio.memory', hint: /at most 2/,
  },
  // Media containers' devices and ports, as compose writes them.
  {
    name: 'media container: a device with read-only cgroup permissions',
    build: media('jf', { devices: ['/dev/dri:/dev/dri:r'] }),
    layer: 'references', path: 'media', field: 'containers.jf.devices', hint: /"\/dev\/dri:\/dev\/dri"; the container then has the access the runtime gives it/,
  },
  {
    name: "media container: compose's device_cgroup_rules",
    build: guarded(media('z2m', { device_cgroup_rules: ['c 188:* rmw'] } as Partial<MediaContainer>)),
    layer: 'props', path: 'media', field: 'containers.z2m.device_cgroup_rules', hint: /list each device in devices/,
  },
  {
    name: 'media container: listen port 0',
    build: guarded(media('jf', { listenPort: 0 })),
    layer: 'props', path: 'media', field: 'containers.jf.listenPort',
  },
  {
    name: 'media container: a further port on the listen port',
    build: media('jf', { extraPorts: [{ name: 'dlna', port: 8096 }] }),
    layer: 'props', path: 'media', field: 'containers.jf.extraPorts[0].port',
  },
  // An app's ports: each repeat is one error, on the prop or call that repeats.
  {
    name: 'two ports of an app on one number',
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080 }, { name: 'web', port: 8080 }] })),
    layer: 'props', path: 'web', field: 'ports[1].port',
  },
  {
    name: 'two ports of an app that the Service exposes on one number',
    build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080, servicePort: 80 }, { name: 'alt', port: 8081, servicePort: 80 }] })),
    layer: 'props', path: 'web', field: 'ports[1].servicePort',
  },
  {
    name: "a sidecar's port on the main container's number",
    build: guarded(labApp('web', { sidecars: [{ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 8080 }] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].ports[0].port',
  },
  {
    name: "a sidecar's port named as the main container's",
    build: guarded(labApp('web', { sidecars: [{ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'http', port: 9113 }] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].ports[0].name',
  },
  {
    name: 'addPort with a name the app has',
    build: guarded((c: ClusterChart) => labApp('web')(c).addPort({ name: 'http', port: 9090 })),
    layer: 'props', path: 'web', field: 'addPort.name',
  },
  {
    name: "addPort on a number the app's port has",
    build: guarded((c: ClusterChart) => labApp('web')(c).addPort({ name: 'metrics', port: 8080 })),
    layer: 'props', path: 'web', field: 'addPort.port',
  },
  {
    name: "the main container's addPort with a name that is no IANA service name",
    build: guarded((c: ClusterChart) => labApp('web')(c).container.addPort({ name: 'Metrics_Port', port: 9090 })),
    layer: 'props', path: 'web', field: 'addPort.name',
  },
  {
    name: 'addSidecar with a port the app has',
    build: guarded((c: ClusterChart) => labApp('web')(c).addSidecar({ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 8080 }] })),
    layer: 'props', path: 'web', field: 'addSidecar.ports[0].port',
  },
];
