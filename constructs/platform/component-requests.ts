import type { CrdGroup, PlatformComponentProps } from './component';

// A component asked for twice is installed once. What the second request brings beyond the first must not
// vanish without a word: CRDs it adds (a Crossplane Provider's kinds) are merged, any other difference is
// reported, since only one of the two sets of options can be installed.

/**
 * How `next`, a second request for a component, differs from `first` in what is installed (namespace,
 * Pod Security level, Secrets it reads, Helm values, upstream files and their patches), as words for a
 * message, e.g. `namespace monitoring and observability`; undefined when it does not. CRDs and
 * dependencies are not compared: they are merged. Pure.
 */
export function requestDifference(first: PlatformComponentProps, next: PlatformComponentProps): string | undefined {
  if (first.namespace !== next.namespace) {
    return `namespace ${first.namespace} and ${next.namespace}`;
  }
  if ((first.podSecurity ?? 'restricted') !== (next.podSecurity ?? 'restricted')) {
    return `Pod Security level ${first.podSecurity ?? 'restricted'} and ${next.podSecurity ?? 'restricted'}`;
  }
  const secrets = (props: PlatformComponentProps) => [...(props.readsSecrets ?? [])].sort().join(', ') || 'none';
  if (secrets(first) !== secrets(next)) {
    return `Secrets read ${secrets(first)} and ${secrets(next)}`;
  }
  const { install: a } = first;
  const { install: b } = next;
  if (a.type === 'helm' && b.type === 'helm') {
    const at = differingPath(a.values, b.values, '');
    return at === undefined ? (a.releaseName !== b.releaseName ? 'release name' : undefined) : `Helm values at ${at || 'the top'}`;
  }
  return differingPath(a, b, '') === undefined ? undefined : 'upstream files or their patches';
}

/** The CRD groups and kinds of `next` that `known` lacks, for merging a second request's CRDs. Pure. */
export function missingCrds(known: readonly CrdGroup[], next: readonly CrdGroup[]): CrdGroup[] {
  return next
    .map((crd) => ({ group: crd.group, kinds: crd.kinds.filter((kind) => !known.some((k) => k.group === crd.group && k.kinds.includes(kind))) }))
    .filter((crd) => crd.kinds.length > 0);
}

/** The dotted path of the first place where `a` and `b` differ, `''` for the values themselves; undefined when equal. */
function differingPath(a: unknown, b: unknown, path: string): string | undefined {
  if (a === b) {
    return undefined;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isRecord(a) || !isRecord(b) || Array.isArray(a) !== Array.isArray(b)) {
    return path;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
    return path;
  }
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const at = differingPath(a[key], b[key], path ? `${path}.${key}` : key);
    if (at !== undefined) {
      return at;
    }
  }
  return undefined;
}
