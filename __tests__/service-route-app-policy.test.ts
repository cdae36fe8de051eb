import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, ServiceRoute } from '../constructs';
import { labCluster } from './bad-input/lab';
import { manifestsOf, synthInMemory } from './support/synth';

// A ServiceRoute to the Service of an app of the cluster: the app's default-deny policy admits the cluster's
// ingress on that port, as it does for the app's own route; otherwise the route would answer 504 for ever.

/** The ingress rules of app web's NetworkPolicy, with a ServiceRoute to `port` of Service `service` when given. */
function webIngress(route?: { service: string; port: number }): unknown {
  const define = (scope: Construct) => {
    const cluster = labCluster(scope as CdkApp);
    new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'admin', port: 9090 }] });
    if (route) {
      new ServiceRoute(cluster, 'web-admin', { namespace: 'web', host: 'web-admin', serviceName: route.service, port: route.port });
    }
  };
  const result = synthInMemory(define);
  const policy = manifestsOf(result, result.clusters[0].folder).find((m: { kind: string; metadata: { name: string; namespace?: string } }) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'web' && m.metadata.name === 'web');
  return (policy?.spec as { ingress?: unknown }).ingress;
}

const fromTraefik = (port: number) => ({
  from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }],
  ports: [{ port, protocol: 'TCP' }],
});

describe("a ServiceRoute to an app's Service", () => {
  test("opens the app's policy to the ingress on the routed port alone", () => {
    expect(webIngress({ service: 'web', port: 9090 })).toEqual([fromTraefik(9090)]);
  });

  test("leaves the app's policy closed without it, or for a route to another Service", () => {
    expect(webIngress()).toEqual([]);
    expect(webIngress({ service: 'grafana', port: 9090 })).toEqual([]);
  });
});
