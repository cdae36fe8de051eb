import { Bridge } from '../inventory/bridge';
import { ExternalHost } from '../inventory/host';
import { NfsExport } from '../inventory/nfs-export';
import { SECRET_REFERENCE } from './secret-reference-shape';
import type { ExternalSecretProps, RemoteKey, SecretStoreRef } from '../secrets/external-secret';
import type { SealedSecretProps } from '../secrets/sealed-secret';
import type { SopsDotenvFileProps, SopsSecretProps } from '../secrets/sops-secret';
import type { BridgeNetworkProps } from '../services/bridge-network';
import type { CrossplanePostgresProps, PostgresClaimProps } from '../services/crossplane-postgres';
import type { DnsRecordProps } from '../services/dns-record';
import type { ExternalServiceProps } from '../app/external-service';
import type { ForgejoProps, ForgejoSshLoadBalancerProps, ForgejoSshProps } from '../services/forgejo';
import type { ForgejoPostgresProps } from '../services/forgejo-database';
import type { HarborProps } from '../services/harbor';
import type { HomeAssistantVmProps, VmBridgeInterfaceProps } from '../services/home-assistant-vm';
import type { JellyfinProps } from '../services/jellyfin';
import type { KubeVirtManagerProps } from '../services/kubevirt-manager';
import type { MediaContainer, MediaContainersProps, MediaHealthCheck, MediaResources } from '../services/media-containers';
import type { MediaSettings } from '../services/media-settings';
import type { OllamaProps } from '../services/ollama';
import type { OsqueryProps } from '../services/osquery';
import type { WazuhAgentProps } from '../services/wazuh-agent';
import type { ServicePassThroughProps } from '../services/pass-through';
import type { StaticNfsClaimProps, StaticNfsVolumeProps } from '../services/static-nfs-volume';
import type { StaticZfsVolumeProps } from '../services/static-zfs-volume';
import type { UpstreamProxyProps } from '../services/upstream-proxy';
import type { HostServiceProps } from '../services/host-service';
import type { WeaveGitOpsProps } from '../services/weave-gitops';
import type { ChartReleaseProps } from '../platform/chart-release';
import { CRD_GROUP_SHAPE, PROVIDES_SHAPE } from '../platform/component-props-shape';
import type { HelmChartSource } from '../platform/component';
import type { IsolatedNamespaceOptions, ServedPort } from '../platform/component-network';
import type { NetworkPeer } from '../platform/network-policy';
import type { VaultClusterSecretStoreProps } from '../platform/secret-stores';
import type { VaultSecretObject, VaultSecretProviderClassProps } from '../platform/secrets-store';
import {
  EXEMPTIONS_SHAPE, HOST_SHAPE, IMAGE_PULL_POLICY_SHAPE, PERSISTENCE_SHAPE, PLACEMENT_SHAPE, POOL_ADDRESS_SHAPE, RESOURCES_SHAPE, ROUTE_SHAPE, VOLUME_SHAPE,
} from './app-props-shape';
import { CLAIM_ACCESS_MODE_SHAPE } from './access-mode';
import { instanceOf, oneOf, oneOfWithHabits, PropRules, PropShape } from './known-props';

// The props of the service and secret constructs, for callers the type checker does not see (JavaScript,
// `as any`). `satisfies Record<keyof X, …>` keeps each list complete. Values built by this library's
// factories (volumes, media, databases) are checked as objects; inventory objects by their class.

const BRIDGE = instanceOf(Bridge, 'a bridge of the inventory (host.bridges.<name>)');
const NFS_EXPORT = instanceOf(NfsExport, 'an NFS export of the inventory (site.nfs.<name>)');
const EXTERNAL_HOST = instanceOf(ExternalHost, "an external host of the inventory (declared with externalHost('name', { … }))");
// Kept where the constructs that read it import their other shapes from.
export { SECRET_REFERENCE };

