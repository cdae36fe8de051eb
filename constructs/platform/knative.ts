import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { noNetworkPolicy, stateNamespaceNetwork } from './component-network';
import { knativeOperator } from './components/knative';
import { GatewayApiRoutes } from './gateway-api';
import { CILIUM_GATEWAY_CLASS } from './components/cilium';
import { ciliumKnativeLocalGateway, type KnativeLocalGateway } from './knative-local-gateway';
import { reportFinding } from '../validation/finding';
import { goDurationMilliseconds, PropProblem, PropShape, rejectPropProblems, requireProps } from '../validation/known-props';

/** Options of Knative on a cluster. */
export interface KnativeProps {
  /** Install Knative Eventing beside Serving. @default true */
  readonly eventing?: boolean;
  /**
   * Domain Knative Services live under (`<name>.<domain>`). @default - the cluster's domain
   */
  readonly domain?: string;
  /**
   * Name of the Service the Gateway implementation creates for the cluster's Gateway, which Knative probes
   * and routes through (in the Gateway's namespace). Required when the GatewayClass is not `cilium`: the
   * default is the name Cilium gives it.
   * @default - `cilium-gateway-<gateway name>` (Cilium's Gateway only)
   */
  readonly gatewayServiceName?: string;
  /**
   * The Gateway for traffic from inside the cluster: the cluster-local names of Knative Services and every
   * Knative Service labelled cluster-local. net-gateway-api needs one; without it, it routes them through a
   * Gateway `istio-system/knative-local-gateway` that nothing creates, and no Knative Service ever becomes
   * Ready. Required when the GatewayClass is not `cilium`: give a Gateway you keep off the LAN.
   * @default - on Cilium, a Gateway `knative-local-gateway` beside the cluster's Gateway, served on its cluster IP alone
   */
  readonly localGateway?: KnativeLocalGateway;
  /**
   * How long a Knative Service goes without requests before it scales to zero: the window Knative's
   * autoscaler averages the requests over (`stable-window`), a duration from 6s to 1h. Each Service can
   * still set its own (`autoscaling.knative.dev/window`).
   * @default '60s' (Knative's own default, written out so that a Knative release cannot change it unseen)
   */
  readonly scaleToZeroAfter?: string;
}

/** The idle time a Knative Service scales to zero after, unless `scaleToZeroAfter` says otherwise: Knative's own. */
export const KNATIVE_SCALE_TO_ZERO_AFTER = '60s';

/** The bounds Knative's autoscaler accepts for its stable window. */
const STABLE_WINDOW_BOUNDS_MS = { min: 6_000, max: 3_600_000 } as const;

/** Labels a Knative Service that only the cluster (and DomainMappings) may reach, not Knative's own external host. */
export const KNATIVE_CLUSTER_LOCAL_LABELS: Readonly<Record<string, string>> = { 'networking.knative.dev/visibility': 'cluster-local' };

/** What the Knative of a cluster this library installs it on serves through. */
interface KnativeServing {
  /** Domain the Knative Services live under. */
  readonly domain: string;
  /** Class of the Gateway net-gateway-api routes through. */
  readonly gatewayClassName: string;
}

/** The Knative of each cluster this library installs it on. */
const servings = new WeakMap<ClusterChart, KnativeServing>();

/**
 * The host Knative serves a Knative Service of `cluster` at by itself (`<name>.<domain>`), when this
 * library installed Knative there; undefined when Knative comes from elsewhere, whose domain is not known.
 */
export function knativeServiceHost(cluster: ClusterChart, serviceName: string): string | undefined {
  const domain = servings.get(cluster)?.domain;
  return domain === undefined ? undefined : `${serviceName}.${domain}`.toLowerCase();
}

/**
 * Why the Knative this library installed on `cluster` cannot serve a host of its own through a
 * DomainMapping, or undefined when it can or Knative comes from elsewhere. A DomainMapping's HTTPRoute
 * (made by net-gateway-api) sends its host to the Knative Service's Kubernetes Service, of type
 * ExternalName; Cilium's Gateway API forwards to no ExternalName Service (the Gateway API advises against
 * it), so that route answers 503 while every object reports Ready. Routing the host straight to the
 * revision instead, as Knative's own routes do, would name a revision that changes with each new one.
 */
