import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { EXEMPTION_ANNOTATION_PREFIX } from './security';
import type { ForeignForm, PropProblem, PropShape } from '../validation/known-props';
import { ruleEntryProblem, ruleResourceProblems } from '../validation/rbac-rules';
import { noteRenderedFor } from '../validation/rendered-for';

/** A rule of a Role or ClusterRole: verbs on resources of API groups. */
export interface AppPolicyRule {
  /** API groups of the resources; `''` is the core group (pods, services, …), e.g. `['', 'networking.k8s.io']`. */
  readonly apiGroups: string[];
  /** Resources, e.g. `['pods', 'services']`. */
  readonly resources: string[];
  /** Verbs, e.g. `['get', 'list', 'watch']`. */
  readonly verbs: string[];
  /** Names the rule is limited to. @default - every object of the resources */
  readonly resourceNames?: string[];
}

/**
 * The Kubernetes API identity of an app's pods: a ServiceAccount of its own, named after the app, with what
 * it may do. The pods get its token mounted (`automountServiceAccountToken: true`), which an app without it
 * never has; the reason is written to the pod as the annotation `security.homelab.dev/service-account-token`.
 */
export interface AppServiceAccount {
  /** Why the app talks to the Kubernetes API, e.g. `'service discovery of the dashboard'`. */
  readonly reason: string;
  /** What it may do in the app's namespace: a Role and RoleBinding there. @default - nothing there */
  readonly rules?: AppPolicyRule[];
  /**
   * What it may do in every namespace and on cluster-wide resources (nodes): a ClusterRole and
   * ClusterRoleBinding named `<namespace>-<app>`. Read-only verbs (`get`, `list`, `watch`) are what a
   * dashboard or a discovery needs; a verb that writes here writes in every namespace.
   * @default - nothing cluster-wide
   */
  readonly clusterRules?: AppPolicyRule[];
}

/** Pod annotation that records why the pod has a ServiceAccount token. */
export const SERVICE_ACCOUNT_TOKEN_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}service-account-token`;

const RULE_SHAPE = {
  apiGroups: 'strings', resources: 'strings', verbs: 'strings', resourceNames: 'strings',
} as const satisfies Record<keyof AppPolicyRule, PropShape>;

/** `AppServiceAccount`, for callers the type checker does not see. */
export const SERVICE_ACCOUNT_SHAPE = {
  reason: 'reason', rules: { '[]': RULE_SHAPE }, clusterRules: { '[]': RULE_SHAPE },
} as const satisfies Record<keyof AppServiceAccount, PropShape>;

/** What `serviceAccount` must name: its reason, and the parts of each rule. */
export const SERVICE_ACCOUNT_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['serviceAccount.reason', "say why the app talks to the Kubernetes API, e.g. reason: 'discovers the services it shows'"],
  ...(['rules', 'clusterRules'] as const).flatMap((list) => [
    [`serviceAccount.${list}.*.apiGroups`, "list the API groups; '' is the core group (pods, services, …)"] as const,
    [`serviceAccount.${list}.*.resources`, "list the resources, e.g. resources: ['pods']"] as const,
    [`serviceAccount.${list}.*.verbs`, "list the verbs, e.g. verbs: ['get', 'list', 'watch']"] as const,
  ]),
];

/** The rules Homepage's Kubernetes discovery reads, as a hint writes them for an app asked a role by name. */
const DISCOVERY_RULES = "[{ apiGroups: ['', 'networking.k8s.io'], resources: ['namespaces', 'pods', 'nodes', 'ingresses'], verbs: ['get', 'list'] }]";

/**
 * A `serviceAccount` that names a role where it lists rules (`clusterRules: 'cluster-admin'`, `clusterRole: 'view'`),
 * as a chart's `rbac` values or a ClusterRoleBinding written by hand do: one problem on that key, whose hint lists
 * rules, since an app is granted what it reads and no built-in role (cluster-admin reaches every Secret). Pure.
 */
export function serviceAccountRoleForm(account: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const key = ['clusterRules', 'rules', 'clusterRole', 'role', 'roleRef'].find((k) => typeof account[k] === 'string');
  if (key === undefined) {
    return undefined;
  }
  const role = account[key] as string;
  const list = key === 'rules' || key === 'role' ? 'rules' : 'clusterRules';
  return {
    key, keys: [key],
    message: `serviceAccount.${key} is "${role}", the name of a role, where an App lists the rules its ServiceAccount is granted`
      + (role === 'cluster-admin' ? ': cluster-admin would let the app\'s pods do anything in the cluster, read every Secret included' : ''),
    hint: `list what the app reads, e.g. for a dashboard's discovery: ${list}: ${DISCOVERY_RULES}`,
  };
}

