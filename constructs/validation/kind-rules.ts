import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, checkNotNegative, fields, Fields, list, text } from './manifest';
import { checkPodExclusiveMode } from './claim-rules';
import { CSI_VOLUME_SECRET_FIELDS } from './csi-secret-refs';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameMeant, nameProblem } from './dns-names';
import { isContainerResourceName } from './container-rules';
import { checkGatedVolumeFields } from './gated-fields';
import { checkNodeSelector } from './affinity-rules';
import { checkCsiDriver, checkSourcePath, tokenLifetimeProblem } from './pod-rules';
import { quantityValue } from './quantity';
import type { ReportedNfsSource } from './reported-nfs-exports';
import { qualifiedNameProblem } from './syntax';

/** The highest priority a PriorityClass may give unless its name marks it as the system's own. */
const MAX_USER_PRIORITY = 1_000_000_000;
/** The most parameters a StorageClass may have, and the most bytes their names and values may hold in all. */
const MAX_PARAMETERS = 512;
const MAX_PARAMETER_BYTES = 256 * 1024;

/**
 * A StorageClass names its provisioner as a qualified name (e.g. `rancher.io/local-path`), its parameters
 * by non-empty names (at most 512 of them, in at most 256 KiB), and its allowed topologies as
 * `checkAllowedTopologies` takes them.
 */
export function checkStorageClass(object: SynthesizedObject, add: AddFinding): void {
  const provisioner = object.manifest.provisioner;
  const problem = typeof provisioner === 'string' ? qualifiedNameProblem(provisioner) : undefined;
  if (problem) {
    add('provisioner', `provisioner: ${problem}`, 'name the CSI driver or provisioner as it registers itself, e.g. rancher.io/local-path');
  }
  const parameters = fields(object.manifest.parameters);
  if (Object.prototype.hasOwnProperty.call(parameters, '')) {
    add('parameters', 'a parameter has an empty name', 'name each parameter as the provisioner documents it');
  }
  const names = Object.keys(parameters);
  const bytes = names.reduce((sum, name) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(parameters[name] ?? '')), 0);
  if (names.length > MAX_PARAMETERS) {
    add('parameters', `has ${names.length} parameters; a StorageClass takes at most ${MAX_PARAMETERS}`, 'keep the parameters the provisioner documents, and move the rest into its own configuration');
  } else if (bytes > MAX_PARAMETER_BYTES) {
    add('parameters', `holds ${bytes} bytes; a StorageClass's parameters may hold at most ${MAX_PARAMETER_BYTES} (256 KiB)`, 'keep large settings in the provisioner\'s own configuration, not in the StorageClass');
  }
  checkAllowedTopologies(list(object.manifest.allowedTopologies), add);
}

/**
 * A StorageClass's allowed topologies (validateAllowedTopologies): each term of at least one label
 * expression, each expression with a key that is a label key and with values, no key twice in a term, no
 * value twice in an expression, and no term twice.
 */
function checkAllowedTopologies(terms: readonly Fields[], add: AddFinding): void {
  const seenTerms: string[] = [];
  terms.forEach((term, t) => {
    const at = `allowedTopologies[${t}].matchLabelExpressions`;
    const expressions = list(term.matchLabelExpressions);
    if (expressions.length === 0) {
      add(at, 'the topology term has no label expression', "give one, e.g. { key: 'topology.kubernetes.io/zone', values: ['rack-1'] }, or drop the term");
      return;
    }
    const keys = new Set<unknown>();
    expressions.forEach((expression, e) => {
      const values: unknown[] = Array.isArray(expression.values) ? expression.values : [];
      if (values.length === 0) {
        add(`${at}[${e}].values`, 'the label expression has no values', 'list the label values volumes may be placed at');
      }
      const twice = values.findIndex((value, v) => values.indexOf(value) < v);
      if (twice >= 0) {
        add(`${at}[${e}].values[${twice}]`, `value ${JSON.stringify(values[twice])} is listed twice; the API server refuses it`, 'list each value once');
      }
      const keyProblem = typeof expression.key === 'string' ? qualifiedNameProblem(expression.key) : undefined;
      if (keyProblem !== undefined) {
        add(`${at}[${e}].key`, `key: ${keyProblem}; the API server refuses the StorageClass`,
          'name a label of the nodes, e.g. topology.kubernetes.io/zone or kubernetes.io/hostname');
      }
      if (keys.has(expression.key)) {
        add(`${at}[${e}].key`, `key ${JSON.stringify(expression.key)} has an expression of the term already; the API server refuses a key twice in a term`,
          'merge the values into the first expression of the key');
      }
      keys.add(expression.key);
    });
    // A term's identity is its keys with their sets of values, in any order.
    const identity = JSON.stringify(expressions.map((e) => [String(e.key), [...new Set(Array.isArray(e.values) ? e.values.map(String) : [])].sort()]).sort());
    if (seenTerms.includes(identity)) {
      add(at, 'the topology term repeats an earlier one; the API server refuses a term twice', 'drop the repeated term');
    }
    seenTerms.push(identity);
  });
}

