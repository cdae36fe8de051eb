import { ApiObject } from 'cdk8s';
import {
  acmeIssuer, ChartRelease, ClusterIssuer, CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, ExternalSecret, hostPlacement, http01Ingress, kubePrometheusStack,
  LETSENCRYPT_PRODUCTION, loki, Tenant,
} from '../constructs';
import { gpu1 } from './bad-input/lab';
import { labSynth as synth } from './support/lab-errors';

// What a zero, a version's spelling or a tenant's label means upstream, where it is no mistake: each is
// rendered as the component reads it, and the checks that refuse its neighbours leave it alone.

describe('retention of zero', () => {
  test.each(['0', '0s', '0d'])("Loki's retention %s keeps every log, as Loki's own default, and is rendered as written", (retention) => {
    const { errors, find } = synth((c) => c.platform.require(loki({ placement: hostPlacement(gpu1), retention })));
    expect(errors).toEqual([]);
    expect(find('HelmRelease', 'loki').spec.values.loki.limits_config.retention_period).toBe(retention);
  });

  test("Prometheus' retention 0 beside a size cap keeps samples by size alone, as Prometheus reads it", () => {
    const { errors, find } = synth((c) => {
      c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', retention: '0', retentionSize: '4GB' }));
      declareExternal(c, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
    });
    expect(errors).toEqual([]);
    const spec = find('HelmRelease', 'kube-prometheus-stack').spec.values.prometheus.prometheusSpec;
    expect([spec.retention, spec.retentionSize]).toEqual(['0', '4GB']);
  });
});

test.each(['0', '0s'])("an ExternalSecret's refreshInterval %s, which the operator reads as fetch once, is rendered as written", (refreshInterval) => {
  const { errors, find } = synth((c) => {
    declareExternal(c, { clusterSecretStores: ['vault'] });
    new ExternalSecret(c, 'db', { namespace: 'web', store: { name: 'vault' }, refreshInterval, data: { password: { remoteKey: 'db/password' } } });
  });
  expect(errors).toEqual([]);
  expect(find('ExternalSecret', 'db').spec.refreshInterval).toBe(refreshInterval);
});

describe('versions in the spelling their repository uses', () => {
  test.each([
    ['https://charts.jetstack.io', 'cert-manager', 'v1.16.2'],
    ['https://prometheus-community.github.io/helm-charts', 'kube-prometheus-stack', '75.0.0'],
    ['https://charts.example.org', 'app', 'v1.2.3'],
  ])('a ChartRelease of %s %s at %s is rendered', (repository, chart, version) => {
    const { errors, find } = synth((c) => new ChartRelease(c, 'release', {
      namespace: 'tools', chart: { repository, chart, version }, values: {}, network: { noNetworkPolicy: 'the chart runs no server' },
    }));
    expect(errors).toEqual([]);
    expect(find('HelmRelease', 'release').spec.chart.spec.version).toBe(version);
  });

  test('a Crossplane package of a publisher the library does not know keeps a tag without v', () => {
    const { errors } = synth((c) => new CrossplaneProviders(c, 'providers', [{ name: 'provider-own', package: 'registry.lab.test/lab/provider-own:1.0.0' }]));
    expect(errors).toEqual([]);
  });

  test('the library pins every Crossplane package with its v', () => {
    expect(Object.values(CROSSPLANE_PROVIDERS).map((p) => p.package.split(':').pop()!.startsWith('v'))).not.toContain(false);
  });
});

describe("a tenant's workloads", () => {
  test("an app labelled with its own tenant's owner, and a Job within the quota's pods, pass", () => {
    const { errors } = synth((c) => {
      const tenant = new Tenant(c, 'alice', { namespace: 'peers-alice', owner: 'alice', quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 4 } });
      new Tenant(c, 'bob', { namespace: 'peers-bob', owner: 'bob' });
      c.namespaces.ensure('peers-alice');
      const pod = { restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{
        name: 'index', image: 'nginxinc/nginx-unprivileged:1.27.0',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      }] };
      // Twelve completions, three at a time: the quota counts the three.
      new ApiObject(c, 'reindex', {
        apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'reindex', namespace: 'peers-alice' },
        spec: { parallelism: 3, completions: 12, template: { metadata: { labels: tenant.labels }, spec: pod } },
      });
    });
    expect(errors).toEqual([]);
  });
});

describe('ACME contacts', () => {
  test('a plain mailbox is registered as written', () => {
    const { errors, find } = synth((c) => new ClusterIssuer(c, 'letsencrypt', {
      name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }),
    }));
    expect(errors).toEqual([]);
    expect(find('ClusterIssuer', 'letsencrypt').spec.acme.email).toBe('ops@lab.test');
  });
});
