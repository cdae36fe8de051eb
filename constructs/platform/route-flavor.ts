import type { Construct } from 'constructs';
import { setPresent } from '../app/plain';
import type { PoolAddress } from '../inventory/address-pool';
import type { SecretReference } from '../secrets/secret-reference';
import type { BodySize } from './body-size';
import type { ClusterChart } from './cluster-chart';
import { loadBalancerServer } from './load-balancer';
import type { IngressPeer } from './network-policy';

export type { BodySize } from './body-size';

/** How a rule matches the request path. */
export type PathMatchType = 'PathPrefix' | 'Exact';

/** A request header a rule matches. */
export interface HeaderMatch {
  /** Header name, e.g. `X-Tenant`. */
  readonly name: string;
  /** Value, or a regular expression when `type` is `RegularExpression`. */
  readonly value: string;
  /** How the value is compared. @default 'Exact' */
  readonly type?: 'Exact' | 'RegularExpression';
}

/** Changes to the request headers before the backend sees them. */
export interface HeaderModifier {
  /** Headers set, replacing any of that name. @default {} */
  readonly set?: Record<string, string>;
  /** Headers added, keeping any of that name. @default {} */
  readonly add?: Record<string, string>;
  /** Header names removed. @default [] */
  readonly remove?: string[];
}

/** An HTTP redirect answered by the ingress; the request reaches no backend. */
export interface RouteRedirect {
  /** Scheme of the new location. @default - the request's */
  readonly scheme?: 'http' | 'https';
  /** Host name of the new location. @default - the request's */
  readonly hostname?: string;
  /** Path of the new location. @default - the request's */
  readonly path?: string;
  /** Port of the new location. @default - the scheme's */
  readonly port?: number;
  /** HTTP status. @default 302 */
  readonly statusCode?: 301 | 302;
}

/** A rewrite of the request before it is forwarded. */
export interface RouteRewrite {
  /** Replace the matched path prefix with this one (only for `PathPrefix` rules). @default - path unchanged */
  readonly pathPrefix?: string;
  /** Replace the whole path with this one. @default - path unchanged */
  readonly path?: string;
  /** Replace the Host header. @default - unchanged */
  readonly hostname?: string;
}

/** A backend of a rule, in the app's namespace. */
export interface RouteBackendIntent {
  /** Service name. @default - the app's own Service */
  readonly service?: string;
  /** Service port by number. @default - the app's first port (for its own Service) */
  readonly port?: number;
  /** Relative share of requests among the rule's backends. @default 1 */
  readonly weight?: number;
}

/** One rule of a route: what it matches, where it sends the request and how it changes it. */
export interface RouteRuleIntent {
  /** Path to match. @default '/' */
  readonly path?: string;
  /** How the path matches. @default 'PathPrefix' */
  readonly pathType?: PathMatchType;
  /** Headers that must match too. @default [] */
  readonly headers?: HeaderMatch[];
  /** Backends, weighted. @default - the app's Service on the route's port */
  readonly backends?: RouteBackendIntent[];
  /** Request header changes. @default - none */
  readonly requestHeaders?: HeaderModifier;
  /** Answer with a redirect instead of forwarding. @default - forward */
  readonly redirect?: RouteRedirect;
  /** Rewrite the request before forwarding. @default - unchanged */
  readonly rewrite?: RouteRewrite;
}

