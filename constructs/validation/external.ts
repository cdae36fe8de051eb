import type { IConstruct } from 'constructs';
import { describeValue } from '../inventory/problems';
import { SecretReference } from '../secrets/secret-reference';
import type { BootstrapSecret } from '../synth/bootstrap-secret';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameProblem, NameRule } from './dns-names';
import { reportFinding } from './finding';
import { closestName } from './known-props';
import { keyOf } from './manifest';

/** An object in a namespace, by name. */
export interface NamespacedName {
  /** Namespace of the object. */
  readonly namespace: string;
  /** Name of the object. */
  readonly name: string;
}

/**
 * Objects that exist in the cluster but are not rendered by this repository (installed by hand, by a
 * Helm chart, by the distribution). References to them resolve instead of failing validation.
 */
export interface ExternalResources {
  /** Namespaces, e.g. `longhorn-system`. @default [] */
  readonly namespaces?: string[];
  /** StorageClass names, e.g. `nfs-csi`. Storage tiers of the cluster are declared already. @default [] */
  readonly storageClasses?: string[];
  /** Secrets; a SecretReference made with `SecretReference.external` may be passed as is. @default [] */
  readonly secrets?: Array<NamespacedName | SecretReference>;
  /** ConfigMaps. @default [] */
  readonly configMaps?: NamespacedName[];
  /** PersistentVolumeClaims. @default [] */
  readonly claims?: NamespacedName[];
  /** VolumeSnapshots (taken by hand or by a backup tool) that claims are restored from. @default [] */
  readonly volumeSnapshots?: NamespacedName[];
  /** VolumeSnapshotClass names (made by a storage system's own install, such as Longhorn's or Rook's). @default [] */
  readonly volumeSnapshotClasses?: string[];
  /** SecretStores (namespaced) that ExternalSecrets may use. @default [] */
  readonly secretStores?: NamespacedName[];
  /** ClusterSecretStore names. @default [] */
  readonly clusterSecretStores?: string[];
  /** Multus NetworkAttachmentDefinitions. @default [] */
  readonly networkAttachments?: NamespacedName[];
  /** Services made by something else (a Helm release an Application installs); routes may target any port of them. @default [] */
  readonly services?: NamespacedName[];
  /**
   * SecretProviderClasses of the Secrets Store CSI driver made by something else, for `AppVolume.secretsStore`;
   * the driver must be installed outside this repository too. @default []
   */
  readonly secretProviderClasses?: NamespacedName[];
  /**
   * ServiceAccounts made outside this repository (by hand, or by a chart an object installs into a namespace of
   * the cluster's own), which pods and long-lived token Secrets may name. @default []
   */
  readonly serviceAccounts?: NamespacedName[];
}

/** External objects of one cluster, as lookup sets (`namespace/name` for namespaced kinds). */
export interface ExternalIndex {
  /** Namespace names. */
  readonly namespaces: ReadonlySet<string>;
  /** StorageClass names. */
  readonly storageClasses: ReadonlySet<string>;
  /** Secrets, as `namespace/name`. */
  readonly secrets: ReadonlySet<string>;
  /** ConfigMaps, as `namespace/name`. */
  readonly configMaps: ReadonlySet<string>;
  /** PersistentVolumeClaims, as `namespace/name`. */
  readonly claims: ReadonlySet<string>;
  /** VolumeSnapshots, as `namespace/name`. */
  readonly volumeSnapshots: ReadonlySet<string>;
  /** VolumeSnapshotClass names. */
  readonly volumeSnapshotClasses: ReadonlySet<string>;
  /** SecretStores, as `namespace/name`. */
  readonly secretStores: ReadonlySet<string>;
  /** ClusterSecretStore names. */
  readonly clusterSecretStores: ReadonlySet<string>;
  /** NetworkAttachmentDefinitions, as `namespace/name`. */
  readonly networkAttachments: ReadonlySet<string>;
  /** Services, as `namespace/name`. */
  readonly services: ReadonlySet<string>;
  /** SecretProviderClasses, as `namespace/name`. */
  readonly secretProviderClasses: ReadonlySet<string>;
  /** ServiceAccounts, as `namespace/name`. */
  readonly serviceAccounts: ReadonlySet<string>;
}

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const EXTERNAL_METADATA = `${NOTE_TYPE_PREFIX}external`;

