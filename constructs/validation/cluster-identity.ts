import type { Site } from '../inventory/site';
import type { ClusterFacts } from './cluster-facts';
import type { Finding } from './finding';

/**
 * What tells one `site()` declaration from another of the same name, as plain data (clusters built on
 * other threads hold other objects of the same declaration): its domain, Git source, machines and the
 * names of its pools, VLANs and exports.
 */
export function siteDeclaration(site: Site<any, any, any, any>): string {
  return JSON.stringify([
    site.domain, site.git ?? null, site.hosts.map((h) => [h.name, h.address]),
    Object.keys(site.pools), Object.keys(site.vlans), Object.keys(site.nfs), Object.keys(site.externalHosts),
  ]);
}

/**
 * Clusters a run cannot tell apart: two in one folder (one would overwrite the other's files), and two
 * different sites of one name (their clusters would share `dist/<site>/`, and the checks across clusters
 * would take them for one site and blame their hosts). Each is reported once, on the later cluster or
 * site; the checks across clusters are meaningful only once there is none.
 */
export function clusterIdentityFindings(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const folders = new Map<string, ClusterFacts>();
  const sites = new Map<string, ClusterFacts>();
  const reportedSites = new Set<string>();
  for (const cluster of clusters) {
    const sameFolder = folders.get(cluster.folder);
    if (sameFolder) {
      findings.push({
        layer: 'props', severity: 'error', constructPath: cluster.chartPath, field: 'id',
        message: `cluster ${sameFolder.chartPath} writes to ${cluster.folder} already; one would overwrite the other's files`,
        hint: "give each cluster of a site its own id; it names the cluster's folder",
      });
      continue;
    }
    folders.set(cluster.folder, cluster);
    const sameName = sites.get(cluster.site);
    // Unknown (facts kept from a run before declarations were recorded) counts as the same declaration.
    if (!sameName) {
      sites.set(cluster.site, cluster);
    } else if (sameName.siteDeclaration !== cluster.siteDeclaration && sameName.siteDeclaration !== undefined
      && cluster.siteDeclaration !== undefined && !reportedSites.has(cluster.site)) {
      reportedSites.add(cluster.site);
      findings.push({
        layer: 'inventory', severity: 'error', constructPath: `inventory/site/${cluster.site}`, field: 'name',
        message: `two different sites are called "${cluster.site}": cluster ${sameName.folder} is given one and cluster ${cluster.folder} another; `
          + `they would share dist/${cluster.site}/, and their hosts would be taken for one site's`,
        hint: 'give each site() its own name, or pass the one site object to every cluster of the site',
      });
    }
  }
  return findings;
}
