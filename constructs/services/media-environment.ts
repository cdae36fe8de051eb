import { describeValue } from '../inventory/problems';
import type { PropProblem } from '../validation/known-props';
import { ENV_VAR_NAME_HINT, isEnvVarName } from '../validation/syntax';

// A media container's `environment`, written as a compose file writes it: text, numbers and booleans.

/** A value compose writes as its text (`8080` → `"8080"`, `true` → `"true"`). */
export type MediaEnvValue = string | number | boolean;

/**
 * The entries of `environment` whose name the API server refuses (`'VERSION '`, a blank from a `.env` file copied
 * along), or that are no text, number or boolean, each on `<field>.<name>`: compose's
 * `FOO:` (null) takes FOO from the shell that runs compose, which no pod has, and an object
 * (`{ value: 'x' }`, a Kubernetes habit) would become the text "[object Object]". Pure.
 */
export function mediaEnvironmentProblems(environment: Record<string, unknown> | undefined, field: string): PropProblem[] {
  return Object.entries(environment ?? {}).flatMap(([name, value]): PropProblem[] => {
    if (!isEnvVarName(name)) {
      const meant = name.trim();
      return [{
        field: `${field}.${name}`, message: `environment variable name ${describeValue(name)} is refused by the API server`,
        hint: meant !== name && isEnvVarName(meant) ? `write the name without its blanks: ${meant}` : ENV_VAR_NAME_HINT,
      }];
    }
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || value === undefined) {
      return []; // undefined is the shape's to report
    }
    return [{
      field: `${field}.${name}`,
      message: `${name} is ${describeValue(value)}, not text, a number or true/false`,
      hint: value === null
        ? `compose's "${name}:" with no value reads ${name} from the shell that runs compose, which a pod does not have: give the value itself, e.g. ${name}: 'value', or leave ${name} out`
        : `give the value itself, e.g. ${name}: 'value' (the environment takes text, numbers and true/false)`,
    }];
  });
}

/** `environment` as the text each value stands for, as compose passes it to the container. Pure. */
export function mediaEnvironmentText(environment: Readonly<Record<string, MediaEnvValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, String(value)]));
}
