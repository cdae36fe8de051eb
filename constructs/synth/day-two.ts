import { holdsData, holdsDatabase, isDataNamespace, makesClaims, namespacesHoldingData } from '../platform/data-holding';
import { keptWhenRemoved, replacedWhenChanged } from '../platform/engine-marks';
import type { Finding } from '../validation/finding';
import { transitionRuleViolations } from '../validation/schema-layer';
import { KUBERNETES_GROUPS } from '../validation/schema/served-kinds';
import { quantityValue } from '../validation/quantity';
import { DocumentEntry, documentEntries, objectIdentity, RenderedDocuments } from './documents';
import type { ClusterOutcome } from './outcome';
import type { OwnerActionEntry } from './owner-action';
import { engineSwitch } from './day-two-engines';
import { distributionSwitch } from './day-two-distributions';
import { chartReleasesLeaving } from './day-two-chart-releases';
import { chartVersionChanges } from './day-two-chart-versions';
import { cnpgBootstrapChanges, cnpgClusterRemoval, cnpgStorageClassChanges } from './day-two-cnpg-clusters';
import { imageRollbacks } from './day-two-image-rollbacks';
import { lateInitScripts } from './day-two-init-scripts';
import { movedOffNodeLocalClaims } from './day-two-node-local-claims';
import { projectNarrowingSteps } from './day-two-projects';
import { movedSealedValues } from './day-two-sealed-secrets';
import { unprunedRemovals } from './day-two-unpruned';
import { statefulOrdinals } from '../validation/stateful-ordinals';

/**
 * Day-2 changes: what a new output changes of the objects already applied from the previous output that
 * the API server refuses on the next apply (an immutable field), or that leaves data behind. Each is a
 * warning on the new object's field (the change may be meant) and a step by hand that makes the next
 * apply go through. The rules are those of the Kubernetes validation of updates (`ValidateStatefulSetUpdate`,
 * `ValidatePersistentVolumeClaimUpdate`, `ValidateStorageClassUpdate`, `ValidateServiceUpdate`,
 * `ValidatePriorityClassUpdate`, `ValidateRuntimeClassUpdate`, `ValidateResourceQuotaUpdate`, `ValidatePodUpdate`, the
 * selector and Job template rules of apps and batch).
 */

/** What one cluster's new output changes against its previous output, as far as the files that differ show. */
export interface DayTwoInput {
  /** Construct path of the cluster chart: where findings about objects that left the output go. */
  readonly chartPath: string;
  /** Previous text of every file of the cluster whose bytes change or that leaves the output. */
  readonly previous: ReadonlyMap<string, string>;
  /** New text of every file of the cluster whose bytes change, or that is new. */
  readonly current: ReadonlyMap<string, string>;
  /** Every new file of the cluster, where a StorageClass is looked up when a claim grows. */
  readonly allCurrent: ReadonlyMap<string, string>;
  /** Construct path of each new object, by {@link objectIdentity}. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /**
   * The claims with data each new file makes (see {@link claimsByFileOf}): a cluster new in the run tells
   * from them, without parsing its files, which claims arrive in it.
   * @default - read from the changed files
   */
  readonly claimsByFile?: ReadonlyMap<string, readonly string[]>;
  /**
   * The objects each new YAML file was rendered from (the cluster's layout): those files are not parsed
   * back, nor the documents of their previous versions that did not change.
   * @default - every changed file is parsed
   */
  readonly rendered?: ReadonlyMap<string, readonly object[]>;
}

/** Warnings and steps by hand of a day-2 change. */
export interface DayTwoReport {
  /** Warnings on the new objects' fields, and on claims and namespaces that left. */
  readonly findings: Finding[];
  /** The deletions to run before the next sync, for the synth summary. */
  readonly actions: OwnerActionEntry[];
  /**
   * Each claim with data, CloudNativePG Cluster, or namespace that held claims, that left the output, with the
   * warning and step said of it: said again when the run makes a claim or Cluster of its namespace and name (or
   * in that namespace) in another cluster (see `withClaimsMovedAcross`).
   * @default - none
   */
  readonly claimsLeaving?: readonly LeavingClaim[];
  /**
   * The claims with data and CloudNativePG Clusters (`namespace/name`) new in the output, among the files that
   * changed (all of a cluster new in the run). @default - none
   */
  readonly claimsArriving?: readonly string[];
}

/** A claim, a CloudNativePG Cluster, or a namespace that held claims, that left a cluster's output, and what its day-2 check said of it. */
export interface LeavingClaim {
  /** `namespace/name` of a claim or Cluster; `namespace/` of a namespace, which an arriving claim of that namespace matches. */
  readonly id: string;
  /** The claim or namespace as the previous output held it. */
  readonly doc: object;
  /** The warning the cluster's day-2 check said of it. */
  readonly finding: Finding;
  /** The step by hand the cluster's README lists for it. */
  readonly action: OwnerActionEntry;
}

/** A plain object of a parsed document. */
type Doc = Record<string, any>;

/** One refused change found by a rule: the field of the new object, why, and the step that makes way. */
interface Refusal {
  readonly field: string;
  readonly message: string;
  /** The way through where deleting the object to make it anew would lose data; undefined for that step. */
  readonly hint?: string;
}

/** Workload kinds whose pods keep running when the object is deleted with `--cascade=orphan`. */
const WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job']);

/** StatefulSet spec fields an update may change (`ValidateStatefulSetUpdate`; `revisionHistoryLimit` since 1.33). */
const STATEFULSET_MUTABLE: ReadonlySet<string> = new Set([
  'replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit',
]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
}

