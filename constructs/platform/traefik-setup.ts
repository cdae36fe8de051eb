import type { PoolAddress } from '../inventory/address-pool';
import { SecretReference } from '../secrets/secret-reference';
import type { PropProblem } from '../validation/known-props';
import { closestName } from '../validation/closest-name';
import { LETSENCRYPT_PRODUCTION } from './cert-manager';
import { acmeContactProblems } from './cert-manager-props';
import { reportFinding } from '../validation/finding';
import { InputError } from '../validation/input-error';
import { noteHostPorts } from '../validation/host-port-use';
import { noteNodePorts } from '../validation/node-port-use';
import type { ClusterChart } from './cluster-chart';
import { componentReadsSecret } from './component-secrets';
import type { PlatformComponentProps } from './component';
import type { TraefikComponentOptions, TraefikPart } from './components/traefik';
import type { PartResources } from './part-resources';
import { TRAEFIK_NAMESPACE } from './components/traefik';
import { serviceIpFamilies } from './ip-families';
import { loadBalancersServed, reportUnservedIngress, unfixedIngressAddress } from './load-balancer';
import { storageClassNameOf } from './storage';
import { apiObjectsOf } from './triggers';
import { manifestOf } from '../interop/api-object-json';

/** How Traefik proves it controls a name to Let's Encrypt. */
export interface AcmeResolver {
  /** Contact address for the ACME account. @default - none (Let's Encrypt no longer mails expiry notices) */
  readonly email?: string;
  /** ACME directory. @default - Let's Encrypt production */
  readonly caServer?: string;
  /** The challenge. */
  readonly challenge: { readonly type: 'http-01' } | { readonly type: 'dns-01-cloudflare'; readonly apiToken: SecretReference };
}

/** HTTP-01 on the `web` entry point: names must resolve publicly to Traefik. */
export function acmeHttp01(options: { email?: string; caServer?: string } = {}): AcmeResolver {
  return { ...options, challenge: { type: 'http-01' } };
}

/** DNS-01 through Cloudflare: works for names only reachable inside; the token must allow Zone:DNS:Edit and Zone:Zone:Read (it finds the zone by name). */
export function acmeCloudflareDns01(options: { apiToken: SecretReference; email?: string; caServer?: string }): AcmeResolver {
  // Called with nothing, Traefik's option checks report the missing token.
  const { apiToken, ...rest } = options ?? ({} as { apiToken: SecretReference });
  return { ...rest, challenge: { type: 'dns-01-cloudflare', apiToken } };
}

/**
 * Resolvers of `acme` that are none: a resolver given in place of the map of them (`acme: acmeHttp01()`),
 * or an entry without a challenge Traefik knows, or a DNS-01 one without its token. Pure.
 */
export function acmeResolverProblems(acme: unknown): PropProblem[] {
  if (acme === null || typeof acme !== 'object') {
    return []; // the props shape reports what is no map
  }
  if ('challenge' in acme) {
    return [{
      field: 'acme', message: 'acme was given one resolver, not resolvers by name',
      hint: 'name it, as routes name it in certResolver: acme: { letsencrypt: acmeHttp01() }',
    }];
  }
  return Object.entries(acme).flatMap(([name, resolver]): PropProblem[] => {
    const challenge = (resolver as Partial<AcmeResolver> | undefined)?.challenge;
    if (challenge?.type === 'http-01' || (challenge?.type === 'dns-01-cloudflare' && challenge.apiToken instanceof SecretReference)) {
      const { email, caServer } = resolver as AcmeResolver;
      return acmeContactProblems(email, caServer ?? LETSENCRYPT_PRODUCTION, `acme.${name}.email`, false);
    }
    return [{
      field: `acme.${name}`, message: challenge?.type === 'dns-01-cloudflare' ? 'the DNS-01 resolver has no API token' : 'this is no ACME resolver',
      hint: "make it with acmeHttp01() or acmeCloudflareDns01({ apiToken: sealed.key('api-token') })",
    }];
  });
}

/** The entry points the Traefik component always defines: `web` (redirected to HTTPS) and `websecure`. */
export const HTTP_ENTRY_POINTS: readonly string[] = ['web', 'websecure'];

