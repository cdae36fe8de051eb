import type { IConstruct } from 'constructs';
import { NOTE_TYPE_PREFIX, SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';

const PEER_NAMESPACE_NOTE = `${NOTE_TYPE_PREFIX}peer-namespace`;

/** A namespace a network peer names, as the user wrote it. */
interface PeerNamespace {
  readonly field: string;
  readonly namespace: string;
}

/**
 * Notes that `scope` admits or reaches pods of `namespace` (its prop `field`), to be checked once the
 * cluster's namespaces are known: a peer in a namespace that is never made matches no pod, so the
 * traffic meant for it is dropped with nothing said.
 */
export function notePeerNamespace(scope: IConstruct, field: string, namespace: string): void {
  scope.node.addMetadata(PEER_NAMESPACE_NOTE, { field, namespace } satisfies PeerNamespace);
}

/** Peers of the cluster's workloads in namespaces that `isDeclared` does not know. */
export function peerNamespaceFindings(cluster: SynthesizedCluster, isDeclared: (namespace: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const note of cluster.notes) {
    if (note.type !== PEER_NAMESPACE_NOTE) {
      continue;
    }
    const peer = note.data as PeerNamespace;
    if (!isDeclared(peer.namespace)) {
      findings.push({
        layer: 'references', severity: 'error', constructPath: note.constructPath, field: peer.field,
        message: `namespace "${peer.namespace}" is not declared in cluster "${cluster.chart.clusterName}", so the peer matches no pod`,
        hint: 'check the spelling, or declare it with cluster.namespaces.ensure() or declareExternal(scope, { namespaces: [...] })',
      });
    }
  }
  return findings;
}
