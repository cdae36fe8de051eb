import type { DocumentEntry } from './documents';

/** A workload of the new output with its object of the previous output. */
export interface StayingWorkload {
  /** Its identity (see `objectIdentity`), by which its construct path is found. */
  readonly id: string;
  readonly doc: Record<string, any>;
  readonly previous: Record<string, any>;
}

/** The objects of `kinds` in the new output (`now`) that the previous output (`old`) held as the same kind. Pure. */
export function stayingWorkloads(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, kinds: ReadonlySet<string>,
): StayingWorkload[] {
  const staying: StayingWorkload[] = [];
  for (const [id, entry] of now) {
    const doc = entry.doc as Record<string, any>;
    const previous = old.get(id)?.doc as Record<string, any> | undefined;
    if (previous && kinds.has(doc?.kind) && previous.kind === doc.kind) {
      staying.push({ id, doc, previous });
    }
  }
  return staying;
}
