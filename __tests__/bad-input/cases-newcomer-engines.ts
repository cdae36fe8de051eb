import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import { ChartRelease, servesPorts } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user's GitOps side, written from the README's engine sections and the engines' TSDoc alone: the
// repository URL copied from the browser, a branch with a blank, a Windows path, durations in words, an
// engine on a distribution that cannot run it, two engines at once, a chart written as Helm and Flux write
// it. Each is one error on the prop the user wrote, with what to write instead.

/** A cluster `edge` of the lab with these GitOps settings, built when the case runs (a factory may throw). */
const engine = (gitops: () => unknown, extra: Record<string, unknown> = {}) =>
  guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { gitops: gitops(), ...extra } as any));
/** A cluster `edge` of a site `name` of its own whose `git` is as written. */
const siteWithGit = (name: string, git: unknown, gitops: () => unknown = () => homelab.flux()) => guarded((_c: ClusterChart, app: CdkApp) => {
  const node = homelab.host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.4.1' });
  const own = homelab.site(name, { domain: `${name}.test`, hosts: [node], git: git as any });
  labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: gitops() } as any);
});
const AGENT = { project: 'infra/k8s-agent', name: 'lab', kasAddress: 'wss://kas.gitlab.com' };
const PODINFO = { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' };
/** An app's chart release `podinfo` whose chart source is PODINFO changed by `chart`. */
const release = (chart: Record<string, unknown>) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'podinfo', {
  namespace: 'podinfo', chart: { ...PODINFO, ...chart } as any, network: servesPorts({ port: 9898, purpose: 'http' }),
}));

