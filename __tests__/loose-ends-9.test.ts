import { App as CdkApp } from 'cdk8s';
import { caIssuer, cilium, ciliumLoadBalancer, ClusterIssuer, ingressNginx, IngressTls, SecretReference, synthesize, WildcardCertificate } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { relativeLookingHost } from '../constructs/app/route-host';
import { guarded, lab, labApp, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-loose-ends-9.ts) cannot say: that each of these mistakes in routes,
// TLS and load-balancer addresses gives exactly one error (or one finding), where the user made it.

/** The findings of `severity` after a cluster `edge` with `props` is built by `build`, as `[layer] path field: message`. */
function findingsOf(props: Partial<ClusterChartProps>, build: (cluster: ReturnType<typeof labCluster>) => void = () => undefined, severity = 'error'): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app, 'edge', props));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === severity)
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

/** Two apps whose load balancers ask for one address. */
const twoOnOneAddress = (cluster: ReturnType<typeof labCluster>) => {
  labApp('web')(cluster).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.11') });
  labApp('web2')(cluster).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.11') });
};

test('an address two load balancers ask for is one error, on the later call, naming the other holder by its prop', () => {
  expect(findingsOf({}, twoOnOneAddress)).toEqual([
    '[inventory] edge/web2 addLoadBalancer.address: address 10.0.8.11 is taken already by edge/web (addLoadBalancer.address)',
  ]);
});

test('under Cilium LB-IPAM too, an address two load balancers ask for is one error, on the later call', () => {
  const errors = findingsOf({ cni: cilium({ kubeProxyReplacement: false }), loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }) }, twoOnOneAddress);
  expect(errors.filter((e) => e.includes('10.0.8.11'))).toEqual([
    '[inventory] edge/web2 addLoadBalancer.address: address 10.0.8.11 is taken already by edge/web (addLoadBalancer.address)',
  ]);
});

test('IngressTls.wildcard of an undefined ClusterIssuer is one error, on routes.tls.issuer, whatever its certificate and uncovered routes name', () => {
  const apps = (cluster: ReturnType<typeof labCluster>) => ['web.lab.test', 'a.b.lab.test', 'web.other.org'].forEach((host, i) => labApp(`web${i}`, { route: { host } })(cluster));
  expect(findingsOf({ routes: ingressNginx({ tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }) }, apps))
    .toEqual([expect.stringMatching(/^\[references\] edge routes\.tls\.issuer: cert-manager ClusterIssuer "letsencrypt" is provided by nothing/)]);
});

test('a WildcardCertificate of an undefined ClusterIssuer is one error, on its issuer, not one more on its Certificate', () => {
  const build = (cluster: ReturnType<typeof labCluster>) => {
    new WildcardCertificate(cluster, 'wc', { issuer: 'letsencrypt' });
    labApp('web', { route: { host: 'web' } })(cluster);
  };
  expect(findingsOf({}, build)).toEqual([expect.stringMatching(/^\[references\] edge\/wc issuer: /)]);
});

