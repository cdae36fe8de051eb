import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, list, text } from './manifest';

// What trust-manager refuses in a Bundle (its validating webhook, and in later releases the same rules as CEL
// rules of its CRD) although older schemas take it; each rule below holds in every release.

/** The kinds of source a Bundle's source entry is, of which it is exactly one. */
const SOURCE_KINDS = ['configMap', 'secret', 'inLine', 'useDefaultCAs'] as const;

/**
 * A trust-manager Bundle: each source of exactly one kind (useDefaultCAs counted where true), the default CAs
 * asked for at most once, and no source that is the Bundle's own target (a ConfigMap or Secret named after the
 * Bundle, at its target key), which would feed the Bundle its own output.
 */
export function checkTrustBundle(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const sources = list(spec.sources);
  const name = text(fields(object.manifest.metadata).name);
  const target = fields(spec.target);
  const defaults: number[] = [];
  sources.forEach((source, i) => {
    const kinds = SOURCE_KINDS.filter((kind) => (kind === 'useDefaultCAs' ? source[kind] === true : source[kind] !== undefined && source[kind] !== null));
    if (source.useDefaultCAs === true) {
      defaults.push(i);
    }
    if (kinds.length > 1 || (kinds.length === 0 && source.useDefaultCAs === undefined)) {
      add(`spec.sources[${i}]`, kinds.length === 0 ? 'the source names nothing: none of configMap, secret, inLine and useDefaultCAs' : `the source is ${kinds.join(' and ')}; trust-manager takes one kind per source`,
        kinds.length === 0 ? "give one, e.g. secret: { name: 'lab-root-ca', key: 'tls.crt' }" : `make ${kinds.slice(1).join(' and ')} ${kinds.length > 2 ? 'sources' : 'a source'} of ${kinds.length > 2 ? 'their' : 'its'} own`);
    }
    for (const kind of ['configMap', 'secret'] as const) {
      const reference = fields(source[kind]);
      const targetKey = text(fields(target[kind]).key);
      if (source[kind] !== undefined && name !== undefined && reference.name === name && targetKey !== undefined && reference.key === targetKey) {
        add(`spec.sources[${i}].${kind}`, `the source is the ${kind === 'configMap' ? 'ConfigMap' : 'Secret'} ${name} at key ${targetKey}, which the Bundle itself writes`,
          `read the CA from the ${kind === 'configMap' ? 'ConfigMap' : 'Secret'} that holds it in trust-manager's namespace, under another name or key`);
      }
    }
  });
  if (defaults.length > 1) {
    add(`spec.sources[${defaults[1]}].useDefaultCAs`, `the default CAs are asked for ${defaults.length} times; trust-manager takes them once`, 'keep one source of useDefaultCAs: true');
  }
}
