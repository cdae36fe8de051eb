import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { load } from 'js-yaml';
import { readSourceFile } from '../synth/source-files';
import { reportFinding } from '../validation/finding';
import { fields, text } from '../validation/manifest';
import { hasSopsMetadata, sopsPlaintextFields } from '../validation/policy';
import { CheckedValues, referenceKey, valuesAt, VALUES_CHECKED_NOTE } from './secret-keys';
import { ISecretSource, SecretReference } from './secret-reference';
import { ensureSecretNamespace } from './secret-namespace';
import { manifestOf } from '../interop/api-object-json';
import { InputError, PropsRejected } from '../validation/input-error';
import { requireProps } from '../validation/known-props';
import { SOPS_SECRET_PROPS_SHAPE } from '../validation/service-props-shapes';

/** A Secret manifest encrypted with `sops --encrypt`, passed through as is. */
export interface SopsSecretProps {
  /** The encrypted manifest: a `v1` Secret with `ENC[...]` values and top-level `sops` metadata. */
  readonly manifest: Record<string, unknown>;
}

/** Every leaf of a document as a path, in the order the document lists its keys. SOPS's MAC follows this order. */
function leafOrder(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).filter(([key]) => path !== '' || key !== 'sops')
      .flatMap(([key, child]) => leafOrder(child, `${path}/${key}`));
  }
  return [path];
}

/**
 * A SOPS-encrypted Secret, decrypted in the cluster by Flux (`flux({ sopsSecretName })`). The file is
 * committed as encrypted; this construct checks that it is, and that rendering keeps its key order
 * (SOPS's MAC covers values in document order, so a reordered file fails to decrypt).
 */
export class SopsSecret extends Construct implements ISecretSource {
  /** Reads an encrypted Secret from a YAML file. */
  public static fromFile(scope: Construct, id: string, file: string): SopsSecret {
    const where = `SopsSecret.fromFile(${id})`;
    let content: string;
    try {
      content = readSourceFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
      throw new InputError(`cannot read ${file}: ${reason}`, where, 'give the path of the SOPS-encrypted file, relative to the repository root, where synth runs', scope);
    }
    let manifest: unknown;
    try {
      manifest = load(content);
    } catch (error) {
      throw new InputError(`${file} is no YAML: ${(error as Error).message.split('\n')[0]}`, where, 'pass the file `sops --encrypt` wrote, a Secret manifest', scope);
    }
    return new SopsSecret(scope, id, { manifest: fields(manifest) as Record<string, unknown> });
  }

  /** Namespace of the Secret. */
  public readonly namespace: string;
  /** Name of the Secret in the cluster. */
  public readonly secretName: string;
  /** Keys the Secret holds, sorted. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: SopsSecretProps) {
    super(scope, id);
    requireProps(this, 'SopsSecret', props, SOPS_SECRET_PROPS_SHAPE, {
      required: [
        ['manifest', "pass the SOPS-encrypted Secret manifest, read from its file"],
      ],
      // The file's path where the manifest belongs: reading the file is the factory's.
      foreign: ['file', 'path', 'filename', 'fromFile'].map((prop) => [prop, "read the encrypted file with SopsSecret.fromFile(this, '<id>', '<file>'), which passes its manifest", 'manifest'] as const),
    });
    const manifest = props.manifest;
    const metadata = fields(manifest.metadata);
    this.namespace = text(metadata.namespace) ?? '';
    this.secretName = text(metadata.name) ?? id;
    this.keys = [...Object.keys(fields(manifest.data)), ...Object.keys(fields(manifest.stringData))].sort();
    const problem = (field: string, message: string, hint?: string) => reportFinding(this, { layer: 'policy', severity: 'error', field, message, hint });
    if (manifest.apiVersion !== 'v1' || manifest.kind !== 'Secret') {
      problem('manifest.kind', 'is not a v1 Secret', 'pass the Secret manifest of the encrypted file: apiVersion v1, kind Secret');
      throw new PropsRejected('the SopsSecret'); // nothing of it can be rendered
    }
    if (!this.namespace) {
      problem('manifest.metadata.namespace', 'names no namespace', 'give the Secret its namespace (metadata.namespace) in the plaintext file and encrypt it again');
    } else {
      ensureSecretNamespace(this, this.namespace);
    }
    // Whether the cluster's engine decrypts it is checked for every encrypted object alike (sops-decryption.ts).
    this.node.addMetadata(VALUES_CHECKED_NOTE, { ...valuesAt('data', manifest.data), ...valuesAt('stringData', manifest.stringData) } satisfies CheckedValues);
    const encrypt = 'encrypt the file with sops --encrypt --encrypted-regex \'^(data|stringData)$\'';
    if (!hasSopsMetadata(manifest)) {
      problem('manifest.sops', 'is not SOPS-encrypted: it needs top-level sops metadata and ENC[...] values', encrypt);
    } else {
      // Encrypted once, then a value added or edited in the clear: each such value is named, once.
      for (const field of sopsPlaintextFields(manifest)) {
        problem(`manifest.${field}`, 'is in the clear in an encrypted file (not ENC[...]); it would be committed to Git as written',
          `edit the file with \`sops\` (it encrypts what you add), or decrypt it and ${encrypt.replace('encrypt the file', 'encrypt it again')}`);
      }
    }
    // Without a name cdk8s generates one, which adds a leaf the key order check would blame on the order.
    const named = text(metadata.name) !== undefined;
    if (!named) {
      problem('manifest.metadata.name', 'names no Secret, so the rendered file would carry a name the encrypted one has not and fail the SOPS MAC',
        'give the Secret its name (metadata.name) in the plaintext file and encrypt it again');
    }
    const object = new ApiObject(this, 'resource', manifest as any);
    const rendered = leafOrder(manifestOf(object));
    if (named && leafOrder(manifest).join('\n') !== rendered.join('\n')) {
      problem('manifest', 'lists its keys in another order than the rendered output (apiVersion, kind, metadata first, the rest sorted), which breaks the SOPS MAC',
        'sort the keys of the plaintext file that way and encrypt it again');
    }
  }

  /** A reference to one key of the Secret, for an app's `env`; an unknown key is reported. */
  public key(name: string): SecretReference {
    return referenceKey(this, this, name, 'sops');
  }
}
