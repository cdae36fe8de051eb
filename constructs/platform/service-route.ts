import { Construct } from 'constructs';
import { LABEL_VALUE } from '../validation/dns-names';
import { declareExternal } from '../validation/external';
import { ClusterChart } from './cluster-chart';
import { relativeLookingHost, routeHostHint, routeHostProblem } from '../app/route-host';
import { reportFinding } from '../validation/finding';
import { routePathProblems } from '../app/route-props';
import { claimRoutePaths } from './route-claims';
import { PropShape, rejectPropProblems, requireProps } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/secret-reference-shape';
import { warnCredentialOverPlainHttp } from './plain-http-credentials';
import { NO_LOGIN_ANNOTATION, OidcLogin, oidcLoginProblems, renderRouteLogin } from './route-login';
import { adminUiOf } from './admin-uis';
import { noteIssuer } from '../validation/oidc-issuer';
import { type BodySize, bodySizeProblems, routeBodyLimit } from './body-size';
import { recordRoutedService } from '../app/route-backends';

/** A route to a Service that something else creates (a chart release, a component's UI). */
export interface ServiceRouteProps {
  /** Host name: a bare label is placed under the cluster domain. */
  readonly host: string;
  /** Namespace of the Service and of the route. */
  readonly namespace: string;
  /** Name of the Service, as its chart names it. */
  readonly serviceName: string;
  /** Service port. */
  readonly port: number;
  /** Name of the route object. @default - the construct id */
  readonly name?: string;
  /** Path prefix, from the root (`/dashboard`). @default '/' */
  readonly path?: string;
  /**
   * The largest request body the route lets through, as a whole number of `Ki`, `Mi` or `Gi` (`'512Mi'`), or
   * `'unlimited'`; as a route's `maxBodySize`, which says how each route flavor renders it.
   * @default - the ingress' own limit (1 MiB under ingress-nginx, none under Traefik and Gateway API)
   */
  readonly maxBodySize?: BodySize;
  /**
   * An OpenID Connect login in front of the Service (oauth2-proxy, which then owns the route), for a web UI
   * without a login of its own. A known admin UI (Hubble UI) is routed only with one, or with the `noLogin`
   * exemption.
   * @default - no login: the route reaches the Service directly
   */
  readonly login?: OidcLogin;
  /** Departures from the secure defaults, each with its reason. @default - none */
  readonly exemptions?: ServiceRouteExemptions;
}

/** Departures of a route from the secure defaults, each with its reason. */
export interface ServiceRouteExemptions {
  /**
   * Why a known admin UI (Hubble UI, which shows every flow of the cluster) is routed without a login, e.g.
   * `reached only through a VPN whose users are all admins`. Written as the route's annotation
   * `security.homelab.dev/no-login`.
   * @default - an admin UI needs a login
   */
  readonly noLogin?: string;
}

/** `ServiceRouteProps`, for callers the type checker does not see. */
const SERVICE_ROUTE_PROPS_SHAPE = {
  host: 'string', namespace: 'namespace', serviceName: 'objectName', port: 'port', name: 'objectName', path: 'string', maxBodySize: 'any',
  login: {
    issuerUrl: 'string', clientId: 'string', clientSecret: SECRET_REFERENCE, cookieSecret: SECRET_REFERENCE, allowedGroups: 'strings', namespace: 'namespace',
    labels: { '{}': 'string' }, backendPods: { podLabels: { '{}': 'string' }, port: 'port' },
  } satisfies Record<keyof OidcLogin, PropShape>,
  exemptions: { noLogin: 'string' } satisfies Record<keyof ServiceRouteExemptions, PropShape>,
} as const satisfies Record<keyof ServiceRouteProps, PropShape>;

/**
 * Exposes a Service that the repository does not render itself (a Helm chart's web service, Hubble UI)
 * through the cluster's ingress; the Service is declared external so reference checks accept it.
 */
