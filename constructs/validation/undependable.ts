import { Dependable, type IDependable } from 'constructs';
import { describeValue } from '../inventory/problems';

// A value given to `node.addDependency` that is no construct: the constructs library keeps it as it is and throws
// only where the dependencies are read, far from the call.

/** Whether `value` implements IDependable: a construct, or a DependencyGroup of them. */
export function hasDependableTrait(value: unknown): boolean {
  try {
    Dependable.of(value as IDependable);
    return true;
  } catch {
    return false;
  }
}

/** The finding's field, message and hint for `value`, given to `node.addDependency` and no construct. Pure. */
export function undependableProblem(value: unknown): { readonly field: string; readonly message: string; readonly hint: string } {
  return {
    field: 'node.addDependency',
    message: `node.addDependency was given ${describeValue(value)}, which is no construct: synth cannot order the objects by it`,
    hint: 'give it the construct this one waits for (an App, a chart, an ApiObject; node.tryFindChild(id) gives undefined for an id its scope has not);'
      + ' the objects of one output layer are applied together in any case',
  };
}
