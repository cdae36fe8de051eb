import { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import {
  acmeIssuer, App, cilium, ciliumOnTalos, ciliumValues, ClusterChart, ClusterChartProps, ClusterIssuer, cloudflareDns01, flux,
  gatewayApiCrds, host, IngressTls, ingressNginx, LETSENCRYPT_PRODUCTION, LETSENCRYPT_STAGING, metalLb, SecretReference, site, synthesize, talos,
} from '../constructs';
import { unwrittenOutdir } from './support/synth';

// The platform pieces of the elitedesk issue on a small lab of their own: Cilium and its Gateway API
// CRDs, the ingress-nginx route flavor, cert-manager issuers, talos().

const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
const lab = site('lab', {
  domain: 'lab.test', hosts: [node],
  pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
  git: { url: 'ssh://git@example.test/lab.git' },
});
const token = SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token');

function cluster(app: CdkApp, props: Partial<ClusterChartProps> = {}): ClusterChart {
  return new ClusterChart(app, 'main', {
    site: lab, hosts: [node],
    routes: ingressNginx({ address: lab.pools.lb.at('10.1.0.200'), tls: IngressTls.wildcard({ issuer: 'letsencrypt-staging' }) }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    gitops: flux({ sopsSecretName: 'sops-age' }),
    // Talos' own pod network, unless a test gives the cluster a cni: these tests are about the routes, not the CNI.
    preinstalled: [talos({ bootstrapNode: node, bringYourOwnCni: props.cni !== undefined, allowSchedulingOnControlPlanes: true })],
    ...props,
  });
}

function issuer(scope: ClusterChart, name = 'letsencrypt-staging'): ClusterIssuer {
  // The directory its name says: an issuer named for production on staging is an error of its own.
  const server = /production/.test(name) ? LETSENCRYPT_PRODUCTION : LETSENCRYPT_STAGING;
  return new ClusterIssuer(scope, name, { name, issuer: acmeIssuer({ server, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: token })] }) });
}

function synth(app: CdkApp) {
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as any),
    errors: result.findings.filter((f) => f.severity === 'error'),
  };
}

const web = (scope: ClusterChart, id: string, hostName: string) => new App(scope, id, {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: hostName },
});

describe('Cilium', () => {
  test('values for an L2-announcing cluster with Hubble', () => {
    expect(ciliumValues({ ...ciliumOnTalos(), l2Announcements: true, externalIPs: true, hubble: { relay: true, ui: true }, k8sClientQps: 50 })).toMatchObject({
      l2announcements: { enabled: true },
      externalIPs: { enabled: true },
      hubble: { enabled: true, relay: { enabled: true }, ui: { enabled: true } },
      k8sClientRateLimit: { qps: 50, burst: 100 },
      k8sServiceHost: 'localhost', k8sServicePort: 7445,
    });
  });

  test('Gateway API brings its CRDs first and the cilium GatewayClass', () => {
    const app = new CdkApp();
    const c = cluster(app, { cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }) });
    issuer(c);
    expect(c.platform.get('cilium')!.dependsOn).toEqual(['gateway-api-crds']);
    expect(c.platform.provider('gatewayClasses', 'cilium')).toBe('component cilium');
    expect(c.platform.providesKind('gateway.networking.k8s.io', 'TLSRoute')).toBe(true);
    expect(synth(app).errors).toEqual([]);
  });

  test("Cilium on Talos without Talos' settings, the API server address among them, is one error on cni", () => {
    const app = new CdkApp();
    issuer(cluster(app, { cni: cilium({}) }));
    expect(synth(app).errors.filter((e) => e.field.startsWith('cni')).map((e) => [e.field, e.message, e.hint])).toEqual([[
      'cni', expect.stringContaining('names no API server address to reach without it'), expect.stringContaining('cilium({ ...ciliumOnTalos(), … })'),
    ]]);
  });

  test('the Gateway API CRDs of another release, for another caller', () => {
    const crds = gatewayApiCrds({ version: 'v1.4.1', experimental: ['TCPRoute', 'TLSRoute'] });
    expect(crds.install).toMatchObject({ type: 'manifests', tag: 'v1.4.1', path: 'config/crd' });
    expect(crds.crds![0].kinds).toEqual(['GatewayClass', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant', 'TCPRoute', 'TLSRoute']);
  });
});