function groupOf(doc: Doc): string {
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** `kubectl [-n ns] ` for an object. */
function kubectl(doc: Doc): string {
  const namespace = doc.metadata?.namespace;
  return `kubectl${typeof namespace === 'string' ? ` -n ${namespace}` : ''}`;
}

function changedField(field: string, before: unknown, after: unknown, why: string): Refusal {
  return { field, message: `${show(before)} → ${show(after)}: ${why}` };
}

/** `spec.selector` of a workload (apps, batch): immutable once the object exists. */
function selectorRefusals(kind: string, old: Doc, now: Doc): Refusal[] {
  const before = old.spec?.selector;
  const after = now.spec?.selector;
  if (!WORKLOADS.has(kind) || before === undefined || same(before, after)) {
    return [];
  }
  return [changedField('spec.selector', before, after, `the selector of a ${kind} is immutable`)];
}

function statefulSetRefusals(old: Doc, now: Doc, allCurrent: ReadonlyMap<string, string>): Refusal[] {
  const before: Doc = old.spec ?? {};
  const after: Doc = now.spec ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => key !== 'selector' && !STATEFULSET_MUTABLE.has(key) && !same(before[key], after[key]))
    .map((key) => ({
      field: `spec.${key}`,
      message: `changes, which the API server refuses: a StatefulSet's spec takes updates only to ${[...STATEFULSET_MUTABLE].join(', ')}`
        + (key === 'volumeClaimTemplates' ? ` (its existing claims are not resized or relabelled either${grownClaimSteps(old, now, allCurrent)})` : ''),
    }));
}

/**
 * The patches that grow the claims a StatefulSet's controller already made, for each claim template whose
 * storage request grows on a class that expands volumes: the StatefulSet made anew leaves them at their old
 * size. Empty when none grows.
 */
function grownClaimSteps(old: Doc, now: Doc, allCurrent: ReadonlyMap<string, string>): string {
  const templates = (doc: Doc): Doc[] => (Array.isArray(doc.spec?.volumeClaimTemplates) ? doc.spec.volumeClaimTemplates : []);
  const before = new Map(templates(old).map((t) => [t?.metadata?.name, t?.spec?.resources?.requests?.storage]));
  const patches = templates(now).flatMap((template) => {
    const name = template?.metadata?.name;
    const size = template?.spec?.resources?.requests?.storage;
    const oldBytes = quantityValue(before.get(name));
    const newBytes = quantityValue(size);
    const className = template?.spec?.storageClassName;
    if (oldBytes === undefined || newBytes === undefined || newBytes <= oldBytes || !expandsVolumes(className, allCurrent)) {
      return [];
    }
    const patch = JSON.stringify({ spec: { resources: { requests: { storage: size } } } });
    return statefulSetClaims({ ...now, spec: { ...now.spec, volumeClaimTemplates: [template] } })
      .map((claim) => `kubectl -n ${now.metadata?.namespace} patch persistentvolumeclaim ${claim} -p '${patch}'`);
  });
  return patches.length > 0 ? `; to grow those it made, patch them: ${patches.join('; ')}` : '';
}

/**
 * StorageClasses made outside the output that set no `allowVolumeExpansion`: `local-path`, as K3s ships it
 * and as the local-path provisioner's own manifests make it (the library installs those).
 */
const CLASSES_WITHOUT_EXPANSION: ReadonlySet<string> = new Set(['local-path']);

/** The StorageClass named `name` in the new output, when the cluster renders it. */
function storageClassIn(files: ReadonlyMap<string, string>, name: string): Doc | undefined {
  const holding = new Map([...files].filter(([, text]) => text.includes('kind: StorageClass')));
  const entry = documentEntries(holding).get(`StorageClass.storage.k8s.io ${name}`);
  return entry?.doc as Doc | undefined;
}

/** Whether the StorageClass `name` lets a claim's storage request grow, as far as the output and known classes tell. */
function expandsVolumes(name: unknown, allCurrent: ReadonlyMap<string, string>): boolean {
  if (typeof name !== 'string') {
    return true; // the cluster's default class, which the output does not name
  }
  const storageClass = storageClassIn(allCurrent, name);
  return storageClass ? storageClass.allowVolumeExpansion === true : !CLASSES_WITHOUT_EXPANSION.has(name);
}

function claimRefusals(old: Doc, now: Doc, allCurrent: ReadonlyMap<string, string>): Refusal[] {
  const before: Doc = old.spec ?? {};
  const after: Doc = now.spec ?? {};
  const immutable = 'the spec of a bound claim is immutable except its storage request';
  const refusals = ['storageClassName', 'accessModes', 'volumeName', 'selector', 'dataSource', 'dataSourceRef']
    .filter((key) => !same(before[key], after[key]))
    .map((key) => changedField(`spec.${key}`, before[key], after[key], immutable));
  if ((before.volumeMode ?? 'Filesystem') !== (after.volumeMode ?? 'Filesystem')) {
    refusals.push(changedField('spec.volumeMode', before.volumeMode, after.volumeMode, immutable));
  }
  if (!same(before.resources?.limits, after.resources?.limits)) {
    refusals.push(changedField('spec.resources.limits', before.resources?.limits, after.resources?.limits, immutable));
  }
  const oldSize = before.resources?.requests?.storage;
  const newSize = after.resources?.requests?.storage;
  const oldBytes = quantityValue(oldSize);
  const newBytes = quantityValue(newSize);
  if (oldBytes !== undefined && newBytes !== undefined && newBytes !== oldBytes) {
    const field = 'spec.resources.requests.storage';
    if (newBytes < oldBytes) {
      refusals.push(changedField(field, oldSize, newSize, 'a claim\'s storage request can grow, never shrink'));
    } else if (after.storageClassName === '' && before.storageClassName === '') {
      // A claim bound to a static volume by name (StaticNfsVolume's): the API server's resize admission takes only a class's claims.
      refusals.push(changedField(field, oldSize, newSize,
        'a claim bound to its PersistentVolume by name (storageClassName \'\') cannot grow: the API server resizes only a claim of a StorageClass that allows volume expansion'
        + ' (an NFS volume enforces no size: keep the request, and raise the volume\'s capacity alone)'));
    } else if (typeof after.storageClassName === 'string' && same(before.storageClassName, after.storageClassName)) {
      if (!expandsVolumes(after.storageClassName, allCurrent)) {
        refusals.push(changedField(field, oldSize, newSize,
          `StorageClass ${after.storageClassName} does not allow volume expansion, so the API server refuses a larger request`));
      }
    }
  }
  return refusals;
}

/** The keys of a PersistentVolume's spec that are no volume source (`PersistentVolumeSpec` beside its inlined source). */
const PERSISTENT_VOLUME_SPEC: ReadonlySet<string> = new Set([
  'capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName',
]);

