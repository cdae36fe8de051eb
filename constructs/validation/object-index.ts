import type { SynthesizedObject } from '../synth/collect';
import { CLUSTER_SCOPED_KINDS } from '../synth/kinds';
import { keyOf, namespaceOf, text } from './manifest';

/** The objects of one cluster, by kind and by `namespace/name`, for reference lookups. */
export class ObjectIndex {
  private readonly byKind = new Map<string, SynthesizedObject[]>();
  private readonly byKey = new Map<string, SynthesizedObject>();

  constructor(objects: readonly SynthesizedObject[]) {
    for (const object of objects) {
      const kind = object.manifest.kind;
      this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), object]);
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
