/**
 * The mark of a run that did little of its command's work, and so compiled little of its code: a `--help`,
 * or an incremental synth that kept every cluster. The loader of a bundle (`scripts/bundle.js`) then writes
 * no V8 code cache of the run: every later run would take a cache of the few functions it compiled, and
 * compile the rest afresh each time, until the bundle changes. The loader, plain JavaScript outside the
 * bundle, reads the mark by this same registry key.
 */
const SHORT_RUN = Symbol.for('cdk8s-homelab.shortRun');

/** Marks the process's run as one that compiled little of its code (see {@link SHORT_RUN}). */
export function markShortRun(): void {
  (globalThis as Record<symbol, unknown>)[SHORT_RUN] = true;
}

/** Whether the process's run was marked as one that compiled little of its code. */
export function isShortRun(): boolean {
  return (globalThis as Record<symbol, unknown>)[SHORT_RUN] === true;
}
