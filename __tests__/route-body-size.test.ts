import { App as CdkApp } from 'cdk8s';
import {
  Forgejo, gatewayApi, Harbor, IngressTls, ingressNginx, Jellyfin, JellyfinMedia, App as HomelabApp, SecretReference, ServiceRoute, synthesize, traefik,
} from '../constructs';
import type { ClusterChart, RouteIntent } from '../constructs';
import { bodySizeBytes, bodySizeProblems, nginxBodySize } from '../constructs/platform/body-size';
import { lab, labCluster } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';

// ingress-nginx answers 413 to a request body above 1 MiB unless its Ingress says otherwise: uploads to
// Jellyfin and git pushes to Forgejo failed on a real cluster with nothing in the output saying why.

type Manifest = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any };

const flavors: Record<string, () => Partial<Parameters<typeof labCluster>[2]>> = {
  nginx: () => ({ routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.none() }) }),
  traefik: () => ({ routes: traefik() }),
  gateway: () => ({ routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] }),
};

function synth(flavor: keyof typeof flavors, build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app, 'main', flavors[flavor]()));
  const result = synthesize(app, { outdir: 'unused', write: false });
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as unknown as Manifest),
    // The Gateway's certificate is no business of these routes.
    errors: result.findings.filter((f) => f.severity === 'error' && f.constructPath !== 'main/gateway').map((f) => `${f.constructPath} ${f.field}: ${f.message} (${f.hint})`),
  };
}

const web = (route: Partial<RouteIntent> = {}) => (cluster: ClusterChart) => new HomelabApp(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', ...route },
});
const media = JellyfinMedia.nfs(lab.nfs.share);
const bodySizeOf = (objects: Manifest[], kind = 'Ingress') => objects.find((o) => o.kind === kind)?.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'];

describe('the size of a body, in one place', () => {
  test.each(['20Mi', '512Ki', '10Gi', 'unlimited', undefined])('%s is taken', (size) => {
    expect(bodySizeProblems(size, 'route.maxBodySize')).toEqual([]);
  });

  test.each([
    [20, /bare number/, "maxBodySize: '20Mi'"],
    ['20', /bare number/, "maxBodySize: '20Mi'"],
    ['20m', /milli/, "maxBodySize: '20Mi'"],
    ['512MB', /unit as MB/, "maxBodySize: '512Mi'"],
    ['1.5Gi', /whole number/, "maxBodySize: '1536Mi'"],
    ['-5Mi', /negative/, "maxBodySize: '5Mi'"],
    ['0Mi', /no limit/, "'unlimited'"],
    ['2Ti', /unit "Ti"/, 'Ki, Mi or Gi'],
    ['lots', /not a size/, "'unlimited'"],
    [true, /not a size/, "'512Mi'"],
  ])('%p is refused on the field with the size it meant', (size, message, hint) => {
    const problems = bodySizeProblems(size, 'route.maxBodySize');
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('route.maxBodySize');
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toContain(hint);
  });

  test('each flavor reads the same bytes', () => {
    expect([nginxBodySize('20Mi'), nginxBodySize('512Ki'), nginxBodySize('2Gi'), nginxBodySize('unlimited')]).toEqual(['20m', '512k', '2g', '0']);
    expect([bodySizeBytes('20Mi'), bodySizeBytes('512Ki'), bodySizeBytes('unlimited')]).toEqual([20 * 1024 * 1024, 512 * 1024, undefined]);
  });
});

describe('ingress-nginx renders the limit as its proxy-body-size annotation', () => {
  test.each([['512Mi', '512m'], ['unlimited', '0']] as const)('%s is %s', (size, annotation) => {
    const { objects, errors } = synth('nginx', web({ maxBodySize: size }));
    expect(errors).toEqual([]);
    expect(bodySizeOf(objects)).toBe(annotation);
  });

  test('a route without one keeps the controller\'s', () => {
    expect(bodySizeOf(synth('nginx', web()).objects)).toBeUndefined();
  });

  test('a ServiceRoute and a route added later take one too', () => {
    const { objects, errors } = synth('nginx', (cluster) => {
      new ServiceRoute(cluster, 'files', { host: 'files', namespace: 'web', serviceName: 'files', port: 80, maxBodySize: '2Gi' });
      web()(cluster).addRoute({ host: 'upload', maxBodySize: '64Mi' });
    });
    expect(errors).toEqual([]);
    const ingresses = objects.filter((o) => o.kind === 'Ingress');
    expect(Object.fromEntries(ingresses.map((i) => [i.metadata.name, i.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']]))).toEqual({
      'files': '2g', 'web': undefined, 'web-2': '64m',
    });
  });

  test("a ServiceRoute behind a login hands its limit to the login proxy's route, which now owns the host", () => {
    const { objects, errors } = synth('nginx', (cluster) => {
      cluster.namespaces.ensure('web');
      new ServiceRoute(cluster, 'files', {
        host: 'files', namespace: 'web', serviceName: 'files', port: 80, maxBodySize: '1Gi',
        login: {
          issuerUrl: 'https://auth.lab.test/realms/lab', clientId: 'files',
          clientSecret: SecretReference.external('auth', 'files-login', 'client-secret'), cookieSecret: SecretReference.external('auth', 'files-login', 'cookie-secret'),
          allowedGroups: ['/family'], namespace: 'auth', backendPods: { podLabels: { app: 'files' }, port: 8080 },
        },
      });
    });
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Ingress').map((i) => [i.metadata.name, i.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']])).toEqual([['files-login', '1g']]);
  });
});

