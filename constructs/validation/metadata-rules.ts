import type { SynthesizedObject } from '../synth/collect';
import { isClusterScoped } from '../synth/kinds';
import type { Finding } from './finding';
import { AddFinding, Fields, forEachRepeatedKey, list, objectFinding, text } from './manifest';
import { nameProblem, nameRuleOf } from './dns-names';
import { groupOf, KUBERNETES_GROUPS } from './schema/served-kinds';
import { qualifiedNameProblem } from './syntax';

/** The most bytes an object's annotations may hold in all, keys and values (the API server's `TotalAnnotationSizeLimitB`). */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Finalizers of the garbage collector that contradict each other: orphan the dependents, or delete them first. */
const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';
/** The finalizers Kubernetes names without a domain (IsStandardFinalizerName); every other one of a built-in kind has its domain. */
const STANDARD_FINALIZERS: readonly string[] = ['kubernetes', ORPHAN, FOREGROUND];

/**
 * Metadata the API server writes and owns, which YAML copied from `kubectl get -o yaml` carries along,
 * with what a hand-written value does.
 */
const SERVER_OWNED_METADATA: Readonly<Record<string, string>> = {
  managedFields: 'a server-side apply refuses it ("metadata.managedFields must be nil")',
  resourceVersion: 'it makes the apply conditional: refused on create, a conflict once the live object changes',
  uid: 'a uid other than the live object\'s fails the apply as a precondition',
  creationTimestamp: 'the API server ignores it',
  generation: 'the API server ignores it',
  selfLink: 'the API server ignores it',
  deletionTimestamp: 'the API server ignores it',
  deletionGracePeriodSeconds: 'the API server ignores it',
};

/**
 * What the API server checks of any object's metadata beyond its schema and key syntax: no field the
 * server owns ({@link SERVER_OWNED_METADATA}) is written by hand, a cluster-scoped
 * kind carries no namespace (the API server would silently drop it, so whatever it was meant to say is
 * lost), the annotations stay within 256 KiB, finalizers are qualified names that do not contradict
 * each other, owner references are complete with one controller at most, and a generateName is the
 * beginning of a name of the kind. Runs for every object: each rule first looks only at whether its field is set. `clusterScoped`
 * says whether the object's kind has no namespace, as the cluster's CRDs say (@default - the library's list).
 */
export function checkMetadata(object: SynthesizedObject, metadata: Fields, findings: Finding[], clusterScoped = isClusterScoped(object.manifest)): void {
  const add: AddFinding = (field, message, hint) => findings.push(objectFinding(object, { layer: 'schema', severity: 'error', field, message, hint }));
  if (metadata.namespace !== undefined && clusterScoped) {
    add('metadata.namespace', `a ${String(object.manifest.kind)} is cluster-scoped; the API server drops its namespace ${JSON.stringify(metadata.namespace)}`,
      'drop metadata.namespace: the object applies to the whole cluster');
  }
  for (const key in SERVER_OWNED_METADATA) {
    // `creationTimestamp: null` is what `kubectl create --dry-run -o yaml` and generated CRDs write: it says nothing.
    if (metadata[key] !== undefined && !(key === 'creationTimestamp' && metadata[key] === null)) {
      add(`metadata.${key}`, `metadata.${key} is written by the API server, not by a manifest: ${SERVER_OWNED_METADATA[key]}`,
        'the API server sets it; leave it out (YAML copied from `kubectl get -o yaml` carries it along)');
    }
  }
  if (metadata.annotations !== undefined) {
    checkAnnotationsSize(metadata.annotations as Fields, add);
  }
  if (Array.isArray(metadata.finalizers)) {
    const builtIn = KUBERNETES_GROUPS.has(groupOf(String(object.manifest.apiVersion)));
    checkFinalizers(metadata.finalizers, 'metadata.finalizers', builtIn, add);
    const foreground = metadata.finalizers.indexOf(FOREGROUND);
    if (foreground >= 0 && metadata.finalizers.includes(ORPHAN)) {
      add(`metadata.finalizers[${foreground}]`, `finalizers ${ORPHAN} and ${FOREGROUND} cannot both be set`, 'keep one: orphan the dependents, or delete them first');
    }
  }
  if (Array.isArray(metadata.ownerReferences)) {
    checkOwnerReferences(list(metadata.ownerReferences), add);
  }
  // Every object here has a name (cdk8s gives one where none is written), so generateName makes none; the
  // API server still checks it.
  const generateName = text(metadata.generateName);
  if (generateName) {
    // The API server checks the prefix as a name that the generated suffix completes: a trailing '-' is fine.
    const rule = nameRuleOf(String(object.manifest.kind), object.manifest.apiVersion);
    const problem = nameProblem(generateName.replace(/-$/, 'a'), rule);
    if (problem !== undefined) {
      add('metadata.generateName', `generateName "${generateName}" is no beginning of ${rule.title}`, 'drop generateName (an apply uses metadata.name), or use lower-case letters, digits, \'-\' and \'.\'');
    }
  }
}

