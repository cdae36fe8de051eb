import type { AutoscalingBehavior, ExternalAutoscaling, HorizontalAutoscaling } from '../app/autoscaling';
import { SERVICE_ACCOUNT_REQUIRED, SERVICE_ACCOUNT_SHAPE, serviceAccountRoleForm } from '../app/service-account';
import type { AppController, CronJobControllerProps, DaemonSetControllerProps, JobControllerProps, DeploymentControllerProps, KnativeControllerProps, StatefulSetControllerProps } from '../app/controller';
import type { GpuRequest } from '../app/gpu';
import { IMAGE_PULL_POLICIES, type ContainerExemptions, type ContainerMountProps, type ContainerProps } from '../app/container';
import type { AppPort, AppProps, LoadBalancerProps, MetricsProps } from '../app/props';
import type { ProbeProps, ProbesProps } from '../app/probes';
import { kubernetesResourcesForm, type ResourcesProps } from '../app/resources';
import type { SecurityExemptions } from '../app/security';
import { HOST_PATH_TYPES, subPathBesideMountForm, volumeAsEntryForm, type AppVolume, type ClaimVolumeProps, type EmptyDirVolumeProps, type PersistenceProps, type VolumeMountProps } from '../app/volumes';
import { AddressPool, PoolAddress, poolAddressNamedHint, poolNamedHint } from '../inventory/address-pool';
import { Host, hostNamedHint, LABEL_KEYS, LABELS_HINT } from '../inventory/host';
import { NfsExport } from '../inventory/nfs-export';
import type { PlacementProps } from '../inventory/placement';
import { PIN_STYLES } from '../app/placement';
import { ZfsPool } from '../inventory/zfs-pool';
import type { HeaderMatch, HeaderModifier, RouteBackendIntent, RouteIntent, RouteRedirect, RouteRewrite, RouteRuleIntent } from '../platform/route-flavor';
import { ForeignForm, instanceOf, oneOf, oneOfWithHabits, PropRules, PropShape, VariantKeys } from './known-props';
import { COMPOSE_APP_FOREIGN_PROPS, COMPOSE_CONTAINER_SPELLINGS, composeLongPortForm, CONSOLE_HINT, CONTAINER_VOLUMES_SPELLING, STOP_GRACE_HINT } from './compose-spellings';
import { APP_TEMPLATE_SPELLINGS, appTemplatePersistenceForm, appTemplatePortsForm } from './app-template-spellings';
import { routeListForm } from './route-lists';
import { metricsPortNumberForm, probePortNameForm } from './probe-port-names';
import { routePortNameForm } from './route-port-names';
import { SECRET_REFERENCE } from './secret-reference-shape';
import { controllerNameForm, controllerTypeForm } from './controller-type';
import { componentPlacementForm } from './component-placement-form';
import { ANNOTATIONS_HINT, traefikLabelsForm } from './traefik-labels';
import { argoCdAnnotationsForm } from './argo-cd-app-annotations';
import { reloaderLabelsForm } from './reloader-labels';
import { PORT_PROTOCOL_SHAPE } from './port-protocol';
import { CLAIM_ACCESS_MODE_SHAPE } from './access-mode';
import { imageTagForm } from './image-reference-forms';

/** When the kubelet pulls an image, as the API server takes it (it refuses `always`). */
export const IMAGE_PULL_POLICY_SHAPE = oneOfWithHabits(IMAGE_PULL_POLICIES, {
  // Refused in its own case too (see neverPulledProblem): the hint names the policy that takes its place.
  NEVER: "write 'IfNotPresent' (case counts): it uses an image loaded on the node as Never would, and pulls it where it is missing, where Never leaves the pod in ErrImageNeverPull",
});

/** A host of the inventory. */
export const HOST_SHAPE = instanceOf(Host, "a host of the inventory (declared with host('name', { … }))", hostNamedHint);

