import type { SynthesizedObject } from '../synth/collect';
import { checkPolicyExpressions } from './admission-policy-expressions';
import { celExpressionProblem } from './schema/cel-new-expressions';
import { DNS1035_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { checkLabelSelector } from './selector-rules';
import { qualifiedNameProblem } from './syntax';

// Admission configuration the API server refuses by its own validation (pkg/apis/admissionregistration/
// validation) although the OpenAPI schema allows it. A refused webhook configuration or policy is not
// stored, so whatever it was meant to guard goes unguarded.

/** The side effects a webhook of admissionregistration.k8s.io/v1 may declare: it must be safe on a dry run. */
const NO_SIDE_EFFECTS: readonly string[] = ['None', 'NoneOnDryRun'];
/** The AdmissionReview versions the API server can send; a webhook lists at least one of them. */
const REVIEW_VERSIONS: readonly string[] = ['v1', 'v1beta1'];
/** The longest and shortest a webhook call may last, in seconds. */
const MIN_TIMEOUT_SECONDS = 1;
const MAX_TIMEOUT_SECONDS = 30;
/** The most match conditions a webhook or policy may have. */
const MAX_MATCH_CONDITIONS = 64;

/**
 * A ValidatingWebhookConfiguration or MutatingWebhookConfiguration (ValidateValidatingWebhookConfiguration):
 * each webhook named by a fully qualified name (a domain of at least three parts) of its own, side effects
 * of None or NoneOnDryRun, AdmissionReview versions that include v1 or v1beta1, once each, a timeout of
 * 1–30 seconds, one client config (a URL of https without user, query or fragment, or a Service of a port
 * of 1–65535 and a path from / of lower-case segments), rules that name operations, API groups, versions and
 * resources (`*` and `*\/*` alone), match conditions as `checkMatchConditions` takes them, and selectors the
 * API server takes.
 */
export function checkWebhookConfiguration(object: SynthesizedObject, add: AddFinding): void {
  const names = new Map<string, number>();
  list(object.manifest.webhooks).forEach((hook, i) => {
    const at = `webhooks[${i}]`;
    const name = text(hook.name);
    const problem = name === undefined || name === '' ? undefined : webhookNameProblem(name);
    if (problem !== undefined) {
      add(`${at}.name`, problem, 'name the webhook as a domain of at least three parts that its controller owns, e.g. validate.pods.lab.example');
    } else if (name !== undefined && names.has(name)) {
      add(`${at}.name`, `webhook name "${name}" is used by webhooks[${names.get(name)}] already`, 'give every webhook of the configuration its own name');
    }
    if (name !== undefined && !names.has(name)) {
      names.set(name, i);
    }
    if (typeof hook.sideEffects === 'string' && !NO_SIDE_EFFECTS.includes(hook.sideEffects)) {
      add(`${at}.sideEffects`, `sideEffects ${JSON.stringify(hook.sideEffects)} is refused: a webhook of admissionregistration.k8s.io/v1 declares None or NoneOnDryRun`,
        'set sideEffects: None when the webhook changes nothing outside the request (or NoneOnDryRun when it skips its side effects on a dry run)');
    }
    checkReviewVersions(hook.admissionReviewVersions, `${at}.admissionReviewVersions`, add);
    const timeout = hook.timeoutSeconds;
    if (typeof timeout === 'number' && (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS)) {
      add(`${at}.timeoutSeconds`, `a timeout of ${timeout} seconds is refused: a webhook call lasts ${MIN_TIMEOUT_SECONDS}–${MAX_TIMEOUT_SECONDS} seconds`,
        `give a timeout of ${MIN_TIMEOUT_SECONDS}–${MAX_TIMEOUT_SECONDS} seconds, e.g. 10 (the default)`);
    }
    if (hook.clientConfig !== undefined) {
      checkClientConfig(fields(hook.clientConfig), `${at}.clientConfig`, add);
    }
    list(hook.rules).forEach((rule, r) => checkRule(rule, `${at}.rules[${r}]`, add));
    checkLabelSelector(hook.namespaceSelector, `${at}.namespaceSelector`, add);
    checkLabelSelector(hook.objectSelector, `${at}.objectSelector`, add);
    checkMatchConditions(hook.matchConditions, `${at}.matchConditions`, add);
  });
}

/**
 * Match conditions of a webhook or a policy (validateMatchConditions): at most 64, each named by a
 * qualified name of its own and given an expression that compiles (see `celExpressionProblem`).
 */
function checkMatchConditions(value: unknown, at: string, add: AddFinding): void {
  const conditions = list(value);
  if (conditions.length > MAX_MATCH_CONDITIONS) {
    add(at, `${conditions.length} match conditions are more than the ${MAX_MATCH_CONDITIONS} the API server takes`, 'join conditions with && into fewer expressions');
  }
  const names = new Map<string, number>();
  conditions.forEach((condition, i) => {
    const name = text(condition.name);
    const problem = name === undefined ? undefined : name === '' ? 'the match condition has no name' : qualifiedNameProblem(name);
    if (problem !== undefined) {
      add(`${at}[${i}].name`, problem.startsWith('the match') ? problem : `match condition name: ${problem}`, 'name the condition like a label key, e.g. exclude-kube-system');
    } else if (name !== undefined && names.has(name)) {
      add(`${at}[${i}].name`, `match condition name "${name}" is used by ${at.replace(/^.*\./, '')}[${names.get(name)}] already`, 'give every match condition its own name');
    } else if (name !== undefined) {
      names.set(name, i);
    }
    const found = typeof condition.expression === 'string' ? celExpressionProblem(condition.expression, { result: 'bool' }) : undefined;
    if (found !== undefined) {
      add(`${at}[${i}].expression`, found.problem === 'it is empty' ? 'the match condition has an empty expression; the API server requires one'
        : `the match condition's expression ${JSON.stringify(condition.expression)} is no CEL expression the API server compiles (${found.problem})`,
      found.hint ?? "give a CEL expression that is true for the requests to send, e.g. \"request.namespace != 'kube-system'\"");
    }
  });
}

/** Why the API server refuses `name` as a webhook's name (IsFullyQualifiedName), or undefined. Pure. */
function webhookNameProblem(name: string): string | undefined {
  const problem = nameProblem(name, DNS1123_SUBDOMAIN);
  if (problem !== undefined) {
    return `webhook name ${problem}`;
  }
  return name.split('.').length < 3 ? `webhook name "${name}" is no fully qualified name: a domain of at least three parts separated by dots` : undefined;
}

function checkReviewVersions(value: unknown, at: string, add: AddFinding): void {
  if (!Array.isArray(value)) {
    return; // the schema requires the list
  }
  if (value.length === 0) {
    add(at, 'the webhook lists no AdmissionReview version; the API server refuses it', "list the versions the webhook understands, e.g. admissionReviewVersions: ['v1']");
    return;
  }
  const versions: unknown[] = value;
  const twice = versions.findIndex((version, v) => versions.indexOf(version) < v);
  if (twice >= 0) {
    add(`${at}[${twice}]`, `AdmissionReview version ${JSON.stringify(versions[twice])} is listed twice`, 'list each version once');
  } else if (!versions.some((version) => typeof version === 'string' && REVIEW_VERSIONS.includes(version))) {
    add(at, `none of the AdmissionReview versions ${JSON.stringify(versions)} is one the API server sends (${REVIEW_VERSIONS.join(', ')})`,
      "list the versions the webhook understands, e.g. admissionReviewVersions: ['v1']");
  }
}

/** A webhook's client config: a URL of https to a host, without user, query or fragment, or a Service (see `servicePathProblem`); not both, not neither. */
function checkClientConfig(config: Fields, at: string, add: AddFinding): void {
  if ((config.url === undefined) === (config.service === undefined)) {
    add(at, config.url === undefined ? 'the client config names neither a url nor a service' : 'the client config names a url and a service; it takes one',
      "give the webhook's Service (service: { namespace, name, path }), or a url of https outside the cluster");
    return;
  }
  if (typeof config.url === 'string') {
    const problem = webhookUrlProblem(config.url);
    if (problem !== undefined) {
      add(`${at}.url`, problem, 'write the URL as https://host[:port][/path], e.g. https://webhook.lab.example:8443/validate');
    }
  }
  const port = fields(config.service).port;
  if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    add(`${at}.service.port`, `port ${port} is not within 1–65535`, "give the Service's port the webhook listens behind, or leave it out for 443");
  }
  const path = fields(config.service).path;
  const pathProblem = typeof path === 'string' ? servicePathProblem(path) : undefined;
  if (pathProblem !== undefined) {
    add(`${at}.service.path`, pathProblem, 'write the path from the root in lower case, e.g. /validate-pods');
  }
}

