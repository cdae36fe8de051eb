// Regular expressions the library passes on to Go programs (Traefik, Cilium) and to Envoy (RE2): header
// matches of routes, the interfaces Cilium announces on. One check, so they all refuse the same patterns.

import { translateGoRegExp } from './schema/go-regexp';

/** Group openings that JavaScript compiles but RE2 (Envoy) and Go's regexp (Traefik) refuse. */
const LOOKAROUNDS: ReadonlyArray<readonly [opening: string, what: string]> = [
  ['(?=', 'a lookahead'], ['(?!', 'a negative lookahead'], ['(?<=', 'a lookbehind'], ['(?<!', 'a negative lookbehind'],
];

/**
 * Why `pattern` is no regular expression that RE2 and Go's regexp run, or undefined when it is one. A JavaScript
 * compile catches what no engine takes (an unbalanced bracket); what JavaScript has beyond RE2 and Go's
 * regexp (lookarounds, backreferences) is looked for by hand, since the program would refuse its whole
 * configuration or the router over it. Pure.
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `does not compile: ${(error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '')}`;
  }
  return constructBeyondRe2(pattern);
}

/** The most times RE2 and Go's regexp repeat one thing by a count (`{n}`, `{n,m}`): a larger count is refused. */
const MAX_REPEAT = 1000;
/** A counted repetition at the start of a text, with its counts. */
const COUNTED_REPETITION = /^\{(\d+)(?:,(\d*))?\}/;

/**
 * The lookaround or backreference of `pattern`, a compiled JavaScript pattern, that RE2 and Go's regexp do not
 * have, or a repetition counted beyond what they allow.
 */
function constructBeyondRe2(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) {
        return `uses a backreference (\\${next}…), which RE2 and Go's regexp do not have`;
      }
      // An escaped character opens nothing; the braces of \p{…}, \u{…} and \x{…} are its own.
      const braced = /[pPux]/.test(next) && pattern[i + 2] === '{' ? pattern.indexOf('}', i + 2) : -1;
      i = braced >= 0 ? braced : i + 1;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      const found = LOOKAROUNDS.find(([opening]) => pattern.startsWith(opening, i));
      if (found) {
        return `uses ${found[1]} (${found[0]}…), which RE2 and Go's regexp do not have`;
      }
    } else if (c === '{') {
      const counts = COUNTED_REPETITION.exec(pattern.slice(i));
      if (counts !== null && [counts[1], counts[2]].some((count) => count !== undefined && count !== '' && Number(count) > MAX_REPEAT)) {
        return `repeats by ${counts[0]}, and RE2 and Go's regexp repeat by a count of ${MAX_REPEAT} at most (invalid repeat count)`;
      }
    }
  }
  return undefined;
}

/** How to write a pattern Go's regexp compiles, for a finding of {@link goPatternProblem}. */
export const RE2_PATTERN_HINT = 'write the pattern in RE2 syntax (no lookarounds or backreferences; escape a literal [, ( or +; repeat by a count of 1000 at most, e.g. + with a maxLength instead of {1,5000})';

/**
 * Why Go's regexp cannot compile `pattern`, written in RE2 syntax as Kubernetes reads it (a CRD's pattern, a CEL
 * rule's matches()), or undefined when it can or when the pattern holds RE2 constructs JavaScript cannot check
 * (an inline flag such as (?s)), which are left to the API server. Pure.
 */
export function goPatternProblem(pattern: string): string | undefined {
  // The translation is a JavaScript pattern of the `u` flag that compiles (`\x{41}` is `\u{41}`), which read
  // without the flag may not: only what it has beyond RE2 is left to look for.
  const translated = translateGoRegExp(pattern);
  return translated.source !== undefined ? constructBeyondRe2(translated.source) : translated.malformed ? 'does not compile' : undefined;
}