/** The flavor's TCP entry points by name, with their ports. Pure. */
export function tcpEntryPointsOf(options: { readonly tcpEntryPoints?: Record<string, number> }): Record<string, number> {
  return options.tcpEntryPoints ?? { ssh: 22 };
}

/**
 * What to say of a TCP route on entry point `name`, which is none of the flavor's TCP entry points `known`:
 * a typo of one of them, or one of the HTTP entry points, which no TCP entry point may be named after. Pure.
 */
export function unknownTcpEntryPoint(name: string, known: readonly string[]): { message: string; hint: string } {
  const listed = known.length > 0 ? `the TCP entry points of traefik() are ${known.join(', ')}` : 'traefik() declares no TCP entry point';
  if (HTTP_ENTRY_POINTS.includes(name)) {
    return {
      message: `"${name}" is Traefik's HTTP entry point; a TCP route there (HostSNI(*)) would take every connection from its HTTP routes`,
      hint: `${listed}; declare another under a name of its own with its port: tcpEntryPoints: { <name>: <port> }`,
    };
  }
  const near = closestName(name, known);
  return {
    message: `Traefik has no TCP entry point "${name}"`,
    hint: near
      ? `did you mean "${near}"? (${listed})`
      : `${listed}; declare the entry point with its port: tcpEntryPoints: { ${name}: <port> }`,
  };
}

/** The Traefik flavor's options that the install depends on (see `TraefikProps`). */
export interface TraefikInstallOptions {
  /** Entry points HTTP routes listen on; a TCP entry point among them is opened too. @default ['websecure'] */
  readonly entryPoints?: string[];
  /** Address of Traefik's Service. @default - none */
  readonly address?: PoolAddress;
  /** ACME resolvers by name. @default {} */
  readonly acme?: Record<string, AcmeResolver>;
  /** Storage tier of the ACME store. @default - the cluster's only tier, or 'fast' where it has several */
  readonly acmeStorageTier?: string;
  /** Ports of TCP entry points by name. @default { ssh: 22 } */
  readonly tcpEntryPoints?: Record<string, number>;
  /** Serve 80 and 443 from the node through hostPorts, behind a ClusterIP Service. @default false */
  readonly hostPorts?: boolean;
  /** Requests and limits of Traefik. @default - the library's size */
  readonly resources?: PartResources<TraefikPart>;
  /** How long a client may take to send one request on web and websecure. @default - Traefik's own, 60s */
  readonly readTimeout?: string;
  /**
   * Serve through a NodePort Service, on the node-port range's first port plus 80 and 443, and plus its own
   * port for each TCP entry point a route uses (`ssh` on 30022). @default false
   */
  readonly nodePorts?: boolean;
  /** Traefik's machine name on the tailnet, under Tailscale. @default - traefik, or traefik-<cluster> outside the cluster main */
  readonly tailnetName?: string;
}

/**
 * The node port of one of Traefik's ports under `nodePorts`: the first port of the cluster's range plus
 * the usual port (443 on 30443, a TCP entry point on 22 on 30022). Pure.
 */
export function traefikNodePort(range: { readonly first: number }, port: number): number {
  return range.first + port;
}

/** Traefik's node ports of HTTP and HTTPS under `nodePorts`. Pure. */
export function traefikNodePorts(range: { readonly first: number; readonly last: number }): { web: number; websecure: number } {
  return { web: traefikNodePort(range, 80), websecure: traefikNodePort(range, 443) };
}

/** Where Traefik keeps its ACME account and certificates. */
const ACME_STORAGE = '/data/acme.json';

/** Traefik's rollout that stops the old pod before the new one starts (the chart's own surges one first). */
const REPLACE_WITHOUT_SURGE = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };

/**
 * Asks the cluster for the Traefik component with values derived from the flavor and the cluster: the
 * Service settings of the cluster's load-balancer flavor, the ACME resolvers with a persisted store,
 * and (once the tree is built) an entry point for each TCP route.
 */
