import { hiddenInMessages } from '../validation/secret-values';
import { quoted } from '../validation/text-lists';

// A container spec reads a variable from a Secret, a ConfigMap or the pod with `valueFrom`; an App's env
// takes the same sources as values of their own. A spec's form copied into env is answered with this form.

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? quoted(value) : "'…'";
}

/**
 * An env value written as a container spec writes its source (`{ valueFrom: { secretKeyRef: { name, key } } }`,
 * or the reference without `valueFrom`), as an App's env writes it; undefined for any other value. A
 * `secretKeyRef` reads the Secret in the pod's namespace, which the reference names. Pure.
 */
export function podSpecEnvSource(value: unknown): string | undefined {
  const source = record(record(value)?.valueFrom) ?? record(value);
  const secret = record(source?.secretKeyRef);
  if (secret) {
    return `SecretReference.external('<namespace>', ${text(secret.name)}, ${text(secret.key)})`;
  }
  const configMap = record(source?.configMapKeyRef);
  if (configMap) {
    return `{ configMapName: ${text(configMap.name)}, key: ${text(configMap.key)} }`;
  }
  const field = record(source?.fieldRef);
  return field ? `{ fieldPath: ${text(field.fieldPath)} }` : undefined;
}

/** How a hint writes a value that reads a Secret: where the value is kept once it is out of the props. */
export const SECRET_ENV_VALUE = "SecretReference.external('<namespace>', '<secret>', '<key>')";

/**
 * Env value `value` of `name` as a hint writes it: quoted, unless it writes out a secret (or is a number under
 * a name that says secret), which the hint then reads from a Secret instead (written out, it would be refused
 * again, and printed). Pure.
 */
export function envValueText(name: string, value: string): string {
  return hiddenInMessages(name, value) ? SECRET_ENV_VALUE : quoted(value);
}
