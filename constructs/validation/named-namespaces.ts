import type { IConstruct } from 'constructs';
import { NOTE_TYPE_PREFIX, SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';

const NAMED_NAMESPACE_NOTE = `${NOTE_TYPE_PREFIX}named-namespace`;

/** A namespace a prop names, as the user wrote it, and what goes wrong when it is never made. */
interface NamedNamespace {
  readonly field: string;
  readonly namespace: string;
  readonly consequence: string;
  /** Construct path under which the prop makes objects in the namespace. @default - it makes none */
  readonly objectsUnder?: string;
}

/**
 * Notes that the prop `field` of `scope` names `namespace`, to be checked once the cluster's namespaces
 * are known: a misspelt one (a network peer's, a policy's scope) matches nothing, and nothing says so.
 * `consequence` says what is lost, e.g. `the peer matches no pod`. Objects the prop makes in the namespace,
 * under `objectsUnder`, are then not reported one by one: the prop is where the namespace was named.
 */
export function noteNamedNamespace(scope: IConstruct, field: string, namespace: string, consequence: string, objectsUnder?: IConstruct): void {
  scope.node.addMetadata(NAMED_NAMESPACE_NOTE, { field, namespace, consequence, objectsUnder: objectsUnder?.node.path } satisfies NamedNamespace);
}

/** Whether the object at `constructPath` in `namespace` was made for a prop that named the namespace (see {@link noteNamedNamespace}). */
export function madeForNamedNamespace(cluster: SynthesizedCluster): (constructPath: string, namespace: string) => boolean {
  const under = cluster.notes.filter((note) => note.type === NAMED_NAMESPACE_NOTE && (note.data as NamedNamespace).objectsUnder !== undefined)
    .map((note) => note.data as NamedNamespace);
  return (constructPath, namespace) => under.some((n) => n.namespace === namespace && constructPath.startsWith(`${n.objectsUnder}/`));
}

/** Namespaces named by props that `isDeclared` does not know. */
export function namedNamespaceFindings(cluster: SynthesizedCluster, isDeclared: (namespace: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const note of cluster.notes) {
    if (note.type !== NAMED_NAMESPACE_NOTE) {
      continue;
    }
    const named = note.data as NamedNamespace;
    if (!isDeclared(named.namespace)) {
      findings.push({
        layer: 'references', severity: 'error', constructPath: note.constructPath, field: named.field,
        message: `namespace "${named.namespace}" is not declared in cluster "${cluster.chart.clusterName}", so ${named.consequence}`,
        hint: 'check the spelling, or declare it with cluster.namespaces.ensure() or declareExternal(scope, { namespaces: [...] })',
      });
    }
  }
  return findings;
}
