// Argo CD's reading of an AppProject's `sourceRepos`: each entry a glob of the normalized URL whose `*` stops at a
// `/` (`**` does not), with `?`, `[…]` and `{a,b}` as in its glob library; an entry starting with `!` refuses the
// repositories it matches whatever else the project takes, and (as Argo CD reads it) takes every other one.

/** A Git URL as Argo CD normalizes it before comparing: trimmed, lower case, scp's form as `ssh://`, no trailing `/` or `.git`. Pure. */
export function normalGitUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '')
    .replace(/^([^/@:]+@[^/:]+):(?!\d+\/)/, 'ssh://$1/');
}

/** The regular expression of a glob whose `*` and `?` stop at `/`. Pure. */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      const any = glob[i + 1] === '*';
      source += any ? '.*' : '[^/]*';
      i += any ? 1 : 0;
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[' && glob.indexOf(']', i + 1) > i) {
      const end = glob.indexOf(']', i + 1);
      source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{' && glob.indexOf('}', i + 1) > i) {
      const end = glob.indexOf('}', i + 1);
      source += `(?:${glob.slice(i + 1, end).split(',').map((part) => globRegExp(part).source.slice(1, -1)).join('|')})`;
      i = end;
    } else {
      source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether a project of `sourceRepos` lets an Application read `repository`, as Argo CD decides it. Pure. */
export function projectTakesRepository(sourceRepos: readonly string[], repository: string): boolean {
  const wanted = normalGitUrl(repository);
  let taken = false;
  for (const entry of sourceRepos) {
    const deny = entry.startsWith('!');
    const pattern = normalGitUrl(deny ? entry.slice(1) : entry);
    const matched = pattern === '*' || globRegExp(pattern).test(wanted);
    if (deny && matched) {
      return false;
    }
    taken ||= deny || matched;
  }
  return taken;
}
