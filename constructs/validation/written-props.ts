import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { patchedFields } from '../interop/json-patch-problems';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';

const WRITTEN_PROP_NOTE = `${NOTE_TYPE_PREFIX}written-prop`;

/** A field of an object a construct rendered, and the prop of that construct the user wrote it with. */
interface WrittenProp {
  /** Construct path of the rendered object, e.g. `lab/main/web/deployment`. */
  readonly object: string;
  /** Field of the object, e.g. `spec.template.spec.volumes[1]`. */
  readonly field: string;
  /** The prop of the construct, e.g. `persistence.settings.volume`. */
  readonly prop: string;
  /** Whether the field and the prop are maps of the same keys, so a key below the field is that key of the prop. */
  readonly sameKeys?: boolean;
}

/** A noted field, with the construct path of the construct whose prop wrote it. */
type NotedProp = WrittenProp & { readonly owner: string };

/** How a field was written: the prop, and whether its keys are the prop's keys. */
export interface WrittenPropOptions {
  /**
   * The field is a map whose keys the user wrote as the keys of the prop (labels): a finding on the key
   * `owner` below the field names `<prop>.owner`.
   * @default false - a finding anywhere below the field names the prop itself
   */
  readonly sameKeys?: boolean;
}

/**
 * Notes that `field` of `object`, which `owner` rendered, holds what the user wrote as the prop `prop` of
 * `owner`: a finding about that field, or about a field below it, then names the construct and prop the user
 * wrote ({@link onWrittenProps}).
 */
export function noteWrittenProp(owner: IConstruct, object: IConstruct, field: string, prop: string, options: WrittenPropOptions = {}): void {
  // A field a JSON patch changed, or one that holds it, was written by the patch, not (only) by the prop.
  const patched = object instanceof ApiObject ? patchedFields(object) : [];
  if (patched.some((path) => within(path, field) || within(field, path))) {
    return;
  }
  const note: WrittenProp = { object: object.node.path, field, prop, ...(options.sameKeys ? { sameKeys: true } : {}) };
  owner.node.addMetadata(WRITTEN_PROP_NOTE, note);
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
 * where the field, or one above it, was noted with {@link noteWrittenProp}; any other finding as it is.
 * The message keeps the rendered object's field, which says what in the prop's value was found wrong.
 */
export function onWrittenProps(cluster: SynthesizedCluster): (finding: Finding) => Finding {
  const written = new Map<string, Map<string, NotedProp>>();
  for (const note of cluster.notes) {
    if (note.type === WRITTEN_PROP_NOTE) {
      const data = note.data as WrittenProp;
      const fields = written.get(data.object) ?? new Map<string, NotedProp>();
      fields.set(data.field, { ...data, owner: note.constructPath });
      written.set(data.object, fields);
    }
  }
  return (finding) => {
    const fields = written.get(finding.constructPath);
    const found = fields === undefined || finding.field === '' ? undefined : nearestWritten(fields, finding.field);
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