/** What an app asks of the cluster's ingress: a host name, and optionally rules, a port and basic auth. */
export interface RouteIntent {
  /** Host name: a bare label (`jellyfin`) is placed under the cluster domain; a dotted name is used as is. */
  readonly host: string;
  /** Name of the route object, when it is not the app's (a route that fronts several apps). @default - the app's name */
  readonly name?: string;
  /** Path prefix of the single rule, when `rules` is not given. @default '/' */
  readonly path?: string;
  /** Service port (by number) to send traffic to. @default - the app's first TCP port that serves HTTP (not DNS over TCP, SMTP, a game's), else its first TCP port */
  readonly port?: number;
  /** Several rules, each with its matches, backends and filters. @default - one rule: `path` to `port` */
  readonly rules?: RouteRuleIntent[];
  /**
   * HTTP basic auth in front of every rule: a key of a Secret holding htpasswd lines (Traefik reads the key
   * `users`). Never a literal. The ingress removes the `Authorization` header it checked before the request
   * reaches the app, so an app with a login of its own never takes the gate's credentials for its own.
   * @default - no authentication at the ingress
   */
  readonly basicAuth?: SecretReference;
  /**
   * Name of the object that carries `basicAuth` where the ingress makes one (Traefik's Middleware), for a
   * name other manifests or documents already use. Only with `basicAuth`.
   * @default - the route's name followed by `-auth`
   */
  readonly basicAuthName?: string;
  /**
   * The largest request body the route lets through, as a whole number of `Ki`, `Mi` or `Gi` (`'512Mi'`),
   * or `'unlimited'`; a larger one is answered 413. ingress-nginx lets 1 MiB through unless told otherwise,
   * which fails uploads and git pushes over HTTPS; Traefik and Gateway API implementations set no limit
   * of their own. ingress-nginx renders it as its `proxy-body-size` annotation, Traefik as a buffering
   * Middleware (which reads the whole body before forwarding it), and Gateway API, which has no such field,
   * takes only `'unlimited'`.
   * @default - the service's own for a service construct that takes uploads (Jellyfin 20Mi, Forgejo 512Mi), else the ingress' (1 MiB under ingress-nginx, none under Traefik and Gateway API)
   */
  readonly maxBodySize?: BodySize;
}

/**
 * The largest request body of a route, resolved: a cap the user set, or what the service behind the route
 * needs for its uploads.
 */
export interface RouteBodyLimit {
  /** The size, or `unlimited`. */
  readonly size: BodySize;
  /**
   * The size is what a service construct's uploads need at the least, not a cap the user set: an ingress
   * that caps no body by itself (Traefik, Envoy) lets it through already, and renders nothing.
   * @default false
   */
  readonly atLeast?: boolean;
}

/** A path match, resolved. */
export interface RouteMatch {
  /** Path match type. */
  readonly pathType: PathMatchType;
  /** Path. */
  readonly path: string;
  /** Header matches. */
  readonly headers: readonly HeaderMatch[];
}

/**
 * TLS from the ingress to a backend port that serves HTTPS with a certificate of its own making: the
 * connection is encrypted, and the certificate is not verified (the ingress dials pod addresses, which no
 * certificate names). A flavor that cannot skip verification refuses it.
 */
export interface BackendTls {
  /** Why the certificate is not verified (the app's `unverifiedBackendTls` exemption), written beside the route. */
  readonly unverifiedReason: string;
  /** The prop that made the port HTTPS, for findings, e.g. `ports.https.appProtocol`. */
  readonly field: string;
}

/** A backend, resolved. */
export interface RouteBackend {
  /** Service name in the route's namespace. */
  readonly serviceName: string;
  /** Service port. */
  readonly servicePort: number;
  /** Weight. @default - equal shares */
  readonly weight?: number;
  /** TLS to the backend. @default - plain HTTP */
  readonly tls?: BackendTls;
}

/** A rule, resolved: every feature a flavor must render or refuse. */
export interface RouteRule {
  /** What the rule matches. */
  readonly match: RouteMatch;
  /** Where it sends requests (empty for a pure redirect). */
  readonly backends: readonly RouteBackend[];
  /** Request header changes. @default - headers pass as sent */
  readonly requestHeaders?: HeaderModifier;
  /** Redirect. @default - forward to the backends */
  readonly redirect?: RouteRedirect;
  /** Rewrite. @default - path and host pass as sent */
  readonly rewrite?: RouteRewrite;
}

