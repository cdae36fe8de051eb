import type { SynthesizedObject } from '../synth/collect';
import { Fields, fields } from './manifest';

/** The data movers of VolSync's ReplicationSource and ReplicationDestination, each a key of the spec. */
const VOLSYNC_MOVERS = ['restic', 'kopia', 'rclone', 'rsync', 'rsyncTLS', 'syncthing', 'external'] as const;

/**
 * The mover settings of a VolSync ReplicationSource or ReplicationDestination (`spec.restic`, `spec.rsyncTLS`, …),
 * each with its field path, where the StorageClasses and the VolumeSnapshotClass of its copies are named; none for
 * another object. Pure.
 */
export function volsyncMovers(object: SynthesizedObject): Array<{ readonly path: string; readonly mover: Fields }> {
  const { apiVersion, kind } = object.manifest;
  if (!String(apiVersion).startsWith('volsync.backube/') || (kind !== 'ReplicationSource' && kind !== 'ReplicationDestination')) {
    return [];
  }
  const spec = fields(object.manifest.spec);
  return VOLSYNC_MOVERS.filter((key) => spec[key] !== undefined).map((key) => ({ path: `spec.${key}`, mover: fields(spec[key]) }));
}
