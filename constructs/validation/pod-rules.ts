import { DNS1123_LABEL, DNS1123_SUBDOMAIN, LABEL_VALUE, nameMeant, nameProblem } from './dns-names';
import { windowsFolderProblem } from './windows-folders';
import { AddFinding, fields, Fields, forEachRepeatedKey, list, text } from './manifest';
import { checkAppArmorAnnotations } from './apparmor-annotations';
import { checkPodSpecificAnnotations } from './pod-annotations';
import type { PodTemplate } from './pod-spec';
import { isIpAddress } from './schema/formats';
import { checkAffinity } from './affinity-rules';
import { checkClaimSpec } from './claim-rules';
import { quantityValue } from './quantity';
import { checkLabelSelector, checkSelectorMap } from './selector-rules';
import { duplicateSysctlProblem, hostNamespaceSysctlProblem, nodeSysctlProblem, sysctlNameProblem } from './sysctl-rules';
import { checkResourceFieldRef } from './resource-field-refs';
import type { ReportedNfsSource } from './reported-nfs-exports';
import { metadataKeyProblem, qualifiedNameProblem } from './syntax';

/** Most nameservers and search domains a pod's own DNS configuration may list. */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
/** The most characters the search domains may take, with one space between each two (the resolver's limit). */
const MAX_SEARCH_LIST_CHARS = 2048;
/** The highest file mode a mounted key may have: 0777. */
const MAX_FILE_MODE = 0o777;
/** Volume sources whose files are listed as `items`, each written at a `path` inside the volume. */
const ITEM_SOURCES = ['configMap', 'secret', 'downwardAPI'] as const;

/**
 * What the API server rejects in a pod spec's own fields although the schema allows it: a volume with
 * several sources, file paths of a volume's items that leave the volume, a projected volume's sources of two
 * kinds, files it writes twice or a token it holds for less than 10 minutes, host paths that climb with `..`
 * and NFS paths that are not absolute or climb with `..` (a relative host path is a warning), file modes
 * above 0777, tolerations that contradict their operator or effect, a DNS policy of `None` without
 * nameservers, more than 3 nameservers or 32 search domains, search domains that are no DNS names or take
 * more than 2048 characters, a resolver option without a name, a sysctl name that is none, set twice, or of
 * a host namespace the pod shares, a downwardAPI file that reads a resource the API server refuses (see
 * `checkResourceFieldRef`), a host name that is no RFC 1123 label, a node name that is no DNS name, a
 * readiness gate whose condition type is no qualified name, two spread constraints on one key and action,
 * spread label keys that are no label keys or that the labelSelector selects on already, a process namespace
 * shared among the containers of a pod on the host's, a service account name that is no DNS subdomain, an
 * AppArmor annotation the API server refuses (see `checkAppArmorAnnotations`), a pod deletion cost or mirror-pod
 * annotation it refuses (see `checkPodSpecificAnnotations`), an emptyDir size limit below zero or a medium the kubelet
 * does not know (which the API server stores, the pod then never starting), an ephemeral claim
 * template with metadata beyond labels and annotations or a claim spec the API server refuses (see
 * `checkClaimSpec`), a CSI driver that is no driver name, scheduling gates that are no qualified names or
 * listed twice or beside a nodeName, a priority or preemption policy written without a PriorityClass (see
 * `checkPriorityFields`), a projected ConfigMap or Secret source without its name, affinity terms the API
 * server refuses (see `checkAffinity`), no container, ephemeral
 * containers (which only `kubectl debug` adds to a running pod), a node selector whose keys or values are no
 * label keys or values, a PriorityClass or RuntimeClass name that is no DNS subdomain, a spread constraint
 * without its topology key or with a label selector the API server refuses, a claim volume that names no
 * claim, an NFS volume without its server, a host path volume without its path, and a downwardAPI file that
 * reads a pod field a volume cannot hold. An NFS source of an export whose path the inventory reports
 * (`reported`) is left to that finding. Pure: reports through `add`.
 */
