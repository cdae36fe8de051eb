import type { Construct, IConstruct } from 'constructs';
import { addedChildFinding, buildCutShort, cutShortFindings } from '../validation/construction-errors';
import { clusterIdentityFindings } from '../validation/cluster-identity';
import { Finding } from '../validation/finding';
import { flushSchemaResults } from '../validation/schema-layer';
import { CLUSTER_CHECKS, checkNamesOf, orderFindings, validateFleet } from '../validation/validate';
import { collectCluster, collectClusters, SynthesizedCluster } from './collect';
import { claimsByFileOf, constructPathsOf, DayTwoReport, dayTwoChanges, withDayTwoReport } from './day-two';
import { RemovedCluster, removedClusters, withClaimsMovedAcross } from './day-two-fleet';
import { FleetBuilder, FleetDefinition } from './fleet';
import { fleetDefinitionFindings, folderMismatch, noClusterFinding, unusedSiteFindings } from './fleet-checks';
import { IncrementalSynth } from './incremental';
import { ClusterOutcome, RenderedCluster, synthesizeCluster } from './outcome';
import { outsideClusterFindings } from './stray-objects';
import { outdirFinding, outdirState } from './outdir';
import { recordingSourceFiles, sourceFilesReadOutsideBuilds } from './source-files';
import { markShortRun } from './short-run';
import { ClusterThreads, rememberSynthWork, serveWorkerTask, StagedCluster, SynthThreadsOptions, workerTask } from './threads';
import { clusterFoldersOf, filesLeaving, previousVersions, previousVersionsIn, StagedOutput, stageFiles, writeTreeAtomically } from './write';

/** Options of a synth run. */
export interface SynthesizeOptions {
  /** Folder that receives `<site>/<cluster>/` trees. After a run that wrote, it holds exactly that run's files. */
  readonly outdir: string;
  /** Write the files when everything validates. @default true */
  readonly write?: boolean;
  /**
   * The output the day-2 check compares the new one with (paths relative to `outdir`), e.g. `outdir` as
   * committed at a Git ref, which `npm run diff` compares with.
   * @default - the files in `outdir`
   */
  readonly previousOutput?: ReadonlyMap<string, string>;
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
  /**
   * Build clusters on worker threads too, each on its own (a cluster that needs another builds that one
   * as well). Output, findings and their order are those of a run on one thread; when a cluster fails,
   * the run is repeated on one thread, so that it is reported as such a run reports it.
   * @default - every cluster is built on the calling thread
   */
  readonly threads?: SynthThreadsOptions;
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
  /**
   * Folders of the clusters that worker threads built (see {@link SynthesizeFleetOptions.threads}), in fleet order.
   * @default - none
   */
  readonly builtOnWorkers?: readonly string[];
  /**
   * Cluster folders of the previous output that this run does not write (a cluster removed from the fleet
   * or renamed), each with its warning (also among `findings`).
   * @default - none
   */
  readonly removedClusters?: readonly RemovedCluster[];
  /** Whether `outdir` was replaced. */
  readonly written: boolean;
  /** The error that stopped synthesis, when one did (it is reported as a finding, too). @default - none */
  readonly error?: unknown;
}

function failedResult(root: IConstruct, error: unknown, during: 'build' | 'synth'): SynthesizeResult {
  // A tree that holds itself overflows the stack of whichever walk meets it first.
  const circle = error instanceof RangeError ? addedChildFinding(root) : undefined;
  if (circle) {
    return stoppedResult([circle]);
  }
  return { ...stoppedResult(cutShortFindings(root, { error, during })), error };
}

/** A run stopped by `findings` before anything was written. */
function stoppedResult(findings: Finding[]): SynthesizeResult {
  return { clusters: [], outcomes: [], findings, checks: [], files: new Map(), fileCount: 0, kept: [], written: false };
}

/**
 * The findings of a run: each cluster's own, then those of the checks across clusters. Those checks
 * run only when the clusters can be told apart (no two in one folder, no two sites of one name).
 */
function runFindings(outcomes: readonly ClusterOutcome[]): Finding[] {
  const facts = outcomes.map((o) => o.facts);
  const clashes = clusterIdentityFindings(facts);
  return orderFindings(outcomes.map((o) => o.findings), clashes.length > 0 ? clashes : validateFleet(facts, CLUSTER_CHECKS));
}

