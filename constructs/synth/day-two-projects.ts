import { projectPermits } from '../platform/argo-cd-project-permits';
import type { DocumentEntry } from './documents';
import type { OwnerActionEntry } from './owner-action';

/** A plain object of a parsed document. */
type Doc = Record<string, any>;

function projectsOf(entries: ReadonlyMap<string, DocumentEntry>): Map<string, Doc> {
  const docs = [...entries.values()].map((entry) => entry.doc as Doc).filter((doc) => doc?.kind === 'AppProject' && doc.spec);
  return new Map(docs.map((doc) => [String(doc.metadata?.name), doc.spec as Doc]));
}

/**
 * Steps for objects that left the output together with the last of their kind (or namespace) an Argo CD
 * project allowed: the project narrows in the same change, and Argo CD neither manages nor prunes a live
 * object its project does not permit, so it would stay in the cluster unnoticed. `old` and `now` are the
 * documents of the files that changed, keyed by identity; only projects found in both are compared.
 */
export function projectNarrowingSteps(old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, source: string): OwnerActionEntry[] {
  const before = projectsOf(old);
  const after = projectsOf(now);
  const narrowed = [...before].filter(([name]) => after.has(name)).map(([name, spec]) => ({ name, before: spec, after: after.get(name)! }));
  const steps: OwnerActionEntry[] = [];
  for (const [id, entry] of old) {
    const doc = entry.doc as Doc;
    if (now.has(id) || typeof doc !== 'object' || doc === null) {
      continue;
    }
    const project = narrowed.find((p) => projectPermits(p.before, doc) && !projectPermits(p.after, doc));
    if (project) {
      const namespace = typeof doc.metadata?.namespace === 'string' ? doc.metadata.namespace : undefined;
      const where = `${doc.kind} ${namespace ? `${namespace}/` : ''}${doc.metadata?.name}`;
      steps.push({
        kind: 'manual',
        action: `${where} left the output, and AppProject ${project.name} no longer allows its kind or namespace, so Argo CD leaves it in the cluster instead of pruning it: delete it by hand`,
        command: `kubectl${namespace ? ` -n ${namespace}` : ''} delete ${String(doc.kind).toLowerCase()} ${doc.metadata?.name}`,
        source,
      });
    }
  }
  return steps;
}
