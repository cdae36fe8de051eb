/** The probes whose absence is recorded: the two that gate traffic and restarts. */
export type RecordedProbe = 'readiness' | 'liveness';

/** Which recorded probes one long-running container goes without, and why. */
export interface MissingProbes {
  /** Container name. */
  readonly container: string;
  /** The probes it has none of, e.g. `['readiness']`. */
  readonly missing: readonly RecordedProbe[];
  /** Whether a probe among them was switched off (`false`), which needs a reason; otherwise there is no port to probe. */
  readonly switchedOff: boolean;
}

/** What the library writes when a container has no port for its default probes to check. */
export const NO_PORT_TO_PROBE = 'no port to probe';

/**
 * The reason recorded for the pod's missing probes (the `probes` exemption's annotation), one entry per
 * container that goes without one: the user's `reason` when given, else `no port to probe` for a container
 * whose default probes had nothing to check. Container names prefix the entries of a pod with several
 * main containers. Undefined when no container misses a probe. Pure.
 */
export function missingProbesReason(containers: readonly MissingProbes[], reason: string | undefined, several: boolean): string | undefined {
  const entries = containers.filter((c) => c.missing.length > 0).map((c) =>
    `${several ? `${c.container}: ` : ''}no ${c.missing.join(' or ')} probe: ${reason ?? NO_PORT_TO_PROBE}`);
  return entries.length > 0 ? entries.join('; ') : undefined;
}
