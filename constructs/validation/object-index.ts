import type { SynthesizedObject } from '../synth/collect';
import { CLUSTER_SCOPED_KINDS } from '../synth/kinds';
import { keyOf, namespaceOf, text } from './manifest';

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
  private readonly byKey = new Map<string, SynthesizedObject>();

  constructor(objects: readonly SynthesizedObject[]) {
    for (const object of objects) {
      const kind = object.manifest.kind;
      const ofKind = this.byKind.get(kind);
      if (ofKind) {
        ofKind.push(object);
      } else {
        this.byKind.set(kind, [object]);
      }
      this.byKey.set(`${kind}:${keyOf(scopeOf(object), text(object.manifest.metadata?.name) ?? '')}`, object);
    }
  }

  /** Every object of a kind, in object order. */
  public of(...kinds: string[]): SynthesizedObject[] {
    return kinds.flatMap((kind) => this.byKind.get(kind) ?? []);
  }

  /** The object of that kind and name; leave `namespace` empty for cluster-scoped kinds. */
  public find(kind: string, namespace: string, name: string): SynthesizedObject | undefined {
    return this.byKey.get(`${kind}:${keyOf(CLUSTER_SCOPED_KINDS.has(kind) ? '' : namespace, name)}`);
  }
}

function scopeOf(object: SynthesizedObject): string {
  return CLUSTER_SCOPED_KINDS.has(object.manifest.kind) ? '' : namespaceOf(object);
}