/** The volume lifecycle modes and fsGroup policies a CSIDriver may declare. */
const LIFECYCLE_MODES: readonly string[] = ['Persistent', 'Ephemeral'];
const FS_GROUP_POLICIES: readonly string[] = ['ReadWriteOnceWithFSType', 'File', 'None'];

/**
 * A CSIDriver (ValidateCSIDriver): volume lifecycle modes and an fsGroup policy the API server knows, and
 * token requests of distinct audiences, each token valid for 10 minutes to 2^32 seconds.
 */
export function checkCsiDriverObject(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  (Array.isArray(spec.volumeLifecycleModes) ? spec.volumeLifecycleModes as unknown[] : []).forEach((mode, i) => {
    if (typeof mode === 'string' && !LIFECYCLE_MODES.includes(mode)) {
      add(`spec.volumeLifecycleModes[${i}]`, `volume lifecycle mode ${JSON.stringify(mode)} is neither Persistent nor Ephemeral`, 'list the modes the driver serves: Persistent (claims) and, for inline volumes, Ephemeral');
    }
  });
  if (typeof spec.fsGroupPolicy === 'string' && !FS_GROUP_POLICIES.includes(spec.fsGroupPolicy)) {
    add('spec.fsGroupPolicy', `fsGroupPolicy ${JSON.stringify(spec.fsGroupPolicy)} is none of ${FS_GROUP_POLICIES.join(', ')}`, 'use the policy the driver documents, or leave it out for ReadWriteOnceWithFSType');
  }
  const audiences = new Map<string, number>();
  list(spec.tokenRequests).forEach((request, i) => {
    const audience = text(request.audience);
    if (audience !== undefined && audiences.has(audience)) {
      add(`spec.tokenRequests[${i}].audience`, `audience "${audience}" is asked for by tokenRequests[${audiences.get(audience)}] already`, 'ask for each audience once');
    } else if (audience !== undefined) {
      audiences.set(audience, i);
    }
    const lifetime = tokenLifetimeProblem(request.expirationSeconds);
    if (lifetime !== undefined) {
      add(`spec.tokenRequests[${i}].expirationSeconds`, lifetime, 'set expirationSeconds to 600 or more, or leave it out for the token the kubelet gives by default');
    }
  });
}

/** The PriorityClasses Kubernetes makes itself, with their values: the only names the `system-` prefix may have. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = { 'system-node-critical': 2_000_001_000, 'system-cluster-critical': 2_000_000_000 };

/**
 * A PriorityClass of your own has no name with the `system-` prefix, which the API server keeps for its own
 * classes, a value of at most 1 000 000 000, and a preemption policy the API server knows.
 */
export function checkPriorityClass(object: SynthesizedObject, add: AddFinding): void {
  const value = object.manifest.value;
  const name = String(fields(object.manifest.metadata).name ?? '');
  if (name.startsWith('system-')) {
    const own = Object.prototype.hasOwnProperty.call(SYSTEM_PRIORITY_CLASSES, name) && SYSTEM_PRIORITY_CLASSES[name] === value && object.manifest.globalDefault !== true;
    if (!own) {
      add('metadata.name', `the prefix 'system-' of "${name}" is reserved for the PriorityClasses of Kubernetes itself`,
        `name the class without it, e.g. "${name.slice('system-'.length) || 'critical'}"`);
    }
  } else if (typeof value === 'number' && value > MAX_USER_PRIORITY) {
    add('value', `priority ${value} is above ${MAX_USER_PRIORITY}, the highest a PriorityClass of your own may have`, `use a value of at most ${MAX_USER_PRIORITY}`);
  }
  const preemption = object.manifest.preemptionPolicy;
  if (preemption !== undefined && preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
    add('preemptionPolicy', `preemption policy ${JSON.stringify(preemption)} is neither PreemptLowerPriority nor Never`,
      'leave it out to let pods of the class preempt lower ones, or set Never');
  }
}