/** Who makes the objects of a declaration: the owner, by hand, or a controller of the cluster. */
export type ExternalMaker = 'owner' | 'controller';

/** A declaration as kept in construct metadata: the well-formed entries, and who makes them. */
interface ExternalNote extends ExternalResources {
  /** @default 'owner' */
  readonly madeBy?: ExternalMaker;
}

/**
 * Declares objects that exist in the cluster of `scope` without being rendered here. Kept as construct
 * metadata, so the declaration lives beside the chart or app that relies on it. The owner makes them: each
 * Secret no object of the repository makes becomes a step of the cluster README ("create Secret …"); use
 * {@link declareControllerMade} for objects a controller of the cluster makes.
 */
export function declareExternal(scope: IConstruct, resources: ExternalResources): void {
  recordExternal(scope, resources, 'owner');
}

/**
 * Declares objects that a controller of the cluster makes from what it is given (cert-manager a certificate's
 * Secret from an Ingress annotation, kubernetes-replicator a copy of a Secret, a Helm chart a Secret of its
 * own). References to them resolve, as with {@link declareExternal}, and no step asks the owner to make them.
 */
export function declareControllerMade(scope: IConstruct, resources: ExternalResources): void {
  recordExternal(scope, resources, 'controller');
}

function recordExternal(scope: IConstruct, resources: ExternalResources, madeBy: ExternalMaker): void {
  // Findings name the function the user called, so its props are found where they were written.
  const called = madeBy === 'controller' ? 'declareControllerMade' : 'declareExternal';
  const report = (field: string, message: string, hint: string) =>
    reportFinding(scope, { layer: 'props', severity: 'error', field: `${called}.${field}`, message, hint });
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    report('resources', `${describeValue(resources)} is not a map of external objects by kind`, "pass e.g. { namespaces: ['longhorn-system'] }");
    return;
  }
  // Only what is well-formed is declared: a malformed entry is reported here, and references to it fail.
  const kept: Record<string, unknown[]> = {};
  for (const [kind, entries] of Object.entries(resources)) {
    const rule = EXTERNAL_KINDS[kind as keyof ExternalResources];
    if (rule === undefined) {
      const near = closestName(kind, Object.keys(EXTERNAL_KINDS));
      report(kind, `"${kind}" is not a kind of external object`, near ? `did you mean ${near}?` : `use one of ${Object.keys(EXTERNAL_KINDS).join(', ')}`);
    } else if (!Array.isArray(entries)) {
      report(kind, `${kind} ${describeValue(entries)} is not a list`, `list them: ${kind}: [${rule === 'namespaced' ? "{ namespace: 'media', name: 'x' }" : "'name'"}]`);
    } else {
      kept[kind] = entries.filter((entry, i) => {
        const problem = externalEntryProblem(kind, rule, entry);
        if (problem) {
          report(`${kind}[${i}]${problem.field}`, problem.message, problem.hint);
        }
        return problem === undefined;
      });
    }
  }
  scope.node.addMetadata(EXTERNAL_METADATA, { ...kept, madeBy });
}

/** How each kind of {@link ExternalResources} names its objects: by a name of a rule, or by namespace and name. */
const EXTERNAL_KINDS: Readonly<Record<keyof ExternalResources, NameRule | 'namespaced'>> = {
  namespaces: DNS1123_LABEL,
  storageClasses: DNS1123_SUBDOMAIN,
  clusterSecretStores: DNS1123_SUBDOMAIN,
  secrets: 'namespaced',
  configMaps: 'namespaced',
  claims: 'namespaced',
  volumeSnapshots: 'namespaced',
  volumeSnapshotClasses: DNS1123_SUBDOMAIN,
  secretStores: 'namespaced',
  networkAttachments: 'namespaced',
  services: 'namespaced',
  secretProviderClasses: 'namespaced',
  serviceAccounts: 'namespaced',
};

