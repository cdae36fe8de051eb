import { App, AppController, AppVolume, externalHost, ExternalService, Forgejo, Harbor, Jellyfin, JellyfinMedia, JellyfinTranscoding, Ollama, SecretReference, WazuhAgent } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A first weekend with the README and no tests to copy from: apps written with Kubernetes' or compose's
// habits, changed after construction, and the service constructs given props that read right but are not.
// Each mistake is answered on the prop or call the user wrote, never on an object they did not write.

/** The lab's app `web` built, then changed by `change` as a user does after construction. */
const changed = (change: (app: App) => void, props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => change(labApp('web', props)(cluster)));
const job = (schedule: string, props: Record<string, unknown> = {}) =>
  guarded(labApp('backup', { image: 'restic/restic:0.17.1', ports: undefined, args: ['backup', '/data'], controller: AppController.cronJob({ schedule }), ...props }));
const busybox = { image: 'busybox:1.36.1', command: ['sh', '-c', 'true'] };
const shared = () => JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: '600Gi' }));
const adminPassword = () => SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD');
const internalSecrets = () => SecretReference.external('registry', 'harbor-internal', 'secretKey');

export const CASES: BadInput[] = [
  // App props written as a Kubernetes manifest or a compose file has them.
  { name: "an app's resources as Kubernetes' requests with cpu: 0.5", build: guarded(labApp('web', { resources: { requests: { cpu: 0.5, memory: '256Mi' } } })), layer: 'props', path: 'web', field: 'resources', hint: /cpuRequest: '0\.5'/ },
  { name: "an app's memory limit as docker's 512mb", build: guarded(labApp('web', { resources: { memoryLimit: '512mb' } })), layer: 'props', path: 'web', field: 'resources.memoryLimit', hint: /'512Mi'/ },
  { name: "an app's CPU limit as '2 cores'", build: guarded(labApp('web', { resources: { cpuLimit: '2 cores' } })), layer: 'props', path: 'web', field: 'resources.cpuLimit', hint: /'2'/ },
  { name: 'a port name of more than 15 characters', build: guarded(labApp('web', { ports: [{ name: 'http-web-interface', port: 8080 }] })), layer: 'props', path: 'web', field: 'ports[0].name', hint: /'http-web-interf'/ },
  { name: 'an app id in upper case', build: guarded(labApp('MyWeb')), layer: 'props', path: 'MyWeb', field: 'id' },
  { name: 'an env value written as a number', build: guarded(labApp('web', { env: { PORT: 8080 } })), layer: 'props', path: 'web', field: 'env.PORT', hint: /PORT: '8080'/ },
  { name: "env as compose's list of KEY=value", build: guarded(labApp('web', { env: ['PORT=8080'] })), layer: 'props', path: 'web', field: 'env', hint: /PORT: '8080'/ },
  { name: "a port as compose's '8080:80'", build: guarded(labApp('web', { ports: ['8080:80'] })), layer: 'props', path: 'web', field: 'ports[0]' },
  { name: "a port with Kubernetes' containerPort", build: guarded(labApp('web', { ports: [{ name: 'http', containerPort: 8080 }] })), layer: 'props', path: 'web', field: 'ports[0].containerPort', hint: /write port/ },
  { name: 'a command as one string', build: guarded(labApp('web', { command: 'nginx -g "daemon off;"' })), layer: 'props', path: 'web', field: 'command', hint: /\['sh', '-c'/ },
  { name: 'an image name with an upper-case letter', build: guarded(labApp('web', { image: 'Nginx:1.27.0' })), layer: 'props', path: 'web', field: 'image' },
  { name: 'replicas as text', build: guarded(labApp('web', { replicas: '2' })), layer: 'props', path: 'web', field: 'replicas' },
  { name: "a readiness probe as compose's healthcheck test", build: guarded(labApp('web', { probes: { readiness: { test: ['CMD', 'curl', '-f', 'http://localhost'] } } })), layer: 'props', path: 'web', field: 'probes.readiness.test' },
  { name: "a probe period as '10s'", build: guarded(labApp('web', { probes: { readiness: { httpPath: '/', periodSeconds: '10s' } } })), layer: 'props', path: 'web', field: 'probes.readiness.periodSeconds' },
  { name: "compose's user: '1000:1000'", build: guarded(labApp('web', { user: '1000:1000' })), layer: 'props', path: 'web', field: 'user', hint: /runAsUser: 1000, runAsGroup: 1000/ },
  { name: "compose's restart: unless-stopped", build: guarded(labApp('web', { restart: 'unless-stopped' })), layer: 'props', path: 'web', field: 'restart' },
  { name: 'a placement host given by its name', build: guarded(labApp('web', { placement: { host: 'gpu1' } })), layer: 'props', path: 'web', field: 'placement.host' },
  { name: 'a cron schedule in words', build: job('daily'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /@daily/ },
  { name: 'a cron schedule with seconds', build: job('0 0 3 * * *'), layer: 'props', path: 'backup', field: 'controller.props.schedule' },
  { name: "a cron app's concurrencyPolicy: 'forbid'", build: guarded(labApp('backup', { ports: undefined, controller: AppController.cronJob({ schedule: '0 3 * * *', concurrencyPolicy: 'forbid' as any }) })), layer: 'props', path: 'backup', field: 'controller.props.concurrencyPolicy', hint: /'Forbid'/ },
  { name: "an app's strategy: 'recreate'", build: guarded(labApp('web', { strategy: 'recreate' })), layer: 'props', path: 'web', field: 'strategy', hint: /'Recreate'/ },
  { name: "a Job's restartPolicy: 'Always'", build: guarded(labApp('once', { ports: undefined, controller: AppController.job({ restartPolicy: 'Always' as any }) })), layer: 'props', path: 'once', field: 'controller.props.restartPolicy', hint: /OnFailure, Never/ },
  { name: 'replicas: -1', build: guarded(labApp('web', { replicas: -1 })), layer: 'props', path: 'web', field: 'replicas', hint: /0 or more/ },
  { name: "a Job's backoffLimit: -1 for retrying forever", build: guarded(labApp('once', { ports: undefined, controller: AppController.job({ backoffLimit: -1 }) })), layer: 'props', path: 'once', field: 'controller.props.backoffLimit' },
  { name: 'replicas on a cron app', build: job('0 3 * * *', { replicas: 3 }), layer: 'references', path: 'backup', field: 'replicas' },
  // Volumes and containers: named where the user named them, not on the rendered pod or claim.
  { name: 'a persistence volume named in upper case', build: guarded(labApp('web', { persistence: { Data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } } })), layer: 'props', path: 'web', field: 'persistence.Data', hint: /e\.g\. data/ },
  { name: "a claim's access mode as kubectl's RWX", build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi', accessMode: 'RWX' as any }), mountPath: '/data' } } })), layer: 'props', path: 'web', field: 'persistence.data.volume.claim.accessMode', hint: /'ReadWriteMany'/ },
  { name: 'a sidecar named like the app', build: guarded(labApp('web', { sidecars: [{ name: 'web', image: 'busybox:1.36.1' }] })), layer: 'props', path: 'web', field: 'sidecars[0].name' },
  { name: 'a containers entry repeating the main container', build: guarded(labApp('web', { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0' }] })), layer: 'props', path: 'web', field: 'containers[0].name' },
  { name: 'a sidecar named like an init container', build: guarded(labApp('web', { initContainers: [{ name: 'setup', ...busybox }], sidecars: [{ name: 'setup', image: 'busybox:1.36.1' }] })), layer: 'props', path: 'web', field: 'sidecars[0].name' },
  { name: 'an init container given a readiness probe', build: guarded(labApp('web', { initContainers: [{ name: 'migrate', ...busybox, probes: { readiness: { command: ['true'] } } }] })), layer: 'props', path: 'web', field: 'initContainers[0].probes', hint: /sidecar/ },
  // The L2 mutators after construction.
  { name: 'addVolume with an upper-case name', build: changed((app) => app.addVolume('Cache', AppVolume.emptyDir(), { mountPath: '/cache' })), layer: 'props', path: 'web', field: 'addVolume(Cache)' },
  { name: 'addVolume mounted at a relative path', build: changed((app) => app.addVolume('cache', AppVolume.emptyDir(), { mountPath: 'cache' })), layer: 'props', path: 'web', field: 'addVolume(cache).mountPath', hint: /\/cache/ },
  { name: 'mount at a relative path', build: changed((app) => app.addVolume('cache', AppVolume.emptyDir()).mount('cache', 'cache')), layer: 'props', path: 'web', field: 'mount(cache).mountPath' },
  { name: 'addContainer named like the app', build: changed((app) => app.addContainer({ name: 'web', image: 'busybox:1.36.1' })), layer: 'props', path: 'web', field: 'addContainer.name', hint: /its own name/ },
  { name: 'addContainer named like a sidecar', build: changed((app) => app.addContainer({ name: 'proxy', image: 'busybox:1.36.1' }), { sidecars: [{ name: 'proxy', image: 'nginxinc/nginx-unprivileged:1.27.0' }] }), layer: 'props', path: 'web', field: 'addContainer.name' },
  { name: 'addInitContainer with a probe', build: changed((app) => app.addInitContainer({ name: 'migrate', ...busybox, probes: { liveness: { command: ['true'] } } })), layer: 'props', path: 'web', field: 'addInitContainer.probes' },
  { name: 'addEnv with a name starting with a digit', build: changed((app) => app.addEnv('1BAD', 'x')), layer: 'props', path: 'web', field: 'addEnv.1BAD' },
  { name: 'addPort repeating a port under another name', build: changed((app) => app.addPort({ name: 'web', port: 8080 })), layer: 'props', path: 'web', field: 'addPort.port' },
  { name: 'addLoadBalancer with an address as text', build: changed((app) => app.addLoadBalancer({ address: '10.0.8.12' } as any)), layer: 'props', path: 'web', field: 'addLoadBalancer.address' },
  { name: 'addAllowFrom with an app name', build: changed((app) => app.addAllowFrom('uptime-kuma' as any)), layer: 'props', path: 'web', field: 'addAllowFrom' },
  { name: 'addRoute with a URL', build: changed((app) => app.addRoute('https://www.lab.test')), layer: 'props', path: 'web', field: 'addRoute(https://www.lab.test).host', hint: /www\.lab\.test/ },
  // Service constructs with README-guided but wrong props.
  { name: 'WazuhAgent manager given as a host name', build: guarded((c: ClusterChart) => new WazuhAgent(c, 'wazuh', { manager: 'wazuh.lab.test' as any })), layer: 'props', path: 'wazuh', field: 'manager', hint: /externalHost/ },
  { name: 'WazuhAgent manager declared inline without its address', build: guarded((c: ClusterChart) => new WazuhAgent(c, 'wazuh', { manager: externalHost('wazuh', { dnsName: 'wazuh.lab.test' } as any) })), layer: 'props', path: 'wazuh', field: 'manager.address' },
  { name: 'an ExternalService of an inline host that lists no port of its name', build: guarded((c: ClusterChart) => new ExternalService(c, 'mac', { host: externalHost('mac', { address: '10.0.0.20', ports: { api: 11434 } }) })), layer: 'props', path: 'mac', field: 'service', hint: /service: 'api'/ },
  { name: "Ollama gpuCount beside accelerator: 'cpu'", build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', gpuCount: 2 })), layer: 'props', path: 'ollama', field: 'gpuCount', hint: /leave gpuCount out/ },
  { name: 'Ollama keepAlive as a number of minutes', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { keepAlive: 30 as any })), layer: 'props', path: 'ollama', field: 'keepAlive' },
  { name: 'Ollama memoryLimit as a number', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { memoryLimit: 32 as any })), layer: 'props', path: 'ollama', field: 'memoryLimit' },
  { name: "Ollama accelerator: 'gpu'", build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'gpu' as any })), layer: 'props', path: 'ollama', field: 'accelerator' },
  { name: 'Ollama keepAlive in words', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { keepAlive: '30 minutes' })), layer: 'props', path: 'ollama', field: 'keepAlive', hint: /'30m'/ },
  { name: 'Jellyfin render group given by its name', build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: shared(), hardwareTranscoding: JellyfinTranscoding.dri({ renderGroup: 'render' as any, videoGroup: 44 }) })), layer: 'props', path: 'jellyfin', field: 'hardwareTranscoding.renderGroup' },
  { name: "Jellyfin's NFS media given as server:path", build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs('nas:/media' as any) })), layer: 'props', path: 'jellyfin', field: 'media.export', hint: /site\.nfs/ },
  { name: 'Jellyfin with two replicas', build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: shared(), replicas: 2 })), layer: 'policy', path: 'jellyfin', field: 'replicas' },
  { name: 'Forgejo version with v and -rootless', build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { route: { host: 'git' }, version: 'v9.0.3-rootless' })), layer: 'props', path: 'forgejo', field: 'version', hint: /'9\.0\.3'/ },
  { name: 'Forgejo behind a path', build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { route: { host: 'git', path: '/forgejo' } as any })), layer: 'props', path: 'forgejo', field: 'route.path' },
  { name: "Harbor's admin password as text", build: guarded((c: ClusterChart) => new Harbor(c, 'harbor', { route: { host: 'registry' }, adminPassword: 'Harbor12345', internalSecrets: internalSecrets(), storageTier: 'fast' } as any)), layer: 'props', path: 'harbor', field: 'adminPassword' },
  { name: 'Harbor on a storage tier the cluster lacks', build: guarded((c: ClusterChart) => new Harbor(c, 'harbor', { route: { host: 'registry' }, adminPassword: adminPassword(), internalSecrets: internalSecrets(), storageTier: 'nvme' } as any)), layer: 'references', path: 'harbor', field: 'storageTier' },
];
