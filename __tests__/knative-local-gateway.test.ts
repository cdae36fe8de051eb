import type { App as CdkApp } from 'cdk8s';
import * as yaml from 'yaml';
import { cilium, ciliumLoadBalancer, declareExternal, gatewayApi, Knative } from '../constructs';
import type { ClusterChart, KnativeProps } from '../constructs';
import { guarded, lab, labCluster } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { synthInMemory } from './support/synth';

// net-gateway-api routes every Knative Service's cluster-local names (<name>.<namespace>.svc.cluster.local),
// and every Knative Service labelled cluster-local, through the Gateway of config-gateway's local-gateways.
// Left out, that is istio-system/knative-local-gateway, which nothing creates: the HTTPRoute is never
// accepted and no Knative Service ever becomes Ready.

const CILIUM_ON_TALOS = { k8sServiceHost: 'localhost', k8sServicePort: 7445, gatewayApi: {} };

/** The objects and findings of a lab cluster that runs Knative behind a Gateway of `gatewayClassName`. */
function knativeLab(gatewayClassName: string, knative: KnativeProps = {}, cni = cilium(CILIUM_ON_TALOS)) {
  const result = synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp, 'main', {
      cni, loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }),
      routes: gatewayApi({ gatewayClassName, namespace: 'ingress', address: lab.pools.vips.at('10.0.8.10'), routeNamespaces: ['apps'] }),
      // Envoy Gateway, for the clusters of another class.
      preinstalled: [{ source: GATEWAY_IMPLEMENTATION.source, provides: { gatewayClasses: ['envoy-gateway'] } }],
    });
    declareExternal(cluster, { secrets: [{ namespace: 'ingress', name: 'main-gateway-tls' }] });
    guarded((c: ClusterChart) => new Knative(c, 'knative', { eventing: false, ...knative }))(cluster);
  });
  const objects = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning' && f.constructPath.startsWith('main/knative'));
  return { objects, errors, warnings };
}

/** The one Gateway of config-gateway's `key` (external-gateways, local-gateways), as net-gateway-api reads it. */
function configGateway(objects: any[], key: string): { class: string; gateway: string; service: string } | undefined {
  const serving = objects.find((o) => o.kind === 'KnativeServing');
  const entry = serving.spec.config.gateway[key];
  return entry === undefined ? undefined : yaml.parse(entry)[0];
}

const gatewayNamed = (objects: any[], namespacedName: string) =>
  objects.find((o) => o.kind === 'Gateway' && `${o.metadata.namespace}/${o.metadata.name}` === namespacedName);

/** Whether a Kubernetes label selector (matchLabels and matchExpressions) selects `labels`. */
function selects(selector: any, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return byLabel && (selector?.matchExpressions ?? []).every((e: any) => {
    switch (e.operator) {
      case 'In': return e.values.includes(labels[e.key]);
      case 'NotIn': return !e.values.includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: throw new Error(`unknown operator ${e.operator}`);
    }
  });
}