/** A PersistentVolume's source, volume mode and node affinity once set (`ValidatePersistentVolumeUpdate`). */
function persistentVolumeRefusals(old: Doc, now: Doc): Refusal[] {
  const before: Doc = old.spec ?? {};
  const after: Doc = now.spec ?? {};
  const source = (spec: Doc) => Object.fromEntries(Object.entries(spec).filter(([key]) => !PERSISTENT_VOLUME_SPEC.has(key)));
  const left = ` (the data stays where the volume was: ${show(source(before))})`;
  const refusals: Refusal[] = [];
  if (!same(source(before), source(after))) {
    refusals.push(changedField('spec', source(before), source(after), `a PersistentVolume's source is immutable after creation${left}`));
  }
  if ((before.volumeMode ?? 'Filesystem') !== (after.volumeMode ?? 'Filesystem')) {
    refusals.push(changedField('spec.volumeMode', before.volumeMode, after.volumeMode, 'a PersistentVolume\'s volume mode is immutable'));
  }
  if (before.nodeAffinity !== undefined && !same(before.nodeAffinity, after.nodeAffinity)) {
    refusals.push(changedField('spec.nodeAffinity', before.nodeAffinity, after.nodeAffinity, `a PersistentVolume's node affinity is immutable once set${left}`));
  }
  return refusals;
}

/** A binding's role (`ValidateRoleBindingUpdate`: "cannot change roleRef"). */
function bindingRefusals(old: Doc, now: Doc): Refusal[] {
  return same(old.roleRef, now.roleRef) ? []
    : [changedField('roleRef', old.roleRef, now.roleRef, `the role a ${now.kind} grants cannot change once it exists`)];
}

/** A ConfigMap or Secret marked `immutable: true` keeps its data and the mark; a Secret keeps its type. */
function configRefusals(old: Doc, now: Doc): Refusal[] {
  const refusals: Refusal[] = [];
  if (now.kind === 'Secret' && (old.type ?? 'Opaque') !== (now.type ?? 'Opaque')) {
    refusals.push(changedField('type', old.type, now.type, 'the type of a Secret is immutable'));
  }
  if (old.immutable !== true) {
    return refusals;
  }
  if (now.immutable !== true) {
    refusals.push(changedField('immutable', old.immutable, now.immutable, `a ${now.kind} marked immutable cannot be made mutable again`));
  }
  for (const key of ['data', 'binaryData', 'stringData']) {
    if (!same(old[key], now[key])) {
      // A Secret's values are named by key only: they never go into a message.
      refusals.push({ field: key, message: `changes (keys ${show(Object.keys(now[key] ?? {}))}), which the API server refuses: the ${now.kind} is marked immutable` });
    }
  }
  return refusals;
}

/** One field of `spec` (or of the object, with `path` '') that the API server never lets change. */
function fieldRefusal(old: Doc, now: Doc, key: string, why: string, path = 'spec'): Refusal[] {
  const before = path ? old[path]?.[key] : old[key];
  const after = path ? now[path]?.[key] : now[key];
  return same(before, after) ? [] : [changedField(path ? `${path}.${key}` : key, before, after, why)];
}

function serviceRefusals(old: Doc, now: Doc): Refusal[] {
  const before: Doc = old.spec ?? {};
  const after: Doc = now.spec ?? {};
  const refusals: Refusal[] = [];
  if (after.type !== 'ExternalName' && before.type !== 'ExternalName') {
    for (const key of ['clusterIP', 'clusterIPs']) {
      if (!same(before[key], after[key])) {
        refusals.push(changedField(`spec.${key}`, before[key], after[key],
          'a Service\'s cluster IP may not change once set (the live Service holds the address it was given)'));
      }
    }
  }
  if (before.type === 'LoadBalancer' && after.type === 'LoadBalancer' && !same(before.loadBalancerClass, after.loadBalancerClass)) {
    refusals.push(changedField('spec.loadBalancerClass', before.loadBalancerClass, after.loadBalancerClass,
      'the load balancer class of a LoadBalancer Service may not change once set'));
  }
  return refusals;
}

/**
 * A PriorityClass keeps its value and preemption policy (`ValidatePriorityClassUpdate`): the pods admitted
 * with it keep the priority they were given. An absent policy is the API server's default.
 */
function priorityClassRefusals(old: Doc, now: Doc): Refusal[] {
  const policy = (doc: Doc) => doc.preemptionPolicy ?? 'PreemptLowerPriority';
  return [
    ...fieldRefusal(old, now, 'value', 'the value of a PriorityClass is immutable (its pods keep the priority they were admitted with)', ''),
    ...(policy(old) === policy(now) ? [] : [changedField('preemptionPolicy', old.preemptionPolicy, now.preemptionPolicy, 'the preemption policy of a PriorityClass is immutable')]),
  ];
}

/** The fields of a Pod's spec an update may change, each with what it may become (`ValidatePodUpdate`). */
const POD_MUTABLE: Readonly<Record<string, (before: unknown, after: unknown) => boolean>> = {
  activeDeadlineSeconds: () => true,
  // Tolerations may only be added, scheduling gates only removed.
  tolerations: (before, after) => includesEach(after, before),
  schedulingGates: (before, after) => includesEach(before, after),
};

/** Whether the list `all` holds each item of the list `some`. */
function includesEach(all: unknown, some: unknown): boolean {
  const have = new Set((Array.isArray(all) ? all : []).map((item) => JSON.stringify(item)));
  return (Array.isArray(some) ? some : []).every((item) => have.has(JSON.stringify(item)));
}

/** A container list without its images, which a running Pod takes new. */
function withoutImages(containers: unknown): unknown {
  return Array.isArray(containers) ? containers.map((container: Doc) => ({ ...container, image: undefined })) : containers;
}

/**
 * A Pod keeps its spec but for its containers' images, `activeDeadlineSeconds`, added tolerations and removed
 * scheduling gates (`ValidatePodUpdate`): a bare Pod of the output whose command, env or ports change is refused.
 */