// `satisfies Record<keyof X, …>` keeps each list complete: a prop added to the interface must be added here.
const PROBE = {
  httpPath: 'string', httpHost: 'string', tcp: 'boolean', command: 'strings', port: 'integer',
  initialDelaySeconds: 'integer', periodSeconds: 'integer', timeoutSeconds: 'integer', failureThreshold: 'integer',
} as const satisfies Record<keyof ProbeProps, PropShape>;

/** `AppPort`. */
export const PORT_SHAPE = {
  name: 'string', port: 'port', protocol: PORT_PROTOCOL_SHAPE, servicePort: 'port', nodePort: 'integer', appProtocol: oneOf('http', 'https'),
} as const satisfies Record<keyof AppPort, PropShape>;
const PORT = PORT_SHAPE;

/** `PlacementProps`. */
export const PLACEMENT_SHAPE = {
  host: HOST_SHAPE, hosts: { '[]': HOST_SHAPE }, gpu: 'string', zfsPool: instanceOf(ZfsPool, 'a ZFS pool of the inventory (host.zfs.<pool>)'),
  workloadRole: 'string', arch: 'string', preferredHost: HOST_SHAPE,
} as const satisfies Record<keyof PlacementProps, PropShape>;

/** `SecurityExemptions`. */
export const EXEMPTIONS_SHAPE = {
  runAsRoot: 'reason', writableRootFilesystem: 'reason', hostNetwork: 'reason', hostPath: 'reason', hostPid: 'reason', nfsVolume: 'reason',
  privileged: 'reason', addCapabilities: { capabilities: 'strings', reason: 'reason' }, privilegeEscalation: 'reason', unconfined: 'reason',
  nodePort: 'reason', networkPolicy: 'reason', floatingImage: 'reason', unverifiedBackendTls: 'reason', probes: 'reason',
} as const satisfies Record<keyof SecurityExemptions, PropShape>;

/** Every key of every member of a union (`keyof` of a union gives only the keys all members share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** An `AppVolume`, as its factories make it: the fields of every kind together. */
export const VOLUME_SHAPE = {
  type: 'string',
  claim: { tier: 'string', size: 'string', accessMode: CLAIM_ACCESS_MODE_SHAPE, claimName: 'objectName' } satisfies Record<keyof ClaimVolumeProps, PropShape>,
  claimName: 'string', accessMode: 'string', export: instanceOf(NfsExport, 'an NFS export of the inventory (site.nfs.<name>)'),
  path: 'string', hostPathType: oneOf(...HOST_PATH_TYPES),
  emptyDir: { memory: 'boolean', sizeLimit: 'string' } satisfies Record<keyof EmptyDirVolumeProps, PropShape>,
  configMapName: 'string', secretName: 'string', secretProviderClass: 'string',
} as const satisfies Record<KeysOfUnion<AppVolume>, PropShape>;

/** An `AppController`, as its factories make it: the props of every kind together. */
const CONTROLLER_SHAPE = {
  kind: 'string',
  props: {
    // Kubernetes' words, whose case counts: `forbid` or `recreate` is answered here, on the prop, not by the rendered object's schema.
    strategy: oneOf('Recreate', 'RollingUpdate'), podManagementPolicy: oneOf('OrderedReady', 'Parallel'), restartPolicy: oneOf('OnFailure', 'Never'), backoffLimit: 'amount', activeDeadlineSeconds: 'count',
    // Amounts the API server takes from 0 (a deadline from 1): a negative one is answered here, on the prop. A Job
    // of 0 completions or a parallelism of 0 is taken too, and runs no pod: the work it was written for never runs.
    ttlSecondsAfterFinished: 'amount', completions: 'count', parallelism: 'count', schedule: 'string', timeZone: 'string',
    concurrencyPolicy: oneOf('Allow', 'Forbid', 'Replace'), startingDeadlineSeconds: 'amount', successfulJobsHistoryLimit: 'amount', failedJobsHistoryLimit: 'amount',
    suspend: 'boolean', minScale: 'integer', maxScale: 'integer', containerConcurrency: 'integer', timeoutSeconds: 'integer', everyNode: 'boolean',
  } satisfies Record<keyof (DeploymentControllerProps & StatefulSetControllerProps & DaemonSetControllerProps & CronJobControllerProps & KnativeControllerProps), PropShape>,
} as const;

