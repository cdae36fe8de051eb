import type { NfsExport } from '../inventory/nfs-export';
import type { Site } from '../inventory/site';
import type { Fields } from './manifest';

/** Whether an `nfs` volume source of a rendered object is one the inventory reports already. */
export type ReportedNfsSource = (source: Fields) => boolean;

/**
 * Whether an `nfs` source (`{ server, path }` of a pod's volume or a PersistentVolume) mounts an export of
 * `site` whose path the inventory reports: one not absolute, or an export written in a form no path was read
 * from. Such a source carries the export's path (or a folder under it), and the site's finding on the export
 * is the one error of that mistake. Pure.
 */
export function reportedNfsSources(site: Site<any, any, any, any> | undefined): ReportedNfsSource {
  const reported = Object.values<NfsExport>(site?.nfs ?? {}).filter((nfsExport) =>
    nfsExport.problems.some((problem) => problem.field === 'path')
    || (site?.problems ?? []).some((problem) => problem.field === `nfs.${nfsExport.name}`));
  if (reported.length === 0) {
    return () => false;
  }
  return (source) => reported.some((nfsExport) => source.server === nfsExport.server && typeof source.path === 'string'
    && (source.path === nfsExport.path || source.path.startsWith(`${String(nfsExport.path).replace(/\/$/, '')}/`)));
}
