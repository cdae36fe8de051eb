import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { SecretOrigin, SecretReference } from './secret-reference';

/**
 * The reference to `key` of a secret construct's Secret. An unknown key is reported against the
 * construct (the app would fail to start on it) and the reference is still returned, so every problem
 * of a synth run is listed at once.
 */
export function referenceKey(
  scope: Construct,
  source: { readonly namespace: string; readonly secretName: string; readonly keys: readonly string[] },
  key: string,
  origin: SecretOrigin,
): SecretReference {
  if (!source.keys.includes(key)) {
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: `key(${JSON.stringify(key)})`,
      message: `Secret "${source.secretName}" will have no key "${key}"`,
      hint: `keys: ${[...source.keys].sort().join(', ') || '(none)'}`,
    });
  }
  return new SecretReference(source.namespace, source.secretName, key, origin);
}