/**
 * A Lease lasts at least a second and counts its changes of holder from 0 (ValidateLeaseSpec): a lease of
 * no duration would be expired as soon as it is taken.
 */
export function checkLease(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const duration = spec.leaseDurationSeconds;
  if (typeof duration === 'number' && Number.isInteger(duration) && duration <= 0) {
    add('spec.leaseDurationSeconds', `a lease of ${duration} seconds is refused by the API server`, 'give the holder at least one second, e.g. leaseDurationSeconds: 15');
  }
  checkNotNegative(spec, 'spec', ['leaseTransitions'], add);
}

/** The precedences a FlowSchema may have: 1 (matched first) to 10000. */
const MAX_MATCHING_PRECEDENCE = 10000;

/**
 * A FlowSchema (ValidateFlowSchemaSpec): a matching precedence of 1–10000, and rules that each name the
 * subjects they match and at least one resource or non-resource rule.
 */
export function checkFlowSchema(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const precedence = spec.matchingPrecedence;
  if (typeof precedence === 'number' && (precedence < 1 || precedence > MAX_MATCHING_PRECEDENCE)) {
    add('spec.matchingPrecedence', `a matching precedence of ${precedence} is not within 1–${MAX_MATCHING_PRECEDENCE}`,
      `give 1–${MAX_MATCHING_PRECEDENCE}; lower is matched first, e.g. 1000 (the built-in schemas use 1–9900)`);
  }
  list(spec.rules).forEach((rule, i) => {
    if (list(rule.subjects).length === 0) {
      add(`spec.rules[${i}].subjects`, 'the rule matches no subject', "list who it matches, e.g. [{ kind: 'Group', group: { name: 'system:authenticated' } }]");
    }
    if (list(rule.resourceRules).length === 0 && list(rule.nonResourceRules).length === 0) {
      add(`spec.rules[${i}].resourceRules`, 'the rule has neither resourceRules nor nonResourceRules, so it matches no request', "give one, e.g. resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'] }]");
    }
  });
}

/**
 * A PriorityLevelConfiguration (ValidatePriorityLevelConfigurationSpec): the settings of its own type
 * alone (limited for Limited, none but exempt for Exempt), lendable percent of 0–100, and a queued limit
 * response with its queuing, whose hand fits its queues.
 */
export function checkPriorityLevel(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const [own, other] = spec.type === 'Exempt' ? ['exempt', 'limited'] : ['limited', 'exempt'];
  if (spec.type !== 'Exempt' && spec.type !== 'Limited') {
    return; // the enum is the schema's
  }
  if (spec[other] !== undefined && spec[other] !== null) {
    add(`spec.${other}`, `a priority level of type ${String(spec.type)} takes no ${other} settings; the API server refuses them`, `move the settings to spec.${own}, or set type: ${other === 'limited' ? 'Limited' : 'Exempt'}`);
  }
  if (spec.type === 'Limited' && spec.limited === undefined) {
    add('spec.limited', 'a priority level of type Limited needs its limited settings', 'give spec.limited, e.g. { nominalConcurrencyShares: 10, limitResponse: { type: \'Reject\' } }');
  }
  const limited = fields(spec.limited);
  const lendable = limited.lendablePercent;
  if (typeof lendable === 'number' && (lendable < 0 || lendable > 100)) {
    add('spec.limited.lendablePercent', `lendablePercent ${lendable} is not within 0–100`, 'give the share of seats others may borrow, 0–100');
  }
  const response = fields(limited.limitResponse);
  const queuing = fields(response.queuing);
  if (response.type === 'Reject' && response.queuing !== undefined) {
    add('spec.limited.limitResponse.queuing', 'a Reject limit response queues nothing; the API server refuses queuing settings beside it', "drop queuing, or set type: 'Queue'");
  } else if (response.type === 'Queue' && response.queuing === undefined) {
    add('spec.limited.limitResponse.queuing', 'a Queue limit response needs its queuing settings', 'give queuing, e.g. { queues: 64, handSize: 6, queueLengthLimit: 50 }');
  } else if (typeof queuing.handSize === 'number' && typeof queuing.queues === 'number' && queuing.handSize > queuing.queues) {
    add('spec.limited.limitResponse.queuing.handSize', `a hand of ${queuing.handSize} queues is more than the ${queuing.queues} queues there are`, 'give a handSize of at most queues, e.g. 6 of 64');
  }
}

