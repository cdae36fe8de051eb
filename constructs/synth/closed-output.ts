/**
 * The name of the handler on a stream: a process holding two copies of the library (two versions in node_modules,
 * or a test runner's fresh module registries, whose `process.stdout` may be an object of its own over the one
 * stream) gives each stream one handler, not one per copy. The stream's own listeners tell, wherever it is reached from.
 */
const HANDLER_NAME = 'cdk8s-homelab.endsWhenOutputCloses';

/**
 * Lets a command of this package end quietly when whoever reads its output goes away, as in
 * `npm run synth 2>&1 | head`. Node reports a write to a pipe whose reader has gone as an `error` event of
 * `process.stdout` or `process.stderr`. With no listener it becomes an uncaught exception, and its report is
 * written to the same closed pipe, fails in turn, and the process never ends. With these listeners the
 * process exits at once, with the status its command reached, as Unix tools stop on SIGPIPE. The commands
 * run synchronously, so the event comes after the output folder was written or left as the run decided.
 *
 * A stream that fails otherwise (a full disk under a redirect) ends the process the same way, with status 1:
 * what it printed was lost. A stream that has the handler gets no second one.
 */
export function endWhenOutputCloses(): void {
  const end = (error: NodeJS.ErrnoException): void => {
    if (error?.code !== 'EPIPE' && !process.exitCode) {
      process.exitCode = 1;
    }
    process.exit();
  };
  Object.defineProperty(end, 'name', { value: HANDLER_NAME });
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').some((listener) => listener.name === HANDLER_NAME)) {
      stream.on('error', end);
    }
  }
}
