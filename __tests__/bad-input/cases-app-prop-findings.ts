import { JsonPatch } from 'cdk8s';
import { App, AppController, AppVolume, MediaContainers, Ollama, RequiredPodLabels, SecretReference } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, raw } from './lab';

// A new user's App whose props the cluster around it refuses: a LimitRange, a required label, a port of the
// node, a claim one node mounts. Each finding names the App and the prop the user wrote, not the rendered
// Deployment; the message still says which field of the Deployment the prop became.

/** An App `id` in namespace `web` with a web image and an `http` port on 8080; props override. */
const app = (id: string, props: Partial<AppProps> = {}) => (cluster: ClusterChart) =>
  new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props });

/** A LimitRange of namespace `web` with one item for each container. */
const limitRange = (item: Record<string, unknown>) => (cluster: ClusterChart) =>
  raw(cluster, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'web' }, spec: { limits: [{ type: 'Container', ...item }] } });

/** Builds every part into one cluster. */
const together = (...parts: Array<(cluster: ClusterChart) => unknown>) => (cluster: ClusterChart) => parts.forEach((part) => part(cluster));

const claim = { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } };
const onHostNetwork = { exemptions: { hostNetwork: 'answers mDNS on the LAN' }, placement: { host: gpu1 } };

export const CASES: BadInput[] = [
  // Resources a LimitRange of the namespace refuses.
  {
    name: "an app's memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '256Mi' } }), app('web', { resources: { memoryLimit: '512Mi' } })),
    layer: 'references', path: 'web', field: 'resources.memoryLimit', hint: /at most 256Mi/,
  },
  {
    name: "an app's memory request below a LimitRange minimum",
    build: together(limitRange({ min: { memory: '1Gi' } }), app('web', { resources: { memoryRequest: '512Mi', memoryLimit: '2Gi' } })),
    layer: 'references', path: 'web', field: 'resources.memoryRequest', hint: /at least 1Gi/,
  },
  {
    name: "an app's CPU limit above a LimitRange maximum",
    build: together(limitRange({ max: { cpu: '500m' } }), app('web', { resources: { cpuRequest: '100m', cpuLimit: '1' } })),
    layer: 'references', path: 'web', field: 'resources.cpuLimit', hint: /at most 500m/,
  },
  {
    name: "an app's CPU request below a LimitRange minimum",
    build: together(limitRange({ min: { cpu: '200m' } }), app('web', { resources: { cpuRequest: '100m', cpuLimit: '1' } })),
    layer: 'references', path: 'web', field: 'resources.cpuRequest',
  },
  {
    name: "an app's default memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '64Mi' } }), app('web')),
    layer: 'references', path: 'web', field: 'resources.memoryLimit',
  },
  {
    name: "a sidecar's memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '256Mi' } }), app('web', {
      resources: { memoryLimit: '128Mi' }, sidecars: [{ name: 'proxy', image: 'busybox:1.36.1', resources: { memoryLimit: '1Gi' } }],
    })),
    layer: 'references', path: 'web', field: 'containers.proxy.resources.memoryLimit',
  },
  {
    name: "an init container's memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '256Mi' } }), app('web', {
      resources: { memoryLimit: '128Mi' }, initContainers: [{ name: 'migrate', image: 'busybox:1.36.1', resources: { memoryLimit: '1Gi' } }],
    })),
    layer: 'references', path: 'web', field: 'containers.migrate.resources.memoryLimit',
  },
  {
    name: "a CronJob app's memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '256Mi' } }), app('backup', {
      ports: undefined, controller: AppController.cronJob({ schedule: '0 3 * * *' }), resources: { memoryLimit: '1Gi' },
    })),
    layer: 'references', path: 'backup', field: 'resources.memoryLimit',
  },
  {
    name: "Ollama's memory limit above a LimitRange maximum of its namespace",
    build: (c) => {
      raw(c, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'ollama' }, spec: { limits: [{ type: 'Container', max: { memory: '16Gi' } }] } });
      new Ollama(c, 'ollama', { accelerator: 'cpu', memoryLimit: '32Gi' });
    },
    layer: 'references', path: 'ollama', field: 'memoryLimit', hint: /at most 16Gi/,
  },
  {
    name: "a media container's memory limit above a LimitRange maximum of its namespace",
    build: (c) => {
      raw(c, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'media' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } });
      new MediaContainers(c, 'media', {
        settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
        containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, resources: { limits: { memory: '2Gi' } } } },
      });
    },
    layer: 'references', path: 'media/app', field: 'resources.limits.memory', hint: /at most 1Gi/,
  },
  // Labels the cluster requires on every pod.
  {
    name: 'an app whose labels leave out the owner label the cluster requires',
    build: together((c) => new RequiredPodLabels(c, 'owner-label', { labels: ['owner'] }), app('web', { labels: { team: 'media' } })),
    layer: 'policy', path: 'web', field: 'labels.owner', hint: /labels: \{ owner/,
  },
  {
    name: 'a CronJob app without the owner label the cluster requires',
    build: together((c) => new RequiredPodLabels(c, 'owner-label', { labels: ['owner'] }), app('backup', {
      ports: undefined, controller: AppController.cronJob({ schedule: '0 3 * * *' }),
    })),
    layer: 'policy', path: 'backup', field: 'labels.owner',
  },
  {
    name: 'Ollama without the owner label the cluster requires, which it has no prop for',
    build: together((c) => new RequiredPodLabels(c, 'owner-label', { labels: ['owner'] }), (c) => new Ollama(c, 'ollama', { accelerator: 'cpu' })),
    layer: 'policy', path: 'ollama/deployment', field: 'spec.template.metadata.labels.owner',
  },
  {
    name: "Ollama in the namespace of the cluster's Flux, named on its own namespace prop",
    build: (c) => { new Ollama(c, 'ollama', { accelerator: 'cpu', namespace: 'flux-system' }); },
    layer: 'policy', path: 'ollama', field: 'namespace',
  },
  // Security settings a pod may not have as written.
  {
    name: 'a sysctl of the listen backlog, which only the privileged level allows',
    build: app('web', { sysctls: { 'net.core.somaxconn': '4096' } }),
    layer: 'policy', path: 'web', field: 'sysctls.net.core.somaxconn', hint: /privileged/,
  },
  {
    name: "a sidecar's capability written with CAP_, as capsh prints it",
    build: guarded(app('torrent', { sidecars: [{ name: 'vpn', image: 'qmcgaw/gluetun:v3.39.1', exemptions: { runAsRoot: 'sets up the tunnel', addCapabilities: { capabilities: ['CAP_NET_ADMIN'], reason: 'tun' } } }] })),
    layer: 'props', path: 'torrent', field: 'sidecars[0].exemptions.addCapabilities.capabilities[0]', hint: /NET_ADMIN/,
  },
  {
    name: 'a capability Linux does not have',
    build: guarded(app('web', { ports: [{ name: 'http', port: 80 }], exemptions: { addCapabilities: { capabilities: ['NET_BIND'], reason: 'listens on port 80' } } })),
    layer: 'props', path: 'web', field: 'exemptions.addCapabilities.capabilities[0]', hint: /NET_BIND_SERVICE/,
  },
  {
    name: 'a host path volume without the hostPath exemption',
    build: app('web', { persistence: { data: { volume: AppVolume.hostPath('/srv/web'), mountPath: '/data' } } }),
    layer: 'policy', path: 'web', field: 'persistence.data.volume', hint: /exemptions: \{ hostPath/,
  },
  {
    name: 'a host path volume added with addVolume, without the hostPath exemption',
    build: (c) => { app('web')(c).addVolume('data', AppVolume.hostPath('/srv/web'), { mountPath: '/data' }); },
    layer: 'policy', path: 'web', field: 'addVolume(data).volume',
  },
  // Environment and volumes that name objects the API server refuses or the cluster lacks.
  {
    name: "an init container's env variable read from a Secret named in capitals",
    build: app('web', { initContainers: [{ name: 'migrate', image: 'busybox:1.36.1', env: { DB_PASSWORD: SecretReference.external('web', 'DB_Secret', 'password') } }] }),
    layer: 'props', path: 'web', field: 'containers.migrate.env.DB_PASSWORD',
  },
  {
    name: 'an existing claim of a StatefulSet the cluster does not have',
    build: app('db', { controller: AppController.statefulSet(), persistence: { data: { volume: AppVolume.existingClaim('db-dta'), mountPath: '/data' } } }),
    layer: 'references', path: 'db', field: 'persistence.data.volume',
  },
  {
    name: 'a claim of a ZFS pool added with addVolume to an app placed on another host',
    build: (c) => { app('web', { placement: { host: arm1 } })(c).addVolume('data', AppVolume.claim({ tier: 'fast', size: '1Gi' }), { mountPath: '/data' }); },
    layer: 'inventory', path: 'web', field: 'addVolume(data).volume', hint: /placement/,
  },
  // Claims one node mounts, with pods that may run on two.
  {
    name: 'two replicas sharing a ReadWriteOnce claim of a ZFS pool',
    build: app('web', { replicas: 2, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } } }),
    layer: 'policy', path: 'web', field: 'replicas', hint: /AppController\.statefulSet\(\)/,
  },
  {
    name: "RollingUpdate on the Deployment's controller with a ReadWriteOncePod claim",
    build: app('web', {
      controller: AppController.deployment({ strategy: 'RollingUpdate' }),
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi', accessMode: 'ReadWriteOncePod' }), mountPath: '/data' } },
    }),
    layer: 'policy', path: 'web', field: 'controller.props.strategy', hint: /Recreate/,
  },
  {
    name: "an app mounting another app's ReadWriteOnce claim with addVolume, both free to run on either host",
    build: (c) => {
      // On network disks any node may attach (Longhorn's): local-path's node affinity would take both pods to its node.
      c.platform.declarePreinstalled({ source: 'longhorn', provides: { storageClasses: ['longhorn'] } });
      raw(c, 'db-data', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'db-data', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn', resources: { requests: { storage: '1Gi' } } } });
      app('db', { placement: { hosts: [gpu1, arm1] }, persistence: { data: { volume: AppVolume.existingClaim('db-data'), mountPath: '/data' } } })(c);
      app('web', { placement: { hosts: [gpu1, arm1] } })(c).addVolume('shared', AppVolume.existingClaim('db-data'), { mountPath: '/shared' });
    },
    layer: 'policy', path: 'web', field: 'addVolume(shared).volume', hint: /same host/,
  },
  // Namespaces the app may not share.
  {
    name: 'an app in kube-system',
    build: app('web', { namespace: 'kube-system' }),
    layer: 'policy', path: 'web', field: 'namespace', hint: /namespace: 'web'/,
  },
  {
    name: "an app in the namespace of the cluster's Flux",
    build: app('web', { namespace: 'flux-system' }),
    layer: 'policy', path: 'web', field: 'namespace', hint: /allowPlatformNamespace/,
  },
  // Ports of the node a host-network app cannot bind.
  {
    name: "two host-network apps on one port of one host, the second app's second port",
    build: together(app('a', onHostNetwork), app('b', { ...onHostNetwork, ports: [{ name: 'admin', port: 9000 }, { name: 'http', port: 8080 }] })),
    layer: 'inventory', path: 'b', field: 'ports[1]', hint: /another port/,
  },
  {
    name: "a host-network app's second port on the kubelet's port",
    build: app('a', { ...onHostNetwork, ports: [{ name: 'http', port: 8080 }, { name: 'admin', port: 10250 }] }),
    layer: 'inventory', path: 'a', field: 'ports[1]',
  },
  {
    name: "a host-network app's sidecar on the kubelet's port",
    build: app('a', { ...onHostNetwork, sidecars: [{ name: 'metrics', image: 'busybox:1.36.1', ports: [{ name: 'metrics', port: 10250 }] }] }),
    layer: 'inventory', path: 'a', field: 'containers.metrics.ports[0]',
  },
  {
    name: "a port added with addPort on the kubelet's port of a host-network app",
    build: (c) => { app('a', onHostNetwork)(c).addPort({ name: 'admin', port: 10250 }); },
    layer: 'inventory', path: 'a', field: 'addPort',
  },
  // A field a JSON patch wrote is the patch's, not the prop's: its finding stays on the rendered object.
  {
    name: "a JSON patch raising an app's memory limit above a LimitRange maximum",
    build: together(limitRange({ max: { memory: '256Mi' } }), (c) => app('web')(c).deployment.addJsonPatch(
      JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/memory', '1Gi'))),
    layer: 'references', path: 'web/deployment', field: 'spec.template.spec.containers[0].resources.limits.memory',
  },
  {
    name: 'a JSON patch raising the replicas of an app with a ReadWriteOnce claim',
    build: (c) => { app('web', { persistence: claim })(c).deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 3)); },
    layer: 'policy', path: 'web/deployment', field: 'spec.replicas',
  },
];
