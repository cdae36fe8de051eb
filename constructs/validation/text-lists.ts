// Several values written as one text where a list belongs ('1.1.1.1, 8.8.8.8', 'a b c'), as shells,
// resolv.conf and compose files write them: the items a hint writes the list with.

/**
 * The items of `text` written as one text: comma-separated when every item between the commas is one word
 * (`'1.1.1.1, 8.8.8.8'`), else the words between blanks (a comma inside a word, as in `--hosts=a,b`, stays). Pure.
 */
export function itemsOfText(text: string): string[] {
  const byComma = text.split(',').map((item) => item.trim());
  if (byComma.length > 1 && byComma.every((item) => /^\S+$/.test(item))) {
    return byComma;
  }
  return text.trim().split(/\s+/).filter((word) => word !== '');
}

/** A list as TypeScript writes it, for a hint: `['1.1.1.1', '8.8.8.8']`. Pure. */
export function listText(items: readonly string[]): string {
  return `[${items.map(quoted).join(', ')}]`;
}

/** Text as a TypeScript string literal in single quotes. Pure. */
export function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A key of a map as TypeScript writes it: bare when it is a name, else quoted (`'traefik.enable'`). Pure. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quoted(key);
}

/**
 * The hint for entry `index` of list `field` that holds several items in one text (`['1.1.1.1 8.8.8.8']`):
 * the list written with each as its own entry; undefined when the entry is one item, or `isItem` refuses one. Pure.
 */
export function splitEntryHint(field: string, list: readonly unknown[], index: number, isItem: (item: string) => boolean): string | undefined {
  const entry = list[index];
  const items = typeof entry === 'string' ? itemsOfText(entry) : [];
  if (items.length < 2 || !items.every(isItem)) {
    return undefined;
  }
  // An entry that is no text (an address of a pool) is kept in its place, as `…`.
  const written = list.flatMap((item, i) => (i === index ? items.map(quoted) : [typeof item === 'string' ? quoted(item) : '…']));
  return `write each as its own entry: ${field}: [${written.join(', ')}]`;
}
