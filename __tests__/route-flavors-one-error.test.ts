import { App as CdkApp } from 'cdk8s';
import { App, gatewayApi, IngressTls, ingressNginx, traefik } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-route-flavors.ts) cannot say: that a route's port mistake is exactly
// one error, on the prop the user wrote, and not repeated on the route object of each flavor.

/** The errors after `build` runs in a fresh app, as `[layer] path field`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

const FLAVORS: Array<[string, () => ClusterChartProps['routes']]> = [
  ['traefik', () => traefik()],
  ['ingress-nginx', () => ingressNginx({ tls: IngressTls.none() })],
  ['gateway-api', () => gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') })],
];

test.each(FLAVORS)("a rule's backend port the app lacks is one error on the rule under %s", (_name, routes) => {
  const errors = errorsOf((app) => {
    const main = labCluster(app, 'main', { routes: routes() });
    new App(main, 'api', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'api', rules: [{ path: '/v1', backends: [{ port: 9090 }] }] } });
  }).filter((error) => error.includes('main/api'));
  expect(errors).toEqual(['[references] main/api route.rules[0].backends[0].port']);
});

test("a TCP route on Traefik's entry point to a port the app lacks is one error on the call", () => {
  const errors = errorsOf((app) => {
    const main = labCluster(app, 'main', { routes: traefik({ tcpEntryPoints: { ssh: 2200 } }) });
    new App(main, 'forge', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'ssh', port: 2222 }] }).addTcpRoute({ listenerName: 'ssh', port: 2200 });
  }).filter((error) => error.includes('main/forge'));
  expect(errors).toEqual(['[references] main/forge addTcpRoute(ssh).port']);
});