export function checkPodFields(template: PodTemplate, add: AddFinding, reported: ReportedNfsSource = () => false): void {
  const spec = template.spec;
  const path = template.specPath;
  if (Array.isArray(spec.containers) && spec.containers.length === 0) {
    add(`${path}.containers`, 'a pod needs at least one container', 'give the pod template its container');
  }
  if (list(spec.ephemeralContainers).length > 0) {
    add(`${path}.ephemeralContainers`, 'ephemeral containers are added to a running pod (kubectl debug); the API server refuses them in a manifest',
      'move the container to containers (or to initContainers with restartPolicy: Always as a sidecar), or run kubectl debug when you need it');
  }
  if (spec.nodeSelector !== undefined) {
    checkSelectorMap(spec.nodeSelector, `${path}.nodeSelector`, add);
  }
  for (const [key, kind] of [['priorityClassName', 'PriorityClass'], ['runtimeClassName', 'RuntimeClass']] as const) {
    const name = text(spec[key]);
    // An empty priorityClassName means none; a runtimeClassName, once written, names a class.
    const problem = name === undefined || (name === '' && key === 'priorityClassName') ? undefined : nameProblem(name, DNS1123_SUBDOMAIN);
    if (problem) {
      add(`${path}.${key}`, `${kind} name ${problem}`, `name the ${kind} as it is named (kubectl get ${kind.toLowerCase()}es), in lower case, e.g. ${nameMeant(name as string, DNS1123_SUBDOMAIN) ?? (key === 'priorityClassName' ? 'lab-critical' : 'nvidia')}`);
    }
  }
  const volumes = list(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    checkVolume(volumes[i], `${path}.volumes[${i}]`, template, add, reported);
  }
  checkTolerations(spec.tolerations, `${path}.tolerations`, add);
  if (spec.dnsPolicy !== undefined || spec.dnsConfig !== undefined) {
    checkDns(spec, path, add);
  }
  forEachRepeatedKey(list(spec.hostAliases), (alias) => text(alias.ip), (i, first, ip) => {
    add(`${path}.hostAliases[${i}].ip`, `address ${ip} has hostAliases[${first}] already; server-side apply refuses an address twice in hostAliases`,
      `list all the names of ${ip} in the hostnames of hostAliases[${first}]`);
  });
  forEachRepeatedKey(list(spec.imagePullSecrets), (secret) => text(secret.name), (i, first, name) => {
    add(`${path}.imagePullSecrets[${i}].name`, `pull Secret "${name}" is listed by imagePullSecrets[${first}] already; server-side apply refuses a Secret listed twice`,
      'list each pull Secret once');
  });
  list(spec.hostAliases).forEach((alias, i) => {
    if (typeof alias.ip !== 'string' || !isIpAddress(alias.ip)) {
      add(`${path}.hostAliases[${i}].ip`, `${JSON.stringify(alias.ip)} is not an IP address`, 'give the address the names resolve to, e.g. 192.168.1.20');
    }
    (Array.isArray(alias.hostnames) ? alias.hostnames : []).forEach((name: unknown, n: number) => {
      const problem = typeof name === 'string' ? nameProblem(name, DNS1123_SUBDOMAIN) : undefined;
      if (problem) {
        add(`${path}.hostAliases[${i}].hostnames[${n}]`, problem, 'use a lower-case DNS name, e.g. nas.lab.example');
      }
    });
  });
  const spreads = list(spec.topologySpreadConstraints);
  spreads.forEach((constraint, i) => {
    const twin = typeof constraint.topologyKey === 'string' && typeof constraint.whenUnsatisfiable === 'string'
      ? spreads.findIndex((other) => other.topologyKey === constraint.topologyKey && other.whenUnsatisfiable === constraint.whenUnsatisfiable) : i;
    if (twin < i) {
      add(`${path}.topologySpreadConstraints[${i}]`, `constraints [${twin}] and [${i}] both spread over ${String(constraint.topologyKey)} with ${String(constraint.whenUnsatisfiable)}; the API server takes one per key and action`,
        'merge them into one constraint (one maxSkew), or make one ScheduleAnyway');
    }
    if (typeof constraint.maxSkew === 'number' && constraint.maxSkew < 1) {
      add(`${path}.topologySpreadConstraints[${i}].maxSkew`, `maxSkew ${constraint.maxSkew} is below 1`, 'allow a skew of at least 1');
    }
    if (typeof constraint.minDomains === 'number' && (constraint.minDomains < 1 || constraint.whenUnsatisfiable !== 'DoNotSchedule')) {
      add(`${path}.topologySpreadConstraints[${i}].minDomains`, 'minDomains is at least 1, and only for whenUnsatisfiable DoNotSchedule',
        'drop minDomains, or set whenUnsatisfiable: DoNotSchedule');
    }
    if (constraint.topologyKey === '') {
      add(`${path}.topologySpreadConstraints[${i}].topologyKey`, 'the topology key is empty; the API server refuses a spread constraint without one',
        'name the node label that groups nodes, e.g. kubernetes.io/hostname (one per node) or topology.kubernetes.io/zone');
    }
    checkLabelSelector(constraint.labelSelector, `${path}.topologySpreadConstraints[${i}].labelSelector`, add);
    checkMatchLabelKeys(constraint, `${path}.topologySpreadConstraints[${i}]`, add);
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    add(`${path}.shareProcessNamespace`, "the pod shares the host's process namespace (hostPID), so it has none of its own to share among its containers; the API server refuses shareProcessNamespace beside hostPID",
      'drop shareProcessNamespace: on hostPID the containers see each other\'s processes already');
  }
  checkAppArmorAnnotations(template, add);
  checkPodSpecificAnnotations(template, add);
  const account = text(spec.serviceAccountName);
  const accountProblem = account === undefined || account === '' ? undefined : nameProblem(account, DNS1123_SUBDOMAIN);
  if (accountProblem) {
    add(`${path}.serviceAccountName`, `service account name ${accountProblem}`, `name the ServiceAccount as it is named, in lower case, e.g. ${nameMeant(account as string, DNS1123_SUBDOMAIN) ?? 'backup-reader'}`);
  }
  const sysctls = list(fields(spec.securityContext).sysctls);
  sysctls.forEach((sysctl, i) => {
    const name = text(sysctl.name);
    const problem = name === undefined ? undefined : sysctlNameProblem(name) ?? duplicateSysctlProblem(sysctls, i) ?? nodeSysctlProblem(name, typeof sysctls[i].value === 'string' ? sysctls[i].value as string : undefined) ?? hostNamespaceSysctlProblem(name, spec.hostNetwork === true, spec.hostIPC === true);
    if (problem) {
      add(`${path}.securityContext.sysctls[${i}].name`, problem.message, problem.hint);
    }
  });
  checkAffinity(fields(spec.affinity), `${path}.affinity`, add);
  const nodeName = text(spec.nodeName);
  const nodeNameProblem = nodeName === undefined || nodeName === '' ? undefined : nameProblem(nodeName, DNS1123_SUBDOMAIN);
  if (nodeNameProblem) {
    add(`${path}.nodeName`, `node name ${nodeNameProblem}`, 'give the node\'s name as kubectl get nodes lists it (lower case), or pin with a nodeSelector on kubernetes.io/hostname');
  }
  list(spec.readinessGates).forEach((gate, i) => {
    const problem = typeof gate.conditionType === 'string' ? qualifiedNameProblem(gate.conditionType) : undefined;
    if (problem) {
      add(`${path}.readinessGates[${i}].conditionType`, `readiness gate condition type: ${problem}`, 'name the condition like a label key, e.g. target-health.elbv2.k8s.aws/web');
    }
  });
  for (const key of ['hostname', 'subdomain'] as const) {
    const value = text(spec[key]);
    const problem = value === undefined ? undefined : nameProblem(value, DNS1123_LABEL);
    if (problem) {
      add(`${path}.${key}`, problem, "use lower-case letters, digits and '-', at most 63");
    }
  }
  checkSchedulingGates(spec.schedulingGates, `${path}.schedulingGates`, add);
  if (list(spec.schedulingGates).length > 0 && (text(spec.nodeName) ?? '') !== '') {
    add(`${path}.nodeName`, 'the pod is bound to a node and held back by scheduling gates at once; the API server refuses a nodeName until every gate is cleared',
      'drop nodeName and pin the pod with a nodeSelector on kubernetes.io/hostname, which the scheduler honours once the gates are lifted');
  }
}

/** What the Priority admission plugin writes into a pod of a PriorityClass: the class's value and preemption policy. */
export interface AdmittedPriority {
  /** The class's name; undefined for a pod of no class where no class is the global default. */
  readonly name?: string;
  /** The priority it gives its pods. */
  readonly value: number;
  /** Its preemption policy (PreemptLowerPriority unless it says Never). */
  readonly preemptionPolicy: string;
}

/** The PriorityClasses a cluster knows by name (its own and Kubernetes'), and the one marked globalDefault. */
export interface KnownPriorityClasses {
  /** Each class by name. */
  readonly byName: ReadonlyMap<string, AdmittedPriority>;
  /** What a pod of no priorityClassName gets: the globalDefault class's, else priority 0. */
  readonly fallback: AdmittedPriority;
}

/**
 * A pod's priority and preemption policy, which the Priority admission plugin writes from its PriorityClass (the
 * globalDefault one for a pod that names none, else priority 0 and PreemptLowerPriority): written by hand, they
 * must be what it computes, or it refuses each such pod. A class the cluster does not know is left to the check
 * of provided classes.
 */
export function checkPriorityFields(spec: Fields, path: string, classes: KnownPriorityClasses, add: AddFinding): void {
  const named = text(spec.priorityClassName) ?? '';
  const admitted = named === '' ? classes.fallback : classes.byName.get(named);
  if (admitted === undefined) {
    return;
  }
  const from = admitted.name === undefined ? 'for a pod of no priorityClassName' : `from PriorityClass ${admitted.name}`;
  if (typeof spec.priority === 'number' && spec.priority !== admitted.value) {
    add(`${path}.priority`, `priority ${spec.priority} is written by hand, and the Priority admission computes ${admitted.value} ${from}; it refuses such a pod`,
      named === '' ? 'drop priority and name a PriorityClass of that value by priorityClassName' : `drop priority: the pod takes ${admitted.value} from its class`);
  }
  if (typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== admitted.preemptionPolicy) {
    add(`${path}.preemptionPolicy`, `preemptionPolicy ${spec.preemptionPolicy} is written by hand, and the Priority admission computes ${admitted.preemptionPolicy} ${from}; it refuses such a pod`,
      named === '' ? `drop preemptionPolicy and name a PriorityClass of preemptionPolicy: ${spec.preemptionPolicy} by priorityClassName`
        : `drop preemptionPolicy: the pod takes ${admitted.preemptionPolicy} from its class (set it on the PriorityClass)`);
  }
}

/**
 * Scheduling gates (validateSchedulingGates): each named like a label key, and each once, as the
 * controller that lifts a gate removes it by its name.
 */
function checkSchedulingGates(gates: unknown, at: string, add: AddFinding): void {
  const seen = new Set<string>();
  list(gates).forEach((gate, i) => {
    const name = text(gate.name);
    if (name === undefined) {
      return;
    }
    const problem = qualifiedNameProblem(name);
    if (problem) {
      add(`${at}[${i}].name`, `scheduling gate name: ${problem}`, 'name the gate like a label key, e.g. lab.example/restore-done');
    } else if (seen.has(name)) {
      add(`${at}[${i}].name`, `scheduling gate "${name}" is listed twice; the API server refuses a gate listed twice`, 'list each gate once');
    }
    seen.add(name);
  });
}

/** The longest name a CSI driver may have (ValidateCSIDriverName). */
const MAX_CSI_DRIVER_LENGTH = 63;

/**
 * The CSI driver of an inline CSI volume or a PersistentVolume at `at` (ValidateCSIDriverName): named, in at
 * most 63 characters, as a DNS subdomain in any letter case.
 */
export function checkCsiDriver(csi: Fields, at: string, add: AddFinding): void {
  const driver = csi.driver;
  if (typeof driver !== 'string') {
    return; // the schema requires a string
  }
  const problem = driver === '' ? 'the CSI driver is not named'
    : driver.length > MAX_CSI_DRIVER_LENGTH ? `CSI driver "${driver}" is ${driver.length} characters long; a driver's name has at most ${MAX_CSI_DRIVER_LENGTH}`
      : nameProblem(driver.toLowerCase(), DNS1123_SUBDOMAIN);
  if (problem) {
    add(`${at}.driver`, problem, 'name the driver as it registers itself (kubectl get csidrivers), e.g. secrets-store.csi.k8s.io');
  }
}

/** The only metadata an ephemeral volume's claim template may carry (ValidateTemplateObjectMeta): the rest is the API server's to set. */
const CLAIM_TEMPLATE_METADATA: ReadonlySet<string> = new Set(['labels', 'annotations']);

/**
 * An ephemeral volume's claim template: metadata of labels and annotations only, of keys and values the API server takes (the claim is named
 * `<pod>-<volume>` by Kubernetes) and a claim spec the API server takes (see `checkClaimSpec`).
 */
function checkEphemeral(ephemeral: Fields, at: string, add: AddFinding): void {
  if (ephemeral.volumeClaimTemplate === undefined) {
    // The schema leaves it optional; validateEphemeralVolumeSource requires it, as the claim is made from it.
    add(`${at}.volumeClaimTemplate`, 'an ephemeral volume without its volumeClaimTemplate has no claim to make; the API server refuses it',
      "give the claim it makes: volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } } }, or use emptyDir: {} for scratch space");
    return;
  }
  const template = fields(ephemeral.volumeClaimTemplate);
  const metadata = fields(template.metadata);
  for (const key in metadata) {
    if (!CLAIM_TEMPLATE_METADATA.has(key) && metadata[key] !== null && metadata[key] !== '') {
      add(`${at}.volumeClaimTemplate.metadata.${key}`, `an ephemeral volume's claim template takes labels and annotations in its metadata, not ${key}; the API server refuses it`,
        key === 'name' ? "drop the name: Kubernetes names the claim <pod name>-<volume name>" : `drop ${key}: Kubernetes sets it on the claim it makes`);
    }
  }
  checkClaimTemplateMaps(metadata, `${at}.volumeClaimTemplate.metadata`, add);
  if (template.spec !== undefined) {
    checkClaimSpec(fields(template.spec), `${at}.volumeClaimTemplate.spec`, add);
  }
}

/**
 * The labels and annotations of an ephemeral volume's claim template, which the API server checks as it checks an
 * object's own (ValidateTemplateObjectMeta) and refuses the pod for: keys that are no qualified names, label values
 * that are none. The claim carries them, so a key that no claim could carry fails the Deployment itself.
 */
function checkClaimTemplateMaps(metadata: Fields, at: string, add: AddFinding): void {
  for (const map of ['labels', 'annotations'] as const) {
    const entries = fields(metadata[map]);
    for (const key in entries) {
      const value = entries[key];
      const problem = metadataKeyProblem(key, map) ?? (map === 'labels' && typeof value === 'string' ? nameProblem(value, LABEL_VALUE) : undefined);
      if (problem) {
        add(`${at}.${map}.${key}`, `the claim template's ${map === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(key)}: ${problem}; the API server refuses the pod`,
          map === 'labels' && metadataKeyProblem(key, map) === undefined ? LABEL_VALUE.hint ?? ''
            : 'write keys as [prefix/]name: an optional lower-case DNS prefix and a name of letters, digits, - _ . (e.g. app.kubernetes.io/name)');
      }
    }
  }
}

/**
 * A spread constraint's `matchLabelKeys` are label keys the labelSelector does not select on already
 * (validateMatchLabelKeysInTopologySpread): the scheduler adds each key with the pod's own value to the
 * selector, so a key in both would be selected on twice. Keys with no labelSelector at all are refused
 * too: they only narrow a selector, and there is none to narrow.
 */
function checkMatchLabelKeys(constraint: Fields, at: string, add: AddFinding): void {
  const keys = Array.isArray(constraint.matchLabelKeys) ? constraint.matchLabelKeys : [];
  if (keys.length > 0 && (constraint.labelSelector === undefined || constraint.labelSelector === null)) {
    add(`${at}.matchLabelKeys`, 'matchLabelKeys is given without a labelSelector; the API server refuses it, as the keys only narrow the selector',
      'add a labelSelector that selects these pods (e.g. matchLabels: { app: web }), or drop matchLabelKeys');
    return;
  }
  const selector = fields(constraint.labelSelector);
  const selected = new Set([...Object.keys(fields(selector.matchLabels)), ...list(selector.matchExpressions).map((e) => e.key)]);
  keys.forEach((key: unknown, k: number) => {
    if (typeof key !== 'string') {
      return;
    }
    const problem = qualifiedNameProblem(key);
    if (problem) {
      add(`${at}.matchLabelKeys[${k}]`, `matchLabelKeys: ${problem}`, 'give label keys of the pods, e.g. pod-template-hash');
    } else if (selected.has(key)) {
      add(`${at}.matchLabelKeys[${k}]`, `label key "${key}" is in matchLabelKeys and in the labelSelector; the API server refuses it in both`,
        `drop "${key}" from matchLabelKeys (the labelSelector selects on it); matchLabelKeys is for keys whose value differs between rollouts, e.g. pod-template-hash`);
    }
  });
}

function checkVolume(volume: Fields, path: string, template: PodTemplate, add: AddFinding, reported: ReportedNfsSource): void {
  let first: string | undefined;
  for (const key in volume) {
    if (key === 'name') {
      continue;
    }
    if (first !== undefined) {
      add(`${path}.${key}`, `the volume has a ${first} source already; a volume has one source`, `make ${key} a volume of its own`);
      return;
    }
    first = key;
  }
  if (first === 'projected') {
    checkProjected(fields(volume.projected), `${path}.projected`, template, add);
  } else if (first === 'hostPath' || first === 'nfs') {
    checkSourcePath(first, fields(volume[first]), `${path}.${first}`, add, reported);
  } else if (first === 'emptyDir') {
    const emptyDir = fields(volume.emptyDir);
    const limit = emptyDir.sizeLimit;
    if ((quantityValue(limit) ?? 0) < 0) {
      add(`${path}.emptyDir.sizeLimit`, `sizeLimit ${String(limit)} is below zero`, 'give the most the volume may hold, e.g. 1Gi, or drop sizeLimit');
    }
    const medium = emptyDir.medium;
    if (medium !== undefined && !isEmptyDirMedium(medium)) {
      add(`${path}.emptyDir.medium`, `the kubelet knows no storage medium ${JSON.stringify(medium)}: the API server stores it, and the pod then never starts ("unknown storage medium")`,
        "drop medium for the node's disk, or write Memory (a tmpfs), HugePages or HugePages-<page size>, e.g. HugePages-2Mi");
    }
  } else if (first === 'ephemeral') {
    checkEphemeral(fields(volume.ephemeral), `${path}.ephemeral`, add);
  } else if (first === 'csi') {
    checkCsiDriver(fields(volume.csi), `${path}.csi`, add);
  } else if (first === 'persistentVolumeClaim' && fields(volume.persistentVolumeClaim).claimName === '') {
    add(`${path}.persistentVolumeClaim.claimName`, 'the claim name is empty; the API server refuses a claim volume that names no claim',
      'give the name of the PersistentVolumeClaim to mount, e.g. data');
  } else if (first !== undefined && (ITEM_SOURCES as readonly string[]).includes(first)) {
    const source = fields(volume[first]);
    checkMode(source.defaultMode, `${path}.${first}.defaultMode`, add);
    checkItems(source, `${path}.${first}`, first === 'downwardAPI' ? template : undefined, add);
  }
}

/** The media the kubelet backs an emptyDir with: the node's disk (''), a tmpfs, or huge pages of one size or the pod's. */
function isEmptyDirMedium(medium: unknown): boolean {
  if (medium === '' || medium === 'Memory' || medium === 'HugePages') {
    return true;
  }
  return typeof medium === 'string' && medium.startsWith(HUGE_PAGES_MEDIUM_PREFIX) && (quantityValue(medium.slice(HUGE_PAGES_MEDIUM_PREFIX.length)) ?? 0) > 0;
}

/** What an emptyDir medium of huge pages of one size starts with, before the page size (e.g. `HugePages-2Mi`). */
const HUGE_PAGES_MEDIUM_PREFIX = 'HugePages-';

/** What a projected volume's sources may be: `serviceAccountToken` and `clusterTrustBundle` besides the sources with items. */
const PROJECTED_SOURCES = [...ITEM_SOURCES, 'serviceAccountToken', 'clusterTrustBundle'] as const;
/** The shortest and longest lifetime the API server takes for a projected service account token, in seconds. */
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

/**
 * A projected volume: each source of one kind, items as in other volumes, no file path written by two
 * items (of one source or of two), and a service account token valid for 10 minutes to 2^32 seconds at a
 * path inside the volume.
 */
function checkProjected(projected: Fields, path: string, template: PodTemplate, add: AddFinding): void {
  checkMode(projected.defaultMode, `${path}.defaultMode`, add);
  const written = new Set<string>();
  list(projected.sources).forEach((source, s) => {
    const at = `${path}.sources[${s}]`;
    const kinds = PROJECTED_SOURCES.filter((kind) => source[kind] !== undefined);
    if (kinds.length > 1) {
      add(at, `the source has ${kinds.join(' and ')}; each source of a projected volume is of one kind`, `make ${kinds.slice(1).join(' and ')} a source of its own`);
    }
    for (const kind of ['configMap', 'secret'] as const) {
      if (source[kind] !== undefined && (text(fields(source[kind]).name) ?? '') === '') {
        add(`${at}.${kind}.name`, `the ${kind} source names no ${kind === 'secret' ? 'Secret' : 'ConfigMap'}; the API server refuses a projected source without its name`,
          `give the name of the ${kind === 'secret' ? 'Secret' : 'ConfigMap'} whose keys the volume holds`);
      }
    }
    for (const kind of ITEM_SOURCES) {
      if (source[kind] !== undefined) {
        checkItems(fields(source[kind]), `${at}.${kind}`, kind === 'downwardAPI' ? template : undefined, add);
        list(fields(source[kind]).items).forEach((item, i) => {
          if (typeof item.path === 'string' && item.path !== '') {
            if (written.has(item.path)) {
              add(`${at}.${kind}.items[${i}].path`, `file "${item.path}" is written by an earlier item of the volume already`, 'give each file of the projected volume its own path');
            }
            written.add(item.path);
          }
        });
      }
    }
    if (source.serviceAccountToken !== undefined) {
      checkProjectedToken(fields(source.serviceAccountToken), `${at}.serviceAccountToken`, add);
    }
  });
}

/** Why the API server refuses a service account token valid for `seconds` (a projected one, or one a CSIDriver asks for), or undefined. Pure. */
export function tokenLifetimeProblem(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && (seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS)
    ? `a token valid for ${seconds} s is refused: the API server takes 600 s (10 minutes) to 2^32 s` : undefined;
}

function checkProjectedToken(token: Fields, path: string, add: AddFinding): void {
  const lifetime = tokenLifetimeProblem(token.expirationSeconds);
  if (lifetime !== undefined) {
    add(`${path}.expirationSeconds`, lifetime, 'set expirationSeconds to 600 or more, or leave it out for an hour; the kubelet renews the token before it expires');
  }
  const problem = volumeFilePathProblem(token.path);
  if (problem) {
    add(`${path}.path`, problem, 'write the file\'s path inside the volume, e.g. token');
  }
}

/** The items of a volume source; `downwardAPI`, the pod whose fields a downwardAPI source's items read. */
function checkItems(source: Fields, path: string, downwardAPI: PodTemplate | undefined, add: AddFinding): void {
  list(source.items).forEach((item, i) => {
    if (downwardAPI === undefined && item.key === '') {
      add(`${path}.items[${i}].key`, 'the item names no key; the API server refuses a file of no key', 'give the key of the ConfigMap or Secret the file holds, e.g. app.yaml');
    }
    const problem = volumeFilePathProblem(item.path);
    if (problem) {
      add(`${path}.items[${i}].path`, problem, 'write a path inside the volume, e.g. config/app.yaml');
    }
    checkMode(item.mode, `${path}.items[${i}].mode`, add);
    if (downwardAPI !== undefined) {
      checkDownwardItem(item, `${path}.items[${i}]`, downwardAPI, add);
    }
  });
}

/** A downwardAPI file reads one pod field or one container resource, and a resource as the API server takes it. */
function checkDownwardItem(item: Fields, path: string, template: PodTemplate, add: AddFinding): void {
  if (item.fieldRef !== undefined && item.resourceFieldRef !== undefined) {
    add(`${path}.resourceFieldRef`, 'the file reads a fieldRef already; a downwardAPI file reads one field or one resource', 'make the resource a file of its own');
  } else if (item.fieldRef === undefined && item.resourceFieldRef === undefined) {
    add(path, 'the file reads nothing: a downwardAPI file takes a fieldRef or a resourceFieldRef', "give what it holds, e.g. fieldRef: { fieldPath: 'metadata.labels' }");
  } else if (item.resourceFieldRef !== undefined) {
    checkResourceFieldRef(fields(item.resourceFieldRef), `${path}.resourceFieldRef`, template, true, add);
  } else {
    checkFieldRef(fields(item.fieldRef), `${path}.fieldRef`, VOLUME_FIELD_PATHS, (fieldPath) => ({
      message: `"${fieldPath}" is no field a downwardAPI file can hold; a volume's files hold the pod's metadata only`,
      hint: `read one of ${[...VOLUME_FIELD_PATHS].join(', ')} (or metadata.labels['<key>']), or read ${fieldPath} into an environment variable (env[].valueFrom.fieldRef)`,
    }), add);
  }
}

/** The pod fields a downwardAPI file may hold (validVolumeDownwardAPIFieldPathExpressions): its metadata, which may change while it runs. */
const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']);
/** A field path that reads one label or annotation by its key: `metadata.labels['app']`. */
const SUBSCRIPTED_FIELD_PATH = /^(.+)\['(.*)'\]$/;

/**
 * The pod field a fieldRef (of an environment variable or a downwardAPI file, at `at`) reads, as the API
 * server takes it (validateObjectFieldSelector): of the pod's apiVersion v1, and one of `allowed` or a
 * label or annotation by a key that is a label key; `refused` says why another path is refused and what
 * to read instead.
 */
export function checkFieldRef(fieldRef: Fields, at: string, allowed: ReadonlySet<string>, refused: (fieldPath: string) => { message: string; hint: string }, add: AddFinding): void {
  const apiVersion = fieldRef.apiVersion;
  if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== 'v1') {
    add(`${at}.apiVersion`, `apiVersion ${JSON.stringify(apiVersion)} is no version of the pod; the API server reads the fields of pods of v1 only`, 'drop apiVersion (v1 is the default), or set v1');
  }
  const fieldPath = fieldRef.fieldPath;
  if (typeof fieldPath !== 'string' || fieldPath === '') {
    return; // the schema requires it
  }
  const subscripted = SUBSCRIPTED_FIELD_PATH.exec(fieldPath);
  if (subscripted === null) {
    if (!allowed.has(fieldPath)) {
      const { message, hint } = refused(fieldPath);
      add(`${at}.fieldPath`, message, hint);
    }
    return;
  }
  const [, map, key] = subscripted;
  if (map !== 'metadata.labels' && map !== 'metadata.annotations') {
    add(`${at}.fieldPath`, `"${fieldPath}" reads ${map} by a key, and only labels and annotations are read so`, "read a field by its path, e.g. spec.nodeName, or a label by its key, e.g. metadata.labels['app']");
    return;
  }
  const problem = metadataKeyProblem(key, map === 'metadata.annotations' ? 'annotations' : 'labels');
  if (problem !== undefined) {
    add(`${at}.fieldPath`, `the ${map === 'metadata.labels' ? 'label' : 'annotation'} key of "${fieldPath}": ${problem}`, `name the key as the pod has it, e.g. ${map}['app.kubernetes.io/name']`);
  }
}

