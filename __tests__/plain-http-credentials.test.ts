import { App as CdkApp } from 'cdk8s';
import { App, IngressTls, ingressNginx, SecretReference, ServiceRoute, synthesize, traefik } from '../constructs';
import type { ClusterChart, ClusterChartProps } from '../constructs';
import { lab, labCluster } from './bad-input/lab';

// A route that asks for a password (basic auth) or a sign-in, served by a flavor that serves plain HTTP alone,
// sends the credential in the clear with every request: a warning on the route's field, with the TLS option of
// the flavor as the hint. Not an error: plain HTTP is a choice the flavor allows, and a proxy in front may add TLS.

function findingsOf(props: Partial<ClusterChartProps>, build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app, 'main', props));
  return synthesize(app, { outdir: 'unused', write: false }).findings;
}

// Each flavor reads the htpasswd lines from a key of its own: Traefik `users`, ingress-nginx `auth`.
const withBasicAuth = (cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
  route: { host: 'web', basicAuth: SecretReference.external('web', 'web-auth', cluster.routes.name === 'traefik' ? 'users' : 'auth') },
});

const withLogin = (cluster: ClusterChart) => {
  cluster.namespaces.ensure('web');
  new ServiceRoute(cluster, 'files', {
    host: 'files', namespace: 'web', serviceName: 'files', port: 80,
    login: {
      issuerUrl: 'https://auth.lab.test/realms/lab', clientId: 'files',
      clientSecret: SecretReference.external('auth', 'files-login', 'client-secret'), cookieSecret: SecretReference.external('auth', 'files-login', 'cookie-secret'),
      allowedGroups: ['/family'], namespace: 'auth', backendPods: { podLabels: { app: 'files' }, port: 8080 },
    },
  });
};

const plain = (f: { severity: string; message: string }) => f.severity === 'warning' && /in the clear with every request/.test(f.message);

test.each([
  ["Traefik's web entry point alone", { routes: traefik({ entryPoints: ['web'] }) }, /routes\.entryPoints/, /entryPoints: \['websecure'\]/],
  ['ingress-nginx without TLS', { routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.none() }) }, /routes\.tls/, /IngressTls\.perRoute\(issuer\)/],
])('basic auth on %s is one warning on the route, naming the TLS option', (_name, props, field, option) => {
  const findings = findingsOf(props, withBasicAuth);
  expect(findings.filter(plain).map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`)).toEqual(['[policy] main/web route.basicAuth']);
  const warning = findings.find(plain)!;
  expect(warning.message).toMatch(field);
  expect(warning.hint).toMatch(option);
  expect(findings.filter((f) => f.severity === 'error' && /web/.test(f.constructPath))).toEqual([]);
});

test('a sign-in on a ServiceRoute under ingress-nginx without TLS is a warning on its login', () => {
  expect(findingsOf({ routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.none() }) }, withLogin)
    .filter(plain).map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/files login']);
});

test('basic auth and sign-in over HTTPS, and plain HTTP beside HTTPS, pass without the warning', () => {
  expect(findingsOf({}, withBasicAuth).filter(plain)).toEqual([]);
  expect(findingsOf({ routes: traefik({ entryPoints: ['web', 'websecure'] }) }, withBasicAuth).filter(plain)).toEqual([]);
  expect(findingsOf({ routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.perRoute('letsencrypt') }) }, withBasicAuth).filter(plain)).toEqual([]);
  expect(findingsOf({}, withLogin).filter(plain)).toEqual([]);
});

test("Traefik's routes on the web entry point alone carry no tls section, which would make them take TLS connections only", () => {
  const spec = (props: Partial<ClusterChartProps>) => {
    const app = new CdkApp();
    withBasicAuth(labCluster(app, 'main', props));
    return (synthesize(app, { outdir: 'unused', write: false }).clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'IngressRoute')).spec;
  };
  expect(spec({ routes: traefik({ entryPoints: ['web'] }) })).not.toHaveProperty('tls');
  expect(spec({ routes: traefik({ entryPoints: ['web'] }) }).entryPoints).toEqual(['web']);
  expect(spec({})).toHaveProperty('tls');
});

test("Traefik's web entry point redirects to HTTPS unless the routes are served on web alone", () => {
  const webPort = (props: Partial<ClusterChartProps>) => {
    const app = new CdkApp();
    withBasicAuth(labCluster(app, 'main', props));
    const release = synthesize(app, { outdir: 'unused', write: false }).clusters[0].objects.map((o) => o.manifest as any)
      .find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'traefik');
    return release.spec.values.ports.web;
  };
  expect(webPort({ routes: traefik({ entryPoints: ['web'] }) })).not.toHaveProperty('http');
  expect(webPort({}).http.redirections.entryPoint.to).toBe('websecure');
});
