import { AppVolume, ChartRelease, isolatedNamespace, MediaContainers, Ollama, SecretReference, servesPorts } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { App as CdkApp } from 'cdk8s';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster, raw } from './lab';

// First labs of someone who read the README and the TSDoc only, writing props from YAML and shell habits:
// a pull policy or host path type in lower case, a pin style of their own words, a claim named as a
// person names a folder, RBAC verbs and resources as HTTP and `kubectl api-resources` print them,
// capabilities as `capsh` prints them, a pod field that does not exist, a Secret or ConfigMap named with
// capitals, a chart's served port written as text, a peer's pod labels as a person writes them, media
// settings keyed as the variables they become, a route flavor, load balancer or storage tier given as its
// options. Each is one error on the prop that wrote it, with the form that prop takes as the hint, where
// before it was a schema error on the rendered object, two errors, a failure of code, or output the API
// server takes and that does nothing.

/** A chart release of podinfo whose namespace's policy is `network`. */
const podinfo = (network: unknown) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'podinfo', {
  namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' }, network: network as never,
}));

/** Media containers of a sonarr, with `settings`. */
const media = (settings: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.9', listenPort: 8989 } },
} as never));

/** The lab's web app with a ServiceAccount whose cluster-wide rule is `rule`. */
const discovery = (rule: Record<string, unknown>) => guarded(labApp('web', { serviceAccount: { reason: 'discovers the services it shows', clusterRules: [rule] } }));

