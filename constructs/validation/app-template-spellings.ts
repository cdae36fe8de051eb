import type { ForeignForm, PropRules } from './known-props';
import { listText, quoted } from './text-lists';

/** A prop another tool writes, how to write it here, and the prop of this shape it stands for, if any. */
type Spelling = NonNullable<PropRules['foreign']>[number];

/**
 * Keys of the values of bjw-s' app-template chart, and of a pod spec, that users porting a Helm release write
 * on an App: each refused with what it is here, rather than "did you mean" a prop of a similar name that means
 * something else (`controller` for `controllers`, `egress` for `ingress`, `serviceAccount` for `service`).
 */
export const APP_TEMPLATE_SPELLINGS: readonly Spelling[] = [
  ['controllers', "an App is one controller with its containers: image, env, probes and the rest are the main container's props, further ones containers or sidecars: [{ name, image }]; a CronJob or a StatefulSet is controller: AppController.cronJob({ schedule }) or AppController.statefulSet()"],
  ['service', "the app's Service is made from its ports: ports: [{ name: 'http', port: 8080 }] (servicePort: 80 to serve it on another number); a LoadBalancer is loadBalancer: { address }"],
  ['ingress', "an app is routed by route: { host: 'app' } (a bare name goes under the cluster's domain), through the cluster's route flavor; there is no Ingress to write"],
  ['securityContext', "write the ids as props: runAsUser: 1000, runAsGroup: 1000, supplementalGroups: [1000]; the rest of the security context is secure already, and each departure is an exemption with its reason (exemptions: { runAsRoot: '…' })"],
  ['podSecurityContext', "write the ids as props: runAsUser: 1000, runAsGroup: 1000, supplementalGroups: [1000] (fsGroup is runAsGroup unless given as fsGroup); the rest of the security context is secure already, and each departure is an exemption with its reason"],
  ['defaultPodOptions', "pod options are props of the App here: runAsUser and runAsGroup for the ids, placement: { host } for the node, sysctls, and exemptions: { hostNetwork: '…' } for the host's network"],
  ['hostNetwork', "the host's network is an exemption with its reason here: exemptions: { hostNetwork: '…' }"],
  ['resources.memory', "write resources: { memoryLimit: '512Mi' } (what it may use at most; memoryRequest is what it is given), in Kubernetes' units (512Mi, 1Gi)", 'memoryLimit'],
  ['resources.cpus', "compose's cpus: 0.5 is resources: { cpuLimit: '500m' } here (500m is half a core); cpuRequest is what it is given", 'cpuLimit'],
  ['resources.cpu', "write resources: { cpuRequest: '500m' } (what it is given; cpuLimit is the most it may use)", 'cpuRequest'],
  // A GPU in resources, as compose's deploy.resources.reservations.devices or a device plugin's limit puts it: one letter from cpu.
  ...['resources.gpu', 'resources.gpus'].map((at) => [at, "a GPU is a prop of the app, not a resource: gpu: { vendor: 'nvidia', count: 1 } (or 'intel', 'amd'), which requests the vendor's device-plugin resource and places the pod on a host that has one", 'gpu'] as const),
  // compose's healthcheck, or app-template's probe, written inside a probe.
  ['probes.*.test', "a probe's check is command here, compose's test without CMD: command: ['curl', '-f', 'http://localhost:8080/'] (CMD-SHELL is ['sh', '-c', '…']), or httpPath: '/health' for an HTTP check", 'command'],
  ['probes.*.interval', "write periodSeconds: 30, in seconds (compose's interval: '30s')", 'periodSeconds'],
  ['probes.*.timeout', "write timeoutSeconds: 5, in seconds (compose's timeout: '5s')", 'timeoutSeconds'],
  ['probes.*.retries', "write failureThreshold: 3 (compose's retries)", 'failureThreshold'],
  ['probes.*.start_period', "write initialDelaySeconds: 30, in seconds (compose's start_period: '30s'), or a startup probe for a slow start", 'initialDelaySeconds'],
  ['probes.*.enabled', "a probe given is on; leave enabled out (probes: { liveness: false } turns the default one off)"],
  ['probes.*.spec', "write the probe's handler as props: httpPath: '/health' (and port), tcp: true, or command: ['…']"],
  ['probes.*.custom', "write the probe's handler as props: httpPath: '/health' (and port), tcp: true, or command: ['…']; leave custom out"],
];

