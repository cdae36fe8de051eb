import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { IngressRouteTcp, IngressRouteTcpSpecRoutesServicesPort } from '../../imports/traefik.io';
import { setPresent } from '../app/plain';
import type { PoolAddress } from '../inventory/address-pool';
import { RenderedObject } from '../app/rendered-object';
import { UNVERIFIED_BACKEND_TLS_ANNOTATION } from '../app/security';
import { LETSENCRYPT_PRODUCTION, wildcardCertificateFor, wildcardCertificateMissing, wildcardCertificates } from './cert-manager';
import type { WildcardCertificate } from './cert-manager';
import { ClusterChart } from './cluster-chart';
import { TRAEFIK_NAMESPACE, TRAEFIK_PARTS, traefikComponent, type TraefikPart } from './components/traefik';
import { PART_RESOURCES_SHAPE, partResourcesProblems, type PartResources } from './part-resources';
import type { IngressPeer } from './network-policy';
import { routeField, ruleField, rulePathField, unsupportedRouteFeature } from './route-features';
import { backendJson, loadBalancerEntry, PlainHttpRoutes, RouteBackend, RouteBinding, RouteFlavor, RouteRedirect, RouteRule, routeRules, TcpRouteBinding, tlsBackends } from './route-flavor';
import { acmeResolverProblems, bindTraefik, HTTP_ENTRY_POINTS, tcpEntryPointsOf, traefikNodePort, traefikNodePorts, unknownTcpEntryPoint } from './traefik-setup';
import type { AcmeResolver } from './traefik-setup';
import { checkedChoice } from '../validation/choice-props';
import { type Finding, reportFinding } from '../validation/finding';
import { closestName, PropProblem, PropShape } from '../validation/known-props';
import { POOL_ADDRESS_SHAPE } from '../validation/app-props-shape';
import { traefikRuleString } from '../validation/traefik-rule-syntax';
import { decodedPath } from '../validation/url-path';
import { IANA_SERVICE_NAME, nameMeant, nameProblem } from '../validation/dns-names';
import { apiObjectsOf } from './triggers';
import { privateNameForPublicCa, privateNameSuffix, publicAcmeAuthority } from '../validation/private-names';
import { bodySizeBytes } from './body-size';
import { tailnetNameProblem, tailnetNameSuggestion } from '../validation/tailnet-names';

export type { AcmeResolver } from './traefik-setup';
export { acmeCloudflareDns01, acmeHttp01 } from './traefik-setup';

