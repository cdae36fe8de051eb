import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PoolAddress } from '../inventory/address-pool';
import { ClusterChart } from '../platform/cluster-chart';
import { DnsRecord } from './dns-record';
import { manifestOf } from '../interop/api-object-json';
import { UNVERIFIED_BACKEND_TLS_ANNOTATION } from '../app/security';
import { DNS1123_SUBDOMAIN, nameProblem } from '../validation/dns-names';
import { rejectPropProblems, requireProps, type PropProblem } from '../validation/known-props';
import { UPSTREAM_PROXY_PROPS_SHAPE } from '../validation/service-props-shapes';
import { traefikMatchers } from '../validation/traefik-rule-syntax';

/** Options of a catch-all proxy to another cluster's ingress. */
export interface UpstreamProxyProps {
  /** The domain whose every otherwise unrouted name is proxied, e.g. `jax-lab.dev`: the domain alone, in lower case (no scheme, no `*.`). */
  readonly domain: string;
  /** The other ingress' address (reached over a private link such as a VPN route). */
  readonly address: PoolAddress;
  /** Its HTTPS port. @default 443 */
  readonly port?: number;
  /**
   * Host names to request certificates for through `certResolver`: a catch-all rule names no host, and an
   * HTTP-01 resolver issues per name, not for a wildcard.
   * @default - a function of nothing: no certificates requested
   */
  readonly hostnames?: () => string[];
  /** The cluster's ACME resolver. @default - Traefik's default certificate */
  readonly certResolver?: string;
  /** Namespace of the Service and route. @default 'upstream-proxy' */
  readonly namespace?: string;
  /** Name of the Service, route and transport. @default - the construct id */
  readonly name?: string;
  /**
   * Publish each of `hostnames` in public DNS at this address (the proxy's public address), as DNSEndpoint
   * objects for this cluster's external-dns: the upstream cluster's routes are not seen by it.
   * @default - no records
   */
  readonly publicAddress?: string;
  /**
   * Host names under `domain` that the upstream serves to its own network only (admin UIs and the like):
   * the catch-all rule leaves each out (`!Host(...)`), so a request that names one at this proxy's public
   * address gets this ingress' 404 instead of reaching the upstream. Without it, a private name stays
   * unpublished in DNS yet answers to anyone who sends its Host header to the proxy.
   * @default - a function of nothing: every name under `domain` is proxied
   */
  readonly privateHostnames?: () => string[];
}

/**
 * Why the proxy does not verify the upstream's certificate, annotated on its ServersTransport as every
 * skipped verification is.
 */
const UNVERIFIED_UPSTREAM_REASON = 'the upstream ingress presents certificates for the public names and is dialled by its address, '
  + 'so no name can be verified; the hop runs inside the private link to it';

/**
 * Why `domain` is not a domain the catch-all rule can match names under (a URL, a wildcard, a trailing
 * dot, capitals), with the domain to write: its HostRegexp would otherwise match no request. Pure.
 */
function domainProblems(domain: unknown): PropProblem[] {
  if (typeof domain !== 'string' || nameProblem(domain, DNS1123_SUBDOMAIN) === undefined) {
    return []; // no text is reported with the props
  }
  const bare = domain.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/:].*$/, '').replace(/^\*\./, '').replace(/\.$/, '');
  return [{
    field: 'domain',
    message: `domain "${domain}" is not a DNS domain; the proxy's rule matches names under it (HostRegexp ^.+\\.<domain>$), and would match no request`,
    hint: nameProblem(bare, DNS1123_SUBDOMAIN) === undefined ? `write the domain alone, in lower case: domain: '${bare}'` : "write the domain alone, in lower case, e.g. domain: 'lab.example.com'",
  }];
}

/**
 * A Traefik IngressRoute of the lowest priority that sends every name under `domain` that no other route
 * claims to another cluster's ingress, through a selector-less Service backed by an EndpointSlice on the
 * inventory address. Its ServersTransport skips verifying the upstream's certificate (annotated
 * `security.homelab.dev/unverified-backend-tls` with the reason).
 */
