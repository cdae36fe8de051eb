import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { noNetworkPolicy, stateNamespaceNetwork } from './component-network';
import { knativeOperator } from './components/knative';
import { GatewayApiRoutes } from './gateway-api';
import { CILIUM_GATEWAY_CLASS } from './components/cilium';
import { KNATIVE_LOCAL_GATEWAY_NAME, knativeLocalGatewayOnCilium, type KnativeLocalGateway } from './knative-local-gateway';
import { AddressPool, type PoolAddress } from '../inventory/address-pool';
import { POOL_ADDRESS_SHAPE } from '../validation/app-props-shape';
import { reportFinding } from '../validation/finding';
import { tenantNamespaces } from './tenant-namespaces';
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
   * Name of the Service the Gateway implementation creates for the cluster's Gateway, whose endpoints
   * net-gateway-api probes and which Knative routes through (in the Gateway's namespace). Required when
   * the GatewayClass is not `cilium`. Cilium's Gateway Service has a placeholder endpoint alone, which
   * nothing answers: on Cilium net-gateway-api probes the Gateway at the address of its status instead.
   * @default - on Cilium, none: the Gateway's status address (its load-balancer address), on port 80
   */
  readonly gatewayServiceName?: string;
  /**
   * The Gateway for traffic from inside the cluster: the cluster-local names of Knative Services and every
   * Knative Service labelled cluster-local. net-gateway-api needs one; without it, it routes them through a
   * Gateway `istio-system/knative-local-gateway` that nothing creates, and no Knative Service ever becomes
   * Ready. Required when the GatewayClass is not `cilium`: give a Gateway you keep off the LAN.
   * @default - on Cilium, a Gateway `knative-local-gateway` beside the cluster's Gateway, served at `localGatewayAddress` inside the cluster alone
   */
  readonly localGateway?: KnativeLocalGateway;
  /**
   * The address of the local Gateway this library declares on Cilium, which net-gateway-api probes and
   * every Knative Service's cluster-local name resolves to, from an inventory pool of its own: an address
   * no host of the LAN uses (one of the nodes' VLAN, say), in a pool the cluster's load balancer does not
   * serve. A Cilium LB-IPAM pool of its own hands it to the Gateway's Service; the LAN never learns it (no
   * L2 announcement), and Cilium serves it inside the cluster alone. Only with Cilium's Gateway and no
   * `localGateway`.
   * @default - none: a warning, as the local Gateway then has no status address and no Knative Service becomes Ready
   */
  readonly localGatewayAddress?: PoolAddress;
  /**
   * How long a Knative Service goes without requests before it scales to zero: the window Knative's
   * autoscaler averages the requests over (`stable-window`), a duration from 6s to 1h. Each Service can
   * still set its own (`autoscaling.knative.dev/window`).
   * @default '60s' (Knative's own default, written out so that a Knative release cannot change it unseen)
   */
  readonly scaleToZeroAfter?: string;
  /**
   * Namespaces whose Knative Services Knative serves at `<name>.<domain>`, without their namespace: the
   * cluster owner's own, where nobody else deploys. Every other namespace's Knative Service is served at
   * `<name>.<namespace>.<domain>`, so a Knative Service a tenant deploys into its namespace gets a host
   * under that namespace alone and can take no host of another namespace's Services or routes. A tenant's
   * namespace listed here could take any free `<name>.<domain>`: a Tenant's namespace is refused.
   * @default [] - every Knative Service's host names its namespace (Knative's own default template)
   */
  readonly domainNamespaces?: string[];
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
  /** Namespaces whose Knative Services are served at `<name>.<domain>`, without their namespace. */
  readonly domainNamespaces: readonly string[];
}

/** The Knative of each cluster this library installs it on. */
const servings = new WeakMap<ClusterChart, KnativeServing>();

/**
 * The host Knative serves a Knative Service of `cluster` at by itself, as {@link knativeDomainTemplate}
 * makes it: `<name>.<namespace>.<domain>`, or `<name>.<domain>` in a namespace of `domainNamespaces`; when
 * this library installed Knative there. Undefined when Knative comes from elsewhere, whose template is not known.
 */
export function knativeServiceHost(cluster: ClusterChart, serviceName: string, namespace: string): string | undefined {
  const serving = servings.get(cluster);
  if (serving === undefined) {
    return undefined;
  }
  const host = serving.domainNamespaces.includes(namespace) ? `${serviceName}.${serving.domain}` : `${serviceName}.${namespace}.${serving.domain}`;
  return host.toLowerCase();
}

