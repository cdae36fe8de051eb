import type { SynthesizedObject } from '../synth/collect';
import { CLUSTER_SCOPED_KINDS, hasNamespacedHomonym, isClusterScoped } from '../synth/kinds';
import { namespaceOf, text } from './manifest';

const indexes = new WeakMap<readonly SynthesizedObject[], ObjectIndex>();

/** The index of a cluster's objects, built once however many checks ask for it. */
export function indexOf(objects: readonly SynthesizedObject[]): ObjectIndex {
  let index = indexes.get(objects);
  if (!index) {
    index = new ObjectIndex(objects);
    indexes.set(objects, index);
  }
  return index;
}

/** The objects of one cluster, by kind and by `namespace/name`, for reference lookups. */
export class ObjectIndex {
  private readonly byKind = new Map<string, SynthesizedObject[]>();
  /** kind → namespace (`''` for cluster-scoped kinds) → name: lookups build no key strings. */
  private readonly byName = new Map<string, Map<string, Map<string, SynthesizedObject>>>();

  constructor(objects: readonly SynthesizedObject[]) {
    for (let n = 0, all = objects; n < all.length; n++) {
      const object = all[n];
      const kind = object.manifest.kind;
      const ofKind = this.byKind.get(kind);
      if (ofKind) {
        ofKind.push(object);
      } else {
        this.byKind.set(kind, [object]);
      }
      let namespaces = this.byName.get(kind);
      if (!namespaces) {
        namespaces = new Map();
        this.byName.set(kind, namespaces);
      }
      const scope = scopeOf(object);
      let names = namespaces.get(scope);
      if (!names) {
        names = new Map();
        namespaces.set(scope, names);
      }
      names.set(text(object.manifest.metadata?.name) ?? '', object);
    }
  }

  /** Every object of a kind, in object order. */
  public of(...kinds: string[]): SynthesizedObject[] {
    // One kind, as nearly every check asks: a copy of its list (the caller may sort it), without flattening.
    if (kinds.length === 1) {
      const ofKind = this.byKind.get(kinds[0]);
      return ofKind === undefined ? [] : ofKind.slice();
    }
    return kinds.flatMap((kind) => this.byKind.get(kind) ?? []);
  }

  /** The object of that kind and name; leave `namespace` empty for cluster-scoped kinds. */
  public find(kind: string, namespace: string, name: string): SynthesizedObject | undefined {
    const byScope = this.byName.get(kind);
    if (!CLUSTER_SCOPED_KINDS.has(kind)) {
      return byScope?.get(namespace)?.get(name);
    }
    // A kind name of both scopes (Flux's namespaced Provider, Crossplane's cluster-scoped one) is looked for in both.
    return byScope?.get('')?.get(name) ?? (hasNamespacedHomonym(kind) ? byScope?.get(namespace)?.get(name) : undefined);
  }
}

function scopeOf(object: SynthesizedObject): string {
  return isClusterScoped(object.manifest) ? '' : namespaceOf(object);
}
