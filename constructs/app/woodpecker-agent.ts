import type { PropProblem } from '../validation/known-props';
import type { AppPolicyRule, AppServiceAccount } from './service-account';
import type { PodSecurityLevel } from './security';

// Woodpecker's agent on its Kubernetes backend runs each step of a pipeline as a pod of its own, with a claim for
// the workflow's workspace, through the Kubernetes API with its pod's ServiceAccount token, in the namespace of
// `WOODPECKER_BACKEND_K8S_NAMESPACE` (`woodpecker` unless set). Without a token, or with a Role of another
// namespace, each pipeline fails at its first step with "forbidden".

/** Woodpecker's agent image, as Docker Hub and Quay serve it. */
const WOODPECKER_AGENT_IMAGE = /^(?:(?:docker\.io|quay\.io)\/)?woodpeckerci\/woodpecker-agent(?::|@|$)/;

/** What the agent does to run a step, as Woodpecker's chart grants it: resource and the verbs it needs. */
const STEP_GRANTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['pods', ['create', 'delete', 'get', 'watch']],
  ['pods/log', ['get']],
  ['persistentvolumeclaims', ['create', 'delete']],
];

/** The rules the hint writes: what Woodpecker's chart grants its agent. */
const STEP_RULES = "rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }]";

/** The backends the agent knows, as `WOODPECKER_BACKEND` names them. */
const BACKENDS = ['auto-detect', 'docker', 'kubernetes', 'local'];

/** What the check reads of an app's props. */
export interface WoodpeckerAgentProps {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly serviceAccount?: AppServiceAccount;
}

function grants(rules: readonly AppPolicyRule[] | undefined, resource: string, verb: string): boolean {
  return (Array.isArray(rules) ? rules : []).some((rule) => Array.isArray(rule?.apiGroups) && Array.isArray(rule.resources) && Array.isArray(rule.verbs)
    && (rule.apiGroups.includes('') || rule.apiGroups.includes('*'))
    && (rule.resources.includes(resource) || rule.resources.includes('*'))
    && (rule.verbs.includes(verb) || rule.verbs.includes('*')));
}

/**
 * A Woodpecker agent app, on the Kubernetes backend (`WOODPECKER_BACKEND: 'kubernetes'`), that could not make its
 * step pods: without `serviceAccount` (its pods get no token), making them in another namespace than the app's
 * while its rules are a Role of the app's namespace alone, or with rules that leave out what a step needs. An
 * error on the prop that decides it; `namespace` is the app's. So are a backend the agent does not know (`k8s`) and a
 * `WOODPECKER_SERVER` written as a URL, where the agent takes a gRPC address. Pure.
 */
export function woodpeckerAgentProblems(props: WoodpeckerAgentProps, namespace: string): PropProblem[] {
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  if (typeof props.image !== 'string' || !WOODPECKER_AGENT_IMAGE.test(props.image)) {
    return [];
  }
  const server = env.WOODPECKER_SERVER;
  const scheme = typeof server === 'string' ? /^([a-z][a-z0-9+.-]*):\/\/([^/]*)/i.exec(server.trim()) : null;
  const problems: PropProblem[] = scheme === null ? [] : [{
    field: 'env.WOODPECKER_SERVER',
    message: `WOODPECKER_SERVER is "${String(server)}", a URL: the agent dials it as a gRPC address, host and port alone, and never connects`,
    hint: `WOODPECKER_SERVER: '${scheme[2].replace(/:\d*$/, '')}:9000', the server's gRPC port (9000 unless its WOODPECKER_GRPC_ADDR says), not its web port`,
  }];
  const backend = env.WOODPECKER_BACKEND;
  if (typeof backend === 'string' && !BACKENDS.includes(backend)) {
    const meant = /^(k8s|kube|kubernetes)$/i.test(backend.trim()) ? 'kubernetes' : BACKENDS.find((known) => known === backend.trim().toLowerCase());
    return [...problems, {
      field: 'env.WOODPECKER_BACKEND',
      message: `WOODPECKER_BACKEND is "${backend}", which names no backend of Woodpecker's agent: it exits at its start ("backend engine not found")`,
      hint: meant === undefined ? `one of ${BACKENDS.map((known) => `'${known}'`).join(', ')}` : `WOODPECKER_BACKEND: '${meant}'`,
    }];
  }
  if (backend !== 'kubernetes') {
    return problems;
  }
  return [...problems, ...kubernetesBackendProblems(props, env, namespace)];
}

