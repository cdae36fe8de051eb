import { AppDevice, AppVolume, MediaContainers } from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A docker-compose service ported key by key: compose's keys and value forms, each answered on the prop
// the user wrote with what it is here, and compose's network modes, which once vanished without a word.

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
const media = (container: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', listenPort: 8989, ...container } as MediaContainer },
}));
const app = (name: string, props: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  ({ name, build: guarded(labApp('web', props)), layer: 'props', path: 'web', field, hint });
const vpn = { name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1' };

export const CASES: BadInput[] = [
  // The sonarr container ran on the pod network, outside the VPN it was meant to use.
  { name: "a media container on compose's network_mode service:gluetun", build: media({ network: 'service:gluetun' }), layer: 'props', path: 'media', field: 'containers.sonarr.network', hint: /sidecar/ },
  { name: "a media container on compose's bridge network", build: media({ network: 'bridge' }), layer: 'props', path: 'media', field: 'containers.sonarr.network', hint: /leave network out/ },
  // A device without its exemption was reported on the device and again on the Deployment's volume.
  {
    name: 'a VPN device without the hostPath exemption',
    build: guarded(labApp('web', {
      sidecars: [vpn], devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
      persistence: { gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] } },
    })),
    layer: 'policy', path: 'web', field: 'devices[0]',
  },
  { name: 'a device for a container the app does not have', build: guarded(labApp('web', { exemptions: { hostPath: 'VPN' }, devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })] })), layer: 'references', path: 'web', field: 'devices[0].containers[0]' },
  { name: "a device's containers given as one name", build: guarded(labApp('web', { exemptions: { hostPath: 'VPN' }, devices: [AppDevice.hostDevice('/dev/net/tun', { containers: 'gluetun' as any })] })), layer: 'props', path: 'web', field: 'devices[0].containers' },
  // Compose's keys: "App knows: …" listed every prop but the one meant.
  app("compose's user on an app", { user: '1000:1000' }, 'user', /runAsUser: 1000, runAsGroup: 1000/),
  app("compose's restart on an app", { restart: 'unless-stopped' }, 'restart', /leave restart out/),
  app("compose's depends_on on an app", { depends_on: ['db'] }, 'depends_on', /egress: \[db\]/),
  app("compose's environment on an app", { environment: { TZ: 'Europe/Oslo' } }, 'environment', /env: \{/),
  app("compose's env_file on an app", { env_file: '.env' }, 'env_file', /SecretReference/),
  app("compose's healthcheck on an app", { healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'] } }, 'healthcheck', /probes: \{ readiness/),
  app("compose's shm_size on an app", { shm_size: '256mb' }, 'shm_size', /emptyDir\(\{ memory: true/),
  app("compose's network_mode on an app", { network_mode: 'host' }, 'network_mode', /hostNetwork/),
  app("compose's volumes on an app", { volumes: ['./data:/data'] }, 'volumes', /persistence: \{ data/),
  app("compose's privileged on an app", { privileged: true }, 'privileged', /exemptions: \{ privileged/),
  app("compose's cap_add on a sidecar", { sidecars: [{ ...vpn, cap_add: ['NET_ADMIN'] }] }, 'sidecars[0].cap_add', /addCapabilities/),
  {
    name: "compose's environment on a sidecar added later",
    build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addSidecar({ ...vpn, environment: { VPN_TYPE: 'wireguard' } } as any)),
    layer: 'props', path: 'web', field: 'addSidecar.environment', hint: /env: \{/,
  },
  // Compose's value forms: the hint said only what type the prop takes.
  app("compose's user string as runAsUser", { runAsUser: '1000:1000' }, 'runAsUser', /runAsUser: 1000, runAsGroup: 1000/),
  app("compose's port mapping as a port", { ports: ['8080:80'] }, 'ports[0]', /port: 80 \}/),
  app("compose's port mapping as a port number", { ports: [{ name: 'http', port: '8080:80' }] }, 'ports[0].port', /port: 80, beside its name/),
  app("compose's environment list as env", { env: ['TZ=Europe/Oslo', 'SIGNUPS_ALLOWED=false'] }, 'env', /\{ TZ: 'Europe\/Oslo', SIGNUPS_ALLOWED: 'false' \}/),
  app("compose's command as a line of text", { command: '/start.sh --verbose' }, 'command', /\['\/start.sh', '--verbose'\]/),
  app("compose's shell command as a line of text", { args: 'sleep 5 && exec server' }, 'args', /\['sh', '-c', 'sleep 5 && exec server'\]/),
  // A mount path with docker's options mounted a folder named "data:ro", writable; a relative host path reached the API server.
  app("a mount path with docker's :ro", { persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data:ro' } } }, 'persistence.data.mountPath', /readOnly: true/),
  app("a host path relative to the compose file", { exemptions: { hostPath: 'bind mount' }, persistence: { data: { volume: AppVolume.hostPath('./data'), mountPath: '/data' } } }, 'persistence.data.volume', /hostPath\('\/srv\/data'\)/),
  // A whole volume line of compose as the host path mounted a folder named "/mnt/media:/media:ro", writable.
  app("compose's volume line as a host path", { exemptions: { hostPath: 'NAS share' }, persistence: { media: { volume: AppVolume.hostPath('/mnt/media:/media:ro'), mountPath: '/media' } } }, 'persistence.media.volume', /hostPath\('\/mnt\/media'\), mountPath: '\/media', readOnly: true/),
  // A claim's size in docker's units was reported on the app built after it, which read it while rendering.
  {
    name: "a claim's size in docker's units, with an app built after it",
    build: guarded((cluster: ClusterChart) => {
      labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1g' }), mountPath: '/data' } } })(cluster);
      labApp('later')(cluster);
    }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.size', hint: /'1Gi'/,
  },
  // Value forms whose hint showed something else than the library's way: a port's number taken as its name,
  // the shape's map marker as a key, a key that is no name unquoted.
  app("compose's port without a host port", { ports: ['8080'] }, 'ports[0]', /\{ name: 'http', port: 8080 \}/),
  app("compose's pass-through environment names", { env: ['TZ', 'PUID'] }, 'env', /env: \{ TZ: '…', PUID: '…' \}/),
  app("Kubernetes' env list", { env: [{ name: 'TZ', value: 'Europe/Oslo' }] }, 'env', /\{ TZ: 'Europe\/Oslo' \}/),
  app("compose's volume line as a persistence entry", { persistence: { config: './config:/config' } }, 'persistence.config', /config: \{ volume: AppVolume\.hostPath\('\/srv\/config'\), mountPath: '\/config' \}/),
  app("a folder of the node as a volume", { persistence: { media: { volume: '/mnt/media', mountPath: '/media' } } }, 'persistence.media.volume', /AppVolume\.hostPath\('\/mnt\/media'\)/),
  app("compose's volumes list as persistence", { persistence: ['/mnt/media:/media:ro'] }, 'persistence', /persistence: \{ media: \{ volume: AppVolume\.hostPath/),
  app("compose's labels list with a dotted key", { labels: ['com.example.team=media'] }, 'labels', /\{ 'com\.example\.team': 'media' \}/),
  // App-template's values and a pod spec's keys: "did you mean" named a prop that means something else.
  app("app-template's ingress on an app", { ingress: { main: { hosts: [{ host: 'web.lab.test' }] } } }, 'ingress', /route: \{ host/),
  app("app-template's service on an app", { service: { main: { ports: { http: { port: 80 } } } } }, 'service', /ports: \[\{ name: 'http'/),
  app("app-template's controllers on an app", { controllers: { main: { containers: {} } } }, 'controllers', /sidecars/),
  app("a pod's securityContext on an app", { securityContext: { runAsUser: 1000 } }, 'securityContext', /runAsUser: 1000, runAsGroup: 1000/),
  app("a pod's hostNetwork on an app", { hostNetwork: true }, 'hostNetwork', /exemptions: \{ hostNetwork/),
  app("compose's healthcheck interval in a probe", { probes: { readiness: { httpPath: '/', interval: '30s' } } }, 'probes.readiness.interval', /periodSeconds: 30/),
  app("compose's healthcheck test in a probe", { probes: { readiness: { test: ['CMD', 'curl', '-f', 'http://localhost:8080/'] } } }, 'probes.readiness.test', /command: \['curl'/),
  app("compose's memory on resources", { resources: { memory: '512m' } }, 'resources.memory', /memoryLimit: '512Mi'/),
];
