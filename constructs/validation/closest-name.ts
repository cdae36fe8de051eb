// A leaf module: inventory objects load it when a module's inventory is declared, before the validation layer.

/**
 * Edit distance of two short strings, for "did you mean": insertions, deletions, substitutions and swaps of
 * two neighbouring letters (`imgae` for `image`), each one edit, letter case aside.
 */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let before = Array.from({ length: y.length + 1 }, () => 0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    [before, previous] = [previous, row];
  }
  return previous[y.length];
}

/**
 * The one known name that begins with `name` or has it as one of its words (`tailscale` of
 * `tailscaleOperator`, `vault` of `vaultCsiProvider`), letter case aside: a name written short, too far
 * for a typo.
 */
function nameWritingOut(name: string, known: readonly string[]): string | undefined {
  if (name.length < 3) {
    return undefined;
  }
  const lower = name.toLowerCase();
  // A word inside (`zfs`) is asked of longer names only: short ones are in too many names by chance.
  const found = known.filter((candidate) => {
    const at = candidate.toLowerCase().indexOf(lower);
    return at === 0 || (at > 0 && name.length >= 4 && (/[A-Z]/.test(candidate[at]) || /[_-]/.test(candidate[at - 1])));
  });
  return found.length === 1 && found[0].length > name.length ? found[0] : undefined;
}

/**
 * The known name closest to `name`, when it is close enough to be a typo, or else the one known name it
 * is the short form of (see {@link nameWritingOut}). `edits` bounds the typo: the most edits it may be
 * from the name (by default a third of the name's length, at least one).
 */
export function closestName(name: string, known: readonly string[], edits?: number): string | undefined {
  return typoOf(name, known, edits) ?? nameWritingOut(name, known);
}

/** The known name closest to `name`, when it is close enough to be a typo (at most `edits` from it, when given). */
function typoOf(name: string, known: readonly string[], edits?: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= (edits ?? Math.max(1, Math.floor(best.length / 3))) ? best : undefined;
}

/** The hint for a key a Secret or ConfigMap lacks: the key meant, when one is close (`pasword`, `Password`), then every key it has. */
export function missingKeyHint(key: string, keys: readonly string[]): string {
  const meant = closestName(key, keys) ?? keys.find((known) => known.toLowerCase() === key.toLowerCase());
  return `${meant === undefined ? '' : `did you mean "${meant}"? `}keys: ${keys.join(', ') || '(none)'}`;
}

/**
 * The known names that have `name` as one of their words (`csi` of `secretsStoreCsiDriver` and
 * `vaultCsiProvider`), letter case aside: a short word is a letter from many names (`csi` from `cdi`), so
 * the names that hold it say better what was meant. Pure.
 */
export function namesHolding(name: string, known: readonly string[]): string[] {
  if (name.length < 3) {
    return [];
  }
  const lower = name.toLowerCase();
  return known.filter((candidate) => {
    const at = candidate.toLowerCase().indexOf(lower);
    return candidate.length > name.length && (at === 0 || (at > 0 && (/[A-Z]/.test(candidate[at]) || /[_-]/.test(candidate[at - 1]))));
  });
}
