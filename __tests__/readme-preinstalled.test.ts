import * as fs from 'fs';
import * as path from 'path';
import { k3s, talos } from '../constructs';
import { KUBERNETES_BUILT_INS } from '../constructs/platform/platform';
import { preinstalledParts, preinstalledSection } from '../constructs/synth/readme-preinstalled';

// What a cluster has from outside the repository (a distribution's built-ins, what the owner installs by
// hand) is declared with `preinstalled`; the cluster's README lists it, since nothing in its folder
// installs it.

const cell = (text: string) => text.replace(/\|/g, '\\|');

test("a distribution's entry lists its pod network, its ranges and what it provides", () => {
  const parts = preinstalledParts(k3s().preinstalled);
  expect(parts).toEqual(expect.arrayContaining([
    expect.stringMatching(/^pod network: .*Flannel.*, which enforces NetworkPolicies$/),
    'pod ranges: 10.42.0.0/16 (its default)',
    'Service ranges: 10.43.0.0/16 (its default)',
    'StorageClasses: local-path',
    expect.stringMatching(/^CRDs: helm\.cattle\.io \(HelmChart, HelmChartConfig\)/),
  ]));
});

test('ranges the declaration gives are listed as given, and pod networks that ignore policies say so', () => {
  const parts = preinstalledParts({ ...talos({ bringYourOwnCni: false }), clusterRanges: { pods: ['10.200.0.0/16'] } });
  expect(parts).toContain('pod ranges: 10.200.0.0/16');
  expect(parts.join('; ')).toMatch(/does not enforce NetworkPolicies/);
});

test("Kubernetes' own namespaces are left out, and an entry with steps alone points at them", () => {
  const lines = preinstalledSection([
    KUBERNETES_BUILT_INS,
    { source: 'flux bootstrap', namespaces: ['default', 'flux-system'], crds: [{ group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'] }] },
    { source: 'CNI bootstrap', manualSteps: ['helm install cilium …'] },
  ], cell);
  expect(lines).toContain('| flux bootstrap | CRDs: kustomize.toolkit.fluxcd.io (Kustomization); namespaces: flux-system |');
  expect(lines.find((line) => line.startsWith('| CNI bootstrap |'))).toMatch(/What the owner does by hand/);
  expect(lines.some((line) => line.startsWith('| Kubernetes |'))).toBe(false);
});

test('a cluster that declares nothing beyond Kubernetes gets no section', () => {
  expect(preinstalledSection([KUBERNETES_BUILT_INS], cell)).toEqual([]);
});

test("each site cluster's README lists its distribution", () => {
  const dist = path.resolve(__dirname, '..', 'dist');
  const readmes = ['grey-area/main', 'constellation/main', 'aether/main', 'elitedesk/main', 'mobius/homelab']
    .map((folder) => fs.readFileSync(path.join(dist, folder, 'README.md'), 'utf8'));
  for (const readme of readmes) {
    const section = readme.split('## What the cluster has from outside this folder')[1]?.split('\n## ')[0] ?? '';
    expect(section).toMatch(/^\| \S.* \(distribution(: [^)]+)?\) \| /m);
  }
});
