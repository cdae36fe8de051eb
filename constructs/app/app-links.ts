import type { ClusterChart } from '../platform/cluster-chart';
import type { AddressPeer, NetworkPeer } from '../platform/network-policy';
import type { AppPeer } from './props';
import { compareText } from '../text-order';

/** An app as a peer: something with its own policy, named in another app's `egress` or `allowFrom`. */
export type LinkedApp = { readonly asNetworkPeer: () => NetworkPeer };

/** A link declared by either app: `client` connects to `server`. */
interface AppLink {
  readonly client: LinkedApp;
  readonly server: LinkedApp;
}

/**
 * Links between two apps of one cluster, by cluster. A link is declared once, on either side (`egress:
 * [server]` on the client, or `allowFrom: [client]` on the server), and each side's policy must open it:
 * otherwise the other side's default deny drops the traffic silently.
 */
const linksByCluster = new WeakMap<ClusterChart, AppLink[]>();

/** Whether a peer is an app (whose own policy must open the link too) rather than pods named by labels. */
export function isLinkedApp(peer: AppPeer | AddressPeer): peer is LinkedApp {
  return typeof (peer as Partial<LinkedApp>).asNetworkPeer === 'function';
}

/**
 * Records that `client` connects to `server`, both apps of `cluster`. A link both sides declare (the client's
 * `egress` and the server's `allowFrom`) is one link: each app's servers and clients hold the other once, so what
 * is judged of a link is told once.
 */
export function recordAppLink(cluster: ClusterChart, client: LinkedApp, server: LinkedApp): void {
  if (client === server) {
    return;
  }
  let links = linksByCluster.get(cluster);
  if (!links) {
    links = [];
    linksByCluster.set(cluster, links);
  }
  if (!links.some((link) => link.client === client && link.server === server)) {
    links.push({ client, server });
  }
}

/** The apps of `cluster` that connect to `app` by a link either side declared. */
export function clientsOf(cluster: ClusterChart, app: LinkedApp): LinkedApp[] {
  return (linksByCluster.get(cluster) ?? []).filter((link) => link.server === app).map((link) => link.client);
}

/** The apps of `cluster` that `app` connects to by a link either side declared. */
export function serversOf(cluster: ClusterChart, app: LinkedApp): LinkedApp[] {
  return (linksByCluster.get(cluster) ?? []).filter((link) => link.client === app).map((link) => link.server);
}

/**
 * `declared` followed by the apps of `linked` it does not name yet (as the same pods), each once: the
 * peers of one side of a policy once the links the other apps declared are added. Pure.
 */
export function withLinkedApps<T extends AppPeer | AddressPeer>(declared: readonly T[], linked: readonly LinkedApp[]): Array<T | LinkedApp> {
  const seen = new Set(declared.map(peerKey));
  const added: LinkedApp[] = [];
  for (const app of linked) {
    const key = peerKey(app);
    if (!seen.has(key)) {
      seen.add(key);
      added.push(app);
    }
  }
  return [...declared, ...added];
}

function peerKey(peer: AppPeer | AddressPeer): string {
  if ('cidr' in peer) {
    return `cidr:${peer.cidr}`;
  }
  const p = isLinkedApp(peer) ? peer.asNetworkPeer() : peer;
  const labels = Object.entries(p.podLabels ?? {}).sort(([a], [b]) => compareText(a, b));
  return JSON.stringify([p.namespace ?? null, p.podLabels ? labels : null]);
}
