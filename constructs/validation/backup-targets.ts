import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

/** What comes of a CloudNativePG object whose Cluster is not found, by its kind. */
const WITHOUT_CLUSTER: Readonly<Record<string, string>> = {
  ScheduledBackup: 'nothing is backed up', Backup: 'nothing is backed up',
  Pooler: 'its PgBouncer pods have no server to send to, and every client connecting through it fails',
};

/**
 * A CloudNativePG ScheduledBackup, Backup or Pooler names a Cluster of its own namespace, the only one the operator
 * looks in: one misspelt, or of another namespace, is never backed up or pooled (the operator reports it on the
 * object alone). Clusters are indexed once per cluster.
 */
export function checkBackupTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const isCnpg = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith('postgresql.cnpg.io/');
  const backups = index.of('ScheduledBackup', 'Backup', 'Pooler').filter(isCnpg);
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
    const target = name === undefined ? undefined : index.find('Cluster', namespace, name);
    if (backup.manifest.kind === 'Pooler' && target !== undefined && isCnpg(target)) {
      findings.push(...readOnlyPoolerProblems(backup, target));
    }
    if (name === undefined || here.includes(name)) {
      continue;
    }
    const meant = closestName(name, here);
    const elsewhere = [...clusters.entries()].find(([, names]) => names.includes(name))?.[0];
    findings.push(objectFinding(backup, {
      layer, severity: 'error', field: 'spec.cluster.name',
      message: `no CloudNativePG Cluster "${name}" in namespace "${namespace}", the only one the operator looks in, so ${WITHOUT_CLUSTER[String(backup.manifest.kind)]}`,
      hint: meant !== undefined ? `did you mean cluster: { name: '${meant}' }?`
        : elsewhere !== undefined ? `put the ${String(backup.manifest.kind)} in namespace ${elsewhere}, beside the Cluster`
          : `name a Cluster of namespace ${namespace}${here.length > 0 ? ` (it has ${here.join(', ')})` : ''}`,
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
