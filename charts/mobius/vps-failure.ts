import { leaveOwnerAction } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';

/** The names the VPS answers for, read when the README is written (the apps' routes are rendered after the constructor). */
export interface VpsNames {
  /** The routes the VPS serves itself (cloud's own apps). */
  readonly own: () => readonly string[];
  /** homelab's public names, which its catch-all proxies to homelab's Traefik over Twingate. */
  readonly proxied: () => readonly string[];
}

/**
 * The design's failure domains as they concern the VPS, as an owner step of `cloud`: what stops, for whom,
 * when the VPS is down and when only its Twingate route to N5 is, and what goes on regardless (the design's
 * partition resilience: homelab answers inside through its own Traefik).
 */
export function leaveVpsFailure(cloud: ClusterChart, names: VpsNames): void {
  const ingress = mobius.pools.ingress.at('192.168.8.50').address;
  leaveOwnerAction(cloud, {
    kind: 'manual',
    get action() {
      const own = names.own().join(', ');
      const proxied = names.proxied().join(', ');
      return `what breaks when the VPS does (the design's failure domains): while the VPS is down, no public name answers from outside, neither its own (${own}) nor homelab's it proxies (${proxied}), `
        + `and its Uptime Kuma, the status page, is away with it; inside, homelab's names keep answering, as AdGuard Home resolves them to homelab's Traefik (${ingress}), the design's partition resilience. `
        + `While only its Twingate route to N5 is cut, the VPS still serves ${own}, the catch-all answers ${proxied} with a gateway error, and cloud's worker loses its control plane on N5 (${n5.address}): `
        + 'its pods keep running and its kubelet restarts their containers, but no pod is created or changed and its Flux applies nothing until the route is back; homelab and the sandbox, whose workers are on N5 and the M1, go on as they were';
    },
  });
}