function checkMode(mode: unknown, path: string, add: AddFinding): void {
  if (typeof mode === 'number' && Number.isInteger(mode) && (mode < 0 || mode > MAX_FILE_MODE)) {
    add(path, `file mode ${mode} is not within 0–0777 (octal; 0–511 in decimal)`, 'write the mode in octal, e.g. 0o644 in TypeScript (420 in decimal)');
  }
}

/**
 * Why a path inside a volume is refused: it must be relative and must not climb out with `..`.
 * Undefined when it is fine (or not text: the schema reports that).
 */
export function localPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  if (value === '') {
    return 'the path is empty';
  }
  if (value.startsWith('/')) {
    return `path "${value}" is absolute; it is taken inside the volume`;
  }
  return climbs(value) ? `path "${value}" has a ".." element, which would leave the volume` : undefined;
}

/**
 * Why the path of a file a volume writes is refused (ValidateLocalNonReservedPath): as `localPathProblem`
 * has it, or when it starts with `..` (`..data`), the names the kubelet keeps for the folders it swaps
 * to update the volume's files at once. Pure.
 */
function volumeFilePathProblem(value: unknown): string | undefined {
  const problem = localPathProblem(value);
  if (problem !== undefined || typeof value !== 'string' || !value.startsWith('..')) {
    return problem;
  }
  return `path "${value}" starts with "..", which the kubelet keeps for the folders it updates the volume's files through`;
}

