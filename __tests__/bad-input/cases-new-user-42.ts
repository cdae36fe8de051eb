import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { App, AppController, AppVolume, argoCd, ClusterChart as Cluster, flux, Forgejo, ForgejoDatabase, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, lab, labApp, raw } from './lab';

// A new user's month, from the README alone: four Raspberry Pi 4 and an x86 mini PC with an NVIDIA card, a NAS
// exporting NFS, Argo CD, a second cluster on two VPS later; AdGuard Home, monitoring, Gitea, Frigate with a
// Coral, Syncthing, qBittorrent behind a VPN, Mosquitto and Node-RED, Plex, a Cloudflare tunnel, a nightly
// dump of a shared PostgreSQL, dual-stack addresses. Most of its mistakes were refused already (earlier
// rounds); these are the ones that passed, and the ones of this lab the corpus did not have in its form.

/** What a .js lab passes: whatever it wrote, unchecked. */
const js = <T>(value: unknown): T => value as T;

/** The lab's inventory: four arm64 Raspberry Pis and the amd64 mini PC with the NVIDIA card, dual-stack, and the NAS. */
export const pis = [1, 2, 3, 4].map((n) => host(`pi${n}`, {
  arch: 'arm64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `192.168.42.${10 + n}`, ipv6Address: `fd42::${10 + n}`,
}));
export const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '192.168.42.20', ipv6Address: 'fd42::20', gpus: [{ vendor: 'nvidia' }] });
export const home = site('nu42', {
  domain: 'home.nu42.test', hosts: [...pis, mini], git: { url: 'https://github.com/nu42/lab.git' },
  pools: { vips: { first: '192.168.42.200', last: '192.168.42.220' }, vips6: { first: 'fd42::200', last: 'fd42::220' } },
  nfs: { nas: { server: '192.168.42.5', path: '/volume1/k8s' } },
});

/** The lab's cluster `pis`: four arm64 Pis and the amd64 mini PC, under Argo CD; `build` adds to it. */
const onPis = (build: (cluster: ClusterChart) => unknown) => guarded((_lab: ClusterChart, app: CdkApp) => build(new Cluster(app, 'pis', {
  site: home, hosts: [...pis, mini], routes: traefik({ address: home.pools.vips.at('192.168.42.200') }),
  loadBalancer: metalLb({ pools: [home.pools.vips, home.pools.vips6] }), storage: { local: localPathStorage() }, gitops: argoCd(),
})));

/** An app of the lab's cluster `pis` with `props`. */
const piApp = (id: string, props: Record<string, unknown>) => onPis((cluster) => new App(cluster, id, js({ ports: [{ name: 'http', port: 8080 }], ...props })));

/** An App of the corpus' lab, built as synth builds it: what its constructor throws is a finding. */
const labAppOf = (id: string, props: Record<string, unknown> = {}) => guarded(labApp(id, props));

/** The image's own start, as the README's Frigate needs it: s6-overlay as root on a writable root. */
const S6_ROOT = { runAsRoot: 'its init (s6-overlay) starts as root', writableRootFilesystem: 's6-overlay writes /run' };

