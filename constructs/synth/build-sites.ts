import type { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { cutShortFindings } from '../validation/construction-errors';
import type { Finding } from '../validation/finding';
import { buildFleet, FleetDefinition } from './fleet';
import { fleetShapeFinding } from './fleet-checks';
import { isThenable, settleQuietly } from './thenable';

/** What running a command's define function gave. */
export interface BuiltSites {
  /** Whether `define` threw, or returned a fleet of the wrong shape, or one whose clusters could not be built. */
  readonly failed: boolean;
  /** What `define` returned; undefined when it threw. */
  readonly defined?: unknown;
  /** Findings for an error `define` threw, with those already recorded on the part of the tree built; empty when it returned. */
  readonly findings: Finding[];
  /** The error `define` threw, for `HOMELAB_DEBUG=1`. */
  readonly error?: unknown;
}

/** What a command does with a fleet its define function returns. */
export interface BuildSitesOptions {
  /**
   * `build`: its clusters are built under the app, as `buildFleet` builds them (diff, validate); `return`:
   * it is handed back in `defined`, for synth to build one cluster at a time. A fleet of the wrong shape is
   * an error either way.
   * @default 'build'
   */
  readonly fleet?: 'build' | 'return';
}

/** Whether `value` is a fleet: an object with a list of clusters. */
export function isFleetDefinition(value: unknown): value is FleetDefinition {
  return typeof value === 'object' && value !== null && Array.isArray((value as FleetDefinition).clusters);
}

/**
 * The finding for a define function that returned a promise: commands build the lab synchronously, so
 * whatever it builds after its first `await` would come after the output is written, and be lost.
 */
function asyncDefineFinding(): Finding {
  return {
    layer: 'props', severity: 'error', constructPath: '(app)', field: 'define',
    message: 'the function that defines the sites returned a promise (an async function); the lab is built and written '
      + 'before it settles, so what it builds after an await would be missing from the output',
    hint: 'make it a plain function, and do the asynchronous work before: const data = await load(); runSynthCli((app) => new Main(app, data), { … })',
  };
}

/**
 * Runs `define` under `app` as every command does (synth, diff, validate): an error it throws becomes a
 * finding on the construct being built, never a stack trace, and so does a fleet it returns that is not
 * `{ clusters: [...] }` (it would be ignored, and nothing built).
 */
export function buildSites(app: App, define: (scope: Construct) => unknown, options: BuildSitesOptions = {}): BuiltSites {
  try {
    const defined = define(app);
    if (isThenable(defined)) {
      settleQuietly(defined);
      return { failed: true, defined, findings: [asyncDefineFinding()] };
    }
    const misshapen = fleetShapeFinding(defined);
    if (misshapen) {
      return { failed: true, defined, findings: [misshapen] };
    }
    if ((options.fleet ?? 'build') === 'build' && isFleetDefinition(defined)) {
      buildFleet(app, defined);
    }
    return { failed: false, defined, findings: [] };
  } catch (error) {
    return { failed: true, findings: cutShortFindings(app, { error, during: 'build' }), error };
  }
}