export const CASES: BadInput[] = [
  // The API server takes only Always, IfNotPresent and Never; the schema layer found it on the Deployment.
  {
    name: 'an imagePullPolicy in camel case', build: guarded(labApp('web', { imagePullPolicy: 'ifNotPresent' })),
    layer: 'props', path: 'web', field: 'imagePullPolicy', hint: /'IfNotPresent'/,
  },
  {
    name: "a sidecar's imagePullPolicy in lower case",
    build: guarded(labApp('web', { sidecars: [{ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', imagePullPolicy: 'ifnotpresent' }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].imagePullPolicy', hint: /'IfNotPresent'/,
  },
  {
    name: "Ollama's imagePullPolicy with a trailing space", build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { version: '0.3.12', imagePullPolicy: 'IfNotPresent ' } as never)),
    layer: 'props', path: 'ollama', field: 'imagePullPolicy', hint: /'IfNotPresent'/,
  },
  {
    name: 'a host path type in lower case',
    build: guarded(labApp('web', {
      exemptions: { hostPath: 'its configuration lives on the node' },
      persistence: { config: { volume: AppVolume.hostPath('/srv/web', 'directory' as never), mountPath: '/config' } },
    })),
    layer: 'props', path: 'web', field: 'persistence.config.volume.hostPathType', hint: /'Directory'/,
  },
  // Any other word than nodeSelector was taken as nodeAffinity.
  {
    name: 'pinWith in words of its own', build: guarded(labApp('web', { pinWith: 'affinity' })),
    layer: 'props', path: 'web', field: 'pinWith', hint: /nodeSelector, nodeAffinity/,
  },
  // The claim's name was reported on the rendered PersistentVolumeClaim.
  {
    name: 'a claim named with capitals and an underscore',
    build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi', claimName: 'Web_Data' }), mountPath: '/data' } } })),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim.claimName',
  },
  // RBAC compares verbs, resources and groups as written: the API server takes these, and they grant nothing.
  {
    name: 'RBAC verbs as HTTP writes its methods', build: discovery({ apiGroups: [''], resources: ['pods'], verbs: ['GET', 'list'] }),
    layer: 'props', path: 'web', field: 'serviceAccount.clusterRules[0].verbs[0]', hint: /'get'/,
  },
  {
    name: 'an RBAC resource with a capital', build: discovery({ apiGroups: [''], resources: ['Pods'], verbs: ['get'] }),
    layer: 'props', path: 'web', field: 'serviceAccount.clusterRules[0].resources[0]', hint: /'pods'/,
  },
  {
    name: 'a hand-written Role whose verb is upper case',
    build: (c: ClusterChart) => raw(c, 'w', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'web' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'WATCH'] }] }),
    layer: 'schema', path: 'w', field: 'rules[0].verbs[1]', hint: /'watch'/,
  },
  // A capability's spelling was reported on the rendered Deployment.
  {
    name: 'a capability in lower case',
    build: guarded(labApp('web', { exemptions: { addCapabilities: { capabilities: ['net_admin'], reason: 'routes the VPN' } } })),
    layer: 'props', path: 'web', field: 'exemptions.addCapabilities.capabilities[0]', hint: /NET_ADMIN/,
  },
  {
    name: "a sidecar's capability with its CAP_ prefix",
    build: guarded(labApp('web', { sidecars: [{ name: 'vpn', image: 'qmcgaw/gluetun:v3.39.1', exemptions: { addCapabilities: { capabilities: ['CAP_NET_ADMIN'], reason: 'routes the VPN' } } }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].exemptions.addCapabilities.capabilities[0]', hint: /NET_ADMIN/,
  },
  // A field of the pod that is none was reported on the rendered Deployment.
  {
    name: 'an env var reading a pod field that does not exist', build: guarded(labApp('web', { env: { NODE: { fieldPath: 'spec.node' } } })),
    layer: 'props', path: 'web', field: 'env.NODE', hint: /spec\.nodeName/,
  },
  // A Secret or ConfigMap name no object can have: a schema error on the pod, and the object's absence besides.
  {
    name: 'an env var reading a Secret named with capitals',
    build: guarded(labApp('web', { env: { DB_PASSWORD: SecretReference.external('web', 'Postgres_Secret', 'password') } })),
    layer: 'props', path: 'web', field: 'env.DB_PASSWORD', hint: /SecretReference\.external\('web', 'postgres-secret', 'password'\)/,
  },
  {
    name: 'an env var reading a ConfigMap named with capitals',
    build: guarded(labApp('web', { env: { SETTINGS: { configMapName: 'Web_Config', key: 'settings' } } })),
    layer: 'props', path: 'web', field: 'env.SETTINGS', hint: /configMapName: 'web-config'/,
  },
  {
    name: 'an env var reading a ConfigMap key with a space',
    build: guarded(labApp('web', { env: { SETTINGS: { configMapName: 'web-config', key: 'my settings' } } })),
    layer: 'props', path: 'web', field: 'env.SETTINGS',
  },
  // The port became a port name of the namespace's NetworkPolicy, reported on that policy.
  {
    name: "a chart release's served port written as text", build: podinfo(servesPorts({ port: '9898', purpose: 'web UI' } as never)),
    layer: 'props', path: 'podinfo', field: 'network.servesPorts[0].port', hint: /9898/,
  },
  {
    name: "an isolated namespace's routed port with its protocol in lower case",
    build: podinfo(isolatedNamespace({ routedPorts: [{ port: 9898, protocol: 'tcp', purpose: 'web UI' }] } as never)),
    layer: 'props', path: 'podinfo', field: 'network.isolatedNamespace.routedPorts[0].protocol', hint: /'TCP'/,
  },
  // A peer's pod labels were a schema error on the rendered NetworkPolicy.
  {
    name: 'allowFrom pods whose label value has a space',
    build: guarded((c: ClusterChart) => { c.namespaces.ensure('monitoring'); labApp('web', { allowFrom: [{ namespace: 'monitoring', podLabels: { app: 'prometheus server' } }] })(c); }),
    layer: 'props', path: 'web', field: 'allowFrom[0].podLabels.app',
  },
  {
    name: 'egress to pods by a label key with a space',
    build: guarded((c: ClusterChart) => { c.namespaces.ensure('monitoring'); labApp('web', { egress: [{ namespace: 'monitoring', podLabels: { 'app name': 'prometheus' } }] })(c); }),
    layer: 'props', path: 'web', field: 'egress[0].podLabels.app name',
  },
  // Media settings keyed as the variables they become (PUID, TZ) were ignored, and the containers got the text "undefined".
  {
    name: 'media settings keyed as the variables linuxserver.io documents',
    build: media({ PUID: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' }),
    layer: 'props', path: 'media', field: 'settings.PUID', hint: /"puid"/,
  },
  {
    name: 'media settings without a time zone',
    build: media({ puid: 1000, pgid: 1000, configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' }),
    layer: 'props', path: 'media', field: 'settings.tz', hint: /tz: 'Europe\/Berlin'/,
  },
  // Options written where the factory's result belongs: the route flavor's ended in "this.routes.bind is not a
  // function", on the cluster's storage.
  {
    name: "routes given as the flavor's options, without its factory",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { routes: { type: 'traefik' } as never })),
    layer: 'props', path: 'named', field: 'routes', hint: /traefik\(/,
  },
  {
    name: "loadBalancer given as MetalLB's options, without its factory",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { loadBalancer: { pools: [lab.pools.vips] } as never })),
    layer: 'props', path: 'named', field: 'loadBalancer', hint: /metalLb\(/,
  },
  // A tier of neither kind ended in "Cannot read properties of undefined", on the cluster's Flux objects.
  {
    name: 'a storage tier written as the pool and host it is on',
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { storage: { fast: { pool: 'fast', host: 'gpu1' } as never } })),
    layer: 'props', path: 'named', field: 'storage.fast', hint: /gpu1\.zfs\.fast/,
  },
  // Numbers beyond what the API server keeps in 32 bits were a schema error on the rendered object, one per
  // probe the value was copied into.
  {
    name: 'replicas beyond a 32-bit integer', build: guarded(labApp('web', { replicas: 3000000000 })),
    layer: 'props', path: 'web', field: 'replicas', hint: /2147483647/,
  },
  {
    name: "a probe's period beyond a 32-bit integer", build: guarded(labApp('web', { probes: { readiness: { httpPath: '/', periodSeconds: 3000000000 } } })),
    layer: 'props', path: 'web', field: 'probes.readiness.periodSeconds', hint: /2147483647/,
  },
];
