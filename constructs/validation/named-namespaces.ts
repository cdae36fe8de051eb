import type { IConstruct } from 'constructs';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
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

/**
 * Whether `namespace` is one that `named` names, as Gatekeeper's `match.namespaces` reads it: a name, or a
 * prefix ending in `*` (`peers-*` names `peers-alice`). Pure.
 */
export function namespaceNamed(named: string, namespace: string): boolean {
  return named.endsWith('*') ? namespace.startsWith(named.slice(0, -1)) : namespace === named;
}

/**
 * Namespaces named by props that `isDeclared` does not know; a prefix pattern (`peers-*`) that none of
 * `declared` (the cluster's namespaces) begins with.
 */
export function namedNamespaceFindings(cluster: SynthesizedCluster, isDeclared: (namespace: string) => boolean, declared: () => readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const note of cluster.notes) {
    if (note.type !== NAMED_NAMESPACE_NOTE) {
      continue;
    }
    const named = note.data as NamedNamespace;
    if (named.namespace.endsWith('*') ? !declared().some((namespace) => namespaceNamed(named.namespace, namespace)) : !isDeclared(named.namespace)) {
      findings.push({
        layer: 'references', severity: 'error', constructPath: note.constructPath, field: named.field,
        message: named.namespace.endsWith('*')
          ? `no namespace declared in cluster "${cluster.chart.clusterName}" begins with "${named.namespace.slice(0, -1)}" ("${named.namespace}"), so ${named.consequence}`
          : `namespace "${named.namespace}" is not declared in cluster "${cluster.chart.clusterName}", so ${named.consequence}`,
        hint: 'check the spelling, or declare it with cluster.namespaces.ensure() or declareExternal(scope, { namespaces: [...] })',
      });
    }
  }
  return findings;
}
