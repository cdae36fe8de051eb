import type { AppPolicyRule, AppServiceAccount } from './service-account';
import type { PropProblem } from '../validation/known-props';

// What an app's ServiceAccount may do is written by hand, and a `*` is the quick way to make a denied call pass.
// Kubernetes takes it, and so does this library, since the reason is stated; but a `*` grants more than any app
// of a home lab uses, and grants later additions too, so each one is a warning naming the rule.

/** The lists of `serviceAccount` that grant rules, and where they reach. */
const REACH = { rules: "in the app's namespace", clusterRules: 'in every namespace and on cluster-wide resources' } as const;

/** Verbs that read an object's content (`list` and `watch` return whole objects, Secrets' values included). */
const READING_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch', '*']);

/** What a `*` in each list of a rule grants, besides what the app uses. */
const WILDCARD_GRANTS = {
  verbs: 'every verb, delete, escalate, bind and impersonate included, and verbs Kubernetes adds later',
  apiGroups: 'every API group, the RBAC one and those of custom resources installed later included',
  resources: 'every resource of the core group: Secrets, pods/exec and serviceaccounts/token included',
} as const;

const HINT = "list the verbs and resources the app uses, e.g. { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] } (its errors name any call RBAC denies)";

function isCoreRule(rule: AppPolicyRule): boolean {
  return Array.isArray(rule.apiGroups) && (rule.apiGroups.includes('') || rule.apiGroups.includes('*'));
}

/**
 * Warnings on the rules of `account` that grant more than a home-lab app needs: a `*` among the verbs, the API
 * groups, or the resources of the core group (a `*` among the resources of one other group, such as KubeVirt's
 * subresources, is that group's own), and reading Secrets by `clusterRules`, which reads every Secret of the
 * cluster. Each names the rule's field; none refuses what Kubernetes takes. Pure.
 */
export function serviceAccountBreadthNotes(account: AppServiceAccount | undefined): PropProblem[] {
  if (account === null || typeof account !== 'object') {
    return [];
  }
  return (Object.keys(REACH) as Array<keyof typeof REACH>).flatMap((list) => (Array.isArray(account[list]) ? account[list]! : []).flatMap((rule, i): PropProblem[] => {
    if (rule === null || typeof rule !== 'object') {
      return [];
    }
    const at = `serviceAccount.${list}[${i}]`;
    const wildcards = (Object.keys(WILDCARD_GRANTS) as Array<keyof typeof WILDCARD_GRANTS>)
      .filter((key) => Array.isArray(rule[key]) && rule[key].includes('*') && (key !== 'resources' || isCoreRule(rule)))
      .map((key): PropProblem => ({
        field: `${at}.${key}`,
        message: `the rule grants '*', ${WILDCARD_GRANTS[key]}, ${REACH[list]}: more than an app of the lab uses`,
        hint: HINT,
      }));
    const readsSecrets = list === 'clusterRules' && isCoreRule(rule) && Array.isArray(rule.resources) && rule.resources.includes('secrets')
      && Array.isArray(rule.verbs) && rule.verbs.some((verb) => READING_VERBS.has(verb)) && !(Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0);
    return readsSecrets ? [...wildcards, {
      field: `${at}.resources`,
      message: "the rule reads Secrets in every namespace: every password, token and key of the cluster, the platform's and other apps' included",
      hint: "read the app's own Secrets with rules (a Role in its namespace), limited by resourceNames to those it reads",
    }] : wildcards;
  }));
}