function podRefusals(old: Doc, now: Doc): Refusal[] {
  const before: Doc = { ...old.spec, containers: withoutImages(old.spec?.containers), initContainers: withoutImages(old.spec?.initContainers) };
  const after: Doc = { ...now.spec, containers: withoutImages(now.spec?.containers), initContainers: withoutImages(now.spec?.initContainers) };
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !same(before[key], after[key]) && !(POD_MUTABLE[key]?.(before[key], after[key]) ?? false))
    .map((key) => ({
      field: `spec.${key}`,
      message: 'changes, which the API server refuses: a Pod keeps its spec but for its images, activeDeadlineSeconds, added tolerations and removed scheduling gates',
    }));
}

/** A ResourceQuota keeps its scopes, in any order (`ValidateResourceQuotaUpdate`). */
function quotaRefusals(old: Doc, now: Doc): Refusal[] {
  const scopes = (doc: Doc) => [...new Set<string>(doc.spec?.scopes ?? [])].sort();
  return same(scopes(old), scopes(now)) ? [] : [changedField('spec.scopes', old.spec?.scopes, now.spec?.scopes, 'the scopes of a ResourceQuota are immutable')];
}

function storageClassRefusals(old: Doc, now: Doc): Refusal[] {
  if (replacedWhenChanged(now.metadata?.annotations ?? {})) {
    return [];
  }
  const defaults: Record<string, unknown> = { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
  return ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']
    .filter((key) => !same(old[key] ?? defaults[key], now[key] ?? defaults[key]))
    .map((key) => changedField(key, old[key], now[key], `updates to a StorageClass's ${key} are forbidden (existing volumes keep what they were made with)`));
}

/** Job spec fields an update never changes (`ValidateJobSpecUpdate`); `completions` only as an Indexed Job's `parallelism` with it. */
const JOB_IMMUTABLE = ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'successPolicy', 'managedBy'];

function jobRefusals(old: Doc, now: Doc): Refusal[] {
  if (replacedWhenChanged(now.metadata?.annotations ?? {})) {
    return [];
  }
  const refusals = JOB_IMMUTABLE.flatMap((key) => fieldRefusal(old, now, key, 'a Job keeps it for its life'));
  const elastic = now.spec?.completionMode === 'Indexed' && now.spec?.completions === now.spec?.parallelism;
  if (!elastic) {
    refusals.push(...fieldRefusal(old, now, 'completions', 'a Job\'s completions change only on an Indexed Job, together with its parallelism'));
  }
  if (!same(old.spec?.template, now.spec?.template)) {
    refusals.push({ field: 'spec.template', message: 'changes, which the API server refuses: a Job\'s pod template is immutable' });
  }
  return refusals;
}

/** RollingUpdate → Recreate: server-side apply leaves the `rollingUpdate` block the API server defaulted, and the object is refused. */
function strategyRefusals(old: Doc, now: Doc): Refusal[] {
  const before: Doc = old.spec?.strategy ?? {};
  const after: Doc = now.spec?.strategy ?? {};
  if ((before.type ?? 'RollingUpdate') !== 'RollingUpdate' || after.type !== 'Recreate' || before.rollingUpdate !== undefined) {
    return [];
  }
  return [changedField('spec.strategy.type', before.type, after.type,
    'the live Deployment keeps the rollingUpdate block the API server defaulted (no field manager owns it), '
    + 'and a Recreate strategy with rollingUpdate is refused on the server-side apply')];
}

