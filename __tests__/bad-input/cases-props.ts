import type { Construct } from 'constructs';
import * as homelab from '../../constructs';
import { App, metalLb } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labApp, labCluster } from './lab';

// Props given from JavaScript or through `as any`: unknown names and wrong types are findings, never ignored.
const app = (props: Record<string, unknown>, field: string, name = `App prop ${field}`): BadInput =>
  ({ name: `${name}: ${field}`, build: guarded(labApp('web', props)), layer: 'props', path: 'web', field });
const cluster = (props: Record<string, unknown>, field: string): BadInput =>
  ({ name: `ClusterChart prop ${field}`, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field });

/** A cluster of a site of its own with one host, `solo`, whose node list `nodes` makes from it. */
function soloCluster(root: Construct, nodes: (solo: homelab.Host<any, any>) => homelab.Host<any, any>[]): void {
  const solo = homelab.host('solo', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
  const soloSite = homelab.site('solo', { domain: 'solo.test', hosts: [solo], git: { url: 'https://git.solo.test/lab.git' } });
  new homelab.ClusterChart(root, 'solo', { site: soloSite, hosts: nodes(solo), routes: homelab.traefik(), storage: {} });
}

/** A chart author's App subclass that fails after `App`'s own constructor returned. */
class ThrowingApp extends App {
  constructor(scope: Construct, id: string) {
    super(scope, id, { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    throw new RangeError('the settings file has no port');
  }
}

// Service and secret constructs given no props from JavaScript: the first prop they need is named.
const FIRST_REQUIRED: Record<string, string> = {
  BridgeNetwork: 'bridge', CrossplanePostgres: 'group', DnsRecord: 'name', Harbor: 'route', HomeAssistantVm: 'disk',
  Jellyfin: 'media', MediaContainers: 'settings', StaticNfsVolume: 'export', StaticZfsVolume: 'volume',
  UpstreamProxy: 'domain', WeaveGitOps: 'route', ExternalSecret: 'namespace', SealedSecret: 'namespace', SopsSecret: 'manifest',
};
const serviceCases: BadInput[] = Object.entries(FIRST_REQUIRED).map(([construct, field]) => ({
  name: `${construct} given empty props`,
  build: guarded((c) => new (homelab as unknown as Record<string, new (...args: unknown[]) => unknown>)[construct](c, 'svc', {})),
  layer: 'props', path: 'svc', field,
}));

const external = (name: string, resources: unknown, field: string): BadInput =>
  ({ name: `declareExternal ${name}`, build: (c) => homelab.declareExternal(c, resources as homelab.ExternalResources), layer: 'props', path: 'main', field: `declareExternal.${field}` });

export const CASES: BadInput[] = [
  external('with secrets given as one name', { secrets: 'db' }, 'secrets'),
  external('with a Secret without its namespace', { secrets: [{ name: 'db' }] }, 'secrets[0].namespace'),
  external('with a namespace in capitals', { namespaces: ['Longhorn-System'] }, 'namespaces[0]'),
  external('with a kind misspelt namespace', { namespace: ['longhorn-system'] }, 'namespace'),
  external('with a Service name with an underscore', { services: [{ namespace: 'web', name: 'my_db' }] }, 'services[0].name'),
  external('given a list', [{ namespace: 'web', name: 'db' }], 'resources'),
  ...serviceCases,
  { name: 'Ollama prop typo', build: guarded((c) => new homelab.Ollama(c, 'svc', { acelerator: 'cpu' } as any)), layer: 'props', path: 'svc', field: 'acelerator' },
  { name: 'Forgejo prop typo', build: guarded((c) => new homelab.Forgejo(c, 'svc', { sshh: false } as any)), layer: 'props', path: 'svc', field: 'sshh' },
  { name: 'Harbor admin password in a Secret of another namespace', build: guarded((c) => new homelab.Harbor(c, 'svc', { route: { host: 'registry' }, adminPassword: homelab.SecretReference.external('harbor', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD') })), layer: 'references', path: 'svc', field: 'adminPassword' },
  { name: 'Harbor on a storage tier the cluster lacks', build: guarded((c) => new homelab.Harbor(c, 'svc', { route: { host: 'registry' }, storageTier: 'slow', adminPassword: homelab.SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD') })), layer: 'references', path: 'svc', field: 'storageTier' },
  { name: 'Harbor admin password as a string', build: guarded((c) => new homelab.Harbor(c, 'svc', { route: { host: 'registry' }, adminPassword: 'hunter2' as any })), layer: 'props', path: 'svc', field: 'adminPassword' },
  { name: 'SealedSecret values as a string', build: guarded((c) => new homelab.SealedSecret(c, 'svc', { namespace: 'web', encryptedData: 'AgB' as any })), layer: 'props', path: 'svc', field: 'encryptedData' },
  { name: 'ExternalSecret store by name', build: guarded((c) => new homelab.ExternalSecret(c, 'svc', { namespace: 'web', store: 'vault' as any, data: {} })), layer: 'props', path: 'svc', field: 'store' },
  { name: 'Jellyfin transcoding by name', build: guarded((c) => new homelab.Jellyfin(c, 'svc', { media: homelab.JellyfinMedia.nfs(lab.nfs.share), hardwareTranscoding: 'intel' as any })), layer: 'props', path: 'svc', field: 'hardwareTranscoding' },
  { name: 'Jellyfin media without its export', build: guarded((c) => new homelab.Jellyfin(c, 'svc', { media: homelab.JellyfinMedia.nfs(undefined as any) })), layer: 'props', path: 'svc', field: 'media' },
  { name: 'DnsRecord name in capitals', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'NAS.lab.test', targets: ['10.0.0.9'] })), layer: 'props', path: 'svc', field: 'name' },
  { name: 'DnsRecord A target that is no IPv4 address', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'nas.lab.test', targets: ['10.0.0.300'] })), layer: 'props', path: 'svc', field: 'targets[0]' },
  { name: 'DnsRecord CNAME with two names', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'nas.lab.test', recordType: 'CNAME', targets: ['a.lab.test', 'b.lab.test'] })), layer: 'props', path: 'svc', field: 'targets' },
  { name: 'DnsRecord of a type it does not publish', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'lab.test', recordType: 'MX' as any, targets: ['10 mail.lab.test'] })), layer: 'props', path: 'svc', field: 'recordType' },
  { name: 'DnsRecord with a negative TTL', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'nas.lab.test', targets: ['10.0.0.9'], ttl: -60 })), layer: 'props', path: 'svc', field: 'ttl' },
  { name: 'TCP route added with a misspelt listener', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0', ports: [{ name: 'ssh', port: 2222 }] }).addTcpRoute({ listener: 'ssh', port: 2222 } as any)), layer: 'props', path: 'svc', field: 'addTcpRoute.listener' },
  { name: 'route added with a number for its path', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }] }).addRoute('web', 8080 as any)), layer: 'props', path: 'svc', field: 'addRoute.path' },
  { name: 'volume added without the volume', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0' }).addVolume('cache', undefined as any, { mountPath: '/cache' })), layer: 'props', path: 'svc', field: 'addVolume.volume' },
  { name: 'port added as a number', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0' }).addPort(9090 as any)), layer: 'props', path: 'svc', field: 'addPort' },
  { name: 'load balancer added as nothing', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0' }).addLoadBalancer(undefined as any)), layer: 'props', path: 'svc', field: 'addLoadBalancer' },
  { name: 'sidecar added with a mount that names no volume', build: guarded((c) => new App(c, 'svc', { image: 'nginx:1.27.0' }).addSidecar({ name: 'sync', image: 'busybox:1.36', mounts: [{ mountPath: '/data' }] } as any)), layer: 'props', path: 'svc', field: 'addSidecar.mounts[0].volume' },
  { name: 'media container image given as a number', build: guarded((c) => new homelab.MediaContainers(c, 'svc', { settings: { puid: 1000, pgid: 1000, tz: 'Etc/UTC', configDir: '/var/data', dataDir: '/mnt/data', storageDir: '/mnt/storage' }, containers: { sonarr: { image: 4 as any, listenPort: 8989 } } })), layer: 'props', path: 'svc', field: 'containers.sonarr.image' },
  { name: 'media container without an image', build: guarded((c) => new homelab.MediaContainers(c, 'svc', { settings: { puid: 1000, pgid: 1000, tz: 'Etc/UTC', configDir: '/var/data', dataDir: '/mnt/data', storageDir: '/mnt/storage' }, containers: { sonarr: { listenPort: 8989 } as any } })), layer: 'props', path: 'svc', field: 'containers.sonarr.image' },
  { name: 'static ZFS volume given as a plain object', build: guarded((c) => new homelab.StaticZfsVolume(c, 'svc', { volume: { pool: 'fast', name: 'media', size: '10Gi' } as any, namespace: 'web', claimName: 'media' })), layer: 'props', path: 'svc', field: 'volume' },
  { name: 'static ZFS volume of a size with a decimal unit', build: guarded((c) => new homelab.StaticZfsVolume(c, 'svc', { volume: gpu1.zfs.fast.existingVolume('media', { size: '10GB' }), namespace: 'web', claimName: 'media' })), layer: 'props', path: 'svc', field: 'volume.size' },
  { name: 'Postgres claim with its namespace as a number', build: guarded((c) => new homelab.CrossplanePostgres(c, 'pg', { group: 'database.lab.internal', storageTier: 'fast' }).claim(c, 'svc', { namespace: 5 as any, dbName: 'app', dbUser: 'app', password: homelab.SecretReference.external('web', 'db', 'password') })), layer: 'props', path: 'svc', field: 'namespace' },
  { name: 'Postgres claim without a password', build: guarded((c) => new homelab.CrossplanePostgres(c, 'pg', { group: 'database.lab.internal', storageTier: 'fast' }).claim(c, 'svc', { namespace: 'web', dbName: 'app', dbUser: 'app' } as any)), layer: 'props', path: 'svc', field: 'password' },
  { name: 'SopsSecret of a manifest that is no Secret', build: guarded((c) => new homelab.SopsSecret(c, 'svc', { manifest: { sops: { mac: 'x' } } as any })), layer: 'policy', path: 'svc', field: 'manifest.kind' },
  { name: 'Harbor route without a host', build: guarded((c) => new homelab.Harbor(c, 'svc', { route: { path: '/' } as any, adminPassword: homelab.SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD') })), layer: 'props', path: 'svc', field: 'route.host' },
  { name: 'Forgejo database written by hand', build: guarded((c) => new homelab.Forgejo(c, 'svc', { database: { type: 'postgresql' } as any })), layer: 'props', path: 'svc', field: 'database.type' },
  { name: 'Forgejo route without a host', build: guarded((c) => new homelab.Forgejo(c, 'svc', { route: { basicAuth: undefined } as any })), layer: 'props', path: 'svc', field: 'route.host' },
  { name: 'Jellyfin transcoding type misspelt', build: guarded((c) => new homelab.Jellyfin(c, 'svc', { media: homelab.JellyfinMedia.nfs(lab.nfs.share), hardwareTranscoding: { type: 'qsv' } as any })), layer: 'props', path: 'svc', field: 'hardwareTranscoding.type' },
  { name: 'DnsRecord target as a string', build: guarded((c) => new homelab.DnsRecord(c, 'svc', { name: 'nas.lab.test', targets: '10.0.0.9' as any })), layer: 'props', path: 'svc', field: 'targets' },
  { name: 'env value given as a number', build: guarded(labApp('web', { env: { WORKERS: 4 } })), layer: 'props', path: 'web', field: 'env.WORKERS' },
  { name: 'env value given as an object in place of a SecretReference', build: guarded(labApp('web', { env: { DB_PASSWORD: { secretName: 'db', key: 'password' } } })), layer: 'props', path: 'web', field: 'env.DB_PASSWORD' },
  // A volume factory given no export fails before the app exists: reported on the chart building it.
  { name: 'NFS volume of no export', build: guarded((c) => labApp('web', { persistence: { data: { volume: homelab.AppVolume.nfs(undefined as any), mountPath: '/d' } } })(c)), layer: 'props', path: 'main', field: 'volume' },
  { name: 'claim volume of no props', build: guarded((c) => labApp('web', { persistence: { data: { volume: homelab.AppVolume.claim(undefined as any), mountPath: '/d' } } })(c)), layer: 'props', path: 'main', field: 'volume' },
  { name: 'CronJob without a schedule', build: guarded((c) => labApp('web', { controller: homelab.AppController.cronJob({} as any) })(c)), layer: 'props', path: 'main', field: 'controller' },
  app({ persistence: { data: { volume: homelab.AppVolume.claim({ tier: 'fast', sise: '1Gi' } as any), mountPath: '/d' } } }, 'persistence.data.volume.claim.sise', 'typo in a claim'),
  app({ persistence: { data: { volume: homelab.AppVolume.emptyDir('1Gi' as any), mountPath: '/d' } } }, 'persistence.data.volume.emptyDir', 'size for emptyDir props'),
  app({ controller: homelab.AppController.job({ backofLimit: 3 } as any) }, 'controller.props.backofLimit', 'typo in controller props'),
  app({ imagePullPolicy: true }, 'imagePullPolicy', 'pull policy given as a boolean'),
  app({ route: { host: 'web', path: 'api' } }, 'route.path', 'route path without a leading slash'),
  { name: 'SealedSecret given a string for props', build: guarded((c) => new homelab.SealedSecret(c, 'svc', 'db' as any)), layer: 'props', path: 'svc', field: 'props' },
  { name: 'Jellyfin given no props', build: guarded((c) => new homelab.Jellyfin(c, 'svc', undefined as any)), layer: 'props', path: 'svc', field: 'props' },
  app({ replica: 3 }, 'replica', 'typo replica'),
  app({ securityContext: { runAsUser: 0 } }, 'securityContext', 'unknown prop'),
  app({ port: 8080 }, 'port', 'typo port for ports'),
  app({ envs: { A: 'b' } }, 'envs', 'typo envs'),
  app({ route: { hots: 'web' } }, 'route.hots', 'typo in route'),
  app({ ports: [{ name: 'http', prot: 8080 }] }, 'ports[0].prot', 'typo in a port'),
  app({ probes: { readines: { httpPath: '/' } } }, 'probes.readines', 'typo in probes'),
  app({ resources: { memory: '1Gi' } }, 'resources.memory', 'resources key of Kubernetes'),
  app({ placement: { hostname: gpu1 } }, 'placement.hostname', 'typo in placement'),
  app({ exemptions: { runAsroot: 'needs it' } }, 'exemptions.runAsroot', 'typo in exemptions'),
  app({ persistence: { data: { volume: { type: 'emptyDir', emptyDir: {} }, mountpath: '/d' } } }, 'persistence.data.mountpath', 'typo in persistence'),
  app({ gpu: { vendor: 'nvidia', cnt: 2 } }, 'gpu.cnt', 'typo in gpu'),
  app({ loadBalancer: { adress: lab.pools.vips.at('10.0.8.16') } }, 'loadBalancer.adress', 'typo in loadBalancer'),
  app({ image: 42 }, 'image', 'wrong type'),
  app({ image: undefined }, 'image', 'missing required'),
  app({ replicas: '3' }, 'replicas', 'wrong type'),
  app({ replicas: 1.5 }, 'replicas', 'fraction'),
  app({ runAsUser: -1 }, 'runAsUser', 'negative user id'),
  app({ runAsGroup: 4294967295 }, 'runAsGroup', 'group id above 2^31-1'),
  app({ supplementalGroups: [44, -5] }, 'supplementalGroups[1]', 'negative group id'),
  app({ env: 'A=B' }, 'env', 'wrong type'),
  app({ env: { API_URL: undefined } }, 'env.API_URL', 'undefined env value'),
  app({ labels: { team: 5 } }, 'labels.team', 'wrong type'),
  app({ labels: { team: undefined } }, 'labels.team', 'undefined label'),
  app({ ports: { name: 'http', port: 8080 } }, 'ports', 'object for a list'),
  app({ ports: [{ name: 'http', port: '8080' }] }, 'ports[0].port', 'wrong type'),
  app({ command: 'nginx -g daemon off;' }, 'command', 'string for a list'),
  app({ allowFrom: [{ namepace: 'monitoring' }] }, 'allowFrom[0].namepace', 'typo in a peer, which would admit every pod'),
  app({ egress: [{ podLabel: { app: 'db' } }] }, 'egress[0].podLabel', 'typo in an egress peer, which would allow every destination'),
  app({ allowFrom: ['monitoring'] }, 'allowFrom[0]', 'namespace name for a peer'),
  app({ egress: 'none' }, 'egress', 'word for a list of peers'),
  app({ gpu: { vendor: 'intel', count: 0 } }, 'gpu.count', 'no GPU'),
  app({ metrics: { port: 'http', path: 'metrics' } }, 'metrics.path', 'relative metrics path'),
  app({ metrics: { port: 'http', interval: 'often' } }, 'metrics.interval', 'scrape interval that is no duration'),
  app({ metrics: { port: 'http', scheme: 'https' } }, 'metrics.scheme', 'unknown metrics prop'),
  app({ controller: { kind: 'Job' } }, 'controller.props', 'controller written without its factory'),
  app({ route: { path: '/api' } }, 'route.host', 'route without a host'),
  app({ containers: [undefined] }, 'containers[0]', 'hole in a list'),
  app({ containers: [{ name: 'exporter', image: 'ghcr.io/lab/exporter:1.0.0', prots: [{ name: 'metrics', port: 9100 }] }] }, 'containers[0].prots', 'typo in a container'),
  app({ initContainers: [{ image: 'busybox:1.36', command: ['true'] }] }, 'initContainers[0].name', 'init container without a name'),
  app({ persistence: { data: { mountPath: '/data' } } }, 'persistence.data.volume', 'persistence without its volume'),
  app({ persistence: { data: { volume: { type: 'emptyDir', emptyDir: {} }, mounts: [{ subPath: 'config' }] } } }, 'persistence.data.mounts[0].mountPath', 'mount without its path'),
  app({ ports: [{ port: 8080 }] }, 'ports[0].name', 'port without a name'),
  app({ exemptions: { addCapabilities: { reason: 'binds port 53' } } }, 'exemptions.addCapabilities.capabilities', 'capability exemption without capabilities'),
  app({ devices: ['/dev/ttyUSB0'] }, 'devices[0]', 'device path for a device'),
  app({ devices: [{ type: 'plugin', count: 1 }] }, 'devices[0].resource', 'device plugin without its resource'),
  app({ controller: { kind: 'Jobs', props: {} } }, 'controller.kind', 'unknown controller kind'),
  app({ controller: { kind: 'CronJob', props: { timeZone: 'Etc/UTC' } } }, 'controller.props.schedule', 'CronJob without a schedule'),
  app({ supplementalGroups: ['video'] }, 'supplementalGroups[0]', 'wrong type'),
  app({ probes: { readiness: { periodSeconds: '10' } } }, 'probes.readiness.periodSeconds', 'wrong type'),
  app({ placement: { host: 'gpu1' } }, 'placement.host', 'host by name'),
  app({ placement: { hosts: [gpu1, 'arm1'] } }, 'placement.hosts[1]', 'host by name'),
  app({ placement: { zfsPool: 'fast' } }, 'placement.zfsPool', 'pool by name'),
  app({ loadBalancer: { address: '10.0.8.12' } }, 'loadBalancer.address', 'address as a string'),
  app({ route: 'web' }, 'route', 'string for an object'),
  app({ route: { host: 'web', port: '80' } }, 'route.port', 'wrong type'),
  app({ strategy: 5 }, 'strategy', 'wrong type'),
  { name: 'App given no props', build: guarded((c) => new App(c, 'web', undefined as any)), layer: 'props', path: 'web', field: 'props' },
  // The chart's own code fails after an app is complete: the chart is at fault, not the app built last.
  { name: 'chart code that throws after an app', build: guarded((c) => { labApp('web')(c); throw new TypeError("Cannot read properties of undefined (reading 'port')"); }), layer: 'props', path: 'main', field: 'props' },
  { name: 'chart code that throws before any app', build: guarded(() => { throw new TypeError("Cannot read properties of undefined (reading 'port')"); }), layer: 'props', path: 'main', field: 'props' },
  { name: 'App subclass whose constructor throws', build: guarded((c) => new ThrowingApp(c, 'web')), layer: 'props', path: 'web', field: 'props' },
  { name: 'ClusterChart loadbalancer typo', build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, loadbalancer: metalLb({ pools: [lab.pools.vips] }) } as any)), layer: 'props', path: 'edge', field: 'loadbalancer' },
  cluster({ site: 'lab' }, 'site'),
  cluster({ site: undefined }, 'site'),
  cluster({ hosts: ['gpu1'] }, 'hosts[0]'),
  app({ exemptions: { runAsRoot: '' } }, 'exemptions.runAsRoot', 'exemption without its reason'),
  app({ image: 'nginx:latest', exemptions: { floatingImage: '' } }, 'exemptions.floatingImage', 'latest tag exempted without a reason'),
  cluster({ gitops: homelab.flux({ interval: '5 minutes' }) }, 'gitops.interval'),
  cluster({ gitops: homelab.flux({ namespace: 'Flux_System' }) }, 'gitops.namespace'),
  cluster({ gitops: homelab.flux({ controllerPlacement: { 'notification-controller': 'arm1' as any } }) }, 'gitops.controllerPlacement.notification-controller'),
  {
    name: 'Flux controller placed on a role no host has',
    build: guarded((_c, root) => labCluster(root, 'edge', { gitops: homelab.flux({ controllerPlacement: { 'helm-controller': homelab.rolePlacement([gpu1], 'gitops') } }) })),
    layer: 'inventory', path: 'edge', field: 'gitops.controllerPlacement.helm-controller',
  },
  cluster({ gitops: homelab.gitLabCi({ agent: { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/', ciAccess: { group: 'peers' } } } as any) }, 'gitops.agent.ciAccess'),
  cluster({ gitops: homelab.gitLabCi({ agent: { project: 'infra/agent', name: 'agent' } } as any) }, 'gitops.agent.kasAddress'),
  cluster({ gitops: homelab.gitLabCi({ agent: { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/', ciAccess: [{ group: '', defaultNamespace: 'web' }] } }) }, 'gitops.agent.ciAccess[0].group'),
  app({ controller: homelab.AppController.knative({ minScale: 5, maxScale: 2 }) }, 'controller.props.minScale'),
  app({ controller: homelab.AppController.knative({ containerConcurrency: -1 }) }, 'controller.props.containerConcurrency'),
  cluster({ preinstalled: [homelab.talos({ bootstrapNode: homelab.host('worker9', { arch: 'amd64', address: '10.0.0.9' }) })] }, 'preinstalled[0].bootstrapNode'),
  cluster({ preinstalled: [homelab.talos({ provisioningSteps: ['terraform apply', ' '] })] }, 'preinstalled[0].provisioningSteps[1]'),
  {
    name: "MetalLB given another site's pool",
    build: guarded((_c, root) => {
      const other = homelab.site('other', { domain: 'other.test', hosts: [], pools: { vips: { first: '10.8.0.10', last: '10.8.0.20' } } });
      labCluster(root, 'edge', { hosts: [], storage: {}, loadBalancer: metalLb({ pools: [lab.pools.vips, other.pools.vips] }) });
    }),
    layer: 'inventory', path: 'edge', field: 'loadBalancer.pools',
  },
  { name: 'Knative prop typo', build: guarded((c) => new homelab.Knative(c, 'knative', { eventting: false } as any)), layer: 'props', path: 'knative', field: 'eventting' },
  { name: 'Knative domain with spaces', build: guarded((c) => new homelab.Knative(c, 'knative', { domain: 'Not A Domain' })), layer: 'props', path: 'knative', field: 'domain' },
  { name: 'Tenant groups that name one RoleBinding', build: guarded((c) => new homelab.Tenant(c, 'alice', { namespace: 'alice', owner: 'alice', oidcGroups: ['/peers/alice', 'peers-alice'] })), layer: 'props', path: 'alice', field: 'oidcGroups[1]' },
  { name: 'Tenant without its owner', build: guarded((c) => new homelab.Tenant(c, 'alice', { namespace: 'alice' } as any)), layer: 'props', path: 'alice', field: 'owner' },
  { name: 'Tenant with an empty namespace', build: guarded((c) => new homelab.Tenant(c, 'alice', { namespace: '', owner: 'alice' })), layer: 'props', path: 'alice', field: 'namespace' },
  {
    name: 'Tenant quota with a misspelt key',
    build: guarded((c) => new homelab.Tenant(c, 'alice', { namespace: 'alice', owner: 'alice', quota: { requestMemory: '1Gi', limitsMemory: '2Gi', pods: 5 } } as any)),
    layer: 'props', path: 'alice', field: 'quota.requestMemory',
  },
  {
    name: 'Tenant whose default container memory is above the whole quota',
    build: guarded((c) => new homelab.Tenant(c, 'alice', { namespace: 'alice', owner: 'alice', quota: { requestsMemory: '1Gi', limitsMemory: '200Mi', pods: 5 } })),
    layer: 'props', path: 'alice', field: 'quota.defaultLimitsMemory',
  },
  cluster({ gitops: homelab.flux({ controllerPlacement: { 'helm-controller': { nodeSelector: { 'kubernetes.io/hostname': 'arm1' } } as any } }) }, 'gitops.controllerPlacement.helm-controller'),
  cluster({ gitops: homelab.flux({ controllerPlacement: { 'notification-controler': { nodeSelector: {}, tolerations: [], hosts: [] } } as any }) }, 'gitops.controllerPlacement.notification-controler'),
  cluster({ gitops: homelab.argoCd({ project: 'Home Lab' }) }, 'gitops.project'),
  cluster({ loadBalancer: homelab.metalLb({ pools: [] }) }, 'loadBalancer.pools'),
  cluster({ preinstalled: [homelab.k3s(), homelab.talos()] }, 'preinstalled[1]'),
  cluster({ routes: homelab.traefik({ tcpEntryPoints: { ssh: 70000 } }) }, 'routes.tcpEntryPoints.ssh'),
  cluster({ gitops: homelab.argoCd({ syncAccount: 'ci', selfManaged: false }) }, 'gitops.syncAccount'),
  { ...cluster({ loadBalancer: homelab.metalLb({ pools: [lab.pools.vips, lab.pools.vips] }) }, 'loadBalancer.pools[1]'), name: 'ClusterChart prop loadBalancer.pools listing a pool twice' },
  { ...cluster({ routes: homelab.traefik({ tcpEntryPoints: { ssh: 443 } }) }, 'routes.tcpEntryPoints.ssh'), name: 'ClusterChart prop routes.tcpEntryPoints.ssh on websecure\'s port' },
  cluster({ storage: { bulk: homelab.nfsStorage({ server: 'nas', path: '/export' } as any) } }, 'storage.bulk.nfsExport'),
  cluster({ nodePortRange: { first: 32767, last: 30000 } }, 'nodePortRange'),
  cluster({ loadBalancer: homelab.metalLb({} as any) }, 'loadBalancer.pools'),
  cluster({ loadBalancer: homelab.tailscaleLoadBalancer({ oauth: {} as any }) }, 'loadBalancer.oauth.clientId'),
  cluster({ gitops: homelab.argoCd({ repositoryCredential: { sshPrivateKey: 'ssh-ed25519 AAAA' } as any }) }, 'gitops.repositoryCredential.sshPrivateKey'),
  cluster({ routes: homelab.ingressNginx({ ingressClassName: 'nginx' } as any) }, 'routes.tls'),
  app({ namespace: 'My App' }, 'namespace', 'namespace that is no DNS label'),
  app({ labels: { 'app.kubernetes.io/name': 'other' } }, 'labels.app.kubernetes.io/name', 'a label that renames the app'),
  cluster({ domain: 'Lab.Test' }, 'domain'),
  { name: 'cluster name in capitals', build: guarded((_c, root) => labCluster(root, 'Edge', { hosts: [], storage: {} })), layer: 'props', path: 'Edge', field: 'id' },
  { name: 'cluster that lists a host twice', build: guarded((_c, root) => soloCluster(root, (solo) => [solo, solo])), layer: 'inventory', path: 'solo', field: 'hosts[1]' },
  cluster({ dns: { publicTarget: 'vps' } }, 'dns.publicTarget'),
  cluster({ domain: 7 }, 'domain'),
  cluster({ routes: undefined }, 'routes'),
  cluster({ gitops: 'flux' }, 'gitops'),
  cluster({ storage: { fast: 'ai' } }, 'storage.fast'),
  // Options of a platform choice are reported on the cluster, under the prop that holds the choice.
  cluster({ routes: homelab.traefik({ dashbord: true } as any) }, 'routes.dashbord'),
  cluster({ cni: homelab.cilium({ encryption: 'wg' } as any) }, 'cni.encryption'),
  cluster({ routes: homelab.traefik({ hostPorts: 'yes' } as any) }, 'routes.hostPorts'),
  cluster({ gitops: homelab.flux({ interval: 5 } as any) }, 'gitops.interval'),
  cluster({ gitops: homelab.argoCd({ selfheal: true } as any) }, 'gitops.selfheal'),
  cluster({ loadBalancer: homelab.metalLb({ pools: ['10.0.8.10-10.0.8.20'] } as any) }, 'loadBalancer.pools[0]'),
  cluster({ cni: homelab.cilium({ kubeProxyReplacement: 'true' } as any) }, 'cni.kubeProxyReplacement'),
  cluster({ storage: { shared: homelab.nfsStorage(lab.nfs.share, { reclaim: 'Delete' } as any) } }, 'storage.shared.reclaim'),
  cluster({ preinstalled: [homelab.k3s({ disable: 'traefik' } as any)] }, 'preinstalled[0].disable'),
  cluster({ preinstalled: [homelab.k3s({ serverUrl: 'storage:6443' })] }, 'preinstalled[0].serverUrl'),
  cluster({ preinstalled: [{ source: 'hosting', provides: { loadBalancer: ['cloud-lb'] } }] }, 'preinstalled[0].provides.loadBalancer'),
  cluster({ preinstalled: [{ provides: { loadBalancers: ['cloud-lb'] } }] }, 'preinstalled[0].source'),
  cluster({ preinstalled: [{ source: 'hosting', crds: [{ group: 'example.dev', kind: 'Widget' }] }] }, 'preinstalled[0].crds[0].kind'),
  cluster({ routes: homelab.traefik({ nodePorts: 'yes' } as any) }, 'routes.nodePorts'),
];
