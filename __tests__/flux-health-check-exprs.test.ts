import { App as CdkApp } from 'cdk8s';
import * as yaml from 'js-yaml';
import { cdiComponent, CROSSPLANE_PROVIDERS, CrossplaneProviders, flux, kubeVirtComponent, RequiredPodLabels, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

/** The spec of each layer Kustomization Flux gets, by layer; and the errors of the synthesis. */
function layerSpecs(build: (cluster: ClusterChart) => void): { specs: Map<string, Record<string, any>>; errors: unknown[] } {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux() });
  build(cluster);
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const path = [...result.files.keys()].find((p) => p.endsWith('/flux.yaml'))!;
  const documents = yaml.loadAll(result.files.get(path)!) as Array<Record<string, any>>;
  const specs = new Map(documents.filter((d) => d.kind === 'Kustomization').map((d) => [String(d.metadata.name).replace(/^.*-/, ''), d.spec]));
  return { specs, errors: result.findings.filter((f) => f.severity === 'error') };
}

// kstatus finds no Ready condition on a Provider, so without an expression the config layer counts as ready
// at once and the ProviderConfig of the apps layer fails its first dry run.
test('the waiting layers judge a Crossplane Provider by its Installed and Healthy conditions', () => {
  const { specs, errors } = layerSpecs((cluster) => {
    new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
      .addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
  });
  expect(errors).toEqual([]);
  const provider = (specs.get('config')!.healthCheckExprs as Array<Record<string, string>>).find((check) => check.kind === 'Provider');
  expect(provider).toMatchObject({ apiVersion: 'pkg.crossplane.io/v1' });
  expect(provider!.current).toContain("c.type == 'Healthy' && c.status == 'True'");
  expect(provider!.current).toContain("c.type == 'Installed' && c.status == 'True'");
  // The apps layer does not wait, so expressions there would be ignored.
  expect(specs.get('apps')!.healthCheckExprs).toBeUndefined();
});

test('a ConstraintTemplate is ready once Gatekeeper has created its constraint kind, and failed on a Rego error', () => {
  const { specs, errors } = layerSpecs((cluster) => new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] }));
  expect(errors).toEqual([]);
  expect(specs.get('config')!.healthCheckExprs).toEqual([expect.objectContaining({
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', current: 'status.?created.orValue(false)', failed: expect.stringContaining('errors'),
  })]);
});

test('a cluster without such kinds gets no health check expressions', () => {
  const { specs, errors } = layerSpecs(() => undefined);
  expect(errors).toEqual([]);
  expect([...specs.values()].map((spec) => spec.healthCheckExprs)).toEqual([undefined, undefined, undefined]);
});

// The KubeVirt and CDI charts render their operator's CR themselves; kstatus reads no Ready on it, so only
// their Available condition says virt-api, virt-handler and the importer run.
test('the KubeVirt and CDI releases wait for their CR to be Available', () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux() });
  [kubeVirtComponent(), cdiComponent()].forEach((component) => cluster.platform.require(component));
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const releases = [...result.files].filter(([path]) => path.endsWith('.yaml')).flatMap(([, text]) => yaml.loadAll(text) as Array<Record<string, any>>)
    .filter((d) => d?.kind === 'HelmRelease');
  const exprsOf = (name: string): unknown => releases.find((r) => r.metadata.name === name)!.spec.healthCheckExprs;
  expect(exprsOf('kubevirt')).toEqual([{ apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', current: expect.stringContaining("c.type == 'Available' && c.status == 'True'") }]);
  expect(exprsOf('cdi')).toEqual([{ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'CDI', current: expect.stringContaining("c.type == 'Available' && c.status == 'True'") }]);
  // A chart that renders no such CR keeps kstatus alone.
  expect(releases.filter((r) => !['kubevirt', 'cdi'].includes(r.metadata.name) && r.spec.healthCheckExprs !== undefined)).toEqual([]);
});