/** A CustomResourceDefinition is named `<spec.names.plural>.<spec.group>`, as the API server requires. */
export function checkCustomResourceDefinitionName(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const plural = fields(spec.names).plural;
  const name = fields(object.manifest.metadata).name;
  if (typeof plural !== 'string' || typeof spec.group !== 'string' || typeof name !== 'string') {
    return; // the schema reports a missing or mistyped field
  }
  const expected = `${plural}.${spec.group}`;
  if (name !== expected) {
    add('metadata.name', `a CustomResourceDefinition must be named <spec.names.plural>.<spec.group>, here "${expected}", not "${name}"`,
      `name it ${expected}, or change spec.names.plural or spec.group to match the name`);
  }
}

/** Fields of a PersistentVolume's spec that are not its volume source. */
const PERSISTENT_VOLUME_SETTINGS: ReadonlySet<string> = new Set([
  'accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy',
  'storageClassName', 'volumeAttributesClassName', 'volumeMode',
]);

/**
 * A PersistentVolume states its size (storage alone, above zero) and access modes (ReadWriteOncePod alone)
 * and has exactly one source: an `nfs` or `hostPath` one at a path as a pod's volume has it (see
 * `checkSourcePath`), a host path other than / where it is recycled, a `csi` one with a driver name, a
 * volume handle and Secret references that name their namespace; only a source that took it of old carries
 * the mount-options annotation; a `local` one names its node, and node affinity requires nodes by valid terms; a
 * `volumeAttributesClassName`, which Kubernetes 1.30 drops, is reported (see `checkGatedVolumeFields`). The path of an
 * NFS export the inventory reports already (`reported`) is that finding's.
 */
export function checkPersistentVolume(object: SynthesizedObject, add: AddFinding, reported: ReportedNfsSource = () => false): void {
  const spec = fields(object.manifest.spec);
  if (fields(spec.capacity).storage === undefined) {
    add('spec.capacity.storage', 'a PersistentVolume needs its size', 'set capacity.storage, e.g. 100Gi');
  }
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) {
    add('spec.accessModes', 'a PersistentVolume needs at least one access mode', 'set accessModes: [ReadWriteOnce] (or ReadWriteMany, ReadOnlyMany, ReadWriteOncePod)');
  }
  const sources = Object.keys(spec).filter((key) => !PERSISTENT_VOLUME_SETTINGS.has(key));
  if (sources.length === 0) {
    add('spec', 'a PersistentVolume needs a volume source', 'give one source, e.g. nfs: { server, path }, hostPath: { path } or csi: { driver, volumeHandle }');
  } else if (sources.length > 1) {
    add(`spec.${sources[1]}`, `the PersistentVolume has a ${sources[0]} source already; it takes one source`, 'make each source a PersistentVolume of its own');
  }
  checkPodExclusiveMode(spec.accessModes, 'spec.accessModes', add);
  checkGatedVolumeFields(spec, 'spec', add);
  checkCapacity(fields(spec.capacity), add);
  for (const source of ['nfs', 'hostPath'] as const) {
    if (spec[source] !== undefined) {
      checkSourcePath(source, fields(spec[source]), `spec.${source}`, add, reported);
    }
  }
  if (spec.hostPath !== undefined && spec.persistentVolumeReclaimPolicy === 'Recycle' && isRootPath(fields(spec.hostPath).path)) {
    add('spec.persistentVolumeReclaimPolicy', 'a PersistentVolume of the host path / may not be recycled: recycling empties the volume, here the node\'s whole filesystem',
      'use Retain, and give the volume a folder of its own, e.g. /srv/media');
  }
  if (spec.csi !== undefined) {
    const csi = fields(spec.csi);
    checkCsiDriver(csi, 'spec.csi', add);
    if (csi.volumeHandle === '') {
      add('spec.csi.volumeHandle', 'the CSI volume handle is empty; the driver finds the volume by it', 'give the id the driver knows the volume by, e.g. the name of its dataset');
    }
    for (const key of CSI_VOLUME_SECRET_FIELDS) {
      if (csi[key] !== undefined) {
        checkVolumeSecretReference(fields(csi[key]), `spec.csi.${key}`, add);
      }
    }
  }
  checkMountOptionsAnnotation(object, sources, add);
  if (spec.local !== undefined && spec.nodeAffinity === undefined) {
    add('spec.nodeAffinity', 'a local PersistentVolume needs the node its disk is on', 'set nodeAffinity.required with the node\'s kubernetes.io/hostname');
  } else if (spec.nodeAffinity !== undefined) {
    const required = fields(spec.nodeAffinity).required;
    if (required === undefined) {
      add('spec.nodeAffinity.required', 'a PersistentVolume\'s node affinity states the nodes it requires, and this one states none', 'set required.nodeSelectorTerms, e.g. on kubernetes.io/hostname, or drop nodeAffinity');
    } else {
      checkNodeSelector(fields(required), 'spec.nodeAffinity.required', add);
    }
  }
}

