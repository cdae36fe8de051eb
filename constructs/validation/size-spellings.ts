// One spelling for each size of storage, as Kubernetes names them: a claim asks for a `size` (its
// `resources.requests.storage`), a PersistentVolume has a `capacity`, an emptyDir a `sizeLimit`. The other
// words are what users bring from a claim's or a volume's YAML; each is refused with the spelling this
// library takes.

/** Each prop of a size of storage: what it sizes, and the words written for it elsewhere with where they come from. */
const SIZE_SPELLINGS: Readonly<Record<string, { readonly what: string; readonly others: ReadonlyArray<readonly [written: string, from: string]> }>> = {
  size: { what: "the claim's requested size", others: [['storage', "a claim's resources.requests.storage"], ['capacity', "a PersistentVolume's capacity"]] },
  capacity: { what: "the volume's capacity", others: [['size', "a claim's size"], ['storage', "a PersistentVolume's capacity.storage"]] },
  sizeLimit: { what: "the emptyDir's limit", others: [['size', "a claim's size"], ['storage', "a claim's resources.requests.storage"], ['capacity', "a PersistentVolume's capacity"]] },
};

/**
 * The prop of `known` (the props where `key` was written) that `key` stands for, when `key` is another
 * tool's word for that size of storage (`storage` where a claim takes `size`), with a hint that gives
 * `written` (the value as the user would write it) under the right name; undefined otherwise. Pure.
 */
export function sizeSpelling(key: string, known: readonly string[], written: string): { prop: string; hint: string } | undefined {
  for (const prop of known) {
    const spelling = SIZE_SPELLINGS[prop];
    const from = spelling?.others.find(([word]) => word === key)?.[1];
    if (from !== undefined) {
      return { prop, hint: `write ${prop}: ${written} (${key} is ${from}; here ${spelling.what} is ${prop})` };
    }
  }
  return undefined;
}
