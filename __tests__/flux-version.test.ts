import { App as CdkApp, ApiObject } from 'cdk8s';
import { ClusterChart, FLUX_VALIDATED_RELEASE, flux, type FluxRelease, host, SecretReference, site, traefik, WeaveGitOps } from '../constructs';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// flux bootstrap installs the release of the owner's own CLI unless given --version: the cluster pins one
// (by default the release whose CRDs its objects are validated against), and that release must serve the
// API versions its Flux objects are written in.

/** The bootstrap step of flux() on a one-node cluster of a site whose repository is at `url`. */
function bootstrapStep(props: Parameters<typeof flux>[0] = {}, url = 'ssh://git@github.com/jax-lab/homelab-gitops.git'): string {
  const node = host('flux-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.8.1' });
  const fluxSite = site('flux-lab', { domain: 'flux.test', hosts: [node], git: { url } });
  const cluster = new ClusterChart(new CdkApp(), 'main', { site: fluxSite, hosts: [node], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(props) });
  return cluster.platform.preinstalled.flatMap((p) => p.manualSteps ?? []).find((step) => step.startsWith('flux bootstrap'))!;
}

/** The findings on the pinned release of a lab cluster pinned to `version`, with an OCIRepository when `oci`. */
function releaseFindings(version: FluxRelease | undefined, oci = false): string[] {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux({ version }) });
  if (oci) {
    new ApiObject(cluster, 'oci-source', {
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { interval: '12h', url: 'oci://ghcr.io/stefanprodan/manifests/podinfo', ref: { tag: '6.7.1' } },
    });
  }
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.field === 'gitops.version')
    .map((f) => `${f.severity} ${f.constructPath}: ${f.message} (${f.hint})`);
}

test('by default bootstrap installs the release whose CRDs the objects are validated against, and the step names it', () => {
  expect(FLUX_VALIDATED_RELEASE).toBe('v2.9.0');
  const step = bootstrapStep();
  expect(step).toMatch(/^flux bootstrap github .* --private=true --version=v2\.9\.0 \(deploy key/);
  expect(step).toContain('it installs Flux v2.9.0, run with a flux CLI 2.9.x (bootstrap refuses a --version of another minor release than its own)');
  expect(releaseFindings(undefined)).toEqual([]);
});

test('a pinned release goes into flux bootstrap git too, after the flags of a chosen namespace and Secret', () => {
  const step = bootstrapStep({ version: 'v2.8.3', namespace: 'flux', secretName: 'deploy-key' }, 'ssh://git@git.lab.test/lab.git');
  expect(step).toMatch(/^flux bootstrap git --url=ssh:\/\/git@git\.lab\.test\/lab\.git .* --namespace=flux --secret-name=deploy-key --version=v2\.8\.3 /);
  expect(step).toContain('it installs Flux v2.8.3, run with a flux CLI 2.8.x');
});

test('a release that does not serve HelmRelease v2 is an error naming the kind and the release that does', () => {
  const findings = releaseFindings('v2.2.3');
  expect(findings).toHaveLength(2);
  expect(findings[0]).toMatch(/^error main: Flux v2\.2\.3 does not serve HelmRelease as helm\.toolkit\.fluxcd\.io\/v2, first served by Flux v2\.3\.0, and the cluster's HelmRelease \S+ is written in it/);
  expect(findings[1]).toMatch(/^error main: Flux v2\.2\.3 does not serve HelmRepository as source\.toolkit\.fluxcd\.io\/v1/);
  expect(findings.every((f) => f.includes("(pin Flux v2.3.0 or later, e.g. version: 'v2.9.0', or leave version out for v2.9.0)"))).toBe(true);
});

test('an OCIRepository source needs Flux v2.6.0; without one, v2.3.0 is enough', () => {
  expect(releaseFindings('v2.5.0', true)).toEqual([expect.stringMatching(/^error main: Flux v2\.5\.0 does not serve OCIRepository as source\.toolkit\.fluxcd\.io\/v1, first served by Flux v2\.6\.0, and the cluster's OCIRepository flux-system\/podinfo is written in it.*pin Flux v2\.6\.0 or later/)]);
  expect(releaseFindings('v2.6.0', true)).toEqual([]);
  expect(releaseFindings('v2.3.0')).toEqual([]);
});

test('a release newer than the validated one is a warning that the objects were checked against v2.9.0\'s CRDs', () => {
  const findings = releaseFindings('v2.10.0');
  expect(findings).toEqual([expect.stringMatching(/^warning main: Flux v2\.10\.0 is newer than v2\.9\.0: the cluster's Flux objects were checked against v2\.9\.0's CRDs/)]);
});

test('a version that is no release is refused on the option, with the release meant', () => {
  const app = new CdkApp();
  expect(() => labCluster(app, 'main', { gitops: flux({ version: '2.9' as FluxRelease }) })).toThrow();
  const findings = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
  expect(findings.map((f) => `${f.constructPath} ${f.field}: ${f.hint}`)).toEqual(["main gitops.version: write the full release as text with its v, e.g. version: 'v2.9.0'"]);
});

test("Weave GitOps' row says whether the pinned release still serves the HelmRelease API its pages read", () => {
  const pagesRow = (version: FluxRelease) => {
    const cluster = labCluster(new CdkApp(), 'main', { gitops: flux({ version }) });
    const ui = new WeaveGitOps(cluster, 'gitops', { route: { host: 'gitops' }, adminPassword: SecretReference.external('flux-system', 'cluster-user-auth', 'password') });
    return ui.node.metadata.map((entry) => (entry.data as { action?: string }).action ?? '').find((action) => action.startsWith('Weave GitOps chart'))!;
  };
  expect(pagesRow('v2.9.0')).toContain('the cluster pins Flux v2.9.0 (flux({ version })), one of them, so its HelmRelease pages stay empty');
  expect(pagesRow('v2.6.5')).toContain('the cluster pins Flux v2.6.5 (flux({ version })), which still serves it: the pages stay empty from the first upgrade to 2.7 on');
});