const PASS_THROUGH = {
  env: { '{}': 'any' }, persistence: { '{}': PERSISTENCE_SHAPE }, resources: RESOURCES_SHAPE, exemptions: EXEMPTIONS_SHAPE,
} as const satisfies Record<keyof ServicePassThroughProps, PropShape>;

/** `JellyfinProps`. */
export const JELLYFIN_PROPS_SHAPE = {
  ...PASS_THROUGH, version: 'string', namespace: 'namespace',
  // Either factory's fields: JellyfinMedia.nfs() or JellyfinMedia.shared().
  media: { type: 'string', export: NFS_EXPORT, subDirectory: 'string', volume: VOLUME_SHAPE },
  config: VOLUME_SHAPE, cacheSizeLimit: 'string', transcodeSizeLimit: 'string', transcodesOnNode: 'boolean',
  // Only JellyfinTranscoding.dri() takes a vendor: NVIDIA's GPUs transcode through NVENC, which /dev/dri does not give.
  hardwareTranscoding: {
    type: 'string', vendor: oneOfWithHabits(['intel', 'amd'], { NVIDIA: "NVIDIA's GPUs transcode with NVENC through the NVIDIA device plugin, not through /dev/dri: hardwareTranscoding: JellyfinTranscoding.nvidia()" }),
    renderGroup: 'posixId', videoGroup: 'posixId', deviceOwnershipFromSecurityContext: 'boolean',
  },
  replicas: 'integer', placement: PLACEMENT_SHAPE, route: ROUTE_SHAPE, migratedConfig: 'reason',
} as const satisfies Record<keyof JellyfinProps, PropShape>;

/** `OllamaProps`. */
export const OLLAMA_PROPS_SHAPE = {
  ...PASS_THROUGH, version: 'string', image: 'string', imagePullPolicy: IMAGE_PULL_POLICY_SHAPE, namespace: 'namespace', // Ollama's images run on CUDA and ROCm alone: an Intel GPU (an N100's iGPU, an Arc card) is no accelerator of theirs.
  accelerator: oneOfWithHabits(['nvidia', 'amd', 'cpu'], {
    INTEL: "Ollama's images run models on NVIDIA (CUDA) and AMD (ROCm) GPUs only, not on an Intel GPU: accelerator: 'cpu' runs them on the CPU "
      + "(preferredHost: <host> keeps it on the machine you meant), or run a build for Intel GPUs (IPEX-LLM's) as an App with gpu: { vendor: 'intel' }",
  }),
  gpuCount: 'count',
  preferredHost: HOST_SHAPE, modelStorage: VOLUME_SHAPE, memoryRequest: 'string', memoryLimit: 'string', cpuRequest: 'any', cpuLimit: 'any',
  configMapName: 'string', homeStorage: VOLUME_SHAPE, homeSubPath: 'string', keepAlive: 'string', supplementalGroups: { '[]': 'posixId' }, route: ROUTE_SHAPE,
} as const satisfies Record<keyof OllamaProps, PropShape>;

/** `WazuhAgentProps`. */
export const WAZUH_AGENT_PROPS_SHAPE = {
  ...PASS_THROUGH, manager: EXTERNAL_HOST,
  namespace: 'namespace', labels: { '{}': 'string' }, version: 'string', group: 'string', registrationPassword: SECRET_REFERENCE, watchedFolders: 'strings', jsonLogs: 'strings',
} as const satisfies Record<keyof WazuhAgentProps, PropShape>;

/** `OsqueryProps`. */
export const OSQUERY_PROPS_SHAPE = {
  ...PASS_THROUGH, namespace: 'namespace', labels: { '{}': 'string' }, imageTag: 'string', schedule: { '{}': { query: 'string', interval: 'count' } }, hostFolders: 'strings',
} as const satisfies Record<keyof OsqueryProps, PropShape>;

/** `ForgejoProps.ssh` when it is not `false` (checked as `{ ssh }`, so fields read `ssh.port`). */
export const FORGEJO_SSH_SHAPE = {
  port: 'port', domain: 'string',
  loadBalancer: { address: POOL_ADDRESS_SHAPE, hostname: 'string' } satisfies Record<keyof ForgejoSshLoadBalancerProps, PropShape>,
} as const satisfies Record<keyof ForgejoSshProps, PropShape>;