/**
 * A Secret a CSI PersistentVolume names (validatePVSecretReference): a cluster-scoped volume names its
 * Secret's namespace as well as its name, since no namespace of its own is there to read it from.
 */
function checkVolumeSecretReference(reference: Fields, at: string, add: AddFinding): void {
  const name = text(reference.name);
  const namespace = text(reference.namespace);
  const hint = "name the Secret and its namespace: { name: 'nfs-credentials', namespace: 'kube-system' }";
  if (name === undefined || name === '') {
    add(`${at}.name`, 'the Secret reference names no Secret; the API server refuses it', hint);
  } else {
    const problem = nameProblem(name, DNS1123_SUBDOMAIN);
    if (problem !== undefined) {
      add(`${at}.name`, `Secret name ${problem}`, `name the Secret as it is named, e.g. ${nameMeant(name, DNS1123_SUBDOMAIN) ?? 'nfs-credentials'}`);
    }
  }
  if (namespace === undefined || namespace === '') {
    add(`${at}.namespace`, 'a PersistentVolume belongs to no namespace, so its Secret reference names the namespace of the Secret; this one names none', hint);
  } else {
    const problem = nameProblem(namespace, DNS1123_LABEL);
    if (problem !== undefined) {
      add(`${at}.namespace`, `namespace ${problem}`, `give the Secret's namespace as it is named, e.g. ${nameMeant(namespace, DNS1123_LABEL) ?? 'kube-system'}`);
    }
  }
}

/** The annotation that gave a PersistentVolume its mount options before `spec.mountOptions`. */
const MOUNT_OPTIONS_ANNOTATION = 'volume.beta.kubernetes.io/mount-options';

/**
 * The volume sources whose in-tree plugins took mount options through the annotation (checkMountOption of
 * pkg/volume/validation): the API server refuses the annotation on any other, CSI, local and hostPath among them.
 */
const ANNOTATION_MOUNT_SOURCES: ReadonlySet<string> = new Set([
  'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'iscsi', 'cinder', 'cephfs',
  'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk',
]);

/** A PersistentVolume of a source other than those gives its mount options in `spec.mountOptions`. */
function checkMountOptionsAnnotation(object: SynthesizedObject, sources: readonly string[], add: AddFinding): void {
  const annotations = fields(fields(object.manifest.metadata).annotations);
  if (annotations[MOUNT_OPTIONS_ANNOTATION] === undefined || sources.length === 0 || sources.some((source) => ANNOTATION_MOUNT_SOURCES.has(source))) {
    return;
  }
  add(`metadata.annotations.${MOUNT_OPTIONS_ANNOTATION}`, `the API server refuses the mount-options annotation on a PersistentVolume of a ${sources[0]} source`,
    `drop the annotation and give the options as spec.mountOptions: [${String(annotations[MOUNT_OPTIONS_ANNOTATION]).split(',').map((option) => JSON.stringify(option.trim())).join(', ')}]`);
}

