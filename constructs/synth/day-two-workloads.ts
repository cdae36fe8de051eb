import type { DocumentEntry } from './documents';
import { statefulOrdinals } from '../validation/stateful-ordinals';

type Doc = Record<string, any>;

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

/** The claims the pods of `doc` keep data on: volumes of claims, and a StatefulSet's claim templates. */
export function claimsOfPods(doc: Doc): string[] {
  const volumes: Doc[] = Array.isArray(doc.spec?.template?.spec?.volumes) ? doc.spec.template.spec.volumes : [];
  const templates: Doc[] = Array.isArray(doc.spec?.volumeClaimTemplates) ? doc.spec.volumeClaimTemplates : [];
  // A StatefulSet's controller makes one claim per pod and template.
  const replicas = typeof doc.spec?.replicas === 'number' ? Math.max(doc.spec.replicas, 1) : 1;
  return [
    ...volumes.map((volume) => volume?.persistentVolumeClaim?.claimName).filter((name): name is string => typeof name === 'string'),
    ...templates.map((template) => template?.metadata?.name).filter((name): name is string => typeof name === 'string')
      .flatMap((name) => statefulOrdinals(replicas).map((ordinal) => `${name}-${doc.metadata?.name}-${ordinal}`)),
  ];
}
