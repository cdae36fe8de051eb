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

/** A selector of a {@link SelectorIndex}, with what it belongs to and its place among those added. */
interface IndexedSelector<T> {
  readonly selector: Fields;
  readonly owner: T;
  readonly order: number;
}

/**
 * Label selectors, each found from the labels of the pods it may select, with what each belongs to (a policy,
 * where the caller needs to know which selects a pod).
 */
export class SelectorIndex<T = undefined> {
  private readonly byLabel = new Map<string, Array<IndexedSelector<T>>>();
  /** Selectors that require no label: each is tried against every set of labels. */
  private readonly unkeyed: Array<IndexedSelector<T>> = [];
  private added = 0;

  /** Adds a selector (`matchLabels` and `matchExpressions`) of `owner`. */
  public add(selector: Fields, owner?: T): void {
    const entry: IndexedSelector<T> = { selector, owner: owner as T, order: this.added++ };
    const key = requiredLabel(selector);
    if (key === undefined) {
      this.unkeyed.push(entry);
      return;
    }
    const bucket = this.byLabel.get(key);
    if (bucket === undefined) {
      this.byLabel.set(key, [entry]);
    } else {
      bucket.push(entry);
    }
  }

  /** Whether some selector of the index selects pods of `labels`. */
  public selectsAny(labels: Readonly<Record<string, string>>): boolean {
    if (this.unkeyed.some((entry) => labelSelectorMatches(entry.selector, labels))) {
      return true;
    }
    for (const key in labels) {
      const bucket = this.byLabel.get(labelKey(key, labels[key]));
      if (bucket !== undefined && bucket.some((entry) => labelSelectorMatches(entry.selector, labels))) {
        return true;
      }
    }
    return false;
  }

  /** The owners of the selectors that select pods of `labels`, each once, in the order their selectors were added. */
  public ownersSelecting(labels: Readonly<Record<string, string>>): T[] {
    const found = this.unkeyed.filter((entry) => labelSelectorMatches(entry.selector, labels));
    for (const key in labels) {
      found.push(...(this.byLabel.get(labelKey(key, labels[key])) ?? []).filter((entry) => labelSelectorMatches(entry.selector, labels)));
    }
    return [...new Set(found.sort((a, b) => a.order - b.order).map((entry) => entry.owner))];
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
