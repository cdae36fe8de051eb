/** The value at `path` of chart values, if every step of it is a mapping (`['agent', 'hostVarLog']`). Pure. */
export function valueAt(values: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = values;
  for (const key of path) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
