import { TAILSCALE_INGRESS_CLASS } from '../platform/components/tailscale-operator';
import type { GatewayApiRoutes } from '../platform/gateway-api';
import { gatewayIngressPeer, gatewayProxiesKnown } from '../platform/gateway-proxies';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { calledTargets, ingressControllerPod, policyPodOf, refusal } from './app-calls';
import { backendRefs, GATEWAY_ROUTE_KINDS } from './backend-refs';
import type { Finding } from './finding';
import { controllersByClass, ingressClassOf } from './ingress-controller-annotations';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf, type ObjectIndex } from './object-index';
import { namespaceLabels, type PolicyPod } from './policy-admission';
import { podTemplatesSelectedBy } from './pod-spec';
import { platformReading } from './platform-reading';

/** The cluster's route flavors whose controller serves Ingresses of its IngressClass, by the flavor's name, with the chart that installs it. */
const INGRESS_FLAVOR_CHARTS: Readonly<Record<string, string>> = { traefik: 'traefik', 'ingress-nginx': 'ingress-nginx' };

/** Pods that forward the requests of routes written by hand to their backends, and the routes they serve. */
interface RouteProxies {
  /** How messages name the pods: `the traefik controller's pods`. */
  readonly name: string;
  /** The pods as a NetworkPolicy sees them. */
  readonly pods: PolicyPod;
  /** Whether these pods serve the route. */
  readonly serves: (route: SynthesizedObject) => boolean;
  /** The hint's way out before letting the pods in, where the app has one. */
  readonly ownRouteHint?: string;
}

/** Where the proxies' requests come from, as messages name it: their namespace, or Cilium's identity. Pure. */
const whence = (pods: PolicyPod) => (pods.ciliumEntity !== undefined ? `Cilium's identity ${pods.ciliumEntity}` : `namespace ${pods.namespace}`);

/** How the backend's pods let the proxies in. Pure. */
function letIn(pods: PolicyPod, callee: string): string {
  return pods.ciliumEntity !== undefined
    ? `let the proxy in with a CiliumNetworkPolicy rule that admits fromEntities: [${pods.ciliumEntity}] on that port of ${callee} (no selector of a NetworkPolicy takes Cilium's own identities)`
    : `let the proxy in: allowFrom: [{ namespace: '${pods.namespace}' }] on ${callee}; for a policy written by hand, add an ingress rule that admits the proxy's pods`;
}

/** The hint's first way out for an app of the library: a route of its own opens its policy to the ingress. */
const OWN_ROUTE = 'route the app with its own props (route: { host }, or addRoute), which opens its policy to the ingress; or ';

const isIngress = (route: SynthesizedObject) => route.manifest.kind === 'Ingress' && route.manifest.apiVersion === 'networking.k8s.io/v1';

/** The proxies of the cluster's route flavor: its ingress controller, or the Gateway's proxies where they are known. */
function flavorProxies(cluster: SynthesizedCluster, index: ObjectIndex): RouteProxies | undefined {
  const routes = cluster.chart.routes;
  // Only CiliumNetworkPolicies name Cilium's identities; where the cluster writes Kubernetes ones, each routed App
  // is warned that its policy cannot let the proxy in, and no route is judged here.
  const entity = cluster.chart.networkPolicy === 'cilium' ? routes.ingressPeer.ciliumEntity : undefined;
  if (entity === undefined && routes.ingressPeer.ciliumEntity !== undefined) {
    return undefined;
  }
  const pods = entity !== undefined ? { namespace: '', namespaceLabels: {}, labels: {}, ciliumEntity: entity } : ingressControllerPod(cluster, index);
  if (pods === undefined) {
    return undefined;
  }
  if (routes.name === 'gateway-api') {
    const { gatewayName, gatewayNamespace, gatewayClassName } = routes as GatewayApiRoutes;
    // Proxies taken to run in a namespace named like the class are a guess, on which no route is refused.
    return entity !== undefined || gatewayProxiesKnown(gatewayClassName) ? {
      name: `the proxies of Gateway ${gatewayNamespace}/${gatewayName}`, pods, ownRouteHint: OWN_ROUTE,
      serves: (route) => attachesTo(route, gatewayName, gatewayNamespace),
    } : undefined;
  }
  const chart = INGRESS_FLAVOR_CHARTS[routes.name];
  if (chart === undefined || entity !== undefined) {
    return undefined;
  }
  const served = new Set([...controllersByClass(platformReading(cluster).components)].filter(([, controller]) => controller.chart === chart).map(([className]) => className));
  return {
    name: `the ${routes.name} controller's pods`, pods, ownRouteHint: OWN_ROUTE,
    serves: (route) => (route.manifest.kind === 'IngressRoute'
      ? chart === 'traefik' && route.manifest.apiVersion.startsWith('traefik.')
      : isIngress(route) && served.has(ingressClassOf(route) ?? '')),
  };
}

/**
 * The proxies of the Gateways written by hand (a Gateway of the owner's own beside the flavor's, or under another
 * flavor), where their class's proxies are known: Cilium's Envoy by its `ingress` identity on a cluster that writes
 * CiliumNetworkPolicies, Envoy Gateway's and Istio's pods by their labels. A route attached to such a Gateway does
 * not open its backend's policy, as an App's own route does.
 */
