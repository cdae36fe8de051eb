import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, AppVolume, ChartRelease, declareExternal, hostPlacement, kubePrometheusStack, loki, servesPorts, synthesize } from '../constructs';
import type { AppProps, ClusterChart } from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// A compose file reaches another service by its name (DB_HOST: postgres). An App's namespace defaults to
// its id, and a Service's short name resolves only inside its own namespace: a variable that names
// another namespace's app by its short name is a warning with the name that resolves.

function warnings(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => f.severity === 'warning' && /env\./.test(f.field))
    .map((f) => ({ path: f.constructPath, field: f.field, message: f.message, hint: f.hint }));
}
const app = (cluster: ClusterChart, id: string, props: Partial<AppProps> = {}) =>
  new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

test("a bare name, a name with its port and a URL's host of another namespace's app are warnings naming the host that resolves", () => {
  const found = warnings((cluster) => {
    app(cluster, 'postgres');
    app(cluster, 'redis');
    const web = app(cluster, 'paperless', { env: { PAPERLESS_DBHOST: 'postgres', PAPERLESS_REDIS: 'redis://redis:6379' } });
    web.addEnv('PGHOST_PORT', 'postgres:5432');
  });
  expect(found).toEqual([
    expect.objectContaining({ path: 'main/paperless', field: 'env.PAPERLESS_DBHOST', hint: expect.stringContaining("PAPERLESS_DBHOST: 'postgres.postgres'") }),
    expect.objectContaining({ path: 'main/paperless', field: 'env.PAPERLESS_REDIS', hint: expect.stringContaining("PAPERLESS_REDIS: 'redis://redis.redis:6379'") }),
    expect.objectContaining({ path: 'main/paperless', field: 'env.PGHOST_PORT', hint: expect.stringContaining("PGHOST_PORT: 'postgres.postgres:5432'") }),
  ]);
  expect(found[0].message).toMatch(/resolves only in namespace "postgres"/);
});

test('an app of its own namespace, a full name, or a value that names no app, is no warning', () => {
  expect(warnings((cluster) => {
    app(cluster, 'postgres', { namespace: 'paperless' });
    app(cluster, 'redis');
    app(cluster, 'paperless', { env: { DB_HOST: 'postgres', REDIS: 'redis.redis.svc.cluster.local', LOG: 'info', URL: 'https://example.org' } });
    // A bare word under a name that holds no host is a setting, such as a database type.
    app(cluster, 'forgejo', { env: { GITEA__database__DB_TYPE: 'redis', CACHE_ADAPTER: 'redis' } });
  })).toEqual([]);
});

test("a Service a platform component's chart makes, named by its short name from another namespace, is a warning too", () => {
  // A log shipper pushing to Loki as the chart's own README writes it, from a namespace of its own.
  const found = warnings((cluster) => {
    cluster.platform.require(loki({ placement: hostPlacement(gpu1) }));
    app(cluster, 'promtail', { image: 'ghcr.io/acme/promtail:1.0.0', ports: [{ name: 'http', port: 3101 }], env: { LOKI_URL: 'http://loki:3100/loki/api/v1/push' } });
  });
  expect(found).toEqual([
    expect.objectContaining({ path: 'main/promtail', field: 'env.LOKI_URL', hint: expect.stringContaining("LOKI_URL: 'http://loki.monitoring:3100/loki/api/v1/push'") }),
  ]);
  expect(found[0].message).toMatch(/resolves only in namespace "monitoring"/);
});

test("a chart release's value that names a component's Service by its short name is a warning on the value", () => {
  // Promtail's chart as its README installs it, beside Loki of the platform: its pods resolve `loki` in `logging`.
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.platform.require(loki({ placement: hostPlacement(gpu1) }));
  new ChartRelease(cluster, 'promtail', {
    namespace: 'logging', chart: { repository: 'https://grafana.github.io/helm-charts', chart: 'promtail', version: '6.16.6' },
    network: servesPorts({ port: 3101, purpose: 'metrics of promtail' }), values: { config: { clients: [{ url: 'http://loki:3100/loki/api/v1/push' }] } },
  });
  const found = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && f.field.startsWith('values.'));
  expect(found).toEqual([expect.objectContaining({
    constructPath: 'main/promtail', field: 'values.config.clients[0].url', hint: expect.stringContaining("'http://loki.monitoring:3100/loki/api/v1/push'"),
  })]);
});

test("a value added to a platform component that names another component's Service by its short name is a warning on addValues", () => {
  // A Grafana data source for Loki, written as Loki's README writes it, with Loki in a namespace of its own.
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.platform.require(loki({ placement: hostPlacement(gpu1), namespace: 'logging' }));
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  stack.addValues({ grafana: { additionalDataSources: [{ name: 'Loki', type: 'loki', url: 'http://loki-gateway' }] } });
  const found = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && f.field.startsWith('addValues.'));
  expect(found).toEqual([expect.objectContaining({
    constructPath: 'main/platform/installs/kube-prometheus-stack', field: 'addValues.grafana.additionalDataSources[0].url', hint: expect.stringContaining("'http://loki-gateway.logging'"),
  })]);
});

test("a URL of a mounted configuration file that names another namespace's app by its short name is a warning on the ConfigMap's key", () => {
  // Gatus' endpoints, as its README writes them, in a ConfigMap the Gatus pod mounts; a second, mounted by nothing, is not read.
  const found = (url: string, mounted = true) => {
    const cdk = new CdkApp();
    const cluster = labCluster(cdk);
    app(cluster, 'web');
    cluster.namespaces.ensure('gatus');
    new ApiObject(cluster, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gatus-config', namespace: 'gatus' }, data: { 'config.yaml': `endpoints:\n  - name: web\n    url: "${url}"\n  - name: web-again\n    url: "${url}"\n` } });
    app(cluster, 'gatus', { namespace: 'gatus', persistence: mounted ? { config: { volume: AppVolume.configMap('gatus-config'), mountPath: '/config' } } : {} });
    return synthesize(cdk, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && f.field.startsWith('data.'));
  };
  expect(found('http://web:8080/health')).toEqual([expect.objectContaining({
    constructPath: 'main/config', field: 'data.config.yaml', hint: expect.stringContaining("'http://web.web:8080/health'"),
  })]);
  expect(found('http://web.web:8080/health')).toEqual([]);
  expect(found('http://web:8080/health', false)).toEqual([]);
});