/** Whether a path has a `..` element, which the API server refuses in every path it checks. */
function climbs(value: string): boolean {
  return value.split('/').includes('..');
}

/**
 * The path of a `hostPath` or `nfs` source, of a pod's volume or a PersistentVolume at `at`: on the node or
 * the NFS server, not climbing with `..`, and absolute (a relative host path is a warning: the API server
 * takes it), and given, as is an NFS source's server. An NFS export the inventory reports already
 * (`reported`) is that finding's.
 */
export function checkSourcePath(source: 'hostPath' | 'nfs', volume: Fields, at: string, add: AddFinding, reported: ReportedNfsSource = () => false): void {
  if (typeof volume.path !== 'string' || (source === 'nfs' && reported(volume))) {
    return;
  }
  if (source === 'nfs' && volume.server === '') {
    add(`${at}.server`, 'the NFS server is empty; the API server refuses an NFS volume without one', 'give the NAS by its name or address, e.g. nas.lab.example or 192.168.1.10');
  }
  const hint = source === 'nfs' ? 'give the exported path as the server has it, e.g. /export/media' : 'give the full path on the node, e.g. /srv/media';
  const windows = source === 'hostPath' ? windowsFolderProblem(volume.path) : undefined;
  if (volume.path === '') {
    add(`${at}.path`, `the ${source === 'nfs' ? 'exported' : 'host'} path is empty; the API server refuses the volume without one`, hint);
  } else if (climbs(volume.path)) {
    add(`${at}.path`, `path "${volume.path}" has a ".." element`, hint);
  } else if (windows !== undefined) {
    add(`${at}.path`, windows.message, `${windows.hint}, e.g. /srv/media`);
  } else if (!volume.path.startsWith('/')) {
    // The API server refuses a relative NFS path; a relative host path it takes, and the container
    // runtime then resolves it against its own working folder, which is no folder the user meant.
    add(`${at}.path`, source === 'nfs' ? `path "${volume.path}" is not absolute` : `host path "${volume.path}" is relative; the container runtime would resolve it against its own working folder`,
      hint, source === 'nfs' ? undefined : 'warning');
  }
}