/** `ForgejoProps`; `ssh` may be `false` (checked with {@link FORGEJO_SSH_SHAPE} otherwise). */
export const FORGEJO_PROPS_SHAPE = {
  ...PASS_THROUGH, version: 'string', namespace: 'namespace', storage: VOLUME_SHAPE, route: ROUTE_SHAPE, ssh: 'any',
  // Either factory's fields (ForgejoDatabase.sqlite() or .postgres()), so a password written as a string is named as such.
  database: {
    type: 'string',
    postgres: {
      host: 'string', port: 'integer', database: 'string', user: 'string', password: SECRET_REFERENCE,
      sslMode: oneOf('disable', 'require', 'verify-ca', 'verify-full'),
    } satisfies Record<keyof ForgejoPostgresProps, PropShape>,
  },
  secretKey: SECRET_REFERENCE, settings: { '{}': { '{}': 'string' } }, placement: PLACEMENT_SHAPE,
} as const satisfies Record<keyof ForgejoProps, PropShape>;

/** `HarborProps`. */
export const HARBOR_PROPS_SHAPE = {
  chartVersion: 'string', namespace: 'namespace', placement: PLACEMENT_SHAPE, route: ROUTE_SHAPE, ingressClassName: 'string',
  storageTier: 'string', databaseStorageTier: 'string', registrySize: 'string', adminPassword: SECRET_REFERENCE,
  internalSecrets: SECRET_REFERENCE,
} as const satisfies Record<keyof HarborProps, PropShape>;

/** `HomeAssistantVmProps`. */
export const HOME_ASSISTANT_VM_PROPS_SHAPE = {
  namespace: 'namespace', disk: 'object', cores: 'count', memory: 'string',
  iot: { bridge: BRIDGE, address: 'string', gateway: 'string', macAddress: 'string' } satisfies Record<keyof VmBridgeInterfaceProps, PropShape>,
  nameservers: { '[]': 'any' }, clusterNetworks: 'strings', podRouteAddresses: { '[]': 'any' }, route: ROUTE_SHAPE, allowFrom: { '[]': 'any' }, podMacAddress: 'string', guestAgent: 'boolean',
  firmware: oneOf('efi', 'bios'), labels: { '{}': 'string' }, hostDevices: 'any',
} as const satisfies Record<keyof HomeAssistantVmProps, PropShape>;

const MEDIA_AMOUNTS = { cpu: 'string', memory: 'string' } as const;

/**
 * A media container's `network`: `host` or nothing. Compose's other network modes are refused with what each is
 * here: `service:gluetun` left as text would put the container on the pod network, outside the VPN it was meant for.
 */
const MEDIA_NETWORK = oneOfWithHabits(['host'], {
  BRIDGE: "leave network out: a container is on the pod network unless network is 'host', as compose's default bridge",
  DEFAULT: "leave network out: a container is on the pod network unless network is 'host', as compose's default bridge",
  NONE: "a pod always has its network; leave network out, and keep the container from the network with an App's egress list",
  'SERVICE:*': "a media container cannot join another's network: containers of one pod share it, so run both as one HomelabApp with the VPN as a sidecar (sidecars: [{ name: 'gluetun', … }])",
  'CONTAINER:*': "a media container cannot join another's network: containers of one pod share it, so run both as one HomelabApp with the other as a sidecar (sidecars: [{ name: …, image: … }])",
});

