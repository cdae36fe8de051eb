import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { visitFields } from './json-values';

// A chart makes its claims when it is installed, from its values: they are no objects of the output, so a
// check that counts a StorageClass's claims learns of them from the construct that set the values.

const CHART_CLAIM_NOTE = `${NOTE_TYPE_PREFIX}chart-claim`;

/** A claim a Helm chart makes from the values a construct gave it. */
export interface ChartClaim {
  /** StorageClass of the claim. */
  readonly storageClassName: string;
  /** What it asks for, as the values write it, e.g. `100Gi`. */
  readonly size: string;
  /** The prop of the construct that sets the size (or the tier), for findings, e.g. `registrySize`. */
  readonly field: string;
  /** The claim in words, e.g. `Harbor's image store`. */
  readonly description: string;
}

/** Notes that `scope` has a chart make `claim`, so the checks of the StorageClass's capacity count it. */
export function noteChartClaim(scope: IConstruct, claim: ChartClaim): void {
  scope.node.addMetadata(CHART_CLAIM_NOTE, claim);
}

/** The claims charts of the cluster make, as noted with {@link noteChartClaim}, with the construct that noted each. */
export function chartClaims(cluster: SynthesizedCluster): Array<ChartClaim & { readonly constructPath: string }> {
  return notesOfType<ChartClaim>(cluster, CHART_CLAIM_NOTE);
}

/** The data of the notes of `type`, each with the path of the construct that noted it. */
function notesOfType<T>(cluster: SynthesizedCluster, type: string): Array<T & { readonly constructPath: string }> {
  return cluster.notes.filter((note) => note.type === type).map((note) => ({ ...(note.data as T), constructPath: note.constructPath }));
}

const CHART_VALUE_REFERENCE_NOTE = `${NOTE_TYPE_PREFIX}chart-value-reference`;

/** An object of the cluster that a construct's Helm values name: the StorageClass of the chart's claims, a claim it mounts, or a Secret it reads. */
export interface ChartValueReference {
  /** Kind of the object named. */
  readonly kind: 'StorageClass' | 'PersistentVolumeClaim' | 'Secret';
  /** The object named. */
  readonly name: string;
  /** Namespace of a claim or Secret named. */
  readonly namespace?: string;
  /** The field of the construct that names it, e.g. `values.persistence.storageClass`. */
  readonly field: string;
  /** The Secret is one the kubelet pulls the chart's images with (`imagePullSecrets`), so of a registry's type. @default false */
  readonly pullSecret?: boolean;
  /** The keys of the Secret the chart's pods mount, each of which it must hold. @default - none checked */
  readonly keys?: readonly string[];
}

/** Notes that `scope` gives a chart the object of `reference`, so the checks of that kind's references read it. */
export function noteChartValueReference(scope: IConstruct, reference: ChartValueReference): void {
  scope.node.addMetadata(CHART_VALUE_REFERENCE_NOTE, reference);
}

/**
 * Keys under which charts take the Secrets their pods pull images with: `imagePullSecrets` (top level, `global.`,
 * per component) and Bitnami's `image.pullSecrets`, each a list of names or of `{ name }`.
 */
const PULL_SECRET_KEYS: ReadonlySet<string> = new Set(['imagePullSecrets', 'pullSecrets']);

/** Keys under which charts take the StorageClass of the claims they make (`persistence.storageClass`, a claim template's `storageClassName`). */
const STORAGE_CLASS_KEYS: ReadonlySet<string> = new Set(['storageClass', 'storageClassName']);

/**
 * Notes each StorageClass the Helm values a construct gives (a `ChartRelease`'s, or those added to a platform
 * component) name, which the check of provided StorageClasses reads as a claim's (`-` and the empty name are
 * charts' ways of asking for none, or for the default), and each existing claim they mount
 * (`persistence.existingClaim`), which the check of claims looks for in the release's `namespace`, and each
 * existing Secret they read (`auth.existingSecret`) or pull images with (`imagePullSecrets`), which the check of
 * Secret references looks for there: any of them missing leaves the chart's pods Pending, or pulling without
 * credentials. Findings name them under `prefix` (`values`, `addValues`).
 */
export function noteChartValueReferences(scope: IConstruct, namespace: string, values: Record<string, unknown>, prefix: string): void {
  visitFields(values, (path, key, field) => {
    if (typeof key === 'string' && PULL_SECRET_KEYS.has(key) && Array.isArray(field)) {
      field.forEach((entry: unknown, i) => {
        const named = typeof entry === 'string' ? { name: entry, at: `${path}[${i}]` }
          : entry !== null && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string' ? { name: (entry as { name: string }).name, at: `${path}[${i}].name` } : undefined;
        if (named !== undefined && nameProblem(named.name, DNS1123_SUBDOMAIN) === undefined) {
          noteChartValueReference(scope, { kind: 'Secret', name: named.name, namespace, field: `${prefix}.${named.at}`, pullSecret: true });
        }
      });
      return false;
    }
    if (typeof key !== 'string' || typeof field !== 'string' || field === '' || field === '-') {
      return true;
    }
    if (STORAGE_CLASS_KEYS.has(key)) {
      noteChartValueReference(scope, { kind: 'StorageClass', name: field, field: `${prefix}.${path}` });
    } else if (key === 'existingClaim') {
      noteChartValueReference(scope, { kind: 'PersistentVolumeClaim', name: field, namespace, field: `${prefix}.${path}` });
    } else if (key === 'existingSecret' && nameProblem(field, DNS1123_SUBDOMAIN) === undefined) {
      // A value no Secret can be named (the password itself) is the policy's to report, not a Secret to look for.
      noteChartValueReference(scope, { kind: 'Secret', name: field, namespace, field: `${prefix}.${path}` });
    }
    return true;
  });
}

/** The objects of `kind` charts of the cluster are given, as noted with {@link noteChartValueReference}, with the construct that noted each. */
export function chartValueReferences(cluster: SynthesizedCluster, kind: ChartValueReference['kind']): Array<ChartValueReference & { readonly constructPath: string }> {
  return notesOfType<ChartValueReference>(cluster, CHART_VALUE_REFERENCE_NOTE).filter((reference) => reference.kind === kind);
}
