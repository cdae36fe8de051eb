import { globMatches } from '../platform/argo-cd-project-permits';

// Argo CD's reading of an AppProject's `sourceRepos`: each entry a glob of the normalized URL whose `*` stops at a
// `/` (`**` does not), with `?`, `[…]` and `{a,b}` as in its glob library; an entry starting with `!` refuses the
// repositories it matches whatever else the project takes, and (as Argo CD reads it) takes every other one.

/** A Git URL as Argo CD normalizes it before comparing: trimmed, lower case, scp's form as `ssh://`, no trailing `/` or `.git`. Pure. */
export function normalGitUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '')
    .replace(/^([^/@:]+@[^/:]+):(?!\d+\/)/, 'ssh://$1/');
}

/** Whether a project of `sourceRepos` lets an Application read `repository`, as Argo CD decides it. Pure. */
export function projectTakesRepository(sourceRepos: readonly string[], repository: string): boolean {
  const wanted = normalGitUrl(repository);
  let taken = false;
  for (const entry of sourceRepos) {
    const deny = entry.startsWith('!');
    const pattern = normalGitUrl(deny ? entry.slice(1) : entry);
    const matched = pattern === '*' || globMatches(pattern, wanted, true);
    if (deny && matched) {
      return false;
    }
    taken ||= deny || matched;
  }
  return taken;
}