/**
 * Writes the output folder through `write`, or the finding that says why it could not be written (a
 * folder without write permission, a full disk); the output folder is then as it was.
 */
function writeOutput(outdir: string, write: () => void): Finding | undefined {
  // The one decision on which folders synth may replace, whichever entry point writes.
  return outdirFinding(outdir) ?? writtenOrFinding(outdir, write);
}

/**
 * {@link writeOutput} for the clusters of one run, staged one after another: the output folder is checked
 * at the first, as it is again at the commit.
 */
function outputWriter(outdir: string): (write: () => void) => Finding | undefined {
  let checked = false;
  return (write) => {
    const unsafe = checked ? undefined : outdirFinding(outdir);
    checked = unsafe === undefined;
    return unsafe ?? writtenOrFinding(outdir, write);
  };
}

/** Runs `write`; the finding that says why the output folder could not be written when it throws. */
function writtenOrFinding(outdir: string, write: () => void): Finding | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    return {
      layer: 'props', severity: 'error', constructPath: '(app)', field: 'outdir',
      message: `writing ${outdir}/ failed, and it was left as it was: ${error instanceof Error ? error.message : String(error)}`,
      hint: `check that ${outdir}/ and the folder it is in can be written (permissions, free space), then run again`,
    };
  }
}

/**
 * Synthesizes every ClusterChart under `root`: objects are built in memory, validated as a whole, and
 * written to `outdir` only when no error was found. Keeps every object and file in the result.
 */
export function synthesize(root: IConstruct, options: SynthesizeOptions): SynthesizeResult {
  let clusters: SynthesizedCluster[];
  const outcomes: ClusterOutcome[] = [];
  const files = new Map<string, string>();
  if (buildCutShort(root)) {
    // A build that code cut short and caught (a recorded error, a chart that rejected its props) stops the run as a failed build does.
    return stoppedResult(cutShortFindings(root));
  }
  const dayTwo: Array<{ folder: string; report: DayTwoReport | undefined }> = [];
  let removed: RemovedCluster[];
  let strays: Finding[];
  try {
    clusters = collectClusters(root);
    strays = outsideClusterFindings(root);
    if (clusters.length === 0) {
      return stoppedResult(strays.length > 0 ? strays : [noClusterFinding('app')]);
    }
    for (const cluster of clusters) {
      const { outcome, rendered } = synthesizeCluster(cluster);
      outcomes.push(outcome);
      dayTwo.push({ folder: cluster.folder, report: writable(outcome) ? dayTwoReport(outcome.chartPath, previousOutputOf(options, cluster.folder, rendered!.files), rendered!) : undefined });
      rendered!.files.forEach((content, file) => files.set(file, content));
    }
    removed = removedClustersOf(options, clusters.map((c) => c.folder));
  } catch (error) {
    // A construct that fails while its objects are prepared or rendered is a finding like any other.
    return failedResult(root, error, 'synth');
  }
  withClaimsMovedAcross(dayTwo).forEach((report, position) => {
    outcomes[position] = withDayTwoReport(outcomes[position], report);
  });
  const findings = [...strays, ...runFindings(outcomes), ...removed.map((r) => r.finding)];
  const write = !findings.some((f) => f.severity === 'error') && (options.write ?? true);
  const failed = write ? writeOutput(options.outdir, () => writeTreeAtomically(options.outdir, files)) : undefined;
  return {
    clusters, outcomes, findings: failed ? [...findings, failed] : findings, checks: checkNamesOf(CLUSTER_CHECKS), files,
    fileCount: files.size, kept: [], removedClusters: removed, written: write && !failed,
  };
}

/**
 * Builds and synthesizes a fleet one cluster at a time: each cluster is built, validated on its own,
 * rendered and written to a staging folder, and let go; then the checks across clusters run over what
 * each left, and the staging folder replaces `outdir` only when no error was found. With an input
 * graph, clusters whose inputs did not change are kept from the previous run (see
 * {@link SynthesizeFleetOptions.inputGraph}); with threads, worker threads build clusters too (see
 * {@link SynthesizeFleetOptions.threads}). The result is the same either way.
 */
