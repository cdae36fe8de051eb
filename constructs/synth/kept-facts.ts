import type { ClusterFacts, FindingTarget } from '../validation/cluster-facts';
import type { RouteHostClaim } from '../validation/site-route-hosts';

/**
 * A route host claim as the incremental state keeps it: `[host, field, constructPath, kind, namespace,
 * name]`, and the route's name when it is not `<kind> <namespace>/<name>`. A fleet claims a host per app,
 * so these are most of the state, and a list of strings is half the text of the object and parses faster.
 */
type PackedRouteHost = [string, string, string, string | null, string | null, string | null, string?];

/** The facts of a cluster as the incremental state keeps them. */
export type PackedFacts = Omit<ClusterFacts, 'routeHosts'> & { readonly routeHosts: readonly PackedRouteHost[] };

/** The route's name in messages, from where a finding about it points. */
function routeName(target: FindingTarget): string {
  return `${target.kind} ${target.namespace ?? 'default'}/${target.name}`;
}

/** `facts` in the state's form. Pure; {@link unpackFacts} gives them back as they were. */
export function packFacts(facts: ClusterFacts): PackedFacts {
  return {
    ...facts,
    routeHosts: facts.routeHosts.map((claim) => {
      const { constructPath, kind, namespace, name } = claim.target;
      const packed: PackedRouteHost = [claim.host, claim.field, constructPath, kind ?? null, namespace ?? null, name ?? null];
      if (claim.route !== routeName(claim.target)) {
        packed.push(claim.route);
      }
      return packed;
    }),
  };
}

/** The facts {@link packFacts} packed. Pure. */
export function unpackFacts(packed: PackedFacts): ClusterFacts {
  return {
    ...packed,
    routeHosts: packed.routeHosts.map(([host, field, constructPath, kind, namespace, name, route]): RouteHostClaim => {
      const target: FindingTarget = {
        constructPath,
        ...(kind !== null ? { kind } : {}),
        ...(namespace !== null ? { namespace } : {}),
        ...(name !== null ? { name } : {}),
      };
      return { host, field, target, route: route ?? routeName(target) };
    }),
  };
}
