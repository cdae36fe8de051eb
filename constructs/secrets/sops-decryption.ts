import type { IConstruct } from 'constructs';
import type { GitOpsEngine } from '../platform/gitops';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from '../validation/finding';
import { fields, list, objectFinding } from '../validation/manifest';
import { isSopsEncrypted } from '../validation/policy';
import { SopsSecret } from './sops-secret';
import { SOPS_MASTER_KEY_KINDS } from './sops-format';

/** The Secret with the age key an engine decrypts SOPS files with, when it does. */
export function sopsDecryptionSecret(engine: GitOpsEngine | undefined): string | undefined {
  const name = (engine as { readonly sopsSecretName?: unknown } | undefined)?.sopsSecretName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

const HINT = 'set `gitops: flux({ sopsSecretName: \'sops-age\' })`, whose Kustomizations then decrypt with provider sops';

const DOTENV_HINT = 'encrypt the values as a dotenv file instead (KEY=VALUE lines, `sops --encrypt --in-place <file>.env`) and declare it with '
  + 'SopsSecret.fromDotenvFile(scope, id, { file, name, namespace }): dist/ then holds the encrypted file and a secretGenerator entry, '
  + 'and Flux decrypts the file before kustomize generates the Secret';

/**
 * Objects SOPS-encrypted (top-level `sops` metadata, `ENC[...]` values) in a cluster whose GitOps engine
 * would apply them undecrypted: the API server would refuse the `sops` field, or store `ENC[...]` strings
 * as the values. One rule for a `SopsSecret` (reported on its `manifest`, or its dotenv `file`) and a
 * hand-written object (reported on its `sops` field). Without an engine the owner applies the folder by
 * hand, decrypting on the way (`sops -d | kubectl apply`). On a cluster whose engine decrypts, the Secret
 * holding the engine's own age key may not be one of them: nothing could decrypt it.
 *
 * An encrypted object written to `dist/` as a manifest, with its `sops` field, is refused by an API server
 * as written ("unknown field sops"), so a server-side dry run of `dist/` fails on it: a warning, naming the
 * dotenv form, which `dist/` holds as a file kustomize generates the Secret from.
 */
export function checkSopsDecryption(cluster: SynthesizedCluster): Finding[] {
  const engine = cluster.chart.gitops;
  const keySecret = sopsDecryptionSecret(engine);
  const keyNamespace = (engine as { readonly namespace?: unknown } | undefined)?.namespace;
  const findings: Finding[] = [];
  let constructs: Map<string, IConstruct> | undefined;
  // One engine setting decrypts them all: the objects it leaves encrypted are one finding, on the first of them.
  const undecrypted: Array<{ object: SynthesizedObject; id: string }> = [];
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    if (object.manifest.sops === undefined || !isSopsEncrypted(object.manifest)) {
      continue;
    }
    const { kind, metadata } = object.manifest;
    const id = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
    let problem: { message: string; hint: string; severity: Finding['severity'] } | undefined;
    if (engine && keySecret === undefined) {
      undecrypted.push({ object, id });
    } else if (engine && kind === 'Secret' && metadata.name === keySecret && metadata.namespace === keyNamespace) {
      // Every Kustomization decrypts with this Secret: a copy encrypted with its own key never opens.
      problem = {
        severity: 'error',
        message: `${id} holds the age key the ${engine.name} engine decrypts SOPS files with, and is itself SOPS-encrypted, so it can never be decrypted`,
        hint: 'leave it out of the repository and create it by hand before bootstrap, as the owner step says, or seal it as a SealedSecret',
      };
    } else if (engine && keySecret !== undefined && noAgeRecipient(object.manifest.sops) !== undefined) {
      // The engine's Secret holds one age key (age.agekey, the owner step's): sops opens a file with a key of a recipient it lists.
      problem = {
        severity: 'error',
        message: `${id} is encrypted for ${noAgeRecipient(object.manifest.sops)} only, no age recipient, and the ${engine.name} engine decrypts with the age key of Secret ${String(keyNamespace)}/${keySecret}, so it can never decrypt it`,
        hint: 'add the age recipient of that key (age-keygen -y <key file> prints it) to the creation rule of .sops.yaml and run sops updatekeys on the file, or decrypt it and encrypt it again with --age <recipient>',
      };
    } else if (!object.generator) {
      problem = {
        severity: 'warning',
        message: `${id} is written to dist/ with its top-level sops field, which an API server refuses as written (strict decoding error: unknown field "sops"); only a decrypting engine removes it`,
        hint: kind === 'Secret' ? DOTENV_HINT : 'keep the encrypted values in a Secret made from a SOPS-encrypted dotenv file (SopsSecret.fromDotenvFile), and refer to it',
      };
    }
    if (problem) {
      // Only an encrypted object in question needs its construct: the tree is indexed for it alone.
      constructs ??= new Map(cluster.chart.node.findAll().map((c) => [c.node.path, c]));
      findings.push(sopsFinding(object, constructs.get(object.constructPath)?.node.scope, problem));
    }
  }
  if (engine && undecrypted.length > 0) {
    const [first, ...others] = undecrypted;
    const also = others.length === 0 ? '' : ` (and so are ${others.map((other) => other.id).join(', ')})`;
    constructs ??= new Map(cluster.chart.node.findAll().map((c) => [c.node.path, c]));
    findings.push(sopsFinding(first.object, constructs.get(first.object.constructPath)?.node.scope, {
      severity: 'error', message: `${first.id} is SOPS-encrypted, but the ${engine.name} engine of cluster "${cluster.chart.clusterName}" does not decrypt it${also}`, hint: HINT,
    }));
  }
  return findings;
}

/** The kinds of master key sops keeps beside age. */
const OTHER_MASTER_KEYS = SOPS_MASTER_KEY_KINDS.filter((kind) => kind !== 'age');

/**
 * The master keys of other kinds a file is encrypted for (`pgp`, `kms`, …), when it lists no age recipient,
 * at the top of its metadata or in a key group; undefined when it has one, or names none at all. Pure.
 */
function noAgeRecipient(sops: unknown): string | undefined {
  const metadata = fields(sops);
  const groups = [metadata, ...list(metadata.key_groups)];
  if (groups.some((group) => list(group.age).length > 0)) {
    return undefined;
  }
  const others = OTHER_MASTER_KEYS.filter((kind) => groups.some((group) => list(group[kind]).length > 0));
  return others.length === 0 ? undefined : `${others.join(' and ')} keys`;
}

/** A finding on a SOPS-encrypted object: on its SopsSecret's encrypted prop, or on a hand-written object's `sops` field. */
function sopsFinding(object: SynthesizedObject, parent: IConstruct | undefined, problem: Pick<Finding, 'message' | 'hint' | 'severity'>): Finding {
  if (parent instanceof SopsSecret) {
    return { layer: 'references', constructPath: parent.node.path, field: parent.encryptionField, ...problem };
  }
  return objectFinding(object, { layer: 'references', field: 'sops', ...problem });
}