/**
 * Tolerations as the API server checks them (ValidateTolerations): each consistent with its operator and
 * effect, its key a qualified name and its value a label value. A pod's and a RuntimeClass's (which the RuntimeClass admission adds to its pods) alike.
 */
export function checkTolerations(tolerations: unknown, path: string, add: AddFinding): void {
  list(tolerations).forEach((toleration, i) => checkToleration(toleration, `${path}[${i}]`, add));
}

function checkToleration(toleration: Fields, path: string, add: AddFinding): void {
  // An unknown operator is the schema's to report.
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists' && toleration.value !== undefined && toleration.value !== '') {
    add(`${path}.value`, 'a toleration with operator Exists takes no value', 'drop the value, or use operator Equal');
  } else if (operator === 'Equal' && (toleration.key === undefined || toleration.key === '')) {
    add(`${path}.operator`, 'a toleration without a key must use operator Exists (it then tolerates every taint)', 'give the taint key, or set operator: Exists');
  }
  const key = text(toleration.key);
  const keyProblem = key === undefined || key === '' ? undefined : qualifiedNameProblem(key);
  if (keyProblem !== undefined) {
    add(`${path}.key`, keyProblem, 'give the key of the taint as the node has it, e.g. nvidia.com/gpu');
  }
  const valueProblem = operator === 'Equal' && typeof toleration.value === 'string' ? nameProblem(toleration.value, LABEL_VALUE) : undefined;
  if (valueProblem !== undefined) {
    add(`${path}.value`, valueProblem, LABEL_VALUE.hint ?? '');
  }
  if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
    add(`${path}.tolerationSeconds`, 'tolerationSeconds belongs to a NoExecute toleration only', 'set effect: NoExecute, or drop tolerationSeconds');
  }
}