describe('ingress-nginx route flavor', () => {
  test('a host the wildcard does not cover gets a certificate of its own from the same issuer', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c);
    web(c, 'deep', 'a.b');
    const { objects, errors } = synth(app);
    expect(errors).toEqual([]);
    const ingress = objects.find((o) => o.kind === 'Ingress');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-staging');
    expect(ingress.spec.tls).toEqual([{ hosts: ['a.b'], secretName: 'deep-tls' }]);
  });

  test('per-route certificates through the cluster-issuer annotation; the wildcard and its replicator are not installed', () => {
    const app = new CdkApp();
    const c = cluster(app, { routes: ingressNginx({ tls: IngressTls.perRoute('letsencrypt-staging'), ingressClassName: 'internal' }) });
    issuer(c);
    web(c, 'web', 'web');
    const { objects, errors } = synth(app);
    expect(errors).toEqual([]);
    const ingress = objects.find((o) => o.kind === 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('internal');
    expect(ingress.metadata.annotations).toMatchObject({ 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' });
    expect(objects.some((o) => o.kind === 'Certificate')).toBe(false);
    expect(c.platform.has('secret-replicator')).toBe(false);
    expect(c.platform.provider('ingressClasses', 'internal')).toBe('component ingress-nginx');
  });

  test('several rules become paths of one Ingress; basic auth reads the key `auth`', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c);
    new App(c, 'api', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }, { name: 'admin', port: 9090 }],
      route: {
        host: 'api',
        rules: [{ path: '/v1' }, { path: '/admin', pathType: 'Exact', backends: [{ port: 9090 }] }],
        basicAuth: SecretReference.external('api', 'api-users', 'auth'),
      },
    });
    const { objects, errors } = synth(app);
    expect(errors).toEqual([]);
    const ingress = objects.find((o) => o.kind === 'Ingress');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service.port.number])).toEqual([
      ['/v1', 'Prefix', 8080], ['/admin', 'Exact', 9090],
    ]);
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/auth-type': 'basic', 'nginx.ingress.kubernetes.io/auth-secret': 'api-users',
    });
  });

  test('a one-rule route rewrites its prefix with a regex path and rewrite-target', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c);
    web(c, 'web', 'web');
    new App(c, 'old', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      route: { host: 'old', rules: [{ path: '/app', rewrite: { pathPrefix: '/', hostname: 'internal.lab.test' } }] },
    });
    const { objects, errors } = synth(app);
    expect(errors).toEqual([]);
    const ingress = objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'old');
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({ path: '/app(/|$)(.*)', pathType: 'ImplementationSpecific' });
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
      'nginx.ingress.kubernetes.io/upstream-vhost': 'internal.lab.test',
    });
  });

  test('header matches, header changes and a rewrite on one rule of several are reported', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c);
    new App(c, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      route: {
        host: 'web',
        rules: [
          { path: '/a', headers: [{ name: 'X-Tenant', value: 'a' }], requestHeaders: { set: { 'X-From': 'edge' } } },
          { path: '/b', rewrite: { pathPrefix: '/' } },
        ],
      },
    });
    expect(synth(app).errors.map((e) => e.field).sort()).toEqual([
      'route.rules[0].headers', 'route.rules[0].requestHeaders', 'route.rules[1].rewrite',
    ]);
  });

  test('route fields the flavor does not know are reported, not dropped', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c);
    web(c, 'web', 'web');
    c.routes.renderRoute(new Construct(c, 'extra'), {
      name: 'extra', namespace: 'web', hostname: 'extra.lab.test', path: '/', serviceName: 'web', servicePort: 8080, labels: {}, annotations: {},
      middlewares: ['auth'],
    } as any);
    expect(synth(app).errors.map((e) => e.field)).toContain('route.middlewares');
  });

  test('cert-manager is installed once however many issuers and certificates ask for it', () => {
    const app = new CdkApp();
    const c = cluster(app);
    issuer(c, 'letsencrypt-staging');
    issuer(c, 'letsencrypt-production');
    const { objects } = synth(app);
    expect(objects.filter((o) => o.kind === 'HelmRelease' && o.metadata.name === 'cert-manager')).toHaveLength(1);
    expect(objects.filter((o) => o.kind === 'ClusterIssuer').map((o) => o.metadata.name).sort()).toEqual(['letsencrypt-production', 'letsencrypt-staging']);
  });
});

test('talos() declares the distribution; its steps come once the cluster names its nodes', () => {
  const preinstalled = talos({ bootstrapNode: node });
  expect(preinstalled.namespaces).toContain('kube-system');
  expect(preinstalled.manualSteps).toBeUndefined();
});