export class UpstreamProxy extends Construct {
  constructor(scope: Construct, id: string, props: UpstreamProxyProps) {
    super(scope, id);
    requireProps(this, 'UpstreamProxy', props, UPSTREAM_PROXY_PROPS_SHAPE, {
      required: [
        ['domain', "give the domain whose unrouted names are proxied, e.g. 'lab.example.com'"],
        ['address', "pass the other ingress' address from the inventory: address: mySite.pools.<pool>.at('<address>')"],
      ],
    });
    rejectPropProblems(this, 'UpstreamProxy', domainProblems(props.domain));
    const cluster = ClusterChart.of(this);
    const namespace = props.namespace ?? 'upstream-proxy';
    const name = props.name ?? id;
    const port = props.port ?? 443;
    cluster.namespaces.ensure(namespace);
    const labels = { 'app.kubernetes.io/name': name };
    new ApiObject(this, 'service', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace, labels },
      spec: { type: 'ClusterIP', ports: [{ name: 'https', port, targetPort: port, protocol: 'TCP' }] },
    });
    new ApiObject(this, 'endpoints', {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: `${name}-1`, namespace, labels: { ...labels, 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [props.address.address], conditions: { ready: true } }],
      ports: [{ name: 'https', port, protocol: 'TCP' }],
    });
    const config = cluster.platform.configScope(name);
    new ApiObject(config, 'transport', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'ServersTransport',
      metadata: { name, namespace, annotations: { [UNVERIFIED_BACKEND_TLS_ANNOTATION]: UNVERIFIED_UPSTREAM_REASON } },
      spec: { insecureSkipVerify: true },
    });
    const escaped = props.domain.replace(/\./g, '\\.');
    // Rendered once the tree is complete, when the other cluster's routes (the names to certify) are known.
    cluster.onPrepare(() => {
      const hostnames = [...new Set(props.hostnames?.() ?? [])].sort();
      const tls: Record<string, unknown> = props.certResolver ? { certResolver: props.certResolver } : {};
      if (props.certResolver && hostnames.length > 0) {
        tls.domains = hostnames.map((main) => ({ main }));
      }
      if (props.publicAddress) {
        for (const hostname of hostnames) {
          new DnsRecord(this, hostname.split('.')[0] === '*' ? 'wildcard' : hostname.replace(/\./g, '-'), {
            name: hostname, targets: [props.publicAddress],
          });
        }
      }
      // A name this proxy certifies (and publishes) is public, whatever the private list says. The route
      // carries no external-dns target: external-dns' Traefik source reads every Host(), negated or not, and
      // would publish the private names at that target; the public ones are DNSEndpoints above.
      const excluded = [...new Set(props.privateHostnames?.() ?? [])].filter((name) => !hostnames.includes(name)).sort();
      const match = [`HostRegexp(\`^.+\\.${escaped}$\`)`, ...excluded.map((name) => `!Host(\`${name}\`)`)].join(' && ');
      new ApiObject(config, 'route', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute',
        metadata: { name, namespace, labels },
        spec: {
          entryPoints: ['websecure'],
          routes: [{
            kind: 'Rule',
            match,
            // Lowest priority: any route of this cluster that names its host wins.
            priority: 1,
            services: [{ name, port, scheme: 'https', passHostHeader: true, serversTransport: name }],
          }],
          tls,
        },
      });
    });
  }
}

/** The host names of every Traefik IngressRoute of a cluster (`Host(\`…\`)` rules), for certificates. */
export function ingressRouteHostnames(cluster: ClusterChart): string[] {
  const names: string[] = [];
  for (const child of cluster.node.findAll()) {
    if (child instanceof ApiObject && child.kind === 'IngressRoute') {
      for (const route of manifestOf(child).spec?.routes ?? []) {
        for (const matcher of traefikMatchers(String(route.match))) {
          // A negated Host names a host the route leaves out (a proxy's private names), not one it serves.
          if (matcher.name === 'Host' && !matcher.negated) {
            names.push(...matcher.args);
          }
        }
      }
    }
  }
  return [...new Set(names)].sort();
}