/**
 * What is wrong in the rules of `serviceAccount`: a rule with an empty list of groups, resources or verbs,
 * which the API server refuses, or an entry of them that would grant nothing (`GET`). Pure.
 */
export function serviceAccountProblems(account: AppServiceAccount | undefined): PropProblem[] {
  if (account === null || typeof account !== 'object') {
    return [];
  }
  return (['rules', 'clusterRules'] as const).flatMap((list) => (Array.isArray(account[list]) ? account[list]! : []).flatMap((rule, i) => [
    ...(['apiGroups', 'resources', 'verbs'] as const).flatMap((key): PropProblem[] => {
      const entries: unknown[] = Array.isArray(rule?.[key]) ? rule[key] : [];
      if (Array.isArray(rule?.[key]) && entries.length === 0) {
        return [{
          field: `serviceAccount.${list}[${i}].${key}`,
          message: `the rule lists no ${key}, and the API server refuses a rule without them`,
          hint: SERVICE_ACCOUNT_REQUIRED.find(([at]) => at === `serviceAccount.${list}.*.${key}`)![1],
        }];
      }
      return entries.flatMap((entry, j) => {
        const problem = ruleEntryProblem(key, entry);
        return problem === undefined ? [] : [{ field: `serviceAccount.${list}[${i}].${key}[${j}]`, ...problem }];
      });
    }),
    ...ruleResourceProblems(rule ?? {}, list === 'rules', 'grant it in clusterRules, which reach every namespace and what belongs to none')
      .map(({ index, message, hint }) => ({ field: `serviceAccount.${list}[${i}].resources[${index}]`, message, hint })),
  ]));
}

/** The annotation that says why the pod has a token, for an app with `serviceAccount`. Pure. */
export function serviceAccountTokenAnnotation(account: AppServiceAccount | undefined): Record<string, string> {
  return account === undefined ? {} : { [SERVICE_ACCOUNT_TOKEN_ANNOTATION]: account.reason };
}

/** The app's identity as the objects that make it, in `scope` (the app), labelled `labels`. */
export function renderServiceAccount(
  scope: Construct, account: AppServiceAccount, app: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> },
): void {
  const subject = { kind: 'ServiceAccount', name: app.name, namespace: app.namespace };
  new ApiObject(scope, 'service-account', {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app.name, namespace: app.namespace, labels: app.labels },
  });
  const grant = (id: string, kind: 'Role' | 'ClusterRole', rules: readonly AppPolicyRule[]) => {
    const clusterWide = kind === 'ClusterRole';
    // A ClusterRole belongs to no namespace: the namespace in its name keeps two apps of one name apart.
    const metadata = clusterWide ? { name: `${app.namespace}-${app.name}`, labels: app.labels } : { name: app.name, namespace: app.namespace, labels: app.labels };
    new ApiObject(scope, id, { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata, rules: rules.map((rule) => ({ ...rule })) });
    const binding = new ApiObject(scope, `${id}-binding`, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: `${kind}Binding`, metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: metadata.name },
      subjects: [subject],
    });
    // Findings about whom the binding reaches name the prop that granted the rules.
    noteRenderedFor(binding, scope, clusterWide ? 'serviceAccount.clusterRules' : 'serviceAccount.rules');
  };
  if (account.rules !== undefined) {
    grant('role', 'Role', account.rules);
  }
  if (account.clusterRules !== undefined) {
    grant('cluster-role', 'ClusterRole', account.clusterRules);
  }
}
