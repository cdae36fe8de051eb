import * as yaml from 'yaml';
import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';

// aether's Knative Services walked from the KnativeServing to the pods, as net-gateway-api 1.22 (the
// Knative Operator v1.22.2's) and Cilium 1.17 read the output.
//
// What upstream does, and why the output is right:
// - net-gateway-api (pkg/reconciler/ingress/lister.go, BackendsToProbeTargets) probes a Gateway whose
//   config-gateway entry names a `service` at the addresses of that Service's Endpoints; without one, at the
//   first address of the Gateway's status, on port 80 (443 for a redirected host). ingress.go
//   (collectLBIngressStatus) fails the KIngress with "no address found in status of Gateway" when the status
//   has none, and otherwise writes that address as the KIngress's load balancer; Knative Serving then makes
//   each Knative Service's Kubernetes Service headless, with Endpoints to that address (route/resources).
// - Cilium's Gateway Service has no selector; the operator writes a placeholder endpoint 192.192.192.192:9999
//   so the agent programs the Service, and redirects its frontends to Envoy (cilium/cilium#34663, #46237).
//   A probe sent to the placeholder itself reaches nothing: net-gateway-api#817 shows the KIngress stuck
//   with "Probing of http://hello.default.svc.cluster.local/ failed, IP: 192.192.192.192:9999".
// - Cilium (operator/pkg/gateway-api, setAddressStatus) fills a Gateway's status addresses from its
//   Service's status.loadBalancer.ingress alone: a Gateway whose Service has no load-balancer address has
//   none, so the cluster-local Gateway needs an address of its own.
// - `service.cilium.io/type: LoadBalancer` makes Cilium serve the Service on its load-balancer address alone
//   (no NodePort, no cluster IP); Cilium translates a load-balancer address for pods and nodes too, so the
//   probe and the cluster-local calls reach Envoy, while the LAN, which no node answers ARP for it, does not.

const result = synthInMemory(defineAether);
const objects = manifestsOf(result, 'aether/main') as any[];
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const serving = named('KnativeServing', 'knative-serving');
const entry = (key: string) => yaml.parse(serving.spec.config.gateway[key])[0];
const mainGateway = named('Gateway', 'main-gateway');
const localGateway = named('Gateway', 'knative-local-gateway');

/** Whether a Kubernetes label selector (matchLabels and matchExpressions In, Exists, DoesNotExist) selects `labels`. */
function selects(selector: any, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return byLabel && (selector?.matchExpressions ?? []).every((e: any) =>
    e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : !(e.key in labels));
}

/** Whether a Gateway listener's host name admits `host`: a wildcard stands for one label or more (Gateway API). */
const admits = (hostname: string | undefined, host: string) => hostname === undefined || (hostname.startsWith('*.') ? host.endsWith(hostname.slice(1)) : host === hostname);

/** The labels Cilium's Gateway Service carries: its own, and those of the Gateway's spec.infrastructure. */
const serviceLabels = (gateway: any) => ({ 'io.cilium.gateway/owning-gateway': gateway.metadata.name, ...gateway.spec.infrastructure?.labels });

test('aether synthesizes without errors', () => {
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(result.findings.filter((f) => f.constructPath.includes('knative'))).toEqual([]);
});

test('config-gateway names no Service for either Gateway: net-gateway-api probes each at its status address, never at a placeholder endpoint', () => {
  expect(entry('external-gateways')).toEqual({ class: 'cilium', gateway: 'ingress/main-gateway', 'supported-features': ['HTTPRouteRequestTimeout'] });
  expect(entry('local-gateways')).toEqual({ class: 'cilium', gateway: 'ingress/knative-local-gateway', 'supported-features': ['HTTPRouteRequestTimeout'] });
});

