import { App as CdkApp } from 'cdk8s';
import { caIssuer, ClusterIssuer, gatewayApi, SecretReference } from '../constructs';
import type { ClusterChart } from '../constructs';
import { goodDeployment, guarded, lab, labCluster, prepopulatedOutdir, raw, serviceManifest, synthFindings } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';

// What the bad-input corpus (cases-routes-newcomer.ts) cannot say: that the hand-written routes, certificates
// and DNS annotations its mistakes stand beside, written as their controllers read them, pass untouched,
// and that each mistake is one error, not one per check that reads the object.

/** The errors on the hand-written object `x` after `build` runs in the lab's main cluster, as `[layer] field`. */
function errorsOnX(build: (cluster: ClusterChart) => void, gateway = false): string[] {
  const app = new CdkApp();
  guarded((root: CdkApp) => {
    const cluster = gateway
      ? labCluster(root, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] })
      : labCluster(root, 'main');
    raw(cluster, 'workload', goodDeployment());
    raw(cluster, 'svc', serviceManifest('web'));
    build(cluster);
  })(app);
  return synthFindings(app, prepopulatedOutdir()).findings
    .filter((f) => f.severity === 'error' && /(^|\/)main\/x$/.test(f.constructPath))
    .map((f) => `[${f.layer}] ${f.field}`);
}

const ingressRoute = (match: string, route: Record<string, unknown> = {}) => ({
  apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match, services: [{ name: 'web', port: 80 }], ...route }], tls: {} },
});
const httpRoute = (rules: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['web.lab.test'], rules },
});

test.each([
  ['a HostRegexp for the names under the domain', 'HostRegexp(`^[^.]+\\.lab\\.test$`)'],
  ['a PathRegexp', 'Host(`web.lab.test`) && PathRegexp(`^/api/v[0-9]+/`)'],
  ['two hosts as two matchers', 'Host(`web.lab.test`) || Host(`www.lab.test`)'],
  ['a prefix with a dot and a dash', 'Host(`web.lab.test`) && PathPrefix(`/static/app-1.2`)'],
])('an IngressRoute with %s passes', (_name, match) => {
  expect(errorsOnX((c) => raw(c, 'x', ingressRoute(match)))).toEqual([]);
});

test("an IngressRoute of Traefik's v2 rule syntax may list two hosts in one matcher", () => {
  expect(errorsOnX((c) => raw(c, 'x', ingressRoute('Host(`web.lab.test`, `www.lab.test`)', { syntax: 'v2' })))).toEqual([]);
});

test('a Traefik matcher refused for one reason is one error on the rule', () => {
  expect(errorsOnX((c) => raw(c, 'x', ingressRoute('Host(`*.lab.test`) && PathPrefix(`api`)')))).toEqual(['[references] spec.routes[0].match']);
});

test('an HTTPRoute redirect from plain HTTP to HTTPS, or to another host, passes', () => {
  expect(errorsOnX((c) => raw(c, 'x', httpRoute([
    { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    { matches: [{ path: { type: 'PathPrefix', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'new.lab.test' } }] },
  ])), true)).toEqual([]);
});

test('external-dns targets that are addresses or a host name pass', () => {
  const service = (target: string) => serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/target': target } });
  expect(errorsOnX((c) => raw(c, 'x', service('10.0.8.12, fd00:8::12')))).toEqual([]);
  expect(errorsOnX((c) => raw(c, 'x', service('router.lab.test.')))).toEqual([]);
});

test('a Certificate whose name a solver selects by its zone passes the solver selection', () => {
  expect(errorsOnX((c) => {
    new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
    raw(c, 'iss', {
      apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' },
      spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@example.org', privateKeySecretRef: { name: 'letsencrypt-account' },
        solvers: [{ selector: { dnsZones: ['example.org'] }, dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } } }] } },
    });
    raw(c, 'x', {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' },
      spec: { secretName: 'web-tls', dnsNames: ['web.example.org', '*.apps.example.org'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    });
  }).filter((error) => error.includes('dnsNames'))).toEqual([]);
});

test('a Traefik redirectRegex from an old host to the new one, or one that keeps the URL, passes', () => {
  const middleware = (name: string, regex: string, replacement: string) => ({
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace: 'web' }, spec: { redirectRegex: { regex, replacement } },
  });
  expect(errorsOnX((c) => {
    raw(c, 'moved', middleware('moved', '^https://old\\.lab\\.test/(.*)', 'https://web.lab.test/${1}'));
    raw(c, 'same', middleware('same', '^https://web\\.lab\\.test/(.*)', 'https://web.lab.test/${1}'));
    raw(c, 'x', {
      ...ingressRoute('Host(`old.lab.test`)'),
      spec: { entryPoints: ['websecure'], tls: {}, routes: [
        { kind: 'Rule', match: 'Host(`old.lab.test`)', middlewares: [{ name: 'moved' }], services: [{ name: 'web', port: 80 }] },
        { kind: 'Rule', match: 'Host(`web.lab.test`)', middlewares: [{ name: 'same' }], services: [{ name: 'web', port: 80 }] },
      ] },
    });
  })).toEqual([]);
});