export function synthesizeFleet(root: Construct, fleet: FleetDefinition, options: SynthesizeFleetOptions): SynthesizeResult {
  const task = workerTask();
  if (task !== undefined) {
    const builder = new FleetBuilder(root, fleet);
    const writer = outputWriter(options.outdir);
    // A cluster that cannot be staged here fails on the thread that repeats the run, with its finding.
    serveWorkerTask(task, (folder) => buildCluster(builder, folder, options, writer).built, flushSchemaResults);
  }
  // A fleet that lists its clusters wrongly is refused before anything is built, staged or removed.
  const listed = fleetDefinitionFindings(fleet);
  if (listed.length > 0) {
    if (options.threads) {
      ClusterThreads.dismissEarly(options.threads);
    }
    return stoppedResult(listed);
  }
  const write = options.write ?? true;
  const incremental = write && typeof options.inputGraph === 'string' && sourceFilesReadOutsideBuilds().length === 0
    ? IncrementalSynth.open(options.inputGraph, options.outdir, fleet)
    : undefined;
  const output = new StagedOutput(options.outdir);
  // Clusters kept from the previous run take their place at once; the others are built, on this thread
  // or a worker's, and take theirs as they come.
  const outcomes: Array<ClusterOutcome | undefined> = [];
  // Day-2 changes of the clusters built, by position: reported for this run, not remembered with the outcomes.
  const dayTwo: Array<DayTwoReport | undefined> = [];
  const toBuild: number[] = [];
  const kept: string[] = [];
  let fileCount = 0;
  try {
    fleet.clusters.forEach((definition, position) => {
      const reusable = incremental?.reusable(definition.folder);
      if (reusable) {
        outcomes[position] = reusable.outcome;
        kept.push(definition.folder);
        fileCount += reusable.outcome.files.length;
        output.keep(definition.folder);
      } else {
        toBuild.push(position);
      }
    });
  } catch (error) {
    output.discard();
    if (options.threads) {
      ClusterThreads.dismissEarly(options.threads);
    }
    return failedResult(root, error, 'synth');
  }
  if (toBuild.length === 0) {
    markShortRun();
  }
  const folders = toBuild.map((position) => fleet.clusters[position].folder);
  if (write && folders.length > 0) {
    // Before any thread stages a cluster into it.
    const unopened = writeOutput(options.outdir, () => output.open());
    if (unopened) {
      if (options.threads) {
        ClusterThreads.dismissEarly(options.threads);
      }
      return stoppedResult([unopened]);
    }
  }
  const threads = options.threads && ClusterThreads.plan(options.threads, folders);
  const writer = outputWriter(options.outdir);
  // Records a staged cluster in the new version; a finding when it cannot be.
  const accept = (index: number, built: StagedCluster): Finding | undefined => {
    incremental?.recordReadFiles(folders[index], built.readFiles);
    outcomes[toBuild[index]] = built.outcome;
    dayTwo[toBuild[index]] = built.dayTwo;
    fileCount += built.outcome.files.length;
    return write && writable(built.outcome) ? writer(() => output.adopt(built.outcome.files, built.staged)) : undefined;
  };
  let failedOnThreads = false;
  const builtOnWorkers: number[] = [];
  // A worker's cluster that failed, or that could not be staged, makes the run repeat on one thread.
  const acceptReply = (index: number, built: StagedCluster | undefined): void => {
    if (built && !accept(index, built)) {
      builtOnWorkers.push(index);
      return;
    }
    failedOnThreads = true;
  };
  const builder = new FleetBuilder(root, fleet);
  const claim = threads ? () => threads.claim() : counter();
  // What this thread's clusters took, the first apart (its code ran for the first time): the next run
  // starts its workers early when the whole was long.
  let builtHere = 0;
  let firstMs = 0;
  let laterMs = 0;
  // Builds and stages the cluster at `index`; what stops the run, if anything. A function of its own, so
  // that nothing of the cluster outlives it: a register of this long-running frame that still held the
  // built cluster would keep its files alive while the next one is built.
  const buildHere = (index: number): ClusterAttempt | undefined => {
    // Not `performance.now()`: its first use loads perf_hooks, some milliseconds of a small synth.
    const started = process.hrtime.bigint();
    const built = buildCluster(builder, folders[index], options, writer);
    const took = Number(process.hrtime.bigint() - started) / 1e6;
    if (builtHere++ === 0) {
      firstMs = took;
    } else {
      laterMs += took;
    }
    if (!built.built) {
      return built;
    }
    const stop = accept(index, built.built);
    return stop ? { during: 'synth', stop } : undefined;
  };
  let attempt: ClusterAttempt | undefined;
  for (let index = claim(); index < folders.length && !failedOnThreads; index = claim()) {
    attempt = buildHere(index);
    if (attempt) {
      break;
    }
    threads?.drain(acceptReply);
    threads?.pace();
  }
  if (options.threads && builtHere > 0) {
    rememberSynthWork(options.threads, (builtHere > 1 ? laterMs / (builtHere - 1) : firstMs) * folders.length);
  }
  if (threads) {
    if (attempt || failedOnThreads) {
      threads.stop();
    }
    threads.finish(acceptReply);
    if (attempt || failedOnThreads) {
      // Which cluster fails first, and the tree as it stands then, are those of a run on one thread: the
      // run is repeated so, from a tree without what this one built.
      output.discard();
      builder.clear();
      return synthesizeFleet(root, fleet, { ...options, threads: undefined });
    }
  }
  if (attempt) {
    output.discard();
    if (attempt.stop) {
      return stoppedResult([attempt.stop]);
    }
    const failed = attempt.cutShort ? stoppedResult(cutShortFindings(root)) : failedResult(root, attempt.error, attempt.during);
    // Clusters synthesized before the failure have left the tree; their findings are in their outcomes.
    const before = outcomes.slice(0, outcomes.findIndex((outcome) => outcome === undefined));
    return { ...failed, findings: [...failed.findings, ...before.flatMap((o) => o!.findings)] };
  }
  const complete = outcomes as ClusterOutcome[];
  const acrossClusters = withClaimsMovedAcross(complete.map((outcome, position) => ({ folder: outcome.folder, report: dayTwo[position] })));
  const reported = complete.map((outcome, position) => withDayTwoReport(outcome, acrossClusters[position]));
  let removed: RemovedCluster[];
  try {
    removed = removedClustersOf(options, fleet.clusters.map((definition) => definition.folder));
  } catch (error) {
    output.discard();
    return failedResult(root, error, 'synth');
  }
  const findings = [...runFindings(reported), ...removed.map((r) => r.finding), ...unusedSiteFindings(fleet)];
  const ok = !findings.some((f) => f.severity === 'error');
  const failed = ok && write ? writeOutput(options.outdir, () => output.commit()) : undefined;
  if (ok && write && !failed) {
    incremental?.save(complete);
  } else {
    output.discard();
  }
  return {
    clusters: [], outcomes: reported, findings: failed ? [...findings, failed] : findings, checks: checkNamesOf(CLUSTER_CHECKS),
    files: new Map(), fileCount, kept, builtOnWorkers: builtOnWorkers.sort((a, b) => a - b).map((index) => folders[index]),
    removedClusters: removed, written: ok && write && !failed,
  };
}