/** A PersistentVolume's capacity (ValidatePersistentVolumeSpec): its storage alone, above zero. */
function checkCapacity(capacity: Fields, add: AddFinding): void {
  for (const resource in capacity) {
    const size = quantityValue(capacity[resource]);
    if (resource !== 'storage') {
      add(`spec.capacity.${resource}`, `a PersistentVolume's capacity is its storage, not ${resource}`, `drop ${resource}, and give the size as capacity.storage`);
    } else if (size !== undefined && size <= 0) {
      add('spec.capacity.storage', `a PersistentVolume of ${String(capacity[resource])} holds nothing; the API server takes a capacity above zero`, 'give the volume\'s size, e.g. 100Gi');
    }
  }
}

/** Whether a host path is the node's root folder, as Go's path.Clean sees it. */
function isRootPath(path: unknown): boolean {
  return typeof path === 'string' && path.startsWith('/') && path.split('/').every((part) => part === '' || part === '.');
}

/** The types of LimitRange item the API server knows without a domain. */
const LIMIT_TYPES: readonly string[] = ['Container', 'Pod', 'PersistentVolumeClaim'];

/** The order a LimitRange's values must keep, each pair as (lower, higher). */
const LIMIT_ORDER: ReadonlyArray<readonly [string, string]> = [
  ['min', 'max'], ['min', 'defaultRequest'], ['min', 'default'], ['defaultRequest', 'max'], ['default', 'max'], ['defaultRequest', 'default'],
];

/**
 * A LimitRange's items are of a type it knows, one item of each type (a claim's with a storage min or max, a container's or
 * pod's of container resources), keep min ≤
 * defaultRequest ≤ default ≤ max for every resource, a `maxLimitRequestRatio` of at least 1 and at most
 * max/min, and give pods no defaults.
 */
export function checkLimitRange(object: SynthesizedObject, add: AddFinding): void {
  const typesSeen = new Map<string, number>();
  list(fields(object.manifest.spec).limits).forEach((limit, i) => {
    const type = text(limit.type);
    if (type !== undefined && typesSeen.has(type)) {
      add(`spec.limits[${i}].type`, `limits[${typesSeen.get(type)}] is of type ${type} already; a LimitRange has one item of each type`,
        `merge the two ${type} items into one (each value names its resources: max: { cpu: '2', memory: 4Gi })`);
    } else if (type !== undefined) {
      typesSeen.set(type, i);
    }
    if (type !== undefined && !LIMIT_TYPES.includes(type) && !type.includes('/')) {
      add(`spec.limits[${i}].type`, `limit type ${JSON.stringify(type)} is none the API server knows`, `use one of ${LIMIT_TYPES.join(', ')}`);
    }
    if (type === 'PersistentVolumeClaim' && fields(limit.min).storage === undefined && fields(limit.max).storage === undefined) {
      add(`spec.limits[${i}].max.storage`, 'a limit of type PersistentVolumeClaim needs a min or max of storage', 'set max: { storage: 10Gi } (or min)');
    }
    if (type === 'Container' || type === 'Pod') {
      checkContainerResourceNames(limit, `spec.limits[${i}]`, add);
    }
    if (limit.type === 'Pod') {
      for (const key of ['default', 'defaultRequest'] as const) {
        if (limit[key] !== undefined) {
          add(`spec.limits[${i}].${key}`, `a limit of type Pod takes no ${key}`, 'give defaults to type Container instead');
        }
      }
    }
    for (const { lower, higher, resource } of limitOrderProblems(limit)) {
      add(`spec.limits[${i}].${lower}.${resource}`, `${lower} ${String(fields(limit[lower])[resource])} of ${resource} is above ${higher} ${String(fields(limit[higher])[resource])}`,
        `keep min ≤ defaultRequest ≤ default ≤ max for ${resource}`);
    }
    for (const { resource, message, hint } of limitRatioProblems(limit)) {
      add(`spec.limits[${i}].maxLimitRequestRatio.${resource}`, message, hint);
    }
  });
}

/** The values of a LimitRange item: each names resources, as `max: { memory: 1Gi }`. */
const LIMIT_VALUES: readonly string[] = ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