/**
 * Each owner reference names its owner fully (apiVersion with its version, kind, name and uid), and at most
 * one is the controller (ValidateOwnerReferences).
 */
function checkOwnerReferences(references: readonly Fields[], add: AddFinding): void {
  forEachRepeatedKey(references, (reference) => text(reference.uid) || undefined, (i, first, uid) => {
    add(`metadata.ownerReferences[${i}].uid`, `owner ${uid} is referenced by ownerReferences[${first}] already; server-side apply refuses an owner twice`,
      'reference each owner once');
  });
  let controller: string | undefined;
  references.forEach((reference, i) => {
    const at = `metadata.ownerReferences[${i}]`;
    const apiVersion = text(reference.apiVersion) ?? '';
    if (apiVersion === '' || apiVersion.endsWith('/')) {
      add(`${at}.apiVersion`, 'the owner reference has no version in its apiVersion', 'give the owner\'s apiVersion, e.g. apps/v1');
    }
    for (const key of ['kind', 'name', 'uid'] as const) {
      if (!text(reference[key])) {
        add(`${at}.${key}`, `the owner reference has no ${key}`, key === 'uid' ? 'give the live owner\'s metadata.uid, or leave the reference out and let a controller set it' : `give the owner's ${key}`);
      }
    }
    if (reference.controller === true) {
      const owner = `${String(reference.kind)}/${String(reference.name)}`;
      if (controller !== undefined) {
        add(`${at}.controller`, `only one owner reference may be the controller; ${controller} is already`, 'set controller: true on one reference only');
      }
      controller ??= owner;
    }
  });
}

/** The annotations' keys and values together stay within {@link MAX_ANNOTATION_BYTES}. */
function checkAnnotationsSize(annotations: Fields, add: AddFinding): void {
  // A UTF-16 unit is at most 3 bytes of UTF-8: nearly every object is far below the limit, and needs no count.
  let units = 0;
  for (const key in annotations) {
    const value = annotations[key];
    units += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (units * 3 <= MAX_ANNOTATION_BYTES) {
    return;
  }
  let bytes = 0;
  for (const key in annotations) {
    const value = annotations[key];
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (bytes > MAX_ANNOTATION_BYTES) {
    add('metadata.annotations', `the annotations hold ${bytes} bytes; an object's annotations may hold at most ${MAX_ANNOTATION_BYTES} (256 KiB) in all`,
      'keep large data in a ConfigMap (or a mounted file) and reference it from the annotation');
  }
}

/**
 * Each finalizer at `at` is a qualified name and, on an object of a kind Kubernetes serves itself
 * (`builtIn`: its validateKubeFinalizerName), one of the {@link STANDARD_FINALIZERS} or named with its domain.
 * A custom resource's finalizer without a domain draws a warning only.
 */
export function checkFinalizers(finalizers: readonly unknown[], at: string, builtIn: boolean, add: AddFinding): void {
  finalizers.forEach((finalizer, i) => {
    const problem = typeof finalizer === 'string' ? qualifiedNameProblem(finalizer) : undefined;
    if (problem !== undefined) {
      add(`${at}[${i}]`, `finalizer: ${problem}`, 'name a finalizer as [prefix/]name, e.g. example.com/cleanup, as the controller that removes it expects');
    } else if (builtIn && typeof finalizer === 'string' && !finalizer.includes('/') && !STANDARD_FINALIZERS.includes(finalizer)) {
      add(`${at}[${i}]`, `finalizer "${finalizer}" is neither one of Kubernetes' own (${STANDARD_FINALIZERS.join(', ')}) nor named with its domain, which the API server refuses`,
        `name it with the domain of the controller that removes it, e.g. example.com/${finalizer}`);
    }
  });
}
