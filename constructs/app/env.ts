import * as kplus from 'cdk8s-plus-30';
import type { Construct } from 'constructs';
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

/** Renders one environment value for cdk8s-plus. */
export function renderEnvValue(scope: Construct, name: string, value: EnvValue): kplus.EnvValue {
  if (typeof value === 'string') {
    return kplus.EnvValue.fromValue(value);
  }
  if (value instanceof SecretReference) {
    if (value.origin === 'external') {
      // The reference itself says the Secret is made outside this repository.
      declareExternal(scope, { secrets: [value] });
    }
    const secret = kplus.Secret.fromSecretName(scope, `env-${name}-secret`, value.secretName);
    return kplus.EnvValue.fromSecretValue({ secret, key: value.key });
  }
  const configMap = kplus.ConfigMap.fromConfigMapName(scope, `env-${name}-config`, value.configMapName);
  return kplus.EnvValue.fromConfigMap(configMap, value.key);
}
