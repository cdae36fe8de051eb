import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

const isCnpg = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith('postgresql.cnpg.io/');

/**
 * An operator's resource that names the database it acts on: the kinds that name one, the field that holds its name
 * (and its namespace, where the reference may give one), the database's kind, and what comes of a name found nowhere.
 */
interface DatabaseReference {
  readonly group: string;
  readonly operator: string;
  readonly kinds: Readonly<Record<string, string>>;
  readonly field: string;
  /** The key of the reference that may name another namespace. @default - none: the resource's own namespace alone */
  readonly namespaceKey?: string;
  readonly target: string;
  /**
   * Whether a name is judged where the output holds no database of the operator at all (CloudNativePG's Clusters are
   * the output's to make; a MariaDB may come from a chart the output does not show).
   * @default false
   */
  readonly judgedWithoutTargets?: boolean;
}

const DATABASE_REFERENCES: readonly DatabaseReference[] = [
  {
    group: 'postgresql.cnpg.io', operator: 'CloudNativePG', field: 'cluster', target: 'Cluster', judgedWithoutTargets: true,
    kinds: {
      ScheduledBackup: 'nothing is backed up', Backup: 'nothing is backed up',
      Pooler: 'its PgBouncer pods have no server to send to, and every client connecting through it fails',
    },
  },
  {
    group: 'k8s.mariadb.com', operator: 'the MariaDB operator', field: 'mariaDbRef', namespaceKey: 'namespace', target: 'MariaDB',
    kinds: {
      Database: 'the database is never made', User: 'the user is never made', Grant: 'nothing is granted', Backup: 'nothing is backed up',
      Restore: 'nothing is restored', SqlJob: 'the job never runs', Connection: 'its Secret is never written', MaxScale: 'it proxies no server',
    },
  },
];

/**
 * An operator's resource that names its database (a CloudNativePG ScheduledBackup, Backup or Pooler its Cluster, a
 * MariaDB operator's Database, User, Grant or Backup its MariaDB) by a name no such database of the namespace it looks
 * in has: one misspelt, or of another namespace, is never acted on (the operator reports it on the object alone).
 * Each kind is indexed once per cluster. A CloudNativePG Cluster that a backup names has a `backup` section unless the
 * backup goes through a plugin (`method: plugin`): without one the operator fails every backup ("the cluster has no
 * backup section"). A Cluster that recovers from a Backup by name (`bootstrap.recovery.backup.name`) finds it only in
 * its own namespace, where only another Cluster's backups can be.
 */
export function checkBackupTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const pgs = index.of('Cluster').filter(isCnpg);
  const namesHere = (namespace: string) => pgs.filter((pg) => namespaceOf(pg) === namespace).map((pg) => String(pg.manifest.metadata.name));
  return [
    ...pgs.flatMap((pg) => recoveryBackupFindings(pg, namesHere(namespaceOf(pg)))),
    ...DATABASE_REFERENCES.flatMap((reference) => referenceFindings(index, reference)),
  ];
}

function referenceFindings(index: ReturnType<typeof indexOf>, reference: DatabaseReference): Finding[] {
  const ofOperator = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith(`${reference.group}/`);
  const referring = index.of(...Object.keys(reference.kinds)).filter(ofOperator);
  const targets = index.of(reference.target).filter(ofOperator);
  if (referring.length === 0 || (targets.length === 0 && reference.judgedWithoutTargets !== true)) {
    return [];
  }
  const byNamespace = new Map<string, string[]>();
  for (const target of targets) {
    byNamespace.set(namespaceOf(target), [...byNamespace.get(namespaceOf(target)) ?? [], String(target.manifest.metadata.name)]);
  }
  const findings: Finding[] = [];
  for (const object of referring) {
    const ref = fields(fields(object.manifest.spec)[reference.field]);
    const name = text(ref.name);
    const namespace = (reference.namespaceKey === undefined ? undefined : text(ref[reference.namespaceKey])) ?? namespaceOf(object);
    const here = byNamespace.get(namespace) ?? [];
    const target = name === undefined ? undefined : index.find(reference.target, namespace, name);
    if (object.manifest.kind === 'Pooler' && target !== undefined && ofOperator(target)) {
      findings.push(...readOnlyPoolerProblems(object, target));
    }
    if ((object.manifest.kind === 'ScheduledBackup' || object.manifest.kind === 'Backup') && target !== undefined && isCnpg(target)) {
      findings.push(...backupSectionProblems(object, target));
    }
    if (name === undefined || here.includes(name)) {
      continue;
    }
    const meant = closestName(name, here);
    const elsewhere = [...byNamespace.entries()].find(([, names]) => names.includes(name))?.[0];
    findings.push(objectFinding(object, {
      layer, severity: 'error', field: `spec.${reference.field}.name`,
      message: `no ${reference.operator} ${reference.target} "${name}" in namespace "${namespace}", the only one the operator looks in, so ${reference.kinds[String(object.manifest.kind)]}`,
      hint: meant !== undefined ? `did you mean ${reference.field}: { name: '${meant}' }?`
        : elsewhere !== undefined ? (reference.namespaceKey === undefined ? `put the ${String(object.manifest.kind)} in namespace ${elsewhere}, beside the ${reference.target}`
          : `name its namespace: ${reference.field}: { name: '${name}', ${reference.namespaceKey}: '${elsewhere}' }`)
          : `name a ${reference.target} of namespace ${namespace}${here.length > 0 ? ` (it has ${here.join(', ')})` : ''}`,
    }));
  }
  return findings;
}

