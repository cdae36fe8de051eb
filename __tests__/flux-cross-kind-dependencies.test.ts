import { App as CdkApp } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { defineElitedesk } from '../charts/elitedesk';
import { synthesize } from '../constructs';
import { gatewayApiCrds } from '../constructs/platform/components/gateway-api-crds';
import { labCluster } from './bad-input/lab';
import { synthInMemory, unwrittenOutdir } from './support/synth';

// Flux orders a component after another with dependsOn of the same kind only: a HelmRelease's names
// HelmReleases, a Kustomization's names Kustomizations. A Helm component that needs upstream manifests first
// (or that manifests need first) gets a Kustomization of its own, which applies its HelmRelease from a folder
// of its own and waits for theirs, so the dependency the component declares is kept.

type Doc = Record<string, any>;
const docs = (text: string | undefined): Doc[] => parseAllDocuments(text ?? '').map((d) => d.toJSON() as Doc).filter((d) => d !== null);

describe('elitedesk: Cilium with Gateway API needs the Gateway API CRDs first', () => {
  const files = synthInMemory(defineElitedesk).files;
  const platform = (file: string) => files.get(`elitedesk/main/platform/${file}`);

  test("its HelmRelease is applied by Kustomization cilium, which waits for the CRDs' Kustomization", () => {
    const sync = docs(platform('cilium.yaml')).find((d) => d.kind === 'Kustomization')!;
    expect(sync.metadata).toEqual({ name: 'cilium', namespace: 'flux-system' });
    expect(sync.spec).toMatchObject({
      dependsOn: [{ name: 'gateway-api-crds' }], path: './dist/elitedesk/main/platform/cilium', wait: true,
      sourceRef: { kind: 'GitRepository', name: 'elitedesk-main' },
    });
    expect(docs(platform('gateway-api-crds.yaml')).find((d) => d.kind === 'Kustomization')!.metadata.name).toBe('gateway-api-crds');
  });

  test('the folder holds the release alone, which the platform layer does not apply itself', () => {
    expect(docs(platform('cilium.yaml')).map((d) => d.kind)).toEqual(['HelmRepository', 'Kustomization']);
    const release = docs(platform('cilium/release.yaml'));
    expect(release.map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['HelmRelease kube-system/cilium']);
    // The layer applied the release before: it leaves it to the new Kustomization rather than prune it first.
    expect(release[0].metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(parse(platform('kustomization.yaml')!).resources).not.toContain('cilium/release.yaml');
    expect(parse(platform('kustomization.yaml')!).resources).toContain('cilium.yaml');
    expect(parse(platform('cilium/kustomization.yaml')!).resources).toEqual(['release.yaml']);
  });
});

test('upstream manifests that need a Helm component wait for the Kustomization that applies its release', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.platform.require({ ...gatewayApiCrds(), dependsOn: ['traefik'] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const file = (name: string) => docs([...result.files].find(([path]) => path.endsWith(`/main/platform/${name}`))?.[1]);
  const crds = file('gateway-api-crds.yaml').find((d) => d.kind === 'Kustomization')!;
  expect(crds.spec.dependsOn).toEqual([{ name: 'traefik' }]);
  const traefik = file('traefik.yaml').find((d) => d.kind === 'Kustomization')!;
  expect(traefik.metadata.name).toBe('traefik');
  expect(traefik.spec.dependsOn).toBeUndefined();
  expect(traefik.spec.path).toMatch(/\/main\/platform\/traefik$/);
  expect(file('traefik/release.yaml').map((d) => d.kind)).toEqual(['HelmRelease']);
});
