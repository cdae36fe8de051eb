import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { isSingleWriter, type AppVolume } from './volumes';

/** Whether the repository itself makes claim `namespace/name` (its access modes are then checked on the object). */
function isRepositoryClaim(cluster: IConstruct, namespace: string, name: string): boolean {
  return cluster.node.findAll().some((c) => c instanceof ApiObject && c.kind === 'PersistentVolumeClaim'
    && c.metadata.name === name && c.metadata.namespace === namespace);
}

/**
 * Several replicas that mount one existing single-writer claim: only one node can mount it, so the other
 * replicas never start. A claim the repository makes is checked on its object, with its own access modes;
 * this covers claims made elsewhere, whose access mode is the one `AppVolume.existingClaim` was given.
 */
export function reportSharedExistingClaims(
  app: IConstruct, cluster: IConstruct, namespace: string, replicas: number, volumes: ReadonlyMap<string, AppVolume>,
): void {
  if (replicas < 2) {
    return;
  }
  for (const volume of volumes.values()) {
    if (volume.type === 'existingClaim' && isSingleWriter(volume) && !isRepositoryClaim(cluster, namespace, volume.claimName)) {
      reportFinding(app, {
        layer: 'policy', severity: 'error', field: 'replicas',
        message: `${replicas} replicas share the ${volume.accessMode} claim "${volume.claimName}", which only one ${volume.accessMode === 'ReadWriteOncePod' ? 'pod' : 'node'} can mount`,
        hint: 'use one replica, or a claim of access mode ReadWriteMany (AppVolume.existingClaim(name, \'ReadWriteMany\'))',
      });
      return;
    }
  }
}
