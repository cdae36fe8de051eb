import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, HomelabApp, IngressTls, ingressNginx, metalLb, synthesize } from '../constructs';
import { lab, node } from './support/one-node-lab';

// ingress-nginx's admission takes only letters, digits, '.', '/', '_' and '-' in Exact and Prefix paths (the dot since 1.13.2).

function ingressPaths(path: string, pathType?: 'Exact') {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'nginx', {
    site: lab, hosts: [node], routes: ingressNginx({ address: lab.pools.lb.at('10.1.0.200'), tls: IngressTls.none() }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), gitops: flux(),
  });
  new HomelabApp(cluster, 'wiki', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'wiki', rules: [{ path, pathType }] } });
  const result = synthesize(app, { outdir: 'unused', write: false });
  const ingress = result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'Ingress');
  return { paths: ingress?.spec.rules[0].http.paths, errors: result.findings.filter((f) => f.severity === 'error').map((f) => f.field) };
}

test('a prefix with parentheses is rendered ImplementationSpecific, which the admission takes and nginx matches as a prefix; one with a dot stays Prefix', () => {
  expect(ingressPaths('/v1.0').paths).toEqual([expect.objectContaining({ path: '/v1.0', pathType: 'Prefix' })]);
  expect(ingressPaths('/wiki/Foo_(bar)').paths).toEqual([expect.objectContaining({ pathType: 'ImplementationSpecific' })]);
  expect(ingressPaths('/api/v1').paths).toEqual([expect.objectContaining({ path: '/api/v1', pathType: 'Prefix' })]);
});

test('an exact path with such characters is refused on the rule; one with a dot is rendered Exact', () => {
  expect(ingressPaths('/~alice', 'Exact').errors).toEqual(['route.rules[0].path']);
  expect(ingressPaths('/robots.txt', 'Exact')).toEqual({ paths: [expect.objectContaining({ path: '/robots.txt', pathType: 'Exact' })], errors: [] });
});