/** Options of the Traefik route flavor. */
export interface TraefikProps {
  /** The address of Traefik's LoadBalancer Service, from an inventory pool (not under Tailscale, which gives a tailnet address). @default - not fixed */
  readonly address?: PoolAddress;
  /**
   * Entry points routes listen on. Without `websecure` (`['web']`) the routes answer plain HTTP: they carry no
   * TLS section and `web` no longer redirects to HTTPS. @default ['websecure']
   */
  readonly entryPoints?: string[];
  /**
   * ACME certificate resolver the routes name, e.g. `letsencrypt`; it must be one of `acme` (or be
   * provided otherwise), which validation checks. A route whose host a `WildcardCertificate` of the cluster
   * covers uses that certificate's Secret instead (copied into the route's namespace).
   * @default - Traefik's default certificate, which Traefik signs itself, unless a `WildcardCertificate` covers the host
   */
  readonly certResolver?: string;
  /**
   * ACME resolvers Traefik defines, by name: `acmeHttp01()` or `acmeCloudflareDns01({ apiToken })`.
   * Certificates are kept in `/data/acme.json` on a claim of `acmeStorageTier`.
   * @default {}
   */
  readonly acme?: Record<string, AcmeResolver>;
  /** Storage tier of the claim that keeps the ACME certificates. @default - the cluster's only tier, or 'fast' where it has several */
  readonly acmeStorageTier?: string;
  /**
   * Ports of the entry points that TCP routes use, by entry point name; an entry point is opened only
   * when a TCP route uses it.
   * @default { ssh: 22 }
   */
  readonly tcpEntryPoints?: Record<string, number>;
  /**
   * Serve ports 80 and 443 straight from the node Traefik runs on (hostPorts), behind a ClusterIP
   * Service, instead of a LoadBalancer Service: for a cluster with no load balancer, such as a single
   * public VPS. Its namespace then allows the Pod Security level `privileged`, with the reason written out.
   * @default false
   */
  readonly hostPorts?: boolean;
  /**
   * Serve through a NodePort Service instead of a LoadBalancer Service: HTTP on the first port of the
   * cluster's node-port range plus 80, HTTPS plus 443 (30080 and 30443 by default), a TCP entry point a
   * route uses plus its own port (`ssh` on 30022), on every node. For a
   * cluster where nothing gives LoadBalancer Services an address and the nodes' ports 80 and 443 are
   * taken, such as a test cluster beside a production one. `web` redirects to HTTPS on websecure's node port
   * (30443), the port clients of the node ports use.
   * @default false
   */
  readonly nodePorts?: boolean;
  /**
   * Requests and limits of Traefik (`{ traefik: { … } }`), as an App's `resources`, merged key by key into
   * the default. @default - 50m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly resources?: PartResources<TraefikPart>;
  /**
   * How long a client may take to send one request, body included, on the entry points web and websecure
   * (`transport.respondingTimeouts.readTimeout`), as a duration (`30m`, `90s`) or `0` for no limit. Traefik v3
   * ends a request after 60 seconds by default, which cuts off an upload that takes longer: an image layer
   * pushed to a registry behind it (Harbor), a large file.
   * @default - Traefik's own, 60s
   */
  readonly readTimeout?: string;
  /**
   * Traefik's machine name on the tailnet, under `tailscaleLoadBalancer()`: one DNS label, which MagicDNS serves
   * as `<name>.<tailnet>.ts.net`. Give each cluster's Traefik its own where several sites share one tailnet.
   * @default - `traefik` in the cluster `main`, `traefik-<cluster>` in the others
   */
  readonly tailnetName?: string;
}

/** How long Traefik lets a client send one request when `readTimeout` is not given. */
export const TRAEFIK_DEFAULT_READ_TIMEOUT = '60s';

/** Routes become Traefik `IngressRoute`s (traefik.io/v1alpha1) with TLS. */
export class TraefikRoutes implements RouteFlavor {
  public readonly name = 'traefik';
  /** Address of the ingress load balancer, when fixed. */
  public readonly address?: PoolAddress;
  public readonly addressFromLoadBalancer = true;
  private readonly entryPoints: string[];
  /** The certificate resolver routes name, when set. */
  public readonly certResolver?: string;
  /** How long a client may take to send one request, when set (`readTimeout`). */
  public readonly readTimeout?: string;
  /** Clusters told already that the resolver is asked for a private name. */
  private readonly privateHostReported = new WeakSet<ClusterChart>();

  constructor(private readonly props: TraefikProps = {}) {
    this.address = props.address;
    this.entryPoints = props.entryPoints ?? ['websecure'];
    this.certResolver = props.certResolver;
    this.readTimeout = props.readTimeout;
  }

  /** With `entryPoints` that leave out `websecure`, the routes answer on plain HTTP alone (`web`). */
  public get plainHttpOnly(): PlainHttpRoutes | undefined {
    return this.entryPoints.includes('websecure') ? undefined : {
      field: 'routes.entryPoints',
      tlsOption: `traefik({ entryPoints: ['websecure'] }), the default, or both: entryPoints: ['web', 'websecure']`,
    };
  }

  /** Installs Traefik: its Service on the flavor's address, the ACME resolvers, the TCP entry points routes use. */
  public bind(cluster: ClusterChart): void {
    bindTraefik(cluster, this.props, traefikComponent);
  }

  /** Traefik's address, the ports of its node, or its node ports. */
  public reachedAt(cluster: ClusterChart): string {
    if (this.props.hostPorts) {
      return 'ports 80 and 443 of the node Traefik runs on';
    }
    if (this.props.nodePorts) {
      const ports = traefikNodePorts(cluster.nodePortRange);
      const tcp = apiObjectsOf(cluster).some((object) => object.kind === 'IngressRouteTCP')
        ? `, and ${cluster.nodePortRange.first} plus its port for each TCP entry point a route uses` : '';
      return `node ports ${ports.web} (HTTP) and ${ports.websecure} (HTTPS) of every node${tcp}`;
    }
    return loadBalancerEntry(cluster, this.address);
  }

