import { AppController, AppVolume, HomelabApp, SecretReference } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, lab, raw } from './lab';

// First labs of someone who tries values at the edges of what each prop takes: a name or path copied with
// the line break or tab of the file it came from (the message showed the character raw, broke its line, or
// lost its words), a mount path with a space around it (a folder named with the space, where the image never
// looks), a sysctl name with a trailing space (the hint kept the space), a Job of 0 completions or a parallelism
// of 0 (the API server takes it, and no pod ever runs).

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'ghcr.io/home-operations/bazarr:1.4.3', ports: [{ name: 'http', port: 6767 }], ...props });
});
const mountedAt = (mountPath: string): Partial<AppProps> => ({ persistence: { cache: { volume: AppVolume.emptyDir(), mountPath } } });
const job = (props: Parameters<typeof AppController.job>[0]): Partial<AppProps> => ({ ports: [], controller: AppController.job(props) });

export const CASES: BadInput[] = [
  // Copied from a file with its line break: the message lost its words ("(it image "…" is empty …)").
  {
    name: 'an image copied with its line break',
    build: app('bazarr', { image: 'ghcr.io/home-operations/bazarr:1.4.3\n' }),
    layer: 'props', path: 'bazarr', field: 'image', message: /^image is "ghcr\.io\/home-operations\/bazarr:1\.4\.3\\n", not an image reference \(it is empty or has spaces around it\)$/,
  },
  {
    name: 'an image copied with a tab after it',
    build: app('bazarr', { image: 'ghcr.io/home-operations/bazarr:1.4.3\t' }),
    layer: 'props', path: 'bazarr', field: 'image', message: /"ghcr\.io\/home-operations\/bazarr:1\.4\.3\\t"/,
  },
  // The line break showed raw and broke the printed finding in two.
  {
    name: "an env name copied with its line break",
    build: app('bazarr', { env: { 'TZ\n': 'Europe/London' } }),
    layer: 'props', path: 'bazarr', field: 'env.TZ\n', message: /name "TZ\\n" is refused/,
  },
  {
    name: "an app's id with a line break",
    build: app('bazarr\n', {}),
    layer: 'props', path: /* constructs writes the line break of an id as '--' */ 'bazarr--', field: 'id', message: /"bazarr\\n" is not an RFC 1035 label/,
  },
  {
    name: "a Secret's name copied with its line break",
    build: app('bazarr', { env: { API_KEY: SecretReference.external('bazarr', 'bazarr\n', 'api-key') } }),
    layer: 'props', path: 'bazarr', field: 'env.API_KEY', message: /^env API_KEY reads Secret "bazarr\\n", which no Secret can be named: its name "bazarr\\n" is not/,
  },
  {
    name: 'a sysctl name with a tab in it',
    build: app('bazarr', { sysctls: { 'net.ipv4.ping_group_range\t': '0 2147483647' } }),
    layer: 'props', path: 'bazarr', field: /^sysctls\./, message: /^"net\.ipv4\.ping_group_range\\t" is not a sysctl name/,
  },
  {
    name: "a label's key copied with its line break",
    build: app('bazarr', { labels: { 'tier\n': 'media' } }),
    layer: 'props', path: 'bazarr', field: 'labels.tier\n', message: /the name part "tier\\n" of key "tier\\n"/,
  },
  // The hint wrote the name back with its space.
  {
    name: 'a sysctl name with a trailing space',
    build: app('bazarr', { sysctls: { 'net.ipv4.ip_unprivileged_port_start ': '0' } }),
    layer: 'props', path: 'bazarr', field: /^sysctls\./, hint: /e\.g\. net\.ipv4\.ip_unprivileged_port_start$/,
  },
  // The runtime made a folder "/config/ " beside /config: the app's data went to the image's layer.
  {
    name: 'a mount path with a trailing space',
    build: app('bazarr', mountedAt('/cache ')),
    layer: 'props', path: 'bazarr', field: 'persistence.cache.mountPath', hint: /write the path alone: \/cache$/,
  },
  // Was "not absolute", with the hint '/ /cache'.
  {
    name: 'a mount path with a leading space',
    build: app('bazarr', mountedAt(' /cache')),
    layer: 'props', path: 'bazarr', field: 'persistence.cache.mountPath', hint: /write the path alone: \/cache$/,
  },
  {
    name: 'a mount path with a tab in it',
    build: app('bazarr', mountedAt('/ca\tche')),
    layer: 'props', path: 'bazarr', field: 'persistence.cache.mountPath', hint: /write the path alone: \/cache$/,
  },
  {
    name: 'a mount path of a container given after a line break',
    build: app('bazarr', { sidecars: [{ name: 'exporter', image: 'busybox:1.36.1', mounts: [{ volume: 'cache', mountPath: '/cache\n' }] }], ...mountedAt('/cache') }),
    layer: 'props', path: 'bazarr', field: /mountPath$/, hint: /write the path alone: \/cache$/,
  },
  // The node mounted (or made) a folder whose name ends in the space: the export's folder stayed empty.
  {
    name: 'an NFS folder with a trailing space',
    build: guarded((cluster: ClusterChart) => app('sonarr', { persistence: { tv: { volume: AppVolume.nfs(lab.nfs.share, 'tv '), mountPath: '/tv' } } })(cluster)),
    layer: 'props', path: 'sonarr', field: 'persistence.tv.volume', hint: /AppVolume\.nfs\(<export>, 'tv'\)/,
  },
  {
    name: 'an NFS folder copied with its line break',
    build: guarded((cluster: ClusterChart) => app('sonarr', { persistence: { tv: { volume: AppVolume.nfs(lab.nfs.share, 'tv\n'), mountPath: '/tv' } } })(cluster)),
    layer: 'props', path: 'sonarr', field: 'persistence.tv.volume', message: /folder "tv\\n"/,
  },
  {
    name: 'a host path with a trailing space',
    build: app('sonarr', { exemptions: { hostPath: 'the media folder of the node' }, persistence: { tv: { volume: AppVolume.hostPath('/mnt/tv '), mountPath: '/tv' } } }),
    layer: 'props', path: 'sonarr', field: 'persistence.tv.volume', hint: /AppVolume\.hostPath\('\/mnt\/tv'\)/,
  },
  {
    name: 'a route path copied with its line break',
    build: app('bazarr', { route: { host: 'bazarr', path: '/api\n' } }),
    layer: 'props', path: 'bazarr', field: 'route.path', message: /^route path "\/api\\n" holds/,
  },
  // "exec: \" /app/bin/bazarr\": stat  /app/bin/bazarr: no such file or directory", at every start.
  {
    name: 'a command whose program has a space before it',
    build: app('bazarr', { command: [' /app/bin/bazarr'] }),
    layer: 'schema', path: 'bazarr/deployment', field: 'spec.template.spec.containers[0].command', hint: /write the program alone: "\/app\/bin\/bazarr"$/,
  },
  {
    name: 'a command whose program is empty',
    build: app('bazarr', { command: ['', '--port', '6767'] }),
    layer: 'schema', path: 'bazarr/deployment', field: 'spec.template.spec.containers[0].command',
  },
  {
    name: "a probe's command copied with a trailing space",
    build: app('bazarr', { probes: { readiness: { command: ['pg_isready ', '-U', 'postgres'] } } }),
    layer: 'props', path: 'bazarr', field: 'probes.readiness.command', hint: /"pg_isready"/,
  },
  {
    name: "a preStop hook's command copied with a trailing line break",
    build: (cluster: ClusterChart) => raw(cluster, 'w', goodDeployment('web', { containers: [goodContainer({ lifecycle: { preStop: { exec: { command: ['/usr/sbin/nginx\n', '-s', 'quit'] } } } })] })),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].lifecycle.preStop.exec.command', hint: /"\/usr\/sbin\/nginx"/,
  },
  // One GPU in the lab: two of the three pods waited in Pending, "0/2 nodes are available: Insufficient nvidia.com/gpu".
  {
    name: 'three replicas of an app that takes the one GPU of the lab',
    build: app('ollama', { image: 'ollama/ollama:0.3.12', ports: [{ name: 'http', port: 11434 }], replicas: 3, gpu: { vendor: 'nvidia' } }),
    layer: 'inventory', path: 'ollama', field: 'replicas', hint: /at most 1 replica/,
  },
  // Taken by the API server: the Job completes at once, or waits forever, and the migration never runs.
  {
    name: 'a Job of 0 completions',
    build: app('migrate', job({ completions: 0 })),
    layer: 'props', path: 'migrate', field: 'controller.props.completions',
  },
  {
    name: 'a Job of parallelism 0',
    build: app('migrate', job({ parallelism: 0 })),
    layer: 'props', path: 'migrate', field: 'controller.props.parallelism',
  },
];
