import type { SynthesizedObject } from '../synth/collect';
import { DNS1123_SUBDOMAIN, PATH_SEGMENT_NAME, nameProblem } from './dns-names';
import { AddFinding, fields, list, text } from './manifest';
import { checkLabelSelector } from './selector-rules';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The lists of a rule RBAC compares with a request, by the name of one of their entries. */
const MATCHED_LISTS = { apiGroups: 'API group', resources: 'resource', verbs: 'verb' } as const;

/**
 * Kubernetes' own resources an app's rules most often name, each with the API groups that serve it and
 * whether it belongs to no namespace. `namespaces` counts as namespaced: RBAC reads a request for one
 * namespace as made in that namespace, which a Role there may grant.
 */
const BUILT_IN_RESOURCES: Readonly<Record<string, { readonly groups: readonly string[]; readonly clusterScoped?: true }>> = {
  pods: { groups: ['', 'metrics.k8s.io'] }, services: { groups: [''] }, endpoints: { groups: [''] }, configmaps: { groups: [''] },
  secrets: { groups: [''] }, persistentvolumeclaims: { groups: [''] }, events: { groups: ['', 'events.k8s.io'] },
  serviceaccounts: { groups: [''] }, namespaces: { groups: [''] }, replicationcontrollers: { groups: [''] },
  resourcequotas: { groups: [''] }, limitranges: { groups: [''] },
  nodes: { groups: ['', 'metrics.k8s.io'], clusterScoped: true }, persistentvolumes: { groups: [''], clusterScoped: true },
  deployments: { groups: ['apps'] }, statefulsets: { groups: ['apps'] }, daemonsets: { groups: ['apps'] },
  replicasets: { groups: ['apps'] }, controllerrevisions: { groups: ['apps'] },
  jobs: { groups: ['batch'] }, cronjobs: { groups: ['batch'] },
  ingresses: { groups: ['networking.k8s.io'] }, networkpolicies: { groups: ['networking.k8s.io'] },
  ingressclasses: { groups: ['networking.k8s.io'], clusterScoped: true },
  endpointslices: { groups: ['discovery.k8s.io'] }, leases: { groups: ['coordination.k8s.io'] },
  horizontalpodautoscalers: { groups: ['autoscaling'] }, poddisruptionbudgets: { groups: ['policy'] },
  storageclasses: { groups: ['storage.k8s.io'], clusterScoped: true },
  roles: { groups: ['rbac.authorization.k8s.io'] }, rolebindings: { groups: ['rbac.authorization.k8s.io'] },
  clusterroles: { groups: ['rbac.authorization.k8s.io'], clusterScoped: true },
  clusterrolebindings: { groups: ['rbac.authorization.k8s.io'], clusterScoped: true },
  customresourcedefinitions: { groups: ['apiextensions.k8s.io'], clusterScoped: true },
  priorityclasses: { groups: ['scheduling.k8s.io'], clusterScoped: true },
  runtimeclasses: { groups: ['node.k8s.io'], clusterScoped: true },
};

/** The groups of {@link BUILT_IN_RESOURCES}: a rule that lists only these serves only their resources. */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(Object.values(BUILT_IN_RESOURCES).flatMap((r) => r.groups));

/** A built-in resource written as its kind or in the singular (`Pod`, `deployment`): the plural RBAC compares, or undefined. */
function pluralResource(entry: string): string | undefined {
  const lower = entry.toLowerCase();
  const plurals = [lower, `${lower}s`, `${lower}es`, lower.replace(/y$/, 'ies')];
  return plurals.find((plural) => plural !== entry && BUILT_IN_RESOURCES[plural] !== undefined);
}

/** Words for verbs that are no verb of Kubernetes' API, with the verbs they most likely meant. */
const VERB_MEANT: Readonly<Record<string, string>> = {
  read: "'get', 'list', 'watch'", view: "'get', 'list', 'watch'", write: "'create', 'update', 'patch', 'delete'",
  edit: "'update', 'patch'", post: "'create'", put: "'update'", remove: "'delete'", all: "'*' (every verb), or the verbs it uses",
};

/**
 * What is wrong with `entry` of a rule's `list` that the API server takes, and that would grant nothing: RBAC
 * compares API groups, resources and verbs with a request's as written, and every one Kubernetes serves is
 * lower case (API groups are DNS names, a CRD's plural is lower case, verbs are `get`, `list`, …), so `GET`
 * or `Pods` would grant nothing; an API group has no version (`apps/v1`, `v1`), a built-in resource is
 * named in the plural (`pod`), and `read` or `write` is no verb. Pure.
 */