  /** Under `nodePorts`, the node port that carries `port`; else `port`. */
  public clientPort(cluster: ClusterChart, port: number): number {
    return this.props.nodePorts && !this.props.hostPorts ? traefikNodePort(cluster.nodePortRange, port) : port;
  }

  /** Traefik's pods, as its Helm chart labels them, in the namespace it is installed in. */
  public get ingressPeer(): IngressPeer {
    // The chart's entry points web and websecure listen on 8000 and 8443 in the pods, exposed as 80 and 443.
    return { pods: { namespace: TRAEFIK_NAMESPACE, podLabels: { 'app.kubernetes.io/name': 'traefik' } }, podPorts: { http: 8000, https: 8443 } };
  }

  /**
   * An `IngressRoute` with one route per rule (host, path and header matches, weighted services) and a
   * `Middleware` per filter: basic auth, request headers, redirects and path rewrites.
   */
  public renderRoute(scope: Construct, route: RouteBinding): void {
    if (route.hostname.startsWith('*.')) {
      // Traefik v3's Host compares the name as written, so `*.apps` would match no request; HostRegexp would,
      // but its ACME certificate would need a DNS-01 wildcard and the host would escape the uniqueness check.
      unsupportedRouteFeature(scope, this.name, routeField(route, 'host'), `the wildcard host ${route.hostname} (its Host matcher takes \`*\` literally)`,
        'route each host name by itself, or route through the Gateway API flavor, whose hostnames take a leading `*.`');
      return;
    }
    const auth = route.basicAuth ? this.basicAuth(scope, route) : undefined;
    // After the auth: a request that does not log in is answered before its body is read.
    const bodyLimit = this.bodyLimit(scope, route);
    const routeMiddlewares = [auth, bodyLimit].filter((name): name is string => name !== undefined);
    const transport = this.unverifiedTransport(scope, route);
    const routes = routeRules(route).map((rule, index) => {
      warnTrailingSlash(scope, route, rule, index);
      const middlewares = [...routeMiddlewares, ...this.ruleMiddlewares(scope, route, rule, index)];
      // Keys in sorted order, absent values left out: synthesis keeps the spec as it is rather than a copy.
      const json: Record<string, unknown> = { kind: 'Rule', match: traefikMatch(route.hostname, rule) };
      setPresent(json, 'middlewares', middlewares.length > 0 ? middlewares.map((name) => ({ name })) : undefined);
      json.services = rule.backends.map((backend) => traefikService(backend, transport));
      return json;
    });
    // A certificate may be made after the routes it covers, so the one for this host is looked up once the tree is built.
    const cluster = ClusterChart.of(scope);
    let certificate: WildcardCertificate | undefined;
    // On the `web` entry point alone the route answers plain HTTP: a `tls` section would make its router
    // take TLS connections only, which no client sends to port 80, and no certificate is wanted.
    const plainHttp = this.plainHttpOnly !== undefined;
    if (!plainHttp) {
      cluster.onPrepare(() => {
        certificate = wildcardCertificateFor(cluster, route.hostname);
        certificate?.readBy(scope, route.namespace);
        const missing = certificate || this.certResolver ? undefined : wildcardCertificateMissing(cluster, route.hostname);
        const certificates = wildcardCertificates(cluster);
        if (missing) {
          reportFinding(scope, wildcardTooShallow(route, missing));
        } else if (!certificate && !this.certResolver && certificates.length > 0) {
          reportFinding(scope, wildcardOutside(route, certificates));
        }
        if (!certificate) {
          this.reportPrivateResolverHost(cluster, route.hostname);
        }
      });
    }
    new RenderedObject(scope, 'route', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute',
      metadata: { name: route.name, namespace: route.namespace, labels: route.labels, annotations: route.annotations },
    }, () => ({ spec: { entryPoints: this.entryPoints, routes, ...plainHttp ? {} : { tls: this.tlsOf(certificate) } } }));
  }

  /**
   * A route host under a private suffix (`.lan`, `home.arpa`) that the certificate resolver would ask a public
   * authority for (Traefik's default is Let's Encrypt): one error on `routes.certResolver` per cluster, at
   * the first such host, as every route of a private domain asks it alike.
   */
  private reportPrivateResolverHost(cluster: ClusterChart, hostname: string): void {
    const resolver = this.certResolver === undefined ? undefined : this.props.acme?.[this.certResolver];
    const authority = resolver === undefined ? undefined : publicAcmeAuthority(resolver.caServer ?? LETSENCRYPT_PRODUCTION);
    const suffix = privateNameSuffix(hostname);
    if (authority === undefined || suffix === undefined || this.privateHostReported.has(cluster)) {
      return;
    }
    this.privateHostReported.add(cluster);
    reportFinding(cluster, {
      layer: 'references', severity: 'error', field: 'routes.certResolver',
      ...privateNameForPublicCa({ name: hostname, suffix, authority, issuer: `Traefik's certificate resolver "${this.certResolver}"`, more: 0,
        ownCa: `an ACME server of its own, such as step-ca, as the resolver's caServer: acme: { ${this.certResolver}: acmeHttp01({ caServer: 'https://ca.<domain>/acme/acme/directory' }) }`,
      }),
    });
  }

  /**
   * The route's TLS: the Secret of the wildcard certificate made for its host (its copy in the route's
   * namespace), else the certificate resolver, else Traefik's default certificate, which Traefik signs itself.
   */
  private tlsOf(certificate: WildcardCertificate | undefined): Record<string, unknown> {
    if (certificate) {
      return { secretName: certificate.secretName };
    }
    return this.certResolver ? { certResolver: this.certResolver } : {};
  }

  /**
   * The ServersTransport that connects to the route's HTTPS backends without verifying their certificates,
   * with the reason annotated; undefined when no backend speaks TLS.
   */
  private unverifiedTransport(scope: Construct, route: RouteBinding): string | undefined {
    const tls = tlsBackends(route)[0]?.tls;
    if (!tls) {
      return undefined;
    }
    const name = `${route.name}-backend-tls`;
    new ApiObject(scope, 'servers-transport', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'ServersTransport',
      metadata: { name, namespace: route.namespace, labels: route.labels, annotations: { [UNVERIFIED_BACKEND_TLS_ANNOTATION]: tls.unverifiedReason } },
      spec: { insecureSkipVerify: true },
    });
    return name;
  }

  /** A basicAuth Middleware reading htpasswd lines from the Secret's `users` key, which Traefik requires. */
  private basicAuth(scope: Construct, route: RouteBinding): string | undefined {
    const secret = route.basicAuth!;
    if (secret.key !== 'users') {
      unsupportedRouteFeature(scope, this.name, routeField(route, 'basicAuth'), `basic auth from the key "${secret.key}"`,
        'Traefik reads htpasswd lines from the key `users` of the Secret: reference that key');
      return undefined;
    }
    // The gate's credentials stop at the gate, as ingress-nginx's basic auth does: an app with a login of its
    // own (Forgejo's API, raw files and attachments) would take them for its own and answer 401.
    return this.middleware(scope, route, 'auth', { basicAuth: { secret: secret.secretName, removeHeader: true } }, route.basicAuthName);
  }

  /**
   * A buffering Middleware that answers 413 to a body above the route's cap. Traefik caps no body by itself,
   * so a service's need (`atLeast`) and `unlimited` make none. Buffering is Traefik's one middleware that
   * limits a body: it reads the whole body (to disk above 1 MiB) before forwarding it.
   */
  private bodyLimit(scope: Construct, route: RouteBinding): string | undefined {
    const bytes = route.maxBodySize && !route.maxBodySize.atLeast ? bodySizeBytes(route.maxBodySize.size) : undefined;
    return bytes === undefined ? undefined : this.middleware(scope, route, 'body-size', { buffering: { maxRequestBodyBytes: bytes } });
  }

  private ruleMiddlewares(scope: Construct, route: RouteBinding, rule: RouteRule, index: number): string[] {
    const names: string[] = [];
    const suffix = (what: string) => (routeRules(route).length > 1 ? `${what}-${index}` : what);
    if (rule.redirect) {
      names.push(this.middleware(scope, route, suffix('redirect'), redirectMiddleware(rule.redirect)));
    }
    const headers = rule.requestHeaders;
    if (headers?.add && Object.keys(headers.add).length > 0) {
      unsupportedRouteFeature(scope, this.name, ruleField(route, index, 'requestHeaders.add'), 'adding a request header beside one of the same name',
        'use `requestHeaders.set`, which replaces the header');
    }
    if (headers && (Object.keys(headers.set ?? {}).length > 0 || (headers.remove ?? []).length > 0)) {
      const custom: Record<string, string> = { ...headers.set };
      for (const name of headers.remove ?? []) {
        // Traefik removes a request header that is set to the empty string.
        custom[name] = '';
      }
      names.push(this.middleware(scope, route, suffix('headers'), { headers: { customRequestHeaders: custom } }));
    }
    const rewrite = rule.rewrite;
    if (rewrite?.hostname) {
      unsupportedRouteFeature(scope, this.name, ruleField(route, index, 'rewrite.hostname'), 'a Host rewrite',
        'drop `rewrite.hostname`, or route through the Gateway API flavor');
    }
    if (rewrite?.path !== undefined) {
      names.push(this.middleware(scope, route, suffix('rewrite'), { replacePath: { path: rewrite.path } }));
    } else if (rewrite?.pathPrefix !== undefined) {
      const prefix = rule.match.path.replace(/\/$/, '');
      const target = rewrite.pathPrefix.replace(/\/$/, '');
      names.push(this.middleware(scope, route, suffix('rewrite'), {
        replacePathRegex: { regex: `^${escapeRegExp(prefix)}(/.*)?$`, replacement: `${target}$1` },
      }));
    }
    return names;
  }

  private middleware(scope: Construct, route: RouteBinding, suffix: string, spec: Record<string, unknown>, name = `${route.name}-${suffix}`): string {
    new ApiObject(scope, `middleware-${suffix}`, {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware',
      metadata: { name, namespace: route.namespace, labels: route.labels },
      spec,
    });
    return name;
  }

  /**
   * An `IngressRouteTCP` on the entry point named after the listener, which must be one of `tcpEntryPoints`
   * and listen on the route's port.
   * Plain TCP carries no host name, so the route matches `HostSNI(*)` and owns its entry point's port alone.
   */
  public renderTcpRoute(scope: Construct, route: TcpRouteBinding): void {
    const entryPoints = tcpEntryPointsOf(this.props);
    const field = route.field ?? 'tcpRoute';
    if (!Object.hasOwn(entryPoints, route.listenerName)) {
      reportFinding(scope, { layer: 'references', severity: 'error', field: `${field}.listenerName`, ...unknownTcpEntryPoint(route.listenerName, Object.keys(entryPoints)) });
      return;
    }
    // The entry point's port is where clients connect; a route cannot move it.
    const entryPort = entryPoints[route.listenerName];
    const cluster = ClusterChart.of(scope);
    if (entryPort !== route.port && route.port === this.clientPort(cluster, entryPort)) {
      // The node port is what clients dial, and what the user saw; the route names the entry point's port.
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: `${field}.port`,
        message: `port ${route.port} is the node port that carries Traefik's entry point "${route.listenerName}" (traefik({ nodePorts: true })); the entry point itself listens on ${entryPort}`,
        hint: `set port: ${entryPort}; clients still connect to node port ${route.port}`,
      });
      return;
    }
    if (entryPort !== route.port) {
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: `${field}.port`,
        message: `Traefik's entry point "${route.listenerName}" listens on port ${entryPort}, not ${route.port}`,
        hint: `set port: ${entryPort}, or declare the entry point on this port: traefik({ tcpEntryPoints: { ${route.listenerName}: ${route.port} } })`,
      });
      return;
    }
    new IngressRouteTcp(scope, `tcp-route-${route.listenerName}`, {
      metadata: { name: `${route.name}-${route.listenerName}`, namespace: route.namespace, labels: route.labels },
      spec: {
        entryPoints: [route.listenerName],
        routes: [{
          match: 'HostSNI(`*`)',
          services: [{ name: route.serviceName, port: IngressRouteTcpSpecRoutesServicesPort.fromNumber(route.servicePort) }],
        }],
      },
    });
  }
}

