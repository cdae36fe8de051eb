import type { Construct } from 'constructs';
import type { ClusterChart } from './cluster-chart';
import type { PlatformComponent } from './platform';
import { nfsExportOfTier, storageClassNameOf, type StorageTier } from './storage';
import { ZfsPool } from '../inventory/zfs-pool';
import { reportFinding } from '../validation/finding';
import { noteChartClaim } from '../validation/chart-claims';

// A component's factory runs before the cluster is known, so an option that names a storage tier is
// resolved to the tier's StorageClass when the cluster's platform installs the component.

/**
 * Why data that may not live on NFS (`reason`: a database's fsync and POSIX locks) cannot go to `tier`,
 * named `name`, when the tier keeps its volumes on an NFS export (`nfsStorage()`); undefined otherwise. Pure.
 */
export function nfsTierProblem(name: string, tier: StorageTier, reason: string): { message: string; hint: string } | undefined {
  const nfsExport = nfsExportOfTier(tier);
  return nfsExport === undefined ? undefined : {
    message: `storage tier "${name}" keeps its volumes on NFS (${nfsExport.mountServer}:${nfsExport.path}), and ${reason}`,
    hint: 'use a tier on a disk of the node: localPathStorage(), a ZFS pool of the host it runs on, or a block-storage class',
  };
}

/**
 * Writes the StorageClass of each storage tier the options of `component` name at the values key its
 * claim reads, and reports on `platform` each tier `cluster` does not define, as `components.<name>.<option>.tier`.
 */
export function resolveComponentTiers(platform: Construct, cluster: ClusterChart, component: PlatformComponent): void {
  for (const [option, claim] of Object.entries(component.props.storageTierOptions ?? {})) {
    const tier = cluster.tier(claim.tier);
    if (tier === undefined) {
      reportFinding(platform, {
        layer: 'references', severity: 'error', field: `components.${component.name}.${option}.tier`,
        message: `cluster "${cluster.clusterName}" has no storage tier "${claim.tier}"`,
        hint: cluster.unknownTierHint(claim.tier),
      });
      continue;
    }
    const unreachable = tier instanceof ZfsPool ? (claim.podHosts ?? []).filter((host) => host !== tier.host) : [];
    if (tier instanceof ZfsPool && unreachable.length > 0) {
      reportFinding(platform, {
        layer: 'references', severity: 'error', field: `components.${component.name}.${option}.tier`,
        message: `storage tier "${claim.tier}" is ZFS pool ${tier.name} of host ${tier.host.name}, but the pod that mounts the claim runs on ${unreachable.map((h) => h.name).join(', ')}, `
          + 'where no volume of the pool can be mounted: the pod would wait for ever',
        hint: `use a tier that reaches ${unreachable.map((h) => h.name).join(', ')} (localPathStorage() keeps the claim on the node's own disk), or place the component on ${tier.host.name}`,
      });
      continue;
    }
    const onNfs = claim.notOnNfs === undefined ? undefined : nfsTierProblem(claim.tier, tier, claim.notOnNfs);
    if (onNfs !== undefined) {
      reportFinding(platform, { layer: 'references', severity: 'error', field: `components.${component.name}.${option}.tier`, ...onNfs });
      continue;
    }
    if (claim.size !== undefined) {
      noteChartClaim(platform, {
        storageClassName: storageClassNameOf(tier), size: claim.size, field: `components.${component.name}.${option}.tier`, description: `${component.name}'s ${option}`,
      });
    }
    component.addValues(claim.storageClassNameAt.split('.').reduceRight<unknown>((value, key) => ({ [key]: value }), storageClassNameOf(tier)) as Record<string, unknown>);
  }
}
