import type { Fields } from './manifest';

// The flags of a container's command line as Go programs read them (`--name=value` or `--name value`), each
// with the field that holds it, for the checks of programs known by their flags.

/** One flag of a container's command line: its value and the field that holds it. */
export interface Flag {
  readonly value: string;
  readonly field: string;
}

/** The `--name=value` and `--name value` flags of `words` (at `path`), by name; a flag given twice keeps each value. Pure. */
export function flagsOf(words: readonly { word: string; field: string }[]): Map<string, Flag[]> {
  const flags = new Map<string, Flag[]>();
  words.forEach(({ word, field }, i) => {
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(word);
    if (match === null) {
      return;
    }
    const next = words[i + 1];
    const value = match[2] ?? (next !== undefined && !next.word.startsWith('--') ? next.word : '');
    flags.set(match[1], [...(flags.get(match[1]) ?? []), { value: value.replace(/^"(.*)"$/, '$1'), field: match[2] === undefined && next !== undefined ? next.field : field }]);
  });
  return flags;
}

/** The words of a container's command and args, each with its field path. */
export function commandLine(container: Fields, path: string): { word: string; field: string }[] {
  return (['command', 'args'] as const).flatMap((key) => (Array.isArray(container[key]) ? container[key] as unknown[] : [])
    .map((word, i) => ({ word: typeof word === 'string' ? word : '', field: `${path}.${key}[${i}]` })));
}