/**
 * The warning on a route's host that lies deeper under a wildcard certificate's domain than `*.<domain>`
 * reaches, which Traefik then serves with its own self-signed certificate: the host written one label too
 * deep, or the certificate made for the wrong domain.
 */
function wildcardTooShallow(route: RouteBinding, certificate: WildcardCertificate): Omit<Finding, 'constructPath'> {
  const domain = certificate.domainName;
  const labels = route.hostname.slice(0, -domain.length - 1);
  return {
    layer: 'references', severity: 'warning', field: routeField(route, 'host'),
    message: `host ${route.hostname} lies ${labels.split('.').length} labels under ${domain}, where certificate ${certificate.namespace}/${certificate.secretName} (*.${domain}) covers one label only, so Traefik serves the route with its own self-signed certificate`,
    hint: `route it one label under the domain (e.g. '${labels.replace(/\./g, '-')}.${domain}'), or make the WildcardCertificate for domain: '${route.hostname.slice(route.hostname.indexOf('.') + 1)}'`,
  };
}

/**
 * The warning on a route's host under none of the cluster's wildcard certificates' domains, in a cluster whose
 * Traefik has no certificate resolver: Traefik serves it with its own self-signed certificate. A route moved
 * to another domain in place of a label under the cluster's, most often.
 */