/** What is wrong with one declared object, or undefined when it is well-formed. */
function externalEntryProblem(kind: string, rule: NameRule | 'namespaced', entry: unknown): { field: string; message: string; hint: string } | undefined {
  if (rule !== 'namespaced') {
    const problem = typeof entry === 'string' ? nameProblem(entry, rule) : `${describeValue(entry)} is not a name`;
    return problem ? { field: '', message: problem, hint: `give the ${kind === 'namespaces' ? 'namespace' : 'object'}'s name as it is in the cluster` } : undefined;
  }
  if (kind === 'secrets' && entry instanceof SecretReference) {
    // Its Secret name is checked where a pod reads it, its namespace here.
    const problem = typeof entry.namespace === 'string' ? nameProblem(entry.namespace, DNS1123_LABEL) : `${describeValue(entry.namespace)} is not a namespace`;
    return problem ? { field: '.namespace', message: problem, hint: 'give the namespace the Secret is in' } : undefined;
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    // kubectl's namespace/name ('media/downloads') is the two names of the object meant.
    const [namespace, name, ...more] = typeof entry === 'string' ? entry.split('/') : [];
    const written = namespace && name && more.length === 0 ? { namespace, name } : { namespace: 'media', name: 'x' };
    return { field: '', message: `${describeValue(entry)} is not an object in a namespace`, hint: `give it as { namespace: '${written.namespace}', name: '${written.name}' }` };
  }
  const named = entry as Partial<NamespacedName>;
  // A declaration names an object, nothing more: anything else written beside its names would be ignored.
  const extra = Object.keys(entry).find((key) => key !== 'namespace' && key !== 'name');
  if (extra !== undefined) {
    return {
      field: `.${extra}`, message: `${extra} is no part of a declaration: declareExternal takes an object's namespace and name alone, and would ignore it`,
      hint: kind === 'secrets' && extra === 'key'
        ? `declare the Secret by its names, { namespace, name }, and read its key where it is used: SecretReference.external('${String(named.namespace ?? '<namespace>')}', '${String(named.name ?? '<name>')}', '<key>')`
        : `give the object's names alone: { namespace: '${String(named.namespace ?? '<namespace>')}', name: '${String(named.name ?? '<name>')}' }`,
    };
  }
  for (const [field, fieldRule] of [['namespace', DNS1123_LABEL], ['name', DNS1123_SUBDOMAIN]] as const) {
    const value = named[field];
    const problem = typeof value === 'string' ? nameProblem(value, fieldRule) : `${describeValue(value)} is not a ${field}`;
    if (problem) {
      return { field: `.${field}`, message: problem, hint: `give the ${field} the object has in the cluster` };
    }
  }
  return undefined;
}

/**
 * The Secrets the owner makes by hand for the cluster's constructs: those of `SecretReference.external`
 * and those declared by name with {@link declareExternal}, less those a controller of the cluster makes
 * ({@link declareControllerMade}). Each comes once (`namespace/name`), with the keys its references read,
 * sorted (for one declared by name, those a platform component reads of it, else none), and the construct that
 * declared it first.
 */
export function externalSecretsToCreate(cluster: SynthesizedCluster): Array<BootstrapSecret & { keys: string[]; constructPath: string }> {
  const notes = cluster.notes.filter((note) => note.type === EXTERNAL_METADATA).map((note) => ({ constructPath: note.constructPath, data: note.data as ExternalNote }));
  const controllerMade = new Set(notes.filter((note) => note.data.madeBy === 'controller')
    .flatMap((note) => (note.data.secrets ?? []).map((entry) => keyOf(entry.namespace, secretNameOf(entry)))));
  const bySecret = new Map<string, { namespace: string; name: string; keys: Set<string>; constructPath: string }>();
  for (const { constructPath, data } of notes) {
    for (const entry of data.secrets ?? []) {
      const byHand = entry instanceof SecretReference ? entry.origin === 'external' : data.madeBy !== 'controller';
      const id = keyOf(entry.namespace, secretNameOf(entry));
      if (!byHand || controllerMade.has(id)) {
        continue;
      }
      const found = bySecret.get(id) ?? { namespace: entry.namespace, name: secretNameOf(entry), keys: new Set<string>(), constructPath };
      if (entry instanceof SecretReference) {
        found.keys.add(entry.key);
      }
      bySecret.set(id, found);
    }
  }
  // A Secret declared by name alone that a platform component reads (Renovate's token) is made with the keys
  // the component reads of it, the usual set, rather than a key the owner has to guess.
  for (const component of cluster.chart.platform.components) {
    for (const [name, read] of Object.entries(component.props.readsSecretKeys ?? {})) {
      const found = bySecret.get(keyOf(component.namespace, name));
      if (found !== undefined && found.keys.size === 0) {
        read.oneOf[0].forEach((key) => found.keys.add(key));
      }
    }
  }
  return [...bySecret.values()].map((entry) => ({ ...entry, keys: [...entry.keys].sort() }));
}