/** What the agent's Kubernetes backend needs of its ServiceAccount; `env` is the agent's. */
function kubernetesBackendProblems(props: WoodpeckerAgentProps, env: Readonly<Record<string, unknown>>, namespace: string): PropProblem[] {
  const account = props.serviceAccount;
  const stepNamespace = typeof env.WOODPECKER_BACKEND_K8S_NAMESPACE === 'string' ? env.WOODPECKER_BACKEND_K8S_NAMESPACE : 'woodpecker';
  if (account === undefined) {
    return [{
      field: 'serviceAccount',
      message: `the Woodpecker agent runs each step as a pod through the Kubernetes API (WOODPECKER_BACKEND is kubernetes), but the app has no serviceAccount: its pods get no token, and every pipeline fails at its first step`,
      hint: `serviceAccount: { reason: 'runs pipeline steps as pods', ${STEP_RULES} }${stepNamespace === namespace ? '' : `, with WOODPECKER_BACKEND_K8S_NAMESPACE: '${namespace}' (the app's namespace, where the Role is)`}`,
    }];
  }
  if (namespacePerOrganization(env)) {
    return perOrganizationProblems(account, stepNamespace);
  }
  const rulesAt = stepNamespace === namespace ? [...(account.rules ?? []), ...(account.clusterRules ?? [])] : account.clusterRules ?? [];
  const missing = STEP_GRANTS.flatMap(([resource, verbs]) => verbs.filter((verb) => !grants(rulesAt, resource, verb)).map((verb) => `${verb} ${resource}`));
  if (missing.length === 0) {
    return [];
  }
  if (stepNamespace !== namespace && STEP_GRANTS.every(([resource, verbs]) => verbs.every((verb) => grants(account.rules, resource, verb)))) {
    return [{
      field: 'env.WOODPECKER_BACKEND_K8S_NAMESPACE',
      message: `the Woodpecker agent makes its step pods in namespace "${stepNamespace}"${env.WOODPECKER_BACKEND_K8S_NAMESPACE === undefined ? ' (its default, as WOODPECKER_BACKEND_K8S_NAMESPACE is not set)' : ''}, while serviceAccount.rules are a Role of the app's namespace "${namespace}" alone: the API server refuses every step pod there`,
      hint: `WOODPECKER_BACKEND_K8S_NAMESPACE: '${namespace}', or deploy the agent in namespace "${stepNamespace}"; clusterRules that create pods would let it make them in every namespace`,
    }];
  }
  return [{
    field: 'serviceAccount.rules',
    message: `the Woodpecker agent's rules in namespace "${stepNamespace}" leave out ${missing.join(', ')}, which it uses to run each step as a pod with its workspace claim: every pipeline fails with "forbidden"`,
    hint: STEP_RULES,
  }];
}

/** What the agent does beside a step's grants when it makes each organization's namespace: resource and verbs. */
const NAMESPACE_GRANTS: ReadonlyArray<readonly [string, readonly string[]]> = [['namespaces', ['get', 'create']]];

/**
 * An agent that runs each organization's steps in a namespace it makes (`<stepNamespace>-<organization id>`): only
 * cluster rules reach namespaces that do not exist yet, and it must be let make them. One problem on
 * `serviceAccount.clusterRules` naming what they leave out. Pure.
 */
function perOrganizationProblems(account: AppServiceAccount, stepNamespace: string): PropProblem[] {
  const missing = [...STEP_GRANTS, ...NAMESPACE_GRANTS]
    .flatMap(([resource, verbs]) => verbs.filter((verb) => !grants(account.clusterRules, resource, verb)).map((verb) => `${verb} ${resource}`));
  return missing.length === 0 ? [] : [{
    field: 'serviceAccount.clusterRules',
    message: `the Woodpecker agent runs each organization's steps in a namespace it makes, "${stepNamespace}-<organization id>" (WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION), `
      + `which only cluster rules reach, and they leave out ${missing.join(', ')}: every pipeline fails with "forbidden"`,
    hint: "clusterRules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'create'] }, "
      + "{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }]",
  }];
}

/**
 * Whether the agent runs each organization's steps in a namespace of its own, `<WOODPECKER_BACKEND_K8S_NAMESPACE>-<id>`,
 * which it makes when first needed (`WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION`, read as Go reads a
 * boolean). Pure.
 */
function namespacePerOrganization(env: Readonly<Record<string, unknown>>): boolean {
  const value = env.WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION;
  return typeof value === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

/**
 * The problem of a Woodpecker agent on the Kubernetes backend whose step namespace enforces Pod Security
 * `restricted`: a step's pod takes only the security context its pipeline's `backend_options` give (user, group,
 * seccomp and AppArmor profiles, privileged), never the dropped capabilities and `allowPrivilegeEscalation: false`
 * that `restricted` asks, so admission refuses every step. `levelOf` gives the enforced level of a namespace of the
 * repository (undefined for one made elsewhere, not judged, as are the namespaces the agent makes for each
 * organization); `namespace` is the app's. Pure.
 */
export function woodpeckerStepNamespaceProblem(
  props: WoodpeckerAgentProps, namespace: string, levelOf: (namespace: string) => PodSecurityLevel | undefined,
): PropProblem | undefined {
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  if (typeof props.image !== 'string' || !WOODPECKER_AGENT_IMAGE.test(props.image) || env.WOODPECKER_BACKEND !== 'kubernetes') {
    return undefined;
  }
  const written = typeof env.WOODPECKER_BACKEND_K8S_NAMESPACE === 'string' ? env.WOODPECKER_BACKEND_K8S_NAMESPACE : undefined;
  const stepNamespace = written ?? 'woodpecker';
  // With a namespace per organization the steps run in `<namespace>-<organization id>`, which the agent makes.
  if (namespacePerOrganization(env) || levelOf(stepNamespace) !== 'restricted') {
    return undefined;
  }
  return {
    field: written === undefined ? 'env' : 'env.WOODPECKER_BACKEND_K8S_NAMESPACE',
    message: `the Woodpecker agent runs each step as a pod of namespace "${stepNamespace}", which enforces Pod Security "restricted": a step's pod drops no capabilities and may escalate privileges, `
      + 'which no backend_options of a pipeline change, so admission refuses every step and each pipeline fails at its first',
    hint: `state why the steps' namespace admits them: cluster.namespaces.ensure('${stepNamespace}', { podSecurity: 'baseline', reason: 'Woodpecker pipeline steps' })`
      + `${stepNamespace === namespace ? ", or give the steps a namespace of their own (WOODPECKER_BACKEND_K8S_NAMESPACE) so the agent's stays restricted" : ''}`,
  };
}
