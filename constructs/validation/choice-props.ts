import type { IConstruct } from 'constructs';
import { reportFinding } from './finding';
import { PropProblem, propProblems, PropRules, PropShape } from './known-props';

// A platform choice (`traefik({ … })`, `flux({ … })`) is made before the cluster it goes into exists, so
// its factory has no construct to report on. It notes what is wrong with its options here, and the cluster
// chart reports that as a problem of its own props.
const problemsOf = new WeakMap<object, readonly PropProblem[]>();

/**
 * Checks the options a platform choice's factory was given against `shape` (for callers the type checker
 * does not see) and keeps the problems with `choice`, with `more` the factory found itself. Returns `choice`.
 */
export function checkedChoice<T extends object>(choice: T, what: string, options: unknown, shape: PropShape, rules?: PropRules, more: readonly PropProblem[] = []): T {
  const problems = [...(options !== undefined ? propProblems(what, options, shape, rules) : []), ...more];
  if (problems.length > 0) {
    problemsOf.set(choice, problems);
  }
  return choice;
}

/**
 * Gives `derived`, an object a choice hands out in its place (a distribution's `.preinstalled`), the problems
 * found with the choice's options, so the cluster that receives it reports them. Returns `derived`.
 */
export function withChoiceProblemsOf<T extends object>(derived: T, choice: object): T {
  const problems = problemsOf.get(choice);
  if (problems !== undefined) {
    problemsOf.set(derived, problems);
  }
  return derived;
}

/** Whether the factory of `choice` found something wrong with its options (reported by {@link reportChoiceProblems}). */
export function hasChoiceProblems(choice: unknown): boolean {
  return typeof choice === 'object' && choice !== null && problemsOf.has(choice);
}

/**
 * Reports on `scope` what the factories of `choices` (by the field that holds each, e.g. `routes`) found
 * wrong with their options. Returns whether there was nothing to report.
 */
export function reportChoiceProblems(scope: IConstruct, choices: ReadonlyArray<readonly [field: string, choice: unknown]>): boolean {
  let sound = true;
  for (const [field, choice] of choices) {
    const problems = typeof choice === 'object' && choice !== null ? problemsOf.get(choice) ?? [] : [];
    for (const problem of problems) {
      sound = false;
      reportFinding(scope, {
        layer: 'props', severity: 'error', field: problem.field === 'props' ? field : `${field}.${problem.field}`,
        message: problem.message, hint: problem.hint,
      });
    }
  }
  return sound;
}