/** The Secret name of a declared entry, by name or by reference. */
function secretNameOf(entry: NamespacedName | SecretReference): string {
  return entry instanceof SecretReference ? entry.secretName : entry.name;
}

/**
 * The Secrets, as `namespace/name`, that the owner makes by hand as declared with {@link declareExternal}
 * on `scope` itself (not on its children or its cluster).
 */
export function secretsDeclaredOn(scope: IConstruct): ReadonlySet<string> {
  return new Set(scope.node.metadata
    .filter((entry) => entry.type === EXTERNAL_METADATA && (entry.data as ExternalNote).madeBy !== 'controller')
    .flatMap((entry) => ((entry.data as ExternalNote).secrets ?? []).map((secret) => keyOf(secret.namespace, secretNameOf(secret)))));
}

const externalIndexes = new WeakMap<SynthesizedCluster, ExternalIndex>();

/**
 * Everything declared external in the cluster, plus the namespaces every cluster has. Built once per
 * cluster from the notes the synth walk gathered.
 */
export function externalIndexOf(cluster: SynthesizedCluster): ExternalIndex {
  let index = externalIndexes.get(cluster);
  if (!index) {
    index = buildExternalIndex(cluster);
    externalIndexes.set(cluster, index);
  }
  return index;
}

function buildExternalIndex(cluster: SynthesizedCluster): ExternalIndex {
  const declared = cluster.notes.filter((note) => note.type === EXTERNAL_METADATA).map((note) => note.data as ExternalResources);
  const names = (pick: (r: ExternalResources) => string[] | undefined) => new Set(declared.flatMap((r) => pick(r) ?? []));
  const keys = (pick: (r: ExternalResources) => Array<NamespacedName | SecretReference> | undefined) =>
    new Set(declared.flatMap((r) => (pick(r) ?? []).map((o) => keyOf(o.namespace, secretNameOf(o)))));
  return {
    namespaces: new Set([...BUILT_IN_NAMESPACES, ...names((r) => r.namespaces)]),
    storageClasses: names((r) => r.storageClasses),
    secrets: keys((r) => r.secrets),
    configMaps: keys((r) => r.configMaps),
    claims: keys((r) => r.claims),
    volumeSnapshots: keys((r) => r.volumeSnapshots),
    volumeSnapshotClasses: names((r) => r.volumeSnapshotClasses),
    secretStores: keys((r) => r.secretStores),
    clusterSecretStores: names((r) => r.clusterSecretStores),
    networkAttachments: keys((r) => r.networkAttachments),
    services: keys((r) => r.services),
    secretProviderClasses: keys((r) => r.secretProviderClasses),
    serviceAccounts: keys((r) => r.serviceAccounts),
  };
}

/**
 * The Secrets declared external by name (`declareExternal(scope, { secrets: [{ namespace, name }] })`, or
 * `declareControllerMade`), each with the construct that declared it, its field (named after the function called)
 * and who makes it. A `SecretReference` is left out: it names a key to read, not a claim that something outside
 * makes the Secret.
 */
export function declaredExternalSecrets(cluster: SynthesizedCluster): Array<NamespacedName & { constructPath: string; field: string; madeBy: ExternalMaker }> {
  return cluster.notes.filter((note) => note.type === EXTERNAL_METADATA).flatMap((note) => {
    const madeBy: ExternalMaker = (note.data as ExternalNote).madeBy === 'controller' ? 'controller' : 'owner';
    const called = madeBy === 'controller' ? 'declareControllerMade' : 'declareExternal';
    return ((note.data as ExternalResources).secrets ?? []).flatMap((entry, i) => entry instanceof SecretReference ? []
      : [{ namespace: entry.namespace, name: entry.name, constructPath: note.constructPath, field: `${called}.secrets[${i}]`, madeBy }]);
  });
}
