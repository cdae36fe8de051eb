// Argo CD's own reading of an AppProject, for the checks that compare a project with the objects it must
// let through: a group/kind the whitelist and blacklist of its scope let through (a namespaced kind needs no
// whitelist, a cluster-scoped one does), and a namespaced object's namespace among the destinations (`*` in
// any of them matches any run of characters, as in Argo CD's globs; a destination's `!` pattern denies).

/** An AppProject's `spec`, as written. */
export type AppProjectSpec = Readonly<Record<string, any>>;

/** Whether `pattern`, a glob whose `*` takes any run of characters as Argo CD's do, matches `value`. */
function matches(pattern: unknown, value: string): boolean {
  if (typeof pattern !== 'string') {
    return false;
  }
  if (!pattern.includes('*')) {
    return pattern === value;
  }
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
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
