import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChart, ClusterChartProps, flux, synthesize } from '../constructs';
import { oneNodeLocalPathCluster, TALOS_LOCAL_PATH_CONFIG } from './support/one-node-lab';
import { ownerActions } from '../constructs/synth/owner-action';
import { localPathProvisioner } from '../constructs/platform/components/local-path';
import type { ManifestsInstall } from '../constructs/platform/component';
import { upstreamKustomizePatches, upstreamPatchCommands } from '../constructs/platform/upstream-manifests';
import { unwrittenOutdir } from './support/synth';

// Talos' /opt is read-only: the local-path provisioner keeps its volumes under /var there, on every engine.

const TALOS_CONFIG = TALOS_LOCAL_PATH_CONFIG;
const TALOS_PATCH = JSON.stringify([{ op: 'add', path: '/data/config.json', value: TALOS_CONFIG }]);
/** The provisioner's size, the one change to upstream's files off Talos. */
const SIZE_PATCH = upstreamKustomizePatches(localPathProvisioner().install as ManifestsInstall)[0];

function synth(props: Partial<ClusterChartProps>) {
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    ...oneNodeLocalPathCluster(true),
    ...props,
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as any),
    findings: result.findings,
    steps: ownerActions(result.clusters[0]).map((a) => `${a.source}: ${a.action}`),
  };
}

test('on Talos, Flux patches the provisioner ConfigMap to /var and the README asks for the kubelet mount', () => {
  const { objects, findings, steps } = synth({ gitops: flux() });
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const kustomization = objects.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'local-path-provisioner');
  expect(kustomization.spec.patches).toContainEqual({ patch: TALOS_PATCH, target: { kind: 'ConfigMap', name: 'local-path-config' } });
  const mount = steps.filter((s) => s.startsWith('Talos Linux: ') && s.includes('extraMounts'));
  expect(mount).toHaveLength(1);
  expect(mount[0]).toContain('"destination":"/var/local-path-provisioner","type":"bind","source":"/var/local-path-provisioner","options":["bind","rshared","rw"]');
});

test('on Talos, Argo CD renders the upstream folder with Kustomize and the same patch, without a warning', () => {
  const { objects, findings } = synth({ gitops: argoCd() });
  const application = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'local-path-provisioner');
  expect(application.spec.source).toEqual({
    repoURL: 'https://github.com/rancher/local-path-provisioner', targetRevision: 'v0.0.32', path: 'deploy',
    kustomize: { patches: [SIZE_PATCH, { patch: TALOS_PATCH, target: { kind: 'ConfigMap', name: 'local-path-config' } }] },
  });
  expect(findings.filter((f) => f.field?.startsWith('install.'))).toEqual([]);
});

test('elsewhere the only change to the upstream files is the provisioner\'s size, and no mount step is listed', () => {
  const { objects, steps } = synth({ gitops: argoCd(), preinstalled: [] });
  const application = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'local-path-provisioner');
  expect(application.spec.source.kustomize).toEqual({ patches: [SIZE_PATCH] });
  expect(SIZE_PATCH.target).toEqual({ kind: 'Deployment', name: 'local-path-provisioner' });
  expect(steps.some((s) => s.includes('extraMounts'))).toBe(false);
});

test('engines that apply upstream files by hand patch the ConfigMap after the apply', () => {
  const install = localPathProvisioner({ root: '/var/local-path-provisioner' }).install as ManifestsInstall;
  expect(upstreamPatchCommands(install, 'local-path-storage')).toEqual([
    `kubectl -n local-path-storage patch deployment local-path-provisioner --type=json -p '${SIZE_PATCH.patch}'`,
    `kubectl -n local-path-storage patch configmap local-path-config --type=json -p '${TALOS_PATCH}'`,
  ]);
  // A quote in a value stays inside the one shell word.
  expect(upstreamPatchCommands({ ...install, containerPatches: [], configMapPatches: [{ name: 'c', data: { 'a/b': "it's" } }] }, 'ns'))
    .toEqual([`kubectl -n ns patch configmap c --type=json -p '[{"op":"add","path":"/data/a~1b","value":"it'\\''s"}]'`]);
});
