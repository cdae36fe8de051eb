import type { IConstruct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { NOTE_TYPE_PREFIX, SynthesizedCluster } from '../synth/collect';
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
  /** SecretStores (namespaced) that ExternalSecrets may use. @default [] */
  readonly secretStores?: NamespacedName[];
  /** ClusterSecretStore names. @default [] */
  readonly clusterSecretStores?: string[];
  /** Multus NetworkAttachmentDefinitions. @default [] */
  readonly networkAttachments?: NamespacedName[];
  /** Services made by something else (a Helm release an Application installs); routes may target any port of them. @default [] */
  readonly services?: NamespacedName[];
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
  /** SecretStores, as `namespace/name`. */
  readonly secretStores: ReadonlySet<string>;
  /** ClusterSecretStore names. */
  readonly clusterSecretStores: ReadonlySet<string>;
  /** NetworkAttachmentDefinitions, as `namespace/name`. */
  readonly networkAttachments: ReadonlySet<string>;
  /** Services, as `namespace/name`. */
  readonly services: ReadonlySet<string>;
}

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const EXTERNAL_METADATA = `${NOTE_TYPE_PREFIX}external`;

/**
 * Declares objects that exist in the cluster of `scope` without being rendered here. Kept as construct
 * metadata, so the declaration lives beside the chart or app that relies on it.
 */
export function declareExternal(scope: IConstruct, resources: ExternalResources): void {
  scope.node.addMetadata(EXTERNAL_METADATA, resources);
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
    new Set(declared.flatMap((r) => (pick(r) ?? []).map((o) => keyOf(o.namespace, 'secretName' in o ? o.secretName : o.name))));
  return {
    namespaces: new Set([...BUILT_IN_NAMESPACES, ...names((r) => r.namespaces)]),
    storageClasses: names((r) => r.storageClasses),
    secrets: keys((r) => r.secrets),
    configMaps: keys((r) => r.configMaps),
    claims: keys((r) => r.claims),
    secretStores: keys((r) => r.secretStores),
    clusterSecretStores: names((r) => r.clusterSecretStores),
    networkAttachments: keys((r) => r.networkAttachments),
    services: keys((r) => r.services),
  };
}