function wildcardOutside(route: RouteBinding, certificates: readonly WildcardCertificate[]): Omit<Finding, 'constructPath'> {
  const label = route.hostname.split('.')[0];
  const parent = route.hostname.slice(route.hostname.indexOf('.') + 1);
  return {
    layer: 'references', severity: 'warning', field: routeField(route, 'host'),
    message: `host ${route.hostname} lies under none of the cluster's wildcard certificates (${certificates.map((c) => `*.${c.domainName}`).join(', ')}), and Traefik has no `
      + 'certificate resolver, so Traefik serves the route with its own self-signed certificate, which browsers refuse',
    // No CA signs a wildcard directly under a top-level domain (`*.lan`, `*.com`): for such a parent, no certificate is offered.
    hint: `route it under a certificate's domain (e.g. '${label}.${certificates[0].domainName}'), ${parent.includes('.') ? `make a WildcardCertificate for domain: '${parent}', ` : ''}`
      + 'or give traefik() a certResolver that may issue for the name',
  };
}

/** The options of `traefik()`, for callers the type checker does not see. */
const TRAEFIK_PROPS_SHAPE = {
  address: POOL_ADDRESS_SHAPE, entryPoints: 'strings', certResolver: 'string', acme: { '{}': 'object' }, acmeStorageTier: 'string',
  tcpEntryPoints: { '{}': 'port' }, hostPorts: 'boolean', nodePorts: 'boolean', resources: PART_RESOURCES_SHAPE, readTimeout: 'string', tailnetName: 'string',
} as const satisfies Record<keyof TraefikProps, PropShape>;

