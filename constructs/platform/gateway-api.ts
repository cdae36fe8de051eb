import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { Gateway, GatewaySpecListeners, GatewaySpecListenersAllowedRoutes, GatewaySpecListenersAllowedRoutesNamespacesFrom, TcpRoute } from '../../imports/gateway.networking.k8s.io';
import type { PoolAddress } from '../inventory/address-pool';
import { ClusterChart } from './cluster-chart';
import { CILIUM_GATEWAY_CLASS } from './components/cilium';
import { GATEWAY_API_CRDS_COMPONENT } from './components/gateway-api-crds';
import { reportFinding } from '../validation/finding';
import { gatewayIngressPeer } from './gateway-proxies';
import { trustFrontProxy } from './gateway-front-proxy';
import type { IngressPeer } from './network-policy';
import { routeField, unsupportedRouteFeature } from './route-features';
import { setPresent } from '../app/plain';
import { backendJson, loadBalancerEntry, RouteBinding, RouteFlavor, RouteRule, routeRules, TcpRouteBinding, tlsBackends } from './route-flavor';
import { checkedChoice } from '../validation/choice-props';
import type { PropProblem, PropShape } from '../validation/known-props';
import { DNS1123_LABEL, nameProblem } from '../validation/dns-names';
import { POOL_ADDRESS_SHAPE } from '../validation/app-props-shape';

/** The shared Gateway's plain-HTTP listener, on port 80. */
const HTTP_LISTENER = 'http';

/** Options of the Gateway API route flavor. */
export interface GatewayApiProps {
  /** GatewayClass of the installed implementation, e.g. `cilium`, `traefik`, `envoy-gateway`. */
  readonly gatewayClassName: string;
  /** Name of the shared Gateway. @default 'main-gateway' */
  readonly gatewayName?: string;
  /** Namespace of the shared Gateway. @default 'gateway' */
  readonly namespace?: string;
  /** Fixed address of the Gateway, from an inventory pool. @default - assigned by the implementation */
  readonly address?: PoolAddress;
  /** Secret holding the wildcard certificate for `*.<domain>`. @default - `<gatewayName>-tls` */
  readonly certificateSecretName?: string;
  /**
   * Namespaces whose routes the Gateway's listeners admit (tenant namespaces, the namespace of a chart's
   * UI), each a namespace name. Routes elsewhere are not attached. `*` is refused rather than read as
   * "every namespace": the list becomes a label selector, where `*` is a literal name no namespace has;
   * leave the option out to admit every namespace (`from: All`).
   * @default - every namespace
   */
  readonly routeNamespaces?: string[];
  /**
   * Routes answer plain HTTP on port 80 as well as HTTPS on 443: for a reverse proxy in front of the
   * Gateway that terminates TLS itself and forwards plain HTTP. Without it the HTTP listener serves only
   * ACME challenges. Under Cilium, its Envoy then keeps that proxy's X-Forwarded-Proto and X-Forwarded-For
   * (`gatewayAPI.xffNumTrustedHops: 1`), so the apps see the client's `https` and address.
   * @default false
   */
  readonly servePlainHttp?: boolean;
  /**
   * Plain HTTP on port 80 answers every host under the domain with a permanent redirect (301) to the same
   * URL over HTTPS, as Traefik's `web` entry point does: an HTTPRoute on the HTTP listener whose one rule
   * is a `RequestRedirect` filter. Routes for a single host on that listener, such as cert-manager's
   * HTTP-01 solvers, still answer their paths, since a route for a whole host name outranks one for the
   * wildcard. Cannot be combined with `servePlainHttp`, under which routes answer plain HTTP themselves.
   * @default - true, unless `servePlainHttp` is set
   */
  readonly redirectPlainHttp?: boolean;
}