/** The refused changes of one object that stays in the output. */
function refusalsOf(old: Doc, now: Doc, allCurrent: ReadonlyMap<string, string>): Refusal[] {
  const kind = String(now.kind);
  const group = groupOf(now);
  if (kind !== old.kind || group !== groupOf(old)) {
    return [];
  }
  const byKind: Refusal[] = group === 'apps' && kind === 'StatefulSet' ? statefulSetRefusals(old, now, allCurrent)
    : group === 'apps' && kind === 'Deployment' ? strategyRefusals(old, now)
      : group === 'batch' && kind === 'Job' ? jobRefusals(old, now)
        : group === '' && kind === 'PersistentVolumeClaim' ? claimRefusals(old, now, allCurrent)
          : group === '' && kind === 'Service' ? serviceRefusals(old, now)
            : group === 'storage.k8s.io' && kind === 'StorageClass' ? storageClassRefusals(old, now)
              : group === '' && kind === 'PersistentVolume' ? persistentVolumeRefusals(old, now)
                : group === '' && (kind === 'ConfigMap' || kind === 'Secret') ? configRefusals(old, now)
                  : group === 'rbac.authorization.k8s.io' && (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') ? bindingRefusals(old, now)
                    : group === 'discovery.k8s.io' && kind === 'EndpointSlice' ? fieldRefusal(old, now, 'addressType', 'the address type of an EndpointSlice is immutable', '')
                      : group === 'networking.k8s.io' && kind === 'IngressClass' ? fieldRefusal(old, now, 'controller', 'the controller of an IngressClass is immutable')
                        : group === 'node.k8s.io' && kind === 'RuntimeClass' ? fieldRefusal(old, now, 'handler', 'the handler of a RuntimeClass is immutable', '')
                          : group === 'scheduling.k8s.io' && kind === 'PriorityClass' ? priorityClassRefusals(old, now)
                            : group === '' && kind === 'ResourceQuota' ? quotaRefusals(old, now)
                              : group === '' && kind === 'Pod' ? podRefusals(old, now)
                                : group === 'postgresql.cnpg.io' && kind === 'Cluster' ? cnpgClusterRefusals(old, now)
                                  : [];
  const selector = group === 'apps' || group === 'batch' ? selectorRefusals(kind, old, now) : [];
  return [...selector, ...byKind, ...customResourceRefusals(group, old, now)];
}

/**
 * A CloudNativePG Cluster whose `storage.size` or `walStorage.size` shrinks: the operator's webhook refuses it
 * ("can't shrink existing storage"). Deleting the Cluster to make it anew would delete its volumes, and the database
 * with them, so the way through is a new Cluster restored from a backup, not the delete other refusals take.
 */
function cnpgClusterRefusals(old: Doc, now: Doc): Refusal[] {
  return (['storage', 'walStorage'] as const).flatMap((key): Refusal[] => {
    const [oldSize, newSize] = [old.spec?.[key]?.size, now.spec?.[key]?.size];
    const [oldBytes, newBytes] = [quantityValue(oldSize), quantityValue(newSize)];
    if (oldBytes === undefined || newBytes === undefined || newBytes >= oldBytes) {
      return [];
    }
    return [{
      ...changedField(`spec.${key}.size`, oldSize, newSize,
        `an instance's volume can grow, never shrink: CloudNativePG's webhook refuses the Cluster ("can't shrink existing storage from ${show(oldSize)} to ${show(newSize)}")`),
      hint: `keep ${key}.size: '${show(oldSize)}' (deleting the Cluster to make it anew deletes its volumes and the database with them); for smaller volumes, `
        + `make a new Cluster of that size that restores this one's backup (bootstrap.recovery) and point the apps at it`,
    }];
  });
}

/**
 * The transition rules (`oldSelf`) of a custom resource's CRD that the change breaks, which the API server
 * checks on every update and no single synthesis can: `self == oldSelf` on a GatewayClass's controller, a
 * MetalLB BGP peer's graceful restart, a VolumeSnapshotContent's source.
 */
function customResourceRefusals(group: string, old: Doc, now: Doc): Refusal[] {
  if (KUBERNETES_GROUPS.has(group) || same(old, now)) {
    return [];
  }
  return transitionRuleViolations(now, old).map((violation) => ({
    field: violation.field,
    message: `changes, which the API server refuses: ${violation.message} (the CRD's rule ${violation.rule})`,
  }));
}

/** The Deployment or StatefulSet of `docs` whose pods mount claim `claim` (a Doc of the same namespace), if one does. */
function workloadMounting(claim: Doc, docs: Iterable<Doc>): Doc | undefined {
  return [...docs].find((doc) => (doc?.kind === 'Deployment' || doc?.kind === 'StatefulSet') && groupOf(doc) === 'apps'
    && doc.metadata?.namespace === claim.metadata?.namespace
    && (doc.spec?.template?.spec?.volumes ?? []).some((volume: Doc) => volume?.persistentVolumeClaim?.claimName === claim.metadata?.name));
}

/**
 * The objects of the new output that may mount the claim `doc` is or is bound to: those of every file that
 * names a claim, as the workload that mounts it need not change with it. Parsed only for a refused claim or volume.
 */
function mountingCandidates(doc: Doc, allCurrent: ReadonlyMap<string, string>): Doc[] {
  if (doc.kind !== 'PersistentVolumeClaim' && doc.kind !== 'PersistentVolume') {
    return [];
  }
  const naming = new Map([...allCurrent].filter(([, text]) => text.includes('claimName:')));
  return [...documentEntries(naming).values()].map((entry) => entry.doc as Doc);
}

/**
 * The step by hand that lets the next apply re-create `doc`. A claim a pod still mounts stays Terminating
 * until that pod is gone (the `kubernetes.io/pvc-protection` finalizer), so the workload of `docs` that
 * mounts it is scaled down first; the engine's next apply scales it back with the output's `replicas`.
 */
function deleteStep(doc: Doc, source: string, docs: Iterable<Doc> = []): OwnerActionEntry {
  const kind = String(doc.kind);
  const name = String(doc.metadata?.name);
  const namespace = doc.metadata?.namespace;
  const where = `${kind} ${typeof namespace === 'string' ? `${namespace}/` : ''}${name}`;
  const orphan = WORKLOADS.has(kind) && groupOf(doc) !== '' ? ' --cascade=orphan' : '';
  const isClaim = kind === 'PersistentVolumeClaim';
  // A bound volume is not deleted while its claim exists (`kubernetes.io/pv-protection`), and the claim
  // of a volume made anew stays Lost: both go, and the engine makes both anew.
  const boundTo: Doc | undefined = kind === 'PersistentVolume' && typeof doc.spec?.claimRef?.name === 'string'
    ? { kind: 'PersistentVolumeClaim', metadata: { name: doc.spec.claimRef.name, namespace: doc.spec.claimRef.namespace } } : undefined;
  const mounting = isClaim ? workloadMounting(doc, docs) : boundTo ? workloadMounting(boundTo, docs) : undefined;
  const stop = mounting
    ? `scale ${mounting.kind} ${namespace}/${mounting.metadata?.name} to 0 (a claim a pod still mounts is not deleted until that pod is gone), then `
    : isClaim ? 'stop the pods that mount it (a claim a pod still mounts is not deleted until that pod is gone, and the delete waits), then ' : '';
  const before = isClaim
    ? `copy its data out first (deleting the claim deletes its volume when the class reclaims with Delete), ${stop}`
    : orphan ? '(its pods keep running) ' : '';
  const scale = mounting ? `${kubectl(boundTo ?? doc)} scale ${String(mounting.kind).toLowerCase()} ${mounting.metadata?.name} --replicas=0 && ` : '';
  const claimFirst = boundTo ? `${kubectl(boundTo)} delete persistentvolumeclaim ${boundTo.metadata.name} && ` : '';
  const withClaim = boundTo
    ? ` and its claim ${boundTo.metadata.namespace}/${boundTo.metadata.name}${mounting ? ` (after scaling ${mounting.kind} ${boundTo.metadata.namespace}/${mounting.metadata?.name} to 0)` : ''}` : '';
  return {
    kind: 'manual',
    action: `before the next sync, ${before}delete ${where}${withClaim}, whose change the API server refuses; the engine then creates it anew${mounting ? ' and scales the workload back' : ''}`,
    command: `${scale}${claimFirst}${kubectl(doc)} delete ${kind.toLowerCase()} ${name}${orphan}`,
    source,
  };
}

/** The claims a StatefulSet's controller made for its pods (`<template>-<name>-<ordinal>`), as far as its replicas tell. */
function statefulSetClaims(doc: Doc): string[] {
  const replicas = typeof doc.spec?.replicas === 'number' ? Math.max(doc.spec.replicas, 1) : 1;
  const templates = (doc.spec?.volumeClaimTemplates as Doc[]).map((t) => String(t?.metadata?.name));
  return templates.flatMap((t) => statefulOrdinals(replicas).map((i) => `${t}-${doc.metadata?.name}-${i}`));
}

/**
 * The warning and step for a StatefulSet that makes claims and left the output while its namespace stays
 * (an app that became a Deployment, or left a namespace it shares): its controller's claims stay in the
 * cluster with their data, unless its retention policy deletes them, and no file of the output names them.
 */
function statefulSetRemoval(doc: Doc, chartPath: string): { finding: Finding; action: OwnerActionEntry } {
  const name = String(doc.metadata?.name);
  const namespace = String(doc.metadata?.namespace);
  const claims = statefulSetClaims(doc);
  const deletes = doc.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
  const command = `kubectl -n ${namespace} delete persistentvolumeclaim ${claims.join(' ')}`;
  return {
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, kind: String(doc.kind), namespace, name, field: '(removed)',
      message: `the StatefulSet ${namespace}/${name} left the output: ${deletes
        ? `its retention policy deletes its claims (${claims.join(', ')}) with it, and their data with a class that reclaims with Delete`
        : `its claims (${claims.join(', ')}) stay in the cluster with their data, and no object of the output uses them`}`,
      hint: deletes
        ? `copy the data out of ${claims.join(', ')} before the next sync if it is wanted`
        : `to use the data again, mount the claim in namespace ${namespace}: AppVolume.existingClaim('${claims[0]}') (a new claim of the app starts empty); when the data is not wanted, delete them by hand: ${command}`,
    },
    action: {
      kind: 'manual',
      action: deletes
        ? `the StatefulSet ${namespace}/${name} left the output, and its claims go with it: copy their data out before the next sync if it is wanted`
        : `the claims of StatefulSet ${namespace}/${name} stay in the cluster: mount one again (AppVolume.existingClaim) or delete them by hand once their data is not wanted`,
      command: deletes ? undefined : command,
      source: chartPath,
    },
  };
}