export function bindTraefik(
  cluster: ClusterChart,
  options: TraefikInstallOptions,
  component: (options: TraefikComponentOptions) => PlatformComponentProps,
): void {
  const resolvers = options.acme ?? {};
  const values: Record<string, unknown> = { service: serviceValues(cluster, options) };
  if (options.hostPorts) {
    // A second pod could not bind the node's ports beside the first: replace it instead of surging.
    values.updateStrategy = REPLACE_WITHOUT_SURGE;
    cluster.namespaces.ensure(TRAEFIK_NAMESPACE, {
      podSecurity: 'privileged',
      reason: 'Traefik binds ports 80 and 443 of its node through hostPorts (the cluster has no load balancer)',
    });
  }
  let acmeToken: SecretReference | undefined;
  const names = Object.keys(resolvers).sort();
  if (names.length > 0) {
    values.certificatesResolvers = Object.fromEntries(names.map((name) => [name, { acme: acmeValues(resolvers[name]) }]));
    const tokens = names.flatMap((name) => {
      const challenge = resolvers[name].challenge;
      return challenge.type === 'dns-01-cloudflare' ? [challenge.apiToken] : [];
    });
    if (tokens.length > 0) {
      const token = tokens[0];
      if (token.namespace !== TRAEFIK_NAMESPACE) {
        reportFinding(cluster, {
          layer: 'references', severity: 'error', field: 'routes.acme',
          message: `the Cloudflare token Secret "${token.secretName}" is in namespace "${token.namespace}", but Traefik runs in "${TRAEFIK_NAMESPACE}"`,
          hint: `keep the Secret in namespace ${TRAEFIK_NAMESPACE}`,
        });
      }
      acmeToken = token;
      values.env = [{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: token.secretName, key: token.key } } }];
    }
    // A cluster of one tier has nowhere else to keep them, whatever it calls that tier.
    const tierName = options.acmeStorageTier ?? (cluster.tierNames.length === 1 ? cluster.tierNames[0] : 'fast');
    const tier = cluster.tier(tierName);
    if (!tier) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'routes.acmeStorageTier',
        message: `Traefik keeps its ACME certificates on storage tier "${tierName}", which cluster "${cluster.clusterName}" does not define`,
        hint: cluster.tierNames.length > 0 ? `define the tier, or set acmeStorageTier to one of: ${cluster.tierNames.join(', ')}` : cluster.unknownTierHint(tierName),
      });
    }
    values.persistence = {
      enabled: true, accessMode: 'ReadWriteOnce', size: '128Mi', path: '/data',
      ...(tier ? { storageClass: storageClassNameOf(tier) } : {}),
    };
    // The volume must be writable by Traefik's non-root user.
    values.podSecurityContext = { fsGroup: 65532, fsGroupChangePolicy: 'OnRootMismatch' };
    // The chart's rollout starts the new pod before the old one stops: the claim is one writer's (a ZFS
    // volume is refused a second mount while the old pod holds it, and two Traefiks must not write one
    // acme.json), so the new pod would wait for the old one for good. Replace it instead.
    values.updateStrategy = REPLACE_WITHOUT_SURGE;
  }
  // Routes on `web` alone are meant to answer plain HTTP, which the entry point's redirect to HTTPS would forbid.
  const plainHttp = !(options.entryPoints ?? ['websecure']).includes('websecure');
  // The chart redirects web to the port websecure is exposed on: at 443, a client of http://<node>:30080 would be
  // sent to port 443 of the node, which is not Traefik's.
  const nodePorts = options.nodePorts && !options.hostPorts ? traefikNodePorts(cluster.nodePortRange) : undefined;
  const httpsPort = nodePorts !== undefined && nodePorts.websecure <= cluster.nodePortRange.last ? { httpsPort: nodePorts.websecure } : {};
  const traefik = cluster.platform.require(component({ values, certResolvers: names, resources: options.resources, ...plainHttp ? { plainHttp } : {}, ...httpsPort }));
  if ((values.service as { type?: string }).type === 'LoadBalancer' && cluster.loadBalancer?.addressFromConfigLayer) {
    // What gives its Service an address comes with the config layer, which waits for the platform layer:
    // waiting for the Service here would hold both back for good.
    traefik.installWithoutWaiting();
  }
  const onTailnet = (values.service as { type?: string }).type === 'LoadBalancer' && cluster.loadBalancer?.namesServices === true;
  if (options.tailnetName !== undefined && !onTailnet) {
    reportFinding(cluster, {
      layer: 'props', severity: 'warning', field: 'routes.tailnetName',
      message: `traefik({ tailnetName }) names Traefik's machine on a tailnet, and cluster "${cluster.clusterName}" does not expose Traefik through the Tailscale operator `
        + '(a LoadBalancer Service under tailscaleLoadBalancer()): the name is used nowhere',
      hint: 'drop tailnetName, or give the cluster loadBalancer: tailscaleLoadBalancer() without hostPorts or nodePorts',
    });
  }
  if (options.readTimeout !== undefined) {
    const transport = { respondingTimeouts: { readTimeout: options.readTimeout } };
    traefik.addValues({ ports: { web: { transport }, websecure: { transport } } });
  }
  if (options.hostPorts) {
    traefik.addValues({ ports: { web: { hostPort: 80 }, websecure: { hostPort: 443 } } });
    // The chart renders the pod in the cluster; its host ports are taken for every app that may share its node.
    noteHostPorts(cluster, "Traefik's entry points web and websecure (traefik({ hostPorts: true }))", [{ port: 80 }, { port: 443 }]);
  }
  if (options.nodePorts && !options.hostPorts) {
    const range = cluster.nodePortRange;
    const ports = traefikNodePorts(range);
    if (ports.websecure > range.last) {
      reportFinding(cluster, {
        layer: 'inventory', severity: 'error', field: 'routes.nodePorts',
        message: `Traefik's node ports ${ports.web} and ${ports.websecure} do not fit the node-port range ${range.first}-${range.last} of cluster "${cluster.clusterName}"`,
        hint: 'widen the cluster\'s nodePortRange, or give Traefik a load balancer',
      });
    } else {
      traefik.addValues({ ports: { web: { nodePort: ports.web }, websecure: { nodePort: ports.websecure } } });
      // The chart renders the Service in the cluster; its node ports are taken for every other Service.
      noteNodePorts(cluster, { namespace: TRAEFIK_NAMESPACE, name: 'traefik', owner: "Traefik's entry points (traefik({ nodePorts: true }))" }, [
        { port: ports.web, field: 'routes.nodePorts' }, { port: ports.websecure, field: 'routes.nodePorts' },
      ]);
    }
  }
  if (acmeToken) {
    // The chart's Deployment is named after the release; the token is its CF_DNS_API_TOKEN.
    componentReadsSecret(cluster, traefik, 'Traefik (ACME DNS-01)', [acmeToken], { workload: `deployment/${traefik.name}` });
  }
  cluster.onPlatformPrepare(() => {
    const ports = tcpEntryPointsOf(options);
    // An HTTP route on a TCP entry point needs that entry point opened as much as a TCP route does.
    const used = new Set<string>((options.entryPoints ?? []).filter((name) => ports[name] !== undefined));
    for (const object of apiObjectsOf(cluster)) {
      if (object.kind === 'IngressRouteTCP') {
        const spec = (manifestOf(object) as { spec?: { entryPoints?: string[] } }).spec;
        (spec?.entryPoints ?? []).forEach((name) => used.add(name));
      }
    }
    for (const name of [...used].sort()) {
      const port = ports[name];
      if (port === undefined) {
        // The flavor reports its own routes on the app; this is an IngressRouteTCP written by hand.
        const { message, hint } = unknownTcpEntryPoint(name, Object.keys(ports));
        reportFinding(cluster, { layer: 'references', severity: 'error', field: 'routes.tcpEntryPoints', message: `an IngressRouteTCP uses entry point "${name}": ${message}`, hint });
        continue;
      }
      // Traefik runs as non-root, so it listens above 1024 and the Service maps the low port.
      traefik.addValues({ ports: { [name]: { port: port < 1024 ? 10000 + port : port, exposedPort: port, expose: { default: true }, protocol: 'TCP' } } });
      if (options.nodePorts && !options.hostPorts) {
        // A node port of its own, as web's and websecure's: left out, the API server would pick one at random.
        const range = cluster.nodePortRange;
        const nodePort = traefikNodePort(range, port);
        if (nodePort > range.last) {
          reportFinding(cluster, {
            layer: 'inventory', severity: 'error', field: `routes.tcpEntryPoints.${name}`,
            message: `the node port of Traefik's entry point "${name}", ${range.first} + ${port}, is outside the node-port range ${range.first}-${range.last} of cluster "${cluster.clusterName}"`,
            hint: 'give the entry point a lower port, or widen the cluster\'s nodePortRange',
          });
          continue;
        }
        traefik.addValues({ ports: { [name]: { nodePort } } });
        noteNodePorts(cluster, { namespace: TRAEFIK_NAMESPACE, name: 'traefik', owner: `Traefik's entry point "${name}" (traefik({ nodePorts: true }))` }, [
          { port: nodePort, field: `routes.tcpEntryPoints.${name}` },
        ]);
      }
    }
  });
}

