import { Finding, formatFinding } from '../validation/finding';
import { reportOrder } from '../validation/findings-order';
import { defaultCoreDefinitionsFile, defaultCrdDirs } from '../validation/schema/sources';
import type { ClusterFigures, ClusterOutcome } from './outcome';
import type { SynthesizeResult } from './synth';

/** How much the synth command prints. */
export interface SummaryFlags {
  /** Print only errors and the final status line. @default false */
  readonly quiet?: boolean;
  /** Print one JSON document (see {@link SynthReport}) and nothing else. @default false */
  readonly json?: boolean;
}

/** Every switch of {@link SummaryFlags}, to name a misspelt one. */
export const SUMMARY_FLAGS: readonly string[] = Object.keys({ quiet: 0, json: 0 } satisfies Record<keyof SummaryFlags, 0>);

/** Reads `--quiet` and `--json` from command-line arguments; other arguments are left alone. */
export function parseSummaryFlags(argv: readonly string[]): SummaryFlags {
  return { quiet: argv.includes('--quiet'), json: argv.includes('--json') };
}

/** The figures of one cluster after synth. */
export interface ClusterReport extends ClusterFigures {
  /** `<site>/<cluster>`. */
  readonly folder: string;
  /** Error findings. */
  readonly errors: number;
  /** Warning findings. */
  readonly warnings: number;
}

/** What `--json` prints. */
export interface SynthReport {
  /** Whether the output was written. */
  readonly ok: boolean;
  /** Output folder. */
  readonly outdir: string;
  /** Files rendered. */
  readonly files: number;
  /** Checks that ran. */
  readonly checks: readonly string[];
  /** Where the upstream schemas were read from; `missing` when the schema layer could not check. */
  readonly schemas: SchemaSources;
  /** Per cluster figures. */
  readonly clusters: readonly ClusterReport[];
  /** Every finding, errors first (those of the inventory's facts before the others). */
  readonly findings: readonly Finding[];
}

/** Where the schema layer reads upstream schemas from by default. */
export interface SchemaSources {
  /** The Kubernetes core definitions file, or null when there is none. */
  readonly core: string | null;
  /** CRD folders read. */
  readonly crds: readonly string[];
  /** Whether core or CRD schemas are missing, so objects were not (all) schema-checked. */
  readonly missing: boolean;
}

/** The default schema sources (environment, `../shared/schemas`, or the package's bundle). */
export function schemaSources(): SchemaSources {
  const core = defaultCoreDefinitionsFile() ?? null;
  const crds = defaultCrdDirs();
  return { core, crds, missing: core === null || crds.length === 0 };
}

/** The loud line printed when the schema layer had no upstream schemas. */
export function missingSchemasLine(sources: SchemaSources): string {
  const what = sources.core === null && sources.crds.length === 0 ? 'no upstream schemas' : sources.core === null ? 'no Kubernetes core schema' : 'no CRD schemas';
  return `SCHEMAS MISSING: ${what} found, so objects were NOT schema-checked. Set HOMELAB_K8S_SCHEMA and HOMELAB_CRDS_DIR, `
    + 'or build the bundle with `npm run schemas` (the published package ships it).';
}

/** Whether a construct path lies inside the cluster chart's subtree. */
function inCluster(chartPath: string, constructPath: string): boolean {
  return constructPath === chartPath || constructPath.startsWith(`${chartPath}/`);
}

/** The figures of one cluster. */
export function clusterReport(outcome: ClusterOutcome, findings: readonly Finding[]): ClusterReport {
  const own = findings.filter((f) => inCluster(outcome.chartPath, f.constructPath));
  return {
    folder: outcome.folder,
    ...outcome.figures,
    errors: own.filter((f) => f.severity === 'error').length,
    warnings: own.filter((f) => f.severity === 'warning').length,
  };
}

/** The whole run as data: what `--json` prints. */
export function synthReport(result: SynthesizeResult, outdir: string): SynthReport {
  const findings = reportOrder(result.findings);
  return {
    ok: !findings.some((f) => f.severity === 'error'),
    outdir,
    files: result.fileCount,
    checks: result.checks,
    schemas: schemaSources(),
    clusters: result.outcomes.map((o) => clusterReport(o, result.findings)),
    findings,
  };
}