/** A Container or Pod item limits resources a container can have (validateContainerResourceName). */
function checkContainerResourceNames(limit: Fields, at: string, add: AddFinding): void {
  for (const key of LIMIT_VALUES) {
    for (const resource of Object.keys(fields(limit[key]))) {
      if (!isContainerResourceName(resource)) {
        add(`${at}.${key}.${resource}`, `"${resource}" is no resource of a container (cpu, memory, ephemeral-storage, hugepages-<size>, or one with its domain)`,
          resource === 'storage' ? 'limit the size of claims in an item of type PersistentVolumeClaim' : 'name a container resource, e.g. cpu or memory');
      }
    }
  }
}

/**
 * The ratios of one LimitRange item the API server refuses (ValidateLimitRange): one below 1, which no
 * container meets as its request may not exceed its limit, and one above max/min, which min and max
 * already keep every container within. Pure.
 */
export function limitRatioProblems(limit: Fields): Array<{ readonly resource: string; readonly message: string; readonly hint: string }> {
  const ratios = fields(limit.maxLimitRequestRatio);
  const [min, max] = [fields(limit.min), fields(limit.max)];
  const problems: Array<{ resource: string; message: string; hint: string }> = [];
  for (const resource in ratios) {
    const ratio = quantityValue(ratios[resource]);
    const [low, high] = [quantityValue(min[resource]), quantityValue(max[resource])];
    if (ratio !== undefined && ratio < 1) {
      problems.push({ resource, message: `a limit-to-request ratio of ${String(ratios[resource])} for ${resource} is below 1, which the API server refuses`, hint: 'give a ratio of 1 (limit equal to the request) or more' });
    } else if (ratio !== undefined && low !== undefined && high !== undefined && low > 0 && ratio > high / low) {
      problems.push({
        resource, message: `a limit-to-request ratio of ${String(ratios[resource])} for ${resource} is above max/min (${String(max[resource])}/${String(min[resource])}), which the API server refuses`,
        hint: `give a ratio of at most ${Math.floor((high / low) * 1000) / 1000}, or widen min and max`,
      });
    }
  }
  return problems;
}

/** A `Container` item of a LimitRange as the API server stores it. */
export interface ContainerLimits {
  /** The least a container's request and limit may be, by resource. */
  readonly min: Fields;
  /** The most a container's request and limit may be, by resource. */
  readonly max: Fields;
  /** The limit a container that states none gets. */
  readonly default: Fields;
  /** The request a container that states none gets. */
  readonly defaultRequest: Fields;
  /** The most a container's limit may be as a multiple of its request, by resource. */
  readonly maxLimitRequestRatio: Fields;
}

/**
 * A `Container` item with the defaults the API server fills in when it stores the LimitRange
 * (SetDefaults_LimitRangeItem): the default limit is `max` where none is given, the default request is the
 * default limit, else `min`. Pure.
 */
export function containerLimitsOf(limit: Fields): ContainerLimits {
  const min = fields(limit.min);
  const max = fields(limit.max);
  const defaultLimit = { ...max, ...fields(limit.default) };
  return { min, max, default: defaultLimit, defaultRequest: { ...min, ...defaultLimit, ...fields(limit.defaultRequest) }, maxLimitRequestRatio: fields(limit.maxLimitRequestRatio) };
}

/** The values of one LimitRange item that break min ≤ defaultRequest ≤ default ≤ max, each as (lower, higher, resource). Pure. */
export function limitOrderProblems(limit: Fields): Array<{ readonly lower: string; readonly higher: string; readonly resource: string }> {
  const problems: Array<{ lower: string; higher: string; resource: string }> = [];
  for (const [lower, higher] of LIMIT_ORDER) {
    const low = fields(limit[lower]);
    const high = fields(limit[higher]);
    for (const resource in low) {
      const [a, b] = [quantityValue(low[resource]), quantityValue(high[resource])];
      if (a !== undefined && b !== undefined && a > b) {
        problems.push({ lower, higher, resource });
      }
    }
  }
  return problems;
}

/** Data keys a Secret of a built-in type must hold: all of them, or (`anyOf`) at least one. */
const SECRET_TYPE_KEYS: Readonly<Record<string, { readonly keys: readonly string[]; readonly anyOf?: boolean }>> = {
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], anyOf: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'] },
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'] },
};

/** Kubernetes' own Secret types. */
const BUILT_IN_SECRET_TYPES: readonly string[] = ['Opaque', ...Object.keys(SECRET_TYPE_KEYS), 'kubernetes.io/service-account-token', 'bootstrap.kubernetes.io/token'];

