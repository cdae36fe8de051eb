import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

const isCnpg = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith('postgresql.cnpg.io/');

/**
 * A CloudNativePG ScheduledBackup or Backup names a Cluster of its own namespace, the only one the operator looks
 * in: one misspelt, or of another namespace, is never backed up (the operator reports it on the object alone); and
 * that Cluster has a `backup` section unless the backup goes through a plugin (`method: plugin`): without one the
 * operator fails every backup ("the cluster has no backup section"). A Cluster that recovers from a Backup by name
 * (`bootstrap.recovery.backup.name`) finds it only in its own namespace, where only another Cluster's backups can
 * be. Clusters are indexed once per cluster.
 */
export function checkBackupTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const pgs = index.of('Cluster').filter(isCnpg);
  const backups = index.of('ScheduledBackup', 'Backup').filter(isCnpg);
  if (backups.length === 0 && pgs.length === 0) {
    return [];
  }
  const clusters = new Map<string, string[]>();
  for (const pg of pgs) {
    clusters.set(namespaceOf(pg), [...clusters.get(namespaceOf(pg)) ?? [], String(pg.manifest.metadata.name)]);
  }
  const findings: Finding[] = pgs.flatMap((pg) => recoveryBackupFindings(pg, clusters.get(namespaceOf(pg)) ?? []));
  for (const backup of backups) {
    const spec = fields(backup.manifest.spec);
    const name = text(fields(spec.cluster).name);
    const namespace = namespaceOf(backup);
    const here = clusters.get(namespace) ?? [];
    if (name === undefined) {
      continue;
    }
    if (here.includes(name)) {
      const target = pgs.find((pg) => namespaceOf(pg) === namespace && pg.manifest.metadata.name === name)!;
      if (spec.method !== 'plugin' && fields(target.manifest.spec).backup === undefined) {
        findings.push(objectFinding(backup, {
          layer, severity: 'error', field: 'spec.cluster.name',
          message: `CloudNativePG Cluster "${name}" has no backup section, so the operator fails every ${String(backup.manifest.kind)} of it ("the cluster has no backup section") and nothing is backed up`,
          hint: `give Cluster ${name} spec.backup.barmanObjectStore (destinationPath, endpointURL, s3Credentials) and retentionPolicy, or back up through the Barman Cloud plugin with method: plugin`,
        }));
      }
      continue;
    }
    const meant = closestName(name, here);
    const elsewhere = [...clusters.entries()].find(([, names]) => names.includes(name))?.[0];
    findings.push(objectFinding(backup, {
      layer, severity: 'error', field: 'spec.cluster.name',
      message: `no CloudNativePG Cluster "${name}" in namespace "${namespace}", the only one the operator looks in, so nothing is backed up`,
      hint: meant !== undefined ? `did you mean cluster: { name: '${meant}' }?`
        : elsewhere !== undefined ? `put the ${String(backup.manifest.kind)} in namespace ${elsewhere}, beside the Cluster`
          : `name a Cluster of namespace ${namespace}${here.length > 0 ? ` (it has ${here.join(', ')})` : ''}`,
    }));
  }
  return findings;
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
