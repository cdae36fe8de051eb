import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';

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

const CHART_STORAGE_CLASS_NOTE = `${NOTE_TYPE_PREFIX}chart-storage-class`;

/** A StorageClass that a construct's Helm values name, for the chart's claims. */
export interface ChartStorageClass {
  /** The StorageClass named. */
  readonly name: string;
  /** The field of the construct that names it, e.g. `values.persistence.storageClass`. */
  readonly field: string;
}

/** Notes that `scope` gives a chart the StorageClass of `reference`, so the check of provided StorageClasses reads it. */
export function noteChartStorageClass(scope: IConstruct, reference: ChartStorageClass): void {
  scope.node.addMetadata(CHART_STORAGE_CLASS_NOTE, reference);
}

/** The StorageClasses charts of the cluster are given, as noted with {@link noteChartStorageClass}, with the construct that noted each. */
export function chartStorageClasses(cluster: SynthesizedCluster): Array<ChartStorageClass & { readonly constructPath: string }> {
  return notesOfType<ChartStorageClass>(cluster, CHART_STORAGE_CLASS_NOTE);
}
