import type { Construct } from 'constructs';
import type { HeaderMatch, PathMatchType, RouteIntent } from './route-flavor';
import { HOSTNAME, nameProblem } from '../validation/dns-names';
import { reportFinding } from '../validation/finding';
import { headerMatchesText, prefixPathKey } from '../validation/route-hosts';
import { noteHostClaim } from '../validation/host-claims';
import { leaveOwnerAction } from '../synth/owner-action';
import type { ClusterChart } from './cluster-chart';

/** A path a route serves, and the field the user wrote it in (none for the default `/`). */
export interface ClaimedPath {
  /** The path as the route matches it. */
  readonly path: string;
  /** Where the user wrote it, e.g. `route.rules[1].path`. @default - the route's host names it */
  readonly field?: string;
  /** The header matches the rule adds to its path. @default - none: every request of the path */
  readonly headers?: readonly HeaderMatch[];
  /** How the path matches. @default 'PathPrefix' */
  readonly pathType?: PathMatchType;
}

/** What a route asks of its cluster's ingress, and where the user wrote it. */
export interface RouteClaim {
  /** Fully qualified host name. */
  readonly hostname: string;
  /** The paths it serves. */
  readonly paths: readonly ClaimedPath[];
  /** Field of the host name, e.g. `route.host`, `addRoute(photos).host` or `host`. */
  readonly hostField: string;
  /** The route as messages name it, e.g. `route`, `addRoute(photos)` or `ServiceRoute`. */
  readonly route: string;
  /** What to do instead when the host is held already, for a route that takes no path of its own. @default - another host name or a path */
  readonly hostHint?: string;
}

/** The route that holds a host name and path of a cluster. */
interface Holder {
  /** Construct path of the route's owner, e.g. `main/photos`. */
  readonly owner: string;
  /** The route as its owner's props name it, e.g. `route` or `addRoute(photos)`. */
  readonly route: string;
}

/**
 * The routes that hold each host name and path of a cluster, in the order they were declared. The ingress
 * sends a request to one route only (Traefik to the router it ranks first, nginx to one of the Ingresses,
 * Gateway API to the oldest HTTPRoute), so a second route of the same host and path never receives one.
 */
const holdersByCluster = new WeakMap<ClusterChart, Map<string, Holder>>();

/**
 * The host names the routes of `cluster` hold, lowercase: those the library renders and those a chart
 * renders from values (Harbor's own Ingress), which no rendered object of the cluster shows.
 */
export function claimedHostNames(cluster: ClusterChart): string[] {
  return [...new Set([...holdersByCluster.get(cluster)?.keys() ?? []].map((key) => key.slice(0, key.indexOf('\u0000'))))];
}

/**
 * Host names match without regard to case; paths with it, and a prefix without its trailing slash where the
 * flavor matches prefixes by path element (an Ingress' `Prefix`). Header matches are part of what is held: the
 * flavors that take them (Traefik, Gateway API) send a request to the rule whose headers it carries, so
 * two routes of one path that differ by headers each receive their own requests (ingress-nginx refuses
 * header matches on the route itself).
 */
function claimKey(cluster: ClusterChart, hostname: string, claimed: ClaimedPath): string {
  const path = cluster.routes.prefixIgnoresTrailingSlash && (claimed.pathType ?? 'PathPrefix') === 'PathPrefix' ? prefixPathKey(claimed.path) : claimed.path;
  return `${hostname.toLowerCase()}\u0000${path}${headersText(claimed.headers)}`;
}

/** The header matches of a claimed path as findings and keys write them. Pure. */
function headersText(headers: readonly HeaderMatch[] = []): string {
  return headerMatchesText(headers.map((h) => ({ name: h?.name, value: h?.value, regex: h?.type === 'RegularExpression' })));
}

/**
 * The paths an app's route intent serves: each rule's path, or the single rule's, with the field it was
 * written in. Pure.
 */
