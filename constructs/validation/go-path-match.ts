// Go's `path.Match`, which Argo CD's ApplicationSet git directory generator matches each folder of the repository
// with: `*` is any run of characters but `/`, `?` one such character, `[…]` a class (`[^…]` its complement), and
// `\` takes the next character as written.

/** The regular expression of a Go `path.Match` pattern; undefined for a pattern Go refuses (an unclosed class). Pure. */
function patternRegExp(pattern: string): RegExp | undefined {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += escape(pattern[++i]);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        return undefined;
      }
      const body = pattern.slice(i + 1, end);
      source += body.startsWith('^') ? `[^/${classBody(body.slice(1))}]` : `(?!/)[${classBody(body)}]`;
      i = end;
    } else {
      source += escape(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A class's characters and ranges, with the characters a JavaScript class reads otherwise escaped. Pure. */
function classBody(body: string): string {
  return body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&');
}

/** Whether Go's `path.Match(pattern, name)` matches; a malformed pattern matches nothing, as Argo CD skips it. Pure. */
export function goPathMatch(pattern: string, name: string): boolean {
  return patternRegExp(pattern)?.test(name) ?? false;
}