/**
 * A run that failed before anything was synthesized (a usage error, an error thrown while the sites were
 * built) as data: `--json` promises one JSON document whatever happens. Pure but for reading where the
 * schemas are.
 */
export function failureReport(findings: readonly Finding[], outdir: string): SynthReport {
  return {
    ok: false, outdir, files: 0, checks: [], schemas: schemaSources(), clusters: [],
    findings: reportOrder(findings),
  };
}

/** A fixed-width text table: a header row, a rule, then rows; numbers align right. */
export function textTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: ReadonlyArray<string>, numeric: boolean[]) => r
    .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
    .join('  ').trimEnd();
  const numeric = header.map((_, i) => i > 0 && rows.every((r) => typeof r[i] === 'number'));
  return [line(header, numeric.map(() => false)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map((r) => line(r, numeric))];
}

/** The compact per-cluster table. */
export function clusterTable(report: SynthReport): string[] {
  return textTable(
    ['cluster', 'objects', 'apps', 'components', 'warnings', 'errors', 'placeholders', 'by hand'],
    report.clusters.map((c) => [c.folder, c.objects, c.apps, c.components, c.warnings, c.errors, c.placeholders.length, c.ownerActions.length]),
  );
}

/** Lines that list, per cluster, the placeholders still to fill in and the other steps by hand. */
export function toDoLines(report: SynthReport): string[] {
  return report.clusters.flatMap((c) => {
    const others = c.ownerActions.filter((a) => a.kind !== 'placeholder');
    return [
      ...(c.placeholders.length > 0 ? [`${c.folder}: ${c.placeholders.length} placeholder(s) to fill in`] : []),
      ...c.placeholders.map((p) => `  ${p.where} = ${p.value}: ${p.fact}; ${p.owner}`),
      ...(others.length > 0 ? [`${c.folder}: ${others.length} step(s) by hand`] : []),
      ...others.map((a) => `  ${a.kind} (${a.source}): ${a.action}`),
    ];
  });
}

/** Options of {@link printSynthReport}. */
export interface PrintSynthReportOptions extends SummaryFlags {
  /** Output folder. */
  readonly outdir: string;
  /** Where lines go. */
  readonly log: (line: string) => void;
  /** Milliseconds the run took, for the final line. */
  readonly millis: number;
}

/**
 * Prints a synth run: the per-cluster table, then every finding in full, the placeholders and owner
 * actions, exemptions, and one final status line. `quiet` prints only errors and the status line; `json`
 * prints one JSON document.
 */
export function printSynthReport(result: SynthesizeResult, options: PrintSynthReportOptions): void {
  const { log, outdir } = options;
  const report = synthReport(result, outdir);
  if (options.json) {
    log(JSON.stringify(report, null, 2));
    return;
  }
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.length - errors.length;
  const checks = report.schemas.missing ? report.checks.map((c) => (c === 'upstream-schemas' ? 'upstream-schemas (SKIPPED: no schemas)' : c)) : report.checks;
  const status = result.written
    ? `synth ok: ${report.files} files, ${report.clusters.reduce((n, c) => n + c.objects, 0)} objects, `
      + `checks: ${checks.join(', ')}; ${warnings} warning(s); `
      + `${result.kept.length > 0 ? `${result.kept.length} of ${result.outcomes.length} clusters unchanged; ` : ''}${options.millis.toFixed(0)} ms`
    : `synth failed: ${errors.length} error(s), ${warnings} warning(s); ${outdir}/ was left unchanged.`;
  if (options.quiet) {
    errors.forEach((f) => log(formatFinding(f)));
    if (report.schemas.missing) {
      log(missingSchemasLine(report.schemas));
    }
    log(status);
    return;
  }
  // A run stopped before any cluster was complete has no row to show: its findings say why.
  if (report.clusters.length > 0) {
    clusterTable(report).forEach((line) => log(line));
  }
  report.findings.forEach((f) => log(formatFinding(f)));
  if (result.written) {
    result.outcomes.forEach((o) => o.summaryLines.forEach((line) => log(line)));
    toDoLines(report).forEach((line) => log(line));
  }
  if (report.schemas.missing) {
    log(missingSchemasLine(report.schemas));
  }
  log(status);
}
