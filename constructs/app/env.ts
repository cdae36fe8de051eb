import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import { noteKeyReportedOnProp } from '../secrets/secret-keys';
import { SecretReference } from '../secrets/secret-reference';
import { describeValue } from '../inventory/problems';
import { unbracketedUrlProblem } from './ipv6-urls';
import { composeEnvValueProblem } from './compose-env-values';
import { envValueText, podSpecEnvSource, SECRET_ENV_VALUE } from './env-sources';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameMeant, nameProblem } from '../validation/dns-names';
import { declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { InputError } from '../validation/input-error';
import type { PropProblem } from '../validation/known-props';
import { envLiteralProblem } from '../validation/policy';
import { envFieldPathProblems } from '../validation/container-rules';
import { hiddenInMessages, hiddenValueText } from '../validation/secret-values';
import { dataKeyProblem, ENV_VAR_NAME_HINT, isEnvVarName } from '../validation/syntax';
import { keyText, quoted } from '../validation/text-lists';

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
 * What is wrong with the value of env `name` of container `container`, or undefined: a value is text, a
 * SecretReference made as it is meant, a ConfigMap key or a field of the pod (a number would otherwise be
 * refused by the API server, an object literal render as a reference to a ConfigMap without a name). Pure.
 */
export function envValueProblem(container: string, name: string, value: unknown): { message: string; hint: string } | undefined {
  if (value instanceof SecretReference && value.callProblem !== undefined) {
    return { message: `container "${container}": env ${name}: ${value.callProblem.message}`, hint: value.callProblem.hint };
  }
  const fieldProblem = isFieldReference(value) ? envFieldPathProblems(value.fieldPath)[0] : undefined;
  if (fieldProblem !== undefined) {
    return { message: `container "${container}": env ${name}: ${fieldProblem.message}`, hint: fieldProblem.hint };
  }
  if (typeof value === 'string') {
    return unbracketedUrlProblem(`container "${container}": env ${name}`, value, `${keyText(name)}: `)
      ?? composeEnvValueProblem(`container "${container}": env ${name}`, name, value);
  }
  if (value instanceof SecretReference || isFieldReference(value) || isConfigMapKeyReference(value)) {
    return undefined;
  }
  // A value under a name that says secret may be one (a PIN, a numeric token, a password in an object):
  // described by its kind and size, never printed.
  const hidden = hiddenInMessages(name, value);
  if (hidden && (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')) {
    return {
      message: `container "${container}": env ${name} is ${hiddenValueText(value)}; environment values are text`,
      hint: `write it as a string, or keep it in a Secret: ${keyText(name)}: ${SECRET_ENV_VALUE}`,
    };
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { message: `container "${container}": env ${name} is the ${typeof value} ${String(value)}; environment values are text`, hint: `write it as a string: ${name}: '${String(value)}'` };
  }
  const source = podSpecEnvSource(value);
  const reference = referenceMeant(value);
  return {
    message: `container "${container}": env ${name} is ${hidden ? hiddenValueText(value) : describeValue(value)}, not a string, a SecretReference, a ConfigMap key or a field of the pod`,
    hint: source
      ? `a container spec's valueFrom is the value itself here: ${keyText(name)}: ${source}${source.startsWith('SecretReference') ? " (<namespace> is the app's: the pod reads the Secret there)" : ''}`
      : reference !== undefined ? `write it as ${keyText(name)}: ${reference}`
      : "give a string, a SecretReference (SecretReference.external('namespace', 'secret', 'key')), { configMapName, key } or { fieldPath }",
  };
}

/**
 * The ConfigMap key or pod field an object meant with its keys misspelt or one left out (`{ fieldpath: … }`,
 * `{ configMapName: 'cfg' }` without its key), as the hint writes it; undefined for any other value. Pure.
 */
function referenceMeant(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const byKey = (key: string) => entries.find(([written]) => written.toLowerCase().replace(/[-_]/g, '') === key.toLowerCase())?.[1];
  const field = byKey('fieldPath');
  if (typeof field === 'string') {
    return `{ fieldPath: '${field}' }`;
  }
  const configMap = byKey('configMapName') ?? byKey('configMap');
  return typeof configMap === 'string' ? `{ configMapName: '${configMap}', key: '${typeof byKey('key') === 'string' ? String(byKey('key')) : '<key>'}' }` : undefined;
}

/**
 * The problems of environment variables given as `env` (by name) to container `container`, each on
 * `<field>.<name>`: a name the API server refuses, a value of no kind an environment variable takes. Pure.
 */
export function envProblems(container: string, env: unknown, field: string): PropProblem[] {
  if (typeof env !== 'object' || env === null) {
    return [];
  }
  return Object.entries(env).flatMap(([name, value]) => {
    const at = `${field}.${name}`;
    if (!isEnvVarName(name)) {
      return [{ field: at, message: `container "${container}": environment variable name ${describeValue(name)} is refused by the API server`, hint: ENV_VAR_NAME_HINT }];
    }
    const problem = envValueProblem(container, name, value);
    return problem ? [{ field: at, ...problem }] : [];
  });
}

/**
 * The problems of an `addEnv(name, value)` call on container `container`, on `field` (`addEnv`): a name that
 * is no text (a map of variables, which `env` takes in the props, is answered with one call per entry), else
 * those of {@link envProblems}, else a secret written out as the value. Pure.
 */
export function addEnvProblems(container: string, name: unknown, value: unknown, field: string): PropProblem[] {
  if (typeof name === 'string') {
    // A secret written out is named on the call, as it is on the `env` prop, rather than on the rendered pod.
    const problems = envProblems(container, { [name]: value }, field);
    const literal = problems.length === 0 && typeof value === 'string' && value !== '' ? envLiteralProblem(name, value, 'addEnv') : undefined;
    return literal ? [{ field: `${field}.${name}`, ...literal }] : problems;
  }
  const map = name !== null && typeof name === 'object' && !Array.isArray(name) && Object.getPrototypeOf(name) === Object.prototype
    ? Object.entries(name as Record<string, unknown>) : undefined;
  return [{
    field,
    message: `${field} takes one variable, its name and its value; it was given ${map ? `a map of ${map.length}` : describeValue(name)} as the name`,
    hint: map && map.length > 0
      ? `call it once per variable: ${map.slice(0, 3).map(([key, v]) => `addEnv(${quoted(key)}, ${typeof v === 'string' ? envValueText(key, v) : '…'})`).join('.')}${map.length > 3 ? '…' : ''}, or give the map in the props: env: { … }`
      : "give the variable's name and its value: addEnv('LOG_LEVEL', 'info')",
  }];
}

/**
 * Renders one environment variable of container `container`, whose pod runs in `namespace`; findings on it
 * name `field`, the prop that wrote it (`env.DB`, `containers.migrate.env.DB`). A value that
 * is none of the three kinds (a number, an object literal in place of a SecretReference) is an
 * {@link InputError} on `scope`: it would otherwise render as a reference to a ConfigMap without a name.
 */
export function renderEnvVar(scope: IConstruct, container: string, name: string, value: EnvValue, namespace: string, field: string): k8s.EnvVar {
  const valueProblem = envValueProblem(container, name, value);
  if (valueProblem) {
    throw new InputError(valueProblem.message, field, valueProblem.hint, scope);
  }
  if (typeof value === 'string') {
    return { name, value };
  }
  if (isFieldReference(value)) {
    return { name, valueFrom: { fieldRef: { fieldPath: value.fieldPath } } };
  }
  if (value instanceof SecretReference) {
    rejectUnreadableKey(scope, name, field, 'Secret', value.secretName, value.key,
      (secretName, key) => `SecretReference.external('${namespace}', '${secretName}', '${key}')`);
    if (value.keyProblem !== undefined) {
      // On the variable the user wrote; the pod that reads it is not reported again.
      reportFinding(scope, { layer: 'references', severity: 'error', field: field, message: `env ${name}: ${value.keyProblem.message}`, hint: value.keyProblem.hint });
      noteKeyReportedOnProp(scope, value);
    }
    const problem = secretNamespaceProblem(value, name, namespace);
    if (problem) {
      reportFinding(scope, { layer: 'references', severity: 'error', field: field, ...problem });
      // Reported here with its cause; the Secret the pod would look for is not reported again as missing.
      if (typeof value.secretName === 'string') {
        declareExternal(scope, { secrets: [{ namespace, name: value.secretName }] });
      }
    } else if (value.origin === 'external' || value.origin === 'operator') {
      // The reference itself says the Secret is made outside this repository, or by an operator.
      declareExternal(scope, { secrets: [value] });
    }
    return { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key } } };
  }
  rejectUnreadableKey(scope, name, field, 'ConfigMap', value.configMapName, value.key, (configMapName, key) => `{ configMapName: '${configMapName}', key: '${key}' }`);
  return { name, valueFrom: { configMapKeyRef: { name: value.configMapName, key: value.key } } };
}

