import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PoolAddress } from '../inventory/address-pool';
import type { SecretReference } from '../secrets/secret-reference';
import { declareControllerMade } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { decodedPath } from '../validation/url-path';
import { InputError } from '../validation/input-error';
import { useCertManager, WildcardCertificate, wildcardCertificates } from './cert-manager';
import type { ClusterChart } from './cluster-chart';
import { CERT_MANAGER_COMPONENT } from './components/cert-manager';
import { INGRESS_NGINX_COMPONENT, INGRESS_NGINX_PARTS, INGRESS_NGINX_STRICT_PATH, ingressNginxComponent, type IngressNginxPart } from './components/ingress-nginx';
import { PART_RESOURCES_SHAPE, partResourcesProblems, type PartResources } from './part-resources';
import { serviceIpFamilies } from './ip-families';
import { loadBalancersServed, reportUnservedIngress } from './load-balancer';
import { KNOWN_DISTRIBUTIONS } from './cluster-ranges';
import type { IngressPeer } from './network-policy';
import { routeField, ruleField, rulePathField, unsupportedRouteFeature } from './route-features';
import { loadBalancerEntry, PlainHttpRoutes, RouteBinding, RouteFlavor, RouteRule, routeRules, tlsBackends } from './route-flavor';
import { UNVERIFIED_BACKEND_TLS_ANNOTATION } from '../app/security';
import { nginxBodySize } from './body-size';
import { checkedChoice } from '../validation/choice-props';
import { oneOf, type PropShape } from '../validation/known-props';
import { POOL_ADDRESS_SHAPE } from '../validation/app-props-shape';