describe('Traefik renders a cap as a buffering Middleware', () => {
  test('chained after the basic auth on every rule', () => {
    const { objects, errors } = synth('traefik', web({
      maxBodySize: '20Mi', basicAuth: SecretReference.external('web', 'web-auth', 'users'), rules: [{ path: '/api' }, { path: '/' }],
    }));
    expect(errors).toEqual([]);
    const middleware = objects.find((o) => o.kind === 'Middleware' && o.metadata.name === 'web-body-size');
    expect(middleware?.spec).toEqual({ buffering: { maxRequestBodyBytes: 20 * 1024 * 1024 } });
    const route = objects.find((o) => o.kind === 'IngressRoute')!;
    expect(route.spec.routes.map((r: any) => r.middlewares)).toEqual([
      [{ name: 'web-auth' }, { name: 'web-body-size' }],
      [{ name: 'web-auth' }, { name: 'web-body-size' }],
    ]);
  });

  test('unlimited is what Traefik does already: no Middleware', () => {
    const { objects, errors } = synth('traefik', web({ maxBodySize: 'unlimited' }));
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Middleware')).toEqual([]);
  });
});

describe('Gateway API has no field for a body limit', () => {
  test('a finite one is refused on the route, with unlimited or another flavor as the hint', () => {
    const { errors } = synth('gateway', web({ maxBodySize: '20Mi' }));
    expect(errors).toEqual([expect.stringMatching(/^main\/web route\.maxBodySize: the gateway-api route flavor cannot express a request body limit of 20Mi .*'unlimited'.*ingress-nginx or Traefik/)]);
  });

  test('unlimited is what its implementations do already', () => {
    const { objects, errors } = synth('gateway', web({ maxBodySize: 'unlimited' }));
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'HTTPRoute' && o.metadata.name !== 'main-gateway-https-redirect')).toHaveLength(1);
  });
});

describe('the service constructs that take uploads give their routes what their own proxy guides give', () => {
  const jellyfin = (route: RouteIntent) => (cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media, route });
  const forgejo = (route: RouteIntent) => (cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { route, ssh: false });

  test('Jellyfin 20Mi and Forgejo 512Mi under ingress-nginx, which caps bodies at 1 MiB by itself', () => {
    const { objects, errors } = synth('nginx', (cluster) => {
      jellyfin({ host: 'tv' })(cluster);
      forgejo({ host: 'git' })(cluster);
    });
    expect(errors).toEqual([]);
    const ingresses = objects.filter((o) => o.kind === 'Ingress');
    expect(Object.fromEntries(ingresses.map((i) => [i.metadata.name, i.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']]))).toEqual({
      jellyfin: '20m', forgejo: '512m',
    });
  });

  test('the user\'s maxBodySize replaces the default', () => {
    const { objects, errors } = synth('nginx', jellyfin({ host: 'tv', maxBodySize: 'unlimited' }));
    expect(errors).toEqual([]);
    expect(bodySizeOf(objects)).toBe('0');
  });

  test.each(['traefik', 'gateway'] as const)('under %s, which caps no body, the default renders nothing and is no error', (flavor) => {
    const { objects, errors } = synth(flavor, (cluster) => {
      jellyfin({ host: 'tv' })(cluster);
      forgejo({ host: 'git' })(cluster);
    });
    expect(errors).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Middleware')).toEqual([]);
  });
});

test("Harbor's chart Ingress is of ingress-nginx's class, and keeps the chart's unlimited body size: the release sets no annotations over it", () => {
  const { objects, errors } = synth('nginx', (cluster) => new Harbor(cluster, 'harbor', {
    route: { host: 'registry' }, storageTier: 'local', adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
  }));
  expect(errors).toEqual([]);
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'harbor')!;
  expect(release.spec.values.expose.ingress).toEqual({ className: 'nginx', hosts: { core: 'registry.lab.test' } });
});