describe('the external Gateway, probed at the VIP on port 80', () => {
  test('asks for the VIP, which the LAN pool holds and the L2 policy announces', () => {
    expect(mainGateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '10.0.3.19' }]);
    const pool = named('CiliumLoadBalancerIPPool', 'ingress-pool');
    expect(pool.spec.blocks).toEqual([{ start: '10.0.3.19', stop: '10.0.3.19' }]);
    expect(selects(pool.spec.serviceSelector, serviceLabels(mainGateway))).toBe(true);
    expect(selects(named('CiliumL2AnnouncementPolicy', 'cluster-ingress').spec.serviceSelector, serviceLabels(mainGateway))).toBe(true);
  });

  test("has a plain-HTTP listener on port 80 whose host name admits every Knative Service's host, from every namespace with Knative Services", () => {
    const http = mainGateway.spec.listeners.find((l: any) => l.port === 80 && l.protocol === 'HTTP');
    const services = objects.filter((o) => o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service');
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      // Knative's domain template: <name>.<domain> in infra, <name>.<namespace>.<domain> elsewhere.
      const host = service.metadata.namespace === 'infra' ? `${service.metadata.name}.apps.home.shdr.ch` : `${service.metadata.name}.${service.metadata.namespace}.apps.home.shdr.ch`;
      expect(admits(http.hostname, host)).toBe(true);
      expect(http.allowedRoutes.namespaces.selector.matchExpressions[0].values).toContain(service.metadata.namespace);
    }
    expect(admits(http.hostname, 'litellm.peers-alice.apps.home.shdr.ch')).toBe(true);
  });
});

describe('the cluster-local Gateway, probed at an address of its own, inside the cluster only', () => {
  const address = localGateway.spec.addresses?.[0]?.value;

  test('asks for its address (a placeholder of the inventory), served on that address alone', () => {
    expect(localGateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '10.0.3.20' }]);
    expect(localGateway.spec.infrastructure.annotations).toEqual({ 'service.cilium.io/type': 'LoadBalancer' });
    expect(localGateway.spec.listeners).toEqual([expect.objectContaining({ protocol: 'HTTP', port: 80, allowedRoutes: mainGateway.spec.listeners[0].allowedRoutes })]);
    expect(localGateway.spec.listeners[0].hostname).toBeUndefined();
  });

  test('a pool of its own alone hands the address out, and no node announces it', () => {
    const pools = objects.filter((o) => o.kind === 'CiliumLoadBalancerIPPool' && selects(o.spec.serviceSelector, serviceLabels(localGateway)));
    expect(pools.map((p) => [p.metadata.name, p.spec.blocks])).toEqual([['knative-local-gateway', [{ start: address, stop: address }]]]);
    for (const policy of objects.filter((o) => o.kind === 'CiliumL2AnnouncementPolicy')) {
      expect(selects(policy.spec.serviceSelector, serviceLabels(localGateway))).toBe(false);
    }
    expect(result.files.get('aether/main/README.md')).toContain("| placeholder | address of Knative's cluster-local Gateway: ");
  });
});

test('the Gateway (Cilium\'s reserved ingress identity) and the activator (knative-serving) reach the pods of every Knative Service', () => {
  const services = objects.filter((o) => o.apiVersion === 'serving.knative.dev/v1' && o.kind === 'Service');
  for (const service of services) {
    const policies = objects.filter((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.namespace === service.metadata.namespace
      && selects(o.spec.endpointSelector, service.spec.template.metadata?.labels ?? {}));
    const rules = policies.flatMap((p) => p.spec.ingress ?? []);
    expect({ service: service.metadata.name, ingress: rules.some((r: any) => r.fromEntities?.includes('ingress')) }).toEqual({ service: service.metadata.name, ingress: true });
    expect({
      service: service.metadata.name,
      activator: rules.some((r: any) => (r.fromEndpoints ?? []).some((e: any) => e.matchLabels?.['k8s:io.kubernetes.pod.namespace'] === 'knative-serving')),
    }).toEqual({ service: service.metadata.name, activator: true });
  }
  // The operator's namespace, where the activator and net-gateway-api's prober run, has no policy of its own.
  expect(objects.filter((o) => o.metadata?.namespace === 'knative-serving' && /NetworkPolicy$/.test(o.kind))).toEqual([]);
});
