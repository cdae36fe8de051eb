// Argo CD's own reading of an AppProject, for the checks that compare a project with the objects it must
// let through: a group/kind the whitelist and blacklist of its scope let through (a namespaced kind needs no
// whitelist, a cluster-scoped one does), a namespaced object's namespace among the destinations (a destination's
// `!` pattern denies), and, for its sourceRepos, Argo CD's globs.

/** An AppProject's `spec`, as written. */
export type AppProjectSpec = Readonly<Record<string, any>>;

/** The regular expression of a glob, whose `*` and `?` stop at `/` when `slashes` says so. Pure. */
function globRegExp(glob: string, slashes: boolean): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      const any = glob[i + 1] === '*';
      source += any || !slashes ? '.*' : '[^/]*';
      i += any ? 1 : 0;
    } else if (c === '?') {
      source += slashes ? '[^/]' : '.';
    } else if (c === '[' && glob.indexOf(']', i + 1) > i) {
      const end = glob.indexOf(']', i + 1);
      source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{' && glob.indexOf('}', i + 1) > i) {
      const end = glob.indexOf('}', i + 1);
      source += `(?:${glob.slice(i + 1, end).split(',').map((part) => globRegExp(part, slashes).source.slice(1, -1)).join('|')})`;
      i = end;
    } else {
      source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `value` matches `glob` as Argo CD's glob library reads a project's entries, with `?`, `[…]` and `{a,b}`:
 * given `/` as a separator (`slashes`, as for `sourceRepos`), `*` and `?` stop at a `/` and `**` does not; else
 * `*` takes any run of characters (group, kind, a destination's server and namespace). Pure.
 */
export function globMatches(glob: string, value: string, slashes = false): boolean {
  return glob.includes('*') || glob.includes('?') || glob.includes('[') || glob.includes('{') ? globRegExp(glob, slashes).test(value) : glob === value;
}

/** Whether `pattern`, a glob of a project's entry, matches `value`. */
function matches(pattern: unknown, value: string): boolean {
  return typeof pattern === 'string' && globMatches(pattern, value);
}

/** Whether `list` (a project's whitelist or blacklist of group and kind) names `group`/`kind`. */
function listed(list: unknown, group: string, kind: string): boolean {
  return Array.isArray(list) && list.some((entry: Record<string, unknown>) => matches(entry?.group, group) && matches(entry?.kind, kind));
}

/** Whether a destination's field is a deny pattern (`!kube-system`). */
const denies = (pattern: unknown): pattern is string => typeof pattern === 'string' && pattern.startsWith('!');

/** Whether `pattern` matches `value`, a leading `!` turning it round, as Argo CD reads a destination's fields. */
function matchesOrDenies(pattern: unknown, value: string): boolean {
  return denies(pattern) ? !matches(pattern.slice(1), value) : matches(pattern, value);
}

/**
 * Whether `project` lets an Application deploy into `namespace` of the in-cluster server: some destination takes
 * it, and no deny destination (`namespace: '!kube-system'`) leaves it out, as Argo CD decides.
 */
export function projectAllowsNamespace(project: AppProjectSpec, namespace: string): boolean {
  let taken = false;
  for (const d of (project.destinations ?? []) as Array<Record<string, unknown>>) {
    // A destination names its cluster by server URL or by the name Argo CD gives the cluster it runs in.
    const [clusterField, cluster] = d.server !== undefined ? [d.server, 'https://kubernetes.default.svc'] : [d.name, 'in-cluster'];
    const clusterMatched = matchesOrDenies(clusterField, cluster);
    const namespaceMatched = matchesOrDenies(d.namespace, namespace);
    if (clusterMatched && namespaceMatched) {
      taken = true;
    } else if ((!clusterMatched && denies(clusterField)) || (!namespaceMatched && denies(d.namespace))) {
      return false;
    }
  }
  return taken;
}

/**
 * Whether `project` lets its Applications apply (and so prune) `object`, a manifest as written: one without
 * a namespace is cluster-scoped, since the writer leaves it out of those only.
 */
export function projectPermits(project: AppProjectSpec, object: Readonly<Record<string, any>>): boolean {
  const apiVersion = String(object.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const namespace: unknown = object.metadata?.namespace;
  const kind = String(object.kind);
  if (typeof namespace !== 'string') {
    // Cluster-scoped kinds are denied unless whitelisted.
    return listed(project.clusterResourceWhitelist, group, kind) && !listed(project.clusterResourceBlacklist, group, kind);
  }
  // Namespaced kinds are allowed when the project gives no whitelist at all; an empty one allows none.
  const whitelisted = project.namespaceResourceWhitelist === undefined || listed(project.namespaceResourceWhitelist, group, kind);
  return whitelisted && !listed(project.namespaceResourceBlacklist, group, kind) && projectAllowsNamespace(project, namespace);
}
