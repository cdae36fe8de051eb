import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { AddFinding, fields, Fields, objectFinding } from './manifest';

// What the Sealed Secrets controller cannot unseal although the CRD schema takes it
// (pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go). kubeseal seals each value with a label of
// the scope the Secret's annotations give, and copies them to the template and to the SealedSecret; the
// controller decrypts with the label of the scope the SealedSecret's own annotations give.

/** The scope annotations, widest first, as SecretScope reads them: only the text `true` counts. */
const SCOPES = [['cluster-wide', 'sealedsecrets.bitnami.com/cluster-wide'], ['namespace-wide', 'sealedsecrets.bitnami.com/namespace-wide']] as const;

/** The scope annotations give: cluster-wide, namespace-wide, or strict (the name and namespace). */
function scopeOf(annotations: Fields): string {
  return SCOPES.find(([, key]) => annotations[key] === 'true')?.[0] ?? 'strict';
}

/**
 * A SealedSecret's own scope annotations give the scope its template declares: the controller opens the
 * values with the label of its own scope (Unseal: labelFor), so values sealed for the template's scope
 * never open, and the Secret is never written.
 */
export function checkSealingScope(object: SynthesizedObject, add: AddFinding): void {
  const own = scopeOf(fields(fields(object.manifest.metadata).annotations));
  const template = scopeOf(fields(fields(fields(fields(object.manifest.spec).template).metadata).annotations));
  if (own === template) {
    return;
  }
  const annotation = SCOPES.find(([scope]) => scope === template)?.[1];
  add('metadata.annotations', `the template is sealed ${template} but the SealedSecret's own annotations make it ${own}, and the controller opens its values with the label of its own scope, so it cannot unseal them`,
    annotation !== undefined ? `annotate the SealedSecret itself with ${annotation}: "true", as kubeseal --scope ${template} writes it`
      : `drop the scope annotation from the SealedSecret's metadata, or reseal the values with kubeseal --scope ${own}`);
}

/**
 * A SealedSecret's template names the Secret it is: the controller writes the Secret under the SealedSecret's
 * own name and namespace whatever the template says (Unseal: SetName, SetNamespace), and opens strictly sealed
 * values with the label of those; a template naming another (a copy renamed by hand after sealing) means
 * the values were sealed for that other Secret, and what reads the template's name finds no Secret.
 */
export function checkSealedTemplateIdentity(object: SynthesizedObject, add: AddFinding): void {
  const own = fields(object.manifest.metadata);
  const template = fields(fields(fields(object.manifest.spec).template).metadata);
  for (const part of ['namespace', 'name'] as const) {
    const written = template[part];
    if (typeof written === 'string' && written !== '' && written !== own[part]) {
      add(`spec.template.metadata.${part}`, `the template gives the Secret the ${part} "${written}", but the controller writes the Secret as ${String(own.namespace)}/${String(own.name)}, the SealedSecret's own, `
        + `so no Secret of that ${part} is made (and values sealed strictly for it do not open under this one)`,
        `seal the values again for the Secret the SealedSecret makes (kubeseal --raw --namespace ${String(own.namespace)} --name ${String(own.name)} --from-file=/dev/stdin), and give the template its ${part} or none`);
    }
  }
}

/**
 * The label a SealedSecret's values open with (Unseal: labelFor, by the scope its own annotations give): its
 * namespace and name when strict, its namespace when namespace-wide, none when cluster-wide.
 */
function unsealingLabel(metadata: Fields): string {
  const scope = scopeOf(fields(metadata.annotations));
  return scope === 'cluster-wide' ? '' : scope === 'namespace-wide' ? String(metadata.namespace) : `${String(metadata.namespace)}/${String(metadata.name)}`;
}

/**
 * A value kubeseal sealed opens only under the label it was sealed with, so one ciphertext given to two
 * SealedSecrets whose labels differ (a strict value copied to a Secret of another name, a namespace-wide one
 * to another namespace) opens under one of them at most: the controller reports "no key could decrypt secret"
 * for the other at run time. Each value is indexed once per cluster; the second SealedSecret (in the order the
 * chart lists them) is reported, naming the first. `constructOf` gives the SealedSecret construct that rendered
 * an object, whose prop `encryptedData` the user wrote, or undefined for a hand-written object.
 */
export function checkSealedValuesReused(sealed: readonly SynthesizedObject[], constructOf: (object: SynthesizedObject) => string | undefined): Finding[] {
  const first = new Map<string, { readonly label: string; readonly object: SynthesizedObject; readonly key: string }>();
  const findings: Finding[] = [];
  for (const object of sealed) {
    const metadata = fields(object.manifest.metadata);
    const label = unsealingLabel(metadata);
    const encrypted = fields(fields(object.manifest.spec).encryptedData);
    for (const key of Object.keys(encrypted)) {
      // The controller's base64 decoder reads past line breaks: a copy wrapped otherwise is the same value.
      const value = typeof encrypted[key] === 'string' ? (encrypted[key] as string).replace(/[\r\n]/g, '') : '';
      if (value === '') {
        continue;
      }
      const earlier = first.get(value);
      if (earlier === undefined) {
        first.set(value, { label, object, key });
        continue;
      }
      if (earlier.label === label) {
        continue;
      }
      const scope = scopeOf(fields(metadata.annotations));
      const other = fields(earlier.object.manifest.metadata);
      const message = `is the same ciphertext as key "${earlier.key}" of SealedSecret ${String(other.namespace)}/${String(other.name)} (${earlier.object.constructPath}), `
        + `which opens its values as ${describeLabel(earlier.label)} where this one opens them as ${describeLabel(label)}; kubeseal seals a value for one of these, `
        + 'so the controller cannot unseal it in the other ("no key could decrypt secret") and that Secret is never written';
      const owner = constructOf(object);
      const hint = `seal the value again for this Secret: kubeseal --raw --namespace ${String(metadata.namespace)} --name ${String(metadata.name)}`
        + `${scope === 'strict' ? '' : ` --scope ${scope}`} --from-file=/dev/stdin; or seal it once with kubeseal --scope cluster-wide and give both `
        + (owner !== undefined ? "scope: 'cluster-wide'" : 'SealedSecrets the annotation sealedsecrets.bitnami.com/cluster-wide: "true"');
      findings.push(owner !== undefined
        ? { layer: 'schema', severity: 'error', constructPath: owner, field: `encryptedData.${key}`, message, hint }
        : objectFinding(object, { layer: 'schema', severity: 'error', field: `spec.encryptedData.${key}`, message, hint }));
    }
  }
  return findings;
}

/** A sealing label as a reader knows it. */
function describeLabel(label: string): string {
  return label === '' ? 'cluster-wide value' : label.includes('/') ? `Secret ${label} (strict)` : `namespace ${label} (namespace-wide)`;
}