/** A plain object's fields, or undefined for anything else. */
function fieldsOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** Keys of an app-template persistence item (v3): what makes the volume, and where it is mounted. */
const TEMPLATE_PERSISTENCE_KEYS = [
  'enabled', 'type', 'existingClaim', 'storageClass', 'accessMode', 'size', 'retain', 'dataSourceRef', 'dataSource', 'suffix', 'medium',
  'sizeLimit', 'hostPath', 'hostPathType', 'name', 'identifier', 'defaultMode', 'items', 'server', 'path', 'volumeSpec', 'image', 'globalMounts', 'advancedMounts',
];
/** The names app-template's charts and guides give a controller's main container, which is named after the app here. */
const TEMPLATE_MAIN_CONTAINERS = ['app', 'main'];
/** How a hint writes the main container's name, which it does not know. */
const MAIN_CONTAINER = '<app>';
/** What a hint says of that name. */
const MAIN_CONTAINER_NOTE = "(<app> is the app's name, which its main container is named after)";
/** The keys only an app-template item has (not a misspelt prop of an entry here). */
const TEMPLATE_PERSISTENCE_SIGNS = ['enabled', 'type', 'existingClaim', 'storageClass', 'accessMode', 'size', 'retain', 'medium', 'hostPath', 'server', 'globalMounts', 'advancedMounts'];

/** The volume an app-template persistence item makes, as this library's factory call. Pure. */
function templateVolume(item: Readonly<Record<string, unknown>>): string {
  const text = (key: string, fallback: string) => quoted(typeof item[key] === 'string' || typeof item[key] === 'number' ? String(item[key]) : fallback);
  const accessMode = typeof item.accessMode === 'string' && item.accessMode !== 'ReadWriteOnce' ? item.accessMode : undefined;
  if (item.existingClaim !== undefined) {
    return `AppVolume.existingClaim(${text('existingClaim', '<claim>')}${accessMode ? `, ${quoted(accessMode)}` : ''})`;
  }
  switch (item.type) {
    case 'emptyDir':
      return `AppVolume.emptyDir(${item.medium === 'Memory' || item.sizeLimit !== undefined
        ? `{ ${[item.medium === 'Memory' ? 'memory: true' : '', item.sizeLimit !== undefined ? `sizeLimit: ${text('sizeLimit', '')}` : ''].filter((p) => p).join(', ')} }` : ''})`;
    case 'hostPath':
      return `AppVolume.hostPath(${text('hostPath', '/srv/app')}) with exemptions: { hostPath: '…' }`;
    case 'configMap':
      return `AppVolume.configMap(${text('name', '<configmap>')})`;
    case 'secret':
      return `AppVolume.secret(${text('name', '<secret>')})`;
    case 'nfs':
      return "AppVolume.nfs(site.nfs.<export>), the NFS export of the inventory (with exemptions: { nfsVolume: '…' })";
    default:
      return `AppVolume.claim({ tier: '<tier>', size: ${text('size', '1Gi')}${accessMode ? `, accessMode: ${quoted(accessMode)}` : ''} })`;
  }
}

/**
 * The mounts of an app-template item, global and per container (`advancedMounts.<controller>.<container>`), and
 * the containers to name here: none when only the main container (`app`, `main`) mounts it, as an entry here is
 * the main container's unless told, else the main one written as the app's name. Pure.
 */
function templateMounts(item: Readonly<Record<string, unknown>>): { mounts: Array<Readonly<Record<string, unknown>>>; containers: string[] } {
  const listed = (value: unknown) => (Array.isArray(value) ? value.map(fieldsOf).filter((m): m is Readonly<Record<string, unknown>> => m !== undefined) : []);
  const containers = Object.values(fieldsOf(item.advancedMounts) ?? {}).flatMap((byContainer) => Object.entries(fieldsOf(byContainer) ?? {}));
  const names = [...new Set(containers.map(([name]) => (TEMPLATE_MAIN_CONTAINERS.includes(name) ? MAIN_CONTAINER : name)))];
  return {
    mounts: [...listed(item.globalMounts), ...containers.flatMap(([, mounts]) => listed(mounts))],
    containers: names.length === 1 && names[0] === MAIN_CONTAINER && item.globalMounts === undefined ? [] : names,
  };
}

/**
 * The entry here for app-template's `type: image` item, which mounts the files of an image: no volume here holds
 * them, so an init container of that image copies them into an emptyDir the containers share. Pure.
 */