/** The props each controller kind takes: a prop of another kind would be ignored. */
const JOB_CONTROLLER_PROPS = ['restartPolicy', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completions', 'parallelism'] as const satisfies ReadonlyArray<keyof JobControllerProps>;
const CONTROLLER_PROPS_OF_KIND: Readonly<Record<AppController['kind'], readonly string[]>> = {
  Deployment: ['strategy'] satisfies ReadonlyArray<keyof DeploymentControllerProps>,
  StatefulSet: ['podManagementPolicy'] satisfies ReadonlyArray<keyof StatefulSetControllerProps>,
  DaemonSet: ['everyNode'] satisfies ReadonlyArray<keyof DaemonSetControllerProps>,
  Job: JOB_CONTROLLER_PROPS,
  CronJob: [...JOB_CONTROLLER_PROPS, 'schedule', 'timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'suspend'] satisfies ReadonlyArray<keyof CronJobControllerProps>,
  KnativeService: ['minScale', 'maxScale', 'containerConcurrency', 'timeoutSeconds'] satisfies ReadonlyArray<keyof KnativeControllerProps>,
};

/** The props of the controller kind an App chose, or undefined where it chose none this library knows. */
function controllerPropsOfKind(props: Readonly<Record<string, unknown>>): VariantKeys | undefined {
  const kind = (props.controller as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(CONTROLLER_PROPS_OF_KIND, kind)
    ? { chosen: `the ${kind} controller`, keys: CONTROLLER_PROPS_OF_KIND[kind as AppController['kind']] } : undefined;
}

/** `VolumeMountProps`. */
export const VOLUME_MOUNT_SHAPE = { mountPath: 'string', subPath: 'string', readOnly: 'boolean' } as const satisfies Record<keyof VolumeMountProps, PropShape>;

/** `PersistenceProps`. */
export const PERSISTENCE_SHAPE = {
  volume: VOLUME_SHAPE, mountPath: 'string', readOnly: 'boolean', mounts: { '[]': VOLUME_MOUNT_SHAPE }, containers: 'strings',
} as const satisfies Record<keyof PersistenceProps, PropShape>;

/** An address taken from an inventory pool. */
export const POOL_ADDRESS_SHAPE = instanceOf(PoolAddress, 'an address taken from an inventory pool (site.pools.<pool>.at(…))', poolAddressNamedHint);

/** An address pool of the inventory. */
export const ADDRESS_POOL_SHAPE = instanceOf(AddressPool, 'an address pool of the inventory (site.pools.<pool>)', poolNamedHint);

/** `ResourcesProps`; each amount is checked by `resourcesProblems`, whose hints read docker's spellings (`512m`, a byte count). */
export const RESOURCES_SHAPE = { cpuRequest: 'any', cpuLimit: 'any', memoryRequest: 'any', memoryLimit: 'any' } as const satisfies Record<keyof ResourcesProps, PropShape>;

/** The rule that a route given as props names its host. */
export const ROUTE_HOST_REQUIRED = ['route.host', "give the host name it answers to, e.g. route: { host: 'photos' } (under the cluster's domain) or a full name"] as const;

/** `RouteRuleIntent`: a typo in a rule (`redirect: { code: 301 }`) would otherwise vanish with the feature. */
const ROUTE_RULE_SHAPE = {
  path: 'string', pathType: oneOf('PathPrefix', 'Exact'),
  headers: { '[]': { name: 'string', value: 'string', type: oneOf('Exact', 'RegularExpression') } satisfies Record<keyof HeaderMatch, PropShape> },
  backends: { '[]': { service: 'string', port: 'integer', weight: 'number' } satisfies Record<keyof RouteBackendIntent, PropShape> },
  requestHeaders: { set: { '{}': 'string' }, add: { '{}': 'string' }, remove: 'strings' } satisfies Record<keyof HeaderModifier, PropShape>,
  redirect: { scheme: oneOf('http', 'https'), hostname: 'string', path: 'string', port: 'port', statusCode: 'integer' } satisfies Record<keyof RouteRedirect, PropShape>,
  rewrite: { pathPrefix: 'string', path: 'string', hostname: 'string' } satisfies Record<keyof RouteRewrite, PropShape>,
} as const satisfies Record<keyof RouteRuleIntent, PropShape>;

/** `RouteIntent`. */
export const ROUTE_SHAPE = {
  host: 'string', name: 'string', path: 'string', port: 'integer', rules: { '[]': ROUTE_RULE_SHAPE }, basicAuth: SECRET_REFERENCE, basicAuthName: 'objectName',
  // Judged with the route's other values (bodySizeProblems), where a bare number gets the unit it meant.
  maxBodySize: 'any',
} as const satisfies Record<keyof RouteIntent, PropShape>;

const PROBES_SHAPE = { readiness: PROBE, liveness: PROBE, startup: PROBE } as const satisfies Record<keyof ProbesProps, PropShape>;

/** `ContainerProps`: a container besides the app's main one. */
export const CONTAINER_SHAPE = {
  name: 'containerName', image: 'image', imagePullPolicy: IMAGE_PULL_POLICY_SHAPE, command: 'strings', args: 'strings', ports: { '[]': PORT }, env: { '{}': 'any' },
  probes: PROBES_SHAPE, resources: RESOURCES_SHAPE,
  mounts: { '[]': { volume: 'string', mountPath: 'string', subPath: 'string', readOnly: 'boolean' } satisfies Record<keyof ContainerMountProps, PropShape> },
  exemptions: {
    runAsRoot: EXEMPTIONS_SHAPE.runAsRoot, writableRootFilesystem: EXEMPTIONS_SHAPE.writableRootFilesystem, privileged: EXEMPTIONS_SHAPE.privileged,
    addCapabilities: EXEMPTIONS_SHAPE.addCapabilities, privilegeEscalation: EXEMPTIONS_SHAPE.privilegeEscalation, unconfined: EXEMPTIONS_SHAPE.unconfined,
  } satisfies Record<keyof ContainerExemptions, PropShape>,
  runAsUser: 'posixId', runAsGroup: 'posixId',
} as const satisfies Record<keyof ContainerProps, PropShape>;

/** What a container given as props must name: its name and image, the path of each mount, and an exemption's parts. */
export const CONTAINER_REQUIRED: NonNullable<PropRules['required']> = [
  ['name', "give the container a name, e.g. name: 'exporter'"],
  ['image', "name the container image with its tag, e.g. image: 'ghcr.io/owner/exporter:1.2.3'"],
  ['mounts.*.volume', 'name the app volume to mount (a key of persistence, or one added with addVolume)'],
  ['mounts.*.mountPath', "give the path in the container, e.g. mountPath: '/config'"],
  ['ports.*.name', "name the port, e.g. name: 'metrics'"],
  ['ports.*.port', 'give the port the process listens on'],
  ['exemptions.addCapabilities.capabilities', "list the capabilities, e.g. capabilities: ['NET_ADMIN']"],
  ['exemptions.addCapabilities.reason', 'say why the container needs them'],
];

/** `LoadBalancerProps`. */
export const LOAD_BALANCER_SHAPE = {
  address: POOL_ADDRESS_SHAPE, ipv6Address: POOL_ADDRESS_SHAPE, hostname: 'string', ports: 'strings', externalTrafficPolicy: oneOf('Cluster', 'Local'),
} as const satisfies Record<keyof LoadBalancerProps, PropShape>;

/** `AppAutoscaling`, both forms: the counts are checked by the App, with their own messages. */
export const AUTOSCALING_SHAPE = {
  minReplicas: 'number', maxReplicas: 'number', cpuUtilization: 'number', memoryUtilization: 'number',
  behavior: { scaleDownStabilizationSeconds: 'number' } satisfies Record<keyof AutoscalingBehavior, PropShape>, external: 'reason',
} as const satisfies Record<keyof HorizontalAutoscaling | keyof ExternalAutoscaling, PropShape>;

/** The props `App` takes, for callers the type checker does not see. */
export const APP_PROPS_SHAPE = {
  image: 'image', imagePullPolicy: IMAGE_PULL_POLICY_SHAPE, namespace: 'namespace', replicas: 'amount', autoscaling: AUTOSCALING_SHAPE,
  ports: { '[]': PORT }, env: { '{}': 'any' }, command: 'strings', args: 'strings',
  probes: PROBES_SHAPE,
  resources: RESOURCES_SHAPE,
  persistence: { '{}': PERSISTENCE_SHAPE }, placement: PLACEMENT_SHAPE, pinWith: oneOf(...PIN_STYLES),
  gpu: {
    vendor: oneOf('nvidia', 'amd', 'intel'), count: 'count', renderGroup: 'posixId', deviceOwnershipFromSecurityContext: 'boolean',
  } satisfies Record<keyof GpuRequest, PropShape>,
  runAsUser: 'posixId', runAsGroup: 'posixId', fsGroup: 'posixId', supplementalGroups: { '[]': 'posixId' }, sysctls: { '{}': 'string' }, exemptions: EXEMPTIONS_SHAPE,
  route: ROUTE_SHAPE,
  loadBalancer: LOAD_BALANCER_SHAPE,
  strategy: oneOf('Recreate', 'RollingUpdate'), labels: { '{}': 'string' },
  controller: CONTROLLER_SHAPE, containers: { '[]': CONTAINER_SHAPE }, initContainers: { '[]': CONTAINER_SHAPE }, sidecars: { '[]': CONTAINER_SHAPE },
  devices: { '[]': 'any' }, headless: 'boolean', restartOnConfigChange: 'boolean', allowFrom: { '[]': 'any' }, egress: 'any',
  metrics: { port: 'string', path: 'string', interval: 'string' } satisfies Record<keyof MetricsProps, PropShape>,
  serviceAccount: SERVICE_ACCOUNT_SHAPE,
} as const satisfies Record<keyof AppProps, PropShape>;

/** A pod spec's spellings that users carry over into a container's props: how to write each here, and the prop it stands for. */
const KUBERNETES_SPELLINGS: ReadonlyArray<readonly [prop: string, hint: string, standsFor?: string]> = [
  // A native sidecar as a pod spec writes it (an init container with restartPolicy: Always), or a Job's pod's policy.
  ['restartPolicy', "a container takes no restartPolicy here: one that keeps running beside the app (a native sidecar, an init container with restartPolicy: Always) is written sidecars: [{ name, image }] (or app.addSidecar), which renders it so; the policy of a Job's pod is controller: AppController.job({ restartPolicy: 'Never' })"],
  ['ports.*.containerPort', 'write port: the port the process listens on (the Service serves it on the same number unless servicePort says otherwise)', 'port'],
  ['ports.*.targetPort', "port is the number the process listens on (a Service's targetPort), and servicePort the number the Service serves, when another (a Service's port): { name: 'http', port: 8080, servicePort: 80 }"],
  ['ports.*.hostPort', "a port of the node is no port's prop: clients reach the app through route: { host }, loadBalancer: { address }, or nodePort: 30080 on the port (with exemptions: { nodePort: '…' }); the node's own network is exemptions: { hostNetwork: '…' }"],
  ['envFrom', "env names each variable it reads: env: { DB_PASSWORD: SecretReference.external('<namespace>', '<secret>', 'DB_PASSWORD') } for a key of a Secret, { configMapName: '<configmap>', key: 'LOG_LEVEL' } for a key of a ConfigMap"],
  ['stdin', CONSOLE_HINT],
  ['volumeMounts', "the app's volumes are its persistence, each mounted where it says: persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } }; another container mounts one of them by name: mounts: [{ volume: 'data', mountPath: '/data' }]"],
  ...(['readiness', 'liveness', 'startup'] as const).map((probe) => [`${probe}Probe`,
    `probes are written by what they check: probes: { ${probe}: { httpPath: '/healthz' } } (httpGet; its port is port: 8080, else the first port), { tcp: true } or { command: ['…'] }`, 'probes'] as const),
  // A pod spec's exec probe, and a probe of a UDP server, which the kubelet cannot send: both ask by a command.
  ...(['readiness', 'liveness', 'startup'] as const).flatMap((probe) => [
    [`probes.${probe}.exec`, `an exec probe is written command here, the program and its words as a list: probes: { ${probe}: { command: ['…'] } }`, 'command'] as const,
    [`probes.${probe}.udp`, `the kubelet probes over TCP, HTTP and gRPC only: a server that listens over UDP alone is asked by a command of its image, probes: { ${probe}: { command: ['…'] } } (a DNS server's dig or nslookup of a name it answers)`, 'command'] as const,
  ]),
];

/** Where an App's pods run is its placement: the nodeSelector, affinity and the tolerations of its hosts' taints follow from it. */
const PLACEMENT_HINT = "write placement: { host: nuc } (or hosts, workloadRole: 'media', gpu, zfsPool, arch, preferredHost): it pins the pods and tolerates the chosen hosts' taints";

/** `KUBERNETES_SPELLINGS` and compose's keys of the main container and of every container given as props, and compose's keys of the app. */
const APP_FOREIGN_PROPS: NonNullable<PropRules['foreign']> = [
  ...KUBERNETES_SPELLINGS.flatMap(([prop, hint, standsFor]) =>
    ['', 'containers.*.', 'initContainers.*.', 'sidecars.*.'].map((at) => [`${at}${prop}`, hint, standsFor] as const)),
  ...COMPOSE_APP_FOREIGN_PROPS,
  ...APP_TEMPLATE_SPELLINGS,
  // Ingress controllers' websocket switches (nginx's proxy_set_header Upgrade, Traefik v1's annotation).
  ['route.websocket', "websockets need no prop: every route flavor passes a websocket's upgrade through to the app; leave websocket out"],
  // Ingress controllers' own route settings, which here live on the cluster's route flavor or in the rules.
  ...(['tls', 'certificate', 'secretName', 'certResolver', 'issuer'] as const).map((prop) => [`route.${prop}`,
    `every route serves HTTPS: its certificate is the cluster's (traefik({ certResolver, acme }), a WildcardCertificate covering the host, or the Gateway's); leave ${prop} out`] as const),
  // An Ingress rule's or an HTTPRoute's list of hosts.
  ...(['hosts', 'hostnames'] as const).map((prop) => [`route.${prop}`,
    "a route has one host: route: { host: 'www' }; each further host is a route of its own, added once the app is made: app.addRoute({ host: 'web' })", 'host'] as const),
  ['route.middlewares', 'a route names no middlewares: write what they do in its rules (rules: [{ requestHeaders }], [{ redirect }], [{ rewrite }]) or basicAuth'],
  ['route.headers', "to match request headers write rules: [{ headers: [{ name: 'X-Api', value: '1' }] }]; to set or remove them, rules: [{ requestHeaders: { set: { 'X-Api': '1' } } }]"],
  ['annotations', ANNOTATIONS_HINT],
  // A pod spec's DNS settings: the App writes the policy its network needs.
  ['dnsPolicy', "an App sets dnsPolicy itself: ClusterFirst on the pod network, ClusterFirstWithHostNet on the host's network (exemptions: { hostNetwork: '…' }), so its pods resolve the cluster's names either way; leave dnsPolicy out"],
  ['dnsConfig', "not supported: an app resolves names through the cluster's DNS, which answers the apps' names and forwards the rest to the nodes' resolvers; leave dnsConfig out"],
  // What a host's script or compose's cap_add and sysctls did, written as an exemption of its own.
  ...(['capAdd', 'cap_add', 'capabilities'] as const).map((prop) => [`exemptions.${prop}`,
    "capabilities are added with their reason: exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: '…' } }", 'addCapabilities'] as const),
  ['exemptions.sysctls', "sysctls are the app's own prop: sysctls: { 'net.ipv4.ip_forward': '1' }; one outside Pod Security's safe set needs exemptions: { privileged: '…' } beside it"],
  ['exemptions.kernelModules', "a pod loads no kernel module: load it on the node (a line in /etc/modules-load.d/<module>.conf, NixOS' boot.kernelModules, Talos' machine.kernel.modules); WireGuard is part of Linux from 5.6 on"],
  // A pod spec's field, written on the App as on the pod.
  ['terminationGracePeriodSeconds', STOP_GRACE_HINT],
  // A StatefulSet's spec given to its controller: the app's own props make those fields.
  ['controller.props.replicas', "replicas is the app's own prop, whatever its controller: { replicas: 3, controller: AppController.statefulSet() }"],
  ['controller.props.volumeClaimTemplates', "the app's claims become the StatefulSet's volumeClaimTemplates: persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } }"],
  ['controller.props.serviceName', "the StatefulSet's Service is made for it, <app>-headless; leave serviceName out"],
  ['imagePullSecrets', "an App names no pull Secret: patch its pod, app.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', [{ name: '<secret>' }])), with a Secret of type kubernetes.io/dockerconfigjson in its namespace"],
  // A claim's StorageClass, as a PersistentVolumeClaim writes it: here the cluster's storage tier picks it.
  ...(['storageClass', 'storageClassName'] as const).map((prop) => [`persistence.*.volume.claim.${prop}`,
    "a claim names a storage tier of the cluster (the cluster's storage prop, e.g. storage: { fast: localPathStorage() }), which picks its StorageClass: write tier: '<tier>'", 'tier'] as const),
  // Kubernetes' scheduling fields of a pod spec: placement states the intent and renders them from the inventory.
  ...(['nodeSelector', 'nodeName', 'affinity', 'tolerations'] as const).map((prop) => [prop, PLACEMENT_HINT, 'placement'] as const),
  // Node labels inside placement: the inventory gives the nodes their labels, and placement names the hosts by their facts.
  ...['nodeSelector', ...LABEL_KEYS].map((prop) => [`placement.${prop}`, LABELS_HINT] as const),
];

/** Ports in compose's long form or app-template's map, where a container's ports are written (`''` for the app's main one). */
const portForms = (at: string) => [[`${at}ports`, appTemplatePortsForm], [`${at}ports.*`, composeLongPortForm]] as const;

/**
 * A further container written as another tool writes one: a probe of one of its ports by the port's name, a
 * chart's image tag beside its image. Pure.
 */
function containerForm(container: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  return probePortNameForm(container, 'the container') ?? imageTagForm(container);
}

/** Rules of a container given to `addContainer`, `addInitContainer` or `addSidecar`: what it must name, and compose's keys. */
export const CONTAINER_RULES: PropRules = {
  required: CONTAINER_REQUIRED,
  unique: ['exemptions.addCapabilities.capabilities'],
  foreign: [...KUBERNETES_SPELLINGS, ...COMPOSE_CONTAINER_SPELLINGS, CONTAINER_VOLUMES_SPELLING],
  foreignForms: [['resources', kubernetesResourcesForm], ...portForms(''), ['', containerForm]],
};

/** Rules across App props: what must be named, and a probe has one handler. */
export const APP_PROP_RULES: PropRules = {
  required: [
    ['image', "name the container image with its tag, e.g. image: 'ghcr.io/owner/app:1.2.3'"],
    ROUTE_HOST_REQUIRED,
    ['ports.*.name', "name the port, e.g. name: 'http'"],
    ['ports.*.port', 'give the port the process listens on'],
    ['persistence.*.volume', "give the volume, e.g. volume: AppVolume.claim({ tier: 'fast', size: '10Gi' })"],
    ['persistence.*.mounts.*.mountPath', "give the path in the container, e.g. mountPath: '/config'"],
    ['exemptions.addCapabilities.capabilities', "list the capabilities, e.g. capabilities: ['NET_ADMIN']"],
    ['exemptions.addCapabilities.reason', 'say why the app needs them'],
    ['metrics.port', 'name the port that serves metrics'],
    ['gpu.vendor', 'name the GPU maker: nvidia, amd or intel'],
    ...(['containers', 'initContainers', 'sidecars'] as const).flatMap((list) =>
      CONTAINER_REQUIRED.map(([prop, hint]) => [`${list}.*.${prop}`, hint] as const)),
    ...SERVICE_ACCOUNT_REQUIRED,
  ],
  atMostOne: ['readiness', 'liveness', 'startup'].map((probe) => ({ at: `probes.${probe}`, props: ['httpPath', 'tcp', 'command'] })),
  // A container named twice where a volume is shared would mount the volume into it twice.
  unique: [...['', 'containers.*.', 'initContainers.*.', 'sidecars.*.'].map((at) => `${at}exemptions.addCapabilities.capabilities`), 'persistence.*.containers'],
  variantKeys: { 'controller.props': controllerPropsOfKind },
  foreign: APP_FOREIGN_PROPS,
  foreignForms: [
    // Kubernetes' requests and limits, of the main container and of every container given as props.
    ...['', 'containers.*.', 'initContainers.*.', 'sidecars.*.'].flatMap((at) => [[`${at}resources`, kubernetesResourcesForm] as const, ...portForms(at)]),
    // A volume given as the entry it belongs in, and app-template's persistence items.
    ['persistence.*', (item, path) => volumeAsEntryForm(item, path) ?? appTemplatePersistenceForm(item, path) ?? subPathBesideMountForm(item, path)],
    // Labels that Traefik's Docker provider, Homepage or Watchtower read, carried over from a compose file, and
    // Reloader's annotations, as an app-template release sets them.
    ['labels', (labels) => traefikLabelsForm(labels) ?? reloaderLabelsForm(labels)],
    // Several routes in a list, as app-template's ingress writes them; a route to a port by its name, as an
    // Ingress backend or app-template names it; a probe of a port by its name, as a pod spec's probe may; a
    // controller by the name of its kind.
    // A chart's image tag written beside the image.
    ['', (props) => routeListForm(props) ?? routePortNameForm(props) ?? probePortNameForm(props) ?? metricsPortNumberForm(props) ?? controllerNameForm(props) ?? imageTagForm(props)
      ?? argoCdAnnotationsForm(props)],
    ...['containers.*', 'initContainers.*', 'sidecars.*'].map((at) => [at, containerForm] as const),
    // app-template's controller type.
    ['controller', controllerTypeForm],
    // A platform component's placement (hostPlacement(), rolePlacement()).
    ['placement', componentPlacementForm],
    // A role named where the rules belong, as a chart's rbac values or a binding written by hand name one.
    ['serviceAccount', serviceAccountRoleForm],
  ],
};
