import type { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { constructionFinding, partialTreeFindings } from '../validation/construction-errors';
import type { Finding } from '../validation/finding';

/** What running a command's define function gave. */
export interface BuiltSites {
  /** Whether `define` threw. */
  readonly failed: boolean;
  /** What `define` returned; undefined when it threw. */
  readonly defined?: unknown;
  /** Findings for an error `define` threw, with those already recorded on the part of the tree built; empty when it returned. */
  readonly findings: Finding[];
  /** The error `define` threw, for `HOMELAB_DEBUG=1`. */
  readonly error?: unknown;
}

/**
 * Runs `define` under `app` as every command does (synth, diff, validate): an error it throws becomes a
 * finding on the construct being built, never a stack trace.
 */
export function buildSites(app: App, define: (scope: Construct) => unknown): BuiltSites {
  try {
    return { failed: false, defined: define(app), findings: [] };
  } catch (error) {
    const thrown = constructionFinding(app, error, 'build');
    return { failed: true, findings: [...(thrown ? [thrown] : []), ...partialTreeFindings(app)], error };
  }
}
