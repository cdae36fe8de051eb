import { nfsTierProblem } from '../platform/component-tiers';
import { storageClassNameOf } from '../platform/storage';
import type { StorageTier } from '../platform/storage';
import { ZfsPool } from '../inventory/zfs-pool';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// A database an operator runs keeps its data on the StorageClass its resource names: one of an NFS tier
// gives the server no working fsync nor POSIX locks, as it would an app's database (see the app's claims).

/** The fields of a database operator's resource that name the StorageClass of its data, by `apiVersion` group and kind. */
const DATABASE_STORAGE_FIELDS: ReadonlyMap<string, { readonly server: string; readonly fields: readonly string[] }> = new Map([
  // CloudNativePG takes the class from `storageClass` or, as a claim's, from `pvcTemplate.storageClassName`.
  ['postgresql.cnpg.io/Cluster', {
    server: 'PostgreSQL',
    fields: ['storage.storageClass', 'storage.pvcTemplate.storageClassName', 'walStorage.storageClass', 'walStorage.pvcTemplate.storageClassName'],
  }],
  ['k8s.mariadb.com/MariaDB', { server: 'MariaDB', fields: ['storage.storageClassName'] }],
]);

/** The kinds of {@link DATABASE_STORAGE_FIELDS}, without their group. */
const DATABASE_KINDS: ReadonlySet<unknown> = new Set([...DATABASE_STORAGE_FIELDS.keys()].map((groupKind) => groupKind.slice(groupKind.indexOf('/') + 1)));

/**
 * The StorageClasses a database operator's resource names for its data, each with its field
 * (`spec.storage.storageClass`) and the server; none for another object.
 */
export function operatorDatabaseStorageClasses(object: SynthesizedObject): Array<{ field: string; name: string; server: string }> {
  // Asked of every object of a cluster, nearly all of which are of another kind.
  if (!DATABASE_KINDS.has(object.manifest.kind)) {
    return [];
  }
  const database = DATABASE_STORAGE_FIELDS.get(`${String(object.manifest.apiVersion).split('/')[0]}/${object.manifest.kind}`);
  return (database?.fields ?? []).flatMap((field) => {
    const name = text(field.split('.').reduce<unknown>((value, key) => fields(value)[key], object.manifest.spec));
    return name === undefined ? [] : [{ field: `spec.${field}`, name, server: database!.server }];
  });
}

/**
 * A CloudNativePG Cluster or a MariaDB whose data goes to the StorageClass of an NFS tier: an error on that field.
 * A CloudNativePG Cluster of more than one instance on a ZFS pool's tier, which one host holds: every instance runs
 * there, so its replicas are lost with that host (a warning), and under a required anti-affinity all but one never
 * schedule (an error).
 */
export function checkOperatorDatabaseTiers(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const tiers = cluster.chart.tierNames.map((name) => [name, cluster.chart.tier(name)!] as const);
  for (const object of cluster.objects) {
    for (const { field, name, server } of operatorDatabaseStorageClasses(object)) {
      const [tierName, tier] = tiers.find(([, t]) => storageClassNameOf(t) === name) ?? [];
      const onNfs = tier === undefined ? undefined
        : nfsTierProblem(tierName!, tier, `${server} keeps its data there and needs a working fsync and POSIX locks, which NFS does not promise: its data may be corrupted`);
      if (onNfs !== undefined) {
        findings.push(objectFinding(object, { layer: 'references', severity: 'error', field, ...onNfs }));
      }
      if (field === 'spec.storage.storageClass' && tier !== undefined) {
        findings.push(...instancesOnOneHost(object, tierName!, tier));
      }
    }
  }
  return findings;
}

/** A CloudNativePG Cluster's `instances` above one on a tier of one host: see {@link checkOperatorDatabaseTiers}. */
function instancesOnOneHost(object: SynthesizedObject, tierName: string, tier: StorageTier): Finding[] {
  const spec = fields(object.manifest.spec);
  const instances = spec.instances;
  if (!(tier instanceof ZfsPool) || typeof instances !== 'number' || instances < 2) {
    return [];
  }
  const required = fields(spec.affinity).podAntiAffinityType === 'required';
  return [objectFinding(object, {
    layer: 'references', severity: required ? 'error' : 'warning', field: 'spec.instances',
    message: `the ${instances} instances keep their data on storage tier "${tierName}", ZFS pool ${tier.name} of host ${tier.host.name} alone, so every one runs there`
      + (required ? ': with podAntiAffinityType: required all but one stay Pending' : ', and the replicas are lost with that host: they guard against nothing its loss takes'),
    hint: `run instances: 1 and back it up (backup.barmanObjectStore), or keep the instances on a tier that each node has or that replicates across nodes (existingStorageClass('longhorn'))`,
  })];
}
