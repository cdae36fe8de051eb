import { isVersionOrRange } from './chart-installs';
import type { AddFinding } from './manifest';
import { fields, text } from './manifest';

// Flux's image automation, written by hand beside the output: an ImageRepository scans a registry, an
// ImagePolicy picks a tag of it by a range, and an ImageUpdateAutomation writes the tag into Git where a
// `{"$imagepolicy": …}` comment marks the field. The API server takes each object as written; what follows
// is what the controllers then never do.

/** A version of a range's term, its parts as far as written (`1.4` is two), each a number. */
type Parts = readonly number[];

/** One end of the versions a term admits: the version and whether it is admitted itself. */
interface Bound {
  readonly version: readonly [number, number, number];
  readonly inclusive: boolean;
}

const MAX: Bound['version'] = [Infinity, Infinity, Infinity];

function compare(a: Bound['version'], b: Bound['version']): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return 0;
}

/** `parts` filled to three with zeros. */
function full(parts: Parts): Bound['version'] {
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** The first version after every version that starts with `parts` (`1.4` → 1.5.0, `1` → 2.0.0). */
function after(parts: Parts): Bound['version'] {
  const bumped = [...parts.slice(0, -1), parts[parts.length - 1] + 1];
  return full(bumped);
}

/**
 * The versions one term of a Masterminds range admits, as a lower and an upper bound; undefined for a term this
 * reading leaves alone (a pre-release, `!=`), whose group is then taken as one that may match.
 */
function termBounds(term: string): { lower?: Bound; upper?: Bound } | undefined {
  const match = /^(!=|>=|=>|<=|=<|~>|[=<>~^])?v?((?:[0-9]+|[xX*])(?:\.(?:[0-9]+|[xX*])){0,2})$/.exec(term);
  if (match === null || match[1] === '!=') {
    return undefined;
  }
  const written = match[2].split('.');
  const wild = written.findIndex((part) => /^[xX*]$/.test(part));
  const parts: Parts = (wild < 0 ? written : written.slice(0, wild)).map(Number);
  const operator = match[1] ?? '=';
  if (parts.length === 0) {
    return operator === '<' ? { upper: { version: [0, 0, 0], inclusive: false } } : {};
  }
  const partial = parts.length < 3;
  switch (operator) {
    case '>=': case '=>':
      return { lower: { version: full(parts), inclusive: true } };
    case '>':
      return { lower: partial ? { version: after(parts), inclusive: true } : { version: full(parts), inclusive: false } };
    case '<=': case '=<':
      return { upper: partial ? { version: after(parts), inclusive: false } : { version: full(parts), inclusive: true } };
    case '<':
      return { upper: { version: full(parts), inclusive: false } };
    case '~': case '~>':
      return { lower: { version: full(parts), inclusive: true }, upper: { version: after(parts.length === 1 ? parts : parts.slice(0, 2)), inclusive: false } };
    case '^': {
      const first = parts.findIndex((part, i) => part !== 0 || i === parts.length - 1);
      return { lower: { version: full(parts), inclusive: true }, upper: { version: after(parts.slice(0, first + 1)), inclusive: false } };
    }
    default:
      return partial
        ? { lower: { version: full(parts), inclusive: true }, upper: { version: after(parts), inclusive: false } }
        : { lower: { version: full(parts), inclusive: true }, upper: { version: full(parts), inclusive: true } };
  }
}

/** Whether no release (x.y.z of whole numbers) lies between `lower` and `upper`. */
function emptyBetween(lower: Bound, upper: Bound): boolean {
  // The first release a lower bound admits: an exclusive x.y.z admits x.y.(z+1) first.
  const first: Bound['version'] = lower.inclusive ? lower.version : [lower.version[0], lower.version[1], lower.version[2] + 1];
  const order = compare(first, upper.version);
  return order > 0 || (order === 0 && !upper.inclusive);
}

/**
 * Whether the semantic-versioning range `range` (Masterminds', which Flux's ImagePolicy reads) admits no release
 * at all: each group of `||` holds terms that exclude each other (`>1.4.2 <1.4.3`, `>=2.0.0 <1.0.0`). Pre-releases
 * and `!=` are left alone. Pure.
 */
export function rangeMatchesNothing(range: string): boolean {
  return range.split('||').every((group) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(group);
    const terms = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
      : group.replace(/(!=|>=|=>|<=|=<|~>|[=<>~^])\s+/g, '$1').split(/[\s,]+/).filter((term) => term !== '');
    let lower: Bound = { version: [0, 0, 0], inclusive: true };
    let upper: Bound = { version: MAX, inclusive: true };
    for (const term of terms) {
      const bounds = termBounds(term);
      if (bounds === undefined) {
        return false;
      }
      if (bounds.lower && (compare(bounds.lower.version, lower.version) > 0 || (compare(bounds.lower.version, lower.version) === 0 && !bounds.lower.inclusive))) {
        lower = bounds.lower;
      }
      if (bounds.upper && (compare(bounds.upper.version, upper.version) < 0 || (compare(bounds.upper.version, upper.version) === 0 && !bounds.upper.inclusive))) {
        upper = bounds.upper;
      }
    }
    return terms.length > 0 && emptyBetween(lower, upper);
  });
}

const RANGE_HINT = "write the releases to follow as one range, e.g. '>=1.4.0 <2.0.0' or '~1.4' (terms a blank or a comma joins must all hold; '||' joins alternatives)";

/**
 * Checks a Flux image automation object of the output: an ImagePolicy's semver range that is none (`latest`,
 * a tag pattern) or that admits no release, either of which leaves the policy without a tag and the automation
 * without an update; and an ImageUpdateAutomation that writes into the output folder (`outputPath`, e.g. `dist`),
 * whose files synth writes without the `$imagepolicy` comments the automation looks for and rewrites at its next
 * run. Pure: reports through `add`.
 */
export function checkImageAutomationObject(manifest: { readonly kind?: unknown; readonly spec?: unknown }, outputPath: string, add: AddFinding): void {
  const spec = fields(manifest.spec);
  if (manifest.kind === 'ImagePolicy') {
    const range = text(fields(fields(spec.policy).semver).range);
    if (range === undefined) {
      return;
    }
    if (!isVersionOrRange(range) || range.trim() === '') {
      add('spec.policy.semver.range', `"${range}" is no semantic-versioning range: the image-reflector-controller cannot read it, and the policy never picks a tag`,
        `${RANGE_HINT}; a tag pattern belongs in spec.filterTags.pattern, beside the range or with policy.alphabetical or policy.numerical`);
    } else if (rangeMatchesNothing(range)) {
      add('spec.policy.semver.range', `range "${range}" admits no release: its terms exclude each other, so the policy never picks a tag and the image is never updated`, RANGE_HINT);
    }
    return;
  }
  if (manifest.kind === 'ImageUpdateAutomation') {
    const update = fields(spec.update);
    const written = text(update.path) ?? '.';
    const folder = written.replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (outputPath !== '' && (folder === outputPath || folder.startsWith(`${outputPath}/`))) {
      add('spec.update.path', `the automation updates ${written}, which synth writes: its files carry no {"$imagepolicy": …} comment for the automation to find, so it updates nothing, and synth would write back any tag it changed`,
        "update the image where the lab is written: let Renovate pin it in the chart's source (renovate() with a regex manager for the image strings), or keep the tags in a YAML file of the repository outside the output, marked with # {\"$imagepolicy\": \"<namespace>:<policy>:tag\"}, that the chart reads, and point spec.update.path at it");
    }
  }
}