/** Routes become Gateway API `HTTPRoute`s attached to one shared Gateway that this flavor declares. */
export class GatewayApiRoutes implements RouteFlavor {
  public readonly name = 'gateway-api';
  /** Address of the ingress load balancer, when fixed. */
  public readonly address?: PoolAddress;
  /** Name of the shared Gateway. */
  public readonly gatewayName: string;
  /** GatewayClass of the shared Gateway. */
  public readonly gatewayClassName: string;
  /** Namespace of the shared Gateway. */
  public readonly gatewayNamespace: string;
  /** Listener name that HTTPS routes attach to. */
  public readonly httpsListener = 'https';
  private gateway?: Gateway;
  /** The cluster's domain, whose `*.` the listeners answer to; known once the flavor is bound. */
  private domain?: string;
  /** TCP listeners added by routes, by port, so two routes cannot claim one port under different names. */
  private readonly tcpListeners = new Map<number, string>();
  /**
   * The Gateway's listeners, held by the Gateway object itself: a TCP route's listener is appended here,
   * which the Gateway writes when it is synthesized (a JSON patch would load its library for it).
   */
  private readonly listeners: GatewaySpecListeners[] = [];

  constructor(private readonly props: GatewayApiProps) {
    this.address = props.address;
    this.gatewayName = props.gatewayName ?? 'main-gateway';
    this.gatewayClassName = props.gatewayClassName;
    this.gatewayNamespace = props.namespace ?? 'gateway';
  }

  /** Name of the Secret in the Gateway's namespace whose certificate its HTTPS listener serves every route. */
  public get certificateSecretName(): string {
    return this.props.certificateSecretName ?? `${this.gatewayName}-tls`;
  }

  /** The listeners an HTTP route attaches to: HTTPS, and plain HTTP when the Gateway serves it. */
  private get routeListeners(): string[] {
    return this.props.servePlainHttp ? [HTTP_LISTENER, this.httpsListener] : [this.httpsListener];
  }

  /** The shared Gateway's address, or what gives its LoadBalancer Service one. */
  public reachedAt(cluster: ClusterChart): string {
    return loadBalancerEntry(cluster, this.address);
  }

  /** The routes a listener of the shared Gateway admits: those of `routeNamespaces`, or of every namespace. */
  public get allowedRoutes(): GatewaySpecListenersAllowedRoutes {
    return this.routesAdmitted([]);
  }