/** The namespaces whose Knative Services the Knative this library installed on `cluster` serves at `<name>.<domain>`. */
export function knativeDomainNamespaces(cluster: ClusterChart): readonly string[] {
  return servings.get(cluster)?.domainNamespaces ?? [];
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
    ? 'a host other than the one Knative serves a Knative Service at by itself is a Knative DomainMapping, whose route net-gateway-api sends to the Knative Service\'s ExternalName Service, '
      + `which Cilium's Gateway API (the cluster's Gateway is of class "${CILIUM_GATEWAY_CLASS}") does not forward to: the host would answer 503`
    : undefined;
}

/**
 * The README's line on the hosts the Knative this library installed on `cluster` serves: which host a
 * Knative Service gets, and who may map another; undefined without it.
 */
export function knativeHostsLine(cluster: ClusterChart): string | undefined {
  const serving = servings.get(cluster);
  if (serving === undefined) {
    return undefined;
  }
  const listed = serving.domainNamespaces.map((namespace) => `\`${namespace}\``).join(', ');
  return `Knative serves a Knative Service at \`<name>.<namespace>.${serving.domain}\``
    + (listed === '' ? '' : ` (in namespace${serving.domainNamespaces.length === 1 ? '' : 's'} ${listed}, at \`<name>.${serving.domain}\`)`)
    + ', so a tenant\'s Knative Service gets a host under its own namespace only, never one another namespace expects. '
    + 'A DomainMapping serves its host only where a ClusterDomainClaim gives that host to its namespace: Knative makes none by itself, '
    + 'and this repository makes those of its own DomainMappings.';
}

/**
 * Knative's domain template (a Go template), which {@link knativeServiceHost} follows: `<name>.<namespace>.<domain>`,
 * Knative's own default, which no two namespaces share; `<name>.<domain>` for `domainNamespaces` alone.
 * A name and a namespace are DNS labels without dots, so the hosts of the two forms never meet. Pure.
 */
export function knativeDomainTemplate(domainNamespaces: readonly string[]): string {
  const namespaced = '{{.Name}}.{{.Namespace}}.{{.Domain}}';
  if (domainNamespaces.length === 0) {
    return namespaced;
  }
  const listed = [...new Set(domainNamespaces)].sort().map((namespace) => JSON.stringify(namespace)).join(' ');
  return `{{if eq .Namespace ${listed}}}{{.Name}}.{{.Domain}}{{else}}${namespaced}{{end}}`;
}

/** `KnativeProps`, for callers the type checker does not see; a domain is written as an object name is. */
const KNATIVE_PROPS_SHAPE = {
  eventing: 'boolean', domain: 'objectName', gatewayServiceName: 'objectName', localGatewayAddress: POOL_ADDRESS_SHAPE, scaleToZeroAfter: 'duration', domainNamespaces: { '[]': 'namespace' },
  localGateway: { gatewayName: 'objectName', namespace: 'namespace', serviceName: 'objectName' } satisfies Record<keyof KnativeLocalGateway, PropShape>,
} as const satisfies Record<keyof KnativeProps, PropShape>;

/**
 * One Gateway of net-gateway-api's `config-gateway`, as the YAML list it reads (`namespace/name` each). Without
 * `service`, net-gateway-api probes the Gateway at the first address of its status, on port 80.
 */
function gatewayEntry(gatewayClassName: string, gateway: string, service: string | undefined): string {
  return `- class: ${gatewayClassName}\n  gateway: ${gateway}\n${service === undefined ? '' : `  service: ${service}\n`}  supported-features:\n  - HTTPRouteRequestTimeout\n`;
}

/**
 * Pod spec features Knative's admission refuses unless they are turned on; apps of this library use them: the
 * placement an app's GPU, pool or `placement` renders (affinity, node selector, tolerations, the GPU's runtime
 * class) and env read from the pod's fields.
 */