/** Why the API server refuses a webhook's URL (ValidateWebhookURL, https forced), or undefined. Pure. */
function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is no URL`;
  }
  if (url.protocol !== 'https:') {
    return `the URL "${value}" is of ${url.protocol.replace(/:$/, '')}; https is the only scheme the API server calls a webhook by`;
  }
  if (url.username !== '' || url.password !== '') {
    return `the URL "${value}" holds user information, which the API server refuses`;
  }
  return url.search !== '' || url.hash !== '' ? `the URL "${value}" has a query or a fragment, which the API server refuses` : undefined;
}

/** Why the API server refuses the path of a webhook's Service (ValidateWebhookService), or undefined. Pure. */
function servicePathProblem(path: string): string | undefined {
  if (path === '' || path === '/') {
    return undefined;
  }
  if (!path.startsWith('/')) {
    return `path "${path}" does not start with /`;
  }
  const segments = path.slice(1).replace(/\/$/, '').split('/');
  const bad = segments.findIndex((segment) => segment === '' || nameProblem(segment, DNS1123_SUBDOMAIN) !== undefined);
  return bad < 0 ? undefined : `path "${path}" has a segment "${segments[bad]}" that is ${segments[bad] === '' ? 'empty' : 'no lower-case DNS subdomain'}, which the API server refuses`;
}

/** A webhook's rule (validateRuleWithOperations): operations, API groups, versions and resources given, `*` (and `*\/*` of the resources) standing alone in each. */
function checkRule(rule: Fields, at: string, add: AddFinding): void {
  const resources: unknown[] = Array.isArray(rule.resources) ? rule.resources : [];
  if (resources.length === 0) {
    add(`${at}.resources`, 'the rule names no resources', "list them, e.g. ['pods'] or ['deployments', 'deployments/scale'], or ['*']");
  } else if (resources.length > 1 && resources.includes('*/*')) {
    add(`${at}.resources`, "resources lists '*/*' beside others; '*/*' stands alone", "keep '*/*' alone, or list the resources one by one");
  } else if (resources.includes('*') && resources.some((resource) => typeof resource === 'string' && resource !== '*' && !resource.includes('/'))) {
    add(`${at}.resources`, "resources lists '*' beside other resources; beside '*' only subresources (such as 'pods/status') may stand", "keep '*' alone (with subresources such as '*/status' if they are meant), or list the resources one by one");
  }
  for (const key of ['operations', 'apiGroups', 'apiVersions'] as const) {
    const values: unknown[] = Array.isArray(rule[key]) ? rule[key] as unknown[] : [];
    if (values.length === 0) {
      add(`${at}.${key}`, `the rule names no ${key}`, key === 'operations' ? "list the operations, e.g. ['CREATE', 'UPDATE'], or ['*']" : `list them, e.g. ${key === 'apiGroups' ? "[''] for the core group" : "['v1']"}, or ['*']`);
    } else if (values.length > 1 && values.includes('*')) {
      add(`${at}.${key}`, `${key} lists '*' beside others; '*' stands alone`, `keep '*' alone, or list the ${key} one by one`);
    }
  }
}

