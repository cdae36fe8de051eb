import { remembered } from '../validation/remembered';

/** A row of a table of images: what the library knows of the images whose references `image` matches. */
export interface ImageRow {
  /** The references the row is about; a pattern without the `g` or `y` flag, whose test keeps no state. */
  readonly image: RegExp;
}

/**
 * The rows of `rows` whose pattern matches `image`, in table order. A table is a constant and every container
 * of every app is looked up in several of them as the app is built, mostly for the same few references: the
 * rows each reference matches are worked out once per table.
 */
export function imageRows<Row extends ImageRow>(rows: readonly Row[], image: string): readonly Row[] {
  let matching = MATCHING.get(rows);
  if (matching === undefined) {
    matching = remembered((reference) => rows.filter((row) => row.image.test(reference)));
    MATCHING.set(rows, matching);
  }
  return matching(image) as readonly Row[];
}

/** The rows matching a reference, remembered, by table. */
const MATCHING = new WeakMap<readonly ImageRow[], (image: string) => readonly ImageRow[]>();
