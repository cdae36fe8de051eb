import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import { SecretReference } from '../secrets/secret-reference';
import { describeValue } from '../inventory/problems';
import { declareExternal } from '../validation/external';
import { InputError } from '../validation/input-error';

/** A value read from a key of a ConfigMap in the app's namespace. */
export interface ConfigMapKeyReference {
  /** ConfigMap name. */
  readonly configMapName: string;
  /** Key in the ConfigMap. */
  readonly key: string;
}

/** An environment variable's value: a literal string, a secret key, or a ConfigMap key. */
export type EnvValue = string | SecretReference | ConfigMapKeyReference;

/**
 * Renders one environment variable of container `container`. A value that is none of the three kinds
 * (a number, an object literal in place of a SecretReference) is an {@link InputError} on `scope`: it would
 * otherwise render as a reference to a ConfigMap without a name.
 */
export function renderEnvVar(scope: IConstruct, container: string, name: string, value: EnvValue): k8s.EnvVar {
  if (typeof value === 'string') {
    return { name, value };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    throw new InputError(`container "${container}": env ${name} is the ${typeof value} ${String(value)}; environment values are text`,
      `env.${name}`, `write it as a string: ${name}: '${String(value)}'`, scope);
  }
  if (!(value instanceof SecretReference) && !isConfigMapKeyReference(value)) {
    throw new InputError(`container "${container}": env ${name} is ${describeValue(value)}, not a string, a SecretReference or a ConfigMap key`,
      `env.${name}`, "give a string, a SecretReference (SecretReference.external('namespace', 'secret', 'key')) or { configMapName, key }", scope);
  }
  if (value instanceof SecretReference) {
    if (value.origin === 'external' || value.origin === 'operator') {
      // The reference itself says the Secret is made outside this repository, or by an operator.
      declareExternal(scope, { secrets: [value] });
    }
    return { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key } } };
  }
  return { name, valueFrom: { configMapKeyRef: { name: value.configMapName, key: value.key } } };
}

function isConfigMapKeyReference(value: unknown): value is ConfigMapKeyReference {
  const reference = value as Partial<ConfigMapKeyReference> | null;
  return typeof reference === 'object' && reference !== null && typeof reference.configMapName === 'string' && typeof reference.key === 'string';
}
