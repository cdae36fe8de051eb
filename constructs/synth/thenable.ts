/** Whether `value` is a promise (or any object with a `then` method), as an async function returns. Pure. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Takes the rejection of a promise a lab returned where synth wanted its result: the promise is reported as
 * an error of its own, so its failure is no unhandled rejection that ends the process with a stack trace.
 */
export function settleQuietly(promise: PromiseLike<unknown>): void {
  promise.then(undefined, () => undefined);
}
