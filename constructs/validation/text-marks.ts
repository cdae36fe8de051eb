import type { RenderedFile } from '../synth/collect';

/**
 * What the texts of a manifest hold, found by one walk that several checks share: most objects hold none
 * of the rare marks, and a check that reads only objects with its mark passes the others over without a
 * walk of its own.
 */
export interface TextMarks {
  /** Some text holds `${`: a placeholder of Flux's postBuild substitution may be there. */
  readonly placeholder: boolean;
  /** Some text holds `undefined`, `NaN` or `[object`: a value that was not there may have been written into it. */
  readonly unsetWord: boolean;
  /** Some text holds a run of ten digits, a date with its time or `0.` and fourteen digits: a reading of the clock or of Math.random() may be there. */
  readonly clockReading: boolean;
}

const UNSET_WORD = /undefined|NaN|\[object/;
const CLOCK_READING = /\d{10}|\d{4}-\d\d-\d\dT\d\d|0\.\d{14}/;

/** Manifests already walked, by identity: the checks of one cluster ask of the same objects. */
const MARKS = new WeakMap<object, TextMarks>();
const UNMARKED: TextMarks = { placeholder: false, unsetWord: false, clockReading: false };

/** The marks of a whole rendered file's `text`, taken once as it is rendered (see {@link RenderedFile.marks}). */
export function marksOfText(text: string): TextMarks {
  const placeholder = text.includes('${');
  const unsetWord = UNSET_WORD.test(text);
  const clockReading = CLOCK_READING.test(text);
  return placeholder || unsetWord || clockReading ? { placeholder, unsetWord, clockReading } : UNMARKED;
}

/**
 * The marks of the texts under `manifest`, walked once however many checks ask. `file`, the rendered file
 * that holds the manifest, lets a file none of whose text holds a mark answer for its objects without a
 * walk: the YAML writer folds no line and escapes only control characters, so every text of an object
 * stands in its file as written. Its keys do too, which can only send an object to the walk.
 */
export function textMarks(manifest: object, file?: RenderedFile): TextMarks {
  let marks = MARKS.get(manifest);
  if (marks === undefined) {
    if (file !== undefined && !file.marks.placeholder && !file.marks.unsetWord && !file.marks.clockReading) {
      return UNMARKED;
    }
    const found = { placeholder: false, unsetWord: false, clockReading: false };
    markTexts(manifest, found);
    marks = found;
    MARKS.set(manifest, marks);
  }
  return marks;
}

function markTexts(value: unknown, found: { placeholder: boolean; unsetWord: boolean; clockReading: boolean }): void {
  if (typeof value === 'string') {
    found.placeholder ||= value.includes('${');
    found.unsetWord ||= UNSET_WORD.test(value);
    found.clockReading ||= CLOCK_READING.test(value);
    return;
  }
  if (value === null || typeof value !== 'object') {
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      markTexts(value[i], found);
    }
    return;
  }
  for (const key in value) {
    markTexts((value as Record<string, unknown>)[key], found);
  }
}
