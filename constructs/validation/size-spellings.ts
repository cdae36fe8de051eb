// One spelling for each size of storage, as Kubernetes names them: a claim asks for a `size` (its
// `resources.requests.storage`), a PersistentVolume has a `capacity`. The other words are what users bring
// from a claim's or a volume's YAML; each is refused with the spelling this library takes.

/** The props of a size of storage, each with the words written for it elsewhere and where they come from. */
const SIZE_SPELLINGS: Readonly<Record<string, ReadonlyArray<readonly [written: string, from: string]>>> = {
  size: [['storage', "a claim's resources.requests.storage"], ['capacity', "a PersistentVolume's capacity"]],
  capacity: [['size', "a claim's size"], ['storage', "a PersistentVolume's capacity.storage"]],
};

/**
 * The prop of `known` (the props where `key` was written) that `key` stands for, when `key` is another
 * tool's word for that size of storage (`storage` where a claim takes `size`), with a hint that gives
 * `written` (the value as the user would write it) under the right name; undefined otherwise. Pure.
 */
export function sizeSpelling(key: string, known: readonly string[], written: string): { prop: string; hint: string } | undefined {
  for (const prop of known) {
    const from = SIZE_SPELLINGS[prop]?.find(([word]) => word === key)?.[1];
    if (from !== undefined) {
      return { prop, hint: `write ${prop}: ${written} (${key} is ${from}; here the ${prop === 'size' ? "claim's requested size" : "volume's capacity"} is ${prop})` };
    }
  }
  return undefined;
}
