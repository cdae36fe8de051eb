import type { App as CdkApp } from 'cdk8s';
import {
  App, AppController, AppDevice, AppVolume, ClusterChart, declareExternal, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, Knative, localPathStorage, Ollama, site, StaticNfsVolume, traefik,
} from '../../constructs';
import type { AppProps, StaticNfsVolumeProps } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, goodContainer, guarded, lab, labApp, labCluster, raw } from './lab';

// A new user's apps and service constructs, written from compose files and the README: Knative apps with
// volumes of every kind and the calls other apps make to them, StaticNfsVolume's claim, the mutators after
// construction, probes on the ports of other containers, and devices on hosts that have none.

const FN = { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }] };

/** Knative on the lab's Gateway, then `build`. */
const withKnative = (build: (c: ClusterChart) => void) => guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { eventing: false });
  build(c);
});

/** A Knative app `fn` of namespace `fn`; props add to it. */
const knativeApp = (c: ClusterChart, props: Partial<AppProps> = {}) => new App(c, 'fn', { ...FN, controller: AppController.knative(), ...props });

/** A Knative app `fn` mounting `volume` at /media. */
const knativeMounting = (volume: () => AppVolume, mount: { readOnly?: boolean } = {}) => withKnative((c) => {
  knativeApp(c, { persistence: { media: { volume: volume(), mountPath: '/media', ...mount } } });
});

/** A Knative app `fn` placed on `host`, mounting `volume` at /media. */
const knativeMountingOn = (host: typeof arm1, volume: () => AppVolume) => withKnative((c) => {
  knativeApp(c, { placement: { hosts: [host] }, persistence: { media: { volume: volume(), mountPath: '/media' } } });
});

/** The Knative app `fn`, and a Deployment `web` whose env calls it with `env`. */
const callingKnative = (env: Record<string, string>) => withKnative((c) => {
  knativeApp(c);
  labApp('web', { env })(c);
});

/** A StaticNfsVolume `media` of the lab's share; props override. */
const staticNfs = (props: Record<string, unknown>) => guarded((c: ClusterChart) => new StaticNfsVolume(c, 'media', {
  export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'jf', size: '100Gi' }, ...props,
} as unknown as StaticNfsVolumeProps));