/** Routes through Traefik IngressRoutes. */
export function traefik(given: TraefikProps = {}): TraefikRoutes {
  // null, as a JavaScript caller writes for no options, is no options, as ingressNginx() reads it.
  const props = given ?? {};
  return checkedChoice(new TraefikRoutes(props), 'traefik()', props, TRAEFIK_PROPS_SHAPE, undefined, [...entryPointProblems(props), ...tcpEntryPointPortProblems(props), ...acmeResolverProblems(props?.acme), ...partResourcesProblems(props?.resources, 'resources', TRAEFIK_PARTS), ...readTimeoutProblems(props), ...tailnetNameProblems(props)]);
}

/** A `tailnetName` the Tailscale operator would refuse. Pure. */
function tailnetNameProblems(props: TraefikProps): PropProblem[] {
  const name = props?.tailnetName;
  const problem = typeof name === 'string' ? tailnetNameProblem(name) : undefined;
  return problem === undefined ? [] : [{
    field: 'tailnetName', message: `the tailnet machine name ${problem}; the Tailscale operator would refuse Traefik's Service`,
    hint: `name the machine with one label, e.g. tailnetName: '${tailnetNameSuggestion(name as string)}'`,
  }];
}

/**
 * A duration as Traefik reads it: Go's form (`90s`, `1h30m`, `5µs`), or whole seconds. The micro sign is
 * written as an escape: esbuild copies a regular expression literal as it is, and one character outside
 * ASCII makes the whole synth bundle UTF-8, read and compiled as two-byte text at every start.
 */
