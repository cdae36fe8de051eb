/**
 * Kubernetes and controller-gen write `pattern` in Go RE2 syntax, which ajv compiles with
 * `new RegExp(pattern, 'u')`. Most RE2 patterns are valid JavaScript; this module rewrites the
 * constructs that are not, so a CRD's pattern keeps being enforced instead of crashing the compile:
 *
 * - `\pL`, `\PC` (one-letter Unicode classes)  → `\p{L}`, `\P{C}`
 * - `\p{Greek}` (a script), `\p{^Lu}` (negated) → `\p{Script=Greek}`, `\P{Lu}`
 * - `\A`, `\z` (text anchors)                  → `^`, `$` (JavaScript has no multiline flag here)
 * - `(?P<name>…)` (named group)                → `(?<name>…)`
 * - `(?i)` (case-insensitive to the end of its group), `(?i:…)` (inside the group alone) → every
 *   letter there becomes `[xX]`, and letter ranges in classes gain their other case, so
 *   `(?i)(abort|warn)` matches `Abort` as RE2 does
 * - `\x{1F600}` (a code point in hex)          → `\u{1F600}`
 * - `\_`, `\:`, `\@` and any other escaped ASCII punctuation, which RE2 reads as itself and
 *   JavaScript's `u` mode refuses outside its own syntax characters → `\x5f`, `\x3a`, `\x40`
 * - `[]a]`, `[^]a]` (a `]` first in a class, which RE2 reads as itself) → `[\]a]`, `[^\]a]`
 * - a `{` that begins no repetition (`a{,3}`, `{x}`) and a `}` outside one, which RE2 reads as themselves → `\{`, `\}`
 *
 * Anything else that RE2 accepts and JavaScript does not (other inline flags such as `(?s)`,
 * `\Q…\E`, POSIX classes) cannot be translated faithfully; such a pattern is dropped and reported
 * through {@link TranslatedPattern.dropped}, so the caller can document it rather than guess.
 */

/** Result of translating one RE2 pattern. */
export interface TranslatedPattern {
  /** JavaScript pattern source, or undefined when the pattern had to be dropped. */
  readonly source?: string;
  /** Why the pattern was dropped; undefined when it was kept. */
  readonly dropped?: string;
  /**
   * True when the pattern was dropped because, its RE2 constructs translated, it is no regular expression at all
   * (an unbalanced bracket, a repetition of nothing): Go's regexp refuses it as JavaScript does.
   */
  readonly malformed?: boolean;
}

