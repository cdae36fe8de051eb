// Traefik's rules (Host(`a`) && PathPrefix(`/b`)) are Go expressions: each argument of a matcher is a Go
// string literal, raw (back-quoted, no escapes) or interpreted (double-quoted, with escapes). A value is
// written so that it stays one argument whatever it holds, and read back the same way.

/** What a raw literal cannot hold as written: its own quote, a carriage return (Go drops it), NUL and a byte order mark (Go refuses them). */
const NOT_RAW = /[`\r\0\uFEFF]|\p{Cs}/u;

/** Characters an interpreted literal escapes: its quote, the backslash, control characters, a byte order mark. */
const ESCAPED = /["\\\u0000-\u001f\u007f\uFEFF]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `value` as an argument of a Traefik matcher: back-quoted when that holds it unchanged (every host name,
 * path and header of the real sites), else double-quoted with Go's escapes, so that no value can end its
 * argument early and add matchers of its own (`a`) || Host(`evil`). Pure.
 */
export function traefikRuleString(value: string): string {
  if (!NOT_RAW.test(value)) {
    return `\`${value}\``;
  }
  // A lone surrogate has no UTF-8 form; writing the file would make it U+FFFD anyway.
  const escaped = value.replace(/\p{Cs}/gu, '\uFFFD')
    .replace(ESCAPED, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

/** One matcher of a Traefik rule, e.g. `Host` with its arguments unquoted. */
export interface TraefikMatcher {
  /** Matcher name, e.g. `Host`, `PathPrefix`, `Header`. */
  readonly name: string;
  /** Its string arguments, unquoted, in order. */
  readonly args: readonly string[];
  /**
   * Whether the rule matches requests this matcher does NOT match: written `!Host(…)` or inside a negated
   * group `!(…)` (an even number of negations cancel out). @default false
   */
  readonly negated?: boolean;
  /**
   * An argument written in single quotes (`Host('a.example')`), which Traefik's Go parser does not take for a
   * string, as written between them; the arguments after it are not read. @default - none
   */
  readonly singleQuoted?: string;
}

/** The string literal starting at `start` (a back quote or double quote): its value and the index after it. */
function readLiteral(rule: string, start: number): { value: string; end: number } {
  if (rule[start] === '`') {
    const close = rule.indexOf('`', start + 1);
    const end = close < 0 ? rule.length : close;
    return { value: rule.slice(start + 1, end).replace(/\r/g, ''), end: end + 1 };
  }
  let i = start + 1;
  while (i < rule.length && rule[i] !== '"') {
    i += rule[i] === '\\' ? 2 : 1;
  }
  const literal = rule.slice(start, Math.min(i + 1, rule.length));
  let value: string;
  try {
    // Go's escapes that JSON lacks (\a, \x41, octal) are rare in rules; such a literal is kept as written.
    value = JSON.parse(literal) as string;
  } catch {
    value = literal.slice(1, -1);
  }
  return { value, end: i + 1 };
}

const IDENTIFIER = /[A-Za-z]/;

/**
 * The matchers of a Traefik rule, in order, with their string arguments and whether a `!` negates them.
 * String literals are skipped as a whole, so a header value that reads `Host(…)` is no Host matcher. Pure.
 */
export function traefikMatchers(rule: string): TraefikMatcher[] {
  const matchers: TraefikMatcher[] = [];
  // Negation of each open group `(…)`, and a `!` read that applies to the next matcher or group.
  const groups: boolean[] = [];
  let not = false;
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    const inGroup = groups.length > 0 && groups[groups.length - 1];
    if (c === '`' || c === '"') {
      i = readLiteral(rule, i).end;
    } else if (c === '!' && rule[i + 1] !== '=') {
      not = !not;
      i++;
    } else if (c === '(') {
      groups.push(inGroup !== not);
      not = false;
      i++;
    } else if (c === ')') {
      groups.pop();
      i++;
    } else if (IDENTIFIER.test(c)) {
      let j = i;
      while (j < rule.length && /[A-Za-z0-9_]/.test(rule[j])) {
        j++;
      }
      const name = rule.slice(i, j);
      while (rule[j] === ' ') {
        j++;
      }
      if (rule[j] !== '(') {
        i = j;
        continue;
      }
      const args: string[] = [];
      let singleQuoted: string | undefined;
      j++;
      for (;;) {
        while (rule[j] === ' ' || rule[j] === ',') {
          j++;
        }
        if (rule[j] === "'") {
          const close = rule.indexOf("'", j + 1);
          singleQuoted = rule.slice(j + 1, close < 0 ? rule.length : close);
          j = close < 0 ? rule.length : close + 1;
          break;
        }
        if (rule[j] !== '`' && rule[j] !== '"') {
          break;
        }
        const literal = readLiteral(rule, j);
        args.push(literal.value);
        j = literal.end;
      }
      while (rule[j] === ' ') {
        j++;
      }
      if (rule[j] === ')') {
        j++;
      }
      matchers.push({ name, args, ...(inGroup !== not ? { negated: true } : {}), ...(singleQuoted === undefined ? {} : { singleQuoted }) });
      not = false;
      i = j;
    } else {
      i++;
    }
  }
  return matchers;
}
