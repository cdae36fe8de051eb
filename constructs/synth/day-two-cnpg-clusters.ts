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
  /** The day-2 warning, on the cluster chart. */
  readonly finding: Finding;
  /** The owner's step: keep the Cluster, or back it up before the next sync. */
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

/** Each CloudNativePG Cluster of both outputs, by its id, as it is now and as it was. Pure. */
function clustersOfBoth(old: ReadonlyMap<string, { readonly doc: unknown }>, now: ReadonlyMap<string, { readonly doc: unknown }>): Array<{ id: string; doc: Doc; previous: Doc }> {
  return [...now].flatMap(([id, entry]) => {
    const [doc, previous] = [entry.doc as Doc, old.get(id)?.doc as Doc | undefined];
    return previous !== undefined && holdsDatabase(doc) && holdsDatabase(previous) ? [{ id, doc, previous }] : [];
  });
}

/** Where the changes of one Cluster of both outputs are reported. */
type ClusterReport = { findings: Finding[]; actions: OwnerActionEntry[] };

/** What `judge` reports of each CloudNativePG Cluster of both outputs. Pure. */
function reportOverClusters(old: ReadonlyMap<string, { readonly doc: unknown }>, now: ReadonlyMap<string, { readonly doc: unknown }>,
  judge: (pair: { id: string; doc: Doc; previous: Doc }, report: ClusterReport) => void): ClusterReport {
  const report: ClusterReport = { findings: [], actions: [] };
  for (const pair of clustersOfBoth(old, now)) {
    judge(pair, report);
  }
  return report;
}

/** The bootstrap methods of a Cluster; with none given CloudNativePG runs initdb. */
const BOOTSTRAP_METHODS = ['initdb', 'recovery', 'pg_basebackup'] as const;

function bootstrapMethodOf(doc: Doc): string {
  return BOOTSTRAP_METHODS.find((method) => doc.spec?.bootstrap?.[method] !== undefined && doc.spec?.bootstrap?.[method] !== null) ?? 'initdb';
}

/**
 * The warning and step of each CloudNativePG Cluster of both outputs whose bootstrap turns to a copy of another
 * database (`recovery` from a backup, `pg_basebackup`), as a restore after a lost disk writes it: CloudNativePG reads
 * `bootstrap` when it makes a Cluster alone, so the Cluster that exists keeps its database, or its lost instance,
 * and nothing is restored. The step deletes the Cluster, which the next sync makes anew from the copy. Pure.
 */
export function cnpgBootstrapChanges(
  old: ReadonlyMap<string, { readonly doc: unknown }>, now: ReadonlyMap<string, { readonly doc: unknown }>,
  constructPaths: ReadonlyMap<string, string>, chartPath: string,
): ClusterReport {
  return reportOverClusters(old, now, ({ id, doc, previous }, { findings, actions }) => {
    const [before, after] = [bootstrapMethodOf(previous), bootstrapMethodOf(doc)];
    if (before === after || after === 'initdb') {
      return;
    }
    const name = String(doc.metadata?.name);
    const namespace = String(doc.metadata?.namespace);
    const constructPath = constructPaths.get(id) ?? chartPath;
    const command = `kubectl -n ${namespace} delete clusters.postgresql.cnpg.io ${name}`;
    findings.push({
      layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace, name, field: `spec.bootstrap.${after}`,
      message: `Cluster ${namespace}/${name} exists already, bootstrapped by ${before}, and CloudNativePG reads bootstrap only when it makes a Cluster: the ${after} is never run, and the Cluster keeps the database it has (or, its volumes lost, stays without one)`,
      hint: `to restore into it, delete the Cluster before the next sync (${command}: this deletes its database and volumes, so only once they are lost or backed up), and the sync makes it anew from the ${after === 'recovery' ? 'backup' : 'source'}; or bootstrap a Cluster of another name and point the apps at it`,
    });
    actions.push({
      kind: 'manual', source: constructPath, command,
      action: `CloudNativePG Cluster ${namespace}/${name} was given bootstrap.${after} after it was made: once its database is lost or backed up, delete it before the next sync, which makes it anew from the ${after === 'recovery' ? 'backup' : 'source'}`,
    });
  });
}

/**
 * The warnings and steps of each CloudNativePG Cluster of both outputs whose `storage.storageClass` or
 * `walStorage.storageClass` changed: the operator takes the change and moves nothing, as the claims of the
 * instances it made keep their class (a claim's class is immutable) and only an instance made anew gets a claim of
 * the new one. The way over is one instance at a time, so the database always has one: a replica is destroyed and
 * made anew, then the primary after a switchover; a Cluster of one instance gets a second one first. Pure.
 */
export function cnpgStorageClassChanges(
  old: ReadonlyMap<string, { readonly doc: unknown }>, now: ReadonlyMap<string, { readonly doc: unknown }>,
  constructPaths: ReadonlyMap<string, string>, chartPath: string,
): ClusterReport {
  return reportOverClusters(old, now, ({ id, doc, previous }, { findings, actions }) => {
    for (const key of ['storage', 'walStorage'] as const) {
      const [before, after] = [previous.spec?.[key]?.storageClass, doc.spec?.[key]?.storageClass];
      // A volume kept elsewhere (walStorage added or dropped) is the webhook's to judge, not a move of class.
      if (previous.spec?.[key] === undefined || doc.spec?.[key] === undefined || before === after) {
        continue;
      }
      const name = String(doc.metadata?.name);
      const namespace = String(doc.metadata?.namespace);
      const instances = typeof doc.spec?.instances === 'number' ? doc.spec.instances : 1;
      const [from, to] = [before ?? "the cluster's default class", after ?? "the cluster's default class"];
      const constructPath = constructPaths.get(id) ?? chartPath;
      findings.push({
        layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace, name, field: `spec.${key}.storageClass`,
        message: `changes from ${from} to ${to}: CloudNativePG takes the change and moves nothing, so the volumes of the Cluster's instances stay on ${from}, and only an instance made anew gets one of ${to}`,
        hint: instances > 1
          ? `move the instances one at a time, a replica first (kubectl cnpg destroy -n ${namespace} ${name} <instance>, and wait for the one made anew), then the primary after a switchover (kubectl cnpg promote -n ${namespace} ${name} <replica>); or keep the previous class`
          : `a Cluster of one instance has no replica to move first: raise instances to 2, wait for the replica on ${to}, promote it (kubectl cnpg promote -n ${namespace} ${name} <replica>), destroy the old instance (kubectl cnpg destroy -n ${namespace} ${name} <old instance>), then lower instances to 1; or keep the previous class`,
      });
      actions.push({
        kind: 'manual', source: constructPath,
        action: `the ${key === 'storage' ? 'data' : 'WAL'} volumes of CloudNativePG Cluster ${namespace}/${name} stay on ${from} after its class changed to ${to}: move its instances one at a time (kubectl cnpg status -n ${namespace} ${name} lists them), as the warning says`,
        command: `kubectl cnpg status -n ${namespace} ${name}`,
      });
    }
  });
}
