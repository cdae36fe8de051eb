import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';

const WRITTEN_PROP_NOTE = `${NOTE_TYPE_PREFIX}written-prop`;

/** A field of an object a construct rendered, and the prop of that construct the user wrote it with. */
interface WrittenProp {
  /** Construct path of the rendered object, e.g. `lab/main/web/deployment`. */
  readonly object: string;
  /** Field of the object, e.g. `spec.template.spec.volumes[1].configMap.name`. */
  readonly field: string;
  /** The prop of the construct, e.g. `persistence.settings.volume`. */
  readonly prop: string;
}

/**
 * Notes that `field` of `object`, which `owner` rendered, holds what the user wrote as the prop `prop` of
 * `owner`: a finding about that field then names the construct and prop the user wrote ({@link onWrittenProps}).
 */
export function noteWrittenProp(owner: IConstruct, object: IConstruct, field: string, prop: string): void {
  owner.node.addMetadata(WRITTEN_PROP_NOTE, { object: object.node.path, field, prop } satisfies WrittenProp);
}

/**
 * A finding about a field of a rendered object, moved to the construct and prop the user wrote it with
 * where one was noted with {@link noteWrittenProp}; any other finding as it is.
 */
export function onWrittenProps(cluster: SynthesizedCluster): (finding: Finding) => Finding {
  const written = new Map<string, { readonly owner: string; readonly prop: string }>();
  for (const note of cluster.notes) {
    if (note.type === WRITTEN_PROP_NOTE) {
      const data = note.data as WrittenProp;
      written.set(`${data.object}\u0000${data.field}`, { owner: note.constructPath, prop: data.prop });
    }
  }
  return (finding) => {
    const prop = written.size === 0 ? undefined : written.get(`${finding.constructPath}\u0000${finding.field}`);
    if (prop === undefined) {
      return finding;
    }
    const { kind: _kind, namespace: _namespace, name: _name, ...rest } = finding;
    return { ...rest, constructPath: prop.owner, field: prop.prop };
  };
}
