import { networkBounds } from '../inventory/vlan';
import { overlaps } from '../platform/cluster-ranges';
import type { PropProblem } from '../validation/known-props';
import { LINUXSERVER_IMAGE } from './root-started-images';

// linuxserver.io's Transmission writes two settings of its RPC server (which serves the web UI's calls and
// those of Sonarr and Radarr) from its env, and turns each on when the variable is not empty:
// - WHITELIST, its `rpc-whitelist`: an RPC from an address none of its entries matches is answered 403
//   ("Unauthorized IP Address"). Behind a route the ingress controller's pod connects, from the pod range,
//   as the *arr apps do: a list of the LAN's addresses alone shuts them all out.
// - HOST_WHITELIST, its `rpc-host-whitelist`: an RPC whose Host is a name none of its entries matches is
//   answered 421 ("the hostname was unrecognized"), unless password authentication is on (USER and PASS, or
//   FILE__USER and FILE__PASS naming files), which Transmission takes instead.

/** linuxserver.io's Transmission images. */
const TRANSMISSION_IMAGE = new RegExp(`${LINUXSERVER_IMAGE.source}transmission(?:[:@]|$)`);

/** What {@link transmissionWhitelistProblems} reads of an app. */
export interface TransmissionApp {
  /** Its image, as written. */
  readonly image: unknown;
  /** Its env as written: a value from a Secret is set, whatever it holds. */
  readonly env: Readonly<Record<string, unknown>>;
  /** The host names its routes serve. */
  readonly routedHosts: readonly string[];
  /** Whether anything connects from the pod network: a route's ingress controller run as pods, an app that calls it. */
  readonly calledFromPods: boolean;
  /** The cluster's pod ranges in force (none where the library does not know them). */
  readonly podRanges: readonly string[];
}

/** Whether `name` matches Transmission's wildcard `pattern` (`*` any run of characters, `?` one). Pure. */
function wildcardMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** An IPv4 entry of `rpc-whitelist` as a CIDR block (`192.168.1.*` is `192.168.1.0/24`), or undefined for one whose wildcards are not whole trailing parts. Pure. */
function entryBlock(entry: string): string | undefined {
  const parts = entry.split('.');
  const fixed = parts.findIndex((p) => p === '*');
  const known = fixed === -1 ? parts : parts.slice(0, fixed);
  if (parts.length !== 4 || !known.every((p) => /^\d{1,3}$/.test(p)) || (fixed !== -1 && !parts.slice(fixed).every((p) => p === '*'))) {
    return undefined;
  }
  return `${[...known, ...parts.slice(known.length).map(() => '0')].join('.')}/${known.length * 8}`;
}

/** The `rpc-whitelist` entry that admits every address of `range`, a CIDR block, widened to whole parts (`10.42.0.0/16` is `10.42.*.*`). Pure. */
function wildcardOf(range: string): string {
  const [address, prefix] = range.split('/');
  const kept = Math.floor(Number(prefix) / 8);
  return address.split('.').map((p, i) => (i < kept ? p : '*')).join('.');
}

/** The value of `name` as a list: undefined when unset or from a Secret, the trimmed entries otherwise. Pure. */
function listOf(env: Readonly<Record<string, unknown>>, name: string): string[] | undefined {
  const value = env[name];
  return typeof value === 'string' ? value.split(',').map((e) => e.trim()).filter((e) => e !== '') : undefined;
}

/**
 * Whether `name` is set to something other than an empty text (a Secret counts), or read from a file by
 * linuxserver.io's `FILE__<name>`, which its init writes into the variable before the app starts. Pure.
 */
function isSet(env: Readonly<Record<string, unknown>>, name: string): boolean {
  return [name, `FILE__${name}`].some((key) => env[key] !== undefined && env[key] !== '');
}

/**
 * linuxserver.io's Transmission whose `HOST_WHITELIST` leaves out a host its routes serve (without USER and
 * PASS), or whose `WHITELIST` admits no address of the cluster's pod ranges while a route or an app reaches it:
 * one problem on each variable. Entries Transmission may read otherwise than this (IPv6, a block with a
 * prefix, a wildcard inside a part) leave the list unjudged. Pure.
 */
export function transmissionWhitelistProblems(app: TransmissionApp): PropProblem[] {
  if (typeof app.image !== 'string' || !TRANSMISSION_IMAGE.test(app.image)) {
    return [];
  }
  const problems: PropProblem[] = [];
  const hosts = listOf(app.env, 'HOST_WHITELIST');
  const authenticated = isSet(app.env, 'USER') && isSet(app.env, 'PASS');
  const unlisted = app.routedHosts.filter((host) => !(hosts ?? []).some((pattern) => wildcardMatches(pattern, host)));
  if (hosts !== undefined && hosts.length > 0 && !authenticated && unlisted.length > 0) {
    problems.push({
      field: 'env.HOST_WHITELIST',
      message: `Transmission answers every RPC whose Host is a name HOST_WHITELIST (${hosts.join(',')}) leaves out with 421 Misdirected Request, and its route serves ${unlisted.join(', ')}: the web UI loads and can do nothing`,
      hint: `add the route's host: HOST_WHITELIST: '${[...hosts, ...unlisted].join(',')}' (or set USER and PASS from a Secret, which Transmission takes instead)`,
    });
  }
  const addresses = listOf(app.env, 'WHITELIST');
  const blocks = (addresses ?? []).map((entry) => networkBounds(entryBlock(entry)));
  const pods = app.podRanges.filter((r) => networkBounds(r)?.family === 4);
  if (addresses !== undefined && addresses.length > 0 && app.calledFromPods && pods.length > 0 && blocks.every((b) => b !== undefined)
    && !blocks.some((b) => pods.some((r) => overlaps(b!, networkBounds(r)!)))) {
    problems.push({
      field: 'env.WHITELIST',
      message: `Transmission answers every RPC from an address WHITELIST (${addresses.join(',')}) leaves out with 403 Unauthorized IP Address, and the ingress controller and the apps that call it connect from the cluster's pod range (${pods.join(', ')}): the web UI and Sonarr's or Radarr's calls are all refused`,
      hint: `admit the pod range: WHITELIST: '${[...addresses, ...pods.map(wildcardOf)].join(',')}', or WHITELIST: '' to leave the choice to the app's network policy`,
    });
  }
  return problems;
}
