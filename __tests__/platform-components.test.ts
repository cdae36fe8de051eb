import { App as CdkApp } from 'cdk8s';
import {
  actionsRunnerController, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, gatekeeper, hostPlacement, kubePrometheusStack,
  loki, openTelemetryClusterCollector, openTelemetryNodeCollector, RequiredPodLabels, renovate, runnerScaleSet, synthesize, trivyOperator,
} from '../constructs';
import { missingCrds, requestDifference } from '../constructs/platform/component-requests';
import { arm1, gpu1, labCluster } from './bad-input/lab';

// Platform add-ons a lab turns on itself, with sound options: none is refused. Options that cannot work
// are findings of the bad-input corpus (cases-components.ts).

function build(add: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  add(labCluster(app));
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { errors: result.findings.filter((f) => f.severity === 'error'), manifests: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)) };
}

describe('component factories', () => {
  test('sound options of every add-on synthesize, with their Secrets declared', () => {
    const { errors } = build((cluster) => {
      declareExternal(cluster, {
        secrets: [
          { namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'renovate', name: 'renovate-token' }, { namespace: 'arc-runners', name: 'github-runner' },
        ],
      });
      cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', retention: '2w' }));
      cluster.platform.require(loki({ placement: hostPlacement(arm1), storageClass: 'local-path', storageSize: '20Gi' }));
      cluster.platform.require(openTelemetryNodeCollector({ export: { endpoint: 'otel.lab.test:4317' } }));
      cluster.platform.require(openTelemetryClusterCollector({ export: { endpoint: 'otel.lab.test:4317' } }));
      cluster.platform.require(trivyOperator({ placement: hostPlacement(gpu1) }));
      cluster.platform.require(renovate({ placement: hostPlacement(gpu1), repositories: ['me/lab'], tokenSecret: 'renovate-token', schedule: '@every 2h' }));
      cluster.platform.require(actionsRunnerController({ placement: hostPlacement(gpu1) }));
      cluster.platform.require(runnerScaleSet({
        name: 'lab-runners', githubConfigUrl: 'https://github.com/me', githubConfigSecret: 'github-runner', placement: hostPlacement(gpu1), maxRunners: 4,
      }));
    });
    expect(errors).toEqual([]);
  });

  test('the same request twice is one component', () => {
    const { errors, manifests } = build((cluster) => {
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin' }));
      cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin' }));
    });
    expect(errors).toEqual([]);
    expect(manifests.filter((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kube-prometheus-stack')).toHaveLength(1);
  });
});

test("Grafana's secret_key comes from the admin Secret: the chart sets none, and Grafana's own default is published", () => {
  const { errors, manifests } = build((cluster) => {
    declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
    cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin' }));
  });
  expect(errors).toEqual([]);
  const release = manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kube-prometheus-stack');
  expect(release.spec.values.grafana.envValueFrom).toEqual({ GF_SECURITY_SECRET_KEY: { secretKeyRef: { name: 'grafana-admin', key: 'secret-key' } } });
  expect(JSON.stringify(release.spec.values)).not.toMatch(/secret_key/);
});

describe('trivyOperator()', () => {
  const limitOf = (options: Partial<Parameters<typeof trivyOperator>[0]>) => {
    const { errors, manifests } = build((cluster) => cluster.platform.require(trivyOperator({ placement: hostPlacement(gpu1), ...options })));
    expect(errors).toEqual([]);
    return manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'trivy-operator').spec.values.operator.scanJobsConcurrentLimit;
  };

  test("starts 2 scan jobs at once unless told (the chart's 10 fill a small worker), or concurrentScans", () => {
    expect(limitOf({})).toBe(2);
    expect(limitOf({ concurrentScans: 4 })).toBe(4);
  });
});

describe('kubePrometheusStack({ grafanaStorage })', () => {
  test("Grafana's database on a claim of the tier, replaced rather than rolled; an emptyDir without it", () => {
    const grafanaOf = (options: Record<string, unknown>) => {
      const { errors, manifests } = build((cluster) => {
        declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
        cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', ...options }));
      });
      expect(errors).toEqual([]);
      return manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kube-prometheus-stack').spec.values.grafana;
    };
    const kept = grafanaOf({ grafanaStorage: { tier: 'local', size: '2Gi' } });
    expect(kept.persistence).toMatchObject({ enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '2Gi', storageClassName: 'local-path' });
    expect(kept.deploymentStrategy).toEqual({ type: 'Recreate' });
    const lost = grafanaOf({});
    expect(lost.persistence).toBeUndefined();
    expect(lost.deploymentStrategy).toBeUndefined();
  });
});

describe('a component asked for by several constructs', () => {
  test('Crossplane keeps the Provider kinds of each request', () => {
    const { errors } = build((cluster) => {
      new CrossplaneProviders(cluster, 'aws', [CROSSPLANE_PROVIDERS.awsS3]).addProviderConfig({ name: 'aws', apiVersion: 'aws.upbound.io/v1beta1', spec: {} });
      new CrossplaneProviders(cluster, 'cf', [CROSSPLANE_PROVIDERS.cloudflare]).addProviderConfig({ name: 'cf', apiVersion: 'cloudflare.crossplane.io/v1alpha1', spec: {} });
    });
    expect(errors.filter((e) => /no CRD/.test(e.message))).toEqual([]);
  });

  test('RequiredPodLabels leaves Gatekeeper in the namespace the lab asked for', () => {
    const { errors, manifests } = build((cluster) => {
      cluster.platform.require(gatekeeper({ namespace: 'policy' }));
      new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] });
    });
    expect(errors).toEqual([]);
    expect(manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'gatekeeper')?.metadata.namespace).toBe('policy');
  });
});

describe('requestDifference and missingCrds', () => {
  const base = loki({ placement: hostPlacement(arm1) });
  test('name what differs, and nothing for an equal request', () => {
    expect(requestDifference(base, loki({ placement: hostPlacement(arm1) }))).toBeUndefined();
    expect(requestDifference(base, loki({ placement: hostPlacement(gpu1) }))).toMatch(/^Helm values at /);
    expect(requestDifference(base, loki({ placement: hostPlacement(arm1), namespace: 'logs' }))).toBe('namespace monitoring and logs');
  });
  test('only the kinds not known yet are added', () => {
    expect(missingCrds([{ group: 'a.io', kinds: ['A'] }], [{ group: 'a.io', kinds: ['A', 'B'] }, { group: 'c.io', kinds: ['C'] }]))
      .toEqual([{ group: 'a.io', kinds: ['B'] }, { group: 'c.io', kinds: ['C'] }]);
  });
});
