import type { SynthesizedCluster } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

/**
 * A CloudNativePG ScheduledBackup or Backup names a Cluster of its own namespace, the only one the operator looks
 * in: one misspelt, or of another namespace, is never backed up (the operator reports it on the object alone).
 * Clusters are indexed once per cluster.
 */
export function checkBackupTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const isCnpg = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith('postgresql.cnpg.io/');
  const backups = index.of('ScheduledBackup', 'Backup').filter(isCnpg);
  if (backups.length === 0) {
    return [];
  }
  const clusters = new Map<string, string[]>();
  for (const pg of index.of('Cluster').filter(isCnpg)) {
    clusters.set(namespaceOf(pg), [...clusters.get(namespaceOf(pg)) ?? [], String(pg.manifest.metadata.name)]);
  }
  const findings: Finding[] = [];
  for (const backup of backups) {
    const name = text(fields(fields(backup.manifest.spec).cluster).name);
    const namespace = namespaceOf(backup);
    const here = clusters.get(namespace) ?? [];
    if (name === undefined || here.includes(name)) {
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