export function ruleEntryProblem(list: keyof typeof MATCHED_LISTS, entry: unknown): { message: string; hint: string } | undefined {
  if (typeof entry !== 'string') {
    return undefined;
  }
  const version = list === 'apiGroups' ? /^(?:(.*)\/)?v\d+(?:(?:alpha|beta)\d+)?$/.exec(entry) : null;
  if (version !== null) {
    const group = (version[1] ?? '').toLowerCase();
    return {
      message: `API group "${entry}" grants nothing: a rule names the group without its version, and ${group === '' ? "the core group's name is ''" : `this one is ${group}`}`,
      hint: group === '' ? "write '' for the core group (pods, services, configmaps, …)" : `write '${group}'`,
    };
  }
  const plural = list === 'resources' ? pluralResource(entry) : undefined;
  if (plural !== undefined) {
    return {
      message: `resource "${entry}" grants nothing: RBAC compares it with a request's as written, and Kubernetes names its resources in lower case, in the plural`,
      hint: `write '${plural}'`,
    };
  }
  const meant = list === 'verbs' ? VERB_MEANT[entry.toLowerCase()] : undefined;
  if (meant !== undefined) {
    return { message: `verb "${entry}" grants nothing: Kubernetes' API has no such verb`, hint: `write ${meant}` };
  }
  if (entry === entry.toLowerCase()) {
    return undefined;
  }
  if (list === 'resources' && /^[A-Z][A-Za-z]*[a-rt-z]$/.test(entry)) {
    // A kind (a CRD's `IngressRoute`): its resource is the CRD's plural, as `kubectl api-resources` lists it.
    return {
      message: `resource "${entry}" grants nothing: it is written as a kind, and RBAC compares the resource, the kind's plural in lower case`,
      hint: `write the plural that kubectl api-resources lists for it, most likely '${entry.toLowerCase()}s'`,
    };
  }
  return {
    message: `${MATCHED_LISTS[list]} "${entry}" grants nothing: RBAC compares it with a request's as written, and Kubernetes names every ${MATCHED_LISTS[list]} in lower case`,
    hint: `write '${entry.toLowerCase()}'`,
  };
}

/**
 * The entries of a rule's `resources` that are built-in resources belonging to no namespace (`nodes`,
 * `persistentvolumes`, `storageclasses`): only a ClusterRoleBinding grants them. Pure.
 */
export function clusterScopedResources(rule: { readonly resources?: unknown }): string[] {
  const resources: unknown[] = Array.isArray(rule.resources) ? rule.resources : [];
  return resources.filter((entry): entry is string => typeof entry === 'string' && BUILT_IN_RESOURCES[entry.split('/')[0]]?.clusterScoped === true);
}

/**
 * The built-in resources of a rule that it grants nothing on, by their index in `resources`: one no API group
 * the rule lists serves (`deployments` under the core group `''`), when every group it lists is Kubernetes'
 * own; and, in a Role (`namespaced`), one that belongs to no namespace (`nodes`). `clusterWide` says where
 * such a resource is granted instead. Entries with a problem of their own ({@link ruleEntryProblem}) are left
 * to it. Pure.
 */
export function ruleResourceProblems(
  rule: { readonly apiGroups?: unknown; readonly resources?: unknown }, namespaced: boolean, clusterWide: string,
): Array<{ index: number; message: string; hint: string }> {
  const groups = Array.isArray(rule.apiGroups) ? rule.apiGroups.filter((g): g is string => typeof g === 'string') : [];
  const resources: unknown[] = Array.isArray(rule.resources) ? rule.resources : [];
  const onlyBuiltIn = groups.length > 0 && groups.every((group) => BUILT_IN_GROUPS.has(group));
  return resources.flatMap((entry, index) => {
    const resource = typeof entry === 'string' && ruleEntryProblem('resources', entry) === undefined ? BUILT_IN_RESOURCES[entry.split('/')[0]] : undefined;
    if (resource === undefined) {
      return [];
    }
    if (onlyBuiltIn && !resource.groups.some((group) => groups.includes(group))) {
      const group = resource.groups[0];
      return [{
        index, message: `resource "${entry}" grants nothing here: its API group is ${group === '' ? "the core group ''" : group}, which the rule's apiGroups (${groups.map((g) => `'${g}'`).join(', ')}) leave out`,
        hint: `add '${group}' to apiGroups, or grant it in a rule of its own: { apiGroups: ['${group}'], resources: ['${String(entry)}'], verbs: [...] }`,
      }];
    }
    if (namespaced && resource.clusterScoped) {
      return [{ index, message: `resource "${entry}" belongs to no namespace, so a rule of one namespace grants nothing on it`, hint: clusterWide }];
    }
    return [];
  });
}