  /** The routes a listener admits: those `allowedRoutes` admits, and those of the `extra` namespaces. */
  private routesAdmitted(extra: readonly string[]): GatewaySpecListenersAllowedRoutes {
    if (!this.props.routeNamespaces) {
      return { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } };
    }
    const names = [...new Set([...this.props.routeNamespaces, ...extra])].sort();
    return { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: names }] } } };
  }

  public bind(cluster: ClusterChart): void {
    cluster.namespaces.ensure(this.gatewayNamespace);
    this.domain = cluster.domain;
    const wildcard = `*.${cluster.domain}`;
    const allowedRoutes = this.allowedRoutes;
    this.gateway = new Gateway(cluster, 'gateway', {
      metadata: { name: this.gatewayName, namespace: this.gatewayNamespace },
      spec: {
        gatewayClassName: this.props.gatewayClassName,
        addresses: this.address ? [{ type: 'IPAddress', value: this.address.address }] : undefined,
        listeners: this.listeners,
      },
    });
    this.listeners.push(
      {
        name: HTTP_LISTENER, protocol: 'HTTP', port: 80, hostname: wildcard,
        allowedRoutes: this.redirectsPlainHttp ? this.routesAdmitted([this.gatewayNamespace]) : allowedRoutes,
      },
      {
        name: this.httpsListener, protocol: 'HTTPS', port: 443, hostname: wildcard,
        tls: { mode: 'Terminate' as any, certificateRefs: [{ kind: 'Secret', name: this.certificateSecretName }] },
        allowedRoutes,
      },
    );
    if (this.props.servePlainHttp) {
      trustFrontProxy(cluster, this.props.gatewayClassName);
    }
    if (this.redirectsPlainHttp) {
      this.renderHttpsRedirect(cluster, wildcard);
    }
  }

  /** Whether the HTTP listener redirects to HTTPS (see {@link GatewayApiProps.redirectPlainHttp}). */
  public get redirectsPlainHttp(): boolean {
    return this.props.redirectPlainHttp ?? !this.props.servePlainHttp;
  }

  /**
   * The HTTPRoute that answers plain HTTP with a redirect to HTTPS. It lives in the Gateway's namespace,
   * which the HTTP listener therefore admits even when `routeNamespaces` leaves it out.
   */
  private renderHttpsRedirect(cluster: ClusterChart, wildcard: string): void {
    new ApiObject(cluster, 'https-redirect', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute',
      metadata: { name: `${this.gatewayName}-https-redirect`, namespace: this.gatewayNamespace },
      spec: {
        hostnames: [wildcard],
        parentRefs: [{ name: this.gatewayName, namespace: this.gatewayNamespace, sectionName: HTTP_LISTENER }],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
      },
    });
  }

  /**
   * The implementation's proxy pods: Cilium's Envoy runs in the node and appears as the `ingress` entity;
   * Envoy Gateway labels its proxies with the owning Gateway; Istio runs one beside the Gateway; other
   * implementations run in a namespace named like the class (`traefik`, …).
   */
  public get ingressPeer(): IngressPeer {
    return gatewayIngressPeer(this.props.gatewayClassName, this.gatewayName, this.gatewayNamespace);
  }

  /**
   * An `HTTPRoute` with one rule per route rule: path and header matches, weighted backends, and the
   * RequestHeaderModifier, RequestRedirect and URLRewrite filters. Basic auth has no standard filter.
   */
  public renderRoute(scope: Construct, route: RouteBinding): void {
    if (route.basicAuth) {
      unsupportedRouteFeature(scope, this.name, routeField(route, 'basicAuth'), 'basic auth (Gateway API has no standard authentication filter)',
        'drop `basicAuth` and authenticate in the app, or route through the Traefik flavor');
    }
    if (this.domain !== undefined && !route.hostname.endsWith(`.${this.domain}`)) {
      // The Gateway accepts only routes whose hostnames meet a listener's; this one would stay detached. It is
      // not rendered, so the check of every route's hostnames (references) does not name it a second time.
      unsupportedRouteFeature(scope, this.name, routeField(route, 'host'),
        `the host ${route.hostname}, which no listener of gateway "${this.gatewayName}" answers (they take *.${this.domain})`,
        `give a host under ${this.domain}: a bare label such as 'photos', or a full name ending in .${this.domain}`);
      return;
    }
    const bodyLimit = route.maxBodySize;
    if (bodyLimit && !bodyLimit.atLeast && bodyLimit.size !== 'unlimited') {
      // Gateway API has no field for it, and Envoy (Cilium's, Envoy Gateway's, Istio's) streams a proxied
      // body without a cap on its size, so `unlimited`, and a service's need, are what every route gets
      // already. A finite cap would take an implementation's own policy, which a route of this flavor cannot
      // name for every class: refused rather than dropped.
      unsupportedRouteFeature(scope, this.name, routeField(route, 'maxBodySize'), `a request body limit of ${bodyLimit.size} (Gateway API has no field for it, and its implementations let any size through)`,
        "leave maxBodySize out or write 'unlimited', and let the app refuse bodies it will not take; or route through the ingress-nginx or Traefik flavor");
    }
    const tls = tlsBackends(route)[0]?.tls;
    if (tls) {
      unsupportedRouteFeature(scope, this.name, tls.field, `a backend that serves HTTPS with a certificate it does not verify (${backendTlsPolicyState(scope)})`,
        'serve plain HTTP on the port the route sends to, or route through the Traefik or ingress-nginx flavor');
    }
    const rules = routeRules(route).map((rule) => this.httpRule(rule));
    new ApiObject(scope, 'route', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute',
      metadata: { name: route.name, namespace: route.namespace, labels: route.labels, annotations: route.annotations },
      // Keys in sorted order: synthesis keeps the spec as it is rather than a copy.
      spec: {
        hostnames: [route.hostname],
        parentRefs: this.routeListeners.map((sectionName) => ({ name: this.gatewayName, namespace: this.gatewayNamespace, sectionName })),
        rules,
      },
    });
  }

  private httpRule(rule: RouteRule): Record<string, unknown> {
    const filters: Record<string, unknown>[] = [];
    const headers = rule.requestHeaders;
    if (headers) {
      const pairs = (record: Record<string, string> | undefined) => {
        const list = Object.entries(record ?? {}).map(([name, value]) => ({ name, value: headerValueFor(this.gatewayClassName, value) }));
        return list.length > 0 ? list : undefined;
      };
      filters.push({
        type: 'RequestHeaderModifier',
        requestHeaderModifier: { set: pairs(headers.set), add: pairs(headers.add), remove: headers.remove && headers.remove.length > 0 ? headers.remove : undefined },
      });
    }
    // A redirect and a rewrite in one rule are refused with the route's props, for every flavor.
    if (rule.redirect) {
      const r = rule.redirect;
      filters.push({
        type: 'RequestRedirect',
        requestRedirect: {
          scheme: r.scheme, hostname: r.hostname, port: r.port, statusCode: r.statusCode ?? 302,
          path: r.path !== undefined ? { type: 'ReplaceFullPath', replaceFullPath: r.path } : undefined,
        },
      });
    } else if (rule.rewrite) {
      // A prefix rewrite of an exact match is refused with the route's props, for every flavor.
      const w = rule.rewrite;
      const path = w.path !== undefined
        ? { type: 'ReplaceFullPath', replaceFullPath: w.path }
        : w.pathPrefix !== undefined ? { type: 'ReplacePrefixMatch', replacePrefixMatch: w.pathPrefix } : undefined;
      filters.push({ type: 'URLRewrite', urlRewrite: { hostname: w.hostname, path } });
    }
    const headerMatches = rule.match.headers.map((h) => ({ type: h.type ?? 'Exact', name: h.name, value: h.value }));
    const match: Record<string, unknown> = {};
    setPresent(match, 'headers', headerMatches.length > 0 ? headerMatches : undefined);
    match.path = { type: rule.match.pathType, value: rule.match.path };
    // Keys in sorted order, absent values left out: synthesis keeps the rule as it is rather than a copy.
    const json: Record<string, unknown> = {};
    // A redirect answers the request itself; Gateway API refuses backends beside it.
    setPresent(json, 'backendRefs', rule.redirect ? undefined : rule.backends.map(backendJson));
    setPresent(json, 'filters', filters.length > 0 ? filters : undefined);
    json.matches = [match];
    return json;
  }

  /**
   * A `TCPRoute` (v1alpha2) attached to a TCP listener of the shared Gateway; the listener is added to
   * the Gateway the first time a route asks for its port.
   */
  public renderTcpRoute(scope: Construct, route: TcpRouteBinding): void {
    if (!this.gateway) {
      throw new Error('the Gateway API flavor renders TCP routes only after it is bound to a cluster');
    }
    if (this.gatewayClassName === CILIUM_GATEWAY_CLASS) {
      // The CRD would be missing too (Cilium installs the standard channel); the finding that counts is that no release forwards it.
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: route.field ?? 'tcpRoute',
        message: `Cilium's Gateway API implements no TCPRoute (it routes HTTPRoute, GRPCRoute and TLSRoute), so gateway "${this.gatewayName}" would never forward TCP port ${route.port} to Service ${route.namespace}/${route.serviceName}`,
        hint: "serve the port on a load balancer of the app's own: loadBalancer: { address, ports: ['<the port's name>'] } (Forgejo: ssh: { loadBalancer: { address } })",
      });
      return;
    }
    const existing = this.tcpListeners.get(route.port);
    if (existing !== undefined && existing !== route.listenerName) {
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: `${route.field ?? 'tcpRoute'}.port`,
        message: `TCP port ${route.port} of gateway "${this.gatewayName}" is taken by listener "${existing}"`,
        hint: 'give the route a port of its own',
      });
      return;
    }
    if (existing === undefined) {
      this.tcpListeners.set(route.port, route.listenerName);
      this.listeners.push({
        name: route.listenerName, protocol: 'TCP', port: route.port,
        allowedRoutes: { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } },
      });
    }
    new TcpRoute(scope, `tcp-route-${route.listenerName}`, {
      metadata: { name: `${route.name}-${route.listenerName}`, namespace: route.namespace, labels: route.labels },
      spec: {
        parentRefs: [{ name: this.gatewayName, namespace: this.gatewayNamespace, sectionName: route.listenerName }],
        rules: [{ backendRefs: [{ name: route.serviceName, port: route.servicePort }] }],
      },
    });
  }
}