const TRAEFIK_DURATION = /^(?:\d+|(?:\d+(?:\.\d+)?(?:ns|us|\u00b5s|ms|s|m|h))+)$/;

/** A `readTimeout` that is no duration Traefik reads. Pure. */
function readTimeoutProblems(props: TraefikProps): PropProblem[] {
  const timeout = props?.readTimeout;
  return typeof timeout === 'string' && !TRAEFIK_DURATION.test(timeout) ? [{
    field: 'readTimeout', message: `"${timeout}" is no duration Traefik reads`,
    hint: "write a number with its unit, e.g. readTimeout: '30m' or '90s', or '0' for no limit",
  }] : [];
}

/** Ports the install's Service already gives its HTTP entry points. */
const HTTP_ENTRY_POINT_PORTS: Readonly<Record<number, string>> = { 80: 'web', 443: 'websecure' };

/**
 * TCP entry points named as an HTTP entry point or by a name no port can have, or whose port is one of the
 * HTTP entry points' ports or another TCP entry point's, which the API server refuses as a repeated Service
 * port (the props shape checks that each is a port). Pure.
 */
function tcpEntryPointPortProblems(props: TraefikProps): PropProblem[] {
  const entries = props?.tcpEntryPoints !== null && typeof props?.tcpEntryPoints === 'object' ? Object.entries(props.tcpEntryPoints) : [];
  const taken = new Map<number, string>(Object.entries(HTTP_ENTRY_POINT_PORTS).map(([port, name]) => [Number(port), name]));
  return entries.flatMap(([name, port]): PropProblem[] => {
    if (HTTP_ENTRY_POINTS.includes(name)) {
      // The chart's own entry point of that name carries HTTP; a TCP one of the same name would replace it.
      return [{
        field: `tcpEntryPoints.${name}`, message: `"${name}" is the name of Traefik's HTTP entry point`,
        hint: 'give the TCP entry point a name of its own, e.g. tcpEntryPoints: { mqtt: 1883 }',
      }];
    }
    const nameProblemText = nameProblem(name, IANA_SERVICE_NAME);
    if (nameProblemText !== undefined) {
      // The chart names its container's and its Service's port after the entry point: the API server
      // refuses a port name longer than 15 characters or in capitals, and the install fails after the push.
      return [{
        field: `tcpEntryPoints.${name}`, message: `entry point name ${nameProblemText}, and the Traefik chart names its container and Service port after it`,
        hint: `name the entry point in lower case, at most 15 characters, e.g. tcpEntryPoints: { ${nameMeant(name, IANA_SERVICE_NAME) ?? 'ssh'}: ${typeof port === 'number' ? port : '<port>'} } (and the same listenerName on its routes)`,
      }];
    }
    if (!Number.isInteger(port)) {
      return []; // the props shape reports what is no port
    }
    const owner = taken.get(port);
    taken.set(port, owner ?? name);
    return owner === undefined ? [] : [{
      field: `tcpEntryPoints.${name}`, message: `port ${port} is the port of entry point "${owner}" already`,
      hint: 'give each entry point a port of its own',
    }];
  });
}

/**
 * Entry points of `props` that the install does not define: Traefik skips a router on an unknown entry
 * point with nothing but a log line, so every route of the cluster would be unreachable. Pure.
 */