describe('on Cilium', () => {
  // The pool of the local Gateway's address, which the cluster's load balancer (pool vips) does not serve.
  const { objects, errors, warnings } = knativeLab('cilium', { localGatewayAddress: lab.pools.dns.at('10.0.4.53') });
  const local = configGateway(objects, 'local-gateways');
  const localGateway = local && gatewayNamed(objects, local.gateway);
  const mainGateway = gatewayNamed(objects, 'ingress/main-gateway');

  test('synthesizes without errors or warnings', () => {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test("config-gateway names a local Gateway of the cluster's class that the cluster declares, and no Service for either Gateway", () => {
    // Without a service, net-gateway-api probes each Gateway at the first address of its status; with one, at
    // the Service's endpoints, which for a Gateway of Cilium are a placeholder nothing answers.
    expect(local).toEqual({ class: 'cilium', gateway: 'ingress/knative-local-gateway', 'supported-features': ['HTTPRouteRequestTimeout'] });
    expect(localGateway?.spec.gatewayClassName).toBe('cilium');
    expect(configGateway(objects, 'external-gateways')).toEqual({ class: 'cilium', gateway: 'ingress/main-gateway', 'supported-features': ['HTTPRouteRequestTimeout'] });
  });

  test("its one listener takes every cluster-local host, from the namespaces the cluster's Gateway admits", () => {
    expect(localGateway.spec.listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: mainGateway.spec.listeners[1].allowedRoutes }]);
    expect(localGateway.spec.listeners[0].hostname).toBeUndefined();
  });

  test('it asks for its address, which a pool of its own holds alone; the LAN pools and the L2 announcements leave its Service out', () => {
    // Cilium copies spec.infrastructure onto the LoadBalancer Service it makes for the Gateway.
    const serviceLabels = localGateway.spec.infrastructure.labels;
    expect(localGateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '10.0.4.53' }]);
    expect(localGateway.spec.infrastructure.annotations).toEqual({ 'service.cilium.io/type': 'LoadBalancer' });
    const pools = objects.filter((o) => o.kind === 'CiliumLoadBalancerIPPool');
    const own = pools.filter((pool) => selects(pool.spec.serviceSelector, serviceLabels));
    expect(own.map((pool) => pool.spec.blocks)).toEqual([[{ start: '10.0.4.53', stop: '10.0.4.53' }]]);
    const mainService = { 'io.cilium.gateway/owning-gateway': 'main-gateway' };
    for (const pool of pools.filter((p) => !own.includes(p))) {
      // The cluster's own Gateway, whose Service carries only Cilium's labels, still gets its address.
      expect(selects(pool.spec.serviceSelector, mainService)).toBe(true);
    }
    const policies = objects.filter((o) => o.kind === 'CiliumL2AnnouncementPolicy');
    expect(policies.length).toBe(1);
    expect(selects(policies[0].spec.serviceSelector, serviceLabels)).toBe(false);
    expect(selects(policies[0].spec.serviceSelector, mainService)).toBe(true);
  });
});

test('on Cilium without an address for the local Gateway, which then has no status address to be probed at, a warning names the prop', () => {
  const { errors, warnings } = knativeLab('cilium');
  expect(errors).toEqual([]);
  expect(warnings).toEqual([expect.objectContaining({ constructPath: 'main/knative', field: 'localGatewayAddress', message: expect.stringMatching(/no Knative Service, ever becomes Ready/) })]);
});

test("an address of a pool the cluster's load balancer serves, and announces, is an error on the prop", () => {
  const { errors } = knativeLab('cilium', { localGatewayAddress: lab.pools.vips.at('10.0.8.11') });
  expect(errors).toEqual([expect.objectContaining({ constructPath: 'main/knative', field: 'localGatewayAddress', message: expect.stringMatching(/pool "vips", which the cluster's load balancer serves/) })]);
});

test('on Cilium beside kube-proxy, which serves NodePorts whatever the annotation says, the local Gateway is an error', () => {
  const { errors } = knativeLab('cilium', { localGatewayAddress: lab.pools.dns.at('10.0.4.53') }, cilium({ ...CILIUM_ON_TALOS, kubeProxyReplacement: false }));
  expect(errors).toEqual([expect.objectContaining({ constructPath: 'main/knative', field: 'localGateway', message: expect.stringMatching(/kube-proxy/) })]);
});

describe('on another class', () => {
  test('the local Gateway must be given', () => {
    const { errors } = knativeLab('envoy-gateway', { gatewayServiceName: 'envoy-main' });
    expect(errors).toEqual([expect.objectContaining({ constructPath: 'main/knative', field: 'localGateway' })]);
  });

  test('a given local Gateway is the one config-gateway names, and none is declared', () => {
    const { objects, errors } = knativeLab('envoy-gateway', {
      gatewayServiceName: 'envoy-main', localGateway: { namespace: 'internal', gatewayName: 'inside', serviceName: 'envoy-inside' },
    });
    expect(errors).toEqual([]);
    expect(configGateway(objects, 'local-gateways')).toEqual(expect.objectContaining({ class: 'envoy-gateway', gateway: 'internal/inside', service: 'internal/envoy-inside' }));
    expect(objects.filter((o) => o.kind === 'Gateway').map((o) => o.metadata.name)).toEqual(['main-gateway']);
  });
});