export function knativeDomainMappingProblem(cluster: ClusterChart): string | undefined {
  const serving = servings.get(cluster);
  return serving?.gatewayClassName === CILIUM_GATEWAY_CLASS
    ? `a host other than <name>.${serving.domain} is a Knative DomainMapping, whose route net-gateway-api sends to the Knative Service's ExternalName Service, `
      + `which Cilium's Gateway API (the cluster's Gateway is of class "${CILIUM_GATEWAY_CLASS}") does not forward to: the host would answer 503`
    : undefined;
}

/** Knative's domain template here, which {@link knativeServiceHost} follows: `<name>.<domain>`, no namespace. */
const DOMAIN_TEMPLATE = '{{.Name}}.{{.Domain}}';

/** `KnativeProps`, for callers the type checker does not see; a domain is written as an object name is. */
const KNATIVE_PROPS_SHAPE = {
  eventing: 'boolean', domain: 'objectName', gatewayServiceName: 'objectName', scaleToZeroAfter: 'duration',
  localGateway: { namespace: 'namespace', gatewayName: 'objectName', serviceName: 'objectName' } satisfies Record<keyof KnativeLocalGateway, PropShape>,
} as const satisfies Record<keyof KnativeProps, PropShape>;

/** One Gateway of net-gateway-api's `config-gateway`, as the YAML list it reads (`namespace/name` each). */
function gatewayEntry(gatewayClassName: string, gateway: string, service: string): string {
  return `- class: ${gatewayClassName}\n  gateway: ${gateway}\n  service: ${service}\n  supported-features:\n  - HTTPRouteRequestTimeout\n`;
}

/** Pod spec features Knative's admission refuses unless they are turned on; apps of this library use them. */
export const KNATIVE_PODSPEC_FEATURES: Readonly<Record<string, string>> = {
  'kubernetes.podspec-emptydir': 'enabled',
  'kubernetes.podspec-init-containers': 'enabled',
  'kubernetes.podspec-persistent-volume-claim': 'enabled',
  'kubernetes.podspec-persistent-volume-write': 'enabled',
  'kubernetes.podspec-securitycontext': 'enabled',
  'kubernetes.podspec-volumes-csi': 'enabled',
};

/**
 * Memory of the queue-proxy sidecar Knative adds to every pod of a Knative Service, as `Knative` sets it:
 * Knative's own default asks for none, which a namespace whose quota counts memory refuses.
 */
export const KNATIVE_QUEUE_SIDECAR_MEMORY = { requests: '32Mi', limits: '128Mi' } as const;

/**
 * Knative Serving (and Eventing) through the Knative Operator, with the cluster's Gateway API Gateway as
 * its ingress (net-gateway-api; no Kourier). Scale to zero is on, after `scaleToZeroAfter` idle. The operator is a
 * platform component; the KnativeServing and KnativeEventing objects go into the config layer.
 */