const MEDIA_CONTAINER = {
  image: 'any', listenPort: 'port',
  // A port or a placeholder for one: MediaContainers checks it.
  exposePort: 'any', mediaVolumes: 'boolean', configDir: 'any', volumes: 'strings',
  network: MEDIA_NETWORK, devices: 'strings', privileged: 'reason', environment: { '{}': 'any' }, host: HOST_SHAPE,
  resources: { requests: MEDIA_AMOUNTS, limits: MEDIA_AMOUNTS } satisfies Record<keyof MediaResources, PropShape>,
  healthCheck: { command: 'strings', interval: 'string', retries: 'integer', timeout: 'string' } satisfies Record<keyof MediaHealthCheck, PropShape>,
  runAsRoot: 'reason', writableRoot: 'reason', args: 'strings', route: 'string', maxBodySize: 'any',
  supplementalGroups: { '[]': 'posixId' }, extraPorts: { '[]': { name: 'string', port: 'port' } },
} as const satisfies Record<keyof MediaContainer, PropShape>;

/**
 * `MediaSettings`: each a value or a placeholder, whose values the construct checks. Its keys are the
 * settings' own (`puid`, `tz`), not the variables they become (`PUID`, `TZ`), which would leave them unset.
 */
const MEDIA_SETTINGS_SHAPE = {
  puid: 'any', pgid: 'any', tz: 'any', configDir: 'any', dataDir: 'any', storageDir: 'any', renderGroup: 'any', videoGroup: 'any',
} as const satisfies Record<keyof MediaSettings, PropShape>;

/** `MediaContainersProps`. */
export const MEDIA_CONTAINERS_PROPS_SHAPE = {
  settings: MEDIA_SETTINGS_SHAPE, containers: { '{}': MEDIA_CONTAINER }, namespace: 'namespace', exposure: oneOf('nodePort', 'ingress'), derivedPortRange: { first: 'port', last: 'port' },
  driDevices: oneOf('mount', 'intel-plugin'), reservedPorts: 'any', tailnet: 'string',
} as const satisfies Record<keyof MediaContainersProps, PropShape>;

/**
 * Compose's names inside a media container's `healthCheck` and `resources` (and the App's flat resources),
 * each refused with what it is here: the check and the amounts are translated by hand, not guessed.
 */
export const MEDIA_CONTAINERS_FOREIGN_PROPS: NonNullable<PropRules['foreign']> = [
  ['containers.*.healthCheck.test', "compose's test is command here, without its first word: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] is command: ['curl', '-f', 'http://localhost'], and [\"CMD-SHELL\", \"…\"] is ['sh', '-c', '…']"],
  ['containers.*.healthCheck.start_period', "compose's start_period has no prop here: the container gets up to five minutes to open listenPort before it is restarted, and no traffic until its check passes; leave start_period out"],
  ['containers.*.healthCheck.start_interval', "compose's start_interval has no prop here: the check runs every interval from the start; leave start_interval out"],
  ['containers.*.healthCheck.disable', "leave healthCheck out for no command check: the container is then checked on listenPort"],
  ['containers.*.device_cgroup_rules', "compose's device_cgroup_rules has no prop here: a Kubernetes container gets no device cgroup rules; list each device in devices ('/dev/ttyACM0', or a folder such as '/dev/bus/usb'), and give privileged a reason where the container must open devices that appear after it starts"],
  ['containers.*.cap_add', "compose's cap_add has no prop here: a media container adds no single capability; give privileged a reason where it must have one (a VPN such as gluetun, which needs NET_ADMIN), or run it as a HomelabApp, whose exemptions.addCapabilities adds capabilities one by one"],
  ['containers.*.resources.reservations', "compose's reservations are requests here: requests: { cpu: '250m', memory: '256Mi' }"],
  ...['requests', 'limits'].map((at) => [`containers.*.resources.${at}.cpus`, `compose's cpus: 0.5 is cpu: '500m' here (a CPU quantity: 500m is half a core)`] as const),
  ...(['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const).map((prop) => {
    const [kind, amount] = prop.startsWith('cpu') ? ['cpu', "'500m'"] : ['memory', "'1Gi'"];
    return [`containers.*.resources.${prop}`, `a media container's resources take a container spec's shape: ${prop.endsWith('Limit') ? 'limits' : 'requests'}: { ${kind}: ${amount} }`] as const;
  }),
];

/** `DnsRecordProps`. */
export const DNS_RECORD_PROPS_SHAPE = {
  name: 'string', targets: 'strings', recordType: 'string', ttl: 'integer', namespace: 'namespace',
} as const satisfies Record<keyof DnsRecordProps, PropShape>;

