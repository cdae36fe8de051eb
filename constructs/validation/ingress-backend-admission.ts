import type { SynthesizedCluster } from '../synth/collect';
import { calledTargets, refusal } from './app-calls';
import type { Finding } from './finding';
import { controllersByClass } from './ingress-controller-annotations';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplatesSelectedBy } from './pod-spec';
import { namespaceLabels, type PolicyPod } from './policy-admission';

/** The cluster's route flavors whose controller serves Ingresses of its IngressClass, by the flavor's name, with the chart that installs it. */
const INGRESS_FLAVOR_CHARTS: Readonly<Record<string, string>> = { traefik: 'traefik', 'ingress-nginx': 'ingress-nginx' };

/** Each backend of an Ingress (its rules' paths and its default backend): the Service, its port as written, and the field. */
function ingressBackends(spec: Record<string, unknown>): Array<{ service: string; port: Record<string, unknown>; field: string }> {
  const backends: Array<{ service: string; port: Record<string, unknown>; field: string }> = [];
  const add = (backend: unknown, field: string) => {
    const service = fields(fields(backend).service);
    const name = text(service.name);
    if (name !== undefined) {
      backends.push({ service: name, port: fields(service.port), field: `${field}.service.port` });
    }
  };
  add(spec.defaultBackend, 'spec.defaultBackend');
  list(spec.rules).forEach((rule, r) => list(fields(rule.http).paths).forEach((path, p) => add(path.backend, `spec.rules[${r}].http.paths[${p}].backend`)));
  return backends;
}

/**
 * Ingresses written by hand (an upstream guide's) of the class the cluster's own ingress serves, whose backend's pods
 * have a NetworkPolicy that surely admits nothing from the ingress controller's pods on the port: every request would
 * wait until the controller gives up (504). An App's own routes, and routes the library renders, open the app's policy
 * themselves; a hand-written Ingress does not. One error per backend, on its `service.port`.
 */
export function checkIngressBackendAdmission(cluster: SynthesizedCluster): Finding[] {
  const routes = cluster.chart.routes;
  const peer = routes.ingressPeer;
  const chart = INGRESS_FLAVOR_CHARTS[routes.name];
  if (chart === undefined || peer.pods?.namespace === undefined) {
    return [];
  }
  const served = new Set([...controllersByClass(cluster.chart.platform.components)].filter(([, controller]) => controller.chart === chart).map(([name]) => name));
  const index = indexOf(cluster.objects);
  const ingresses = index.of('Ingress').filter((ingress) => {
    const className = text(fields(ingress.manifest.spec).ingressClassName) ?? stringMap(fields(ingress.manifest.metadata).annotations)['kubernetes.io/ingress.class'];
    return ingress.manifest.apiVersion === 'networking.k8s.io/v1' && className !== undefined && served.has(className);
  });
  if (ingresses.length === 0) {
    return [];
  }
  const cilium = cluster.chart.cni?.name === 'cilium';
  const controller: PolicyPod = {
    namespace: peer.pods.namespace, namespaceLabels: namespaceLabels(index, peer.pods.namespace), labels: peer.pods.podLabels ?? {},
    ...(cilium ? { missedByAddressBlocks: true } : {}),
  };
  const findings: Finding[] = [];
  for (const ingress of ingresses) {
    const namespace = namespaceOf(ingress);
    for (const backend of ingressBackends(fields(ingress.manifest.spec))) {
      const service = index.find('Service', namespace, backend.service);
      const selector = stringMap(fields(service?.manifest.spec).selector);
      if (service === undefined || Object.keys(selector).length === 0) {
        continue;
      }
      const byName = text(backend.port.name);
      const port = typeof backend.port.number === 'number' ? backend.port.number
        : list(fields(service.manifest.spec).ports).find((p) => byName !== undefined && text(p.name) === byName)?.port;
      if (typeof port !== 'number') {
        continue;
      }
      const refused = podTemplatesSelectedBy(cluster.objects, namespace, selector)
        .map((callee) => refusal(index, controller, {
          namespace, namespaceLabels: namespaceLabels(index, namespace), labels: callee.labels, workload: text(fields(callee.object.manifest.metadata).name) ?? backend.service,
        }, calledTargets(service, port, callee)))
        .find((problem) => problem !== undefined && problem.direction === 'ingress');
      if (refused !== undefined) {
        findings.push(objectFinding(ingress, {
          layer: 'policy', severity: 'error', field: backend.field,
          message: `the Ingress sends to Service ${backend.service}.${namespace}:${port}, but the NetworkPolicy of its pods admits nothing from the ${routes.name} controller's pods (namespace ${peer.pods.namespace}) on that port: every request would wait until the controller gives up (504)`,
          hint: `route the app with its own props (route: { host }, or addRoute), which opens its policy to the ingress; or let the controller in: allowFrom: [{ namespace: '${peer.pods.namespace}' }] on ${refused.callee}; for a policy written by hand, add an ingress rule that admits the controller's pods`,
        }));
      }
    }
  }
  return findings;
}
