import type { Construct } from 'constructs';
import { DEBUG_VARIABLE } from '../validation/construction-errors';
import { Finding, formatFinding } from '../validation/finding';
import { thrownMessage } from '../validation/thrown-message';

/** What the constructs library raises when a construct is created under a locked tree. */
const LOCKED_TREE = /^Cannot add children (?:to "([^"]*)" )?during synthesis$/;

/** The line to report a late construct with, while a process reports them (see {@link lockAfterSynth}). */
let reportLate: ((line: string) => void) | undefined;

/**
 * Locks the tree a synth has written. A construct created later, in a promise callback or a timer that a
 * chart started, would otherwise be left out of the output without a word; under a locked tree its
 * creation throws. With `report` (the command line's own process), a promise rejected unhandled after
 * that, or an error thrown by a timer or callback, a late creation or any other failure of asynchronous
 * work a chart started, is reported as a finding and the exit status becomes 1, instead of Node's stack trace.
 */
export function lockAfterSynth(app: Construct, report: ((line: string) => void) | undefined): void {
  app.node.lock();
  if (report === undefined) {
    return;
  }
  if (reportLate === undefined) {
    const reportFailure = (reason: unknown, started: string) => {
      reportLate?.(formatFinding(lateConstructFinding(reason) ?? lateRejectionFinding(reason, started)));
      if (process.env[DEBUG_VARIABLE] === '1' && reason instanceof Error && reason.stack) {
        reportLate?.(reason.stack);
      }
      process.exitCode = 1;
    };
    process.on('unhandledRejection', (reason) => reportFailure(reason, 'a promise'));
    process.on('uncaughtException', (error) => reportFailure(error, 'a timer or callback'));
  }
  reportLate = report;
}

/** The finding for `error` when it is the creation of a construct under a tree already written. Pure. */
export function lateConstructFinding(error: unknown): Finding | undefined {
  const locked = error instanceof Error ? LOCKED_TREE.exec(error.message) : null;
  if (locked === null) {
    return undefined;
  }
  return {
    layer: 'props', severity: 'error', constructPath: locked[1] || '(app)', field: 'children',
    message: 'a construct was created here after synth had written the output (in a promise callback or a timer), so it is missing from it',
    hint: 'create every construct while the define function runs: do the asynchronous work before runSynthCli and pass its results to the charts',
  };
}

/**
 * The finding for asynchronous work a lab left running (`started`: a promise, a timer or callback) that
 * failed after synth. Pure.
 */
export function lateRejectionFinding(reason: unknown, started = 'a promise'): Finding {
  return {
    layer: 'props', severity: 'error', constructPath: '(app)', field: 'define',
    message: `${started} started while the lab was built failed after synth had written the output: ${thrownMessage(reason)}`,
    hint: `synth does not wait for promises: do the asynchronous work before runSynthCli and pass its results to the charts; run again with ${DEBUG_VARIABLE}=1 to see where it failed`,
  };
}