export class Knative extends Construct {
  constructor(scope: Construct, id: string, props: KnativeProps = {}) {
    super(scope, id);
    requireProps(this, 'Knative', props, KNATIVE_PROPS_SHAPE, {});
    const cluster = ClusterChart.of(this);
    if (servings.has(cluster)) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'props',
        message: `cluster "${cluster.clusterName}" has Knative already`, hint: 'declare new Knative(...) once per cluster',
      });
      return;
    }
    cluster.platform.require(knativeOperator());
    const routes = cluster.routes;
    if (!(routes instanceof GatewayApiRoutes)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'routes',
        message: `Knative here uses the cluster's Gateway API Gateway as its ingress, but cluster "${cluster.clusterName}" routes with ${routes.name}`,
        hint: 'use gatewayApi({...}) routes on the cluster',
      });
      return;
    }
    const onCilium = routes.gatewayClassName === CILIUM_GATEWAY_CLASS;
    // Only Cilium names its Gateway's Service cilium-gateway-<name>, and only on Cilium can this library keep a second Gateway inside the cluster.
    rejectPropProblems(this, 'Knative', [
      ...(props.gatewayServiceName === undefined && !onCilium ? [{
        field: 'gatewayServiceName',
        message: `the cluster's Gateway is of class "${routes.gatewayClassName}", whose Service is not named cilium-gateway-${routes.gatewayName} as Cilium's is; `
          + 'Knative would probe and route through a Service that does not exist',
        hint: `give gatewayServiceName: the name of the Service "${routes.gatewayClassName}" makes for Gateway ${routes.gatewayNamespace}/${routes.gatewayName}`,
      }] : []),
      ...(props.localGateway === undefined && !onCilium ? [{
        field: 'localGateway',
        message: `the cluster's Gateway is of class "${routes.gatewayClassName}", on which this library cannot declare a Gateway reachable from inside the cluster only; `
          + 'without one, Knative routes cluster-local names through istio-system/knative-local-gateway, which does not exist, and no Knative Service becomes Ready',
        hint: `give localGateway: { namespace, gatewayName, serviceName } of a Gateway of class "${routes.gatewayClassName}" whose Service the LAN cannot reach`,
      }] : []),
      ...stableWindowProblems(props.scaleToZeroAfter),
    ]);
    const config = cluster.platform.configScope('knative');
    const local = props.localGateway ?? ciliumKnativeLocalGateway(this, config, routes);
    const gateway = `${routes.gatewayNamespace}/${routes.gatewayName}`;
    const service = `${routes.gatewayNamespace}/${props.gatewayServiceName ?? `cilium-gateway-${routes.gatewayName}`}`;
    const domain = props.domain ?? cluster.domain;
    servings.set(cluster, { domain, gatewayClassName: routes.gatewayClassName });
    cluster.namespaces.ensure('knative-serving');
    stateNamespaceNetwork(cluster.namespaces, 'knative-serving', {
      name: 'knative-serving',
      network: noNetworkPolicy('the operator deploys the activator, autoscaler, webhook and Gateway API controller here on ports it chooses; the activator is reached by the Gateway and by every revision'),
    });
    new ApiObject(config, 'serving', {
      apiVersion: 'operator.knative.dev/v1beta1', kind: 'KnativeServing',
      metadata: { name: 'knative-serving', namespace: 'knative-serving' },
      spec: {
        ingress: { 'gateway-api': { enabled: true } },
        config: {
          network: {
            'ingress-class': 'gateway-api.ingress.networking.knative.dev', 'domain-template': DOMAIN_TEMPLATE,
            // A DomainMapping serves its host only once the host is claimed for its namespace; without this,
            // each host waits for a ClusterDomainClaim made by hand.
            'autocreate-cluster-domain-claims': 'true',
          },
          domain: { [domain]: '' },
          gateway: {
            'external-gateways': gatewayEntry(routes.gatewayClassName, gateway, service),
            'local-gateways': gatewayEntry(routes.gatewayClassName, `${local.namespace}/${local.gatewayName}`, `${local.namespace}/${local.serviceName}`),
          },
          // secure-pod-defaults: Knative's own queue-proxy sidecar then meets the restricted level of the apps' namespaces.
          features: { ...KNATIVE_PODSPEC_FEATURES, 'secure-pod-defaults': 'enabled' },
          // Scale to zero on: a Service idle for the stable window scales to zero.
          autoscaler: { 'enable-scale-to-zero': 'true', 'stable-window': props.scaleToZeroAfter ?? KNATIVE_SCALE_TO_ZERO_AFTER },
          deployment: {
            'queue-sidecar-memory-request': KNATIVE_QUEUE_SIDECAR_MEMORY.requests, 'queue-sidecar-memory-limit': KNATIVE_QUEUE_SIDECAR_MEMORY.limits,
          },
        },
      },
    });
    if (props.eventing ?? true) {
      cluster.namespaces.ensure('knative-eventing');
      stateNamespaceNetwork(cluster.namespaces, 'knative-eventing', {
        name: 'knative-eventing',
        network: noNetworkPolicy('the operator deploys the eventing controllers and webhook here on ports it chooses; the webhook is called by the API server'),
      });
      new ApiObject(config, 'eventing', {
        apiVersion: 'operator.knative.dev/v1beta1', kind: 'KnativeEventing',
        metadata: { name: 'knative-eventing', namespace: 'knative-eventing' },
        spec: {},
      });
    }
  }
}

/** Why Knative's autoscaler would refuse `scaleToZeroAfter` as its stable window, which it bounds to 6s–1h. */
function stableWindowProblems(scaleToZeroAfter: string | undefined): PropProblem[] {
  if (scaleToZeroAfter === undefined) {
    return [];
  }
  const milliseconds = goDurationMilliseconds(scaleToZeroAfter);
  if (milliseconds === undefined || (milliseconds >= STABLE_WINDOW_BOUNDS_MS.min && milliseconds <= STABLE_WINDOW_BOUNDS_MS.max)) {
    return [];
  }
  return [{
    field: 'scaleToZeroAfter',
    message: `Knative's autoscaler takes a stable window from 6s to 1h, not ${scaleToZeroAfter}: the autoscaler would refuse its configuration`,
    hint: `give a duration from 6s to 1h, e.g. '${KNATIVE_SCALE_TO_ZERO_AFTER}'`,
  }];
}
