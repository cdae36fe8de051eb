import { Construct } from 'constructs';
import { LABEL_VALUE } from '../validation/dns-names';
import { declareExternal } from '../validation/external';
import { ClusterChart } from './cluster-chart';
import { relativeLookingHost, routeHostHint, routeHostProblem } from '../app/route-host';
import { reportFinding } from '../validation/finding';
import { routePathProblems } from '../app/route-props';
import { claimRoutePaths } from './route-claims';
import { PropShape, rejectPropProblems, requireProps } from '../validation/known-props';

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
}

/** `ServiceRouteProps`, for callers the type checker does not see. */
const SERVICE_ROUTE_PROPS_SHAPE = {
  host: 'string', namespace: 'namespace', serviceName: 'objectName', port: 'port', name: 'objectName', path: 'string',
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
    const hostname = cluster.hostname(props.host);
    const path = props.path ?? '/';
    if (!claimRoutePaths(this, cluster, { hostname, paths: [{ path, field: props.path !== undefined ? 'path' : undefined }], hostField: 'host', route: 'ServiceRoute' })) {
      return;
    }
    cluster.routes.renderRoute(this, {
      // Findings of the flavor name the ServiceRoute's own props (`path`, `host`).
      name, namespace: props.namespace, hostname, path, field: '',
      serviceName: props.serviceName, servicePort: props.port,
      labels: { 'app.kubernetes.io/name': name }, annotations: cluster.dnsAnnotations(),
    });
  }
}
