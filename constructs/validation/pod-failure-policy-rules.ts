import { AddFinding, fields, Fields, list, text } from './manifest';
import { qualifiedNameProblem } from './syntax';

/** The most exit codes one rule may list (maxPodFailurePolicyOnExitCodesValues). */
const MAX_EXIT_CODES = 255;
/** The most rules a policy may hold (maxPodFailurePolicyRules). */
const MAX_RULES = 20;
/** The most pod condition patterns one rule may list (maxPodFailurePolicyOnPodConditionsPatterns). */
const MAX_CONDITION_PATTERNS = 20;

/**
 * What the API server checks in a Job's `podFailurePolicy` (validatePodFailurePolicy) although the schema
 * allows it: each rule matches exit codes or pod conditions, not both and not neither; a FailIndex action
 * needs a backoff limit per index; exit codes are of a container the pod has, listed once each in rising
 * order, and 0 (success) is never a failure to match with In; pod condition types are qualified names; at most
 * 20 rules of at most 20 pod condition patterns each; and
 * pods are replaced only once they have failed. The restart policy the policy needs is checked with the
 * other restart policies. `spec` is the Job's spec, at `path`. Pure: reports through `add`.
 */
export function checkPodFailurePolicy(spec: Fields, path: string, add: AddFinding): void {
  if (spec.podFailurePolicy === undefined) {
    return;
  }
  if (spec.podReplacementPolicy !== undefined && spec.podReplacementPolicy !== 'Failed') {
    add(`${path}.podReplacementPolicy`, `a Job with a podFailurePolicy replaces a pod only once it has failed; podReplacementPolicy ${JSON.stringify(spec.podReplacementPolicy)} is refused`,
      'set podReplacementPolicy: Failed, or leave it out');
  }
  const pod = fields(fields(spec.template).spec);
  const containerNames = [...list(pod.initContainers), ...list(pod.containers)].map((c) => text(c.name)).filter((n): n is string => n !== undefined);
  const rules = list(fields(spec.podFailurePolicy).rules);
  if (rules.length > MAX_RULES) {
    add(`${path}.podFailurePolicy.rules`, `the policy holds ${rules.length} rules, more than the ${MAX_RULES} the API server takes`,
      'merge rules of one action: one onExitCodes rule lists up to 255 codes, one onPodConditions rule up to 20 conditions');
  }
  rules.forEach((rule, r) => {
    const at = `${path}.podFailurePolicy.rules[${r}]`;
    if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex === undefined) {
      add(`${at}.action`, 'the FailIndex action fails one index of an Indexed Job, and needs a backoff limit per index', 'set backoffLimitPerIndex (with completionMode: Indexed), or use FailJob');
    }
    const [onExitCodes, onPodConditions] = [rule.onExitCodes !== undefined, list(rule.onPodConditions).length > 0];
    if (onExitCodes === onPodConditions) {
      add(at, onExitCodes ? 'the rule matches exit codes and pod conditions; a rule matches one of them' : 'the rule matches nothing: it needs onExitCodes or onPodConditions',
        onExitCodes ? 'split it into one rule on onExitCodes and one on onPodConditions' : "give onExitCodes: { operator: 'In', values: [42] } or onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }]");
    }
    if (onExitCodes) {
      checkExitCodes(fields(rule.onExitCodes), `${at}.onExitCodes`, containerNames, add);
    }
    const patterns = list(rule.onPodConditions);
    if (patterns.length > MAX_CONDITION_PATTERNS) {
      add(`${at}.onPodConditions`, `the rule matches ${patterns.length} pod conditions, more than the ${MAX_CONDITION_PATTERNS} the API server takes`,
        'split the conditions over two rules of the same action');
    }
    patterns.forEach((pattern, p) => {
      const problem = typeof pattern.type === 'string' ? qualifiedNameProblem(pattern.type) : undefined;
      if (problem) {
        add(`${at}.onPodConditions[${p}].type`, `pod condition type: ${problem}`, 'name the condition as pods report it, e.g. DisruptionTarget');
      }
    });
  });
}

function checkExitCodes(requirement: Fields, at: string, containerNames: readonly string[], add: AddFinding): void {
  const container = requirement.containerName;
  if (typeof container === 'string' && !containerNames.includes(container)) {
    add(`${at}.containerName`, `the pod has no container "${container}"`, `name one of the pod's containers: ${containerNames.join(', ')}`);
  }
  const values = Array.isArray(requirement.values) ? requirement.values.filter((v): v is number => typeof v === 'number') : undefined;
  if (values === undefined) {
    return; // the schema reports a missing or mistyped list
  }
  if (values.length === 0 || values.length > MAX_EXIT_CODES) {
    add(`${at}.values`, values.length === 0 ? 'the rule lists no exit code' : `the rule lists ${values.length} exit codes, more than ${MAX_EXIT_CODES}`,
      values.length === 0 ? 'list the exit codes the rule matches, e.g. [42]' : 'match the codes the other way round, with the other operator');
    return;
  }
  const zero = values.indexOf(0);
  if (requirement.operator === 'In' && zero >= 0) {
    add(`${at}.values[${zero}]`, 'exit code 0 is success, which an In rule may not match', 'drop 0; to match every failure, use operator: NotIn with values: [0]');
  }
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length < values.length) {
    return; // the schema reports a code listed twice
  }
  if (sorted.some((value, i) => value !== values[i])) {
    add(`${at}.values`, 'the exit codes are not in rising order, which the API server requires', `list them in order: [${sorted.join(', ')}]`);
  }
}
