import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { patchedFields } from '../interop/json-patch-problems';
import type { Manifest, SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';

const WRITTEN_PROP_NOTE = `${NOTE_TYPE_PREFIX}written-prop`;

/** A field of an object a construct rendered, and the prop of that construct the user wrote it with. */
export interface WrittenField {
  /** Field of the object, e.g. `spec.template.spec.volumes[1]`. */
  readonly field: string;
  /** The prop of the construct, e.g. `persistence.settings.volume`. */
  readonly prop: string;
  /**
   * Whether the field and the prop are maps of the same keys (labels), so a finding on the key `owner`
   * below the field names `<prop>.owner`.
   * @default false - a finding anywhere below the field names the prop itself
   */
  readonly sameKeys?: boolean;
}

/** What a construct noted: the object it rendered, and how to list the fields its props wrote. */
interface WrittenPropsNote {
  readonly object: IConstruct;
  readonly fields: (manifest: Manifest) => readonly WrittenField[];
}

/**
 * A note as collected (see {@link settledWrittenProps}): the rendered object by its construct path and the
 * fields JSON patches wrote, so the note holds no construct and the tree can be let go before validation.
 */
interface SettledWrittenProps {
  readonly objectPath: string;
  readonly patched: readonly string[];
  readonly fields: (manifest: Manifest) => readonly WrittenField[];
}

/** A noted field, with the construct path of the construct whose prop wrote it. */
type NotedProp = WrittenField & { readonly owner: string };

/**
 * Notes that `owner` rendered `object` and that its props wrote the fields `fields` lists from the
 * object's manifest: a finding about one of those fields, or about a field below one, then names `owner`
 * and the prop the user wrote ({@link onWrittenProps}). `fields` runs only for an object a finding is
 * about, after synth: noting costs a construct one note, however many fields it writes, and holds on to
 * nothing the output does not.
 */
export function noteWrittenProps(owner: IConstruct, object: IConstruct, fields: (manifest: Manifest) => readonly WrittenField[]): void {
  const note: WrittenPropsNote = { object, fields };
  owner.node.addMetadata(WRITTEN_PROP_NOTE, note);
}

/**
 * The data of a written-props note of the construct at `ownerPath`, as kept once the cluster is collected:
 * the tree is final then (patches included), and what the note needs of it is taken now.
 */
export function settledWrittenProps(type: string, data: unknown, ownerPath: string, owner: IConstruct): unknown {
  if (type !== WRITTEN_PROP_NOTE) {
    return data;
  }
  const { object, fields } = data as WrittenPropsNote;
  return { objectPath: pathFrom(owner, ownerPath, object), patched: object instanceof ApiObject ? patchedFields(object) : [], fields } satisfies SettledWrittenProps;
}

/** The construct path of `object`, given that `owner` is at `ownerPath`: worked out from the ids below `owner`, if it is one of its ancestors. */
function pathFrom(owner: IConstruct, ownerPath: string, object: IConstruct): string {
  const ids: string[] = [];
  for (let at: IConstruct | undefined = object; at !== undefined; at = at.node.scope) {
    if (at === owner) {
      return [ownerPath, ...ids.reverse()].filter((id) => id !== '').join('/');
    }
    ids.push(at.node.id);
  }
  return object.node.path;
}

/** Whether `field` is `outer` or a field below it. */
function within(field: string, outer: string): boolean {
  return field === outer || field.startsWith(`${outer}.`) || field.startsWith(`${outer}[`);
}

/** The written prop of the nearest noted field at or above `field`, with the part of `field` below it. */
function nearestWritten(fields: ReadonlyMap<string, NotedProp>, field: string): { written: NotedProp; below: string } | undefined {
  // Fields are cut at each `.` and `[`, from the longest: `a.b[0].c`, `a.b[0]`, `a.b`, `a`.
  for (let end = field.length; end > 0; end = Math.max(field.lastIndexOf('.', end - 1), field.lastIndexOf('[', end - 1))) {
    const written = fields.get(field.slice(0, end));
    if (written !== undefined) {
      return { written, below: field.slice(end) };
    }
  }
  return undefined;
}

/**
 * A finding about a field of a rendered object, moved to the construct and prop the user wrote it with
 * where the field, or one above it, was noted with {@link noteWrittenProps}; any other finding as it is.
 * The message keeps the rendered object's field, which says what in the prop's value was found wrong.
 * A field a JSON patch changed, or one that holds it, was written by the patch, not (only) by the prop:
 * its findings stay on the object.
 */
export function onWrittenProps(cluster: SynthesizedCluster): (finding: Finding) => Finding {
  // Built on the first finding about a field: most runs have none.
  let notesByObject: Map<string, Array<{ readonly owner: string; readonly note: SettledWrittenProps }>> | undefined;
  let manifests: Map<string, Manifest> | undefined;
  const fieldsByObject = new Map<string, ReadonlyMap<string, NotedProp>>();
  const fieldsOf = (path: string): ReadonlyMap<string, NotedProp> | undefined => {
    if (notesByObject === undefined) {
      notesByObject = new Map();
      for (const entry of cluster.notes) {
        if (entry.type === WRITTEN_PROP_NOTE) {
          const note = entry.data as SettledWrittenProps;
          notesByObject.set(note.objectPath, [...(notesByObject.get(note.objectPath) ?? []), { owner: entry.constructPath, note }]);
        }
      }
    }
    const notes = notesByObject.get(path);
    manifests ??= new Map(cluster.objects.map((o) => [o.constructPath, o.manifest]));
    const manifest = notes === undefined ? undefined : manifests.get(path);
    if (notes === undefined || manifest === undefined) {
      return undefined;
    }
    let fields = fieldsByObject.get(path);
    if (fields === undefined) {
      const patched = notes[0].note.patched;
      const map = new Map<string, NotedProp>();
      for (const { owner, note } of notes) {
        for (const written of note.fields(manifest)) {
          if (!patched.some((p) => within(p, written.field) || within(written.field, p))) {
            map.set(written.field, { ...written, owner });
          }
        }
      }
      fields = map;
      fieldsByObject.set(path, fields);
    }
    return fields;
  };
  return (finding) => {
    const fields = finding.field === '' ? undefined : fieldsOf(finding.constructPath);
    const found = fields === undefined ? undefined : nearestWritten(fields, finding.field);
    if (found === undefined) {
      return finding;
    }
    const { written: { owner, prop, sameKeys }, below } = found;
    // A label key holds dots of its own (app.kubernetes.io/name): the key is all of the field below the map.
    const key = sameKeys && below.startsWith('.') ? below.slice(1) : undefined;
    const { kind, namespace, name, ...rest } = finding;
    const object = kind === undefined ? 'the rendered object' : `${kind} ${namespace ? `${namespace}/` : ''}${name ?? ''}`;
    return { ...rest, constructPath: owner, field: key === undefined ? prop : `${prop}.${key}`, message: `${finding.message} (at ${finding.field} of ${object})` };
  };
}
