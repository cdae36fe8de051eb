import { chartInstallOf, chartInstallValues } from './chart-installs';
import { type Fields, fields, keyOf, labelSelectorMatches, list, namespaceOf, stringMap, text } from './manifest';
import type { ObjectIndex } from './object-index';
import type { SynthesizedObject } from '../synth/collect';

// trust-manager's Bundle (trust.cert-manager.io, cluster-scoped) writes a ConfigMap named after itself, with the
// PEM key of `spec.target.configMap` and the key of each of `spec.target.additionalFormats` (a JKS or PKCS#12
// truststore, for Java), into every namespace its `target.namespaceSelector` selects (every namespace without
// one). Apps mount that ConfigMap to trust a lab's CA: it is made, by trust-manager, where the selector reaches,
// and nowhere else.

/** What a Bundle writes: the ConfigMap's name and keys, and the selector of the namespaces it writes it in. */
export interface TrustBundleTarget {
  /** The Bundle's name, which is the ConfigMap's. */
  readonly name: string;
  /** The keys of the ConfigMap: the PEM bundle's, then those of the truststores of `additionalFormats`. */
  readonly keys: readonly string[];
  /** `spec.target.namespaceSelector`; undefined selects every namespace. */
  readonly selector?: Fields;
}

const TRUST_MANAGER_API = 'trust.cert-manager.io/';

/** The ConfigMap targets of the cluster's trust-manager Bundles. Pure. */
export function trustBundleTargets(index: ObjectIndex): TrustBundleTarget[] {
  return index.of('Bundle').filter((bundle) => String(bundle.manifest.apiVersion).startsWith(TRUST_MANAGER_API)).flatMap((bundle) => {
    const target = fields(fields(bundle.manifest.spec).target);
    const key = text(fields(target.configMap).key);
    const name = text(fields(bundle.manifest.metadata).name);
    const truststores = Object.values(fields(target.additionalFormats)).map((format) => text(fields(format).key)).filter((k): k is string => k !== undefined);
    return key === undefined || name === undefined ? [] : [{ name, keys: [key, ...truststores], selector: target.namespaceSelector === undefined ? undefined : fields(target.namespaceSelector) }];
  });
}

/**
 * The labels namespace `namespace` carries, as a Bundle's selector reads them: those of its Namespace object
 * in the output, and `kubernetes.io/metadata.name`, which the API server sets on every namespace. Pure.
 */
export function namespaceLabels(index: ObjectIndex, namespace: string): Record<string, string> {
  const object = index.find('Namespace', '', namespace);
  return { ...stringMap(fields(object?.manifest.metadata).labels), 'kubernetes.io/metadata.name': namespace };
}

/** Whether `target` writes its ConfigMap into `namespace`. Pure. */
export function bundleWritesInto(index: ObjectIndex, target: TrustBundleTarget, namespace: string): boolean {
  return target.selector === undefined || labelSelectorMatches(target.selector, namespaceLabels(index, namespace));
}

/**
 * The ConfigMaps the Bundles write into the namespaces of the cluster's objects, by `namespace/name`, with
 * their keys: what checks of references take as made. Pure.
 */
export function trustBundleConfigMaps(index: ObjectIndex, namespaces: Iterable<string>): Map<string, Set<string>> {
  const targets = trustBundleTargets(index);
  const made = new Map<string, Set<string>>();
  for (const namespace of targets.length === 0 ? [] : namespaces) {
    for (const target of targets.filter((t) => bundleWritesInto(index, t, namespace))) {
      made.set(keyOf(namespace, target.name), new Set(target.keys));
    }
  }
  return made;
}

/**
 * Why ConfigMap `name` is not in `namespace` where a Bundle of that name writes it elsewhere: its selector
 * leaves the namespace out. A hint that selects it by the label every namespace has. Pure.
 */
export function unselectedBundleHint(index: ObjectIndex, name: string, namespace: string): string | undefined {
  const target = trustBundleTargets(index).find((t) => t.name === name);
  return target === undefined ? undefined
    : `trust-manager Bundle "${name}" writes this ConfigMap only into the namespaces its spec.target.namespaceSelector selects, and namespace "${namespace}" `
      + `(labels ${JSON.stringify(namespaceLabels(index, namespace))}) is not one: select it, e.g. with matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['${namespace}', …] }]`;
}

/** Every namespace of the objects of `index`. Pure. */
export function namespacesOfObjects(index: ObjectIndex, objects: readonly SynthesizedObject[]): Set<string> {
  return new Set([...objects.map(namespaceOf), ...index.of('Namespace').map((ns) => text(fields(ns.manifest.metadata).name) ?? '')].filter((ns) => ns !== ''));
}

/** trust-manager's trust namespace unless its chart's `app.trust.namespace` says otherwise. */
const DEFAULT_TRUST_NAMESPACE = 'cert-manager';

/**
 * The namespace trust-manager reads Bundle sources from (its chart's `app.trust.namespace`, `cert-manager` by
 * default), from the install of its chart in the output (a Flux HelmRelease, an Argo CD Application, a K3s
 * HelmChart); undefined when the output installs no trust-manager, as one installed by hand may have any. Pure.
 */
export function trustNamespaceOf(index: ObjectIndex): string | undefined {
  for (const install of index.of('HelmRelease', 'Application', 'HelmChart')) {
    if (chartInstallOf(install.manifest)?.chart === 'trust-manager') {
      const trust = fields(fields(chartInstallValues(install.manifest)).app).trust;
      return text(fields(trust).namespace) ?? DEFAULT_TRUST_NAMESPACE;
    }
  }
  return undefined;
}

/** A Secret or ConfigMap a Bundle's sources name, with the key it reads and the field that names it. */
export interface BundleSource {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly field: string;
  readonly name: unknown;
  readonly key: unknown;
}

/**
 * The Secrets and ConfigMaps `bundle`'s sources name one by one (`spec.sources[i].secret` or `.configMap` with a
 * `name`; a `selector` picks whatever matches), which trust-manager reads from its trust namespace alone. Pure.
 */
export function bundleSources(bundle: object): BundleSource[] {
  return list(fields(fields(bundle).spec).sources).flatMap((source, i) => (['secret', 'configMap'] as const).flatMap((at): BundleSource[] => {
    const ref = fields(source[at]);
    return ref.name === undefined ? [] : [{ kind: at === 'secret' ? 'Secret' : 'ConfigMap', field: `spec.sources[${i}].${at}.name`, name: ref.name, key: ref.key }];
  }));
}
