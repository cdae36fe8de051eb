/** Whether the handlers are on the process's streams already. */
let installed = false;

/**
 * Lets a command of this package end quietly when whoever reads its output goes away, as in
 * `npm run synth 2>&1 | head`. Node reports a write to a pipe whose reader has gone as an `error` event of
 * `process.stdout` or `process.stderr`. With no listener it becomes an uncaught exception, and its report is
 * written to the same closed pipe, fails in turn, and the process never ends. With these listeners the
 * process exits at once, with the status its command reached, as Unix tools stop on SIGPIPE. The commands
 * run synchronously, so the event comes after the output folder was written or left as the run decided.
 *
 * A stream that fails otherwise (a full disk under a redirect) ends the process the same way, with status 1:
 * what it printed was lost. Does nothing after the first call.
 */
export function endWhenOutputCloses(): void {
  if (installed) {
    return;
  }
  installed = true;
  const end = (error: NodeJS.ErrnoException): void => {
    if (error?.code !== 'EPIPE' && !process.exitCode) {
      process.exitCode = 1;
    }
    process.exit();
  };
  process.stdout.on('error', end);
  process.stderr.on('error', end);
}