/** What staging a cluster's rendered files gave: the files written, and their day-2 changes. */
interface StagedFiles {
  /** The files written to the staging folder: new or changed. */
  readonly staged: readonly string[];
  /** Their day-2 changes against the output folder (or `previousOutput`). */
  readonly dayTwo: DayTwoReport;
}

/**
 * Stages a cluster's files as soon as they are rendered, before validation, and works out their day-2
 * changes: their text then need not live through validation, nor travel to the main thread. Whether they
 * count is known once the cluster is validated: a cluster with errors stops the run, and the staging
 * folder is dropped. Throws when they cannot be staged.
 */
function stageRendered(options: SynthesizeOptions, folder: string, chartPath: string, rendered: RenderedCluster): StagedFiles {
  const written = stageFiles(options.outdir, rendered.files);
  filesLeaving(options.outdir, folder, rendered.files).forEach((text, file) => written.replaced.set(file, text));
  const previous = options.previousOutput ? previousVersionsIn(options.previousOutput, folder, rendered.files) : written.replaced;
  return { staged: written.staged, dayTwo: dayTwoReport(chartPath, previous, rendered) };
}

/**
 * How building one cluster went: built, or stopped by a finding (the chart names another folder than
 * the fleet lists, its files could not be staged), or an error was thrown.
 */
interface ClusterAttempt {
  /** What was being done. */
  readonly during: 'build' | 'synth';
  /** The cluster, when it was built (and staged, when the run writes). */
  readonly built?: StagedCluster;
  /** The finding that stops the run. */
  readonly stop?: Finding;
  /** The error thrown. */
  readonly error?: unknown;
  /** Whether the code that built the cluster caught an error and recorded it (see {@link buildCutShort}). @default false */
  readonly cutShort?: boolean;
}