/**
 * A Pooler of type `ro` sends to the Cluster's `-ro` Service, which selects its replicas alone: on a Cluster of one
 * instance it selects none, and every connection through the pooler fails.
 */
function readOnlyPoolerProblems(pooler: SynthesizedObject, target: SynthesizedObject): Finding[] {
  const instances = fields(target.manifest.spec).instances;
  if (text(fields(pooler.manifest.spec).type) !== 'ro' || instances !== 1) {
    return [];
  }
  const name = text(fields(target.manifest.metadata).name);
  return [objectFinding(pooler, {
    layer, severity: 'error', field: 'spec.type',
    message: `a Pooler of type ro sends to Service ${name}-ro, which selects the replicas of Cluster ${name} alone, and a Cluster of one instance has none: every connection through it fails`,
    hint: `make it type: rw, which reaches the primary, or give Cluster ${name} instances: 2 or more`,
  })];
}

/** A CloudNativePG backup of a Cluster without a `backup` section, which the operator fails, unless it goes through a plugin. */
function backupSectionProblems(backup: SynthesizedObject, target: SynthesizedObject): Finding[] {
  const spec = fields(backup.manifest.spec);
  const name = String(target.manifest.metadata.name);
  if (spec.method === 'plugin' || fields(target.manifest.spec).backup !== undefined) {
    return [];
  }
  return [objectFinding(backup, {
    layer, severity: 'error', field: 'spec.cluster.name',
    message: `CloudNativePG Cluster "${name}" has no backup section, so the operator fails every ${String(backup.manifest.kind)} of it ("the cluster has no backup section") and nothing is backed up`,
    hint: `give Cluster ${name} spec.backup.barmanObjectStore (destinationPath, endpointURL, s3Credentials) and retentionPolicy, or back up through the Barman Cloud plugin with method: plugin`,
  })];
}

/**
 * A Cluster that recovers from a Backup by name in a namespace where it is the only Cluster: a Backup names a
 * Cluster of its own namespace, so none can be there (on a rebuild from nothing, none at all), and the first
 * instance waits for it for ever.
 */
function recoveryBackupFindings(pg: SynthesizedObject, namesHere: readonly string[]): Finding[] {
  const backup = text(fields(fields(fields(fields(pg.manifest.spec).bootstrap).recovery).backup).name);
  if (backup === undefined || namesHere.some((name) => name !== pg.manifest.metadata.name)) {
    return [];
  }
  return [objectFinding(pg, {
    layer, severity: 'error', field: 'spec.bootstrap.recovery.backup.name',
    message: `the Cluster recovers from Backup "${backup}", but a Backup lives beside the Cluster it backs up and namespace ${namespaceOf(pg)} has no other Cluster: the Backup is not there (after a rebuild, no Backup is), and the first instance never starts`,
    hint: 'recover from the object store instead: recovery: { source: \'<name>\' } with externalClusters: [{ name, barmanObjectStore: { destinationPath, endpointURL, s3Credentials, serverName: \'<the old Cluster\'s name>\' } }]',
  })];
}