function acmeValues(resolver: AcmeResolver): Record<string, unknown> {
  const challenge = resolver.challenge.type === 'http-01'
    ? { httpChallenge: { entryPoint: 'web' } }
    : { dnsChallenge: { provider: 'cloudflare' } };
  return {
    ...(resolver.email ? { email: resolver.email } : {}),
    ...(resolver.caServer ? { caServer: resolver.caServer } : {}),
    storage: ACME_STORAGE,
    ...challenge,
  };
}

/**
 * The Service of Traefik: a LoadBalancer with the cluster flavor's settings for its address, or with
 * `hostPorts` a ClusterIP Service while the pod binds ports 80 and 443 of its node.
 */
function serviceValues(cluster: ClusterChart, options: TraefikInstallOptions): Record<string, unknown> {
  const flavor = cluster.loadBalancer;
  if (options.nodePorts) {
    if (options.hostPorts || options.address) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'routes.nodePorts',
        message: `Traefik serves through node ports, so it takes ${options.hostPorts ? 'no hostPorts' : 'no load-balancer address'}`,
        hint: options.hostPorts ? 'choose one of hostPorts and nodePorts' : 'drop address, or drop nodePorts and give the cluster a loadBalancer',
      });
    }
    return { type: 'NodePort' };
  }
  if (options.hostPorts) {
    if (options.address) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'routes.address',
        message: 'Traefik serves from the ports of its node (hostPorts), so it takes no load-balancer address',
        hint: 'drop address, or drop hostPorts and give the cluster a loadBalancer',
      });
    }
    return { type: 'ClusterIP' };
  }
  if (!flavor) {
    if (options.address) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'routes.address',
        message: `Traefik is given address ${options.address.address}, but cluster "${cluster.clusterName}" has no load-balancer flavor to assign it`,
        hint: 'set loadBalancer: metalLb({ pools: [...] }) on the cluster',
      });
    } else if (!loadBalancersServed(cluster)) {
      reportUnservedIngress(cluster, 'Traefik', 'serve from the nodes with traefik({ nodePorts: true }) or traefik({ hostPorts: true })');
    }
    return { type: 'LoadBalancer' };
  }
  const unfixed = options.address ? undefined : unfixedIngressAddress(cluster, 'Traefik', 'traefik');
  if (unfixed) {
    reportFinding(cluster, unfixed);
    return { type: 'LoadBalancer' };
  }
  try {
    const settings = flavor.serviceSettings({ serviceName: 'traefik', address: options.address, hostname: options.tailnetName ?? traefikTailnetName(cluster.clusterName) });
    return {
      type: 'LoadBalancer',
      annotations: settings.annotations,
      ...(settings.loadBalancerClass ? { spec: { loadBalancerClass: settings.loadBalancerClass } } : {}),
      // The chart's service.ipFamilyPolicy / service.ipFamilies: an IPv6 address needs an IPv6 Service.
      ...serviceIpFamilies(options.address ? [options.address.address] : []),
    };
  } catch (error) {
    reportFinding(cluster, {
      // A flavor of pools refuses an address of a pool it does not serve, a fault of the inventory's address
      // as ingress-nginx reports it; Tailscale refuses any address, which no address of the inventory mends.
      layer: flavor.name === 'tailscale' ? 'references' : 'inventory', severity: 'error', field: 'routes.address',
      message: (error as Error).message, hint: error instanceof InputError ? error.hint : 'pick an address from a pool the load balancer serves',
    });
    return { type: 'LoadBalancer' };
  }
}

/**
 * Traefik's machine name on a tailnet: `traefik` for the cluster `main`, else `traefik-<cluster>`. The
 * clusters of a site share its tailnet, where machine names are unique, so each cluster's Traefik needs a
 * name of its own (the tailnet would rename a second `traefik` to `traefik-1`). Pure.
 */
export function traefikTailnetName(clusterName: string): string {
  return clusterName === 'main' ? 'traefik' : `traefik-${clusterName}`.slice(0, 63).replace(/-+$/, '');
}
