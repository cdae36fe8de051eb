import type { CrdGroup } from '../platform/component';
import type { SynthesizedCluster } from '../synth/collect';
import { isClusterScoped } from '../synth/kinds';
import { fields } from './manifest';
import { platformReading } from './platform-reading';
import { KUBERNETES_GROUPS } from './schema/served-kinds';

/** Whether objects of a kind live in a namespace; `unknown` when nothing the library knows says. */
export type KindScope = 'Cluster' | 'Namespaced' | 'unknown';

// The library's list of cluster-scoped kinds names Kubernetes' own and those of the components it installs.
// A Crossplane Provider brings kinds of its own, one package at a time; what its CRDs say of their scope
// comes with the package (`CrdGroup.scope`). A managed resource of a package that says nothing may be
// either: a classic provider's are cluster-scoped, those of Crossplane's `m.` groups namespaced.

/** What brings the CRDs of a cluster: its platform (or the reading of it validation takes). */
type CrdSource = { readonly crds: readonly CrdGroup[] };

/** A manifest as the scope of its kind is read from it. */
type ScopedManifest = { readonly apiVersion?: unknown; readonly kind?: unknown; readonly spec?: unknown };

/**
 * The scope of objects in a cluster of `platform`: the library's list of cluster-scoped kinds, else the
 * `spec.scope` of a CustomResourceDefinition among `objects` (one the owner writes by hand), else the
 * `scope` the CRD group of the kind declares, else `unknown` for a Crossplane managed resource (it has
 * `spec.forProvider`) and namespaced for anything else. Memoized by kind for one pass over the objects.
 */
export function scopeResolver(platform: CrdSource, objects: readonly ScopedManifest[] = []): (manifest: ScopedManifest) => KindScope {
  let declared: Map<string, 'Cluster' | 'Namespaced' | undefined> | undefined;
  let written: Map<string, 'Cluster' | 'Namespaced'> | undefined;
  // Asked of every object by several checks: the answer by apiVersion and kind, where the kind alone decides.
  const byKind = new Map<unknown, Map<unknown, KindScope | 'managed'>>();
  const ofKind = (manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): KindScope | 'managed' => {
    if (isClusterScoped(manifest)) {
      return 'Cluster';
    }
    const apiVersion = typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (KUBERNETES_GROUPS.has(group)) {
      return 'Namespaced';
    }
    const key = `${group}/${String(manifest.kind)}`;
    written ??= writtenCrdScopes(objects);
    declared ??= declaredScopes(platform);
    return written.get(key) ?? declared.get(key) ?? (declared.has(key) ? 'managed' : 'Namespaced');
  };
  return (manifest) => {
    let kinds = byKind.get(manifest.apiVersion);
    if (kinds === undefined) {
      kinds = new Map();
      byKind.set(manifest.apiVersion, kinds);
    }
    let scope = kinds.get(manifest.kind);
    if (scope === undefined) {
      scope = ofKind(manifest);
      kinds.set(manifest.kind, scope);
    }
    // A kind whose package declares no scope: a managed resource may be either, anything else is namespaced.
    return scope === 'managed' ? (fields(manifest.spec).forProvider !== undefined ? 'unknown' : 'Namespaced') : scope;
  };
}

const RESOLVERS = new WeakMap<SynthesizedCluster, (manifest: ScopedManifest) => KindScope>();

/**
 * {@link scopeResolver} of a validated cluster's platform and objects, one per cluster: several checks ask it
 * the scope of every object, and its memo of each kind then serves them all.
 */
export function clusterScopeResolver(cluster: SynthesizedCluster): (manifest: ScopedManifest) => KindScope {
  let resolver = RESOLVERS.get(cluster);
  if (resolver === undefined) {
    resolver = scopeResolver(platformReading(cluster), cluster.objects.map((object) => object.manifest));
    RESOLVERS.set(cluster, resolver);
  }
  return resolver;
}

/** The scope each CustomResourceDefinition among `objects` gives its kind, by `<group>/<kind>`. Pure. */
function writtenCrdScopes(objects: readonly ScopedManifest[]): Map<string, 'Cluster' | 'Namespaced'> {
  const scopes = new Map<string, 'Cluster' | 'Namespaced'>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('apiextensions.k8s.io/')) {
      continue;
    }
    const spec = fields(object.spec);
    const kind = fields(spec.names).kind;
    if (typeof spec.group === 'string' && typeof kind === 'string' && (spec.scope === 'Cluster' || spec.scope === 'Namespaced')) {
      scopes.set(`${spec.group}/${kind}`, spec.scope);
    }
  }
  return scopes;
}

/** The scope each CRD group of the platform declares, by `<group>/<kind>`; a declared scope wins over none. */
function declaredScopes(platform: CrdSource): Map<string, 'Cluster' | 'Namespaced' | undefined> {
  const scopes = new Map<string, 'Cluster' | 'Namespaced' | undefined>();
  for (const crd of platform.crds) {
    for (const kind of crd.kinds) {
      scopes.set(`${crd.group}/${kind}`, scopes.get(`${crd.group}/${kind}`) ?? crd.scope);
    }
  }
  return scopes;
}

/**
 * For an object without a namespace whose kind a CRD group of the cluster lists without a `scope` (a chart
 * release's `crds`, as a newcomer declares Kyverno's or an operator's kinds): the hint that declares the scope,
 * since the object may well be cluster-scoped and the library only took it for namespaced. Undefined for any
 * other kind. Pure.
 */
export function unscopedCrdHint(platform: CrdSource, manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): string | undefined {
  const apiVersion = typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = String(manifest.kind);
  const listed = platform.crds.some((crd) => crd.group === group && crd.kinds.includes(kind) && crd.scope === undefined);
  return listed
    ? `if ${kind}'s CRD is cluster-scoped (kubectl api-resources --api-group=${group} shows NAMESPACED false), declare it so, in an entry of its own: `
      + `crds: [{ group: '${group}', kinds: ['${kind}'], scope: 'Cluster' }]; else give the object its namespace`
    : undefined;
}