/**
 * Throws an {@link InputError} on the variable `name` (the prop `field`) when it reads a key of the `kind` named `objectName`
 * that no such object can have: a name that is no object name (`Postgres_Secret`), or a key no data can
 * hold. One finding on the variable that names it, as on a volume of a Secret or ConfigMap; the pod that
 * would name it is not rendered, so neither the schema nor the object's absence is reported again.
 * `written` writes the reference with another name and key, for the hint.
 */
function rejectUnreadableKey(scope: IConstruct, name: string, field: string, kind: 'Secret' | 'ConfigMap', objectName: unknown, key: unknown, written: (objectName: string, key: string) => string): void {
  const keyWritten = typeof key === 'string' ? key : '<key>';
  const badName = typeof objectName === 'string' ? nameProblem(objectName, DNS1123_SUBDOMAIN) : undefined;
  if (badName) {
    throw new InputError(`env ${name} reads ${kind} ${describeValue(objectName)}, which no ${kind} can be named: its name ${badName}`, field,
      `name the ${kind} as it is named, with lower-case letters, digits, '-' and '.': ${written(nameMeant(objectName as string, DNS1123_SUBDOMAIN) ?? '<name>', keyWritten)}`, scope);
  }
  const badKey = typeof key === 'string' ? dataKeyProblem(key) : `${describeValue(key)} is no key of the ${kind}`;
  if (badKey) {
    throw new InputError(`env ${name} reads ${kind} ${describeValue(objectName)} without a key it can hold: ${badKey}`, field,
      `name the key of the ${kind} to read: ${written(String(objectName), '<key>')}`, scope);
  }
}

