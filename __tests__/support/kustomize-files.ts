import * as fs from 'fs';
import * as path from 'path';
import { load, loadAll } from 'js-yaml';

// What `kubectl kustomize` prints for a folder whose kustomization lists only YAML files of the folder itself (most
// folders of a lab's output), worked out in process: each build by kubectl is mostly kubectl's start, and a run of
// the tests builds hundreds of lab folders. kustomize then does three things, which this does as it does them
// (kustomize's SortOrderTransformer, "legacy" order, and its YAML writer): it reads every document, refuses two
// objects of one identity, orders the objects by kind and identity, and writes each object's keys in sorted order.
// Anything else (generators, patches, sub-folders, a document kustomize would refuse) is left to kubectl.
// `kustomize-files.test.ts` checks it against kubectl on every such folder of `dist/`.

/** Kinds kustomize puts first, in this order (its default legacy order). */
const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
/** Kinds kustomize puts last, in this order. */
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
/** A kind's rank: those first below 0, those last above, all others 0. */
const KIND_RANK = new Map<string, number>([
  ...ORDER_FIRST.map((kind, i): [string, number] => [kind, i - ORDER_FIRST.length]),
  ...ORDER_LAST.map((kind, i): [string, number] => [kind, i + 1]),
]);

/** An object as kustomize reads it: what it orders and tells apart by. */
interface Keyed {
  readonly object: Record<string, unknown>;
  readonly rank: number;
  /** Group, version and kind as kustomize's legacy order compares them (`apps_v1_Deployment`, `~G` for the core group). */
  readonly gvk: string;
  /** Namespace and name as it compares them (`~X` for no namespace). */
  readonly id: string;
}

/** The plain object `value` with its keys in sorted order at every depth, as kustomize writes an object. Pure. */
function withKeysSorted(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withKeysSorted);
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, withKeysSorted(object[key])]));
  }
  return value;
}

/** How kustomize orders and identifies `document`, or undefined where it would refuse it or read it otherwise. */
function keyed(document: unknown): Keyed | undefined {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return undefined;
  }
  const object = document as Record<string, unknown>;
  const { apiVersion, kind, metadata } = object;
  const meta = metadata as Record<string, unknown> | undefined;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '' || kind === 'List' || kind.endsWith('List')
    || meta === null || typeof meta !== 'object' || typeof meta.name !== 'string' || meta.name === ''
    || (meta.namespace !== undefined && typeof meta.namespace !== 'string')) {
    return undefined;
  }
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  return {
    object: withKeysSorted(object) as Record<string, unknown>,
    rank: KIND_RANK.get(kind) ?? 0,
    gvk: `${group || '~G'}_${version || '~V'}_${kind}`,
    id: `${(meta.namespace as string | undefined) || '~X'}|${meta.name}`,
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The objects `kubectl kustomize <folder>` prints, in its order and form, for a folder whose kustomization.yaml
 * lists only YAML files of the folder; undefined for any other folder, or where kustomize would refuse a
 * document or find two objects of one identity (kubectl then says why).
 */
export function filesOnlyBuild(folder: string): Array<Record<string, unknown>> | undefined {
  let kustomization: unknown;
  try {
    kustomization = load(fs.readFileSync(path.join(folder, 'kustomization.yaml'), 'utf8'));
  } catch {
    return undefined;
  }
  const { resources, ...rest } = (kustomization ?? {}) as Record<string, unknown>;
  const onlyListing = Object.keys(rest).every((key) => key === 'apiVersion' || key === 'kind');
  if (!onlyListing || !Array.isArray(resources)
    || !resources.every((file) => typeof file === 'string' && /^[^/\\]+\.ya?ml$/.test(file) && fs.existsSync(path.join(folder, file)))) {
    return undefined;
  }
  const objects: Keyed[] = [];
  for (const file of resources as string[]) {
    for (const document of loadAll(fs.readFileSync(path.join(folder, file), 'utf8'))) {
      if (document === null || document === undefined) {
        continue;
      }
      const object = keyed(document);
      if (object === undefined) {
        return undefined;
      }
      objects.push(object);
    }
  }
  // An object of no namespace and one in `default` are one identity to kustomize, which refuses the second.
  const identities = new Set(objects.map((o) => `${o.gvk}|${o.id.replace(/^~X\|/, 'default|')}`));
  if (identities.size !== objects.length) {
    return undefined;
  }
  objects.sort((a, b) => a.rank - b.rank || compareText(a.gvk, b.gvk) || compareText(a.id, b.id));
  return objects.map((o) => o.object);
}
