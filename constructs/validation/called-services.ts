import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import { fields, namespaceOf, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { platformReading } from './platform-reading';

// An env value that names `<service>.<namespace>` of the cluster reaches nothing when no such Service is
// made, and the app fails to connect with no word before it runs: a misspelt name (`postgresql` for the
// app `postgres`), another namespace, or a name an operator does not give (CloudNativePG's `-rw`).

/**
 * Kinds whose objects make no Service of their own: what apps and hand-written workloads are made of. A
 * namespace holding another kind (a Helm install, an operator's resource the table below does not know)
 * may get Services the output does not show, and is not judged.
 */
const KINDS_WITHOUT_SERVICES = new Set([
  'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet', 'Service', 'Endpoints', 'EndpointSlice', 'ConfigMap', 'Secret',
  'PersistentVolumeClaim', 'NetworkPolicy', 'CiliumNetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding', 'PodDisruptionBudget',
  'HorizontalPodAutoscaler', 'ResourceQuota', 'LimitRange', 'Ingress', 'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Middleware',
  'ServersTransport', 'HTTPRoute', 'TCPRoute', 'GRPCRoute', 'ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'SealedSecret', 'ExternalSecret',
  'SecretStore', 'Certificate', 'SecretProviderClass', 'ScheduledBackup', 'Backup', 'ImageCatalog', 'ObjectStore', 'VolumeSnapshot',
]);

/** The Services an operator makes for one of its resources, and how messages name such a resource. */
interface OperatorServices {
  /** How messages name a resource of the kind: `CloudNativePG Cluster`. */
  readonly title: string;
  /** The Services it makes for the resource of name `name`, the one that takes writes first. */
  readonly services: (name: string) => string[];
  /** What each of them reaches, as a hint tells it. @default - the Services' names tell */
  readonly roles?: string;
}

/**
 * The Services operators make for their resources, by `apiVersion` group and kind: CloudNativePG's
 * `<cluster>-rw` (the primary), `-ro` and `-r`, and a Pooler's own name (not its Cluster's); the MariaDB operator's `<name>`, `-primary` and
 * `-secondary`; Dragonfly's `<name>`.
 */
const OPERATOR_SERVICES: ReadonlyMap<string, OperatorServices> = new Map([
  ['postgresql.cnpg.io/Cluster', {
    title: 'CloudNativePG Cluster', services: (name: string) => [`${name}-rw`, `${name}-ro`, `${name}-r`],
    roles: '-rw reaches the primary, which takes writes; -ro the replicas alone, -r any instance',
  }],
  ['postgresql.cnpg.io/Pooler', { title: 'CloudNativePG Pooler', services: (name: string) => [name] }],
  ['k8s.mariadb.com/MariaDB', { title: 'MariaDB', services: (name: string) => [name, `${name}-primary`, `${name}-secondary`] }],
  ['dragonflydb.io/Dragonfly', { title: 'Dragonfly', services: (name: string) => [name] }],
]);

/** A resource of an operator that makes Services for it, none of them of the resource's own name (a CloudNativePG Cluster). */
export interface UnnamedOperatorResource {
  /** How messages name it: `CloudNativePG Cluster gitea-db`. */
  readonly title: string;
  /** The Services the operator makes for it, the one that takes writes first (`gitea-db-rw`). */
  readonly services: readonly string[];
  /** What each of them reaches, as a hint tells it. @default - the Services' names tell */
  readonly roles?: string;
}

/** What the output tells of a cluster's Services: see {@link servicesOf}. */
interface ClusterServices {
  /** Each namespace's Services, by namespace: null where it cannot tell. */
  readonly byNamespace: ReadonlyMap<string, string[] | null>;
  /** Every Service the objects make, as `<service>.<namespace>`, each once, in object order: also those of a namespace it cannot tell all of. */
  readonly made: readonly string[];
  /** The operators' resources whose Services none carries the resource's own name, by `<name>.<namespace>`. */
  readonly unnamed: ReadonlyMap<string, UnnamedOperatorResource>;
}

const servicesByCluster = new WeakMap<readonly SynthesizedObject[], ClusterServices>();

/**
 * The Services each namespace of `objects` holds as far as the output tells, in object order; null for a
 * namespace holding an object that may make Services it does not show (a HelmRelease counts in its
 * target namespace too). One pass over the objects, however many checks ask about them.
 */
function servicesOf(objects: readonly SynthesizedObject[]): ClusterServices {
  const kept = servicesByCluster.get(objects);
  if (kept !== undefined) {
    return kept;
  }
  const found = new Map<string, string[] | null>();
  const made = new Set<string>();
  const unnamed = new Map<string, UnnamedOperatorResource>();
  for (const object of objects) {
    const kind = object.manifest.kind;
    const namespace = namespaceOf(object);
    const name = text(fields(object.manifest.metadata).name) ?? '';
    const operator = OPERATOR_SERVICES.get(`${String(object.manifest.apiVersion).split('/')[0]}/${kind}`);
    const own = kind === 'Service' ? [name] : operator !== undefined ? operator.services(name) : [];
    if (operator !== undefined && !own.includes(name)) {
      unnamed.set(`${name}.${namespace}`, { title: `${operator.title} ${name}`, services: own, roles: operator.roles });
    }
    own.forEach((service) => made.add(`${service}.${namespace}`));
    const target = kind === 'HelmRelease' ? text(fields(object.manifest.spec).targetNamespace) : undefined;
    for (const here of target === undefined || target === namespace ? [namespace] : [namespace, target]) {
      const names = found.has(here) ? found.get(here)! : [];
      if (names === null) {
        continue;
      }
      if (own.length === 0 && !KINDS_WITHOUT_SERVICES.has(kind)) {
        found.set(here, null);
        continue;
      }
      names.push(...own);
      found.set(here, names);
    }
  }
  const services = { byNamespace: found, made: [...made], unnamed };
  servicesByCluster.set(objects, services);
  return services;
}

/**
 * Every Service the cluster's objects make (an operator's for its resource too), as `<service>.<namespace>`,
 * each once, in object order: what another cluster's call of one by its in-cluster name is told of.
 */
export function madeServices(cluster: SynthesizedCluster): readonly string[] {
  return servicesOf(cluster.objects).made;
}

/**
 * The names of the Services namespace `namespace` has as far as the output tells, or undefined when it
 * cannot tell: the namespace holds an object that may make Services it does not show, or a component of the
 * cluster runs there.
 */
export function servicesOfNamespace(cluster: SynthesizedCluster, namespace: string): string[] | undefined {
  const platform = platformReading(cluster);
  if (platform.hasNamespace(namespace)) {
    return undefined;
  }
  const names = servicesOf(cluster.objects).byNamespace.get(namespace);
  // A namespace something outside the output makes is filled from outside too (an engine's, a distribution's).
  return names === null || platform.namespacesMadeElsewhere.has(namespace) ? undefined : [...(names ?? [])];
}

/**
 * The operator's resource `name` of namespace `namespace` when its operator makes Services for it, none of its own name
 * (CloudNativePG's Cluster `gitea-db` has `gitea-db-rw`, `-ro` and `-r`): a call of that name is surely of the
 * resource, and reaches nothing. Undefined for another name, or where a Service of that name is made beside it.
 */
export function unnamedOperatorResource(cluster: SynthesizedCluster, name: string, namespace: string): UnnamedOperatorResource | undefined {
  const services = servicesOf(cluster.objects);
  const resource = services.unnamed.get(`${name}.${namespace}`);
  return resource === undefined || services.made.includes(`${name}.${namespace}`) ? undefined : resource;
}

/**
 * Whether `<service>.<namespace>` is a name a namespace's rename left behind: the cluster has no namespace
 * `namespace` ({@link namespaceInCluster}), and Service `service` is in another of its namespaces. (A namespace the
 * cluster lacks whose Service it has nowhere may be another cluster's, or a database the lab runs elsewhere.)
 */
export function renamedNamespaceCall(cluster: SynthesizedCluster, index: ObjectIndex, service: string, namespace: string): boolean {
  return !namespaceInCluster(cluster, index, namespace) && (serviceNamespaces(index).get(service) ?? []).length > 0;
}

/** Whether the output has namespace `namespace`: its Namespace object, or an object in it (a Helm install's target counts). */
function hasNamespace(cluster: SynthesizedCluster, index: ObjectIndex, namespace: string): boolean {
  return index.find('Namespace', '', namespace) !== undefined || servicesOf(cluster.objects).byNamespace.has(namespace);
}

/**
 * Whether the cluster has namespace `namespace`: the output's ({@link hasNamespace}), a component's, or one made
 * outside the output (an engine's, a distribution's). A call of a Service in another is one of another cluster's, or of none.
 */
export function namespaceInCluster(cluster: SynthesizedCluster, index: ObjectIndex, namespace: string): boolean {
  const platform = platformReading(cluster);
  return platform.hasNamespace(namespace) || platform.namespacesMadeElsewhere.has(namespace) || hasNamespace(cluster, index, namespace);
}

/** Why a call reaches no Service, as {@link missingServiceProblem} tells it. */
export interface MissingService {
  readonly message: string;
  readonly hint: string;
  /**
   * The Service surely meant, where the name is an operator's resource that makes none of its own name
   * ({@link unnamedOperatorResource}): the call is then surely wrong, and its value is rewritten with it.
   * @default - the name may be of a Service yet to be deployed, or of a machine outside the cluster
   */
  readonly meant?: { readonly service: string; readonly roles?: string };
}

/** What a call of a Service that is not there ends in, for an app's connections. */
const APP_CONNECTIONS_FAIL = "the app's connections would find no such host";

/**
 * Why a call of Service `service` in `namespace` reaches nothing, with the Service meant; undefined when the
 * Service is there or may be. A namespace the output does not have is judged only where the host says it
 * is the cluster's (`inCluster`, `<service>.<namespace>.svc`): `nas.lan` is a host of the network. `caller` names
 * the call in the message (`env DB_HOST`, `pg_dump -h`), `consequence` what the caller meets (an app's failed connections).
 */
export function missingServiceProblem(
  cluster: SynthesizedCluster, index: ObjectIndex, caller: string, service: string, namespace: string, inCluster: boolean,
  consequence = APP_CONNECTIONS_FAIL,
): MissingService | undefined {
  const services = servicesOfNamespace(cluster, namespace);
  if (services === undefined || services.includes(service)) {
    return undefined;
  }
  const resource = unnamedOperatorResource(cluster, service, namespace);
  if (resource !== undefined) {
    const meant = { service: resource.services[0], roles: resource.roles };
    return {
      message: `${caller} calls ${service}.${namespace}, the name of ${resource.title}, whose operator makes Services ${resource.services.join(', ')} for it, none of its own name: ${consequence}`,
      hint: `call ${meant.service}.${namespace}${meant.roles === undefined ? '' : ` (${meant.roles})`}`,
      meant,
    };
  }
  if (!inCluster && !hasNamespace(cluster, index, namespace)) {
    return misspeltNamespaceProblem(index, caller, service, namespace, consequence);
  }
  // An operator's Services carry its resource's name and a suffix, the first the one that takes writes (`-rw`).
  const meant = services.find((s) => s.startsWith(`${service}-`)) ?? closestName(service, services);
  const elsewhere = serviceNamespaces(index).get(service) ?? [];
  return {
    message: !namespaceInCluster(cluster, index, namespace)
      ? `${caller} calls Service ${service}.${namespace}, but the cluster has no namespace "${namespace}", nothing of the output is in it: ${consequence}`
      : `${caller} calls Service ${service}.${namespace}, which nothing in namespace "${namespace}" makes: ${consequence}`,
    hint: meant !== undefined ? `call ${meant}.${namespace}, the Service of that namespace meant`
      : elsewhere.length > 0 ? `Service ${service} is in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: call ${service}.${elsewhere[0]}`
        : services.length > 0 ? `the Services of namespace "${namespace}" are ${services.join(', ')}` : `namespace "${namespace}" has no Service in this cluster: check the name and namespace of the app called; `
          // In a fleet, the app called is often one of another cluster, whose Service names resolve there only.
          + "an app of another cluster is not reached by its Service's name: call it at its route's host or its load balancer's address",
  };
}

/**
 * A host `<service>.<namespace>` of a namespace the cluster does not have, which is one typo from a namespace that
 * has that Service (`node-red.nodered` for the app `node-red` in namespace `node-red`): the Service meant, which the
 * name finds nowhere. Another namespace, or none near, may be a machine of the network (`nas.lan`): undefined.
 */
function misspeltNamespaceProblem(index: ObjectIndex, caller: string, service: string, namespace: string, consequence: string): { message: string; hint: string } | undefined {
  const meant = closestName(namespace, serviceNamespaces(index).get(service) ?? []);
  return meant === undefined ? undefined : {
    message: `${caller} calls ${service}.${namespace}, but the cluster has no namespace "${namespace}"; Service ${service} is in namespace "${meant}": ${consequence}`,
    hint: `call ${service}.${meant}`,
  };
}

/** The namespaces of the cluster's Services, by the Service's name: one pass over the index, however many calls ask. */
const NAMESPACES_OF_SERVICES = new WeakMap<ObjectIndex, ReadonlyMap<string, string[]>>();

function serviceNamespaces(index: ObjectIndex): ReadonlyMap<string, string[]> {
  let byName = NAMESPACES_OF_SERVICES.get(index);
  if (byName === undefined) {
    const found = new Map<string, string[]>();
    for (const service of index.of('Service')) {
      const name = text(fields(service.manifest.metadata).name) ?? '';
      const namespaces = found.get(name);
      if (namespaces === undefined) {
        found.set(name, [namespaceOf(service)]);
      } else {
        namespaces.push(namespaceOf(service));
      }
    }
    byName = found;
    NAMESPACES_OF_SERVICES.set(index, byName);
  }
  return byName;
}