/** What ends or breaks an unquoted nginx location once a path is decoded. */
const NGINX_LOCATION_BREAKERS = /[\s"'{};#\\]/;
/** Annotation that makes cert-manager issue a certificate for an Ingress from a ClusterIssuer. */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/** TLS from one wildcard certificate, copied into the routes' namespaces. */
export interface WildcardIngressTls extends WildcardTlsProps {
  /** Discriminator. */
  readonly type: 'wildcard';
}

/** TLS from a certificate per route, through cert-manager's ingress annotation. */
export interface PerRouteIngressTls {
  /** Discriminator. */
  readonly type: 'per-route';
  /** ClusterIssuer that signs each route's certificate. */
  readonly issuer: string;
}

/** No TLS: plain HTTP. */
export interface NoIngressTls {
  /** Discriminator. */
  readonly type: 'none';
}

/** How the Ingresses of a cluster get their TLS certificates. Create one with {@link IngressTls}. */
export type IngressTls = WildcardIngressTls | PerRouteIngressTls | NoIngressTls;

/** Options of a shared wildcard certificate. */
export interface WildcardTlsProps {
  /** ClusterIssuer that signs it (DNS-01: wildcards need it). */
  readonly issuer: string;
  /** Name of the Certificate and its Secret. @default - `wildcard-<domain>-tls` */
  readonly secretName?: string;
  /** Namespace the Certificate lives in; copies go to the routes' namespaces. @default 'cert-manager' */
  readonly namespace?: string;
}

/** Factories for {@link IngressTls}. */
export const IngressTls = {
  /**
   * One certificate for `*.<domain>` and `<domain>`, issued once in cert-manager's namespace and copied
   * into every namespace with a route by kubernetes-replicator. Hosts it does not cover get a
   * certificate of their own from the same issuer.
   */
  wildcard(props: WildcardTlsProps): IngressTls {
    return { type: 'wildcard', issuer: props.issuer, secretName: props.secretName, namespace: props.namespace };
  },
  /** A certificate per route, requested through the `cert-manager.io/cluster-issuer` annotation. */
  perRoute(issuer: string): IngressTls {
    return { type: 'per-route', issuer };
  },
  /** Plain HTTP only. */
  none(): IngressTls {
    return { type: 'none' };
  },
};

/** Options of the ingress-nginx route flavor. */
export interface IngressNginxProps {
  /** Address of the controller's LoadBalancer Service, from an inventory pool. @default - assigned by the load balancer */
  readonly address?: PoolAddress;
  /** IngressClass the controller serves and the Ingresses name. @default 'nginx' */
  readonly ingressClassName?: string;
  /** Where certificates come from. */
  readonly tls: IngressTls;
  /** Namespace of the controller. @default 'ingress-nginx' */
  readonly namespace?: string;
  /** Replicas of the controller. @default 1 */
  readonly replicas?: number;
  /**
   * Requests and limits by part (`controller`, `admissionJobs`), each as an App's `resources`, merged key by
   * key into the default. @default - the controller 50m CPU and 128Mi requested with a 512Mi memory limit;
   * the webhook certificate jobs 10m, 32Mi and 128Mi
   */
  readonly resources?: PartResources<IngressNginxPart>;
}

/** Fields of a route binding this flavor renders; any other field set on a route is reported. */
const UNDERSTOOD: ReadonlySet<string> = new Set([
  'name', 'namespace', 'hostname', 'field', 'path', 'serviceName', 'servicePort', 'backendTls', 'rules', 'basicAuth', 'maxBodySize', 'labels', 'annotations',
]);

/** The annotation that sets nginx's `client_max_body_size` for an Ingress; the controller's own is 1m. */
export const PROXY_BODY_SIZE_ANNOTATION = 'nginx.ingress.kubernetes.io/proxy-body-size';

/**
 * Routes become `networking.k8s.io/v1` Ingresses of one IngressClass, served by the ingress-nginx
 * controller, which the flavor installs. TLS comes from cert-manager: a shared wildcard certificate
 * copied into each route's namespace, or a certificate per route.
 */
export class IngressNginxRoutes implements RouteFlavor {
  public readonly name = 'ingress-nginx';
  /** Address of the controller's load balancer, when fixed. */
  public readonly address?: PoolAddress;
  public readonly addressFromLoadBalancer = true;
  /** An Ingress' `Prefix` path ignores its trailing slash: `/api/` is the path `/api`. */
  public readonly prefixIgnoresTrailingSlash = true;
  /** IngressClass name. */
  public readonly ingressClassName: string;
  /** TLS settings. */
  public readonly tls: IngressTls;
  private wildcard?: WildcardCertificate;
  /** Host names of the routes rendered, for the certificates that cover them. */
  private readonly routedHosts: string[] = [];

  constructor(private readonly props: IngressNginxProps) {
    this.address = props.address;
    this.ingressClassName = props.ingressClassName ?? 'nginx';
    this.tls = props.tls;
  }

  /** Under `IngressTls.none()` the Ingresses have no `tls`: the routes answer on plain HTTP alone. */
  public get plainHttpOnly(): PlainHttpRoutes | undefined {
    return this.tls.type !== 'none' ? undefined : {
      field: 'routes.tls',
      tlsOption: 'ingressNginx({ tls: IngressTls.perRoute(issuer) }), or IngressTls.wildcard({ issuer })',
    };
  }

  /** The ClusterIssuer of `IngressTls.perRoute(issuer)` or `IngressTls.wildcard({ issuer })`, which the Ingresses and the wildcard certificate name. */
  public get routeIssuer(): { name: string; field: string } | undefined {
    return this.tls?.type === 'per-route' || this.tls?.type === 'wildcard' ? { name: this.tls.issuer, field: 'routes.tls.issuer' } : undefined;
  }

  /** The controller's pods, as its chart labels them, in the namespace it is installed in. */
  public get ingressPeer(): IngressPeer {
    return { pods: { namespace: this.props.namespace ?? 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, podPorts: { http: 80, https: 443 } };
  }

  /** The ports of every node (a distribution may run the controller so), the controller's address, or what gives it one. */
  public reachedAt(cluster: ClusterChart): string {
    const controller = cluster.platform.get(INGRESS_NGINX_COMPONENT)?.values.controller as { hostPort?: { enabled?: unknown } } | undefined;
    return controller?.hostPort?.enabled === true ? 'ports 80 and 443 of every node' : loadBalancerEntry(cluster, this.address);
  }

  public bind(cluster: ClusterChart): void {
    if (this.tls.type === 'wildcard') {
      this.wildcard = new WildcardCertificate(cluster, 'wildcard-certificate', {
        issuer: this.tls.issuer, secretName: this.tls.secretName, namespace: this.tls.namespace,
      });
    } else if (this.tls.type === 'per-route') {
      useCertManager(cluster);
    }
    cluster.onPrepare(() => this.prepare(cluster));
    // Once every route has rendered and read its certificate.
    cluster.onPlatformPrepare(() => this.reportUnservedCertificates(cluster));
    // After the distribution had its say (K3s without servicelb serves the controller from the nodes).
    cluster.onPlatformPrepare(() => {
      const service = (cluster.platform.get(INGRESS_NGINX_COMPONENT)?.values.controller as { service?: { type?: unknown; loadBalancerClass?: unknown } } | undefined)?.service;
      // An address given with no load-balancer flavor is that address's one error (see prepare), as under Traefik.
      const addressReported = this.address !== undefined && !cluster.loadBalancer;
      if (service?.type === 'LoadBalancer' && service.loadBalancerClass === undefined && !loadBalancersServed(cluster) && !addressReported) {
        // Only K3s' own adaptation serves the controller from the nodes; on another distribution that is no way out.
        const distribution = cluster.platform.preinstalled.find((p) => p.distribution !== undefined)?.distribution;
        reportUnservedIngress(cluster, 'ingress-nginx', distribution === undefined || distribution === KNOWN_DISTRIBUTIONS.k3s.name
          ? "or, on K3s without ServiceLB, declare preinstalled: [k3s()], which serves it from the nodes' ports 80 and 443"
          : 'or route with traefik({ hostPorts: true }), which serves the nodes\' ports 80 and 443');
      }
    });
  }

  /**
   * A WildcardCertificate the user made that covers routes of the cluster is served by none of them: an
   * Ingress serves the certificates of the flavor's `tls` only. One warning per certificate, on it.
   */
  private reportUnservedCertificates(cluster: ClusterChart): void {
    const hosts = [...new Set(this.routedHosts)];
    for (const certificate of wildcardCertificates(cluster).filter((c) => c !== this.wildcard && !c.isRead)) {
      const covered = hosts.filter((host) => certificate.covers(host));
      if (covered.length > 0) {
        reportFinding(certificate, {
          layer: 'references', severity: 'warning', field: certificate.coverageField,
          message: `certificate ${certificate.namespace}/${certificate.secretName} covers ${covered.join(', ')}, but ingress-nginx serves its routes only the certificates of its tls option (${this.tls.type === 'none' ? 'IngressTls.none(): plain HTTP' : `IngressTls.perRoute('${this.tls.issuer}')`}), so no route serves this one`,
          hint: `to serve a wildcard, set ingressNginx({ tls: IngressTls.wildcard({ issuer: '${certificate.issuer}' }) }), which makes the certificate itself, and drop this one; for a default certificate of the controller, name its namespace with useIn(namespace)`,
        });
      }
    }
  }

  private prepare(cluster: ClusterChart): void {
    let serviceAnnotations: Record<string, string> = {};
    let loadBalancerClass: string | undefined;
    if (this.address) {
      if (!cluster.loadBalancer) {
        reportFinding(cluster, {
          layer: 'inventory', severity: 'error', field: 'routes.address',
          message: `ingress-nginx asks for address ${this.address.address}, but cluster "${cluster.clusterName}" has no load-balancer flavor`,
          hint: 'set `loadBalancer: metalLb({ pools: [...] })` on the cluster, or drop the address',
        });
      } else {
        try {
          const settings = cluster.loadBalancer.serviceSettings({ serviceName: 'ingress-nginx-controller', address: this.address });
          serviceAnnotations = settings.annotations;
          loadBalancerClass = settings.loadBalancerClass;
        } catch (error) {
          reportFinding(cluster, {
            layer: 'inventory', severity: 'error', field: 'routes.address',
            message: (error as Error).message, hint: error instanceof InputError ? error.hint : 'take the address from a pool the load balancer serves',
          });
        }
      }
    }
    const dependsOn = [
      ...(cluster.loadBalancer && cluster.platform.has(cluster.loadBalancer.name) ? [cluster.loadBalancer.name] : []),
      ...(this.tls.type !== 'none' ? [CERT_MANAGER_COMPONENT] : []),
    ];
    cluster.platform.require(ingressNginxComponent({
      namespace: this.props.namespace,
      ingressClassName: this.ingressClassName,
      serviceAnnotations,
      loadBalancerClass,
      ipFamilies: serviceIpFamilies(this.address ? [this.address.address] : []),
      replicas: this.props.replicas,
      dependsOn,
      // A flavor that declares what gives the address (MetalLB's pools) in the config layer.
      addressFromConfigLayer: cluster.loadBalancer?.addressFromConfigLayer === true,
      resources: this.props.resources,
    }));
  }

  public renderRoute(scope: Construct, route: RouteBinding): void {
    for (const [field, value] of Object.entries(route)) {
      if (!UNDERSTOOD.has(field) && value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
        unsupportedRouteFeature(scope, this.name, routeField(route, field), `"${field}" on an Ingress`,
          'drop it from the route, or use a route flavor that supports it (Gateway API, Traefik)');
      }
    }
    this.routedHosts.push(route.hostname);
    const annotations: Record<string, string> = { ...route.annotations };
    const rules = routeRules(route);
    const paths = rules.map((rule, index) => this.renderPath(scope, route, rule, index, rules.length, annotations));
    if (route.basicAuth) {
      this.basicAuth(scope, route, route.basicAuth, annotations);
    }
    this.backendTls(scope, route, annotations);
    if (route.maxBodySize) {
      // A service's need counts here too: the controller caps every body at 1 MiB by itself.
      annotations[PROXY_BODY_SIZE_ANNOTATION] = nginxBodySize(route.maxBodySize.size);
    }
    let tls: Array<Record<string, unknown>> | undefined;
    if (this.tls.type !== 'none') {
      annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'true';
      if (this.wildcard && this.wildcard.covers(route.hostname)) {
        this.wildcard.readBy(scope, route.namespace);
        tls = [{ hosts: [route.hostname], secretName: this.wildcard.secretName }];
      } else {
        annotations[CLUSTER_ISSUER_ANNOTATION] = this.tls.issuer;
        tls = [{ hosts: [route.hostname], secretName: `${route.name}-tls` }];
        // cert-manager's ingress shim creates this Secret from the annotation.
        declareControllerMade(scope, { secrets: [{ namespace: route.namespace, name: `${route.name}-tls` }] });
      }
    }
    new ApiObject(scope, 'route', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: {
        name: route.name, namespace: route.namespace, labels: route.labels,
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      spec: {
        ingressClassName: this.ingressClassName,
        tls,
        rules: [{ host: route.hostname, http: { paths } }],
      },
    });
  }

  /**
   * One path of the Ingress. Redirects and rewrites are annotations, which hold for the whole Ingress, so
   * they are rendered only for a route of one rule; header matches, header changes and weighted backends
   * have no Ingress form and are reported.
   */
  private renderPath(scope: Construct, route: RouteBinding, rule: RouteRule, index: number, ruleCount: number, annotations: Record<string, string>): Record<string, unknown> {
    const unsupported = (feature: string, what: string, hint: string) => unsupportedRouteFeature(scope, this.name, ruleField(route, index, feature), what, hint);
    if (rule.match.headers.length > 0) {
      unsupported('headers', 'header matches', 'match on host and path only, or use the Gateway API or Traefik flavor');
    }
    if (rule.backends.length > 1) {
      unsupported('backends', 'weighted backends in one rule', 'give the rule one backend; ingress-nginx splits traffic only through canary Ingresses');
    }
    if (rule.requestHeaders) {
      unsupported('requestHeaders', 'request header changes', 'ingress-nginx changes headers only through configuration snippets, which this flavor keeps off');
    }
    const perIngress = (feature: string) => {
      if (ruleCount > 1) {
        unsupported(feature, `a ${feature} on one rule of several (its annotation would apply to every path)`, 'give the route this one rule, or split it into routes of their own');
        return false;
      }
      return true;
    };
    // nginx compares a location with the request's decoded path, and writes the location into its
    // configuration unquoted, where a space, quote, brace, ';' or '#' ends or breaks it.
    let path = decodedPath(rule.match.path);
    if (NGINX_LOCATION_BREAKERS.test(path)) {
      unsupportedRouteFeature(scope, this.name, rulePathField(route, index), `the path "${rule.match.path}", which decoded holds characters nginx's configuration cannot hold in a location (a space, quote, brace, ';' or '#')`,
        'route a path without them, or use the Gateway API or Traefik flavor');
    }
    let pathType = rule.match.pathType === 'Exact' ? 'Exact' : 'Prefix';
    if (rule.redirect && perIngress('redirect')) {
      const r = rule.redirect;
      // A redirect keeps the request's scheme unless it names one: with TLS every request is HTTPS by then
      // (ssl-redirect), and with IngressTls.none() HTTPS would reach only the controller's self-signed default.
      const scheme = r.scheme ?? (this.tls.type === 'none' ? '$scheme' : 'https');
      const url = `${scheme}://${r.hostname ?? route.hostname}${r.port ? `:${r.port}` : ''}${r.path ?? '$request_uri'}`;
      annotations[r.statusCode === 301 ? 'nginx.ingress.kubernetes.io/permanent-redirect' : 'nginx.ingress.kubernetes.io/temporal-redirect'] = url;
    }
    if (rule.rewrite && perIngress('rewrite')) {
      const w = rule.rewrite;
      if (w.hostname) {
        annotations['nginx.ingress.kubernetes.io/upstream-vhost'] = w.hostname;
      }
      if (w.path !== undefined) {
        annotations['nginx.ingress.kubernetes.io/rewrite-target'] = w.path;
      } else if (w.pathPrefix !== undefined) {
        // The prefix is captured away and the rest appended to the new prefix.
        annotations['nginx.ingress.kubernetes.io/use-regex'] = 'true';
        annotations['nginx.ingress.kubernetes.io/rewrite-target'] = `${w.pathPrefix.replace(/\/$/, '')}/$2`;
        path = `${path.replace(/\/$/, '')}(/|$)(.*)`;
        pathType = 'ImplementationSpecific';
      }
    }
    // The controller's admission (strict-validate-path-type, on by default) takes only letters, digits, '.', '/',
    // '_' and '-' in Exact and Prefix paths; an ImplementationSpecific path without use-regex is a prefix too.
    if (pathType !== 'ImplementationSpecific' && !INGRESS_NGINX_STRICT_PATH.test(path)) {
      if (pathType === 'Exact') {
        unsupported('path', `the exact path "${path}", with characters ingress-nginx's admission refuses on Exact paths (only letters, digits, '.', '/', '_' and '-')`,
          'match it as a prefix (the default), or use the Gateway API or Traefik flavor');
      }
      pathType = 'ImplementationSpecific';
    }
    const backend = rule.backends[0] ?? { serviceName: route.serviceName, servicePort: route.servicePort };
    return { path, pathType, backend: { service: { name: backend.serviceName, port: { number: backend.servicePort } } } };
  }

  /**
   * HTTPS to the backends through the `backend-protocol` annotation, under which ingress-nginx does not
   * verify their certificates (`proxy-ssl-verify` is off by default), with the reason annotated. The
   * annotation holds for every path of the Ingress, so its backends must all speak TLS or none.
   */
  private backendTls(scope: Construct, route: RouteBinding, annotations: Record<string, string>): void {
    const tls = tlsBackends(route);
    if (tls.length === 0) {
      return;
    }
    const all = routeRules(route).flatMap((rule) => rule.backends);
    if (tls.length < all.length) {
      unsupportedRouteFeature(scope, this.name, tls[0].tls!.field, 'HTTPS to some backends of an Ingress and plain HTTP to others (its backend-protocol annotation holds for every path)',
        'route the HTTPS port and the plain ports through routes of their own');
      return;
    }
    annotations['nginx.ingress.kubernetes.io/backend-protocol'] = 'HTTPS';
    annotations[UNVERIFIED_BACKEND_TLS_ANNOTATION] = tls[0].tls!.unverifiedReason;
  }

  /** Basic auth from a Secret whose key `auth` holds htpasswd lines, which ingress-nginx requires. */
  private basicAuth(scope: Construct, route: RouteBinding, secret: SecretReference, annotations: Record<string, string>): void {
    if (secret.key !== 'auth') {
      unsupportedRouteFeature(scope, this.name, routeField(route, 'basicAuth'), `basic auth from the key "${secret.key}"`,
        'ingress-nginx reads htpasswd lines from the key `auth` of the Secret: reference that key');
      return;
    }
    annotations['nginx.ingress.kubernetes.io/auth-type'] = 'basic';
    annotations['nginx.ingress.kubernetes.io/auth-secret'] = secret.secretName;
    annotations['nginx.ingress.kubernetes.io/auth-realm'] = 'Authentication required';
  }
}

/** The options of `ingressNginx()`, for callers the type checker does not see. */
const INGRESS_NGINX_PROPS_SHAPE = {
  address: POOL_ADDRESS_SHAPE, ingressClassName: 'objectName', namespace: 'namespace', replicas: 'count',
  // The issuer and Secret names go into annotations and a Certificate as they are: cert-manager would sign nothing for an empty or invalid one.
  tls: { type: oneOf('wildcard', 'per-route', 'none'), issuer: 'objectName', secretName: 'objectName', namespace: 'namespace' } satisfies Record<keyof WildcardIngressTls, PropShape>,
  resources: PART_RESOURCES_SHAPE,
} as const satisfies Record<keyof IngressNginxProps, PropShape>;

/**
 * Routes through ingress-nginx Ingresses, with TLS from cert-manager. Kubernetes retired the ingress-nginx project in
 * March 2026: it gets no release, bug fix or security fix since, so `gatewayApi()` or `traefik()` are the flavors
 * for a cluster that is to stay patched.
 */
export function ingressNginx(given: IngressNginxProps): IngressNginxRoutes {
  // Called with nothing, it reports the props it needs rather than failing on them.
  const props = given ?? ({} as IngressNginxProps);
  return checkedChoice(new IngressNginxRoutes(props), 'ingressNginx()', props, INGRESS_NGINX_PROPS_SHAPE, {
    required: [['tls', "choose how routes get certificates: tls: IngressTls.wildcard({ issuer }), IngressTls.perRoute('issuer') or IngressTls.none()"]],
  }, partResourcesProblems(props?.resources, 'resources', INGRESS_NGINX_PARTS));
}
