import { describeValue } from '../../inventory/problems';
import { DNS1123_LABEL, LABEL_VALUE, nameProblem, PATH_SEGMENT_NAME } from '../dns-names';
import { metadataKeyProblem } from '../syntax';

/** A rule of an embedded resource that a value breaks, at its dotted field path. */
export interface EmbeddedResourceViolation {
  /** Dotted field path of the offending value. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to put it right. */
  readonly hint: string;
}

/** A kind in lower case is an RFC 1035 label: the API server takes mixed case, but nothing else. */
const KIND_LOWERED = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const KEY_HINT = 'write keys as [prefix/]name: an optional lower-case DNS prefix and a name of letters, digits, - _ . (e.g. app.kubernetes.io/name)';

/**
 * What the API server refuses in an object a custom resource embeds (a schema node marked
 * `x-kubernetes-embedded-resource`, such as a Crossplane Composition step's `input` or a provider-kubernetes
 * Object's `manifest`), as it checks every custom resource: its apiVersion and kind are required, the
 * apiVersion is `[group/]version`, the kind a name of letters, digits and '-' in any case, and its metadata
 * holds to the rules of an object's metadata (a name that is a path segment, a namespace that is an RFC 1123
 * label, labels and annotations of qualified keys, label values of at most 63 characters, and no field ObjectMeta
 * lacks). `path` is the value's dotted field path. Pure.
 */
export function embeddedResourceViolations(value: Readonly<Record<string, unknown>>, path: string): EmbeddedResourceViolation[] {
  const violations: EmbeddedResourceViolation[] = [];
  const add = (field: string, message: string, hint: string) => violations.push({ field: `${path}.${field}`, message, hint });
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    add('apiVersion', apiVersion === undefined ? 'an embedded object needs its apiVersion' : `apiVersion ${describeValue(apiVersion)} is no API version`,
      'give the apiVersion of the object it stands for, as its own manifest would (e.g. pt.fn.crossplane.io/v1beta1, or v1 for a ConfigMap)');
  } else if (apiVersion.split('/').length > 2) {
    add('apiVersion', `apiVersion ${describeValue(apiVersion)} has more than one '/'`, 'write it as group/version (e.g. apps/v1), or the version alone for the core group (v1)');
  }
  if (typeof kind !== 'string' || kind === '') {
    add('kind', kind === undefined ? 'an embedded object needs its kind' : `kind ${describeValue(kind)} is no kind`,
      'give the kind of the object it stands for, as its own manifest would (e.g. Resources, ConfigMap)');
  } else if (kind.length > 63 || !KIND_LOWERED.test(kind.toLowerCase())) {
    add('kind', `kind ${describeValue(kind)} is no kind name: the API server takes letters, digits and '-', beginning with a letter, at most 63`,
      'spell the kind as its CRD or API names it (e.g. Resources, ConfigMap)');
  }
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)) {
    checkMetadata(metadata as Record<string, unknown>, (field, message, hint) => add(`metadata.${field}`, message, hint));
  }
  return violations;
}

/**
 * The fields of an object's metadata (ObjectMeta). The API server reads an embedded object's metadata into
 * ObjectMeta and writes back what it knows (objectmeta.CoerceWithOptions), so it drops any other field, and a
 * strict apply refuses it as unknown, although the embedding schema keeps unknown fields.
 */
const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

/** The rules of an embedded object's metadata (ValidateObjectMeta, with names of path segments). */
function checkMetadata(metadata: Readonly<Record<string, unknown>>, add: (field: string, message: string, hint: string) => void): void {
  for (const field of Object.keys(metadata).filter((key) => !OBJECT_META_FIELDS.has(key))) {
    add(field, `metadata has no field "${field}": the API server reads an embedded object's metadata as an object's and drops what it does not know, which a strict apply refuses`,
      `leave it out, or move it where it belongs (a label or an annotation, or the object's spec); metadata takes ${['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences'].join(', ')} and the like`);
  }
  for (const field of ['name', 'generateName', 'namespace'] as const) {
    if (metadata[field] !== undefined && typeof metadata[field] !== 'string') {
      add(field, `metadata.${field} is ${describeValue(metadata[field])}, no string; the API server cannot read the embedded object's metadata`, `write the ${field} as a string, in quotes`);
    }
  }
  for (const field of ['name', 'generateName'] as const) {
    const name = metadata[field];
    const problem = typeof name === 'string' && name !== '' ? nameProblem(name, PATH_SEGMENT_NAME) : undefined;
    if (problem) {
      add(field, problem, PATH_SEGMENT_NAME.hint!);
    }
  }
  const namespace = metadata.namespace;
  const namespaceProblem = typeof namespace === 'string' && namespace !== '' ? nameProblem(namespace, DNS1123_LABEL) : undefined;
  if (namespaceProblem) {
    add('namespace', namespaceProblem, "name a namespace in lower-case letters, digits and '-', at most 63 (e.g. media)");
  }
  for (const map of ['labels', 'annotations'] as const) {
    const entries = metadata[map];
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      continue;
    }
    for (const [key, entry] of Object.entries(entries)) {
      const keyProblem = metadataKeyProblem(key, map);
      if (keyProblem) {
        add(`${map}.${key}`, keyProblem, KEY_HINT);
      } else if (typeof entry !== 'string') {
        add(`${map}.${key}`, `the value ${describeValue(entry)} is no string; ${map} map keys to strings`, 'write the value as a string, in quotes (e.g. "true", "3")');
      } else if (map === 'labels') {
        const valueProblem = nameProblem(entry, LABEL_VALUE);
        if (valueProblem) {
          add(`${map}.${key}`, valueProblem, LABEL_VALUE.hint!);
        }
      }
    }
  }
}
