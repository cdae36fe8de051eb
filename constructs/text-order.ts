/**
 * Orders two strings by their UTF-16 code units: the same order on every machine. `localeCompare` orders
 * by the machine's locale, so output sorted with it could depend on where synth runs, and its first call
 * loads ICU's collation data, milliseconds of a small synth. Pure.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
