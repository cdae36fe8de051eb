import { App as CdkApp } from 'cdk8s';
import * as yaml from 'js-yaml';
import { BridgeNetwork, ClusterChart, gitLabCi, host, site, synthesize, traefik } from '../constructs';
import { oneNodeLocalPathCluster, TALOS_LOCAL_PATH_CONFIG } from './support/one-node-lab';
import type { ManifestsInstall } from '../constructs/platform/component';
import { localPathProvisioner } from '../constructs/platform/components/local-path';
import { upstreamKustomization, upstreamKustomizePatches } from '../constructs/platform/upstream-manifests';
import { unwrittenOutdir } from './support/synth';

// GitLab CI applies upstream files that the library changes (the local-path provisioner's ConfigMap on
// Talos, whose /opt is read-only) through a kustomization of their raw URLs, in one step: the provisioner
// never reads the upstream ConfigMap.

const TALOS_CONFIG = TALOS_LOCAL_PATH_CONFIG;
const URL = 'https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.32/deploy/local-path-storage.yaml';
/** The provisioner's size, its one change to upstream's files off Talos. */
const SIZE_PATCH = upstreamKustomizePatches(localPathProvisioner().install as ManifestsInstall)[0];

function synth(onTalos: boolean) {
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    ...oneNodeLocalPathCluster(onTalos),
    gitops: gitLabCi({ agent: { project: 'infra/agents', name: 'lab', kasAddress: 'wss://gitlab.lab.test/-/kubernetes-agent/' } }),
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const pipeline = result.files.get('lab/main/gitlab-ci.yml')!;
  const commands = Object.values(yaml.load(pipeline) as Record<string, any>).flatMap((job) => (Array.isArray(job?.script) ? job.script : []));
  return { files: result.files, commands };
}

test('on Talos, the provisioner files and their ConfigMap change are applied in one kubectl apply -k', () => {
  const { files, commands } = synth(true);
  const kustomization = yaml.load(files.get('lab/main/upstream/local-path-provisioner/kustomization.yml')!) as any;
  expect(kustomization).toEqual({
    apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization',
    resources: [URL],
    patches: [SIZE_PATCH, { patch: JSON.stringify([{ op: 'add', path: '/data/config.json', value: TALOS_CONFIG }]), target: { kind: 'ConfigMap', name: 'local-path-config' } }],
  });
  expect(commands).toContain('kubectl apply --server-side --force-conflicts -n local-path-storage -k dist/lab/main/upstream/local-path-provisioner');
  expect(commands.filter((c: string) => c.includes('local-path'))).not.toContainEqual(expect.stringMatching(/kubectl .*patch|-f https/));
});

test('off Talos, the provisioner files and their one change, its size, are applied in one kubectl apply -k', () => {
  const { files, commands } = synth(false);
  expect([...files.keys()].filter((f) => f.includes('/upstream/'))).toEqual(['lab/main/upstream/local-path-provisioner/kustomization.yml']);
  expect((yaml.load(files.get('lab/main/upstream/local-path-provisioner/kustomization.yml')!) as any).patches).toEqual([SIZE_PATCH]);
  expect(commands).toContain('kubectl apply --server-side --force-conflicts -n local-path-storage -k dist/lab/main/upstream/local-path-provisioner');
});

test('upstream files the library does not change get no kustomization: they are applied from their URLs', () => {
  expect(upstreamKustomization({ ...(localPathProvisioner().install as ManifestsInstall), containerPatches: [] })).toBeUndefined();
});

test("image pins are no reason to refuse an upstream install: Multus' files get its pinned image and daemon resources", () => {
  const inside = host('inside', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.2', bridges: { br0: {} }, zfsPools: { tank: { media: 'hdd' } } });
  const bridged = site('bridged', { domain: 'bridged.test', hosts: [inside], git: { url: 'https://git.example.test/bridged.git' } });
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', {
    site: bridged, hosts: [inside], routes: traefik({ nodePorts: true }), storage: { fast: inside.zfs.tank },
    gitops: gitLabCi({ agent: { project: 'infra/agents', name: 'lab', kasAddress: 'wss://gitlab.lab.test/-/kubernetes-agent/' } }),
  });
  new BridgeNetwork(cluster, 'iot', { bridge: inside.bridges.br0, namespace: 'vms' });
  cluster.namespaces.ensure('vms');
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const kustomization = yaml.load(result.files.get('bridged/main/upstream/multus/kustomization.yml')!) as any;
  expect(kustomization.images).toEqual([{ name: 'ghcr.io/k8snetworkplumbingwg/multus-cni', newTag: expect.any(String) }]);
  expect(kustomization.patches).toEqual([expect.objectContaining({ target: { kind: 'DaemonSet', name: 'kube-multus-ds' } })]);
});
