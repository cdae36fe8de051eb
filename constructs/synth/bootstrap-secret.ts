import { requiredArgument } from '../platform/component-arguments';
import { InputError } from '../validation/input-error';

// A Secret the owner makes by hand is declared once, as data, and both the README's words and its kubectl
// command are rendered from that declaration: a step written by hand could name one key and make another.

/** The kind of Secret `kubectl create secret` makes: `generic` from keys, `tls` from a certificate and its key. */
export type BootstrapSecretType = 'generic' | 'tls';

/** One key of a Secret the owner makes by hand, with how its value is given. */
export interface BootstrapSecretKey {
  /** The key, e.g. `password`. */
  readonly key: string;
  /**
   * Shell text of the value as `--from-literal` takes it, quoted where the shell needs it: a value made where it
   * is used (`"$(openssl rand -hex 16)"`) or a variable the owner sets (`"$ADMIN"`), never the secret itself.
   * @default `…`, which the owner replaces
   */
  readonly value?: string;
  /**
   * Shell text of a file that holds the value (`./age.key`, `"$DEPLOY_KEY"`), read with `--from-file`; takes
   * the place of `value`. @default - the value is a literal
   */
  readonly file?: string;
}

/** A Secret the owner makes by hand, as it is declared: where, which keys, of which type. */
export interface BootstrapSecret {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret. */
  readonly name: string;
  /**
   * Its keys, in the order the command writes them: a name alone (its value is the owner's to write) or a
   * key with how its value is made. None when only its name is known: the command has a placeholder key.
   */
  readonly keys: readonly (string | BootstrapSecretKey)[];
  /** The kind of Secret. @default 'tls' when its keys are `tls.crt` and `tls.key`, else 'generic' */
  readonly type?: BootstrapSecretType;
  /** Labels it carries, which the command adds (Argo CD finds a repository credential by one). @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** How the command of a {@link BootstrapSecret} is written. */
export interface BootstrapSecretCommandOptions {
  /**
   * The namespace exists when the step is taken (a pod of it runs already): no command makes it first.
   * @default false - the namespace is made unless it exists, as it may come only with a later sync
   */
  readonly namespaceExists?: boolean;
  /** The Secret exists and gets new values (a key rotated): the command replaces it instead of failing. @default false */
  readonly replaces?: boolean;
  /** Each flag on a line of its own, for a long command written as a block. @default false */
  readonly lineBreaks?: boolean;
}

/**
 * The command that makes `namespace` unless it exists, before a step puts a Secret there: the namespace may
 * come only with a later sync, and `kubectl apply` keeps one that exists.
 */
export function ensureNamespaceCommand(namespace: string): string {
  return `kubectl create namespace ${namespace} --dry-run=client -o yaml | kubectl apply -f -`;
}

/** The keys of a declared Secret, each with how its value is given. Pure. */
export function bootstrapSecretKeys(secret: BootstrapSecret): BootstrapSecretKey[] {
  return secret.keys.map((key) => (typeof key === 'string' ? { key } : key));
}

/** The type of a declared Secret, its default worked out. Pure. */
export function bootstrapSecretType(secret: BootstrapSecret): BootstrapSecretType {
  const names = bootstrapSecretKeys(secret).map((k) => k.key).sort();
  return secret.type ?? (names.join(' ') === 'tls.crt tls.key' ? 'tls' : 'generic');
}

/** How a declared Secret reads in a step, e.g. `Secret media/app with keys password, username`. Pure. */
export function bootstrapSecretText(secret: BootstrapSecret): string {
  const names = bootstrapSecretKeys(secret).map((k) => k.key);
  const keys = names.length === 0 ? '' : ` with key${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
  return `${bootstrapSecretType(secret) === 'tls' ? 'TLS ' : ''}Secret ${secret.namespace}/${secret.name}${keys}`;
}

/** The shell command that makes a declared Secret, with its namespace first unless the options say it exists. Pure. */
export function bootstrapSecretCommand(secret: BootstrapSecret, options: BootstrapSecretCommandOptions = {}): string {
  const { namespace, name } = secret;
  const keys = bootstrapSecretKeys(secret);
  const flags = bootstrapSecretType(secret) === 'tls'
    ? [`--cert=${keys.find((k) => k.key === 'tls.crt')?.file ?? '…'}`, `--key=${keys.find((k) => k.key === 'tls.key')?.file ?? '…'}`]
    // Known by name only, its keys are the owner's to know: one placeholder stands for them.
    : (keys.length > 0 ? keys : [{ key: '"$KEY"' }]).map((k) => (k.file !== undefined ? `--from-file=${k.key}=${k.file}` : `--from-literal=${k.key}=${k.value ?? '…'}`));
  const create = [`kubectl -n ${namespace} create secret ${bootstrapSecretType(secret)} ${name}`, ...flags,
    ...(options.replaces ? ['--dry-run=client -o yaml | kubectl apply -f -'] : [])].join(options.lineBreaks ? ' \\\n  ' : ' ');
  const labels = Object.entries(secret.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return [
    ...(options.namespaceExists ? [] : [ensureNamespaceCommand(namespace)]),
    create,
    ...(labels.length > 0 ? [`kubectl -n ${namespace} label secret ${name} ${labels.join(' ')}`] : []),
  ].join(options.lineBreaks ? ' &&\n' : ' && ');
}

/**
 * The owner's step that makes a declared Secret: `create <the Secret and its keys>: <about>`, and the command
 * that makes it. Pure.
 */
export function bootstrapSecretStep(secret: BootstrapSecret, about?: string, options: BootstrapSecretCommandOptions = {}): { action: string; command: string } {
  const example = "{ namespace: 'media', name: 'app', keys: ['password'] }";
  requiredArgument(secret, 'bootstrapSecretStep()', 'secret', 'object', example);
  if (typeof secret.namespace !== 'string' || typeof secret.name !== 'string' || !Array.isArray(secret.keys)) {
    throw new InputError(`bootstrapSecretStep() was given a Secret without ${typeof secret.namespace !== 'string' ? 'its namespace' : typeof secret.name !== 'string' ? 'its name' : 'its list of keys'}`,
      'secret', `give it as ${example}`);
  }
  return {
    action: `create ${bootstrapSecretText(secret)}${about === undefined ? '' : `: ${about}`}`,
    command: bootstrapSecretCommand(secret, options),
  };
}
