import * as fs from 'fs';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, ClusterChartProps, flux, k3s, synthesize, talos } from '../constructs';
import { KUBERNETES_BUILT_INS } from '../constructs/platform/platform';
import { clusterReadme } from '../constructs/synth/readme';
import { preinstalledParts, preinstalledSection } from '../constructs/synth/readme-preinstalled';
import { guarded, labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// What a cluster has from outside the repository (a distribution's built-ins, an engine's controllers, a
// Secret or CNI made by hand) is declared with `preinstalled`; the cluster's README lists it, one row per
// declaration, since nothing in its folder installs it.

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
    const section = readme.split('## What the cluster gets from outside')[1]?.split('\n## ')[0] ?? '';
    expect(section).toMatch(/^\| \S[^|]* \| the cluster's distribution, /m);
  }
});

function readmeOf(props: Partial<ClusterChartProps>): { readme: string; errors: string[] } {
  const app = new CdkApp();
  const cluster = labCluster(app, 'edge', { storage: {}, ...props });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return { readme: clusterReadme(result.clusters[0]), errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`) };
}

/** The section's rows, as [from, what]. */
function outside(readme: string): string[][] {
  const at = readme.indexOf('## What the cluster gets from outside');
  if (at < 0) {
    return [];
  }
  return readme.slice(at).split('\n## ')[0].split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| from |'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| | \|$/g, '')));
}

test("a declaration's brings are one row of the section, in the order the cluster declared them", () => {
  const { readme, errors } = readmeOf({
    preinstalled: [
      { source: 'my distribution', distribution: 'my distribution', brings: ['CoreDNS', 'its pod network'] },
      { source: 'VPN', brings: ['a route to the office'] },
      { source: 'nothing said' },
    ],
  });
  expect(errors).toEqual([]);
  expect(outside(readme).filter(([from]) => from !== 'flux bootstrap')).toEqual([
    ['my distribution', "the cluster's distribution, my distribution; CoreDNS; its pod network"], ['VPN', 'a route to the office'], ['nothing said', 'nothing more is declared of it'],
  ]);
  expect(readme.indexOf('## What the cluster gets from outside')).toBeLessThan(readme.indexOf('## What the owner does by hand'));
});

test("Talos brings CoreDNS and KubePrism, and its Flannel when it keeps it", () => {
  const [kept] = outside(readmeOf({ preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] }).readme);
  expect(kept[0]).toBe('Talos Linux');
  expect(kept[1]).toContain("CoreDNS, the cluster's DNS (Service kube-dns in kube-system)");
  expect(kept[1]).toContain('KubePrism, a load balancer of the API server on every node at localhost:7445');
  expect(kept[1]).toContain("pod network: Talos' built-in Flannel, which does not enforce NetworkPolicies");
});

test("flux bootstrap brings Flux's controllers, the Secret it fetches the repository with, and the SOPS key made by hand", () => {
  const rows = outside(readmeOf({ gitops: flux({ version: 'v2.9.0', secretName: 'git-auth', sopsSecretName: 'sops-age', sopsKeyFile: './age.key' }) }).readme);
  const row = rows.find(([from]) => from === 'flux bootstrap')!;
  expect(row[1]).toContain("Flux v2.9.0's controllers and CRDs in namespace flux-system");
  expect(row[1]).toContain('Secret flux-system/git-auth, the username and token Flux fetches the repository with, which flux bootstrap makes');
  expect(row[1]).toContain('Secret flux-system/sops-age with key age.agekey, the age private key Flux decrypts the SOPS files with, made by hand and never committed');
});

test('a Preinstalled whose brings is not a list of text is refused on that field', () => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => labCluster(scope, 'edge', { storage: {}, preinstalled: [{ source: 'VPN', brings: 'a route' as unknown as string[] }] }))(app);
  const findings = synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.severity === 'error');
  expect(findings.map((f) => `${f.constructPath} ${f.field}`)).toContain('edge preinstalled[0].brings');
});