/**
 * What the cluster's Gateway API offers for TLS to backends: BackendTLSPolicy, standard from v1.4.0,
 * always verifies the backend's certificate against a CA and a host name, and has no way to skip it.
 */
function backendTlsPolicyState(scope: Construct): string {
  const crds = ClusterChart.of(scope).platform.get(GATEWAY_API_CRDS_COMPONENT)?.install;
  const tag = crds?.type === 'manifests' ? crds.tag : undefined;
  const installed = tag === undefined ? '' : gatewayApiHasBackendTlsPolicy(tag)
    ? `; the ${tag} CRDs the cluster installs have it` : `; the ${tag} CRDs the cluster installs do not even have it`;
  return `Gateway API's BackendTLSPolicy, standard from v1.4.0, always verifies the certificate against a CA and a host name${installed}`;
}

/** Whether the standard channel of release `tag` (e.g. `v1.2.0`) has BackendTLSPolicy. Pure. */
export function gatewayApiHasBackendTlsPolicy(tag: string): boolean {
  const match = /^v(\d+)\.(\d+)\./.exec(tag);
  return match !== null && (Number(match[1]) > 1 || Number(match[2]) >= 4);
}

/** The options of `gatewayApi()`, for callers the type checker does not see. */
const GATEWAY_API_PROPS_SHAPE = {
  gatewayClassName: 'objectName', gatewayName: 'objectName', namespace: 'namespace', address: POOL_ADDRESS_SHAPE, certificateSecretName: 'string',
  routeNamespaces: { '[]': 'string' },
  servePlainHttp: 'boolean', redirectPlainHttp: 'boolean',
} as const satisfies Record<keyof GatewayApiProps, PropShape>;

