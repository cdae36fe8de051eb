import {
  acmeIssuer, App, cloudflareDns01, ClusterChart, ClusterIssuer, flux, gatewayApi, GatewayApiProps, host, LETSENCRYPT_PRODUCTION, localPathStorage, metalLb,
  SecretReference, site, WildcardCertificate,
} from '../constructs';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';
import type { Construct } from 'constructs';
import { loadAll } from 'js-yaml';

// Plain HTTP on the shared Gateway's port 80 is sent to HTTPS by one route of the flavor's own, unless a proxy in
// front terminates TLS and the routes answer plain HTTP themselves.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const home = site('home', { domain: 'home.test', hosts: [nuc], pools: { lb: { first: '192.168.1.240', last: '192.168.1.250' } }, git: { url: 'https://git.home.test/home.git' } });

function lab(routes: Partial<GatewayApiProps>): (scope: Construct) => void {
  return (scope) => {
    const cluster = new ClusterChart(scope, 'main', {
      site: home, hosts: [nuc], loadBalancer: metalLb({ pools: [home.pools.lb] }),
      routes: gatewayApi({ gatewayClassName: 'envoy-gateway', address: home.pools.lb.at('192.168.1.240'), ...routes }),
      storage: { fast: localPathStorage() }, gitops: flux(),
    });
    cluster.platform.declarePreinstalled({ source: 'Envoy Gateway, installed by hand', namespaces: ['envoy-gateway-system'], provides: { gatewayClasses: ['envoy-gateway'] }, crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute'] }] });
    new ClusterIssuer(cluster, 'letsencrypt', {
      name: 'letsencrypt',
      issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'me@home.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
    });
    new WildcardCertificate(cluster, 'wildcard', { issuer: 'letsencrypt', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
    new App(cluster, 'whoami', { image: 'traefik/whoami:v1.10.3', namespace: 'web', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'], route: { host: 'whoami' } });
  };
}

function objects(define: (scope: Construct) => void): any[] {
  return [...sitesInMemory(define).files.entries()].filter(([file]) => file.endsWith('.yaml')).flatMap(([, text]) => loadAll(text) as any[]);
}

test('by default port 80 redirects every host to HTTPS, from the Gateway\'s namespace, which its listener admits', () => {
  const define = lab({ routeNamespaces: ['web'] });
  expect(shownFindings(define)).toEqual([]);
  const all = objects(define);
  const redirect = all.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'main-gateway-https-redirect');
  expect(redirect.metadata.namespace).toBe('gateway');
  expect(redirect.spec).toEqual({
    hostnames: ['*.home.test'], parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'http' }],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  });
  const gateway = all.find((o) => o.kind === 'Gateway');
  const admitted = (listener: string) => gateway.spec.listeners.find((l: any) => l.name === listener).allowedRoutes.namespaces.selector.matchExpressions[0].values;
  expect(admitted('http')).toEqual(['gateway', 'web']);
  expect(admitted('https')).toEqual(['web']);
  // The app's own route stays on HTTPS.
  expect(all.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'whoami').spec.parentRefs).toEqual([{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }]);
});

test.each([
  ['behind a proxy that terminates TLS', { servePlainHttp: true }],
  ['left to routes of the owner\'s own', { redirectPlainHttp: false }],
])('no redirect %s', (_name, props) => {
  const define = lab(props);
  expect(shownFindings(define)).toEqual([]);
  expect(objects(define).filter((o) => o.kind === 'HTTPRoute').map((o) => o.metadata.name)).toEqual(['whoami']);
});