export const CASES: BadInput[] = [
  // The repository, as copied from the browser or another tool
  { name: 'a site git given as the URL alone', build: siteWithGit('ne1', 'https://git.ne1.test/me/lab.git'), layer: 'inventory', path: 'inventory/site/ne1', field: 'git', hint: /git: \{ url: 'https:\/\/git\.ne1\.test\/me\/lab\.git' \}/ },
  { name: "a site git with Flux's ref key", build: siteWithGit('ne2', { url: 'https://git.ne2.test/lab.git', ref: 'main' }), layer: 'inventory', path: 'inventory/site/ne2', field: 'git.ref', hint: /git\.branch/ },
  { name: "a site git with Argo CD's targetRevision key", build: siteWithGit('ne3', { url: 'https://git.ne3.test/lab.git', targetRevision: 'main' }), layer: 'inventory', path: 'inventory/site/ne3', field: 'git.targetRevision', hint: /git\.branch/ },
  { name: 'a site git with a path in the repository', build: siteWithGit('ne4', { url: 'https://git.ne4.test/lab.git', path: 'clusters/lab' }), layer: 'inventory', path: 'inventory/site/ne4', field: 'git.path' },
  { name: 'a site Git URL with a blank before it', build: siteWithGit('ne5', { url: ' https://git.ne5.test/lab.git' }), layer: 'inventory', path: 'inventory/site/ne5', field: 'git.url', hint: /^write it as 'https:\/\/git\.ne5\.test\/lab\.git'$/ },
  { name: "a GitHub page of the branch (…/tree/main) as the Git URL", build: siteWithGit('ne6', { url: 'https://github.com/me/lab/tree/main' }), layer: 'inventory', path: 'inventory/site/ne6', field: 'git.url', hint: /url: 'https:\/\/github\.com\/me\/lab\.git', branch: 'main'/ },
  { name: 'a GitHub page of a file (…/blob/main/README.md) as the Git URL', build: siteWithGit('ne7', { url: 'https://github.com/me/lab/blob/main/README.md' }), layer: 'inventory', path: 'inventory/site/ne7', field: 'git.url', hint: /url: 'https:\/\/github\.com\/me\/lab\.git'/ },
  { name: 'a GitLab page of the branch (…/-/tree/main) as the Git URL', build: siteWithGit('ne8', { url: 'https://gitlab.com/me/lab/-/tree/main' }), layer: 'inventory', path: 'inventory/site/ne8', field: 'git.url', hint: /url: 'https:\/\/gitlab\.com\/me\/lab\.git'/ },
  { name: 'a Forgejo page of a branch (…/src/branch/prod) as the Git URL', build: siteWithGit('ne9', { url: 'https://forge.ne9.test/me/lab/src/branch/prod' }), layer: 'inventory', path: 'inventory/site/ne9', field: 'git.url', hint: /branch: 'prod'/ },
  { name: "a branch 'main ' with a trailing blank", build: siteWithGit('ne10', { url: 'https://git.ne10.test/lab.git', branch: 'main ' }), layer: 'inventory', path: 'inventory/site/ne10', field: 'git.branch', hint: /without the blanks: 'main'/ },
  { name: "a branch given as the ref 'refs/heads/main'", build: siteWithGit('ne11', { url: 'https://git.ne11.test/lab.git', branch: 'refs/heads/main' }), layer: 'inventory', path: 'inventory/site/ne11', field: 'git.branch', hint: /main/ },
  { name: "a branch 'my branch' with a space", build: siteWithGit('ne12', { url: 'https://git.ne12.test/lab.git', branch: 'my branch' }), layer: 'inventory', path: 'inventory/site/ne12', field: 'git.branch' },
  { name: 'a Git URL in scp form under Flux', build: siteWithGit('ne13', { url: 'git@github.com:me/lab.git' }), layer: 'references', path: 'edge', field: 'gitops', hint: /ssh:\/\/git@github\.com\/me\/lab\.git/ },
  { name: 'an scp-form Git URL under Argo CD without a deploy key', build: siteWithGit('ne14', { url: 'git@github.com:me/lab.git' }, () => homelab.argoCd()), layer: 'references', path: 'edge', field: 'gitops.repositoryCredential', hint: /sshPrivateKey/ },
  { name: 'an ssh:// Git URL under Argo CD without a deploy key', build: siteWithGit('ne15', { url: 'ssh://git@git.ne15.test/lab.git' }, () => homelab.argoCd()), layer: 'references', path: 'edge', field: 'gitops.repositoryCredential', hint: /https:\/\// },
  { name: 'flux github options for a repository on another host', build: engine(() => homelab.flux({ github: { personal: false } })), layer: 'references', path: 'edge', field: 'gitops.github' },
  // Engines given the wrong way
  { name: 'two engines on one cluster, as a list', build: engine(() => [homelab.flux(), homelab.argoCd()]), layer: 'props', path: 'edge', field: 'gitops', hint: /one engine/ },
  { name: "flux's options without flux()", build: engine(() => ({ interval: '5m' })), layer: 'props', path: 'edge', field: 'gitops', hint: /flux\(\{ interval/ },
  { name: 'flux instead of flux()', build: engine(() => homelab.flux), layer: 'props', path: 'edge', field: 'gitops' },
  { name: 'flux(null)', build: engine(() => homelab.flux(null as any)), layer: 'props', path: 'edge', field: 'gitops', hint: /flux\(\{ … \}\)/ },
  { name: 'argoCd(null)', build: engine(() => homelab.argoCd(null as any)), layer: 'props', path: 'edge', field: 'gitops', hint: /argoCd\(\{ … \}\)/ },
  { name: 'k3sManifests(null), told to call the factory, not new', build: engine(() => homelab.k3sManifests(null as any)), layer: 'props', path: 'edge', field: 'gitops', hint: /^pass its options as an object, k3sManifests\(\{ … \}\)/ },
  // Flux
  { name: "flux interval '300' (seconds meant)", build: engine(() => homelab.flux({ interval: '300' })), layer: 'props', path: 'edge', field: 'gitops.interval' },
  { name: 'flux timeout as the number 300', build: engine(() => homelab.flux({ timeout: 300 as any })), layer: 'props', path: 'edge', field: 'gitops.timeout' },
  { name: "flux interval '1d' (no day unit in Go)", build: engine(() => homelab.flux({ interval: '1d' })), layer: 'props', path: 'edge', field: 'gitops.interval' },
  { name: 'flux bootstrapPath as a Windows path', build: engine(() => homelab.flux({ bootstrapPath: 'clusters\\lab' })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath', hint: /'clusters\/lab'/ },
  { name: 'flux bootstrapPath as a Windows path with its drive', build: engine(() => homelab.flux({ bootstrapPath: 'C:\\repo\\clusters\\lab' })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath', hint: /forward slashes/ },
  { name: 'flux bootstrapPath the cluster folder in dist/', build: engine(() => homelab.flux({ bootstrapPath: 'dist/lab/edge' })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath', hint: /outside dist\// },
  { name: "flux bootstrapPath './dist/..'", build: engine(() => homelab.flux({ bootstrapPath: './dist/..' })), layer: 'props', path: 'edge', field: 'gitops.bootstrapPath' },
  { name: 'flux sopsKeyFile as a Windows path', build: engine(() => homelab.flux({ sopsSecretName: 'sops-age', sopsKeyFile: 'C:\\Users\\me\\age.key' })), layer: 'props', path: 'edge', field: 'gitops.sopsKeyFile' },
  { name: "flux's SOPS settings as a sops block", build: engine(() => homelab.flux({ sops: { keyFile: './age.key' } } as any)), layer: 'props', path: 'edge', field: 'gitops.sops' },
  { name: "flux name 'flux-system', bootstrap's own objects' name", build: engine(() => homelab.flux({ name: 'flux-system' })), layer: 'props', path: 'edge', field: 'gitops.name', hint: /leave name out/ },
  { name: 'flux secretName with a space', build: engine(() => homelab.flux({ secretName: 'git creds' })), layer: 'props', path: 'edge', field: 'gitops.secretName' },
  { name: 'flux controllerPlacement by host name', build: engine(() => homelab.flux({ controllerPlacement: { 'helm-controller': 'gpu1' } as any })), layer: 'props', path: 'edge', field: 'gitops.controllerPlacement.helm-controller' },
  // Argo CD
  { name: 'an Argo CD sync wave as an engine option', build: engine(() => homelab.argoCd({ syncWave: '5' } as any)), layer: 'props', path: 'edge', field: 'gitops.syncWave' },
  { name: "Argo CD createProject 'yes'", build: engine(() => homelab.argoCd({ project: 'homelab', createProject: 'yes' as any })), layer: 'props', path: 'edge', field: 'gitops.createProject' },
  { name: 'Argo CD repositoryCredential as the Secret name', build: engine(() => homelab.argoCd({ repositoryCredential: 'repo-ssh' as any })), layer: 'props', path: 'edge', field: 'gitops.repositoryCredential' },
  { name: 'an empty Argo CD sshKnownHosts', build: engine(() => homelab.argoCd({ sshKnownHosts: '' })), layer: 'props', path: 'edge', field: 'gitops.sshKnownHosts' },
  // K3s' auto-deploy folder and GitLab CI
  { name: "k3sManifests helmChartNamespace 'Kube-System'", build: engine(() => homelab.k3sManifests({ helmChartNamespace: 'Kube-System' }), { preinstalled: [homelab.k3s({ disable: ['traefik', 'servicelb'] })] }), layer: 'props', path: 'edge', field: 'gitops.helmChartNamespace' },
  { name: 'k3sManifests with the manifests folder as an option', build: engine(() => homelab.k3sManifests({ manifestsDir: '/var/lib/rancher/k3s/server/manifests' } as any)), layer: 'props', path: 'edge', field: 'gitops.manifestsDir' },
  { name: 'k3sManifests on a Talos cluster', build: engine(() => homelab.k3sManifests(), { preinstalled: [homelab.talos()] }), layer: 'props', path: 'edge', field: 'gitops', hint: /flux\(\)/ },
  { name: 'a GitLab kasAddress given as https://', build: engine(() => homelab.gitLabCi({ agent: { project: 'infra/k8s-agent', name: 'lab', kasAddress: 'https://gitlab.example.org/-/kubernetes-agent/' } })), layer: 'props', path: 'edge', field: 'gitops.agent.kasAddress' },
  { name: "gitLabCi's agent options given flat", build: engine(() => homelab.gitLabCi({ project: 'infra/k8s-agent', name: 'lab', kasAddress: 'wss://kas.gitlab.com' } as any)), layer: 'props', path: 'edge', field: 'gitops.agent' },
  {
    name: 'one GitLab group given two default namespaces',
    build: engine(() => homelab.gitLabCi({ agent: { ...AGENT, ciAccess: [{ group: 'me', defaultNamespace: 'apps' }, { group: 'me', defaultNamespace: 'web' }] } })),
    layer: 'props', path: 'edge', field: 'gitops.agent.ciAccess[1].group', hint: /one entry for me/,
  },
  { name: "a GitLab timeout '600'", build: engine(() => homelab.gitLabCi({ agent: { project: 'infra/k8s-agent', name: 'lab', kasAddress: 'wss://kas.gitlab.com' }, timeout: '600' })), layer: 'props', path: 'edge', field: 'gitops.timeout' },
  // A chart, written as Helm and Flux write it
  { name: "a chart written 'repo/chart' (helm repo add habit)", build: release({ chart: 'podinfo/podinfo' }), layer: 'props', path: 'podinfo', field: 'chart.chart', hint: /chart: 'podinfo'/ },
  { name: "an OCI repository that ends with the chart's name (Flux OCIRepository habit)", build: release({ repository: 'oci://ghcr.io/stefanprodan/charts/podinfo' }), layer: 'props', path: 'podinfo', field: 'chart.repository', hint: /'oci:\/\/ghcr\.io\/stefanprodan\/charts'/ },
  { name: "a chart repository given as its index.yaml", build: release({ repository: 'https://stefanprodan.github.io/podinfo/index.yaml' }), layer: 'props', path: 'podinfo', field: 'chart.repository', hint: /'https:\/\/stefanprodan\.github\.io\/podinfo'$/ },
  { name: 'a chart repository without its scheme', build: release({ repository: 'stefanprodan.github.io/podinfo' }), layer: 'props', path: 'podinfo', field: 'chart.repository' },
  { name: "a chart version range '^6.7'", build: release({ version: '^6.7' }), layer: 'policy', path: 'podinfo', field: 'chart.version' },
  {
    name: "a chart release's valuesFrom (a HelmRelease habit)",
    build: guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'podinfo', {
      namespace: 'podinfo', chart: PODINFO, network: servesPorts({ port: 9898, purpose: 'http' }), valuesFrom: [{ kind: 'ConfigMap', name: 'podinfo-values' }],
    } as any)),
    layer: 'props', path: 'podinfo', field: 'valuesFrom',
  },
];
