/**
 * Errors a CRD rule ends in on an object, which the API server reports as "... evaluating rule" and refuses the
 * object for. Only errors whose cause is the same in Kubernetes' CEL are taken: the evaluator here also ends
 * in errors where it lacks a function or reads a value another way, and those rules stay skipped.
 */
interface RuntimeErrorKind {
  /** The evaluator's message for it. */
  readonly message: RegExp;
  /** How to write the rule or the value so that it evaluates. */
  readonly hint: string;
}

const GUARD = 'or guard the step with a condition the value must meet first (the rule is evaluated on every object, and an error refuses it)';

const KINDS: readonly RuntimeErrorKind[] = [
  {
    // A string int() or uint() cannot read: Go's strconv.ParseInt takes a sign and decimal digits only.
    message: /^Cannot convert .* to a BigInt$/s,
    hint: `give the field a number written in decimal digits, ${GUARD}, e.g. self.x.matches('^-?[0-9]+$') && int(self.x) > 0`,
  },
  { message: /^u?int overflow during /, hint: `keep the numbers within 64 bits, ${GUARD}` },
  { message: /^int (divide|modulus) by zero$/, hint: `give the divisor a value other than 0, ${GUARD}, e.g. self.d != 0 && self.n % self.d == 0` },
  { message: /^index -?\d+ out of bounds/, hint: `index within the list or string, ${GUARD}, e.g. size(self.items) > 2 && self.items[2] != ''` },
  {
    // Kubernetes' quantity() parses with resource.ParseQuantity; see cel-quantity-library.ts.
    message: /^quantities must match the regular expression/,
    hint: `give a quantity such as 500m or 1Gi, ${GUARD}, e.g. isQuantity(self.size) && quantity(self.size).isLessThan(quantity('10Gi'))`,
  },
  {
    // A verb given a value it does not format (%d a string or double, %f a string, %x a double), a missing
    // value, an unknown verb. An int given to %f or %e is left out: releases of cel-go differ there.
    message: /^invalid argument to function format: (?!.*can only be used on doubles)/,
    hint: "give each verb a value of its type (%d an int, %f or %e a double, %s anything), e.g. '%d replicas'.format([self.replicas]), or convert it first: string(x), int(x), double(x)",
  },
];

/** The problem and hint of a rule that ends in the error `message` on an object, where the API server's rule surely ends in it too. Pure. */
export function definiteRuleError(message: string, rule: string): { readonly problem: string; readonly hint: string } | undefined {
  const kind = KINDS.find((k) => k.message.test(message));
  return kind === undefined
    ? undefined
    : { problem: `the rule ${rule} cannot be evaluated on this object (${message.split('\n')[0]}), and the API server refuses an object a rule of its CRD errors on`, hint: kind.hint };
}
