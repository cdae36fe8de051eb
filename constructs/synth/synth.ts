import type { Construct, IConstruct } from 'constructs';
import type { ClusterChart } from '../platform/cluster-chart';
import { constructionFinding, partialTreeFindings } from '../validation/construction-errors';
import { Finding } from '../validation/finding';
import { CLUSTER_CHECKS, checkNamesOf, orderFindings, validateFleet } from '../validation/validate';
import { collectCluster, collectClusters, SynthesizedCluster } from './collect';
import { FleetBuilder, FleetDefinition } from './fleet';
import { IncrementalSynth } from './incremental';
import { ClusterOutcome, synthesizeCluster } from './outcome';
import { recordingSourceFiles, sourceFilesReadOutsideBuilds } from './source-files';
import { StagedOutput, writeTreeAtomically } from './write';

/** Options of a synth run. */
export interface SynthesizeOptions {
  /** Folder that receives `<site>/<cluster>/` trees. After a run that wrote, it holds exactly that run's files. */
  readonly outdir: string;
  /** Write the files when everything validates. @default true */
  readonly write?: boolean;
}

/** Options of a synth run over a {@link FleetDefinition}. */
export interface SynthesizeFleetOptions extends SynthesizeOptions {
  /**
   * The input graph of the synth bundle (`.build/<name>.inputs.json`, written by the bundler): with it,
   * clusters whose inputs did not change since the last run that wrote `outdir` are kept as they are,
   * and only the others are built, validated and written again. The output is the same either way.
   * @default - every cluster is built
   */
  readonly inputGraph?: string;
}

/** What a synth run produced. */
export interface SynthesizeResult {
  /**
   * The collected clusters and their objects. Empty for {@link synthesizeFleet}, which lets each
   * cluster go as soon as its files are written.
   */
  readonly clusters: SynthesizedCluster[];
  /** What each cluster's synth produced besides its files, in output order. */
  readonly outcomes: ClusterOutcome[];
  /** Every finding; the run failed when one of them is an error. */
  readonly findings: Finding[];
  /** Checks that ran. */
  readonly checks: string[];
  /** Rendered files, relative to `outdir`. Empty for {@link synthesizeFleet}. */
  readonly files: Map<string, string>;
  /** How many files the output holds. */
  readonly fileCount: number;
  /** Folders of clusters kept from the previous run (incremental synth). */
  readonly kept: string[];
  /** Whether `outdir` was replaced. */
  readonly written: boolean;
  /** The error that stopped synthesis, when one did (it is reported as a finding, too). @default - none */
  readonly error?: unknown;
}

function failedResult(root: IConstruct, error: unknown, during: 'build' | 'synth'): SynthesizeResult {
  const thrown = constructionFinding(root, error, during);
  return {
    clusters: [], outcomes: [], findings: [...(thrown ? [thrown] : []), ...partialTreeFindings(root)], checks: [],
    files: new Map(), fileCount: 0, kept: [], written: false, error,
  };
}

/** The findings of a run: each cluster's own, then those of the checks across clusters. */
function runFindings(outcomes: readonly ClusterOutcome[]): Finding[] {
  return orderFindings(outcomes.map((o) => o.findings), validateFleet(outcomes.map((o) => o.facts), CLUSTER_CHECKS));
}

/**
 * Synthesizes every ClusterChart under `root`: objects are built in memory, validated as a whole, and
 * written to `outdir` only when no error was found. Keeps every object and file in the result.
 */
export function synthesize(root: IConstruct, options: SynthesizeOptions): SynthesizeResult {
  let clusters: SynthesizedCluster[];
  const outcomes: ClusterOutcome[] = [];
  const files = new Map<string, string>();
  try {
    clusters = collectClusters(root);
    for (const cluster of clusters) {
      const synthesized = synthesizeCluster(cluster);
      outcomes.push(synthesized.outcome);
      synthesized.files.forEach((content, file) => files.set(file, content));
    }
  } catch (error) {
    // A construct that fails while its objects are prepared or rendered is a finding like any other.
    return failedResult(root, error, 'synth');
  }
  const findings = runFindings(outcomes);
  const write = !findings.some((f) => f.severity === 'error') && (options.write ?? true);
  if (write) {
    writeTreeAtomically(options.outdir, files);
  }
  return { clusters, outcomes, findings, checks: checkNamesOf(CLUSTER_CHECKS), files, fileCount: files.size, kept: [], written: write };
}

/**
 * Builds and synthesizes a fleet one cluster at a time: each cluster is built, validated on its own,
 * rendered and written to a staging folder, and let go; then the checks across clusters run over what
 * each left, and the staging folder replaces `outdir` only when no error was found. With an input
 * graph, clusters whose inputs did not change are kept from the previous run (see
 * {@link SynthesizeFleetOptions.inputGraph}).
 */
export function synthesizeFleet(root: Construct, fleet: FleetDefinition, options: SynthesizeFleetOptions): SynthesizeResult {
  const builder = new FleetBuilder(root, fleet);
  const write = options.write ?? true;
  const incremental = write && options.inputGraph !== undefined && sourceFilesReadOutsideBuilds().length === 0
    ? IncrementalSynth.open(options.inputGraph, options.outdir, fleet)
    : undefined;
  const output = new StagedOutput(options.outdir);
  const outcomes: ClusterOutcome[] = [];
  const kept: string[] = [];
  let fileCount = 0;
  let during: 'build' | 'synth' = 'build';
  try {
    for (const definition of fleet.clusters) {
      const reusable = incremental?.reusable(definition.folder);
      if (reusable) {
        outcomes.push(reusable.outcome);
        kept.push(definition.folder);
        fileCount += reusable.outcome.files.length;
        output.keep(definition.folder);
        continue;
      }
      during = 'build';
      const { value: chart, files: readFiles } = recordingSourceFiles(() => builder.chart(definition.folder));
      incremental?.recordReadFiles(definition.folder, readFiles);
      during = 'synth';
      const mismatch = folderMismatch(chart, definition.folder);
      if (mismatch) {
        output.discard();
        return { clusters: [], outcomes: [], findings: [mismatch], checks: [], files: new Map(), fileCount: 0, kept: [], written: false };
      }
      const synthesized = synthesizeCluster(collectCluster(chart, chart.node.path));
      builder.release(definition.folder);
      outcomes.push(synthesized.outcome);
      fileCount += synthesized.files.size;
      if (write) {
        output.write(synthesized.files);
      }
    }
  } catch (error) {
    output.discard();
    const failed = failedResult(root, error, during);
    // Clusters synthesized before the failure have left the tree; their findings are in their outcomes.
    return { ...failed, findings: [...failed.findings, ...outcomes.flatMap((o) => o.findings)] };
  }
  const findings = runFindings(outcomes);
  const ok = !findings.some((f) => f.severity === 'error');
  if (ok && write) {
    output.commit();
    incremental?.save(outcomes);
  } else {
    output.discard();
  }
  return { clusters: [], outcomes, findings, checks: checkNamesOf(CLUSTER_CHECKS), files: new Map(), fileCount, kept, written: ok && write };
}

function folderMismatch(chart: ClusterChart, folder: string): Finding | undefined {
  if (chart.folder === folder) {
    return undefined;
  }
  return {
    layer: 'props', severity: 'error', constructPath: chart.node.path, field: 'folder',
    message: `the fleet lists this cluster as "${folder}", but it writes to "${chart.folder}"`,
    hint: 'give the cluster definition the folder `<site name>/<chart id>` of the chart its build returns',
  };
}
