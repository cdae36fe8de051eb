import type { IConstruct } from 'constructs';
import { NfsExport } from '../inventory/nfs-export';
import type { Site } from '../inventory/site';
import { reportFinding } from './finding';

// An NFS export belongs to the site whose inventory declares it. A cluster of another site that mounts it
// reaches a server its own inventory does not know, on a network its nodes may not reach: the mount then
// hangs in ContainerCreating, far from the line that chose the export.

/**
 * What is wrong with a volume of a cluster of `site` on `nfsExport`: the export is declared by another
 * site's inventory. Undefined for an export of `site`, and for one made on its own (no site to tell). Pure.
 */
export function foreignNfsExportProblem(nfsExport: unknown, site: Site<any, any, any, any>): { message: string; hint: string } | undefined {
  if (!(nfsExport instanceof NfsExport) || nfsExport.siteName === undefined || nfsExport.siteName === site.name) {
    return undefined;
  }
  const own = Object.keys(site.nfs);
  const declare = `declare it on site ${site.name} (nfs: { ${nfsExport.name}: { server: '${nfsExport.server}', path: '${nfsExport.path}' } }) if its nodes reach that server`;
  return {
    message: `NFS export "${nfsExport.name}" (${nfsExport.mountServer}:${nfsExport.path}) is declared by site ${nfsExport.siteName}'s inventory, not by site ${site.name}, whose cluster mounts it`,
    hint: own.length > 0 ? `mount an export of site ${site.name} (${own.map((name) => `nfs.${name}`).join(', ')}), or ${declare}` : declare,
  };
}

/** Reports on `scope`, at `field`, a volume of a cluster of `site` on an NFS export of another site. Whether it did. */
export function reportForeignNfsExport(scope: IConstruct, field: string, nfsExport: unknown, site: Site<any, any, any, any>): boolean {
  const problem = foreignNfsExportProblem(nfsExport, site);
  if (problem !== undefined) {
    reportFinding(scope, { layer: 'inventory', severity: 'error', field, ...problem });
  }
  return problem !== undefined;
}