function checkDns(spec: Fields, path: string, add: AddFinding): void {
  const config = spec.dnsConfig === undefined ? undefined : fields(spec.dnsConfig);
  // The kubelet gives a pod on the host's network the node's resolver for ClusterFirst, without a word: written out,
  // it asks for the cluster's DNS, which the pod then never gets (a DHCP server that names a Service by its name).
  if (spec.dnsPolicy === 'ClusterFirst' && spec.hostNetwork === true) {
    add(`${path}.dnsPolicy`, "dnsPolicy ClusterFirst on the host's network is ignored: the kubelet gives the pod the node's resolver (Default), which resolves no Service of the cluster",
      "write dnsPolicy: ClusterFirstWithHostNet to resolve the cluster's names, or leave dnsPolicy out (or write Default) for the node's resolver");
  }
  if (spec.dnsPolicy === 'None' && list(config?.nameservers).length === 0) {
    add(`${path}.dnsConfig.nameservers`, 'with dnsPolicy None the pod needs its own nameservers', 'list up to three nameservers in dnsConfig, or use another dnsPolicy');
  }
  if (config === undefined) {
    return;
  }
  const nameservers = Array.isArray(config.nameservers) ? config.nameservers as unknown[] : [];
  if (nameservers.length > MAX_NAMESERVERS) {
    add(`${path}.dnsConfig.nameservers`, `${nameservers.length} nameservers are more than ${MAX_NAMESERVERS}`, `list at most ${MAX_NAMESERVERS}`);
  }
  nameservers.forEach((server, i) => {
    if (typeof server === 'string' && !isIpAddress(server)) {
      add(`${path}.dnsConfig.nameservers[${i}]`, `"${server}" is not an IP address`, 'give the nameserver by its address, e.g. 192.168.1.1');
    }
  });
  list(config.options).forEach((option, i) => {
    if (typeof option.name !== 'string' || option.name === '') {
      add(`${path}.dnsConfig.options[${i}].name`, 'a resolver option needs a name', 'name the option, e.g. { name: \'ndots\', value: \'2\' }');
    }
  });
  const searches = Array.isArray(config.searches) ? config.searches as unknown[] : [];
  if (searches.length > MAX_SEARCHES) {
    add(`${path}.dnsConfig.searches`, `${searches.length} search domains are more than ${MAX_SEARCHES}`, `list at most ${MAX_SEARCHES}`);
  } else if (searches.every((search) => typeof search === 'string') && searches.join(' ').length > MAX_SEARCH_LIST_CHARS) {
    add(`${path}.dnsConfig.searches`, `the search domains take ${searches.join(' ').length} characters with the spaces between them, more than ${MAX_SEARCH_LIST_CHARS}`,
      'list fewer or shorter search domains');
  }
  searches.forEach((search, i) => {
    // A trailing dot (a fully qualified name) is taken.
    const problem = typeof search === 'string' ? nameProblem(search.replace(/\.$/, ''), DNS1123_SUBDOMAIN) : undefined;
    if (problem) {
      add(`${path}.dnsConfig.searches[${i}]`, `search domain ${problem}`, 'give a lower-case DNS domain, e.g. lab.example.com');
    }
  });
}