/** `ExternalServiceProps`. */
export const EXTERNAL_SERVICE_PROPS_SHAPE = {
  host: EXTERNAL_HOST, service: 'string', namespace: 'namespace', portName: 'string',
} as const satisfies Record<keyof ExternalServiceProps, PropShape>;

/** `CrossplanePostgresProps`. */
export const CROSSPLANE_POSTGRES_PROPS_SHAPE = {
  group: 'string', compositionName: 'string', storageTier: 'string', crossplaneNamespace: 'string', claimNamespaces: 'strings',
} as const satisfies Record<keyof CrossplanePostgresProps, PropShape>;

/** `PostgresClaimProps`, with the definition `CrossplanePostgres.claim` adds. */
export const POSTGRES_CLAIM_PROPS_SHAPE = {
  namespace: 'namespace', dbName: 'string', dbUser: 'string', dbSize: 'string', password: SECRET_REFERENCE, connectionSecretName: 'objectName', definition: 'object',
} as const satisfies Record<keyof PostgresClaimProps | 'definition', PropShape>;

/** `BridgeNetworkProps`. */
export const BRIDGE_NETWORK_PROPS_SHAPE = {
  bridge: BRIDGE, namespace: 'namespace', name: 'string',
} as const satisfies Record<keyof BridgeNetworkProps, PropShape>;

/** `UpstreamProxyProps`. */
export const UPSTREAM_PROXY_PROPS_SHAPE = {
  domain: 'string', address: POOL_ADDRESS_SHAPE, port: 'integer', hostnames: 'any', certResolver: 'string', namespace: 'namespace',
  name: 'string', publicAddress: 'string', privateHostnames: 'any',
} as const satisfies Record<keyof UpstreamProxyProps, PropShape>;

/** `HostServiceProps`. */
export const HOST_SERVICE_PROPS_SHAPE = {
  host: HOST_SHAPE, port: 'port', namespace: 'namespace', name: 'objectName',
} as const satisfies Record<keyof HostServiceProps, PropShape>;

/** `WeaveGitOpsProps`. */
export const WEAVE_GITOPS_PROPS_SHAPE = {
  route: ROUTE_SHAPE, adminPassword: SECRET_REFERENCE, namespace: 'namespace',
} as const satisfies Record<keyof WeaveGitOpsProps, PropShape>;

/** `KubeVirtManagerProps`. */
export const KUBEVIRT_MANAGER_PROPS_SHAPE = {
  route: ROUTE_SHAPE, users: SECRET_REFERENCE, namespace: 'namespace', placement: PLACEMENT_SHAPE, apiServer: { '[]': { cidr: 'string', ports: 'any' } },
} as const satisfies Record<keyof KubeVirtManagerProps, PropShape>;

/** `StaticNfsVolumeProps`. */
export const STATIC_NFS_VOLUME_PROPS_SHAPE = {
  export: NFS_EXPORT, name: 'objectName', capacity: 'string', accessMode: CLAIM_ACCESS_MODE_SHAPE,
  claim: { name: 'objectName', namespace: 'namespace', size: 'string' } satisfies Record<keyof StaticNfsClaimProps, PropShape>,
} as const satisfies Record<keyof StaticNfsVolumeProps, PropShape>;

/** `StaticZfsVolumeProps`. */
export const STATIC_ZFS_VOLUME_PROPS_SHAPE = {
  volume: 'object', namespace: 'namespace', claimName: 'objectName', volumeMode: oneOf('Block', 'Filesystem'), openebsNamespace: 'namespace', labels: { '{}': 'string' },
} as const satisfies Record<keyof StaticZfsVolumeProps, PropShape>;