/** The StatefulSet new in the output that makes claims in `namespace`, if any. */
function claimMakerIn(arriving: readonly Doc[], namespace: unknown): Doc | undefined {
  return arriving.find((doc) => makesClaims(doc) && doc.metadata?.namespace === namespace);
}

/**
 * The warning and step for a claim, or a namespace with claims, that left the output; `arriving` are the
 * objects new in the output (what may have taken the claim's place: a StatefulSet in its namespace, a claim
 * of its name in another), and `movedTo` the other cluster of the run that makes a claim of its namespace
 * and name (the app moved there).
 */
export function removal(
  doc: Doc, chartPath: string, claimsIn: ReadonlySet<string>, arriving: readonly Doc[], movedTo?: string,
): { finding: Finding; action: OwnerActionEntry; rebindable: boolean } | undefined {
  const name = String(doc.metadata?.name);
  const namespace = doc.metadata?.namespace;
  const isClaim = doc.kind === 'PersistentVolumeClaim' && holdsData(doc);
  const isNamespace = isDataNamespace(doc, claimsIn);
  if (!isClaim && !isNamespace) {
    return undefined;
  }
  // A claim whose namespace now holds a new StatefulSet (an app that became one): claimName cannot bind it there.
  // One the namespace held before (a database beside the app) took no claim's place.
  const maker = isClaim ? claimMakerIn(arriving, namespace) : undefined;
  // A claim of this name made in another namespace (an app renamed or moved, given claimName): it is a new, empty one.
  const namesake = isClaim && !maker ? arriving
    .find((other) => holdsData(other) && other.kind === 'PersistentVolumeClaim' && other.metadata?.name === name && other.metadata?.namespace !== namespace) : undefined;
  // A namesake bound to the same static volume by name (a StaticNfsVolume's or StaticZfsVolume's claim moved to
  // another namespace): the volume's claimRef keeps the old claim's uid, so the new claim stays Pending.
  const volume = namesake !== undefined && typeof doc.spec?.volumeName === 'string' && namesake.spec?.volumeName === doc.spec.volumeName ? String(doc.spec.volumeName) : undefined;
  const release = volume === undefined ? undefined
    : `kubectl -n ${namespace} delete persistentvolumeclaim ${name} && kubectl patch persistentvolume ${volume} -p '{"spec":{"claimRef":{"uid":null,"resourceVersion":null}}}'`;
  const what = isClaim ? `claim ${namespace}/${name}` : `namespace ${name}, which held claims,`;
  const kept = keptWhenRemoved(doc.metadata);
  const fate = kept
    ? 'the GitOps engine leaves it in the cluster (it is marked to be kept when removed), with its data'
    : 'it carries no keep-when-removed mark, so an engine that prunes deletes it and, with a class that reclaims with Delete, its data';
  const command = release ?? (isClaim ? `kubectl -n ${namespace} delete persistentvolumeclaim ${name}` : `kubectl delete namespace ${name}`);
  return {
    // A claim no StatefulSet or namesake of the cluster took the place of, or a namespace: the hint binds it again (claimName, the namespace).
    rebindable: isNamespace || (!maker && !namesake),
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, kind: String(doc.kind), namespace: isClaim ? namespace : undefined, name,
      field: '(removed)',
      message: `the ${what} left the output: ${fate}`,
      hint: movedTo && !isClaim
        ? `the app of namespace ${name} moved to cluster ${movedTo}, where its claims are new, empty ones: the data stays on the volumes of this cluster, `
          + `which no claim of another cluster can bind; copy it into the new claims first (kubectl -n ${name} get pvc lists them; a StatefulSet's have no warning of their own), then delete the namespace by hand: ${command}`
        : movedTo
        ? `the claim ${namespace}/${name} the app makes in cluster ${movedTo} is a new, empty one: the data stays on the volume of this cluster, `
          + `which no claim of another cluster can bind (claimName cannot reach it); copy the data into the new claim before the app writes there `
          + `(e.g. a backup of this volume restored there, or rsync between pods of the two clusters), then delete this one by hand: ${command}`
        : maker
        ? `StatefulSet ${namespace}/${maker.metadata?.name} makes claims of its own (${statefulSetClaims(maker).join(', ')}), which start empty, and a StatefulSet takes no claimName: `
          + `to keep the data, copy it into them before the app writes there, or keep the app a Deployment (controller: AppController.deployment()); when the data is not wanted, delete it by hand: ${command}`
        : volume !== undefined
        ? `the new claim ${namesake!.metadata?.namespace}/${name} binds PersistentVolume ${volume} by name, whose claimRef still holds this claim's uid: the volume stays bound to it, `
          + `and the new claim Pending, until this claim is deleted and the uid cleared (its data stays on the volume, kept on release): ${release}`
        : namesake
        ? `the new claim ${namesake.metadata?.namespace}/${name} has its name, but is a new, empty one: a pod mounts claims of its own namespace only; `
          + `to use this data, put the app in namespace ${namespace} (namespace: '${namespace}'); when the data is not wanted, delete it by hand: ${command}`
        : isClaim
        ? `to use the data again, give a claim in namespace ${namespace} this name (AppVolume.claim({ …, claimName: '${name}' })); `
          + `when the data is not wanted, delete it by hand: ${command}`
        : `bring the namespace back to reach its claims (kubectl -n ${name} get pvc lists them), or, when their data is not wanted, delete it by hand: ${command}`,
    },
    action: {
      kind: 'manual',
      action: volume !== undefined
        ? `the ${what} left the output and still holds PersistentVolume ${volume}: delete it and clear the volume's claimRef uid, so that the new claim ${namesake!.metadata?.namespace}/${name} binds the volume, its data kept`
        : kept && !isClaim
        // Deleting a namespace deletes its claims, and with a class that reclaims with Delete their data.
        ? `the ${what} left the output but stays in the cluster: ${movedTo ? `copy the data of its claims into the new claims in cluster ${movedTo}`
          : 'bring it back to reach its claims'}, or delete it by hand (its claims and their data go with it) once their data is not wanted`
        : kept
        ? `the ${what} left the output but stays in the cluster: ${movedTo ? `copy its data into the new claim in cluster ${movedTo}`
          : maker ? "copy its data into the StatefulSet's claims" : 'bind it again (claimName)'} or delete it by hand once its data is not wanted`
        : `the ${what} left the output: copy its data out${movedTo ? ` (into the new claim in cluster ${movedTo})` : ''} before the next sync if it is wanted`,
      command: kept ? command : undefined,
      source: chartPath,
    },
  };
}