/** Translate a Go RE2 `pattern` into a JavaScript `u`-mode pattern; see the module comment. */
export function translateGoRegExp(pattern: string): TranslatedPattern {
  if (compiles(pattern)) return { source: pattern };
  let source: string;
  try {
    source = rewrite(pattern);
  } catch (e) {
    return { dropped: (e as Error).message };
  }
  if (!compiles(source)) return { dropped: `no JavaScript equivalent for RE2 pattern ${JSON.stringify(pattern)}`, malformed: true };
  return { source };
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Punctuation JavaScript's `u` mode takes escaped (its syntax characters and `/`; `-` inside a class too). */
const JS_ESCAPABLE = new Set([...'^$\\.*+?()[]{}|/']);

/** Go's Unicode general categories (unicode.Categories) and `Any`; any other name of `\p{…}` is a script. */
const GENERAL_CATEGORIES = new Set(['Any', ...'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' ')]);

/** A repetition as RE2 reads one (`{2}`, `{2,}`, `{2,5}`) at the start of `text`. */
const REPETITION = /^\{\d+(?:,\d*)?\}/;

/** `\p{name}` or `\P{name}` of RE2 (`^name` negated) as JavaScript's `u` mode writes it. */
function unicodeClass(letter: string, name: string): string {
  const negated = name.startsWith('^');
  const bare = negated ? name.slice(1) : name;
  const escape = negated === (letter === 'P') ? 'p' : 'P';
  return `\\${escape}{${GENERAL_CATEGORIES.has(bare) ? bare : `Script=${bare}`}}`;
}

/** An escaped ASCII character that RE2 reads as itself: any that is no letter or digit. */
const isAsciiPunctuation = (c: string): boolean => /^[\x20-\x7e]$/.test(c) && !/^[A-Za-z0-9]$/.test(c);

function rewrite(pattern: string): string {
  let out = '';
  let ignoreCase = false;
  let inClass = false;
  // Whether each open group was case-insensitive where it opened: its close restores it, as RE2 scopes a flag to its group.
  const groups: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      const named = next === 'p' || next === 'P' ? /^\{(\^?[A-Za-z_]+)\}/.exec(pattern.slice(i + 2)) : null;
      if (named !== null) {
        out += unicodeClass(next, named[1]);
        i += 1 + named[0].length;
      } else if ((next === 'p' || next === 'P') && /[A-Za-z]/.test(pattern[i + 2] ?? '')) {
        out += `\\${next}{${pattern[i + 2]}}`;
        i += 2;
      } else if (next === 'A' && !inClass) {
        out += '^';
        i += 1;
      } else if (next === 'z' && !inClass) {
        out += '$';
        i += 1;
      } else if (next === 'x' && pattern[i + 2] === '{') {
        const digits = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i + 2));
        if (digits === null) throw new Error('RE2 \\x{…} without hex digits is not translated');
        out += `\\u{${digits[1]}}`;
        i += 1 + digits[0].length;
      } else if (next === 'Q') {
        throw new Error('RE2 \\Q…\\E quoting is not translated');
      } else if (isAsciiPunctuation(next) && !JS_ESCAPABLE.has(next) && !(inClass && next === '-')) {
        out += `\\x${next.charCodeAt(0).toString(16).padStart(2, '0')}`;
        i += 1;
      } else {
        out += c + next;
        i += 1;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
      } else if (c === '[' && pattern[i + 1] === ':') {
        throw new Error('RE2 POSIX character classes are not translated');
      } else if (ignoreCase && /[A-Za-z]/.test(c)) {
        out += classLetters(pattern, i);
        if (pattern[i + 1] === '-' && /[A-Za-z]/.test(pattern[i + 2] ?? '')) i += 2;
      } else {
        out += c;
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '{' || c === '}') {
      const repetition = c === '{' ? REPETITION.exec(pattern.slice(i)) : null;
      out += repetition !== null ? repetition[0] : `\\${c}`;
      i += repetition !== null ? repetition[0].length - 1 : 0;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const flags = /^\(\?([a-zA-Z]+)([):])/.exec(pattern.slice(i));
      if (flags) {
        if (flags[1] !== 'i') throw new Error(`RE2 inline flags (?${flags[1]}${flags[2]}) are not translated`);
        if (flags[2] === ':') {
          groups.push(ignoreCase);
          out += '(?:';
        }
        ignoreCase = true;
        i += flags[0].length - 1;
        continue;
      }
      if (pattern[i + 2] === 'P' && pattern[i + 3] === '<') {
        groups.push(ignoreCase);
        out += '(?<';
        i += 3;
        continue;
      }
    }
    if (c === '(') {
      groups.push(ignoreCase);
    } else if (c === ')' && groups.length > 0) {
      ignoreCase = groups.pop()!;
    }
    out += ignoreCase && /[A-Za-z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/** A letter or letter range inside a class, with its other case added (`a-f` → `a-fA-F`). */
function classLetters(pattern: string, i: number): string {
  const c = pattern[i];
  const end = pattern[i + 1] === '-' ? pattern[i + 2] : undefined;
  if (end !== undefined && /[A-Za-z]/.test(end)) {
    const range = `${c}-${end}`;
    return `${range}${swapCase(c)}-${swapCase(end)}`;
  }
  return `${c}${swapCase(c)}`;
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}