export class ServiceRoute extends Construct {
  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    requireProps(this, 'ServiceRoute', props, SERVICE_ROUTE_PROPS_SHAPE, {
      required: [
        ['host', "give the host name, e.g. host: 'grafana'"],
        ['namespace', 'give the namespace of the Service'],
        ['serviceName', 'give the name of the Service, as its chart names it'],
        ['port', 'give the Service port'],
      ],
    });
    if (props.path !== undefined) {
      // The same rule as an app's route path: a path without its slash matches no request.
      rejectPropProblems(this, 'ServiceRoute', routePathProblems(props.path, 'path'));
    }
    rejectPropProblems(this, 'ServiceRoute', bodySizeProblems(props.maxBodySize, 'maxBodySize'));
    const cluster = ClusterChart.of(this);
    const full = (label: string) => cluster.hostname(label);
    // The same rule as an app's route host, on the prop the user wrote rather than on the object rendered from it.
    const { problem } = routeHostProblem(props.host, full, cluster.domain);
    if (problem !== undefined) {
      rejectPropProblems(this, 'ServiceRoute', [{ field: 'host', message: `the route's host ${problem}`, hint: routeHostHint(props.host, full) }]);
    }
    const relative = problem === undefined ? relativeLookingHost(props.host, [cluster.domain, cluster.site.domain]) : undefined;
    if (relative) {
      reportFinding(this, { layer: 'props', severity: 'warning', field: 'host', ...relative });
    }
    const name = props.name ?? id;
    if (name.length > LABEL_VALUE.maxLength) {
      // Also the route's label app.kubernetes.io/name: reported on the name, not on the label built from it.
      rejectPropProblems(this, 'ServiceRoute', [{
        field: 'name',
        message: `the route's name "${name}"${props.name === undefined ? ' (its construct id, as no name is given)' : ''} is ${name.length} characters long; it is also the value of the route's label app.kubernetes.io/name, which may have at most ${LABEL_VALUE.maxLength}`,
        hint: `give a name of at most ${LABEL_VALUE.maxLength} characters, e.g. name: '${name.slice(0, LABEL_VALUE.maxLength).replace(/[-.]+$/, '')}'`,
      }]);
    }
    declareExternal(this, { services: [{ namespace: props.namespace, name: props.serviceName }] });
    this.checkLogin(props);
    const hostname = cluster.hostname(props.host);
    const path = props.path ?? '/';
    if (props.login !== undefined) {
      warnCredentialOverPlainHttp(this, cluster.routes, 'login', "a sign-in, whose session cookie the login proxy marks Secure (a browser sends it back only over HTTPS)");
      // The proxy's own route claims the host and path.
      renderRouteLogin(this, cluster, { name, host: props.host, path, namespace: props.namespace, serviceName: props.serviceName, port: props.port, maxBodySize: props.maxBodySize }, props.login);
      return;
    }
    if (!claimRoutePaths(this, cluster, { hostname, paths: [{ path, field: props.path !== undefined ? 'path' : undefined }], hostField: 'host', route: 'ServiceRoute' })) {
      return;
    }
    const noLogin = props.exemptions?.noLogin;
    cluster.routes.renderRoute(this, {
      // Findings of the flavor name the ServiceRoute's own props (`path`, `host`).
      name, namespace: props.namespace, hostname, path, field: '',
      serviceName: props.serviceName, servicePort: props.port, maxBodySize: routeBodyLimit(props.maxBodySize),
      labels: { 'app.kubernetes.io/name': name }, annotations: { ...cluster.dnsAnnotations(), ...(noLogin !== undefined ? { [NO_LOGIN_ANNOTATION]: noLogin } : {}) },
    });
    // An app of the cluster behind the Service admits the ingress on that port, as for its own route.
    recordRoutedService(cluster, props.namespace, props.serviceName, props.port, hostname);
  }

  /**
   * Refuses a login that does not hold, and a route without one to a known admin UI unless the `noLogin`
   * exemption says why.
   */
  private checkLogin(props: ServiceRouteProps): void {
    if (props.login !== undefined) {
      const issuer = noteIssuer(ClusterChart.of(this), props.login.issuerUrl, `ServiceRoute ${this.node.path}'s login.issuerUrl`, 'login.issuerUrl');
      rejectPropProblems(this, 'ServiceRoute', [
        ...oidcLoginProblems(props.login),
        ...(issuer !== undefined ? [issuer] : []),
        // The annotation would claim an open route that the login closes.
        ...(props.exemptions?.noLogin !== undefined ? [{
          field: 'exemptions.noLogin', message: 'the route has a login, and the exemption would say it has none',
          hint: 'keep the login and drop exemptions.noLogin, or drop the login to route without one',
        }] : []),
      ]);
      return;
    }
    const noLogin = props.exemptions?.noLogin;
    if (typeof noLogin === 'string' && noLogin.trim() === '') {
      rejectPropProblems(this, 'ServiceRoute', [{
        field: 'exemptions.noLogin', message: 'the exemption is empty, and its reason is what the route\'s annotation says about an admin UI anyone who reaches it may use',
        hint: "say why no login is needed, e.g. noLogin: 'reached only through a VPN whose users are all admins'; or put a login in front of it: login: { … }",
      }]);
    }
    const adminUi = adminUiOf(props.namespace, props.serviceName);
    if (adminUi !== undefined && noLogin === undefined) {
      rejectPropProblems(this, 'ServiceRoute', [{
        field: 'login',
        message: `the route exposes ${adminUi} without a login: whoever reaches host "${props.host}" may use it`,
        hint: 'put an OpenID Connect login in front of it: login: { issuerUrl, clientId, clientSecret, cookieSecret, allowedGroups, namespace, backendPods }; '
          + "or, where only admins can reach the host, say so: exemptions: { noLogin: '…' }",
      }]);
    }
  }
}