/** Routes through a shared Gateway API Gateway. */
export function gatewayApi(given: GatewayApiProps): GatewayApiRoutes {
  // Called with nothing, it reports the props it needs rather than failing on them.
  const props = given ?? ({} as GatewayApiProps);
  return checkedChoice(new GatewayApiRoutes(props), 'gatewayApi()', props, GATEWAY_API_PROPS_SHAPE,
    { required: [['gatewayClassName', "name the GatewayClass that serves the Gateway, e.g. gatewayApi({ gatewayClassName: 'cilium' })"]] },
    [...routeNamespaceProblems(props?.routeNamespaces), ...plainHttpProblems(props)]);
}

/** `servePlainHttp` beside `redirectPlainHttp: true`: port 80 cannot both answer and redirect. Pure. */
function plainHttpProblems(props: GatewayApiProps | undefined): PropProblem[] {
  return props?.servePlainHttp === true && props.redirectPlainHttp === true
    ? [{
      field: 'redirectPlainHttp', message: 'redirectPlainHttp is set beside servePlainHttp: the HTTP listener cannot both answer routes and redirect them to HTTPS',
      hint: 'keep servePlainHttp for a proxy in front that terminates TLS, or leave it out to redirect plain HTTP to HTTPS',
    }]
    : [];
}

/** The entries of `routeNamespaces` that name no namespace (`*`, capitals), which the listeners' selector would never match. Pure. */
function routeNamespaceProblems(namespaces: unknown): PropProblem[] {
  if (!Array.isArray(namespaces)) {
    return [];
  }
  return namespaces.flatMap((namespace, i): PropProblem[] => {
    const field = `routeNamespaces[${i}]`;
    if (namespace === '*') {
      return [{
        field, message: 'routeNamespaces lists "*", which the listeners\' label selector takes as a namespace named "*": no route would be admitted',
        hint: 'leave routeNamespaces out to admit routes of every namespace, or list the namespaces by name',
      }];
    }
    return typeof namespace === 'string' && nameProblem(namespace, DNS1123_LABEL) !== undefined
      ? [{ field, message: `routeNamespaces lists "${namespace}", which is no namespace name`, hint: "list namespaces by name: lower-case letters, digits and '-'" }]
      : [];
  });
}

/**
 * A header value as the implementation must be given it to send the value as written, which is what the
 * Gateway API means. Cilium hands values to Envoy unchanged, and Envoy reads `%…%` as a command: an unknown
 * one (`%REQ_ID%`) makes Envoy refuse the Gateway's whole configuration, so `%` is doubled there. Pure.
 */
export function headerValueFor(gatewayClassName: string, value: string): string {
  return gatewayClassName === 'cilium' ? value.replace(/%/g, '%%') : value;
}
