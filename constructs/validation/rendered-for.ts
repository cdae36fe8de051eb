import type { IConstruct } from 'constructs';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';

const RENDERED_FOR_NOTE = `${NOTE_TYPE_PREFIX}rendered-for`;

/** The construct and prop an object was rendered from, where that is not the object's own construct. */
export interface RenderedFor {
  /** Construct path of the construct the user made, e.g. `lab/main/letsencrypt`. */
  readonly at: string;
  /** The prop of it the object's content comes from, e.g. `issuer`. */
  readonly field: string;
}

/**
 * Notes that `object` (rendered elsewhere in the tree, e.g. in a platform layer) holds what the prop `field`
 * of `owner` says, so that a finding about its content can name the construct and prop the user wrote.
 */
export function noteRenderedFor(object: IConstruct, owner: IConstruct, field: string): void {
  object.node.addMetadata(RENDERED_FOR_NOTE, { at: owner.node.path, field } satisfies RenderedFor);
}

/** Where each object noted with {@link noteRenderedFor} was rendered from, by the object's construct path. */
export function renderedFor(cluster: SynthesizedCluster): ReadonlyMap<string, RenderedFor> {
  return new Map(cluster.notes.filter((note) => note.type === RENDERED_FOR_NOTE).map((note) => [note.constructPath, note.data as RenderedFor]));
}
