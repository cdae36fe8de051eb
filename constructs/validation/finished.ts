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

// A construct whose build an error cut short stays in the tree when the code that built it caught the error:
// a cluster chart that rejected its props, the construct on which such code recorded what it caught. Nothing
// of the tree is synthesized then, and only the findings recorded as it was built are reported.
const cutShort = new WeakSet<IConstruct>();

/** Notes that building `construct` stopped at an error (its props rejected, an error caught and recorded). */
export function markCutShort(construct: IConstruct): void {
  cutShort.add(construct);
}

/** Whether building `construct` stopped at an error (for the constructs that note it). */
export function isCutShort(construct: IConstruct): boolean {
  return cutShort.has(construct);
}