/** A route ready to render: names resolved, the backend Services known. */
export interface RouteBinding {
  /** Name of the route object (usually the app name); names of helper objects start with it. */
  readonly name: string;
  /** Namespace of the route and its backend Services. */
  readonly namespace: string;
  /** Fully qualified host name. */
  readonly hostname: string;
  /**
   * The props field findings name the route by, e.g. `route` or `addRoute(web)`; `''` for a construct whose
   * own props are the route's (ServiceRoute: `path`, `host`). @default 'route'
   */
  readonly field?: string;
  /** Path prefix of a single-rule route (ignored when `rules` is given). */
  readonly path: string;
  /** Backend Service name of a single-rule route (ignored when `rules` is given). */
  readonly serviceName: string;
  /** Backend Service port of a single-rule route (ignored when `rules` is given). */
  readonly servicePort: number;
  /** TLS to the backend of a single-rule route (ignored when `rules` is given). @default - plain HTTP */
  readonly backendTls?: BackendTls;
  /** Every rule. @default - one rule: `path` prefix to `serviceName:servicePort` */
  readonly rules?: readonly RouteRule[];
  /** Basic auth in front of every rule. @default - none */
  readonly basicAuth?: SecretReference;
  /** Name of the object that carries the basic auth (Traefik's Middleware). @default - `<name>-auth` */
  readonly basicAuthName?: string;
  /** The largest request body the route lets through. @default - the ingress' own limit */
  readonly maxBodySize?: RouteBodyLimit;
  /** Labels for the route object. */
  readonly labels: Record<string, string>;
  /** Annotations for the route object (external-dns targets and the like). */
  readonly annotations: Record<string, string>;
}

/** The rules of a binding: its `rules`, or the one rule its single-rule fields describe. Pure. */
export function routeRules(route: RouteBinding): readonly RouteRule[] {
  if (route.rules && route.rules.length > 0) {
    return route.rules;
  }
  return [{
    match: { pathType: 'PathPrefix', path: route.path, headers: [] },
    backends: [{ serviceName: route.serviceName, servicePort: route.servicePort, tls: route.backendTls }],
  }];
}

/** The backends of a route that speak TLS. Pure. */
export function tlsBackends(route: RouteBinding): RouteBackend[] {
  return routeRules(route).flatMap((rule) => rule.backends.filter((backend) => backend.tls !== undefined));
}

/**
 * A backend as route objects name it (Traefik's services, Gateway API's backendRefs): name, port and
 * weight, keys in sorted order and an absent weight left out, the form synthesis writes.
 */
export function backendJson(backend: RouteBackend): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  setPresent(json, 'name', backend.serviceName);
  setPresent(json, 'port', backend.servicePort);
  setPresent(json, 'weight', backend.weight);
  return json;
}

/** A plain TCP port forwarded by the cluster's ingress to a Service (Forgejo's SSH, …). */
export interface TcpRouteBinding {
  /** Name of the route object (usually the app name). */
  readonly name: string;
  /** Namespace of the route and its backend Service. */
  readonly namespace: string;
  /**
   * Name of the ingress listener (Gateway listener, Traefik entry point) that accepts the port, e.g. `ssh`.
   * Traefik must define an entry point of this name on `port` in its static configuration.
   */
  readonly listenerName: string;
  /** Port clients connect to on the ingress address, e.g. 22. */
  readonly port: number;
  /** Backend Service name. */
  readonly serviceName: string;
  /** Backend Service port. */
  readonly servicePort: number;
  /** Labels for the route object. */
  readonly labels: Record<string, string>;
  /** The call or prop findings name the route by, e.g. `addTcpRoute(ssh)`, or Forgejo's `ssh`. @default 'tcpRoute' */
  readonly field?: string;
}

/** Where a flavor decides that its routes are served on plain HTTP alone, and how to give them TLS. */
export interface PlainHttpRoutes {
  /** The flavor's prop that decides it, as findings name it, e.g. `routes.tls`. */
  readonly field: string;
  /** How to serve the routes over HTTPS, e.g. `ingressNginx({ tls: IngressTls.perRoute(issuer) })`. */
  readonly tlsOption: string;
}

/**
 * How a cluster turns route intents into objects: Gateway API, Traefik, ingress-nginx, … A new ingress
 * implementation is one more class that implements this interface. A flavor renders every feature of a
 * `RouteBinding` it can express and reports a finding naming itself and the field for any it cannot
 * (`unsupportedRouteFeature`).
 */