export const CASES: BadInput[] = [
  // An accelerator's build of an image is named by the accelerator, not by its one architecture: taken for the
  // NVIDIA mini PC, it lands on the Pis as readily, and stops there with "exec format error".
  {
    name: "Frigate's TensorRT image, for the NVIDIA card, with no placement in a cluster of arm64 Pis",
    build: piApp('frigate', { image: 'ghcr.io/blakeblackshear/frigate:0.14.1-tensorrt', ports: [{ name: 'http', port: 5000 }], exemptions: S6_ROOT }),
    layer: 'inventory', path: 'pis/frigate', field: 'image',
    message: /built for amd64 \(its tag says tensorrt: the build for NVIDIA GPUs\), but may run on pi1 \(arm64\)/, hint: /placement: \{ arch: 'amd64' \}/,
  },
  {
    name: "Frigate's Jetson image placed on the amd64 mini PC",
    build: piApp('frigate', { image: 'ghcr.io/blakeblackshear/frigate:0.14.1-tensorrt-jp6', ports: [{ name: 'http', port: 5000 }], exemptions: S6_ROOT, placement: { host: mini } }),
    layer: 'inventory', path: 'pis/frigate', field: 'image', message: /built for arm64 .*but may run on mini \(amd64\)/,
  },
  {
    name: "Frigate's Rockchip image on the mini PC and the Pis alike",
    build: piApp('frigate', { image: 'ghcr.io/blakeblackshear/frigate:0.14.1-rk', ports: [{ name: 'http', port: 5000 }], exemptions: S6_ROOT }),
    layer: 'inventory', path: 'pis/frigate', field: 'image', message: /built for arm64 \(its tag says rk: /,
  },
  {
    name: "Immich's CUDA machine-learning image with no placement among the Pis",
    build: piApp('immich-ml', { image: 'ghcr.io/immich-app/immich-machine-learning:v1.119.1-cuda', ports: [{ name: 'http', port: 3003 }] }),
    layer: 'inventory', path: 'pis/immich-ml', field: 'image', message: /its tag says cuda/,
  },
  {
    name: "Immich's OpenVINO machine-learning image with no placement among the Pis",
    build: piApp('immich-ml', { image: 'ghcr.io/immich-app/immich-machine-learning:v1.119.1-openvino', ports: [{ name: 'http', port: 3003 }] }),
    layer: 'inventory', path: 'pis/immich-ml', field: 'image', message: /built for amd64 \(its tag says openvino/,
  },
  {
    name: "Ollama's ROCm image, written from Docker Hub without the registry's name, with no placement among the Pis",
    build: piApp('ollama', { image: 'docker.io/ollama/ollama:0.3.14-rocm', ports: [{ name: 'http', port: 11434 }] }),
    layer: 'inventory', path: 'pis/ollama', field: 'image', message: /built for amd64 \(its tag says rocm/,
  },
  // An IPv6 address written into a URL as into the inventory, without the brackets a URL needs around it.
  {
    name: "Node-RED's MQTT broker URL with the broker's IPv6 address and port, without brackets",
    build: labAppOf('node-red', { image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], env: { MQTT_URL: 'mqtt://fd42::204:1883' } }),
    layer: 'props', path: 'node-red', field: 'env.MQTT_URL', hint: /^put the address in brackets: MQTT_URL: 'mqtt:\/\/\[fd42::204\]:1883'$/,
  },
  {
    name: 'an API URL with an IPv6 address, a port and a path, without brackets',
    build: labAppOf('homepage', { env: { API_URL: 'http://fd42::20:8080/api' } }), layer: 'props', path: 'homepage', field: 'env.API_URL',
    hint: /'http:\/\/\[fd42::20\]:8080\/api'/,
  },
  {
    name: 'an https URL of the NAS by its IPv6 address alone, without brackets',
    build: labAppOf('syncthing', { env: { NAS_URL: 'https://fd42::5' } }), layer: 'props', path: 'syncthing', field: 'env.NAS_URL', hint: /'https:\/\/\[fd42::5\]'$/,
  },
  {
    name: 'a database URL with an IPv6 host without brackets, whose password the hint does not print',
    build: labAppOf('gitea', { env: { DATABASE_URL: 'postgres://gitea:Sup3rS3cret@fd42::30:5432/gitea' } }), layer: 'props', path: 'gitea', field: 'env.DATABASE_URL',
    hint: /^put the address in brackets: DATABASE_URL: 'postgres:\/\/gitea:<password>@\[fd42::30\]:5432\/gitea'$/,
  },
  {
    name: 'a sidecar env URL with an IPv6 host without brackets',
    build: labAppOf('qbittorrent', { sidecars: [{ name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1', env: { HTTP_CONTROL_SERVER_URL: 'http://fd42::1:8000' } }] }),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].env.HTTP_CONTROL_SERVER_URL', hint: /\[fd42::1\]:8000/,
  },
  {
    name: 'an IPv6 URL without brackets given to addEnv',
    build: guarded((cluster: ClusterChart) => labApp('node-red')(cluster).addEnv('MQTT_URL', 'mqtt://fd42::204:1883')),
    layer: 'props', path: 'node-red', field: 'addEnv.MQTT_URL', hint: /\[fd42::204\]:1883/,
  },
  {
    name: "a Cloudflare tunnel's --url of the mini PC's IPv6 address and port, without brackets",
    build: labAppOf('cloudflared', { image: 'cloudflare/cloudflared:2024.10.0', ports: [], args: ['tunnel', '--no-autoupdate', '--url', 'http://fd42::20:1880', 'run'] }),
    layer: 'props', path: 'cloudflared', field: 'args[3]', hint: /^put the address in brackets: 'http:\/\/\[fd42::20\]:1880'$/,
  },
  {
    name: "a sidecar's flag given a URL with an IPv6 host after its =, without brackets",
    build: labAppOf('node-red', { sidecars: [{ name: 'exporter', image: 'ghcr.io/nu42/mqtt-exporter:1.0.0', args: ['--mqtt.server=tcp://fd42::204:1883'] }] }),
    layer: 'props', path: 'node-red', field: 'sidecars[0].args[0]', hint: /'--mqtt\.server=tcp:\/\/\[fd42::204\]:1883'$/,
  },
  // The NAS' folder given as an options object, as other factories take theirs.
  {
    name: "an NFS folder given as { subPath }, whose hint writes the folder rather than '[object Object]'",
    build: guarded(labApp('nightly', { persistence: { backup: { volume: AppVolume.nfs(lab.nfs.share, js({ subPath: 'backups' })), mountPath: '/backup' } } })),
    layer: 'props', path: 'nightly', field: 'persistence.backup.volume', hint: /^write the folder as text: AppVolume\.nfs\(<export>, 'backups'\)$/,
  },
  {
    name: 'an NFS folder given as a number',
    build: guarded(labApp('nightly', { persistence: { backup: { volume: AppVolume.nfs(lab.nfs.share, js(2024)), mountPath: '/backup' } } })),
    layer: 'props', path: 'nightly', field: 'persistence.backup.volume', hint: /AppVolume\.nfs\(<export>, '2024'\)$/,
  },
  // A Git server written with its IPv6 address and port.
  {
    name: 'a Git URL of an IPv6 address and a port, without brackets, whose hint keeps the port apart',
    build: guarded((_lab: ClusterChart, app: CdkApp) => new Cluster(app, 'vps', {
      site: site('cloud', { domain: 'cloud.nu42.test', hosts: [host('vps1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.99.0.1' })], git: { url: 'https://fd42::7:3000/nu42/lab.git' } }),
      hosts: [], routes: traefik({ nodePorts: true }), gitops: flux(),
    })),
    layer: 'inventory', path: 'inventory/site/cloud', field: 'git.url', hint: /'https:\/\/\[fd42::7\]:3000\/nu42\/lab\.git'/,
  },
  // Discovery ports copied from the images' compose files: their clients broadcast, and no load balancer hears it.
  {
    name: "Syncthing's local discovery port 21027 on its load balancer, as its compose file publishes it",
    build: labAppOf('syncthing', {
      image: 'syncthing/syncthing:1.27.12', ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }, { name: 'discovery', port: 21027, protocol: 'UDP' }],
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/syncthing' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.14'), ports: ['sync', 'discovery'] },
    }),
    layer: 'references', path: 'syncthing', field: 'loadBalancer.ports', message: /Syncthing's local discovery/, hint: /exemptions: \{ hostNetwork/,
  },
  {
    name: "Plex's GDM discovery ports declared on a pod of the pod network, as the image's bridge example lists them",
    build: labAppOf('plex', { ports: [{ name: 'http', port: 8080 }, { name: 'gdm-1', port: 32410, protocol: 'UDP' }, { name: 'gdm-2', port: 32412, protocol: 'UDP' }] }),
    layer: 'references', path: 'plex', field: 'ports[1]', message: /Plex's GDM discovery/,
  },
  {
    name: "Forgejo's PostgreSQL host written as an IPv6 address in brackets with its port, as a URL has it",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', {
      route: { host: 'git' }, database: ForgejoDatabase.postgres({ host: '[fd42::30]:5432', password: SecretReference.external('forgejo', 'forgejo-db', 'password') }),
    })),
    layer: 'props', path: 'forgejo', field: 'database.postgres.host', hint: /host: 'fd42::30', and port: 5432$/,
  },
  // The volume given as the persistence entry itself, its mount path left out, as a .js lab writes it on the first try.
  {
    name: 'a claim given as the persistence entry itself, without volume: and mountPath',
    build: labAppOf('mosquitto', { persistence: { data: AppVolume.claim({ tier: 'local', size: '1Gi' }) } }),
    layer: 'props', path: 'mosquitto', field: 'persistence.data', message: /^persistence\.data is a volume AppVolume\.claim\(\) made/,
    hint: /persistence: \{ data: \{ volume: AppVolume\.claim\(\{ tier: 'local', size: '1Gi' \}\), mountPath: '\/data' \} \}$/,
  },
  {
    name: 'a ConfigMap volume given as the persistence entry itself',
    build: labAppOf('mosquitto', { persistence: { config: AppVolume.configMap('mosquitto') } }),
    layer: 'props', path: 'mosquitto', field: 'persistence.config', hint: /volume: AppVolume\.configMap\(…\), mountPath: '\/config'/,
  },
  // A macro with a blank after it, as a value copied out of a YAML comment or a table: the parser takes the blank as part of it.
  {
    name: "the nightly dump's schedule written '@daily ' with a blank after the macro",
    build: labAppOf('nightly', { image: 'postgres:16.4', command: ['sh', '-c', 'pg_dumpall'], ports: [], controller: AppController.cronJob({ schedule: '@daily ' }) }),
    layer: 'props', path: 'nightly', field: 'controller.props.schedule', message: /the macro "@daily" has blanks around it/, hint: /^write it without the blanks: schedule: '@daily'$/,
  },
  {
    name: "a schedule of '@every 6h ' with a blank after its interval",
    build: labAppOf('nightly', { image: 'postgres:16.4', command: ['sh', '-c', 'pg_dumpall'], ports: [], controller: AppController.cronJob({ schedule: '@every 6h ' }) }),
    layer: 'props', path: 'nightly', field: 'controller.props.schedule', hint: /schedule: '@every 6h'$/,
  },
  {
    name: "a hand-written CronJob whose schedule ' @weekly' starts with a blank",
    build: (cluster) => raw(cluster, 'cron', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'weekly', namespace: 'web' },
      spec: { schedule: ' @weekly', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [goodContainer()], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } } } } },
    }),
    layer: 'schema', path: 'cron', field: 'spec.schedule', hint: /schedule: '@weekly'$/,
  },
  // The tunnel's origin written with the namespace one letter off: every request to its host goes nowhere.
  {
    name: "a Cloudflare tunnel's --url naming Node-RED's Service in namespace nodered, where the app's namespace is node-red",
    build: (cluster) => {
      labApp('node-red', { image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } })(cluster);
      labApp('cloudflared', { image: 'cloudflare/cloudflared:2024.10.0', ports: [], args: ['tunnel', '--no-autoupdate', '--url', 'http://node-red.nodered:1880', 'run'] })(cluster);
    },
    layer: 'references', path: 'cloudflared', field: 'args[3]', message: /the cluster has no namespace "nodered"; Service node-red is in namespace "node-red"/, hint: /^call node-red\.node-red$/,
  },
  // The claim token Plex's page gives, pasted into the env as its docker run line has it.
  {
    name: "Plex's PLEX_CLAIM written out as plex.tv/claim gives it",
    build: labAppOf('plex', { env: { PLEX_CLAIM: 'claim-Qx1Tz9aPwEqfHmHhHkZc' } }), layer: 'props', path: 'plex', field: 'env.PLEX_CLAIM',
    message: /holds a Plex claim token \(plex\.tv\/claim\)/,
  },
  {
    name: "a Cloudflare tunnel's --url naming Node-RED by its short name from the tunnel's own namespace, as compose names a service",
    build: (cluster) => {
      labApp('node-red', { image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } })(cluster);
      labApp('cloudflared', { image: 'cloudflare/cloudflared:2024.10.0', ports: [], args: ['tunnel', '--no-autoupdate', '--url', 'http://node-red:1880', 'run'] })(cluster);
    },
    layer: 'references', path: 'cloudflared', field: 'args[3]', hint: /^Service node-red is in namespace "node-red": call node-red\.node-red$/,
  },
  // The rest of the month: mistakes of this lab in forms the corpus did not hold.
  {
    name: "a nightly dump's CronJob in the time zone Local, as the host's timedatectl shows it",
    build: labAppOf('nightly', { controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Local' }) }),
    layer: 'props', path: 'nightly', field: 'controller.props.timeZone',
  },
  {
    name: "a nightly dump's CronJob with a time zone misspelt",
    build: labAppOf('nightly', { controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Europe/Berlim' }) }),
    layer: 'props', path: 'nightly', field: 'controller.props.timeZone', hint: /'Europe\/Berlin'/,
  },
  {
    name: 'an env variable name with a space, as a compose file written by hand has it',
    build: labAppOf('syncthing', { env: { 'STGUI ADDRESS': '0.0.0.0:8384' } }), layer: 'props', path: 'syncthing', field: 'env.STGUI ADDRESS',
  },
  {
    name: "Plex's CPU limit written 500 where 500m was meant",
    build: labAppOf('plex', { resources: { cpuRequest: '100m', cpuLimit: '500' } }), layer: 'props', path: 'plex', field: 'resources.cpuLimit', hint: /'500m'/,
  },
  {
    name: "Node-RED's port named webUI, in capitals",
    build: labAppOf('node-red', { ports: [{ name: 'webUI', port: 1880 }] }), layer: 'props', path: 'node-red', field: 'ports[0].name', hint: /'webui'/,
  },
  {
    name: 'an app namespace written with a capital, as the dashboard titles it',
    build: labAppOf('mosquitto', { namespace: 'Home' }), layer: 'props', path: 'mosquitto', field: 'namespace', hint: /namespace: 'home'/,
  },
  {
    name: 'an app id in camel case, as the JavaScript variable is named',
    build: labAppOf('NodeRed'), layer: 'props', path: 'NodeRed', field: 'id', hint: /'nodered'/,
  },
  {
    name: "Syncthing's route host written as the mini PC's IPv6 address",
    build: labAppOf('syncthing', { route: { host: 'fd42::20' } }), layer: 'props', path: 'syncthing', field: 'route.host',
  },
  {
    name: "Frigate's memory request above its limit, copied from two compose files",
    build: labAppOf('frigate', { resources: { memoryRequest: '2Gi', memoryLimit: '1Gi' } }), layer: 'props', path: 'frigate', field: 'resources.memoryRequest',
  },
  {
    name: "Gitea's readiness probe on its SSH port number, which the container does not declare",
    build: labAppOf('gitea', { image: 'gitea/gitea:1.22.3-rootless', ports: [{ name: 'http', port: 3000 }], persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } }, probes: { readiness: { tcp: true, port: 22 } } }), layer: 'props', path: 'gitea', field: 'probes.readiness.port',
  },
  {
    name: "qBittorrent's VPN sidecar given NET_ADMIN as capabilities, without the exemption",
    build: guarded(labApp('qbittorrent', { sidecars: [{ name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1', capabilities: ['NET_ADMIN'] }] })),
    layer: 'props', path: 'qbittorrent', field: 'sidecars[0].capabilities',
  },
  {
    name: 'two apps on the host network that both listen on the same port',
    build: guarded((cluster: ClusterChart) => {
      labApp('mdns-a', { exemptions: { hostNetwork: 'mDNS discovery' } })(cluster);
      labApp('mdns-b', { exemptions: { hostNetwork: 'mDNS discovery' } })(cluster);
    }),
    layer: 'inventory', path: 'mdns-b', field: 'ports[0]',
  },
  {
    name: 'an MQTT broker on the load-balancer address AdGuard Home has',
    build: guarded((cluster: ClusterChart) => {
      labApp('adguard', { loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['http'] } })(cluster);
      labApp('mosquitto', { image: 'ghcr.io/nu42/mqtt-broker:1.0.0', ports: [{ name: 'mqtt', port: 1883 }], loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['mqtt'] } })(cluster);
    }),
    layer: 'inventory', path: 'mosquitto', field: 'loadBalancer.address',
  },
  {
    name: "Argo CD's selfHeal given to the VPS cluster's flux()",
    build: guarded((_lab: ClusterChart, app: CdkApp) => new Cluster(app, 'vps', js({
      site: lab, hosts: [], routes: traefik({ nodePorts: true }), gitops: flux(js({ selfHeal: true })),
    }))),
    layer: 'props', path: 'vps', field: 'gitops.selfHeal',
  },
  {
    name: 'a Cloudflare tunnel token written after --token in the args',
    build: labAppOf('cloudflared', { image: 'cloudflare/cloudflared:2024.10.0', args: ['tunnel', '--no-autoupdate', 'run', '--token', 'eyJhIjoiMTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYiLCJ0IjoiYWJjZCJ9'] }),
    layer: 'props', path: 'cloudflared', field: 'args[4]',
  },
  {
    name: "basic auth of Syncthing's route written as an htpasswd line",
    build: guarded(labApp('syncthing', { route: { host: 'sync', basicAuth: js('admin:$apr1$q8eZFHjF$Fvmkk/yzCCp0A9P7vE3jY/') } })),
    layer: 'props', path: 'syncthing', field: 'route.basicAuth',
  },
  {
    name: 'a PostgreSQL password secret read from a Secret of another namespace',
    build: labAppOf('gitea', { namespace: 'gitea', env: { GITEA__database__PASSWD: SecretReference.external('db', 'gitea-db', 'password') } }),
    layer: 'references', path: 'gitea', field: 'env.GITEA__database__PASSWD',
  },
];
