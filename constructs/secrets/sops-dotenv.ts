/**
 * SOPS-encrypted dotenv files (`sops --encrypt --in-place <file>.env`), read as sops and kustomize read
 * them. Pure: the construct and the reader of `dist/` build the same Secret from the same text.
 */

/** Where sops keeps its metadata in a dotenv file: keys with this prefix, nested fields flattened. */
const METADATA_PREFIX = 'sops_';

/** One `KEY=VALUE` line of a dotenv file. */
export interface DotenvEntry {
  /** The text before the first `=`. */
  readonly key: string;
  /** The text after it; sops writes a line break as `\n`. */
  readonly value: string;
  /** Line number, from 1. */
  readonly line: number;
}

/** A dotenv file split into the Secret's entries and sops's metadata. */
export interface SopsDotenv {
  /** The entries that become the Secret's keys, in file order. */
  readonly entries: readonly DotenvEntry[];
  /** sops's metadata, unflattened (`sops_age__list_0__map_recipient` as `age[0].recipient`). */
  readonly metadata: Record<string, unknown>;
  /** Lines that are neither a comment nor `KEY=VALUE`, by number: sops refuses them, so does kustomize. */
  readonly badLines: readonly number[];
}

/** Splits a dotenv file as sops does: one `KEY=VALUE` per line, `#` comments and empty lines skipped. */
export function parseSopsDotenv(text: string): SopsDotenv {
  const entries: DotenvEntry[] = [];
  const flat: Record<string, string> = {};
  const badLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) {
      return;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) {
      badLines.push(index + 1);
      return;
    }
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1);
    if (key.startsWith(METADATA_PREFIX)) {
      flat[key.slice(METADATA_PREFIX.length)] = value.replace(/\\n/g, '\n');
    } else {
      entries.push({ key, value, line: index + 1 });
    }
  });
  return { entries, metadata: unflatten(flat), badLines };
}

/** sops's flattened metadata keys (`age__list_0__map_enc`) as the nested fields they stand for. */
function unflatten(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const steps = path.split(/__(?=(?:map|list)_)/).map((step, n) => {
      if (n === 0) return step;
      return step.startsWith('list_') ? Number(step.slice('list_'.length)) : step.slice('map_'.length);
    });
    let node: Record<string | number, unknown> = root;
    steps.forEach((step, n) => {
      if (n === steps.length - 1) {
        node[step] = value;
        return;
      }
      node[step] ??= typeof steps[n + 1] === 'number' ? [] : {};
      node = node[step] as Record<string | number, unknown>;
    });
  }
  return root;
}

/** What a kustomize `secretGenerator` entry names of the Secret it generates. */
export interface GeneratedSecretIdentity {
  /** Name of the Secret. */
  readonly name: string;
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Type of the Secret. @default 'Opaque' */
  readonly type?: string;
}

/**
 * The Secret kustomize generates from an encrypted dotenv file once Flux has decrypted it, with the values
 * still as encrypted (`stringData`, `ENC[...]`) and sops's metadata under `sops`: the form every check of a
 * SOPS-encrypted Secret reads (which values are in the clear, whether the engine decrypts, the size). It is
 * never written as a manifest: `dist/` holds the file and the generator entry.
 */
export function sopsDotenvSecretManifest(identity: GeneratedSecretIdentity, dotenv: SopsDotenv): Record<string, unknown> {
  const stringData = Object.fromEntries(dotenv.entries.map((entry) => [entry.key, entry.value]));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: identity.name, namespace: identity.namespace },
    stringData,
    type: identity.type ?? 'Opaque',
    sops: dotenv.metadata,
  };
}

/** The file name an encrypted dotenv file is copied to beside the kustomization that generates its Secret. */
export function generatedSecretFileName(identity: GeneratedSecretIdentity): string {
  // Namespace and name are unique in a cluster; `.env` is how Flux knows the format.
  return `${identity.namespace}.${identity.name}.sops.env`;
}

/**
 * A key kustomize takes from a dotenv file (an environment variable name, the rule of the kustomize Flux
 * runs) that is a Secret key as well, or what is wrong with it.
 */
export function dotenvKeyProblem(key: string): string | undefined {
  if (key.length > 253) {
    return `is ${key.length} characters long; a Secret key may have at most 253`;
  }
  if (/^export\s+\S/.test(key)) {
    // A shell's `export KEY=VALUE`, as a .env file for `source` has it: kustomize reads the line as it is.
    return 'starts with "export ", a word of the shell, which kustomize keeps as part of the key: write the line as KEY=VALUE';
  }
  if (key.charCodeAt(0) === 0xfeff) {
    return 'starts with a byte order mark (an editor\'s, before the first line), which kustomize keeps as part of the key: save the file as UTF-8 without it';
  }
  if (/^\s|\s$/.test(key) && /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key.trim())) {
    // `KEY = value`, as an INI file or a shell-less .env reader allows: kustomize takes the key as it stands.
    return `has a blank ${/\s$/.test(key) ? 'before "="' : 'before it'}, which kustomize keeps as part of the key: write the line as ${key.trim()}=VALUE`;
  }
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key) || key === '.' || key === '..') {
    return 'is no Secret key kustomize takes from a dotenv file: letters, digits, "-", "_" and ".", not starting with a digit';
  }
  return undefined;
}
