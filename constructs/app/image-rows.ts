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
  const byImage = MATCHED.get(rows) ?? new Map<string, readonly ImageRow[]>();
  const known = byImage.get(image);
  if (known !== undefined) {
    return known as readonly Row[];
  }
  // A run of many labs with images of their own would otherwise keep every reference it met.
  if (byImage.size >= MAX_REMEMBERED) {
    byImage.clear();
  }
  const matched = rows.filter((row) => row.image.test(image));
  byImage.set(image, matched);
  MATCHED.set(rows, byImage);
  return matched;
}

/** The rows each image reference matched, by table. */
const MATCHED = new WeakMap<readonly ImageRow[], Map<string, readonly ImageRow[]>>();
/** How many references one table remembers at most. */
const MAX_REMEMBERED = 1000;
