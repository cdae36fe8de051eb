import type { PropProblem } from '../validation/known-props';
import { ZULIP_IMAGE } from './household-app-images';

// Zulip's nginx marks a request that carries X-Forwarded-For from an address it was not told is a proxy, and Zulip
// answers such a request over plain HTTP with 500 "You have not configured any reverse proxies". Every route's proxy
// adds X-Forwarded-For and reaches the pod over HTTP, so Zulip behind a route must be told the proxy's addresses: its
// image takes them in LOADBALANCER_IPS (addresses or CIDR blocks, comma-separated), which it writes as the
// `[loadbalancer] ips` of zulip.conf.

/**
 * The problem of an App of Zulip's image that its routes reach over plain HTTP without `LOADBALANCER_IPS` in `env`:
 * one on `env.LOADBALANCER_IPS`, whose hint names what `podRanges` gives, the cluster's pod ranges the route's proxy sends
 * from (asked only for such an app).
 * Nothing for another image, an app without routes (`routed` false), or one that serves HTTPS itself (`ports` has 443,
 * where the proxy's requests arrive as secure and Zulip lets them through).
 */
export function zulipProxyProblems(
  image: unknown, env: Readonly<Record<string, unknown>>, routed: boolean, ports: readonly number[], podRanges: () => readonly string[],
): PropProblem[] {
  if (typeof image !== 'string' || !ZULIP_IMAGE.test(image) || !routed || env.LOADBALANCER_IPS !== undefined || ports.includes(443)) {
    return [];
  }
  const known = podRanges();
  const ranges = known.length > 0 ? known.join(',') : "<the pod network's range>";
  return [{
    field: 'env.LOADBALANCER_IPS',
    message: "Zulip is reached through its route's proxy, which adds X-Forwarded-For and sends plain HTTP, and is given no LOADBALANCER_IPS: "
      + 'it trusts no proxy and answers every request with 500 "You have not configured any reverse proxies"',
    hint: `name the addresses the route's proxy sends from, the cluster's pod range: LOADBALANCER_IPS: '${ranges}'`,
  }];
}