/**
 * Why a pod in `namespace` cannot read the Secret of `ref`: its namespace is no namespace name, or another
 * one (a `secretKeyRef` names no namespace, so the kubelet reads the Secret of that name in the pod's own
 * namespace, whatever the reference says). A Secret name that is no name is reported before, by renderEnvVar.
 */
function secretNamespaceProblem(ref: SecretReference, env: string, namespace: string): { message: string; hint: string } | undefined {
  const invalid = typeof ref.namespace === 'string' ? nameProblem(ref.namespace, DNS1123_LABEL) : `${describeValue(ref.namespace)} is not a name`;
  if (invalid) {
    return {
      message: `env ${env} reads Secret ${describeValue(ref.secretName)} of namespace ${describeValue(ref.namespace)}, which is no namespace name: ${invalid}`,
      hint: `give the namespace the Secret is in, which must be the app's: SecretReference.external('${namespace}', '${ref.secretName}', '${ref.key}')`,
    };
  }
  if (ref.namespace === namespace) {
    return undefined;
  }
  return {
    message: `env ${env} reads Secret ${describeValue(ref.secretName)} of namespace "${ref.namespace}", but a pod reads Secrets only from its own namespace "${namespace}"`,
    hint: `make the Secret in namespace "${namespace}" too (a SealedSecret, SopsSecret or ExternalSecret there, or SecretReference.external('${namespace}', '${ref.secretName}', '${ref.key}') for one made by hand), or run the app in namespace "${ref.namespace}"`,
  };
}