/** The actions a ValidatingAdmissionPolicyBinding may take on a failed validation. */
const VALIDATION_ACTIONS: readonly string[] = ['Deny', 'Warn', 'Audit'];

/**
 * A ValidatingAdmissionPolicy (validateValidatingAdmissionPolicySpec): resources to match (its
 * matchConstraints with a resource rule, which give the expressions their types), match conditions as
 * `checkMatchConditions` takes them, variables, validations and audit annotations as `checkPolicyExpressions`
 * takes them, and at least one validation or audit annotation, each annotation key once.
 */
export function checkAdmissionPolicy(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.matchConstraints === undefined) {
    add('spec.matchConstraints', 'the policy matches no resources; the API server refuses it without matchConstraints',
      "give matchConstraints.resourceRules, e.g. [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }]");
  } else if (list(fields(spec.matchConstraints).resourceRules).length === 0) {
    add('spec.matchConstraints.resourceRules', 'the policy matches no resource rule; the API server needs one to know the type its expressions check',
      "give a rule, e.g. { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }");
  }
  checkMatchConditions(spec.matchConditions, 'spec.matchConditions', add);
  if (spec.paramKind !== undefined && spec.paramKind !== null) {
    checkParamKind(fields(spec.paramKind), add);
  }
  checkPolicyExpressions(spec, text(fields(object.manifest.metadata).name) ?? '', add);
  if (list(spec.validations).length === 0 && list(spec.auditAnnotations).length === 0) {
    add('spec.validations', 'the policy has neither validations nor audit annotations, so it would check nothing; the API server refuses it',
      "give a validation, e.g. { expression: 'object.spec.replicas <= 5', message: 'at most 5 replicas' }");
  }
  const keys = new Map<string, number>();
  list(spec.auditAnnotations).forEach((annotation, i) => {
    const key = text(annotation.key);
    if (key !== undefined && keys.has(key)) {
      add(`spec.auditAnnotations[${i}].key`, `audit annotation key "${key}" is used by auditAnnotations[${keys.get(key)}] already`, 'give every audit annotation its own key');
    } else if (key !== undefined) {
      keys.set(key, i);
    }
  });
}

