import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { load } from 'js-yaml';
import { readSourceFile } from '../synth/source-files';
import { reportFinding } from '../validation/finding';
import { fields, text } from '../validation/manifest';
import { hasSopsMetadata, isSopsValue, sopsPlaintextFields } from '../validation/policy';
import { CheckedValues, referenceKey, valuesAt, VALUES_CHECKED_NOTE } from './secret-keys';
import { ISecretSource, SecretReference } from './secret-reference';
import { ensureSecretNamespace } from './secret-namespace';
import { manifestOf } from '../interop/api-object-json';
import { noteWrittenProps, type WrittenField } from '../validation/written-props';
import { describeValue } from '../inventory/problems';
import { InputError, PropsRejected } from '../validation/input-error';
import { requireProps, type ForeignForm } from '../validation/known-props';
import { SOPS_DOTENV_FILE_PROPS_SHAPE, SOPS_SECRET_PROPS_SHAPE } from '../validation/service-props-shapes';
import { generateFromFile } from '../platform/layout';
import { ENCRYPT_DATA_ONLY, identityFieldEncrypted } from './sops-whole-file';
import { EDITED_BY_HAND_HINT, malformedSopsValues, SOPS_MASTER_KEY_KINDS, sopsMetadataProblems } from './sops-format';
import { dotenvKeyProblem, generatedSecretFileName, parseSopsDotenv, SopsDotenv, sopsDotenvSecretManifest } from './sops-dotenv';
import { firstUnwritableField, NON_JSON_HINT } from '../validation/json-values';

/**
 * A Secret manifest encrypted with `sops --encrypt`, passed through as is. An API server refuses it as
 * written (its top-level `sops` field is unknown to it): only Flux, decrypting, removes that field. A
 * dotenv file ({@link SopsSecret.fromDotenvFile}) keeps every object of `dist/` one the server accepts.
 */
export interface SopsSecretProps {
  /** The encrypted manifest: a `v1` Secret with `ENC[...]` values and top-level `sops` metadata. */
  readonly manifest: Record<string, unknown>;
}

/**
 * A SOPS-encrypted dotenv file (`KEY=VALUE` lines, encrypted with `sops --encrypt --in-place <file>.env`),
 * which kustomize turns into a Secret once Flux has decrypted it.
 */
export interface SopsDotenvFileProps {
  /**
   * Path of the encrypted dotenv file, relative to the repository root, where synth runs. Each line is
   * one key of the Secret; sops keeps its metadata there as `sops_*` lines.
   */
  readonly file: string;
  /** Name of the Secret. */
  readonly name: string;
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Type of the Secret. @default 'Opaque' */
  readonly type?: string;
}

/** The fields of the Secret kustomize generates from a dotenv file, by the prop of `fromDotenvFile` that gives them. */
const DOTENV_WRITTEN_FIELDS: readonly WrittenField[] = [
  { field: 'metadata.name', prop: 'name' }, { field: 'metadata.namespace', prop: 'namespace' }, { field: 'type', prop: 'type' },
  { field: 'stringData', prop: 'file', sameKeys: true }, { field: 'data', prop: 'file', sameKeys: true },
];

/** How to encrypt a dotenv file, from the repository root where the creation rules of `.sops.yaml` are anchored. */
const ENCRYPT_DOTENV = (file: string) => `encrypt it in place from the repository root with \`sops --encrypt --in-place ${file}\`, `
  + 'under a creation rule of .sops.yaml for .env files that has no encrypted_regex (sops then encrypts every value)';

/** A value with the ENC[ of sops but not the rest of its form. */
const MALFORMED = 'is an ENC[…] value without the iv, tag or type sops writes (cut short or edited by hand), so sops refuses the whole file and Flux never decrypts it';

