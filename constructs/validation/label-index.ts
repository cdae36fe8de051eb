import { type Fields, labelSelectorMatches, stringMap } from './manifest';

// A namespace may hold hundreds of apps, each with a policy or a Service of its own pods. Matching every
// selector against every pod template of the namespace grows with the square of the apps; most selectors
// require a label (`app.kubernetes.io/name: …`), so grouping by one required label finds the few that
// may match from the other side's labels.

/** The bucket key of one label: its key and value, which no label key may contain a NUL of. */
function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** One label a selector's `matchLabels` requires, as a bucket key; undefined when it requires none. */
function requiredLabel(selector: Fields): string | undefined {
  const required = stringMap(selector.matchLabels);
  for (const key in required) {
    return labelKey(key, required[key]);
  }
  return undefined;
}

/** Label selectors, each found from the labels of the pods it may select. */
export class SelectorIndex {
  private readonly byLabel = new Map<string, Fields[]>();
  /** Selectors that require no label: each is tried against every set of labels. */
  private readonly unkeyed: Fields[] = [];

  /** Adds a selector (`matchLabels` and `matchExpressions`). */
  public add(selector: Fields): void {
    const key = requiredLabel(selector);
    if (key === undefined) {
      this.unkeyed.push(selector);
      return;
    }
    const bucket = this.byLabel.get(key);
    if (bucket === undefined) {
      this.byLabel.set(key, [selector]);
    } else {
      bucket.push(selector);
    }
  }

  /** Whether some selector of the index selects pods of `labels`. */
  public selectsAny(labels: Readonly<Record<string, string>>): boolean {
    if (this.unkeyed.some((selector) => labelSelectorMatches(selector, labels))) {
      return true;
    }
    for (const key in labels) {
      const bucket = this.byLabel.get(labelKey(key, labels[key]));
      if (bucket !== undefined && bucket.some((selector) => labelSelectorMatches(selector, labels))) {
        return true;
      }
    }
    return false;
  }
}

/** Things that carry labels (pod templates), each found from the selectors that may select it. */
export class LabeledIndex<T extends { readonly labels: Readonly<Record<string, string>> }> {
  private readonly byLabel = new Map<string, T[]>();

  public constructor(private readonly items: readonly T[]) {
    for (const item of items) {
      for (const key in item.labels) {
        const bucketKey = labelKey(key, item.labels[key]);
        const bucket = this.byLabel.get(bucketKey);
        if (bucket === undefined) {
          this.byLabel.set(bucketKey, [item]);
        } else {
          bucket.push(item);
        }
      }
    }
  }

  /** The items `selector` selects, in the order they were given. */
  public selectedBy(selector: Fields): T[] {
    return this.candidates(selector).filter((item) => labelSelectorMatches(selector, item.labels));
  }

  /** Whether `selector` selects some item of the index. */
  public someSelectedBy(selector: Fields): boolean {
    return this.candidates(selector).some((item) => labelSelectorMatches(selector, item.labels));
  }

  /** The items that carry the label `selector` requires first (all items when it requires none), in order. */
  private candidates(selector: Fields): readonly T[] {
    const key = requiredLabel(selector);
    return key === undefined ? this.items : this.byLabel.get(key) ?? [];
  }
}
