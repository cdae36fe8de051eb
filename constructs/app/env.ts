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

/**
 * A field of the pod, read through the downward API, e.g. `{ fieldPath: 'spec.nodeName' }` for the node a
 * DaemonSet's pod runs on.
 */
export interface FieldReference {
  /** Path of the field, e.g. `spec.nodeName`, `metadata.name`, `status.podIP`. */
  readonly fieldPath: string;
}

/** An environment variable's value: a literal string, a secret key, a ConfigMap key, or a field of the pod. */
export type EnvValue = string | SecretReference | ConfigMapKeyReference | FieldReference;

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
  if (isFieldReference(value)) {
    return { name, valueFrom: { fieldRef: { fieldPath: value.fieldPath } } };
  }
  if (!(value instanceof SecretReference) && !isConfigMapKeyReference(value)) {
    throw new InputError(`container "${container}": env ${name} is ${describeValue(value)}, not a string, a SecretReference, a ConfigMap key or a field of the pod`,
      `env.${name}`, "give a string, a SecretReference (SecretReference.external('namespace', 'secret', 'key')), { configMapName, key } or { fieldPath }", scope);
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

function isFieldReference(value: unknown): value is FieldReference {
  const reference = value as Partial<FieldReference> | null;
  return typeof reference === 'object' && reference !== null && !(reference instanceof SecretReference) && typeof reference.fieldPath === 'string';
}

function isConfigMapKeyReference(value: unknown): value is ConfigMapKeyReference {
  const reference = value as Partial<ConfigMapKeyReference> | null;
  return typeof reference === 'object' && reference !== null && typeof reference.configMapName === 'string' && typeof reference.key === 'string';
}
