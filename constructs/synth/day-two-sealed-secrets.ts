import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';

/**
 * Sealed values that move: the Sealed Secrets controller unseals a value only under the name and namespace
 * it was sealed for (its scope, which `kubeseal` writes into the ciphertext). A value the previous output
 * held under one SealedSecret that the new output puts under another name, namespace or scope (an app
 * renamed or moved to another namespace, with its secret copied along) is never unsealed there: the Secret
 * is not made, and the pods that read it do not start. Only the cluster's own previous output tells where
 * a value was sealed for, so this is a day-2 check; the same value moved to another cluster is not judged
 * (that cluster's controller may share the sealing key).
 */

type Doc = Record<string, any>;

const SCOPE_ANNOTATION = 'sealedsecrets.bitnami.com/';

/** Where a SealedSecret's values unseal: the label `kubeseal` seals them with, and how a user says it. */
interface SealedFor {
  readonly label: string;
  readonly said: string;
}

function isSealedSecret(doc: Doc): boolean {
  return doc?.kind === 'SealedSecret' && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('bitnami.com/');
}

function sealedFor(doc: Doc): SealedFor {
  const annotations: Doc = doc.metadata?.annotations ?? {};
  const namespace = String(doc.metadata?.namespace);
  const name = String(doc.metadata?.name);
  if (annotations[`${SCOPE_ANNOTATION}cluster-wide`] === 'true') {
    return { label: '', said: 'any name and namespace (cluster-wide)' };
  }
  if (annotations[`${SCOPE_ANNOTATION}namespace-wide`] === 'true') {
    return { label: namespace, said: `namespace ${namespace} (namespace-wide)` };
  }
  return { label: `${namespace}/${name}`, said: `${namespace}/${name} (strict)` };
}

function sealedValues(doc: Doc): Array<[string, string]> {
  const data: Doc = doc.spec?.encryptedData ?? {};
  return Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** The construct a SealedSecret object was made by: findings name its prop (`encryptedData.<key>`), not the object. */
function constructOf(path: string): string {
  return path.replace(/\/resource$/, '');
}

/**
 * One error per sealed value of the new output that the previous output held under a SealedSecret of
 * another name, namespace or scope. Pure.
 */
export function movedSealedValues(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, constructPaths: ReadonlyMap<string, string>, chartPath: string,
): Finding[] {
  const previous = new Map<string, SealedFor>();
  for (const entry of old.values()) {
    const doc = entry.doc as Doc;
    if (isSealedSecret(doc)) {
      sealedValues(doc).forEach(([, value]) => previous.set(value, sealedFor(doc)));
    }
  }
  if (previous.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const [id, entry] of now) {
    const doc = entry.doc as Doc;
    if (!isSealedSecret(doc)) {
      continue;
    }
    const here = sealedFor(doc);
    const namespace = String(doc.metadata?.namespace);
    const name = String(doc.metadata?.name);
    for (const [key, value] of sealedValues(doc)) {
      const was = previous.get(value);
      if (!was || was.label === here.label) {
        continue;
      }
      const scope = here.label === '' ? ' --scope cluster-wide' : here.label === namespace ? ' --scope namespace-wide' : '';
      findings.push({
        layer: 'policy', severity: 'error', constructPath: constructOf(constructPaths.get(id) ?? chartPath),
        kind: 'SealedSecret', namespace, name, field: `encryptedData.${key}`,
        message: `the value of ${key} is the ciphertext the previous output held sealed for ${was.said}, and the Sealed Secrets controller unseals a value `
          + `only where it was sealed for: as ${namespace}/${name} it cannot decrypt it, so the Secret is never made and the pods that read it do not start`,
        hint: `seal the value again for its new place and put the new ciphertext here: echo -n '<value>' | kubeseal --raw --namespace ${namespace} --name ${name}${scope} `
          + '(kubeseal --re-encrypt keeps the old name and namespace, so it does not serve)',
      });
    }
  }
  return findings;
}
