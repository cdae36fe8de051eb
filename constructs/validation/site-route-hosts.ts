import type { SynthesizedCluster } from '../synth/collect';
import type { ClusterFacts, FindingTarget } from './cluster-facts';
import type { Finding } from './finding';
import { findingTarget, namespaceOf } from './manifest';
import { hostClaims } from './host-claims';
import { routeHosts } from './route-hosts';

/** A host name one of a cluster's routes serves, as the checks across clusters see it. */
export interface RouteHostClaim {
  /** The host name, in lower case (host names match without regard to case). */
  readonly host: string;
  /** Field of the route that names it. */
  readonly field: string;
  /** The route, where a finding about the claim points. */
  readonly target: FindingTarget;
  /** The route as messages name it: `route of lab/main/web`, or `HTTPRoute web/web` for one written by hand. */
  readonly route: string;
}

/**
 * Each host name the cluster's routes serve, once, with the first route that names it: the construct and
 * prop that wrote it (an App's `route.host`), or else the route object (one written by hand).
 */
export function routeHostClaims(cluster: SynthesizedCluster): RouteHostClaim[] {
  const claims = new Map<string, RouteHostClaim>();
  const written = hostClaims(cluster);
  for (const route of routeHosts(cluster.objects)) {
    const host = route.host.toLowerCase();
    if (claims.has(host)) {
      continue;
    }
    const prop = written.get(host);
    claims.set(host, prop !== undefined
      ? { host, field: prop.field, target: { constructPath: prop.constructPath }, route: `${prop.route} of ${prop.constructPath}` }
      : {
        host, field: route.field, target: findingTarget(route.object),
        route: `${route.object.manifest.kind} ${namespaceOf(route.object)}/${route.object.manifest.metadata.name}`,
      });
  }
  return [...claims.values()];
}

/**
 * A host name is served by one cluster of the fleet: DNS answers a name with one entry point, so the second
 * cluster's route would never see a request (or see them at random, with round-robin DNS). Clusters of two
 * sites that share a domain are no exception: one record holds the name (external-dns of the other cluster
 * leaves a record it does not own alone), and one certificate holder answers it. The route of the later
 * cluster, in fleet order, is reported.
 */
export function checkRouteHostsAcrossClusters(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const servedBy = new Map<string, { cluster: ClusterFacts; claim: RouteHostClaim }>();
  for (const cluster of clusters) {
    for (const claim of cluster.routeHosts) {
      const first = servedBy.get(claim.host);
      if (!first) {
        servedBy.set(claim.host, { cluster, claim });
      } else if (first.cluster.folder !== cluster.folder) {
        findings.push(first.cluster.site === cluster.site ? {
          ...claim.target, layer: 'inventory', severity: 'error', field: claim.field,
          message: `${claim.host} is served already by cluster ${first.cluster.folder} (${first.claim.route}); the site's DNS can send its requests to one of them only`,
          hint: 'serve each host name from one cluster of the site, and give the other route a name of its own (e.g. under a sub-domain per cluster)',
        } : acrossSites(first, { cluster, claim }));
      }
    }
  }
  return findings;
}

/**
 * One host name served by clusters of two sites. Where one cluster wrote it under the other site's domain, which
 * is the closer of the two (its own is another, or the parent of a sub-domain the other site has), that route is
 * the one reported: a name copied from the other site, written in full, which the other site's DNS answers.
 */
function acrossSites(first: ServedHost, later: ServedHost): Finding {
  const misplaced = [later, first].find((one) => {
    const other = one === later ? first : later;
    // The closer domain owns the name: a site of a sub-domain of the other's owns the names under it.
    return under(one.claim.host, other.cluster.siteDomain)
      && (!under(one.claim.host, one.cluster.siteDomain) || (other.cluster.siteDomain as string).length > (one.cluster.siteDomain as string).length);
  });
  if (misplaced !== undefined) {
    const owner = misplaced === later ? first : later;
    const label = misplaced.claim.host.slice(0, -(owner.cluster.siteDomain as string).length - 1);
    return {
      ...misplaced.claim.target, layer: 'inventory', severity: 'error', field: misplaced.claim.field,
      message: `${misplaced.claim.host} lies under ${owner.cluster.siteDomain}, the domain of site ${owner.cluster.site}, whose cluster ${owner.cluster.folder} serves it too (${owner.claim.route}): `
        + `DNS can send the name's requests to one of them only, and the DNS of site ${owner.cluster.site} answers it`,
      hint: `serve the name from ${owner.cluster.folder} alone, or give this route a name of its own site: host: '${label.replace(/\./g, '-')}' (${label.replace(/\./g, '-')}.${misplaced.cluster.siteDomain})`,
    };
  }
  return {
    ...later.claim.target, layer: 'inventory', severity: 'error', field: later.claim.field,
    message: `${later.claim.host} is served already by cluster ${first.cluster.folder} (${first.claim.route}) of site ${first.cluster.site}; DNS can send the name's requests to one of them only`,
    hint: `give each site a domain of its own (e.g. domain: '${later.cluster.site}.${domainOf(later.claim.host)}'), or serve the name from one cluster only`,
  };
}

/** A route host and the cluster that serves it. */
interface ServedHost {
  readonly cluster: ClusterFacts;
  readonly claim: RouteHostClaim;
}

/** Whether `host` is `domain` or lies under it; never when the domain is unknown. Pure. */
function under(host: string, domain: string | undefined): boolean {
  return domain !== undefined && (host === domain || host.endsWith(`.${domain}`));
}

/** The host name without its first label: the domain a route host is under. */
function domainOf(host: string): string {
  return host.includes('.') ? host.slice(host.indexOf('.') + 1) : host;
}
