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

// A cluster chart that rejected its props stays in the tree when the code that built it caught the error;
// it has no platform or objects to synthesize, only the findings it reported.
const rejected = new WeakSet<IConstruct>();

/** Notes that `construct` rejected its props and stopped building: there is nothing of it to synthesize. */
export function markRejected(construct: IConstruct): void {
  rejected.add(construct);
}

/** Whether `construct` rejected its props (for the constructs that note it). */
export function isRejected(construct: IConstruct): boolean {
  return rejected.has(construct);
}