test("a route host deeper under a WildcardCertificate's domain than its *. reaches is one warning, on each route's host, and none on the certificate", () => {
  const build = (cluster: ReturnType<typeof labCluster>) => {
    new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
    new WildcardCertificate(cluster, 'apps', { domain: 'apps.lab.test', issuer: 'lab-ca' });
    ['a.b.apps.lab.test', 'c.d.apps.lab.test', 'web.other.org'].forEach((host, i) => labApp(`web${i}`, { route: { host } })(cluster));
  };
  expect(findingsOf({}, build)).toEqual([]);
  // The certificate (edge/apps) and the routes' hosts; not the note that no schema is known, where the schemas are absent.
  expect(findingsOf({}, build, 'warning').filter((w) => /^\[references\] edge\/(apps|web\d) /.test(w))).toEqual([
    expect.stringMatching(/^\[references\] edge\/web0 route\.host: host a\.b\.apps\.lab\.test lies 2 labels under apps\.lab\.test/),
    expect.stringMatching(/^\[references\] edge\/web1 route\.host: host c\.d\.apps\.lab\.test lies 2 labels under/),
    // Another domain's host is under no certificate at all: Traefik's self-signed one serves it too.
    expect.stringMatching(/^\[references\] edge\/web2 route\.host: host web\.other\.org lies under none of the cluster's wildcard certificates/),
  ]);
});

/** The annotations of the Ingress of an app whose route is one redirect `redirect`, under ingress-nginx with `tls`. */
function redirectAnnotations(tls: ReturnType<typeof IngressTls.none>, redirect: Record<string, unknown>): Record<string, string> {
  const app = new CdkApp();
  const cluster = labCluster(app, 'edge', { routes: ingressNginx({ tls }) });
  if (tls.type !== 'none') {
    new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  }
  labApp('web', { route: { host: 'web', rules: [{ redirect }] } })(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return (result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'Ingress')).metadata.annotations ?? {};
}

test('IngressTls.none() renders plain HTTP: no ssl-redirect, and a redirect keeps the request\'s scheme rather than sending it to HTTPS', () => {
  const plain = redirectAnnotations(IngressTls.none(), { hostname: 'whoami.lab.test', statusCode: 301 });
  expect(Object.keys(plain).filter((k) => /ssl-redirect/.test(k))).toEqual([]);
  expect(plain['nginx.ingress.kubernetes.io/permanent-redirect']).toBe('$scheme://whoami.lab.test$request_uri');
  expect(redirectAnnotations(IngressTls.none(), { scheme: 'https', statusCode: 301 })['nginx.ingress.kubernetes.io/permanent-redirect']).toBe('https://web.lab.test$request_uri');
  const secure = redirectAnnotations(IngressTls.perRoute('lab-ca'), { hostname: 'whoami.lab.test', statusCode: 301 });
  expect(secure['nginx.ingress.kubernetes.io/permanent-redirect']).toBe('https://whoami.lab.test$request_uri');
  expect(secure['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
});

test('a dotted route host outside the domain that ends in no top-level domain is one warning, on the host, with the full name as the hint', () => {
  const build = (cluster: ReturnType<typeof labCluster>) => {
    labApp('web', { route: { host: 'whoami.apps' } })(cluster);
    // Full names: of another domain, under the site's, and a bare label.
    ['www.example.org', 'files.example.de', 'nas.home.arpa', 'grafana.lab.test', 'photos'].forEach((host, i) => labApp(`ok${i}`, { route: { host } })(cluster));
  };
  expect(findingsOf({}, build)).toEqual([]);
  expect(findingsOf({}, build, 'warning').filter((w) => w.includes('route.host'))).toEqual([
    '[props] edge/web route.host: the route\'s host whoami.apps has a dot, so it is taken as a full name, but it lies outside the domain lab.test and "apps" is no top-level domain',
  ]);
});

test('the hint of a relative-looking host names both ways to write it', () => {
  expect(relativeLookingHost('whoami.apps', ['lab.example.com'])?.hint).toMatch(/host: 'whoami\.apps\.lab\.example\.com'.*bare label such as 'whoami'.*another domain/);
  expect(relativeLookingHost('limiting-factor.tailnet', ['grey-area.tailnet'])).toBeUndefined();
  expect(relativeLookingHost('wiki.xn--p1ai', ['lab.example.com'])).toBeUndefined();
});

test("a WildcardCertificate whose hosts ingress-nginx routes without it is one warning, on the certificate", () => {
  const build = (cluster: ReturnType<typeof labCluster>) => {
    new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
    new WildcardCertificate(cluster, 'wc', { issuer: 'lab-ca' });
    ['web', 'wiki'].forEach((host) => labApp(host, { route: { host } })(cluster));
  };
  expect(findingsOf({ routes: ingressNginx({ tls: IngressTls.none() }) }, build)).toEqual([]);
  expect(findingsOf({ routes: ingressNginx({ tls: IngressTls.none() }) }, build, 'warning').filter((w) => w.includes('edge/wc'))).toEqual([
    expect.stringMatching(/^\[references\] edge\/wc issuer: certificate cert-manager\/wildcard-lab-test-tls covers web\.lab\.test, wiki\.lab\.test, but ingress-nginx .*IngressTls\.none\(\)/),
  ]);
  // Read as the controller's default certificate, it is used.
  const asDefault = (cluster: ReturnType<typeof labCluster>) => {
    build(cluster);
    (cluster.node.findChild('wc') as WildcardCertificate).useIn('ingress-nginx');
  };
  expect(findingsOf({ routes: ingressNginx({ tls: IngressTls.none() }) }, asDefault, 'warning').filter((w) => w.includes('edge/wc'))).toEqual([]);
});