/** A host with a Zigbee stick in the inventory, for a VM's hostDevices. */
const stickHost = host('stick', { arch: 'amd64', address: '10.0.0.9', usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60' } } });

/** A site of one host with an Intel GPU, for /dev/dri. */
const igpuHost = host('igpu', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.7', gpus: [{ vendor: 'intel' }] });
const igpuSite = site('igpu', { domain: 'igpu.test', hosts: [igpuHost], nfs: { share: { server: 'nas.igpu.test', path: '/export' } }, git: { url: 'https://git.igpu.test/lab.git' } });

const EXPORTER = { name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 9113 }] };

export const CASES: BadInput[] = [
  // Knative apps and their volumes.
  {
    name: 'a Knative app mounting an existing claim that nothing makes',
    build: knativeMounting(() => AppVolume.existingClaim('media')), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume', message: /claim "media" does not exist in namespace "fn"/,
  },
  {
    name: 'a Knative app given an existing claim with addVolume that nothing makes',
    build: withKnative((c) => knativeApp(c).addVolume('media', AppVolume.existingClaim('media', 'ReadWriteMany'), { mountPath: '/media' })), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'addVolume(media).volume', message: /claim "media" does not exist/,
  },
  {
    name: "a Knative app mounting a StaticNfsVolume whose claim is in another app's namespace",
    build: withKnative((c) => {
      const media = new StaticNfsVolume(c, 'media', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'media', size: '100Gi' } });
      knativeApp(c, { persistence: { media: { volume: media.volume, mountPath: '/media' } } });
    }), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume', hint: /namespace media has claim "media"/,
  },
  {
    name: 'a Knative app mounting a secret store volume whose SecretProviderClass does not exist',
    build: knativeMounting(() => AppVolume.secretsStore('vault'), { readOnly: true }), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume', message: /SecretProviderClass "vault" does not exist in namespace "fn"/,
  },
  {
    name: 'a Knative app mounting a folder of the host',
    build: knativeMounting(() => AppVolume.hostPath('/srv/media')), gatewayCluster: true,
    layer: 'schema', path: 'fn', field: 'persistence.media.volume', message: /podspec-volumes-hostpath/,
  },
  {
    name: 'a Knative app given a folder of the host with addVolume',
    build: withKnative((c) => knativeApp(c).addVolume('media', AppVolume.hostPath('/srv/media'), { mountPath: '/media' })), gatewayCluster: true,
    layer: 'schema', path: 'fn', field: 'addVolume(media).volume', message: /podspec-volumes-hostpath/,
  },
  {
    name: 'a Knative app mounting a ConfigMap that does not exist',
    build: knativeMounting(() => AppVolume.configMap('fn-settings')), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume', message: /ConfigMap "fn-settings" does not exist in namespace "fn"/,
  },
  {
    name: 'a Knative app mounting a Secret that does not exist',
    build: knativeMounting(() => AppVolume.secret('fn-credentials')), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume', message: /Secret "fn-credentials" does not exist in namespace "fn"/,
  },
  {
    name: 'a hand-written Knative Service in a RuntimeClass nothing provides',
    build: withKnative((c) => raw(c, 'w', {
      apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'fn', namespace: 'web' },
      spec: { template: { spec: { runtimeClassName: 'gvisor', containers: [{ ...goodContainer(), name: undefined, ports: [{ containerPort: 8080 }], readinessProbe: undefined }] } } },
    })), gatewayCluster: true,
    layer: 'references', path: 'w', field: 'spec.template.spec.runtimeClassName', message: /RuntimeClass "gvisor" is provided by nothing/,
  },
  {
    name: 'a Knative app mounting a ConfigMap with readOnly: false',
    build: withKnative((c) => {
      declareExternal(c, { configMaps: [{ namespace: 'fn', name: 'fn-settings' }] });
      knativeApp(c, { persistence: { settings: { volume: AppVolume.configMap('fn-settings'), mountPath: '/etc/fn', readOnly: false } } });
    }), gatewayCluster: true,
    layer: 'props', path: 'fn', field: 'persistence.settings.readOnly', hint: /leave readOnly out/,
  },
  {
    name: "a Knative app's mount() of a Secret with readOnly: false",
    build: withKnative((c) => {
      declareExternal(c, { secrets: [{ namespace: 'fn', name: 'fn-credentials' }] });
      knativeApp(c, { persistence: { credentials: { volume: AppVolume.secret('fn-credentials') } } }).mount('credentials', '/run/secrets', { readOnly: false });
    }), gatewayCluster: true,
    layer: 'props', path: 'fn', field: 'mount(credentials).readOnly', message: /Secret's volume read-only only/,
  },
  {
    name: 'a Knative app claiming a tier the cluster lacks',
    build: knativeMounting(() => AppVolume.claim({ tier: 'nvme', size: '1Gi' })), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume.claim.tier',
  },
  {
    name: 'a Knative app claiming ReadWriteMany on a tier that serves one node',
    build: knativeMounting(() => AppVolume.claim({ tier: 'local', size: '1Gi', accessMode: 'ReadWriteMany' })), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'persistence.media.volume.claim.accessMode',
  },
  {
    name: "a Knative app whose probe checks a port it does not have",
    build: withKnative((c) => knativeApp(c, { probes: { readiness: { httpPath: '/healthz', port: 9000 } } })), gatewayCluster: true,
    layer: 'props', path: 'fn', field: 'probes.readiness.port',
  },
  {
    name: 'a Knative app given a sidecar with a port of its own',
    build: withKnative((c) => knativeApp(c).addSidecar(EXPORTER)), gatewayCluster: true,
    layer: 'references', path: 'fn', field: 'ports', message: /serves one port/,
  },
  {
    name: "a Knative app asking for Intel's GPU plugin in a cluster without an Intel GPU",
    build: withKnative((c) => knativeApp(c, { devices: [AppDevice.plugin('gpu.intel.com/i915')] })), gatewayCluster: true,
    layer: 'inventory', path: 'fn', field: 'devices[0]', message: /Intel GPU/,
  },
  {
    name: "a Knative app placed on a host without the ZFS pool of its claim's tier",
    build: knativeMountingOn(arm1, () => AppVolume.claim({ tier: 'fast', size: '1Gi' })), gatewayCluster: true,
    layer: 'inventory', path: 'fn', field: 'persistence.media.volume', message: /lives on gpu1, but the pod can only run on arm1/,
  },
  // Calls of a Knative Service: port 80, plain HTTP, through the local gateway.
  {
    name: 'env calling a Knative Service over https',
    build: callingKnative({ FN_URL: 'https://fn.fn.svc.cluster.local' }), gatewayCluster: true,
    layer: 'references', path: 'web', field: 'env.FN_URL', message: /Knative Service fn\.fn on port 443/, hint: /http:\/\/fn\.fn\.svc\.cluster\.local/,
  },
  {
    name: 'env calling a Knative Service over wss',
    build: callingKnative({ FN_SOCKET: 'wss://fn.fn/socket' }), gatewayCluster: true,
    layer: 'references', path: 'web', field: 'env.FN_SOCKET', message: /port 443/,
  },
  {
    name: 'addEnv calling a Knative Service over https',
    build: withKnative((c) => {
      knativeApp(c);
      labApp('web')(c).addEnv('FN_URL', 'https://fn.fn');
    }), gatewayCluster: true,
    layer: 'references', path: 'web', field: 'env.FN_URL', message: /port 443/,
  },
  {
    name: "a Knative app calling another Knative app on its container's port",
    build: withKnative((c) => {
      knativeApp(c);
      new App(c, 'caller', { ...FN, controller: AppController.knative(), env: { FN_URL: 'http://fn.fn:8080' } });
    }), gatewayCluster: true,
    layer: 'references', path: 'caller', field: 'env.FN_URL', message: /Knative Service fn\.fn on port 8080/,
  },
  {
    name: 'a Knative app calling a Deployment on a port its Service does not serve',
    build: withKnative((c) => {
      labApp('web')(c);
      new App(c, 'caller', { ...FN, controller: AppController.knative(), env: { WEB_URL: 'http://web.web:9999' } });
    }), gatewayCluster: true,
    layer: 'references', path: 'caller', field: 'env.WEB_URL', hint: /serves 8080/,
  },
  {
    name: 'a Knative app calling a Deployment whose policy does not let it in',
    build: withKnative((c) => {
      labApp('web')(c);
      new App(c, 'caller', { ...FN, controller: AppController.knative(), env: { WEB_URL: 'http://web.web:8080' } });
    }), gatewayCluster: true,
    layer: 'policy', path: 'caller', field: 'env.WEB_URL', hint: /egress: \[web\]/,
  },
  // StaticNfsVolume.
  { name: 'a StaticNfsVolume whose claim has no namespace', build: staticNfs({ claim: { name: 'media', size: '100Gi' } }), layer: 'props', path: 'media', field: 'claim.namespace', hint: /namespace of the app/ },
  { name: 'a StaticNfsVolume whose claim has no name', build: staticNfs({ claim: { namespace: 'jf', size: '100Gi' } }), layer: 'props', path: 'media', field: 'claim.name' },
  { name: 'a StaticNfsVolume whose claim has no size', build: staticNfs({ claim: { name: 'media', namespace: 'jf' } }), layer: 'props', path: 'media', field: 'claim.size' },
  { name: "a StaticNfsVolume's capacity in docker's gb", build: staticNfs({ capacity: '500gb' }), layer: 'props', path: 'media', field: 'capacity', hint: /500Gi/ },
  { name: "a StaticNfsVolume's claim size in TB", build: staticNfs({ capacity: '2Ti', claim: { name: 'media', namespace: 'jf', size: '1.5TB' } }), layer: 'props', path: 'media', field: 'claim.size', hint: /1\.5Ti/ },
  { name: "a StaticNfsVolume's claim size as a number", build: staticNfs({ claim: { name: 'media', namespace: 'jf', size: 100 } }), layer: 'props', path: 'media', field: 'claim.size' },
  { name: 'a StaticNfsVolume given the export as server:path text', build: staticNfs({ export: 'nas.lab.test:/export' }), layer: 'props', path: 'media', field: 'export' },
  { name: 'a StaticNfsVolume claim of 500Gi on a capacity of 500G', build: staticNfs({ capacity: '500G', claim: { name: 'media', namespace: 'jf', size: '500Gi' } }), layer: 'props', path: 'media', field: 'claim.size' },
  { name: 'a StaticNfsVolume named with capitals and an underscore', build: staticNfs({ name: 'Media_Vol' }), layer: 'props', path: 'media', field: 'name', hint: /media-vol/ },
  {
    name: "a StaticNfsVolume's claim in a namespace no app uses, beside the app it was meant for",
    build: guarded((c: ClusterChart) => {
      new StaticNfsVolume(c, 'media', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'jellyfin', size: '100Gi' } });
      labApp('jf', { namespace: 'media' })(c);
    }),
    layer: 'references', path: 'media', field: 'claim.namespace', message: /namespace "jellyfin", where nothing else of the cluster is/, hint: /namespace: 'media'/,
  },
  {
    name: 'two StaticNfsVolumes binding one claim',
    build: guarded((c: ClusterChart) => {
      for (const id of ['a', 'b']) {
        new StaticNfsVolume(c, id, { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'jf', size: '100Gi' } });
      }
    }),
    layer: 'references', path: 'b/claim', field: 'metadata.name', hint: /existingClaim/,
  },
  // Mutators after construction.
  { name: 'addContainer given a port the main container has', build: guarded((c: ClusterChart) => labApp('web')(c).addContainer({ ...EXPORTER, ports: [{ name: 'metrics', port: 8080 }] })), layer: 'props', path: 'web', field: 'addContainer.ports[0].port' },
  { name: 'addEnv given a name with an equals sign', build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('MY-VAR=1', 'x')), layer: 'props', path: 'web', field: 'addEnv.MY-VAR=1' },
  { name: 'addPort given a port as text', build: guarded((c: ClusterChart) => labApp('web')(c).addPort({ name: 'metrics', port: '9090' as unknown as number })), layer: 'props', path: 'web', field: 'addPort.port' },
  { name: "addPort given compose's host:container text", build: guarded((c: ClusterChart) => labApp('web')(c).addPort('9090:9090' as never)), layer: 'props', path: 'web', field: 'addPort' },
  { name: 'addPort reusing the name of a port', build: guarded((c: ClusterChart) => labApp('web')(c).addPort({ name: 'http', port: 9090 })), layer: 'props', path: 'web', field: 'addPort.name' },
  // Probes on the ports of other containers.
  {
    name: "the main container's probe on a sidecar's port number",
    build: guarded(labApp('web', { containers: [EXPORTER], probes: { readiness: { port: 9113 } } })),
    layer: 'props', path: 'web', field: 'probes.readiness.port', hint: /8080/,
  },
  {
    name: "a sidecar's probe on the main container's port",
    build: guarded(labApp('web', { containers: [{ ...EXPORTER, probes: { readiness: { port: 8080 } } }] })),
    layer: 'props', path: 'web', field: 'containers.exporter.probes.readiness.port', hint: /9113/,
  },
  {
    name: "addSidecar with a probe on the main container's port",
    build: guarded((c: ClusterChart) => labApp('web')(c).addSidecar({ ...EXPORTER, probes: { liveness: { httpPath: '/metrics', port: 8080 } } })),
    layer: 'props', path: 'web', field: 'containers.exporter.probes.liveness.port',
  },
  // Devices and GPUs on hosts that have none.
  { name: 'the NVIDIA device plugin asked for on a host without a GPU', build: guarded(labApp('web', { devices: [AppDevice.plugin('nvidia.com/gpu')], placement: { hosts: [arm1] } })), layer: 'inventory', path: 'web', field: 'devices[0]' },
  { name: "Intel's GPU plugin asked for in a cluster without an Intel GPU", build: guarded(labApp('web', { devices: [AppDevice.plugin('gpu.intel.com/i915')] })), layer: 'inventory', path: 'web', field: 'devices[0]' },
  {
    name: "AppDevice.hostDevice() given a USB stick of the inventory in place of its path",
    build: guarded(labApp('z2m', { devices: [AppDevice.hostDevice(stickHost.usb.zigbee as never)], exemptions: { hostPath: 'the Zigbee stick' } })),
    layer: 'props', path: 'z2m', field: 'devices[0]', message: /stick\.usb\.zigbee is a USB device of the inventory/, hint: /\/dev\/serial\/by-id/,
  },
  { name: 'AppDevice.dri() given the number of a render node', build: guarded(labApp('jf', { devices: [AppDevice.dri(128 as never)], exemptions: { hostPath: 'the GPU' } })), layer: 'props', path: 'jf', field: 'devices[0]', hint: /AppDevice\.dri\('renderD128'\)/ },
  { name: 'AppDevice.dri() given its props as an object', build: guarded(labApp('jf', { devices: [AppDevice.dri({ renderNode: 'renderD128' } as never)], exemptions: { hostPath: 'the GPU' } })), layer: 'props', path: 'jf', field: 'devices[0]', message: /AppDevice\.dri\(\) was given/ },
  {
    name: 'Jellyfin transcoding through /dev/dri without the host groups',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const cluster = labCluster(app, 'igpu', { site: igpuSite, hosts: [igpuHost], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() } });
      new Jellyfin(cluster, 'jf', { media: JellyfinMedia.nfs(igpuSite.nfs.share), hardwareTranscoding: (JellyfinTranscoding.dri as (props?: unknown) => JellyfinTranscoding)({ vendor: 'intel' }) });
    }),
    layer: 'props', path: 'jf', field: 'hardwareTranscoding.renderGroup', hint: /getent group render/,
  },
  { name: 'Ollama built for ROCm, which it calls amd', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'rocm' } as never)), layer: 'props', path: 'ollama', field: 'accelerator' },
  { name: 'Ollama asking for more GPUs than a host has', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { gpuCount: 4 } as never)), layer: 'inventory', path: 'ollama', field: 'accelerator' },
];
