import type { ComponentProvides, CrdGroup, HelmChartSource } from './component';
import { isLonghornChart } from './longhorn-chart-values';

// What Longhorn's chart makes whatever its values say: the StorageClass `longhorn` (its storageclass.yaml names it so,
// `persistence.defaultClass` only marks it the default) and the longhorn.io CRDs. A release that does not say so itself
// still provides them, so claims of the class and the RecurringJobs of its backups need nothing more of the user.

/** The StorageClass Longhorn's chart makes. */
export const LONGHORN_STORAGE_CLASS = 'longhorn';

/** The longhorn.io kinds of the CRDs Longhorn's chart installs (v1beta2, Longhorn 1.5 on). */
const LONGHORN_CRDS: CrdGroup = {
  group: 'longhorn.io',
  kinds: [
    'BackingImage', 'BackingImageDataSource', 'BackingImageManager', 'Backup', 'BackupBackingImage', 'BackupTarget', 'BackupVolume', 'EngineImage',
    'Engine', 'InstanceManager', 'Node', 'Orphan', 'RecurringJob', 'Replica', 'Setting', 'ShareManager', 'Snapshot', 'SupportBundle', 'SystemBackup',
    'SystemRestore', 'Volume', 'VolumeAttachment',
  ],
};

/** What a release of `chart` provides: for Longhorn's chart its StorageClass besides what the release says. Pure. */
export function longhornReleaseProvides(chart: HelmChartSource, provides: ComponentProvides | undefined): ComponentProvides | undefined {
  if (!isLonghornChart(chart) || provides?.storageClasses?.includes(LONGHORN_STORAGE_CLASS) === true) {
    return provides;
  }
  return { ...provides, storageClasses: [...provides?.storageClasses ?? [], LONGHORN_STORAGE_CLASS] };
}

/** The CRD groups a release of `chart` installs: for Longhorn's chart longhorn.io unless the release names that group itself. Pure. */
export function longhornReleaseCrds(chart: HelmChartSource, crds: CrdGroup[] | undefined): CrdGroup[] | undefined {
  if (!isLonghornChart(chart) || (Array.isArray(crds) && crds.some((group) => group?.group === LONGHORN_CRDS.group))) {
    return crds;
  }
  return [...crds ?? [], LONGHORN_CRDS];
}
