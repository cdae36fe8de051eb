import type { IConstruct } from 'constructs';
import type { PendingFact } from '../inventory/placeholder';
import type { ClusterFacts } from '../validation/cluster-facts';
import type { Finding } from '../validation/finding';
import { InputError } from '../validation/input-error';
import { firstUnwritableField, NON_JSON_HINT } from '../validation/json-values';
import { clusterSummary } from '../validation/summary';
import { CLUSTER_CHECKS, checkNamesOf, validateCluster } from '../validation/validate';
import type { SynthesizedCluster, SynthesizedObject } from './collect';
import type { DayTwoReport } from './day-two';
import { clusterPlaceholders, OwnerActionEntry, ownerActions } from './owner-action';
import { layoutClusterFiles, renderClusterFiles, renderedFilesOf } from './render';

/** The figures of one cluster that the summary prints. */
export interface ClusterFigures {
  /** Objects written. */
  readonly objects: number;
  /** Apps: output files of the apps layer. */
  readonly apps: number;
  /** Platform components installed. */
  readonly components: number;
  /** Inventory facts that are still placeholders. */
  readonly placeholders: readonly PendingFact[];
  /** What the owner still does by hand (placeholders included). */
  readonly ownerActions: readonly OwnerActionEntry[];
}

/**
 * What synthesizing one cluster produced besides its files, as plain data: an incremental synth keeps it
 * for the clusters it does not build again.
 */
export interface ClusterOutcome {
  /** Output folder, `<site>/<cluster>`. */
  readonly folder: string;
  /** Construct path of the cluster chart. */
  readonly chartPath: string;
  /** Findings of the cluster's own checks. */
  readonly findings: readonly Finding[];
  /** What the checks across clusters need to know of it. */
  readonly facts: ClusterFacts;
  /** Figures for the summary. */
  readonly figures: ClusterFigures;
  /** The cluster's summary lines (objects, checks, exemptions in force). */
  readonly summaryLines: readonly string[];
  /** Files of the cluster folder, relative to the output folder. */
  readonly files: readonly string[];
  /**
   * The day-2 warnings and steps of this run (already among `findings` and `figures.ownerActions`), for
   * a command that prints them apart (`npm run diff`). Not kept by an incremental synth.
   * @default - none
   */
  readonly dayTwo?: DayTwoReport;
}

/** A cluster's files as rendered, with what a day-2 comparison reads of its objects. */
export interface RenderedCluster {
  /** Its rendered files, relative to the output folder. */
  readonly files: Map<string, string>;
  /** Its objects: a day-2 comparison reports on their construct paths (see `constructPathsOf`). */
  readonly objects: readonly SynthesizedObject[];
  /**
   * The objects each of its YAML files was rendered from (see `layoutClusterFiles`): a day-2 comparison
   * need not parse them back, and reads the claims of each file from them (see `claimsByFileOf`).
   */
  readonly layout: Map<string, object[]>;
}

/**
 * Renders one collected cluster's files and validates the cluster on its own. The files are rendered
 * first so that validation can look each file up by its text's hash: a file whose objects all passed
 * before is not validated again object by object. `writeOut`, when given, takes the rendered cluster
 * before validation (to stage its files), so that the files' text need not live through validation; the
 * result then holds no `rendered`.
 */
export function synthesizeCluster(
  collected: SynthesizedCluster, writeOut?: (rendered: RenderedCluster) => void,
): { outcome: ClusterOutcome; rendered?: RenderedCluster } {
  // Rendered and written out in a frame of its own: this one lives through validation.
  const { cluster, fileNames, rendered } = renderCluster(collected, writeOut);
  const { findings, facts } = validateCluster(cluster, CLUSTER_CHECKS);
  const apps = new Set(cluster.objects.filter((o) => (o.layer ?? 'apps') === 'apps').map((o) => o.file));
  const chart = cluster.chart;
  return {
    outcome: {
      folder: cluster.folder,
      chartPath: chart.node.path,
      findings,
      facts,
      figures: {
        objects: cluster.objects.length,
        apps: apps.size,
        components: chart.platform.components.length,
        placeholders: clusterPlaceholders(chart),
        ownerActions: ownerActions(cluster),
      },
      summaryLines: clusterSummary(cluster, checkNamesOf(CLUSTER_CHECKS).length),
      files: fileNames,
    },
    rendered,
  };
}

/**
 * A cluster's files rendered, and the cluster with what validation reads of them; the rendered files
 * handed to `writeOut` when it is given, else returned.
 */
function renderCluster(
  collected: SynthesizedCluster, writeOut: ((rendered: RenderedCluster) => void) | undefined,
): { cluster: SynthesizedCluster; fileNames: string[]; rendered?: RenderedCluster } {
  const layout = layoutClusterFiles(collected);
  let files: Map<string, string>;
  try {
    files = renderClusterFiles(collected, layout);
  } catch (error) {
    throw unwritableFieldError(collected) ?? error;
  }
  const cluster = { ...collected, renderedFiles: renderedFilesOf(layout, files) };
  const rendered = { files, objects: collected.objects, layout };
  writeOut?.(rendered);
  return { cluster, fileNames: [...files.keys()], rendered: writeOut ? undefined : rendered };
}

/**
 * The error to report when the files could not be written as YAML because an object holds a value no
 * document can (a BigInt, a Symbol, a function): named on the object's construct, with the field. Looked
 * for only once writing failed, so a run that writes pays nothing for it.
 */
function unwritableFieldError(cluster: SynthesizedCluster): InputError | undefined {
  for (const object of cluster.objects) {
    const field = firstUnwritableField(object.manifest);
    if (field) {
      return new InputError(`is ${field.what}, which no YAML or JSON document holds`, field.path, NON_JSON_HINT, nearestConstruct(cluster, object.constructPath));
    }
  }
  return undefined;
}

/**
 * The construct at `path` under the cluster's chart, or the nearest one above it that is still in the tree: an
 * app's rendered objects may have left it once collected (see `releaseObjectsWhenCollected`).
 */
function nearestConstruct(cluster: SynthesizedCluster, path: string): IConstruct {
  const chartPath = cluster.chart.node.path;
  const ids = (chartPath === '' ? path : path.slice(chartPath.length + 1)).split('/');
  let construct: IConstruct = cluster.chart;
  for (const id of ids) {
    const child = construct.node.tryFindChild(id);
    if (child === undefined) {
      break;
    }
    construct = child;
  }
  return construct;
}