/** A type as a person may misspell it: no prefix, no case, no punctuation (`dockerconfigjson`, `TLS`, `basic_auth`). */
const bareSecretType = (type: string) => type.toLowerCase().replace(/^[a-z0-9.-]*\//, '').replace(/[^a-z0-9]/g, '');

/**
 * The problem of a Secret `type` that is one of Kubernetes' own written another way (`dockerconfigjson`,
 * `tls`, `opaque`, `kubernetes.io/docker-config-json`): the API server takes any other text as a type of
 * the user's own, and what reads Secrets of the built-in type passes this one over (the kubelet pulls images
 * with `kubernetes.io/dockerconfigjson` Secrets alone), without a word. Pure.
 */
export function secretTypeProblem(type: unknown): { message: string; hint: string } | undefined {
  if (typeof type !== 'string' || BUILT_IN_SECRET_TYPES.includes(type)) {
    return undefined;
  }
  const meant = BUILT_IN_SECRET_TYPES.find((known) => bareSecretType(known) === bareSecretType(type));
  return meant === undefined ? undefined : {
    message: `type "${type}" is not Kubernetes' type ${meant}: the API server takes it as a type of your own, and what reads Secrets of type ${meant} passes this one over`,
    hint: `write the type as Kubernetes spells it: type: '${meant}'`,
  };
}

/** A Secret of a built-in type holds the keys its type requires, in `data` or `stringData`; a token Secret names its ServiceAccount. */
export function checkSecretType(object: SynthesizedObject, add: AddFinding): void {
  const misspelt = secretTypeProblem(object.manifest.type);
  if (misspelt) {
    add('type', misspelt.message, misspelt.hint);
  }
  const data = fields(object.manifest.data);
  const stringData = fields(object.manifest.stringData);
  for (const key of Object.keys(stringData)) {
    // The API server writes stringData over data key by key, without a word: one of the two values is lost.
    if (data[key] !== undefined) {
      add(`stringData.${key}`, `key "${key}" is in both data and stringData; the API server keeps the stringData value and drops the data one without a word`,
        `keep one value for ${key}: drop it from data or from stringData${object.manifest.sops !== undefined ? ' (decrypt the file, edit it and encrypt it again)' : ''}`);
    }
  }
  const missing = missingTypedKeys(object.manifest.type, (key) => data[key] !== undefined || stringData[key] !== undefined);
  if (missing) {
    add('data', `a Secret of type ${String(object.manifest.type)} needs ${missing}`, object.generator !== undefined
      // Generated from a dotenv file: each key is a KEY=VALUE line of it.
      ? `add ${missing} to the dotenv file as KEY=VALUE lines (edit it with \`sops\`, which encrypts them; a certificate or key as one line, its line breaks written \\n), or drop the type`
      : `add ${missing} to data, or drop the type`);
  }
  if (object.manifest.type === 'kubernetes.io/service-account-token' && !text(fields(fields(object.manifest.metadata).annotations)[SERVICE_ACCOUNT_ANNOTATION])) {
    add(`metadata.annotations.${SERVICE_ACCOUNT_ANNOTATION}`, 'a Secret of type kubernetes.io/service-account-token needs the name of its ServiceAccount',
      `set the annotation ${SERVICE_ACCOUNT_ANNOTATION} to the ServiceAccount's name; the token controller fills in the token`);
  }
}

/** The annotation naming the ServiceAccount a token Secret is for. */
const SERVICE_ACCOUNT_ANNOTATION = 'kubernetes.io/service-account.name';

/**
 * The keys a Secret of built-in `type` lacks, as a phrase (`tls.crt and tls.key`, `one of username,
 * password`), or undefined when it has them or the type requires none. Pure.
 */
export function missingTypedKeys(type: unknown, has: (key: string) => boolean): string | undefined {
  const required = typeof type === 'string' ? SECRET_TYPE_KEYS[type] : undefined;
  if (required === undefined) {
    return undefined;
  }
  const present = required.keys.filter(has);
  const missing = required.anyOf ? (present.length > 0 ? [] : required.keys) : required.keys.filter((key) => !present.includes(key));
  return missing.length === 0 ? undefined : required.anyOf ? `one of ${missing.join(', ')}` : missing.join(' and ');
}