function ownGatewayProxies(cluster: SynthesizedCluster, index: ObjectIndex): RouteProxies[] {
  const routes = cluster.chart.routes;
  const flavorGateway = routes.name === 'gateway-api' ? `${(routes as GatewayApiRoutes).gatewayNamespace}/${(routes as GatewayApiRoutes).gatewayName}` : undefined;
  return index.of('Gateway').flatMap((gateway): RouteProxies[] => {
    const name = text(fields(gateway.manifest.metadata).name) ?? '';
    const namespace = namespaceOf(gateway);
    const className = text(fields(gateway.manifest.spec).gatewayClassName) ?? '';
    if (!gateway.manifest.apiVersion.startsWith('gateway.networking.k8s.io/') || `${namespace}/${name}` === flavorGateway) {
      return [];
    }
    const peer = gatewayIngressPeer(className, name, namespace);
    const pods: PolicyPod | undefined = peer.ciliumEntity !== undefined
      ? (cluster.chart.networkPolicy === 'cilium' ? { namespace: '', namespaceLabels: {}, labels: {}, ciliumEntity: peer.ciliumEntity } : undefined)
      : gatewayProxiesKnown(className) && peer.pods?.namespace !== undefined
        ? { namespace: peer.pods.namespace, namespaceLabels: namespaceLabels(index, peer.pods.namespace), labels: peer.pods.podLabels ?? {} }
        : undefined;
    return pods === undefined ? [] : [{ name: `the proxies of Gateway ${namespace}/${name}`, pods, serves: (route) => attachesTo(route, name, namespace) }];
  });
}

/** Whether a Gateway API route names Gateway `namespace`/`name` among its parents. Pure. */
function attachesTo(route: SynthesizedObject, name: string, namespace: string): boolean {
  return GATEWAY_ROUTE_KINDS.includes(route.manifest.kind) && list(fields(route.manifest.spec).parentRefs).some((parent) =>
    (parent.kind ?? 'Gateway') === 'Gateway' && (parent.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io'
    && parent.name === name && (text(parent.namespace) ?? namespaceOf(route)) === namespace);
}

/**
 * The Tailscale operator's proxies: an Ingress of its class becomes a proxy pod in the operator's namespace, which
 * sends each request on to the backend Service from there.
 */
function tailscaleProxies(cluster: SynthesizedCluster, index: ObjectIndex): RouteProxies[] {
  return platformReading(cluster).components.filter((component) => component.props.provides?.ingressClasses?.includes(TAILSCALE_INGRESS_CLASS)).map((operator) => ({
    name: `the Tailscale operator's proxy pods`,
    pods: { namespace: operator.namespace, namespaceLabels: namespaceLabels(index, operator.namespace), labels: {} },
    serves: (route) => isIngress(route) && ingressClassOf(route) === TAILSCALE_INGRESS_CLASS,
  }));
}

/**
 * Whether `route` is the own route of the construct that made `workload` (an App's): it opened that app's policy to
 * the proxy itself, and judging it would read every policy of the namespace for every app. Objects written under the
 * cluster itself share no construct but the cluster. Pure.
 */
function ownRoute(route: SynthesizedObject, workload: SynthesizedObject, clusterPath: string): boolean {
  const owner = workload.constructPath.slice(0, workload.constructPath.lastIndexOf('/'));
  return owner !== clusterPath && owner.length > 0 && route.constructPath.startsWith(`${owner}/`);
}

/**
 * Routes written by hand (an upstream guide's) that a proxy of the cluster serves (an Ingress of its Traefik's,
 * ingress-nginx' or the Tailscale operator's class, a Traefik IngressRoute under Traefik, a Gateway API route
 * attached to the cluster's Gateway or to a Gateway of the owner's own), whose backend's pods have a NetworkPolicy that surely admits nothing from the
 * proxy's pods on the port: every request would wait until the proxy gives up (504). An App's own routes, and
 * routes the library renders, open the app's policy themselves; a hand-written route does not. One error per
 * backend, on its `port`.
 */
export function checkIngressBackendAdmission(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const flavor = flavorProxies(cluster, index);
  const proxies = [...(flavor === undefined ? [] : [flavor]), ...ownGatewayProxies(cluster, index), ...tailscaleProxies(cluster, index)];
  if (proxies.length === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const ref of backendRefs(index)) {
    const proxy = proxies.find((p) => p.serves(ref.route));
    const name = text(ref.name);
    const service = proxy === undefined || name === undefined ? undefined : index.find('Service', ref.namespace, name);
    const selector = stringMap(fields(service?.manifest.spec).selector);
    if (proxy === undefined || service === undefined || Object.keys(selector).length === 0) {
      continue;
    }
    const port = typeof ref.port === 'number' ? ref.port
      : list(fields(service.manifest.spec).ports).find((p) => typeof ref.port === 'string' && text(p.name) === ref.port)?.port;
    if (typeof port !== 'number') {
      continue;
    }
    const refused = podTemplatesSelectedBy(cluster.objects, ref.namespace, selector)
      .filter((callee) => !ownRoute(ref.route, callee.object, cluster.chart.node.path))
      .map((callee) => refusal(index, proxy.pods, { ...policyPodOf(cluster, index, callee), workload: text(fields(callee.object.manifest.metadata).name) ?? name! },
        calledTargets(service, port, callee)))
      .find((problem) => problem !== undefined && problem.direction === 'ingress');
    if (refused !== undefined) {
      findings.push(objectFinding(ref.route, {
        layer: 'policy', severity: 'error', field: `${ref.field}.port`,
        message: `the ${ref.route.manifest.kind} sends to Service ${name}.${ref.namespace}:${port}, but the NetworkPolicy of its pods admits nothing from ${proxy.name} (${whence(proxy.pods)}) on that port: every request would wait until the proxy gives up (504)`,
        hint: `${proxy.ownRouteHint ?? ''}${letIn(proxy.pods, refused.callee)}`,
      }));
    }
  }
  return findings;
}
