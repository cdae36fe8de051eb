import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { PIHOLE_IMAGE } from './root-started-images';

// Pi-hole forwards what it does not answer itself to its upstream servers. An upstream that is Pi-hole itself (the
// address its load balancer serves DNS on, or the pod's own loopback on port 53, where it listens) sends each query
// back to it: FTL forwards it again until the query times out, and nothing outside its lists resolves.

/** The variables that list Pi-hole's upstream servers: Pi-hole 6's, Pi-hole 5's, and the single ones before it. */
const UPSTREAM_VARIABLES = ['FTLCONF_dns_upstreams', 'PIHOLE_DNS_', 'DNS1', 'DNS2'] as const;

/** What the check reads of an app's props beside its containers: the address its load balancer serves. */
export interface PiholeUpstreamAppProps extends PropContainersProps {
  readonly loadBalancer?: { readonly address?: unknown } | null;
}

/** The dotted address of a pool address (`site.pools.dns.at(…)`), or undefined. */
function addressOf(poolAddress: unknown): string | undefined {
  const address = poolAddress !== null && typeof poolAddress === 'object' ? (poolAddress as { address?: unknown }).address : undefined;
  return typeof address === 'string' ? address : undefined;
}

/** An upstream as Pi-hole writes it, `address` or `address#port`, split; the port is 53 unless given. */
function upstreamOf(entry: string): { address: string; port: string } {
  const at = entry.lastIndexOf('#');
  return at < 0 ? { address: entry.trim(), port: '53' } : { address: entry.slice(0, at).trim(), port: entry.slice(at + 1).trim() };
}

/**
 * Containers of Pi-hole's image whose upstream servers (`FTLCONF_dns_upstreams`, `PIHOLE_DNS_`, `DNS1`, `DNS2`)
 * name Pi-hole itself: the address of the app's load balancer, or the pod's loopback (`127.0.0.1`, `::1`,
 * `localhost`) on port 53; a resolver beside it on another port (Unbound at `127.0.0.1#5335`) is left alone. One
 * error on the variable, per container. `app` is the main container's name. Pure.
 */
export function piholeUpstreamProblems(props: PiholeUpstreamAppProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  const own = addressOf(props?.loadBalancer?.address);
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !PIHOLE_IMAGE.test(container.image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    for (const name of UPSTREAM_VARIABLES) {
      const value = env[name];
      if (typeof value !== 'string') {
        continue;
      }
      const entries = value.split(/[;,]/).map((entry) => entry.trim()).filter((entry) => entry !== '');
      const itself = entries.map(upstreamOf).find(({ address, port }) => port === '53'
        && (address === own || address === 'localhost' || address === '::1' || /^127\./.test(address)));
      if (itself === undefined) {
        continue;
      }
      const others = entries.filter((entry) => upstreamOf(entry).address !== itself.address);
      return [{
        field: `${prefix}env.${name}`,
        message: `${name} names ${itself.address}${itself.address === own ? ", the address the app's own load balancer serves DNS on" : ", the pod's own loopback, where Pi-hole itself listens on port 53"}, as an upstream: `
          + 'Pi-hole would forward each query it cannot answer to itself, again and again until it times out, and no name outside its lists would resolve',
        hint: others.length > 0
          ? `leave it out: ${name}: '${others.join(';')}'`
          : `name a resolver that is not Pi-hole: a public one (${name}: '9.9.9.9;149.112.112.112'), or Unbound beside it on another port (${name}: '127.0.0.1#5335')`,
      }];
    }
    return [];
  });
}