/** Verbs whose requests name no object when RBAC authorizes them, so `resourceNames` never matches them. */
const UNNAMED_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

/**
 * Whether a rule's `resources` reach a subresource (`pods/exec`, `serviceaccounts/token`, `*`): a create of a
 * subresource is a request on the object it belongs to, which carries that object's name, so `resourceNames`
 * matches it (`kubectl exec db-0` is a create of `pods/exec` named `db-0`). Pure.
 */
function reachesSubresource(resources: unknown): boolean {
  return Array.isArray(resources) && resources.some((entry) => typeof entry === 'string' && (entry === '*' || entry.includes('/')));
}

/**
 * The verbs of a rule with `resourceNames` that it grants nothing for: a `create` of an object or a
 * `deletecollection` request names no object when it is authorized, so a rule limited to some names never matches
 * it. A `create` of a subresource names its object, and is left alone. Pure.
 */
export function namedRuleVerbProblems(rule: { readonly resourceNames?: unknown; readonly verbs?: unknown; readonly resources?: unknown }): Array<{ index: number; message: string; hint: string }> {
  const names = Array.isArray(rule.resourceNames) ? rule.resourceNames : [];
  const verbs: unknown[] = Array.isArray(rule.verbs) ? rule.verbs : [];
  const unnamed = (verb: string) => UNNAMED_VERBS.has(verb) && !(verb === 'create' && reachesSubresource(rule.resources));
  return names.length === 0 ? [] : verbs.flatMap((verb, index) => (typeof verb === 'string' && unnamed(verb) ? [{
    index,
    message: `"${verb}" is never granted by a rule limited to resourceNames: a ${verb} request names no object when it is authorized, so the rule does not match it`,
    hint: `grant ${verb} in a rule of its own without resourceNames: { apiGroups, resources, verbs: ['${verb}'] }`,
  }] : []));
}

/**
 * What the API server rejects in a Role's or ClusterRole's rules although the schema allows it: a rule
 * without verbs, a resource rule without API groups or resources, a Role with non-resource URLs
 * (they are cluster-wide), a rule that mixes resources and non-resource URLs, and a ClusterRole's aggregation
 * rule that selects no ClusterRole or by a malformed label selector.
 */
export function checkRoleRules(object: SynthesizedObject, add: AddFinding): void {
  const namespaced = object.manifest.kind === 'Role';
  list(object.manifest.rules).forEach((rule, i) => {
    const at = `rules[${i}]`;
    (Object.keys(MATCHED_LISTS) as Array<keyof typeof MATCHED_LISTS>).forEach((key) => (Array.isArray(rule[key]) ? rule[key] : []).forEach((entry: unknown, j: number) => {
      const problem = ruleEntryProblem(key, entry);
      if (problem !== undefined) {
        add(`${at}.${key}[${j}]`, problem.message, problem.hint);
      }
    }));
    for (const problem of ruleResourceProblems(rule, namespaced, 'grant it in a ClusterRole')) {
      add(`${at}.resources[${problem.index}]`, problem.message, problem.hint);
    }
    if (list(rule.verbs).length === 0) {
      add(`${at}.verbs`, 'the rule grants no verb', "list the verbs it allows, e.g. ['get', 'list', 'watch']");
    }
    for (const problem of namedRuleVerbProblems(rule)) {
      add(`${at}.verbs[${problem.index}]`, problem.message, problem.hint);
    }
    const urls = list(rule.nonResourceURLs).length > 0;
    if (urls && namespaced) {
      add(`${at}.nonResourceURLs`, 'a Role cannot grant non-resource URLs: they belong to no namespace', 'grant them in a ClusterRole');
    } else if (urls && (list(rule.resources).length > 0 || list(rule.apiGroups).length > 0 || list(rule.resourceNames).length > 0)) {
      add(`${at}.nonResourceURLs`, 'a rule grants resources or non-resource URLs, not both', 'split it into two rules');
    } else if (!urls) {
      if (!Array.isArray(rule.apiGroups) || rule.apiGroups.length === 0) {
        add(`${at}.apiGroups`, 'a resource rule needs at least one API group', "list the groups; '' is the core group (pods, services, …)");
      }
      if (list(rule.resources).length === 0) {
        add(`${at}.resources`, 'a resource rule needs at least one resource', "list the resources, e.g. ['pods']");
      }
    }
  });
  if (!namespaced && object.manifest.aggregationRule !== undefined) {
    const selectors = fields(object.manifest.aggregationRule).clusterRoleSelectors;
    if (!Array.isArray(selectors) || selectors.length === 0) {
      add('aggregationRule.clusterRoleSelectors', 'the aggregation rule selects no ClusterRole to gather the rules of',
        "select the ClusterRoles by label, e.g. clusterRoleSelectors: [{ matchLabels: { 'rbac.lab.example/aggregate-to-backup': 'true' } }], or drop aggregationRule");
    }
    list(selectors).forEach((selector, i) => checkLabelSelector(selector, `aggregationRule.clusterRoleSelectors[${i}]`, add));
  }
}

