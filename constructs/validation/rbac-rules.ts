import type { SynthesizedObject } from '../synth/collect';
import { DNS1123_SUBDOMAIN, PATH_SEGMENT_NAME, nameProblem } from './dns-names';
import { AddFinding, fields, list, text } from './manifest';
import { checkLabelSelector } from './selector-rules';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The lists of a rule RBAC compares with a request, by the name of one of their entries. */
const MATCHED_LISTS = { apiGroups: 'API group', resources: 'resource', verbs: 'verb' } as const;

/**
 * What is wrong with `entry` of a rule's `list` that the API server takes: RBAC compares API groups,
 * resources and verbs with a request's as written, and every one Kubernetes serves is lower case (API
 * groups are DNS names, a CRD's plural is lower case, verbs are `get`, `list`, …), so `GET` or `Pods`
 * would grant nothing. Pure.
 */
export function ruleEntryProblem(list: keyof typeof MATCHED_LISTS, entry: unknown): { message: string; hint: string } | undefined {
  if (typeof entry !== 'string' || entry === entry.toLowerCase()) {
    return undefined;
  }
  return {
    message: `${MATCHED_LISTS[list]} "${entry}" grants nothing: RBAC compares it with a request's as written, and Kubernetes names every ${MATCHED_LISTS[list]} in lower case`,
    hint: `write '${entry.toLowerCase()}'`,
  };
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
    if (list(rule.verbs).length === 0) {
      add(`${at}.verbs`, 'the rule grants no verb', "list the verbs it allows, e.g. ['get', 'list', 'watch']");
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