function entryPointProblems(props: TraefikProps): PropProblem[] {
  if (!Array.isArray(props?.entryPoints)) {
    return [];
  }
  const known = [...HTTP_ENTRY_POINTS, ...Object.keys(tcpEntryPointsOf(props))];
  return props.entryPoints.flatMap((name, i) => {
    if (typeof name !== 'string' || known.includes(name)) {
      return [];
    }
    const near = closestName(name, known);
    return [{
      field: `entryPoints[${i}]`,
      message: `Traefik defines no entry point "${name}", so it would skip every route on it`,
      hint: `${near ? `did you mean "${near}"? ` : ''}use one of: ${known.join(', ')} (a TCP entry point is declared in tcpEntryPoints)`,
    }];
  });
}

/**
 * Warns of a prefix path that ends in `/` (`/blog/`): Traefik's PathPrefix compares the request path as a
 * string, so it misses `/blog` itself, which Ingress' Prefix and Gateway API's PathPrefix (element-wise,
 * the trailing slash ignored) would route.
 */
function warnTrailingSlash(scope: Construct, route: RouteBinding, rule: RouteRule, index: number): void {
  const path = rule.match.path;
  if (rule.match.pathType === 'PathPrefix' && path.length > 1 && path.endsWith('/')) {
    const bare = path.replace(/\/+$/, '') || '/';
    reportFinding(scope, {
      layer: 'references', severity: 'warning', field: rulePathField(route, index),
      message: `Traefik's PathPrefix(\`${path}\`) matches only paths that begin with "${path}", so a request for "${bare}" itself is not routed`,
      hint: `write path: '${bare}', which Traefik matches for "${bare}" and every path beginning with it`,
    });
  }
}

/**
 * Traefik's rule expression for a host and a rule's path and header matches. Each value is one quoted
 * argument whatever it holds (`traefikRuleString`), so no value can add matchers of its own. Pure.
 */
export function traefikMatch(hostname: string, rule: RouteRule): string {
  const parts = [`Host(${traefikRuleString(hostname)})`];
  const { pathType, headers } = rule.match;
  // Traefik compares a rule's path with the request's decoded path.
  const path = decodedPath(rule.match.path);
  if (pathType === 'Exact') {
    parts.push(`Path(${traefikRuleString(path)})`);
  } else if (path !== '/') {
    parts.push(`PathPrefix(${traefikRuleString(path)})`);
  }
  for (const header of headers) {
    const matcher = header.type === 'RegularExpression' ? 'HeaderRegexp' : 'Header';
    parts.push(`${matcher}(${traefikRuleString(header.name)}, ${traefikRuleString(header.value)})`);
  }
  return parts.join(' && ');
}

/**
 * A backend as an IngressRoute's service: over HTTPS through the transport `transport` when it speaks TLS
 * (Traefik would speak HTTP to any port but 443), keys in sorted order. Pure.
 */
function traefikService(backend: RouteBackend, transport: string | undefined): Record<string, unknown> {
  const json = backendJson(backend);
  if (!backend.tls || transport === undefined) {
    return json;
  }
  const { name, port, weight } = json;
  const service: Record<string, unknown> = { name, port, scheme: 'https', serversTransport: transport };
  setPresent(service, 'weight', weight);
  return service;
}

/** A redirect as Traefik middleware: `redirectScheme` when only the scheme changes, else `redirectRegex`. */
function redirectMiddleware(redirect: RouteRedirect): Record<string, unknown> {
  const permanent = redirect.statusCode === 301;
  if (redirect.hostname === undefined && redirect.path === undefined) {
    return { redirectScheme: { scheme: redirect.scheme ?? 'https', port: redirect.port?.toString(), permanent } };
  }
  const scheme = redirect.scheme ?? '${1}';
  const host = redirect.hostname ?? '${2}';
  const port = redirect.port !== undefined ? `:${redirect.port}` : redirect.hostname === undefined ? '${3}' : '';
  const path = redirect.path ?? '${4}';
  return { redirectRegex: { regex: '^(https?)://([^/:]+)(:[0-9]+)?(/.*)?$', replacement: `${scheme}://${host}${port}${path}`, permanent } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
