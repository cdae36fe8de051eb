// Argo CD's own reading of an AppProject, for the checks that compare a project with the objects it must
// let through: a group/kind in the whitelist of its scope, and a namespaced object's namespace among the
// destinations (`*` matches anything, as in Argo CD's globs).

/** An AppProject's `spec`, as written. */
export type AppProjectSpec = Readonly<Record<string, any>>;

function matches(pattern: unknown, value: string): boolean {
  return pattern === '*' || pattern === value;
}

/** Whether `project` lets an Application deploy into `namespace` of the in-cluster server. */
export function projectAllowsNamespace(project: AppProjectSpec, namespace: string): boolean {
  return ((project.destinations ?? []) as Array<Record<string, unknown>>)
    .some((d) => matches(d.server, 'https://kubernetes.default.svc') && matches(d.namespace, namespace));
}

/**
 * Whether `project` lets its Applications apply (and so prune) `object`, a manifest as written: one without
 * a namespace is cluster-scoped, since the writer leaves it out of those only.
 */
export function projectPermits(project: AppProjectSpec, object: Readonly<Record<string, any>>): boolean {
  const apiVersion = String(object.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const namespace: unknown = object.metadata?.namespace;
  const list = ((typeof namespace === 'string' ? project.namespaceResourceWhitelist : project.clusterResourceWhitelist) ?? []) as Array<Record<string, unknown>>;
  return list.some((entry) => matches(entry.group, group) && matches(entry.kind, String(object.kind)))
    && (typeof namespace !== 'string' || projectAllowsNamespace(project, namespace));
}