/**
 * The kind of a policy's parameters (validateParamKind): an apiVersion and a kind, both required, the kind
 * an RFC 1035 label in lower case. Pure: reports through `add`.
 */
function checkParamKind(paramKind: Fields, add: AddFinding): void {
  for (const key of ['apiVersion', 'kind'] as const) {
    if ((text(paramKind[key]) ?? '') === '') {
      add(`spec.paramKind.${key}`, `the policy's paramKind names no ${key}; the API server refuses it`,
        "name the kind of the parameter objects, e.g. paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }");
    }
  }
  const kind = text(paramKind.kind);
  const problem = kind === undefined || kind === '' ? undefined : nameProblem(kind.toLowerCase(), DNS1035_LABEL, JSON.stringify(kind));
  if (problem !== undefined) {
    add('spec.paramKind.kind', `the kind ${problem} in lower case, which the API server requires`, 'write the kind as its API names it, e.g. ConfigMap');
  }
}

/**
 * A ValidatingAdmissionPolicyBinding (validateValidatingAdmissionPolicyBindingSpec): it names its policy,
 * takes at least one validation action, each once, and not both Deny and Warn, and finds its parameters as
 * `checkParamRef` takes them.
 */
export function checkAdmissionPolicyBinding(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if ((text(spec.policyName) ?? '') === '') {
    add('spec.policyName', 'the binding names no policy', 'give the name of the ValidatingAdmissionPolicy it binds');
  }
  if (spec.paramRef !== undefined && spec.paramRef !== null) {
    checkParamRef(fields(spec.paramRef), add);
  }
  const actions: unknown[] = Array.isArray(spec.validationActions) ? spec.validationActions : [];
  if (actions.length === 0) {
    add('spec.validationActions', 'the binding takes no validation action, so a failed validation would do nothing; the API server refuses it',
      "give the actions, e.g. validationActions: ['Deny'] (or ['Warn', 'Audit'] to try a policy out)");
    return;
  }
  const twice = actions.findIndex((action, a) => actions.indexOf(action) < a);
  if (twice >= 0) {
    add(`spec.validationActions[${twice}]`, `validation action ${JSON.stringify(actions[twice])} is listed twice`, 'list each action once');
  } else if (actions.includes('Deny') && actions.includes('Warn')) {
    add('spec.validationActions', 'the binding takes Deny and Warn together, which the API server refuses: a denied request carries the failure already',
      "keep Deny (with Audit if you like), or Warn to try the policy out without refusing anything");
  }
  actions.forEach((action, a) => {
    if (typeof action === 'string' && !VALIDATION_ACTIONS.includes(action)) {
      add(`spec.validationActions[${a}]`, `validation action ${JSON.stringify(action)} is none of ${VALIDATION_ACTIONS.join(', ')}`, `use ${VALIDATION_ACTIONS.join(', ')}`);
    }
  });
}

/**
 * A binding's parameters (validateParamRef): one object by name or the objects a selector picks, not
 * both, and a stated action for when none is found, which the API server does not default. Which action
 * is the schema layer's.
 */
function checkParamRef(paramRef: Fields, add: AddFinding): void {
  if ((text(paramRef.name) ?? '') !== '' && paramRef.selector !== undefined && paramRef.selector !== null) {
    add('spec.paramRef.name', 'the binding names its parameter object and selects parameter objects too; the API server takes one of the two',
      'keep name for one parameter object, or selector for every object it matches');
  }
  if ((text(paramRef.parameterNotFoundAction) ?? '') === '') {
    add('spec.paramRef.parameterNotFoundAction', 'the binding does not say what to do when its parameters are missing; the API server refuses it without parameterNotFoundAction',
      'set parameterNotFoundAction: Deny to refuse requests while the parameters are missing, or Allow to let them through');
  }
  checkLabelSelector(paramRef.selector, 'spec.paramRef.selector', add);
}