function isFieldReference(value: unknown): value is FieldReference {
  const reference = value as Partial<FieldReference> | null;
  return typeof reference === 'object' && reference !== null && !(reference instanceof SecretReference) && typeof reference.fieldPath === 'string';
}

function isConfigMapKeyReference(value: unknown): value is ConfigMapKeyReference {
  const reference = value as Partial<ConfigMapKeyReference> | null;
  return typeof reference === 'object' && reference !== null && typeof reference.configMapName === 'string' && typeof reference.key === 'string';
}

/** A reference to another variable in a value, `$(NAME)`; `$$(NAME)` is an escaped literal. */
const ENV_REFERENCE = /(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/**
 * The order a container lists its variables in: by name, except that a variable comes after the ones its
 * value references (`DATABASE_URL: postgres://app:$(PGPASS)@db/app` after `PGPASS`), since Kubernetes
 * expands a reference only from the variables defined before it. A cycle is broken where it is met first. Pure.
 */
export function envOrder(env: ReadonlyMap<string, EnvValue>): string[] {
  const names = [...env.keys()].sort();
  const referencesOf = (name: string): string[] => {
    const value = env.get(name);
    return typeof value === 'string' && value.includes('$(')
      ? [...value.matchAll(ENV_REFERENCE)].map((m) => m[1]).filter((other) => other !== name && env.has(other)).sort()
      : [];
  };
  if (!names.some((name) => referencesOf(name).length > 0)) {
    return names;
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string): void => {
    if (placed.has(name) || visiting.has(name)) {
      return;
    }
    visiting.add(name);
    referencesOf(name).forEach(place);
    visiting.delete(name);
    placed.add(name);
    ordered.push(name);
  };
  names.forEach(place);
  return ordered;
}

/** Compose's interpolation, `${NAME}` or `${NAME:-default}` and kin; `$${…}` is compose's escaped literal. */
const COMPOSE_REFERENCE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)([:?+-][^}]*)?\}/g;

/** A value that writes another variable of its container as compose does, which Kubernetes leaves as text. */
export interface ComposeReference {
  /** The variable whose value holds the references. */
  readonly name: string;
  /** The references as written, e.g. `${DOMAIN}`. */
  readonly written: readonly string[];
  /** The value with each `${NAME}` written `$(NAME)`, as Kubernetes expands it. */
  readonly expanded: string;
  /** The references written `${NAME:-default}` (or `:?`, `:+`), whose modifier Kubernetes has no form for. */
  readonly withModifier: readonly string[];
}

/**
 * The variables whose values write another variable of the same container as `${NAME}`: compose fills it
 * in from the shell or `.env`, Kubernetes passes it as text and expands only `$(NAME)`, from the container's
 * variables. A `${NAME}` that is no variable of the container stays silent (a template the app fills in
 * itself, or a shell script's). Pure.
 */
export function composeReferences(env: ReadonlyMap<string, EnvValue>): ComposeReference[] {
  const found: ComposeReference[] = [];
  for (const [name, value] of env) {
    if (typeof value !== 'string' || !value.includes('${')) {
      continue;
    }
    const written: string[] = [];
    const withModifier: string[] = [];
    const expanded = value.replace(COMPOSE_REFERENCE, (whole, other: string, modifier: string | undefined) => {
      if (other === name || !env.has(other)) {
        return whole;
      }
      written.push(whole);
      if (modifier) {
        withModifier.push(whole);
      }
      return `$(${other})`;
    });
    if (written.length > 0) {
      found.push({ name, written, expanded, withModifier });
    }
  }
  return found;
}
