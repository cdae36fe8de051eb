import { App as CdkApp } from 'cdk8s';
import { App, ClusterChartProps, flux, synthesize, talos } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { preinstalledSection } from '../constructs/synth/readme-outside';
import { guarded, labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// What a cluster uses without the repository making it (a distribution's DNS, an engine's controllers, a
// Secret made by hand) is listed in its README, one row per source that says what it brings.

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
  expect(outside(readme).filter(([from]) => from !== 'flux bootstrap')).toEqual([['my distribution', 'CoreDNS; its pod network'], ['VPN', 'a route to the office']]);
  expect(readme.indexOf('## What the cluster gets from outside')).toBeLessThan(readme.indexOf('## What the owner does by hand'));
});

test('no section when nothing the cluster declared says what it brings', () => {
  const byHand = { source: 'my engine', crds: [{ group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'] }] };
  expect(preinstalledSection([{ source: 'nothing said' }, byHand, { source: 'empty', brings: [] }], (text) => text)).toEqual([]);
});

test("Talos brings CoreDNS and KubePrism, and its Flannel when it keeps it", () => {
  const [kept] = outside(readmeOf({ preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] }).readme);
  expect(kept[0]).toBe('Talos Linux');
  expect(kept[1]).toContain("CoreDNS, the cluster's DNS (Service kube-dns in kube-system)");
  expect(kept[1]).toContain('KubePrism, a load balancer of the API server on every node at localhost:7445');
  expect(kept[1]).toContain("Talos' built-in Flannel, the pod network, which enforces no NetworkPolicy");
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