/**
 * Builds, renders, stages (when the run writes) and validates the cluster of `folder` on this thread,
 * and lets it go. `writer`: the run's {@link outputWriter} on this thread.
 */
function buildCluster(
  builder: FleetBuilder, folder: string, options: SynthesizeOptions, writer: (write: () => void) => Finding | undefined,
): ClusterAttempt {
  let during: 'build' | 'synth' = 'build';
  try {
    const { value: chart, files: readFiles } = recordingSourceFiles(() => builder.chart(folder));
    if (buildCutShort(chart)) {
      // Reported as a build that threw is: its findings, and nothing that the code after the error would have declared.
      return { during, cutShort: true };
    }
    during = 'synth';
    const mismatch = folderMismatch(chart, folder, builder.definitionField(folder));
    if (mismatch) {
      return { during, stop: mismatch };
    }
    const chartPath = chart.node.path;
    let stagedFiles: StagedFiles | undefined;
    let unstaged: Finding | undefined;
    const writeOut = options.write === false ? undefined : (rendered: RenderedCluster) => {
      unstaged = writer(() => {
        stagedFiles = stageRendered(options, folder, chartPath, rendered);
      });
    };
    const { outcome, rendered } = synthesizeCluster(collectCluster(chart, chartPath, { releaseObjects: !builder.isReadLater(folder) }), writeOut);
    builder.release(folder);
    if (unstaged) {
      return { during, stop: unstaged };
    }
    if (!writable(outcome)) {
      return { during, built: { outcome, staged: [], readFiles } };
    }
    const dayTwo = stagedFiles?.dayTwo ?? dayTwoReport(chartPath, previousOutputOf(options, folder, rendered!.files), rendered!);
    return { during, built: { outcome, staged: stagedFiles?.staged ?? [], dayTwo, readFiles } };
  } catch (error) {
    return { during, error };
  }
}

/** Claims 0, 1, 2, … : the cluster order of a run on one thread. */
function counter(): () => number {
  let next = 0;
  return () => next++;
}

/** The previous versions of a cluster's files that the day-2 check compares with (see {@link SynthesizeOptions.previousOutput}). */
function previousOutputOf(options: SynthesizeOptions, folder: string, files: ReadonlyMap<string, string>): Map<string, string | undefined> {
  return options.previousOutput ? previousVersionsIn(options.previousOutput, folder, files) : previousVersions(options.outdir, folder, files);
}

/** The cluster folders of the previous output (see {@link SynthesizeOptions.previousOutput}) that `folders` leaves out, with their warnings. */
function removedClustersOf(options: SynthesizeOptions, folders: readonly string[]): RemovedCluster[] {
  const outdir = options.previousOutput ? undefined : outdirState(options.outdir);
  if (outdir?.finding) {
    return []; // a folder synth refuses to replace (it says so) is no previous output
  }
  const previous = outdir ? outdir.clusterFolders : clusterFoldersOf(options.previousOutput!);
  const filesOf = (folder: string) => previousOutputOf(options, folder, new Map()) as Map<string, string>;
  return removedClusters(previous, folders, filesOf);
}

/**
 * Whether a cluster's output can be written as far as its own findings go. The day-2 changes of one that
 * cannot are not worked out: an output that is not written changes nothing in the cluster, and its steps
 * would be steps for a sync that does not come.
 */
function writable(outcome: ClusterOutcome): boolean {
  return !outcome.findings.some((finding) => finding.severity === 'error');
}

/**
 * The day-2 changes of a cluster's new files against the `previous` versions of those that change, are
 * new (`undefined`) or leave.
 */
function dayTwoReport(chartPath: string, previous: ReadonlyMap<string, string | undefined>, rendered: RenderedCluster): DayTwoReport {
  const before = new Map([...previous].filter((entry): entry is [string, string] => entry[1] !== undefined));
  const current = new Map([...rendered.files].filter(([file]) => previous.has(file)));
  // A cluster with previous files has its changes reported on its constructs; one without, only its claims read.
  const changes = before.size > 0;
  return dayTwoChanges({
    chartPath, previous: before, current, allCurrent: rendered.files, rendered: rendered.layout,
    constructPaths: changes ? constructPathsOf(rendered.objects) : new Map(), claimsByFile: changes ? undefined : claimsByFileOf(rendered.layout),
  });
}
