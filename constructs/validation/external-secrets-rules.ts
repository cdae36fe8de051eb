import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, list, text } from './manifest';
import { missingTypedKeys } from './kind-rules';

// What the External Secrets Operator's webhook refuses in an ExternalSecret although its CRD schema allows
// it (apis/externalsecrets/v1/externalsecret_validator.go). A strict server-side dry-run calls the webhook,
// so these are refused as the API server's own rules are.

/** The ways an entry of `dataFrom` reads the store, of which it takes exactly one. */
const DATA_FROM_FORMS = ['extract', 'find', 'sourceRef.generatorRef'] as const;

/** The creation policies under which the operator does not own the Secret, so it may not delete it. */
const NOT_OWNED = ['Merge', 'None'];

/**
 * An ExternalSecret: it maps `data` or `dataFrom` (validateExternalSecret), each `dataFrom` entry reads the
 * store one way (validateFindExtractSourceRef, validateExtractFindGenerator, validateSourceRef), and its
 * target's deletion policy fits its creation policy (validatePolicies).
 */
export function checkExternalSecret(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const data = list(spec.data);
  const dataFrom = list(spec.dataFrom);
  if (data.length === 0 && dataFrom.length === 0) {
    add('spec.data', 'the ExternalSecret maps neither data nor dataFrom, so the operator\'s webhook refuses it',
      "map each key of the Secret to where the store keeps it: data: [{ secretKey: 'password', remoteRef: { key: 'db', property: 'password' } }]");
  }
  dataFrom.forEach((entry, i) => checkDataFrom(entry, `spec.dataFrom[${i}]`, add));
  checkPolicies(fields(spec.target), add);
  checkTypedKeys(spec, add);
}

/**
 * The Secret the operator writes has the keys its built-in type needs (a TLS Secret its tls.crt and tls.key):
 * the API server refuses it otherwise, and the ExternalSecret stays in SecretSyncedError. Its keys are the
 * template's data where it has some (with the mapped ones too when it merges), else the mapped `data`; with
 * `dataFrom` or `templateFrom` they are not known here, and nothing is said.
 */
function checkTypedKeys(spec: Readonly<Record<string, unknown>>, add: AddFinding): void {
  const template = fields(fields(spec.target).template);
  if (spec.dataFrom !== undefined || template.templateFrom !== undefined) {
    return;
  }
  const mapped = list(spec.data).map((entry) => text(entry.secretKey)).filter((key): key is string => key !== undefined);
  const templated = Object.keys(fields(template.data));
  const keys = new Set(templated.length === 0 ? mapped : text(template.mergePolicy) === 'Merge' ? [...templated, ...mapped] : templated);
  const missing = missingTypedKeys(template.type, (key) => keys.has(key));
  if (missing !== undefined) {
    add('spec.target.template.type', `the Secret the operator writes, of type ${String(template.type)}, would hold ${[...keys].join(', ') || 'no key'} and needs ${missing}; the API server refuses it, so the Secret is never written`,
      templated.length === 0
        ? `map ${missing} as the secretKey of data entries, e.g. { secretKey: '${missing.replace(/^one of /, '').split(/ and |, /)[0]}', remoteRef: { key: '…', property: '…' } }, or drop the type`
        : `give template.data the keys ${missing} (e.g. tls.crt: '{{ .cert }}'), or drop the type`);
  }
}

/** One entry of `dataFrom` reads the store as `extract`, `find` or a generator, exactly one of them; a `sourceRef` names a store or a generator. */
function checkDataFrom(entry: Readonly<Record<string, unknown>>, path: string, add: AddFinding): void {
  const sourceRef = entry.sourceRef === undefined ? undefined : fields(entry.sourceRef);
  const given = DATA_FROM_FORMS.filter((form) => (form === 'sourceRef.generatorRef' ? sourceRef?.generatorRef !== undefined : entry[form] !== undefined));
  if (given.length > 1) {
    add(path, `the entry reads the store as ${given.join(' and ')} at once; the operator's webhook takes one of them per entry`,
      `split it into one dataFrom entry per ${given.join(' and ')}`);
  } else if (given.length === 0 && sourceRef === undefined) {
    add(path, 'the entry says neither extract, find nor sourceRef, so the operator\'s webhook refuses it',
      "read one remote key's properties as keys: { extract: { key: 'app/config' } }, or the keys matching a name: { find: { name: { regexp: '^app-' } } }");
  } else if (sourceRef !== undefined && sourceRef.generatorRef === undefined && sourceRef.storeRef === undefined) {
    add(`${path}.sourceRef`, 'sourceRef names neither a store nor a generator, so the operator\'s webhook refuses it',
      "name the store: sourceRef: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' } }, or leave sourceRef out to read the ExternalSecret's own store");
  }
}

/** The operator deletes the Secret only where it owns it, and merges only into a Secret it writes. */
function checkPolicies(target: Readonly<Record<string, unknown>>, add: AddFinding): void {
  const deletion = text(target.deletionPolicy);
  const creation = text(target.creationPolicy) ?? 'Owner';
  if (deletion === 'Delete' && NOT_OWNED.includes(creation)) {
    add('spec.target.deletionPolicy', `deletionPolicy Delete would delete a Secret the operator does not own (creationPolicy ${creation}), so its webhook refuses it`,
      'set creationPolicy: Owner, or deletionPolicy: Retain');
  } else if (deletion === 'Merge' && creation === 'None') {
    add('spec.target.deletionPolicy', 'deletionPolicy Merge with creationPolicy None has no Secret to merge with, so the operator\'s webhook refuses it',
      'set deletionPolicy: Retain, or a creationPolicy that writes the Secret (Owner or Orphan)');
  }
}
