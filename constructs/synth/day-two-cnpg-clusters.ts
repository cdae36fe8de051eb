import { holdsDatabase } from '../platform/data-holding';
import { keptWhenRemoved } from '../platform/engine-marks';
import type { Finding } from '../validation/finding';
import type { OwnerActionEntry } from './owner-action';

/**
 * A CloudNativePG Cluster that leaves a cluster's output: the GitOps engine prunes it, and the operator's
 * claims of its instances, owned by the Cluster, go with it, and the database with them. A Cluster renamed or
 * moved is a new one, which bootstraps an empty database. The way to keep the data is the Cluster's name, or
 * a backup restored into the new Cluster (`bootstrap.recovery`); never a delete, which is what loses it.
 */

type Doc = Record<string, any>;

/** The warning and step of a Cluster that left, and whether a Cluster of another cluster may take its place. */
export interface ClusterRemoval {
  readonly finding: Finding;
  readonly action: OwnerActionEntry;
  /** No Cluster of this cluster's new output took its place: one made by another cluster of the run may have. */
  readonly rebindable: boolean;
}

/** `namespace/name` of an object. */
function idOf(doc: Doc): string {
  return `${doc.metadata?.namespace}/${doc.metadata?.name}`;
}

/**
 * The Cluster among `arriving` (new in the output) that took the place of `doc`: one of its namespace (renamed),
 * else one of its name (moved to another namespace). Pure.
 */
function successorOf(doc: Doc, arriving: readonly Doc[]): Doc | undefined {
  const clusters = arriving.filter(holdsDatabase);
  return clusters.find((other) => other.metadata?.namespace === doc.metadata?.namespace)
    ?? clusters.find((other) => other.metadata?.name === doc.metadata?.name);
}

/** The safe way to move a database to a new Cluster, as CloudNativePG documents it. */
const RESTORE = 'to really move the database, keep this Cluster in the output until a backup of it is taken '
  + '(a Backup object, or kubectl cnpg backup), then bootstrap the new Cluster from that backup (bootstrap.recovery) and only then remove this one';

/** The hint of a Cluster that left: where a new Cluster took its place, or how to keep the database. Pure. */
function removalHint(id: string, name: string, namespace: string, successor: Doc | undefined, movedTo: string | undefined): string {
  if (movedTo) {
    return `the Cluster ${id} made in cluster ${movedTo} is a new one, which starts with an empty database: the data stays in this cluster until the Cluster is pruned; ${RESTORE}`;
  }
  if (successor) {
    return `Cluster ${idOf(successor)} is a new one, which starts with an empty database: keep the name '${name}' in namespace ${namespace} to keep the data; ${RESTORE}`;
  }
  return `to keep the database, bring the Cluster ${id} back into the output (its name '${name}' in its namespace); ${RESTORE.replace('to really move the database', 'to move it to a new Cluster')}`;
}

/**
 * The warning and step for a CloudNativePG Cluster `doc` that left the output; `arriving` are the objects new in
 * the output, where a renamed or moved Cluster is found, and `movedTo` the other cluster of the run that makes
 * a Cluster of its namespace and name. Said like a claim's removal, on the cluster chart. Pure.
 */
export function cnpgClusterRemoval(doc: Doc, chartPath: string, arriving: readonly Doc[], movedTo?: string): ClusterRemoval {
  const name = String(doc.metadata?.name);
  const namespace = String(doc.metadata?.namespace);
  const id = `${namespace}/${name}`;
  const successor = movedTo ? undefined : successorOf(doc, arriving);
  const kept = keptWhenRemoved(doc.metadata);
  const fate = kept
    ? 'the GitOps engine leaves it in the cluster (it is marked to be kept when removed), with its database and volumes'
    : 'it carries no keep-when-removed mark, so an engine that prunes deletes it, and the operator deletes the database and the volumes of its instances with it';
  const restoreInto = movedTo ? ` into the new Cluster in cluster ${movedTo}` : successor ? ` into Cluster ${idOf(successor)}` : ' into a new Cluster';
  return {
    rebindable: successor === undefined,
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, kind: String(doc.kind), namespace, name, field: '(removed)',
      message: `the CloudNativePG Cluster ${id} left the output: ${fate}`,
      hint: removalHint(id, name, namespace, successor, movedTo),
    },
    // No command: the only one that ends the Cluster deletes its database, and a backup depends on how it is set up.
    action: {
      kind: 'manual',
      action: kept
        ? `the CloudNativePG Cluster ${id} left the output but stays in the cluster with its database: bring it back, or take a backup of it before deleting it by hand`
        : `the CloudNativePG Cluster ${id} left the output, and the next sync deletes it with its database: keep it, or take a backup of it before the next sync`
          + ` and restore it${restoreInto} with bootstrap.recovery`,
      source: chartPath,
    },
  };
}