export const KNATIVE_PODSPEC_FEATURES: Readonly<Record<string, string>> = {
  'kubernetes.podspec-affinity': 'enabled',
  'kubernetes.podspec-emptydir': 'enabled',
  'kubernetes.podspec-fieldref': 'enabled',
  'kubernetes.podspec-init-containers': 'enabled',
  'kubernetes.podspec-nodeselector': 'enabled',
  'kubernetes.podspec-persistent-volume-claim': 'enabled',
  'kubernetes.podspec-persistent-volume-write': 'enabled',
  'kubernetes.podspec-runtimeclassname': 'enabled',
  'kubernetes.podspec-securitycontext': 'enabled',
  'kubernetes.podspec-tolerations': 'enabled',
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
    requireProps(this, 'Knative', props, KNATIVE_PROPS_SHAPE, {
      // A local Gateway is its three names: one left out would have Knative route through a Gateway or Service of no name.
      required: (['gatewayName', 'namespace', 'serviceName'] as const).map((key) => [`localGateway.${key}`,
        `give the local Gateway's three names: localGateway: { namespace: 'gateway', gatewayName: 'knative-local-gateway', serviceName: '<the Service of its proxies>' }`] as const),
    });
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
      ...localGatewayAddressProblems(props, onCilium, cluster.loadBalancer?.servedPools?.() ?? []),
    ]);
    const config = cluster.platform.configScope('knative');
    // Off Cilium without localGateway, an error is reported above; the entry then names a Gateway that does not exist.
    const ownLocal = props.localGateway !== undefined ? undefined
      : onCilium ? knativeLocalGatewayOnCilium(this, config, routes, props.localGatewayAddress?.address) : { namespace: routes.gatewayNamespace, gatewayName: KNATIVE_LOCAL_GATEWAY_NAME };
    const gateway = `${routes.gatewayNamespace}/${routes.gatewayName}`;
    // On Cilium, unless told otherwise, no Service: its Gateway Service's one endpoint is a placeholder no probe reaches.
    const service = props.gatewayServiceName === undefined ? undefined : `${routes.gatewayNamespace}/${props.gatewayServiceName}`;
    const localEntry = props.localGateway === undefined
      ? gatewayEntry(routes.gatewayClassName, `${ownLocal!.namespace}/${ownLocal!.gatewayName}`, undefined)
      : gatewayEntry(routes.gatewayClassName, `${props.localGateway.namespace}/${props.localGateway.gatewayName}`, `${props.localGateway.namespace}/${props.localGateway.serviceName}`);
    const domain = props.domain ?? cluster.domain;
    const domainNamespaces = [...new Set(props.domainNamespaces ?? [])].sort();
    servings.set(cluster, { domain, gatewayClassName: routes.gatewayClassName, domainNamespaces });
    // At prepare, when every Tenant of the cluster is declared, whichever came first.
    cluster.onPrepare(() => this.checkDomainNamespaces(cluster, props.domainNamespaces ?? []));
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
            'ingress-class': 'gateway-api.ingress.networking.knative.dev', 'domain-template': knativeDomainTemplate(domainNamespaces),
            // A DomainMapping serves its host only once a ClusterDomainClaim gives the host to its namespace.
            // Made automatically, the first namespace to map a host would take it, a tenant's included: the
            // claims are made with the DomainMappings this library renders, for their namespace alone.
            'autocreate-cluster-domain-claims': 'false',
          },
          domain: { [domain]: '' },
          gateway: {
            'external-gateways': gatewayEntry(routes.gatewayClassName, gateway, service),
            'local-gateways': localEntry,
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

  /** Reports a namespace of `domainNamespaces` that a Tenant of the cluster owns. */
  private checkDomainNamespaces(cluster: ClusterChart, domainNamespaces: readonly string[]): void {
    for (const problem of tenantDomainNamespaceProblems(domainNamespaces, tenantNamespaces(cluster))) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
  }
}

/**
 * What `domainNamespaces` cannot name: a Tenant's namespace, whose Knative Services would take any free
 * `<name>.<domain>`, hosts other namespaces' apps expect. Reported on the entry.
 */
function tenantDomainNamespaceProblems(domainNamespaces: readonly string[], tenants: ReadonlySet<string>): PropProblem[] {
  return domainNamespaces.flatMap((namespace, i) => tenants.has(namespace) ? [{
    field: `domainNamespaces[${i}]`,
    message: `namespace "${namespace}" is a Tenant's: served at <name>.<domain> without its namespace, a Knative Service its tenant deploys `
      + 'could take any free host under the domain, one another namespace\'s app expects',
    hint: `leave "${namespace}" out of domainNamespaces: its Knative Services are then served at <name>.${namespace}.<domain>`,
  }] : []);
}

/**
 * Why `localGatewayAddress` cannot be used: given where this library declares no local Gateway, or of a pool the
 * cluster's load balancer serves, whose addresses it hands to other Services and announces on the LAN.
 */
function localGatewayAddressProblems(props: KnativeProps, onCilium: boolean, servedPools: readonly AddressPool[]): PropProblem[] {
  const address = props.localGatewayAddress;
  if (!(address?.pool instanceof AddressPool)) {
    return [];
  }
  if (!onCilium || props.localGateway !== undefined) {
    return [{
      field: 'localGatewayAddress',
      message: 'localGatewayAddress is the address of the local Gateway this library declares on Cilium, and '
        + (onCilium ? 'localGateway names a Gateway of your own' : 'the cluster\'s Gateway is not of class "cilium"'),
      hint: 'leave localGatewayAddress out: your own local Gateway gets its address as its implementation gives it',
    }];
  }
  return servedPools.includes(address.pool) ? [{
    field: 'localGatewayAddress',
    message: `address ${address.address} is of pool "${address.pool.name}", which the cluster's load balancer serves: `
      + 'it would announce the address on the LAN and may hand it to another Service first',
    hint: 'take the address from a pool of the inventory of its own, which the load balancer\'s pools leave out',
  }] : [];
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
