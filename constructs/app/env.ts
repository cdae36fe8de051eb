import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import { SecretReference } from '../secrets/secret-reference';
import { declareExternal } from '../validation/external';

/** A value read from a key of a ConfigMap in the app's namespace. */
export interface ConfigMapKeyReference {
  /** ConfigMap name. */
  readonly configMapName: string;
  /** Key in the ConfigMap. */
  readonly key: string;
}

/** An environment variable's value: a literal string, a secret key, or a ConfigMap key. */
export type EnvValue = string | SecretReference | ConfigMapKeyReference;

/** Renders one environment variable. */
export function renderEnvVar(scope: IConstruct, name: string, value: EnvValue): k8s.EnvVar {
  if (typeof value === 'string') {
    return { name, value };
  }
  if (value instanceof SecretReference) {
    if (value.origin === 'external') {
      // The reference itself says the Secret is made outside this repository.
      declareExternal(scope, { secrets: [value] });
    }
    return { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key } } };
  }
  return { name, valueFrom: { configMapKeyRef: { name: value.configMapName, key: value.key } } };
}