function templateImageEntry(name: string, item: Readonly<Record<string, unknown>>, mountPath: string): string {
  const image = quoted(typeof item.image === 'string' ? item.image : '<image>');
  return `initContainers: [{ name: ${quoted(name)}, image: ${image}, command: ['cp', '-a', '<folder of the image>/.', ${quoted(mountPath)}] }] `
    + `and persistence: { ${name}: { volume: AppVolume.emptyDir(), mountPath: ${quoted(mountPath)}, containers: ['${MAIN_CONTAINER}', ${quoted(name)}] } } `
    + `${MAIN_CONTAINER_NOTE}: an app here mounts no image's files as a volume`;
}

/**
 * A persistence entry written as app-template's item (`{ type: 'persistentVolumeClaim', size: '1Gi',
 * globalMounts: [{ path: '/config' }] }`), as one error whose hint writes the entry here: the volume from its
 * factory, and the mount path (app-template's default, `/<name>`, when it gives none). Pure.
 */
export function appTemplatePersistenceForm(item: Readonly<Record<string, unknown>>, path: string): ForeignForm | undefined {
  const keys = Object.keys(item).filter((key) => TEMPLATE_PERSISTENCE_KEYS.includes(key));
  if (item.volume !== undefined || !keys.some((key) => TEMPLATE_PERSISTENCE_SIGNS.includes(key))) {
    return undefined;
  }
  const name = path.slice(path.lastIndexOf('.') + 1);
  const { mounts, containers } = templateMounts(item);
  const mountText = (mount: Readonly<Record<string, unknown>>, prop: string) => [
    `${prop}: ${quoted(typeof mount.path === 'string' ? mount.path : `/${name}`)}`,
    ...(typeof mount.subPath === 'string' ? [`subPath: ${quoted(mount.subPath)}`] : []), ...(mount.readOnly === true ? ['readOnly: true'] : []),
  ].join(', ');
  // A sub-path is a mount's own: beside the entry's mountPath it would be refused, so such a mount goes in `mounts`.
  const mounted = mounts.length > 1 || typeof mounts[0]?.subPath === 'string'
    ? `mounts: [${mounts.map((m) => `{ ${mountText(m, 'mountPath')} }`).join(', ')}]` : mountText(mounts[0] ?? { path: item.mountPath }, 'mountPath');
  const entry = `${name}: { volume: ${templateVolume(item)}, ${mounted}${containers.length > 0 ? `, containers: ${listText(containers)}` : ''} }`
    + (containers.includes(MAIN_CONTAINER) ? ` ${MAIN_CONTAINER_NOTE}` : '');
  const firstPath = typeof mounts[0]?.path === 'string' ? mounts[0].path : `/${name}`;
  return {
    message: `${path} is written in app-template's form (${keys.join(', ')}), which is not read here; it would be ignored`,
    hint: item.type === 'image' ? `write ${templateImageEntry(name, item, firstPath)}`
      : `${item.enabled === false ? 'an entry here is always on: leave it out to turn it off, or write it ' : 'write the entry '}as persistence: { ${entry} }`
      + (item.storageClass !== undefined ? "; a claim's tier is a storage tier of the cluster (its storage prop), which picks the StorageClass" : ''),
    keys,
  };
}

/**
 * Ports written as app-template's map of named ports (`ports: { http: { port: 8080 } }`), or as a chart's values
 * map each name to its number (`ports: { http: 8080 }`), as one error whose hint writes the list here: each
 * entry's name as its `name`, app-template's `targetPort` (the container's) as `port` and its `port` (the
 * Service's) as `servicePort`. Pure.
 */
export function appTemplatePortsForm(ports: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const entries = Object.entries(ports).map(([name, value]) => [name, typeof value === 'number' ? { port: value } : fieldsOf(value)] as const);
  if (entries.length === 0 || entries.some(([, port]) => port === undefined || (port.port === undefined && port.targetPort === undefined))) {
    return undefined;
  }
  const written = entries.map(([name, port]) => {
    const target = port!.targetPort ?? port!.port;
    const protocol = typeof port!.protocol === 'string' ? port!.protocol.toUpperCase() : '';
    return `{ ${[`name: ${quoted(name)}`, `port: ${String(target)}`,
      ...(port!.targetPort !== undefined && port!.port !== undefined && port!.port !== target ? [`servicePort: ${String(port!.port)}`] : []),
      ...(protocol === 'UDP' ? ["protocol: 'UDP'"] : []), ...(protocol === 'HTTPS' ? ["appProtocol: 'https'"] : [])].join(', ')} }`;
  });
  return {
    message: "ports is a map of named ports, as app-template writes them, where a list belongs; it would be ignored",
    hint: `give ports as a list, each with its name: ports: [${written.slice(0, 3).join(', ')}${written.length > 3 ? ', …' : ''}]`,
    keys: Object.keys(ports),
  };
}