export interface RouteFlavor {
  /** Short name, e.g. `traefik`. */
  readonly name: string;
  /** Address of the ingress load balancer, when fixed (split-horizon DNS points internal clients here). @default - none fixed */
  readonly address?: PoolAddress;
  /**
   * Whether the flavor asks the cluster's load-balancer flavor for its Service's `address`, which then
   * reports an address of a pool it does not serve itself; otherwise (a Gateway, whose implementation takes
   * the address) the cluster's check of its addresses does. @default false
   */
  readonly addressFromLoadBalancer?: boolean;
  /**
   * The certificate resolver the flavor's routes name (Traefik's `certResolver`): a resolver nothing
   * defines is reported once, on this prop, rather than on every route. @default - none
   */
  readonly certResolver?: string;
  /**
   * The cert-manager ClusterIssuer the flavor's routes and certificates name (ingress-nginx's
   * `IngressTls.perRoute(issuer)`, or `IngressTls.wildcard({ issuer })`, whose certificate and uncovered
   * routes name it), with the prop that sets it: an issuer nothing provides is reported once, on that prop,
   * rather than on every route and certificate. @default - none
   */
  readonly routeIssuer?: { readonly name: string; readonly field: string };
  /**
   * When the flavor serves its routes on plain HTTP alone (Traefik's `entryPoints` without `websecure`,
   * ingress-nginx's `IngressTls.none()`): the prop of the flavor that decides it, as findings name it
   * (`routes.entryPoints`), and how to serve them over HTTPS instead. A credential a route asks for (basic
   * auth, a login) then crosses the network in the clear. @default - the routes are served over HTTPS
   */
  readonly plainHttpOnly?: PlainHttpRoutes;
  /**
   * Whether a prefix path matches by whole path elements and ignores a trailing slash, as an Ingress' `Prefix`
   * does: `/api/` and `/api` are then one path, which two routes of a host cannot both hold. @default false
   */
  readonly prefixIgnoresTrailingSlash?: boolean;
  /**
   * Where routed traffic reaches backends from: the ingress controller's pods (namespace and labels),
   * or a Cilium entity. App network policies allow it on routed ports.
   */
  readonly ingressPeer: IngressPeer;
  /** Adds the cluster-wide objects the flavor needs (a Gateway, …). Called once by the cluster. */
  bind(cluster: ClusterChart): void;
  /** Renders one route under `scope`. */
  renderRoute(scope: Construct, route: RouteBinding): void;
  /**
   * Renders a plain TCP route under `scope`, for flavors whose ingress forwards TCP (Traefik's
   * IngressRouteTCP, Gateway API TCPRoute). Flavors without it cannot forward TCP; apps then use a
   * LoadBalancer Service.
   */
  renderTcpRoute?(scope: Construct, route: TcpRouteBinding): void;
  /**
   * Where clients reach the ingress, as the cluster's README says it: e.g. `192.168.8.50, its
   * load-balancer address`, or `node ports 30080 (HTTP) and 30443 (HTTPS) of every node`.
   * @default - the README does not say
   */
  reachedAt?(cluster: ClusterChart): string;
  /**
   * The port clients connect to for the ingress' port `port` (443, or a TCP listener's port): another one
   * where the ingress is served from node ports (Traefik's `nodePorts`: 443 on 30443). Apps that write
   * their own address into links (a forge's clone URLs) name this one.
   * @default - `port` itself
   */
  clientPort?(cluster: ClusterChart, port: number): number;
}

/** The port clients reach for the ingress' port `port` of `cluster`'s route flavor. */
export function ingressClientPort(cluster: ClusterChart, port: number): number {
  return cluster.routes.clientPort?.(cluster, port) ?? port;
}

/** `https://<hostname>`, with the port when clients reach HTTPS on another than 443. Pure. */
export function httpsOrigin(hostname: string, port = 443): string {
  return `https://${hostname}${port === 443 ? '' : `:${port}`}`;
}

/** The origin clients reach `hostname` at through `cluster`'s ingress (`https://git.lab.example:30443` on node ports). */
export function ingressHttpsOrigin(cluster: ClusterChart, hostname: string): string {
  return httpsOrigin(hostname, ingressClientPort(cluster, 443));
}

/** How a flavor's ingress is reached through a LoadBalancer Service: its fixed address, or what gives it one. Pure. */
export function loadBalancerEntry(cluster: ClusterChart, address: PoolAddress | undefined): string {
  if (address) {
    // An address of a range that is still a placeholder is a stand-in, as the range is.
    return `${address.address}${address.pool.placeholders.length > 0 ? ' (placeholder)' : ''}, its load-balancer address`;
  }
  const server = loadBalancerServer(cluster);
  return server ? `the address ${server} gives its LoadBalancer Service` : 'its LoadBalancer Service';
}
