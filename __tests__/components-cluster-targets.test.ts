import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, host, hostPlacement, loki, openTelemetryClusterCollector, rolePlacement, SecretReference, synthesize,
} from '../constructs';
import { hostMatches, placementProblem } from '../constructs/validation/component-placements';
import { oauthSecretProblems } from '../constructs/platform/tailscale';
import { arm1, gpu1, labCluster } from './bad-input/lab';

// Add-on components run where the cluster can run them: under the Pod Security level their namespace gets,
// on its hosts, with its StorageClasses; Crossplane managed resources take the scope their CRDs give.

function build(add: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  add(labCluster(app));
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { findings: result.findings, errors: result.findings.filter((f) => f.severity === 'error') };
}

const monitor = host('monitor', { arch: 'arm64', roles: ['worker'], address: '10.0.0.7', workloadRoles: ['monitoring'] });

describe('pod security of add-ons alone in a restricted namespace', () => {
  const restrictedPod = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  const restrictedContainer = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

  test("Loki's single binary and gateway get the seccomp profile the chart leaves out", () => {
    const values = (loki({ placement: hostPlacement(arm1), namespace: 'logging' }).install as any).values;
    expect(values.loki.podSecurityContext).toMatchObject(restrictedPod);
    expect(values.loki.containerSecurityContext).toMatchObject(restrictedContainer);
    expect(values.gateway.podSecurityContext).toMatchObject(restrictedPod);
    expect(values.gateway.containerSecurityContext).toMatchObject(restrictedContainer);
    expect(loki({ placement: hostPlacement(arm1) }).podSecurity ?? 'restricted').toBe('restricted');
  });

  test('the cluster collector gets the contexts its chart sets none of', () => {
    const component = openTelemetryClusterCollector({ export: { endpoint: 'otel.lab.test:4317' }, namespace: 'otel' });
    const values = (component.install as any).values;
    expect(values.podSecurityContext).toMatchObject({ ...restrictedPod, runAsUser: 10001 });
    expect(values.securityContext).toMatchObject(restrictedContainer);
    expect(component.podSecurity ?? 'restricted').toBe('restricted');
  });
});

describe('placements of add-ons', () => {
  test('a placement on a host or role of the cluster is accepted', () => {
    expect(placementProblem(hostPlacement(arm1), [gpu1, arm1], 'main')).toBeUndefined();
    expect(placementProblem(rolePlacement([gpu1, monitor], 'monitoring'), [gpu1, monitor], 'main')).toBeUndefined();
    expect(placementProblem(rolePlacement([gpu1, monitor], 'monitoring', 'arm64'), [gpu1, monitor], 'main')).toBeUndefined();
  });

  test('a role on the wrong architecture, or a host outside the cluster, is named with the hosts there are', () => {
    const problem = placementProblem(rolePlacement([gpu1, monitor], 'monitoring', 'amd64'), [gpu1, monitor], 'main');
    expect(problem?.message).toMatch(/role "monitoring" on amd64/);
    expect(problem?.hint).toMatch(/monitor \(arm64: monitoring\)/);
    expect(placementProblem(hostPlacement(monitor), [gpu1, arm1], 'main')?.message).toMatch(/host "monitor"/);
  });

  test('a node label the inventory does not set may have been put on by hand: not refused', () => {
    expect(hostMatches(gpu1, { 'example.com/disk': 'ssd' })).toBeUndefined();
    expect(placementProblem({ nodeSelector: { 'example.com/disk': 'ssd' }, tolerations: [], hosts: [] }, [gpu1], 'main')).toBeUndefined();
  });

  test('Loki on a host of the cluster with a StorageClass it provides synthesizes', () => {
    expect(build((cluster) => cluster.platform.require(loki({ placement: hostPlacement(arm1), storageClass: 'local-path' }))).errors).toEqual([]);
  });
});

describe("the Tailscale operator's OAuth Secret", () => {
  const ref = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

  test('both keys of one Secret of namespace tailscale are right', () => {
    expect(oauthSecretProblems({ clientId: ref('tailscale', 'oauth', 'id'), clientSecret: ref('tailscale', 'oauth', 'secret') })).toEqual([]);
  });

  test('a second Secret is named on clientSecret alone', () => {
    expect(oauthSecretProblems({ clientId: ref('tailscale', 'oauth', 'id'), clientSecret: ref('tailscale', 'other', 'secret') }).map((p) => p.field))
      .toEqual(['oauth.clientSecret']);
  });
});

describe('scope of Crossplane managed resources', () => {
  // In the apps layer: under Flux the config layer would refuse a kind its own Provider brings.
  const record = (cluster: ClusterChart, apiVersion: string, kind: string, metadata: Record<string, unknown>) => new ApiObject(cluster, 'www', {
    apiVersion, kind, metadata: { name: 'www', ...metadata }, spec: { forProvider: { name: 'www' }, providerConfigRef: { name: 'default' } },
  });

  test('a Cloudflare Record, cluster-scoped as its CRD says, needs no namespace', () => {
    const { errors } = build((cluster) => {
      // The ProviderConfig the Record names, without which the Provider creates nothing.
      new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.cloudflare])
        .addProviderConfig({ name: 'default', apiVersion: 'cloudflare.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
      record(cluster, 'dns.cloudflare.crossplane.io/v1alpha1', 'Record', {});
    });
    expect(errors).toEqual([]);
  });

  test("a managed resource of a provider whose CRDs' scope is not declared is accepted either way, with a warning without a namespace", () => {
    const provider = { name: 'provider-x', package: 'xpkg.upbound.io/x/provider-x:v1.0.0', crds: [{ group: 'x.example.io', kinds: ['Thing'] }] };
    const without = build((cluster) => {
      new CrossplaneProviders(cluster, 'xp', [provider]);
      record(cluster, 'x.example.io/v1alpha1', 'Thing', {});
    });
    expect(without.errors).toEqual([]);
    expect(without.findings.filter((f) => f.severity === 'warning' && f.field === 'metadata.namespace' && /cluster-scoped/.test(f.message))).toHaveLength(1);
    const within = build((cluster) => {
      cluster.namespaces.ensure('web');
      new CrossplaneProviders(cluster, 'xp', [provider]);
      record(cluster, 'x.example.io/v1alpha1', 'Thing', { namespace: 'web' });
    });
    expect(within.errors).toEqual([]);
  });
});
