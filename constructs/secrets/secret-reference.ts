import { describeValue } from '../inventory/problems';

/** How the Secret a reference points at comes to exist in the cluster. */
export type SecretOrigin =
  /** A SealedSecret of this repository, decrypted in-cluster by the sealed-secrets controller. */
  | 'sealed-secret'
  /** A SOPS-encrypted Secret of this repository, decrypted by Flux. */
  | 'sops'
  /** An ExternalSecret of this repository, synced by External Secrets Operator. */
  | 'external-secret'
  /** A Secret created outside this repository, by hand; declared, not rendered, and listed as a step of the owner. */
  | 'external'
  /** A Secret an operator of the cluster writes (a Crossplane connection Secret); declared, not rendered. */
  | 'operator';

/**
 * A reference to one key of a Kubernetes Secret. It carries names only, never a value: the only way an
 * app or service reads a secret, so no plaintext can reach `dist/` through it. Get one from a secret
 * construct (`sealed.key('password')`) or, for a Secret made outside this repository, from `external()`.
 */
export class SecretReference {
  /**
   * A key of a Secret that exists in the cluster but is managed outside this repository. An app that
   * reads it through `env` declares it external to validation on its own. A pod reads Secrets of its own
   * namespace only (`secretKeyRef` names none), so `namespace` must be the app's.
   */
  public static external(namespace: string, secretName: string, key: string): SecretReference {
    const reference = new SecretReference(namespace, secretName, key, 'external');
    reference.callProblem = externalCallProblem([namespace, secretName, key]);
    return reference;
  }

  /**
   * What is wrong with the call that made this reference (an object in the place of the three arguments),
   * reported once by the props check of the construct that reads it. @internal
   */
  public callProblem?: { readonly message: string; readonly hint: string };

  /**
   * The key's absence from the Secret its secret construct makes, when that construct knows its keys:
   * reported on the prop that reads the reference (an App's `env.<NAME>`) where it renders one. @internal
   */
  public keyProblem?: { readonly message: string; readonly hint: string };

  /** @internal */
  constructor(
    /** Namespace of the Secret. */
    public readonly namespace: string,
    /** Name of the Secret object. */
    public readonly secretName: string,
    /** Key inside the Secret's data. */
    public readonly key: string,
    /** What creates the Secret. */
    public readonly origin: SecretOrigin,
  ) {}
}

/** Something that makes a Secret in the cluster: a SealedSecret, a SOPS-encrypted Secret, an ExternalSecret. */
export interface ISecretSource {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret it makes. */
  readonly secretName: string;
  /** Keys the Secret will hold. */
  readonly keys: readonly string[];
  /** A reference to one key; reports an error when the Secret will not hold it. */
  key(name: string): SecretReference;
}

/**
 * What is wrong with the arguments of `SecretReference.external()`: the habit of one object
 * (`{ namespace, name, key }`) for its three texts, or a text left out or empty. Pure.
 */
export function externalCallProblem(args: readonly unknown[]): { message: string; hint: string } | undefined {
  if (args.every((a) => typeof a === 'string')) {
    // An empty text names no Secret or key: the reader would mount the Secret's folder as its file, or wait for a Secret of no name.
    const empty = (['namespace', 'Secret name', 'key'] as const).filter((_, i) => (args[i] as string).trim() === '');
    return empty.length === 0 ? undefined : {
      message: `SecretReference.external(${args.map((a) => `'${String(a)}'`).join(', ')}) is given an empty ${empty.join(' and ')}, which names nothing in the cluster`,
      hint: `write SecretReference.external('${(args[0] as string).trim() || '<namespace>'}', '${(args[1] as string).trim() || '<secret-name>'}', '${(args[2] as string).trim() || '<key>'}'): the Secret's namespace, its name and the key, in that order`,
    };
  }
  const given = args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0]) ? args[0] as Record<string, unknown> : undefined;
  const text = (value: unknown, otherwise: string) => `'${typeof value === 'string' ? value : otherwise}'`;
  const call = `SecretReference.external(${text(given?.namespace ?? args[0], '<namespace>')}, ${text(given?.name ?? given?.secretName ?? args[1], '<secret-name>')}, ${text(given?.key ?? args[2], '<key>')})`;
  return {
    message: given !== undefined
      ? `SecretReference.external() was given one object (${JSON.stringify(given)}) in the place of its three arguments`
      : `SecretReference.external() takes three texts (namespace, Secret name, key), not ${args.map((a) => typeof a === 'string' ? `'${a}'` : describeValue(a)).join(', ')}`,
    hint: `write ${call}: the Secret's namespace, its name and the key, in that order`,
  };
}
