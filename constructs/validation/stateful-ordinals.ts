/**
 * The most ordinals of a StatefulSet whose pods or claims are named one by one. A home lab runs a handful; a
 * count far beyond (`replicas: 1e9`, a slip of JavaScript) would fill the memory with names before any check
 * could answer, so the names stop here, and a reference to a pod or claim beyond them reads as one to no object.
 */
export const NAMED_ORDINALS_LIMIT = 10_000;

/**
 * The ordinals `0 … replicas - 1` of a StatefulSet's pods (each pod and each of its claims ends in one), at most
 * {@link NAMED_ORDINALS_LIMIT} of them; none for a count that is no number. Pure.
 */
export function statefulOrdinals(replicas: number): number[] {
  const count = Number.isFinite(replicas) ? Math.max(0, Math.ceil(Math.min(replicas, NAMED_ORDINALS_LIMIT))) : 0;
  return Array.from({ length: count }, (_, ordinal) => ordinal);
}
