import type { SynthesizedCluster } from '../synth/collect';
import { calledTargets, ingressControllerPod, policyPodOf, refusal } from './app-calls';
import { backendRefs } from './backend-refs';
import type { Finding } from './finding';
import { controllersByClass, ingressClassOf } from './ingress-controller-annotations';
import { fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplatesSelectedBy } from './pod-spec';

/** The cluster's route flavors whose controller serves Ingresses of its IngressClass, by the flavor's name, with the chart that installs it. */
const INGRESS_FLAVOR_CHARTS: Readonly<Record<string, string>> = { traefik: 'traefik', 'ingress-nginx': 'ingress-nginx' };

/**
 * Routes written by hand (an upstream guide's) that the cluster's own ingress serves (an Ingress of its Traefik's or
 * ingress-nginx' class, a Traefik IngressRoute under Traefik), whose backend's pods have a NetworkPolicy that surely
 * admits nothing from the ingress controller's pods on the port: every request would wait until the controller gives up
 * (504). An App's own routes, and routes the library renders, open the app's policy themselves; a hand-written route
 * does not. One error per backend, on its `port`.
 */
export function checkIngressBackendAdmission(cluster: SynthesizedCluster): Finding[] {
  const routes = cluster.chart.routes;
  const chart = INGRESS_FLAVOR_CHARTS[routes.name];
  const index = indexOf(cluster.objects);
  const controller = chart === undefined ? undefined : ingressControllerPod(cluster, index);
  if (controller === undefined) {
    return [];
  }
  const served = new Set([...controllersByClass(cluster.chart.platform.components)].filter(([, controller]) => controller.chart === chart).map(([name]) => name));
  const servedRoute = (route: (typeof cluster.objects)[number]): boolean => {
    if (route.manifest.kind === 'IngressRoute') {
      return chart === 'traefik' && route.manifest.apiVersion.startsWith('traefik.');
    }
    const className = ingressClassOf(route);
    return route.manifest.kind === 'Ingress' && route.manifest.apiVersion === 'networking.k8s.io/v1' && className !== undefined && served.has(className);
  };
  const refs = backendRefs(index).filter((ref) => servedRoute(ref.route));
  if (refs.length === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const ref of refs) {
    const name = text(ref.name);
    const service = name === undefined ? undefined : index.find('Service', ref.namespace, name);
    const selector = stringMap(fields(service?.manifest.spec).selector);
    if (service === undefined || Object.keys(selector).length === 0) {
      continue;
    }
    const port = typeof ref.port === 'number' ? ref.port
      : list(fields(service.manifest.spec).ports).find((p) => typeof ref.port === 'string' && text(p.name) === ref.port)?.port;
    if (typeof port !== 'number') {
      continue;
    }
    const refused = podTemplatesSelectedBy(cluster.objects, ref.namespace, selector)
      .map((callee) => refusal(index, controller, { ...policyPodOf(cluster, index, callee), workload: text(fields(callee.object.manifest.metadata).name) ?? name! },
        calledTargets(service, port, callee)))
      .find((problem) => problem !== undefined && problem.direction === 'ingress');
    if (refused !== undefined) {
      findings.push(objectFinding(ref.route, {
        layer: 'policy', severity: 'error', field: `${ref.field}.port`,
        message: `the ${ref.route.manifest.kind} sends to Service ${name}.${ref.namespace}:${port}, but the NetworkPolicy of its pods admits nothing from the ${routes.name} controller's pods (namespace ${controller.namespace}) on that port: every request would wait until the controller gives up (504)`,
        hint: `route the app with its own props (route: { host }, or addRoute), which opens its policy to the ingress; or let the controller in: allowFrom: [{ namespace: '${controller.namespace}' }] on ${refused.callee}; for a policy written by hand, add an ingress rule that admits the controller's pods`,
      }));
    }
  }
  return findings;
}