/**
 * The day-2 warnings and steps of one cluster: each change of an object that stays in the output that the
 * API server refuses (its own rules and a CRD's transition rules), each change it takes that the cluster
 * undoes (a sealed value moved, an image or chart moved back, a chart across a major release, a pod pinned
 * away from its node-local volume, an init script added to a database server that initialized its data before), each chart install that leaves it (its release uninstalled), each claim (or namespace that held claims) that leaves it, what leaves
 * it under an engine that does not prune, and each object that leaves it with the last of its kind or
 * namespace an Argo CD project allowed. Only the files whose bytes change are parsed; an object that moves
 * between files is found in both.
 */
export function dayTwoChanges(input: DayTwoInput): DayTwoReport {
  const findings: Finding[] = [];
  const actions: OwnerActionEntry[] = [];
  if (input.previous.size === 0) {
    // A cluster new in the run (or unchanged): nothing left it, but an app another cluster lost may arrive here.
    // Kept as ids, not as the files: a report lives until the fleet ends, and the files would with it.
    const claimsArriving = input.claimsByFile
      ? [...input.current.keys()].flatMap((file) => input.claimsByFile!.get(file) ?? [])
      : [...documentEntries(input.current, renderedOf(input)).values()].flatMap((entry) => dataHoldersOf(entry.doc as Doc));
    return { findings, actions, claimsArriving };
  }
  let old: Map<string, DocumentEntry>;
  try {
    old = documentEntries(input.previous, renderedOf(input));
  } catch {
    // A previous file edited by hand into something that is no YAML: there is nothing to compare with.
    return { findings, actions };
  }
  const now = documentEntries(input.current, renderedOf(input));
  const refusedSteps: OwnerActionEntry[] = [];
  for (const [id, entry] of now) {
    const previous = old.get(id);
    const doc = entry.doc as Doc;
    if (!previous || typeof doc !== 'object' || doc === null || typeof previous.doc !== 'object') {
      continue;
    }
    const refusals = refusalsOf(previous.doc as Doc, doc, input.allCurrent);
    if (refusals.length === 0) {
      continue;
    }
    const constructPath = input.constructPaths.get(id) ?? input.chartPath;
    const step = deleteStep(doc, constructPath, mountingCandidates(doc, input.allCurrent));
    for (const refusal of refusals.filter((r) => r.hint !== undefined)) {
      findings.push({
        layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace: doc.metadata?.namespace, name: doc.metadata?.name,
        field: refusal.field, message: `${refusal.message}; the next apply of the object fails, and with it the rest of its layer`, hint: refusal.hint,
      });
    }
    if (refusals.every((r) => r.hint !== undefined)) {
      continue;
    }
    for (const refusal of refusals.filter((r) => r.hint === undefined)) {
      findings.push({
        layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace: doc.metadata?.namespace, name: doc.metadata?.name,
        field: refusal.field,
        message: `${refusal.message}; the next apply of the object fails, and with it the rest of its layer`,
        hint: `if the change is meant, run before the next sync: ${step.command}${doc.kind === 'PersistentVolumeClaim' ? ` (after copying its data out${step.command?.includes(' scale ') ? '' : '; a pod that still mounts the claim keeps it until the pod is gone, so stop the workload first'})`
          : doc.kind === 'PersistentVolume' && doc.spec?.persistentVolumeReclaimPolicy !== 'Retain' ? ' (after copying its data out: its reclaim policy is not Retain, so the data goes with it)' : ''}; otherwise keep the previous value`,
      });
    }
    refusedSteps.push(step);
  }
  // A volume's step deletes its claim before it: the claim's own step (ending in that delete) says no more.
  const doneBefore = new Set(refusedSteps.flatMap((step) => (step.command ?? '').split(' && ').slice(0, -1)));
  actions.push(...refusedSteps.filter((step) => !doneBefore.has((step.command ?? '').split(' && ').pop() ?? '')));
  // Refused by no API server, yet undone in the cluster: a sealed value that no longer unseals, data an older
  // image or chart may not read, values a chart's next major release no longer reads, a pod moved away from
  // its node-local volume.
  findings.push(
    ...movedSealedValues(old, now, input.constructPaths, input.chartPath), ...chartVersionChanges(old, now, input.constructPaths, input.chartPath),
    ...chartReleasesLeaving(old, now, input.chartPath),
  );
  const rolledBack = imageRollbacks(old, now, input.constructPaths, input.chartPath);
  const moved = movedOffNodeLocalClaims(old, now, (name) => storageClassIn(input.allCurrent, name), input.constructPaths, input.chartPath);
  const initScripts = lateInitScripts(old, now, input.allCurrent, input.constructPaths, input.chartPath);
  const databaseClasses = cnpgStorageClassChanges(old, now, input.constructPaths, input.chartPath);
  const databaseRestores = cnpgBootstrapChanges(old, now, input.constructPaths, input.chartPath);
  for (const report of [rolledBack, moved, initScripts, databaseClasses, databaseRestores]) {
    findings.push(...report.findings);
    actions.push(...report.actions);
  }
  actions.push(...projectNarrowingSteps(old, now, input.chartPath));
  for (const switched of [engineSwitch(input.previous, input.allCurrent, input.chartPath), distributionSwitch(input.previous, input.allCurrent, input.chartPath)]) {
    if (switched) {
      findings.push(switched.finding);
      actions.push(switched.action);
    }
  }
  const oldDocs = [...old.values()].map((entry) => entry.doc as Doc);
  // A CloudNativePG Cluster's namespace holds the claims the operator makes for it, which no file holds.
  const claimsIn = new Set([...namespacesHoldingData(oldDocs), ...oldDocs.filter(holdsDatabase).map((doc) => String(doc.metadata?.namespace))]);
  const unpruned = unprunedRemovals(old, now, input.allCurrent, claimsIn, input.chartPath);
  if (unpruned) {
    findings.push(unpruned.finding);
    actions.push(unpruned.action);
  }
  const namespacesGone = [...old].filter(([id, entry]) => !now.has(id) && (entry.doc as Doc)?.kind === 'Namespace').map(([, entry]) => entry.doc as Doc);
  const namespacesLeaving = new Set(namespacesGone.map((doc) => doc.metadata?.name));
  // A namespace the engine keeps leaves its Cluster to be pruned on its own, database and all: that is said by the Cluster.
  const namespacesPruned = new Set(namespacesGone.filter((doc) => !keptWhenRemoved(doc.metadata)).map((doc) => doc.metadata?.name));
  const arriving = [...now].filter(([id]) => !old.has(id)).map(([, entry]) => entry.doc as Doc);
  const claimsLeaving: LeavingClaim[] = [];
  for (const [id, entry] of old) {
    if (!now.has(id)) {
      const doc = entry.doc as Doc;
      // A StatefulSet leaving with its namespace, or a Cluster with the namespace pruned, is said once, by the namespace's warning.
      const removed = makesClaims(doc) && !namespacesLeaving.has(doc.metadata?.namespace)
        ? statefulSetRemoval(doc, input.chartPath)
        : holdsDatabase(doc) && !namespacesPruned.has(doc.metadata?.namespace)
          ? cnpgClusterRemoval(doc, input.chartPath, arriving)
          : removal(doc, input.chartPath, claimsIn, arriving);
      if (removed) {
        findings.push(removed.finding);
        actions.push(removed.action);
        if ('rebindable' in removed && removed.rebindable) {
          claimsLeaving.push({ id: doc.kind === 'Namespace' ? `${doc.metadata?.name}/` : claimId(doc), doc, finding: removed.finding, action: removed.action });
        }
      }
    }
  }
  // Claims and Clusters new in the output, from the documents already parsed: another cluster's that left may have moved here.
  const claimsArriving = arriving.flatMap(dataHoldersOf);
  return { findings, actions, claimsLeaving, claimsArriving };
}