/** Reads a file a factory of {@link SopsSecret} was given, or says why it cannot, on `field` of `scope`. */
function readEncryptedFile(scope: Construct, file: string, field: string, what: string): string {
  if (typeof file !== 'string') {
    throw new InputError(`${field} was given ${describeValue(file)} for its file, not a path`, field, `give the path of the ${what}, relative to the repository root, where synth runs`, scope);
  }
  try {
    return readSourceFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new InputError(`cannot read ${file}: ${reason}`, field, `give the path of the ${what}, relative to the repository root, where synth runs`, scope);
  }
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
 * committed as encrypted; this construct checks that it is. Two forms: a dotenv file
 * ({@link SopsSecret.fromDotenvFile}), copied to `dist/` as is and generated into the Secret by kustomize,
 * and a Secret manifest ({@link SopsSecret.fromFile}), passed through, whose key order rendering must keep
 * (SOPS's MAC covers values in document order, so a reordered file fails to decrypt).
 */
export class SopsSecret extends Construct implements ISecretSource {
  /**
   * Reads an encrypted Secret manifest from a YAML file. Synth warns that an API server refuses it as
   * written (its `sops` field); {@link SopsSecret.fromDotenvFile} has none.
   */
  public static fromFile(scope: Construct, id: string, file: string): SopsSecret {
    const where = `SopsSecret.fromFile(${id})`;
    const content = readEncryptedFile(scope, file, where, 'SOPS-encrypted file');
    let manifest: unknown;
    try {
      manifest = load(content);
    } catch (error) {
      throw new InputError(`${file} is no YAML: ${(error as Error).message.split('\n')[0]}`, where, 'pass the file `sops --encrypt` wrote, a Secret manifest', scope);
    }
    return new SopsSecret(scope, id, { manifest: fields(manifest) as Record<string, unknown> }, undefined, file);
  }

  /**
   * A Secret kustomize generates from a SOPS-encrypted dotenv file: `dist/` holds the encrypted file beside
   * the `kustomization.yaml` of the folder the Secret belongs to, and a `secretGenerator` entry for it there
   * (its name kept, no hash suffix). Flux's kustomize-controller decrypts the file before kustomize reads
   * it, so the cluster gets the plain Secret; every object of `dist/` is one an API server accepts as written.
   * A value sops writes on one line (`\n` for a line break) reaches the Secret as written.
   */
  public static fromDotenvFile(scope: Construct, id: string, props: SopsDotenvFileProps): SopsSecret {
    // The manifest is the file's, built once its props are checked.
    return new SopsSecret(scope, id, { manifest: {} }, props);
  }

  /** Namespace of the Secret. */
  public readonly namespace: string;
  /** Name of the Secret in the cluster. */
  public readonly secretName: string;
  /** Keys the Secret holds, sorted. */
  public readonly keys: readonly string[];
  /**
   * The prop that holds the encryption, where a finding about it is reported: the manifest's `sops`
   * metadata, or the dotenv file. @internal
   */
  public readonly encryptionField: string;

  /**
   * @param dotenvFile the dotenv file {@link SopsSecret.fromDotenvFile} was given, which replaces
   *   `props` (its manifest is read from the file). @internal
   * @param yamlFile the file {@link SopsSecret.fromFile} read the manifest from, named in findings. @internal
   */
  constructor(scope: Construct, id: string, props: SopsSecretProps, dotenvFile?: SopsDotenvFileProps, yamlFile?: string) {
    super(scope, id);
    const manifest = dotenvFile !== undefined ? this.readDotenvFile(dotenvFile) : this.checkManifest(props, yamlFile);
    const metadata = fields(manifest.metadata);
    this.namespace = text(metadata.namespace) ?? '';
    this.secretName = text(metadata.name) ?? id;
    // A key in both maps is one key of the Secret (stringData wins), reported where Secrets are checked.
    this.keys = [...new Set([...Object.keys(fields(manifest.data)), ...Object.keys(fields(manifest.stringData))])].sort();
    this.encryptionField = dotenvFile !== undefined ? 'file' : 'manifest.sops';
    if (this.namespace) {
      ensureSecretNamespace(this, this.namespace);
    }
    // Whether the cluster's engine decrypts it is checked for every encrypted object alike (sops-decryption.ts).
    this.node.addMetadata(VALUES_CHECKED_NOTE, { ...valuesAt('data', manifest.data), ...valuesAt('stringData', manifest.stringData) } satisfies CheckedValues);
    const object = new ApiObject(this, 'resource', manifest as any);
    if (dotenvFile !== undefined) {
      generateFromFile(object, { fileName: generatedSecretFileName({ name: this.secretName, namespace: this.namespace }), content: this.dotenvText! });
      // The Secret is kustomize's, never written out: what is found in it was written in the file or the props.
      noteWrittenProps(this, object, () => DOTENV_WRITTEN_FIELDS);
    } else if (text(metadata.name) !== undefined && leafOrder(manifest).join('\n') !== leafOrder(manifestOf(object)).join('\n')) {
      this.problem('manifest', 'lists its keys in another order than the rendered output (apiVersion, kind, metadata first, the rest sorted), which breaks the SOPS MAC',
        'sort the keys of the plaintext file that way and encrypt it again');
    }
  }

  /** A reference to one key of the Secret, for an app's `env`; an unknown key is reported. */
  public key(name: string): SecretReference {
    return referenceKey(this, this, name, 'sops');
  }

  /** The dotenv file's text, copied to `dist/` as is. */
  private dotenvText?: string;

  private problem(field: string, message: string, hint?: string): void {
    reportFinding(this, { layer: 'policy', severity: 'error', field, message, hint });
  }

  /** The YAML form: the encrypted manifest, checked. */
  private checkManifest(props: SopsSecretProps, yamlFile: string | undefined): Record<string, unknown> {
    requireProps(this, 'SopsSecret', props, SOPS_SECRET_PROPS_SHAPE, {
      required: [
        ['manifest', "pass the SOPS-encrypted Secret manifest, read from its file"],
      ],
      // The file's path where the manifest belongs, with the props of fromDotenvFile beside it: reading the file is a factory's.
      foreignForms: [['', fileWhereManifestBelongs]],
    });
    const manifest = props.manifest;
    // The manifest is rendered (and its key order compared) as it is built: a value no YAML holds would fail there.
    const unwritable = firstUnwritableField(manifest);
    if (unwritable !== undefined) {
      this.problem(`manifest.${unwritable.path}`, `is ${unwritable.what}, which no YAML or JSON document holds`, NON_JSON_HINT);
      throw new PropsRejected('the SopsSecret'); // nothing of it can be rendered
    }
    const metadata = fields(manifest.metadata);
    const encrypted = identityFieldEncrypted(manifest);
    if (encrypted !== undefined) {
      this.problem(`manifest.${encrypted}`, 'is encrypted (ENC[…]): sops encrypted the whole file, so the Secret has no readable kind or name', ENCRYPT_DATA_ONLY);
      throw new PropsRejected('the SopsSecret'); // nothing of it can be rendered
    }
    if (manifest.apiVersion !== 'v1' || manifest.kind !== 'Secret') {
      this.problem('manifest.kind', 'is not a v1 Secret', 'pass the Secret manifest of the encrypted file: apiVersion v1, kind Secret');
      throw new PropsRejected('the SopsSecret'); // nothing of it can be rendered
    }
    const namespaced = text(metadata.namespace) !== undefined;
    if (!namespaced) {
      this.problem('manifest.metadata.namespace', 'names no namespace', 'give the Secret its namespace (metadata.namespace) in the plaintext file and encrypt it again');
    }
    const encrypt = 'encrypt the file with sops --encrypt --encrypted-regex \'^(data|stringData)$\'';
    const written = Object.keys(fields(manifest.sops)).length > 0 && sopsPlaintextFields(manifest).length === 0;
    if (written) {
      // Encrypted, then its metadata edited by hand (or cut short when copied): sops refuses the file before it decrypts a value.
      for (const { field, problem } of sopsMetadataProblems(manifest.sops)) {
        this.problem(field === '' ? 'manifest.sops' : `manifest.sops.${field}`,
          `${yamlFile === undefined ? 'the manifest' : yamlFile}: its sops metadata has ${problem}, which sops checks before it decrypts anything, so sops -d and Flux never decrypt the file`, EDITED_BY_HAND_HINT);
      }
    }
    if (!hasSopsMetadata(manifest)) {
      if (!written) {
        this.problem('manifest.sops', 'is not SOPS-encrypted: it needs top-level sops metadata and ENC[...] values', encrypt);
      }
    } else {
      // Encrypted once, then a value added or edited in the clear: each such value is named, once.
      for (const field of sopsPlaintextFields(manifest)) {
        this.problem(`manifest.${field}`, 'is in the clear in an encrypted file (not ENC[...]); it would be committed to Git as written',
          `edit the file with \`sops\` (it encrypts what you add), or decrypt it and ${encrypt.replace('encrypt the file', 'encrypt it again')}`);
      }
      for (const field of malformedSopsValues({ ...valuesAt('data', manifest.data), ...valuesAt('stringData', manifest.stringData) })) {
        this.problem(`manifest.${field}`, MALFORMED, EDITED_BY_HAND_HINT);
      }
    }
    // Without a name cdk8s generates one, which adds a leaf the key order check would blame on the order.
    if (text(metadata.name) === undefined) {
      this.problem('manifest.metadata.name', 'names no Secret, so the rendered file would carry a name the encrypted one has not and fail the SOPS MAC',
        'give the Secret its name (metadata.name) in the plaintext file and encrypt it again');
    }
    if (!namespaced) {
      // Rendered, it would be one more error of every namespaced object without one: this one is enough.
      throw new PropsRejected('the SopsSecret');
    }
    return manifest;
  }

  /** The dotenv form: the file read and checked, as the Secret kustomize generates from it. */
  private readDotenvFile(props: SopsDotenvFileProps): Record<string, unknown> {
    requireProps(this, 'SopsSecret.fromDotenvFile', props, SOPS_DOTENV_FILE_PROPS_SHAPE, {
      required: [
        ['file', 'give the path of the SOPS-encrypted dotenv file, relative to the repository root'],
        ['name', 'give the name of the Secret kustomize generates from the file'],
        ['namespace', 'give the namespace of the Secret'],
      ],
      foreign: [['manifest', "a manifest is SopsSecret.fromFile's: give the dotenv file's path as file", 'file']],
    });
    const file = props.file;
    this.dotenvText = readEncryptedFile(this, file, 'file', 'SOPS-encrypted dotenv file');
    const dotenv = parseSopsDotenv(this.dotenvText);
    if (dotenv.badLines.length > 0) {
      const yaml = /\.ya?ml$/.test(file) || /^apiVersion:/m.test(this.dotenvText);
      this.problem('file', `is no dotenv file: line ${dotenv.badLines.join(', ')} is neither KEY=VALUE nor a # comment`, yaml
        ? 'a Secret manifest is read with SopsSecret.fromFile; for this form write the values as KEY=VALUE lines, one per key, and encrypt that file'
        : 'write one KEY=VALUE line per key of the Secret (sops writes a line break in a value as \\n)');
    }
    this.checkDotenvKeys(dotenv);
    this.checkDotenvEncryption(file, dotenv);
    // A key reported above is left out of the Secret the checks read: one mistake, one error.
    const keysTaken = { ...dotenv, entries: dotenv.entries.filter((entry) => dotenvKeyProblem(entry.key) === undefined) };
    return sopsDotenvSecretManifest({ name: props.name, namespace: props.namespace, type: props.type }, keysTaken);
  }

  /** Every key of the file is one the Secret can have, once, and there is one at least. */
  private checkDotenvKeys(dotenv: SopsDotenv): void {
    if (dotenv.entries.length === 0 && dotenv.badLines.length === 0) {
      this.problem('file', 'holds no KEY=VALUE line, so the Secret would have no key', 'write one KEY=VALUE line per key of the Secret, then encrypt the file');
    }
    const firstLine = new Map<string, number>();
    for (const { key, line } of dotenv.entries) {
      const problem = dotenvKeyProblem(key);
      if (problem !== undefined) {
        const meant = key.replace(/^export\s+/, '').trim();
        this.problem(`file.${key}`, `the key on line ${line} ${problem}`, key.charCodeAt(0) === 0xfeff
          ? 'save the plaintext file as UTF-8 without a byte order mark (an editor\'s "UTF-8", not "UTF-8 with BOM"), then encrypt it again'
          : meant !== key && dotenvKeyProblem(meant) === undefined
          ? `write line ${line} as ${meant}=…: decrypt the file (sops --decrypt --in-place), edit it and encrypt it again`
          : 'rename the key in the plaintext file (and what reads it), then encrypt the file again');
      } else if (firstLine.has(key)) {
        this.problem(`file.${key}`, `is given twice, on lines ${firstLine.get(key)} and ${line}; kustomize refuses a key given twice`,
          'keep one line for the key: edit the file with `sops`');
      }
      firstLine.set(key, firstLine.get(key) ?? line);
    }
  }

  /** The file is SOPS-encrypted, every value of it. */
  private checkDotenvEncryption(file: string, dotenv: SopsDotenv): void {
    const { metadata } = dotenv;
    if (typeof metadata.mac !== 'string' || typeof metadata.version !== 'string') {
      this.problem('file', 'is not SOPS-encrypted: it has no sops_mac and sops_version lines, and its values would be committed to Git as written',
        ENCRYPT_DOTENV(file));
      return;
    }
    for (const { field, problem } of sopsMetadataProblems(metadata)) {
      const lines = field === '' ? `no sops_${SOPS_MASTER_KEY_KINDS[0]}__… line nor one of another key` : `the sops_${field} line`;
      this.problem('file', `${file}: its sops metadata has ${problem} (${lines}), which sops checks before it decrypts anything, so sops -d and Flux never decrypt the file`, EDITED_BY_HAND_HINT);
    }
    for (const key of malformedSopsValues(Object.fromEntries(dotenv.entries.map((entry) => [entry.key, entry.value])))) {
      this.problem(`file.${key}`, MALFORMED, EDITED_BY_HAND_HINT);
    }
    const clear = dotenv.entries.filter((entry) => !isSopsValue(entry.value));
    // A creation rule written for Secret manifests encrypts the values under data and stringData, and a dotenv file has none.
    const regex = typeof metadata.encrypted_regex === 'string' ? metadata.encrypted_regex : undefined;
    const matchesNoKey = regex !== undefined && clear.length === dotenv.entries.length && !dotenv.entries.some((entry) => safeTest(regex, entry.key));
    for (const entry of clear) {
      this.problem(`file.${entry.key}`, `is in the clear in an encrypted file (line ${entry.line}, not ENC[...]); it would be committed to Git as written`, matchesNoKey
        ? `the file was encrypted with encrypted_regex ${regex}, which matches none of its keys, so sops encrypted nothing: drop encrypted_regex from the creation rule of .sops.yaml for .env files, write the file afresh in plain text and ${ENCRYPT_DOTENV(file).replace(/, under .*$/, '')}`
        : `edit the file with \`sops\` (it encrypts what you add), or write it afresh in plain text and ${ENCRYPT_DOTENV(file)}`);
    }
  }
}

/** Whether the regular expression `source` (of a file's metadata) matches `value`; one that does not compile matches nothing. */
function safeTest(source: string, value: string): boolean {
  try {
    return new RegExp(source).test(value);
  } catch {
    return false;
  }
}

/** Names people give the path of the encrypted file. */
const FILE_PROPS = ['file', 'path', 'filename', 'fromFile'];

/**
 * The encrypted file's path given where the manifest belongs, with the other props of `fromDotenvFile`
 * beside it (`{ file, name, namespace }`): one problem on the path, whose hint names the factories that read
 * the file; undefined when no path is given. Pure.
 */
function fileWhereManifestBelongs(written: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const file = FILE_PROPS.find((key) => key in written);
  if (file === undefined) {
    return undefined;
  }
  const dotenvProps = Object.keys(SOPS_DOTENV_FILE_PROPS_SHAPE).filter((key) => key !== 'file' && key in written);
  return {
    keys: [...FILE_PROPS.filter((key) => key in written), ...dotenvProps, 'manifest'], key: file,
    message: `SopsSecret has no prop "${file}"; it takes the encrypted manifest itself, read from its file`,
    hint: "read the encrypted file with SopsSecret.fromDotenvFile(this, '<id>', { file, name, namespace }) for a dotenv file, or SopsSecret.fromFile(this, '<id>', '<file>') for a Secret manifest",
  };
}
