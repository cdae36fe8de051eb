import type { IConstruct } from 'constructs';
import { constructionFinding, partialTreeFindings } from '../validation/construction-errors';
import { Finding } from '../validation/finding';
import { validateClusters } from '../validation/validate';
import { collectClusters, SynthesizedCluster } from './collect';
import { renderClusterFiles } from './render';
import { writeTreeAtomically } from './write';

/** Options of a synth run. */
export interface SynthesizeOptions {
  /** Folder that receives `<site>/<cluster>/` trees. Replaced as a whole. */
  readonly outdir: string;
  /** Write the files when everything validates. @default true */
  readonly write?: boolean;
}

/** What a synth run produced. */
export interface SynthesizeResult {
  /** The clusters and their objects. */
  readonly clusters: SynthesizedCluster[];
  /** Every finding; the run failed when one of them is an error. */
  readonly findings: Finding[];
  /** Checks that ran. */
  readonly checks: string[];
  /** Rendered files, relative to `outdir`. */
  readonly files: Map<string, string>;
  /** Whether `outdir` was replaced. */
  readonly written: boolean;
  /** The error that stopped synthesis, when one did (it is reported as a finding, too). @default - none */
  readonly error?: unknown;
}

/**
 * Synthesizes every ClusterChart under `root`: objects are built in memory, validated as a whole, and
 * written to `outdir` only when no error was found.
 */
export function synthesize(root: IConstruct, options: SynthesizeOptions): SynthesizeResult {
  let clusters: SynthesizedCluster[];
  let report: { findings: Finding[]; checks: string[] };
  const files = new Map<string, string>();
  try {
    clusters = collectClusters(root);
    report = validateClusters(clusters);
    for (const cluster of clusters) {
      for (const [file, content] of renderClusterFiles(cluster)) {
        files.set(file, content);
      }
    }
  } catch (error) {
    // A construct that fails while its objects are prepared or rendered is a finding like any other.
    const thrown = constructionFinding(root, error, 'synth');
    return { clusters: [], findings: [...(thrown ? [thrown] : []), ...partialTreeFindings(root)], checks: [], files: new Map(), written: false, error };
  }
  const failed = report.findings.some((f) => f.severity === 'error');
  const write = !failed && (options.write ?? true);
  if (write) {
    writeTreeAtomically(options.outdir, files);
  }
  return { clusters, findings: report.findings, checks: report.checks, files, written: write };
}
