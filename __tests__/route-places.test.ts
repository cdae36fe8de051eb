import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, gatewayApi, HomelabApp, IngressTls, ingressNginx, metalLb, RouteFlavor, ServiceRoute, synthesize, traefik } from '../constructs';
import { escapedPath, unescapedPathProblem } from '../constructs/validation/url-path';
import { lab, node } from './support/one-node-lab';

// A route path is written as requests carry it (escaped), and each flavor renders it as its proxy compares
// request paths; two routes of one host and path are one mistake, reported once where the second is written.

function synthWith(routes: RouteFlavor, build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes, loadBalancer: metalLb({ pools: [lab.pools.lb] }), gitops: flux() });
  build(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  const manifests = result.clusters[0]?.objects.map((o) => o.manifest as any) ?? [];
  return { manifests, errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`) };
}

const address = () => lab.pools.lb.at('10.1.0.200');
const wiki = (path: string) => (cluster: ClusterChart) =>
  new HomelabApp(cluster, 'wiki', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'wiki', path } });

describe('a prefix path with a trailing slash', () => {
  const warnings = (routes: RouteFlavor) => {
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes, loadBalancer: metalLb({ pools: [lab.pools.lb] }), gitops: flux() });
    wiki('/blog/')(cluster);
    return synthesize(app, { outdir: 'unused', write: false }).findings
      .filter((f) => f.severity === 'warning' && f.field === 'route.path').map((f) => `${f.constructPath} ${f.field}: ${f.hint}`);
  };

  test('is a warning under Traefik, whose PathPrefix is a string prefix that misses the path without it', () => {
    expect(warnings(traefik({ address: address() }))).toEqual([`main/wiki route.path: write path: '/blog', which Traefik matches for "/blog" and every path beginning with it`]);
  });

  test('passes under Gateway API and ingress-nginx, which match a prefix by path elements and ignore the slash', () => {
    expect(warnings(gatewayApi({ gatewayClassName: 'envoy-gateway', address: address() }))).toEqual([]);
    expect(warnings(ingressNginx({ address: address(), tls: IngressTls.none() }))).toEqual([]);
  });
});

describe('route paths with escapes', () => {
  test('Traefik matches the decoded path, so its rule holds the path decoded', () => {
    const { manifests, errors } = synthWith(traefik({ address: address() }), wiki('/my%20wiki'));
    expect(errors).toEqual([]);
    expect(manifests.find((m) => m.kind === 'IngressRoute').spec.routes[0].match).toBe('Host(`wiki.lab.test`) && PathPrefix(`/my wiki`)');
  });

  test('Gateway API matches the path as requests carry it', () => {
    const { manifests } = synthWith(gatewayApi({ gatewayClassName: 'envoy-gateway', address: address() }), wiki('/caf%C3%A9'));
    expect(manifests.find((m) => m.kind === 'HTTPRoute' && m.metadata.namespace !== 'gateway').spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/caf%C3%A9' });
  });

  test('ingress-nginx matches the decoded path, and refuses one its configuration cannot hold', () => {
    const nginx = () => ingressNginx({ address: address(), tls: IngressTls.none() });
    const cafe = synthWith(nginx(), wiki('/caf%C3%A9'));
    expect(cafe.errors).toEqual([]);
    expect(cafe.manifests.find((m) => m.kind === 'Ingress').spec.rules[0].http.paths[0]).toEqual(expect.objectContaining({ path: '/café', pathType: 'ImplementationSpecific' }));
    expect(synthWith(nginx(), wiki('/my%20wiki')).errors).toEqual(['main/wiki route.path']);
  });

  test('characters a path holds only escaped are found and escaped; escapes and plain paths are left alone', () => {
    expect(escapedPath('/my wiki/ä')).toBe('/my%20wiki/%C3%A4');
    expect(escapedPath('/100%')).toBe('/100%25');
    expect(escapedPath('/a%20b')).toBe('/a%20b');
    expect(unescapedPathProblem('/a%20b')).toBeUndefined();
    expect(unescapedPathProblem("/wiki/Foo_(bar);v=1,~x@y:z!$&'*+=")).toBeUndefined();
  });
});

describe('two routes of one host and path', () => {
  const web = (cluster: ClusterChart, id: string, path?: string) =>
    new HomelabApp(cluster, id, { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'photos', path } });

  test.each([
    ['traefik', () => traefik({ address: address() })],
    ['gateway-api', () => gatewayApi({ gatewayClassName: 'envoy-gateway', address: address() })],
    ['ingress-nginx', () => ingressNginx({ address: address(), tls: IngressTls.none() })],
  ] as Array<[string, () => RouteFlavor]>)('are one error, on the second route, under %s', (_flavor, routes) => {
    // The Gateway's own certificate and CRDs are left to the platform here: only the routes' errors count.
    const routeErrors = (build: (c: ClusterChart) => void) => synthWith(routes(), build).errors.filter((e) => /^main\/[ab][ /]/.test(e) && !e.endsWith('apiVersion'));
    expect(routeErrors((c) => { web(c, 'a'); web(c, 'b'); })).toEqual(['main/b route.host']);
    expect(routeErrors((c) => { web(c, 'a', '/api'); web(c, 'b', '/api'); })).toEqual(['main/b route.path']);
  });

  test('routes of one host on other paths, or of other hosts, are taken', () => {
    expect(synthWith(traefik({ address: address() }), (c) => { web(c, 'a'); web(c, 'b', '/b'); }).errors).toEqual([]);
    expect(synthWith(traefik({ address: address() }), (c) => {
      web(c, 'a');
      new ServiceRoute(c, 'admin', { host: 'admin', namespace: 'web', serviceName: 'admin', port: 80 });
    }).errors).toEqual([]);
  });
});

describe("Traefik's Docker-provider labels", () => {
  test('traefik.enable alone is a label a labelSelector may select routes by: a warning, not a refusal', () => {
    const result = synthWith(traefik({ address: address() }), (c) => new HomelabApp(c, 'photos', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'photos' }, labels: { 'traefik.enable': 'true' },
    }));
    expect(result.errors).toEqual([]);
  });
});
