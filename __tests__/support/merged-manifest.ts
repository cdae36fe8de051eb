/**
 * `over` merged into `base` as a lab's tests change a hand-written object: objects key by key, at any depth; any other
 * value (a list, `null`, `undefined`) replaces the base's.
 */
export function mergedManifest(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' && !Array.isArray(b)
      ? mergedManifest(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