/** `ExternalSecretProps`. */
export const EXTERNAL_SECRET_PROPS_SHAPE = {
  namespace: 'namespace', name: 'string',
  store: { name: 'string', kind: oneOf('SecretStore', 'ClusterSecretStore') } satisfies Record<keyof SecretStoreRef, PropShape>,
  data: { '{}': { remoteKey: 'string', property: 'string' } satisfies Record<keyof RemoteKey, PropShape> },
  // The operator decodes it as a metav1.Duration: '1 hour' is never read, and the Secret never synced.
  refreshInterval: 'duration',
  type: 'string',
} as const satisfies Record<keyof ExternalSecretProps, PropShape>;

/** `SealedSecretProps`. */
export const SEALED_SECRET_PROPS_SHAPE = {
  namespace: 'namespace', name: 'string', encryptedData: { '{}': 'string' }, type: 'string', scope: oneOf('strict', 'namespace-wide', 'cluster-wide'),
} as const satisfies Record<keyof SealedSecretProps, PropShape>;

/** `SopsSecretProps`. */
export const SOPS_SECRET_PROPS_SHAPE = { manifest: 'object' } as const satisfies Record<keyof SopsSecretProps, PropShape>;

/** `SopsDotenvFileProps`. */
export const SOPS_DOTENV_FILE_PROPS_SHAPE = {
  file: 'string', name: 'objectName', namespace: 'namespace', type: 'string',
} as const satisfies Record<keyof SopsDotenvFileProps, PropShape>;

/** `VaultClusterSecretStoreProps`; the server's scheme and the mount path are checked by the construct. */
export const VAULT_CLUSTER_SECRET_STORE_PROPS_SHAPE = {
  name: 'objectName', server: 'string', path: 'string', role: 'string', authMountPath: 'string', caBundle: 'string',
} as const satisfies Record<keyof VaultClusterSecretStoreProps, PropShape>;

/** `VaultSecretProviderClassProps`; the address and the objects' names and paths are checked by the construct. */
export const VAULT_SECRET_PROVIDER_CLASS_PROPS_SHAPE = {
  name: 'objectName', namespace: 'namespace', vaultAddress: 'string', roleName: 'string', serviceAccountName: 'objectName', caBundle: 'string',
  objects: { '[]': { objectName: 'string', secretPath: 'string', secretKey: 'string' } satisfies Record<keyof VaultSecretObject, PropShape> },
} as const satisfies Record<keyof VaultSecretProviderClassProps, PropShape>;

/** A port a chart's pods serve (`servesPorts(…)`, an isolated namespace's `routedPorts`). */
const SERVED_PORT_SHAPE = { port: 'port', protocol: oneOf('TCP', 'UDP'), purpose: 'reason' } as const satisfies Record<keyof ServedPort, PropShape>;

/**
 * `ComponentNetwork`: one of `servesPorts(…)`, `isolatedNamespace(…)` and `noNetworkPolicy(…)`, each
 * holding one of these keys, so that a port written as text (`port: '9898'`) is answered on the release's
 * `network` rather than on the namespace's NetworkPolicy it would make.
 */
const COMPONENT_NETWORK_SHAPE = {
  servesPorts: { '[]': SERVED_PORT_SHAPE },
  isolatedNamespace: {
    routedPorts: { '[]': SERVED_PORT_SHAPE }, allowFrom: { '[]': { namespace: 'namespace', podLabels: { '{}': 'string' } } satisfies Record<keyof NetworkPeer, PropShape> },
    knativeServices: 'boolean',
  } satisfies Record<keyof IsolatedNamespaceOptions, PropShape>,
  noNetworkPolicy: 'reason',
} as const;

/** `ChartReleaseProps`; the values and the chart's version are checked by the construct. */
export const CHART_RELEASE_PROPS_SHAPE = {
  name: 'string', namespace: 'namespace',
  chart: { repository: 'string', chart: 'string', version: 'string' } satisfies Record<keyof HelmChartSource, PropShape>,
  values: 'any', dependsOn: 'strings', network: COMPONENT_NETWORK_SHAPE, provides: PROVIDES_SHAPE, crds: { '[]': CRD_GROUP_SHAPE },
} as const satisfies Record<keyof ChartReleaseProps, PropShape>;
