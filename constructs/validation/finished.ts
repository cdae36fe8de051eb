import type { IConstruct } from 'constructs';

// A construct joins the tree when its constructor starts, so the tree alone cannot tell an error raised
// inside a construct's constructor from one raised by the code that went on after it returned.
const finished = new WeakSet<IConstruct>();

/** Notes that `construct` is completely built: the last step of its constructor. */
export function markFinished(construct: IConstruct): void {
  finished.add(construct);
}

/** Whether `construct`'s constructor returned (for the constructs that note it). */
export function isFinished(construct: IConstruct): boolean {
  return finished.has(construct);
}
