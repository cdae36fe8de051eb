import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterChartProps } from '../constructs';
import { App, gatewayApi, tailscaleLoadBalancer } from '../constructs';
import { labCluster, raw } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { synthInMemory } from './support/synth';

// The correct forms of a hand-written Ingress to an App: the app admits the ingress controller, or the Ingress is
// of a class another controller serves, which the check does not judge.

function findings(allowFrom: unknown[] | undefined, className = 'traefik', props: Partial<ClusterChartProps> = {}): string[] {
  const define = (scope: Construct) => {
    const cluster = labCluster(scope as CdkApp, 'main', props);
    new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...(allowFrom ? { allowFrom } : {}) } as never);
    raw(cluster, 'ing', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
      spec: { ingressClassName: className, rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] },
    });
  };
  return synthInMemory(define).findings.filter((f) => f.constructPath === 'main/ing').map((f) => `${f.severity} ${f.field}`);
}

describe('a hand-written Ingress to an app of the cluster', () => {
  test('is refused while the app keeps the controller out, and accepted once the app admits its namespace', () => {
    expect(findings(undefined)).toEqual(['error spec.rules[0].http.paths[0].backend.service.port']);
    expect(findings([{ namespace: 'traefik' }])).toEqual([]);
  });
});

describe("a hand-written Ingress of the Tailscale operator's class", () => {
  test("is refused while the app keeps the operator's proxies out, and accepted once it admits their namespace", () => {
    const operator = { loadBalancer: tailscaleLoadBalancer() };
    expect(findings(undefined, 'tailscale', operator)).toEqual(['error spec.rules[0].http.paths[0].backend.service.port']);
    expect(findings([{ namespace: 'tailscale' }], 'tailscale', operator)).toEqual([]);
  });
});

describe("a hand-written HTTPRoute attached to the cluster's Gateway", () => {
  function routeFindings(gatewayClassName: string, app: Record<string, unknown>, props: Partial<ClusterChartProps> = {}): string[] {
    const define = (scope: Construct) => {
      const cluster = labCluster(scope as CdkApp, 'main', { routes: gatewayApi({ gatewayClassName }), ...props });
      new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...app } as never);
      raw(cluster, 'hr', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web-extra', namespace: 'web' },
        spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway' }], hostnames: ['extra.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
      });
    };
    return synthInMemory(define).findings.filter((f) => f.constructPath === 'main/hr' && f.layer === 'policy').map((f) => `${f.severity} ${f.field}`);
  }

  test('is accepted once the app admits the proxies, or routes itself, which opens its policy to them', () => {
    expect(routeFindings('envoy-gateway', {})).toEqual(['error spec.rules[0].backendRefs[0].port']);
    expect(routeFindings('envoy-gateway', { allowFrom: [{ namespace: 'envoy-gateway-system' }] })).toEqual([]);
    expect(routeFindings('envoy-gateway', { route: { host: 'web' } })).toEqual([]);
  });

  test("under Cilium's Gateway, is refused while the app keeps Cilium's ingress identity out, and accepted once the app routes itself", () => {
    const ciliumPolicies: Partial<ClusterChartProps> = { networkPolicy: 'cilium', preinstalled: [GATEWAY_IMPLEMENTATION] };
    expect(routeFindings('cilium', {}, ciliumPolicies)).toEqual(['error spec.rules[0].backendRefs[0].port']);
    expect(routeFindings('cilium', { route: { host: 'web' } }, ciliumPolicies)).toEqual([]);
    // Where the cluster writes Kubernetes NetworkPolicies, the routed App is warned that none can let Cilium's identity in.
    expect(routeFindings('cilium', {})).toEqual([]);
  });

  test("is not judged where the implementation's proxies are only guessed at", () => {
    expect(routeFindings('nginx', {})).toEqual([]);
  });
});
