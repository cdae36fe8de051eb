import { AddFinding, Fields, list, text } from './manifest';
import { celExpressionProblem, type CelExpressionContext } from './schema/cel-new-expressions';
import { qualifiedNameProblem } from './syntax';

// The CEL of a ValidatingAdmissionPolicy as the API server compiles it when the policy is stored
// (validateVariable, validateValidation, validateAuditAnnotation): an expression it cannot compile, a variable
// it cannot name, or a message it cannot show refuses the whole policy, and nothing it was meant to guard is.

/** What a variable may be named: a CEL identifier (isCELIdentifier). */
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
/** CEL's reserved words, which are no identifiers. */
const CEL_RESERVED: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import',
  'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
/** The reasons a validation may give a refused request (supportedValidationPolicyReason). */
const VALIDATION_REASONS: readonly string[] = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];

/** Reports `value` at `at` when it is a string the API server cannot compile as CEL. */
function checkExpression(value: unknown, at: string, what: string, example: string, add: AddFinding, result?: CelExpressionContext['result']): void {
  const found = typeof value === 'string' ? celExpressionProblem(value, { result }) : undefined;
  if (found !== undefined) {
    add(at, `the ${what} ${JSON.stringify(value)} is no CEL expression the API server compiles (${found.problem}), so it refuses the policy`,
      found.hint ?? `write it as one CEL expression, e.g. ${example}`);
  }
}

/** A policy's variables: each named by a CEL identifier of its own (the name is the key of the list), with an expression. */
function checkVariables(variables: readonly Fields[], add: AddFinding): void {
  const names = new Map<string, number>();
  variables.forEach((variable, i) => {
    const at = `spec.variables[${i}]`;
    const name = text(variable.name);
    if (name !== undefined && (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name))) {
      add(`${at}.name`, `variable name ${JSON.stringify(name)} is no CEL identifier${CEL_RESERVED.has(name) ? ' (it is a reserved word)' : ''}, which the API server refuses`,
        "name it with letters, digits and '_', not starting with a digit, e.g. max_replicas, and read it as variables.max_replicas");
    } else if (name !== undefined && names.has(name)) {
      add(`${at}.name`, `variable "${name}" is declared by variables[${names.get(name)}] already; server-side apply refuses a name twice`, 'give each variable its own name, or drop the repeated one');
    } else if (name !== undefined) {
      names.set(name, i);
    }
    checkExpression(variable.expression, `${at}.expression`, 'variable\'s expression', "'object.spec.replicas'", add);
  });
}

/** A policy's validations: an expression that compiles, a message expression that does, a one-line message and a reason the API server gives. */
function checkValidations(validations: readonly Fields[], add: AddFinding): void {
  validations.forEach((validation, i) => {
    const at = `spec.validations[${i}]`;
    checkExpression(validation.expression, `${at}.expression`, 'validation\'s expression', "'object.spec.replicas <= 5'", add, 'bool');
    // An empty message expression is none given.
    checkExpression(validation.messageExpression === '' ? undefined : validation.messageExpression, `${at}.messageExpression`, 'message expression', "\"'at most 5 replicas, not ' + string(object.spec.replicas)\"", add, 'string');
    const message = validation.message;
    if (typeof message === 'string' && /[\r\n]/.test(message.trim())) {
      add(`${at}.message`, 'the message has a line break; the API server refuses a validation message that is not one line', 'write the message on one line');
    } else if (typeof message === 'string' && message !== '' && message.trim() === '') {
      add(`${at}.message`, 'the message is blank; the API server takes a message only when it says something', 'write what is wrong when the validation fails, or leave message out');
    }
    if (typeof validation.reason === 'string' && !VALIDATION_REASONS.includes(validation.reason)) {
      add(`${at}.reason`, `reason ${JSON.stringify(validation.reason)} is none the API server gives a refused request`, `use one of ${VALIDATION_REASONS.join(', ')}, or leave it out (Invalid)`);
    }
  });
}

/** A policy's audit annotations: a key that makes `<policy name>/<key>` a qualified name, and a value expression that compiles. */
function checkAuditAnnotations(annotations: readonly Fields[], policyName: string, add: AddFinding): void {
  annotations.forEach((annotation, i) => {
    const at = `spec.auditAnnotations[${i}]`;
    const key = text(annotation.key);
    const problem = key === undefined || policyName === '' ? undefined : qualifiedNameProblem(`${policyName}/${key}`);
    if (problem !== undefined) {
      add(`${at}.key`, `audit annotation key ${JSON.stringify(key)} is written as ${policyName}/${key}, and ${problem}`,
        'name the key like a label name: at most 63 letters, digits, \'-\', \'_\' and \'.\', beginning and ending with a letter or digit, e.g. high-replica-count');
    }
    checkExpression(annotation.valueExpression, `${at}.valueExpression`, 'value expression', "\"'replicas: ' + string(object.spec.replicas)\"", add);
  });
}

/**
 * The CEL parts of a ValidatingAdmissionPolicy's spec (its match conditions are checked with those of
 * webhooks): variables, validations and audit annotations as the API server compiles them. Pure: reports
 * through `add`.
 */
export function checkPolicyExpressions(spec: Fields, policyName: string, add: AddFinding): void {
  checkVariables(list(spec.variables), add);
  checkValidations(list(spec.validations), add);
  checkAuditAnnotations(list(spec.auditAnnotations), policyName, add);
}