export function intentPaths(intent: RouteIntent, field: string): ClaimedPath[] {
  if (intent.rules && intent.rules.length > 0) {
    return intent.rules.map((rule, i) => ({
      path: rule?.path ?? '/', field: rule?.path !== undefined ? `${field}.rules[${i}].path` : undefined, headers: Array.isArray(rule?.headers) ? rule.headers : undefined,
      pathType: rule?.pathType,
    }));
  }
  return [{ path: intent.path ?? '/', field: intent.path !== undefined ? `${field}.path` : undefined }];
}

/**
 * Gives the host name and paths of a route that `scope` declares to it,
 * unless another route of the cluster holds one of them: then that is reported once, on the field where
 * this route wrote the colliding path (its host, for the default `/`), and the route must not be rendered.
 * A host name that is no host name is left to the checks of the host itself. Returns whether the route
 * holds its paths.
 */
export function claimRoutePaths(scope: Construct, cluster: ClusterChart, claim: RouteClaim): boolean {
  const { hostname, paths, hostField, route } = claim;
  if (nameProblem(hostname, HOSTNAME) !== undefined) {
    return true;
  }
  let holders = holdersByCluster.get(cluster);
  if (!holders) {
    holders = new Map();
    holdersByCluster.set(cluster, holders);
  }
  const taken = holders;
  const clash = paths.map((claimed) => ({ claimed, holder: taken.get(claimKey(cluster, hostname, claimed)) })).find((c) => c.holder !== undefined);
  if (clash) {
    const { claimed, holder } = clash;
    reportFinding(scope, {
      layer: 'inventory', severity: 'error', field: claimed.field ?? hostField,
      message: `${hostname}${claimed.path}${headersText(claimed.headers)} is routed already by ${holder!.owner} (${holder!.route}); the ingress sends its requests to one of the two routes only`,
      hint: claimed.field === undefined
        ? claim.hostHint ?? 'give this route another host name, or a path of its own (path: \'/…\')'
        : 'give this route another path or host name, or serve both from one route with several rules',
    });
    return false;
  }
  const holder: Holder = { owner: scope.node.path, route };
  for (const claimed of paths) {
    taken.set(claimKey(cluster, hostname, claimed), holder);
  }
  noteHostClaim(scope, { host: hostname.toLowerCase(), field: hostField, route });
  leaveRecordOfOtherZone(scope, cluster, hostname.toLowerCase());
  return true;
}

/**
 * Whether external-dns of `cluster` skips `name` (lowercase): the cluster writes records (`dns`) and the name
 * lies outside its domain, the one domain its external-dns is given (`domainFilters`). Pure.
 */
export function outsideExternalDnsDomain(cluster: ClusterChart, name: string): boolean {
  const domain = cluster.domain.toLowerCase();
  return cluster.dns !== undefined && name.replace(/^\*\./, '') !== domain && !name.endsWith(`.${domain}`);
}

/** The host names of each cluster whose record of another zone is already among the owner's steps. */
const otherZoneHostsByCluster = new WeakMap<ClusterChart, Set<string>>();

/**
 * The owner's step for a route host of another zone on a cluster that writes its records with external-dns:
 * external-dns skips the name without a word, so the route would answer to a name no resolver knows until
 * its own zone's DNS points it at the ingress. Once per host name and cluster.
 */
function leaveRecordOfOtherZone(scope: Construct, cluster: ClusterChart, hostname: string): void {
  if (!outsideExternalDnsDomain(cluster, hostname)) {
    return;
  }
  let listed = otherZoneHostsByCluster.get(cluster);
  if (!listed) {
    listed = new Set();
    otherZoneHostsByCluster.set(cluster, listed);
  }
  if (listed.has(hostname)) {
    return;
  }
  listed.add(hostname);
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `publish ${hostname} in its own zone's DNS, pointing at the address of cluster "${cluster.clusterName}"'s ingress: it lies outside `
      + `${cluster.domain}, the one domain the cluster's external-dns writes (its domainFilters), which skips it without a word`,
  });
}