/**
 * What the API server rejects in a RoleBinding or ClusterRoleBinding: a role reference to a kind it cannot
 * bind or by a name no role can have, and subjects without a name, with the wrong API group, or a ServiceAccount without the namespace a
 * ClusterRoleBinding needs to find it.
 */
export function checkRoleBinding(object: SynthesizedObject, add: AddFinding): void {
  const clusterWide = object.manifest.kind === 'ClusterRoleBinding';
  const roleRef = fields(object.manifest.roleRef);
  const allowed = clusterWide ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (roleRef.kind !== undefined && !allowed.includes(roleRef.kind as string)) {
    add('roleRef.kind', `a ${String(object.manifest.kind)} cannot bind a ${JSON.stringify(roleRef.kind)}`, `refer to a ${allowed.join(' or a ')}`);
  }
  if (roleRef.apiGroup !== undefined && roleRef.apiGroup !== RBAC_GROUP) {
    add('roleRef.apiGroup', `the role's API group ${JSON.stringify(roleRef.apiGroup)} is not ${RBAC_GROUP}`, `set apiGroup: ${RBAC_GROUP}`);
  }
  const roleName = text(roleRef.name);
  const roleNameProblem = roleName === '' ? 'the role reference has no name' : roleName === undefined ? undefined : nameProblem(roleName, PATH_SEGMENT_NAME);
  if (roleNameProblem) {
    add('roleRef.name', roleNameProblem, `name the ${allowed.join(' or ')} to bind: ${PATH_SEGMENT_NAME.hint}`);
  }
  list(object.manifest.subjects).forEach((subject, i) => {
    const at = `subjects[${i}]`;
    const name = text(subject.name);
    if (name === undefined || name === '') {
      add(`${at}.name`, 'the subject has no name', 'name the user, group or ServiceAccount');
    }
    if (subject.kind === 'ServiceAccount') {
      if (subject.apiGroup !== undefined && subject.apiGroup !== '') {
        add(`${at}.apiGroup`, 'a ServiceAccount subject belongs to the core API group', "drop apiGroup, or set it to ''");
      }
      const problem = name === undefined || name === '' ? undefined : nameProblem(name, DNS1123_SUBDOMAIN);
      if (problem) {
        add(`${at}.name`, `ServiceAccount name ${problem}`, "use lower-case letters, digits, '-' and '.'");
      }
      if (clusterWide && (subject.namespace === undefined || subject.namespace === '')) {
        add(`${at}.namespace`, 'a ServiceAccount subject of a ClusterRoleBinding needs its namespace', 'set namespace to the ServiceAccount\'s namespace');
      }
    } else if ((subject.kind === 'User' || subject.kind === 'Group') && subject.apiGroup !== RBAC_GROUP) {
      add(`${at}.apiGroup`, `a ${subject.kind} subject belongs to the API group ${RBAC_GROUP}`, `set apiGroup: ${RBAC_GROUP}`);
    } else if (subject.kind !== 'User' && subject.kind !== 'Group' && subject.kind !== undefined) {
      add(`${at}.kind`, `subject kind ${JSON.stringify(subject.kind)} is not ServiceAccount, User or Group`, 'bind a ServiceAccount, User or Group');
    }
  });
}