/** What the input says synth rendered of the new files, if it says. */
function renderedOf(input: DayTwoInput): RenderedDocuments | undefined {
  return input.rendered ? { objects: input.rendered, texts: input.allCurrent } : undefined;
}

/** `namespace/name` of a claim (or of a CloudNativePG Cluster). */
function claimId(doc: Doc): string {
  return `${doc.metadata?.namespace}/${doc.metadata?.name}`;
}

/** The claims with data (`namespace/name`) an object is, or has its controller make (a StatefulSet). */
export function claimsOf(doc: Doc): string[] {
  return doc?.kind === 'PersistentVolumeClaim' && holdsData(doc) ? [claimId(doc)]
    : makesClaims(doc) ? statefulSetClaims(doc).map((claim) => `${doc.metadata?.namespace}/${claim}`) : [];
}

/**
 * The claims with data an object is or makes (see {@link claimsOf}), or the CloudNativePG Cluster it is
 * (`namespace/name`): what an app that moved between clusters leaves behind, and finds again under that id.
 */
function dataHoldersOf(doc: Doc): string[] {
  return holdsDatabase(doc) ? [claimId(doc)] : claimsOf(doc);
}

/** The claims with data and CloudNativePG Clusters (`namespace/name`) each file of a cluster's `layout` makes, for the files that make any. Pure. */
export function claimsByFileOf(layout: ReadonlyMap<string, readonly object[]>): Map<string, string[]> {
  const claims = new Map<string, string[]>();
  for (const [file, manifests] of layout) {
    const made = manifests.flatMap((manifest) => dataHoldersOf(manifest as Doc));
    if (made.length > 0) {
      claims.set(file, made);
    }
  }
  return claims;
}

/** The construct path of each object, by {@link objectIdentity}: where day-2 findings are reported. */
export function constructPathsOf(objects: ReadonlyArray<{ readonly manifest: object; readonly constructPath: string }>): Map<string, string> {
  return new Map(objects.map((o) => [objectIdentity('', o.manifest), o.constructPath]));
}

/** `outcome` with the warnings and steps of its day-2 changes: they hold for this run only, and are not remembered. */
export function withDayTwoReport(outcome: ClusterOutcome, report: DayTwoReport | undefined): ClusterOutcome {
  if (!report || (report.findings.length === 0 && report.actions.length === 0)) {
    return outcome;
  }
  return {
    ...outcome,
    dayTwo: report,
    findings: [...outcome.findings, ...report.findings],
    figures: { ...outcome.figures, ownerActions: [...outcome.figures.ownerActions, ...report.actions] },
  };
}
