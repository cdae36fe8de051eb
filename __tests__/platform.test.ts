import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App as CdkApp, Chart } from 'cdk8s';
import {
  argoCd, cdiComponent, ClusterChart, csiDriverNfs, externalDnsComponent, flux, gitHubRepositoryOf, GitOpsEngine, host, intelGpuPluginComponent, kubeVirtComponent,
  localPathProvisioner, metalLbComponent, multusComponent, nvidiaDevicePluginComponent, openEbsZfs, PlatformComponentProps,
  sealedSecretsComponent, SealedSecret, SecretReference, site, sourceIgnore, synthesize, tailscaleOperatorComponent, traefik, traefikComponent,
} from '../constructs';
import type { SynthesizedCluster } from '../constructs';
import { labCluster } from './bad-input/lab';
import { toYamlStream } from '../constructs/synth/yaml';
import { CHART_DEFAULT_RESOURCES_ANNOTATION } from '../constructs/platform/component-resources';

const ref = (key: string) => SecretReference.external('external-dns', 'dns-credentials', key);

/** Every component of the library, as a cluster would ask for it. */
const COMPONENTS: Array<[string, () => PlatformComponentProps[]]> = [
  ['traefik', () => [traefikComponent()]],
  ['metallb', () => [metalLbComponent()]],
  ['openebs-zfs', () => [openEbsZfs()]],
  ['kubevirt and cdi', () => [kubeVirtComponent(), cdiComponent()]],
  ['multus', () => [multusComponent()]],
  ['sealed-secrets', () => [sealedSecretsComponent()]],
  ['tailscale-operator', () => [tailscaleOperatorComponent({
    clientId: SecretReference.external('tailscale', 'operator-oauth', 'client_id'),
    clientSecret: SecretReference.external('tailscale', 'operator-oauth', 'client_secret'),
  })]],
  ['external-dns-cloudflare', () => [externalDnsComponent({ provider: { kind: 'cloudflare', apiToken: ref('token') }, domains: ['lab.test'], ownerId: 'lab' })]],
  ['external-dns-adguard', () => [externalDnsComponent({
    provider: { kind: 'adguard', url: 'http://adguard.adguard.svc:3000', username: ref('user'), password: ref('password') }, domains: ['lab.test'], ownerId: 'lab',
  })]],
  ['nvidia-device-plugin', () => [nvidiaDevicePluginComponent(['gpu1'])]],
  ['intel-gpu-plugin', () => [intelGpuPluginComponent()]],
  ['csi-driver-nfs', () => [csiDriverNfs()]],
  ['local-path-provisioner', () => [localPathProvisioner()]],
];

function synthWith(engine: GitOpsEngine, add: (cluster: ReturnType<typeof labCluster>) => void): SynthesizedCluster {
  const app = new CdkApp();
  add(labCluster(app, 'main', { gitops: engine }));
  const result = synthesize(app, { outdir: 'unused', write: false });
  return result.clusters[0];
}

/** The objects that install `name` (its file of the platform layer). */
function installOf(cluster: SynthesizedCluster, name: string) {
  return cluster.objects.filter((o) => o.file === name && o.layer === 'platform');
}

describe.each([
  ['flux', () => flux()],
  ['argo-cd', () => argoCd({ selfManaged: false })],
])('components rendered by %s', (engineName, engine) => {
  test.each(COMPONENTS)('%s', (_name, props) => {
    const list = props();
    const cluster = synthWith(engine(), (c) => list.forEach((p) => c.platform.require(p)));
    for (const component of list) {
      const objects = installOf(cluster, component.name);
      expect(objects.length).toBeGreaterThan(0);
      const install = component.install;
      const manifests = objects.map((o) => o.manifest as any);
      if (engineName === 'flux') {
        if (install.type === 'helm') {
          const release = manifests.find((m) => m.kind === 'HelmRelease');
          // A chart that keeps its own resources says why on its release.
          const reason = component.resources?.chartDefault;
          expect(release.metadata).toEqual({ name: component.name, namespace: component.namespace, ...(reason ? { annotations: { [CHART_DEFAULT_RESOURCES_ANNOTATION]: reason } } : {}) });
          expect(release.spec.chart.spec).toMatchObject({ chart: install.chart.chart, version: install.chart.version });
          // One whose LoadBalancer Service gets its address from the config layer (the lab's MetalLB pool) is not waited for.
          const waited = cluster.chart.platform.get(component.name)!.install.waitForResources !== false;
          expect(release.spec.install).toEqual({ crds: 'CreateReplace', remediation: { retries: 3 }, ...(waited ? {} : { disableWait: true }) });
          expect(release.spec.upgrade).toMatchObject({ crds: 'CreateReplace', remediation: { retries: 3, strategy: 'rollback' } });
          expect(release.spec.timeout).toBe('10m');
          expect(manifests.find((m) => m.kind === 'HelmRepository').spec.url).toBe(install.chart.repository);
        } else {
          expect(manifests.find((m) => m.kind === 'GitRepository').spec).toMatchObject({ url: install.repository, ref: { tag: install.tag } });
          const kustomization = manifests.find((m) => m.kind === 'Kustomization');
          expect(kustomization.spec).toMatchObject({ path: `./${install.path}`, prune: true, wait: true, targetNamespace: component.namespace });
          expect(kustomization.spec.images).toEqual(install.images?.map((i) => ({ ...i })));
        }
      } else {
        const application = manifests.find((m) => m.kind === 'Application');
        expect(application.metadata.annotations['argocd.argoproj.io/sync-wave']).toMatch(/^\d+$/);
        expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: component.namespace });
        if (install.type === 'helm') {
          expect(application.spec.source).toMatchObject({ repoURL: install.chart.repository, chart: install.chart.chart, targetRevision: install.chart.version });
        } else {
          expect(application.spec.source).toMatchObject({ repoURL: install.repository, targetRevision: install.tag, path: install.path });
        }
      }
      expect(toYamlStream(manifests)).toMatchSnapshot();
    }
  });

  test('CDI waits for KubeVirt', () => {
    const cluster = synthWith(engine(), (c) => [kubeVirtComponent(), cdiComponent()].forEach((p) => c.platform.require(p)));
    const cdi = installOf(cluster, 'cdi').map((o) => o.manifest as any);
    if (engineName === 'flux') {
      expect(cdi.find((m) => m.kind === 'HelmRelease').spec.dependsOn).toEqual([{ name: 'kubevirt', namespace: 'kubevirt' }]);
    } else {
      const wave = (name: string) => Number(installOf(cluster, name)[0].manifest.metadata.annotations!['argocd.argoproj.io/sync-wave' as never]);
      expect(wave('cdi')).toBeGreaterThan(wave('kubevirt'));
    }
  });
});

test('only the named upstream files reach the cluster, at every folder depth', () => {
  expect(sourceIgnore('deployments', ['multus-daemonset-thick.yml'])).toEqual([
    '/*', '!/deployments/', '/deployments/*', '!/deployments/multus-daemonset-thick.yml',
  ]);
  expect(sourceIgnore('deployments/gpu_plugin/base', ['intel-gpu-plugin.yaml'])).toEqual([
    '/*', '!/deployments/', '/deployments/*', '!/deployments/gpu_plugin/', '/deployments/gpu_plugin/*',
    '!/deployments/gpu_plugin/base/', '/deployments/gpu_plugin/base/*', '!/deployments/gpu_plugin/base/intel-gpu-plugin.yaml',
  ]);
});

test('Flux and Argo CD each mark an object they must not prune in their own way', () => {
  const marked = (engine: GitOpsEngine) => {
    const object = new ApiObject(new Chart(new CdkApp(), 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' } });
    engine.keepWhenRemoved?.(object);
    return object.toJson().metadata.annotations;
  };
  expect(marked(flux())).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  expect(marked(argoCd())).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false' });
});

describe('layers', () => {
  test('Flux applies platform, then config, then apps: one Kustomization each, each waiting for the one before', () => {
    const cluster = synthWith(flux(), () => undefined);
    const sync = cluster.objects.filter((o) => o.layer === 'sync' && o.manifest.kind === 'Kustomization').map((o) => o.manifest as any);
    const byName = Object.fromEntries(sync.map((k) => [k.metadata.name, k.spec]));
    expect(Object.keys(byName).sort()).toEqual(['lab-main-apps', 'lab-main-config', 'lab-main-platform']);
    expect(byName['lab-main-platform']).toMatchObject({ path: './dist/lab/main/platform', prune: true, wait: true });
    expect(byName['lab-main-platform'].dependsOn).toBeUndefined();
    expect(byName['lab-main-config']).toMatchObject({ path: './dist/lab/main/config', prune: true, wait: true, dependsOn: [{ name: 'lab-main-platform' }] });
    expect(byName['lab-main-apps']).toMatchObject({ path: './dist/lab/main/apps', prune: true, dependsOn: [{ name: 'lab-main-config' }] });
  });

  test('Flux clones an https repository without a Secret, an ssh:// one with the deploy key flux bootstrap made', () => {
    const source = (git: { url: string }) => {
      const app = new CdkApp();
      const node = host('flux-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.8.1' });
      const fluxSite = site(`flux-${git.url.slice(0, 3)}`, { domain: 'flux.test', hosts: [node], git });
      new ClusterChart(app, 'main', { site: fluxSite, hosts: [node], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux() });
      const objects = synthesize(app, { outdir: 'unused', write: false }).clusters[0].objects;
      return objects.find((o) => o.manifest.kind === 'GitRepository')!.manifest as any;
    };
    expect(source({ url: 'https://git.lab.test/lab.git' }).spec.secretRef).toBeUndefined();
    expect(source({ url: 'ssh://git@git.lab.test/lab.git' }).spec.secretRef).toEqual({ name: 'flux-system' });
  });

  test('flux bootstrap github for a github.com repository (owner and name from its URL), flux bootstrap git for any other host', () => {
    expect(gitHubRepositoryOf('ssh://git@github.com/jax-lab/homelab-gitops.git')).toEqual({ owner: 'jax-lab', repository: 'homelab-gitops' });
    expect(gitHubRepositoryOf('git@github.com:jax-lab/homelab-gitops')).toEqual({ owner: 'jax-lab', repository: 'homelab-gitops' });
    expect(gitHubRepositoryOf('https://github.com/jax-lab/homelab-gitops.git')).toEqual({ owner: 'jax-lab', repository: 'homelab-gitops' });
    expect(gitHubRepositoryOf('ssh://git@gitlab.com/jax-lab/homelab-gitops.git')).toBeUndefined();
    expect(gitHubRepositoryOf('https://github.com.example/jax-lab/homelab-gitops.git')).toBeUndefined();
    const bootstrapStep = (url: string, props: Parameters<typeof flux>[0] = {}) => {
      const app = new CdkApp();
      const node = host('flux-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.8.1' });
      const fluxSite = site('flux-lab', { domain: 'flux.test', hosts: [node], git: { url, branch: 'trunk' } });
      const cluster = new ClusterChart(app, 'main', { site: fluxSite, hosts: [node], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(props) });
      // The folder bootstrap commits to is said after the command; the test below reads it.
      return cluster.platform.preinstalled.flatMap((p) => p.manualSteps ?? []).find((step) => step.startsWith('flux bootstrap'))
        ?.replace("; Flux's components land in flux-system/flux-lab/main/flux-system/, and flux-system/flux-lab/main/ holds a Kustomization that applies ./dist/flux-lab/main", '')
        .replace('; it installs Flux v2.9.0, run with a flux CLI 2.9.x (bootstrap refuses a --version of another minor release than its own)', '')
        .replace('; bootstrap pushes the commit it makes to trunk itself: `git pull` before your next push, which Git refuses until your clone has it', '');
    };
    expect(bootstrapStep('ssh://git@github.com/jax-lab/homelab-gitops.git')).toBe(
      'flux bootstrap github --owner=jax-lab --repository=homelab-gitops --branch=trunk --path=flux-system/flux-lab/main --personal --private=true --version=v2.9.0 (deploy key in Secret flux-system/flux-system); export GITHUB_TOKEN first, a GitHub token that may create the repository and its deploy key');
    expect(bootstrapStep('https://github.com/acme/gitops.git', { github: { personal: false, private: false } })).toBe(
      'flux bootstrap github --owner=acme --repository=gitops --branch=trunk --path=flux-system/flux-lab/main --private=false --version=v2.9.0; export GITHUB_TOKEN first, a GitHub token that may create the repository and its deploy key');
    expect(bootstrapStep('ssh://git@git.lab.test/lab.git')).toBe(
      'flux bootstrap git --url=ssh://git@git.lab.test/lab.git --branch=trunk --path=flux-system/flux-lab/main --version=v2.9.0 (deploy key in Secret flux-system/flux-system)');
    // An HTTPS repository clones with a token (basic auth), not with a deploy key.
    expect(bootstrapStep('https://git.lab.test/lab.git', { secretName: 'git-token' })).toBe(
      'flux bootstrap git --url=https://git.lab.test/lab.git --branch=trunk --path=flux-system/flux-lab/main --secret-name=git-token --version=v2.9.0 (username and token in Secret flux-system/git-token, '
      + 'a basic-auth Secret: add --token-auth --username=<user> --password=<token>, which stores them there)');
    expect(bootstrapStep('https://github.com/acme/gitops.git', { secretName: 'flux-system' })).toBe(
      'flux bootstrap github --owner=acme --repository=gitops --branch=trunk --path=flux-system/flux-lab/main --personal --private=true --version=v2.9.0 (username and token in Secret flux-system/flux-system, '
      + 'a basic-auth Secret: add --token-auth, which stores GITHUB_TOKEN there); export GITHUB_TOKEN first, a GitHub token that may create the repository');
    // Bootstrap's own defaults are flux-system: another namespace or Secret name is passed to it.
    expect(bootstrapStep('ssh://git@git.lab.test/lab.git', { namespace: 'flux', secretName: 'deploy-key' })).toBe(
      'flux bootstrap git --url=ssh://git@git.lab.test/lab.git --branch=trunk --path=flux-system/flux-lab/main --namespace=flux --secret-name=deploy-key --version=v2.9.0 (deploy key in Secret flux/deploy-key)');
  });

  test('Argo CD syncs the layers in waves; a layer after the platform skips the dry run of kinds whose CRDs arrive first', () => {
    const cluster = synthWith(argoCd(), () => undefined);
    const apps = cluster.objects.filter((o) => o.layer === 'sync').map((o) => o.manifest as any);
    const wave = (name: string) => apps.find((a) => a.metadata.name === name);
    expect(['lab-main', 'lab-main-platform', 'lab-main-config', 'lab-main-apps'].map((n) => wave(n).metadata.annotations['argocd.argoproj.io/sync-wave']))
      .toEqual(['-1', '0', '1', '2']);
    expect(wave('lab-main-config').spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
    expect(wave('lab-main-apps').spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
  });

  test('installs go to platform, pools to config, apps to apps', () => {
    const cluster = synthWith(flux(), (c) => new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } }));
    const layerOf = (kind: string) => new Set(cluster.objects.filter((o) => o.manifest.kind === kind).map((o) => o.layer));
    expect(layerOf('HelmRelease')).toEqual(new Set(['platform']));
    expect(layerOf('IPAddressPool')).toEqual(new Set(['config']));
    expect(layerOf('L2Advertisement')).toEqual(new Set(['config']));
    expect(layerOf('SealedSecret')).toEqual(new Set(['apps']));
    expect(layerOf('Namespace')).toEqual(new Set(['platform']));
  });

  test('the sync objects point at the outdir the app was created with', () => {
    const app = new CdkApp({ outdir: 'gitops/out' });
    labCluster(app, 'main', { gitops: flux() });
    const cluster = synthesize(app, { outdir: 'unused', write: false }).clusters[0];
    const paths = cluster.objects.filter((o) => o.manifest.kind === 'Kustomization' && o.layer === 'sync').map((o) => (o.manifest as any).spec.path).sort();
    expect(paths).toEqual(['./gitops/out/lab/main/apps', './gitops/out/lab/main/config', './gitops/out/lab/main/platform']);
  });
});

describe('install once', () => {
  test('a component asked for twice is installed once', () => {
    const cluster = synthWith(flux(), (c) => {
      c.platform.require(sealedSecretsComponent());
      c.platform.require(sealedSecretsComponent());
      new SealedSecret(c, 'a', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
      new SealedSecret(c, 'b', { namespace: 'web', encryptedData: { password: `Ag${'C'.repeat(720)}==` } });
    });
    expect(cluster.objects.filter((o) => o.manifest.kind === 'HelmRelease' && o.manifest.metadata.name === 'sealed-secrets')).toHaveLength(1);
    expect(cluster.chart.platform.components.filter((c) => c.name === 'sealed-secrets')).toHaveLength(1);
  });

  test('asking for the same component at another version is an error', () => {
    const app = new CdkApp();
    const cluster = labCluster(app, 'main', { gitops: flux() });
    cluster.platform.require(sealedSecretsComponent());
    const other = sealedSecretsComponent();
    cluster.platform.require({ ...other, install: { ...other.install, chart: { ...(other.install as any).chart, version: '2.0.0' } } as any });
    const findings = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error');
    expect(findings.map((f) => f.field)).toContain('components.sealed-secrets');
  });

  test('every component the lab cluster needs is there once: openebs-zfs, local-path, metallb, traefik, nvidia', () => {
    const cluster = synthWith(flux(), () => undefined);
    const names = cluster.chart.platform.components.map((c) => c.name);
    expect([...names].sort()).toEqual(['local-path-provisioner', 'metallb', 'nvidia-device-plugin', 'openebs-zfs', 'traefik']);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('pins', () => {
  const renovate = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'renovate.json'), 'utf8'));
  const manager = renovate.customManagers.find((m: any) => m.customType === 'regex');
  const dir = path.join(__dirname, '..', 'constructs', 'platform', 'components');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => path.join(dir, f))
    .concat(path.join(__dirname, '..', 'constructs', 'services', 'harbor.ts'));

  test('renovate.json manages the component files', () => {
    expect(manager.fileMatch.some((p: string) => new RegExp(p).test('constructs/platform/components/renovate.ts'))).toBe(true);
  });

  test.each(files.map((f) => [path.basename(f), f]))('every pin of %s has a Renovate comment the regex reads', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const table = text.slice(text.indexOf('_PINS = {'), text.indexOf('} as const;', text.indexOf('_PINS = {')));
    const entries = table.split('\n').filter((line) => /^\s+[a-zA-Z]+: '[^']+',$/.test(line));
    expect(entries.length).toBeGreaterThan(0);
    const matches = manager.matchStrings.flatMap((pattern: string) => [...table.matchAll(new RegExp(pattern.replace(/\(\?<(\w+)>/g, '(?<$1>'), 'g'))]);
    expect(matches.length).toBe(entries.length);
    for (const match of matches) {
      expect(match.groups.datasource).toMatch(/^(helm|docker|github-tags)$/);
      expect(match.groups.depName).toBeTruthy();
      expect(match.groups.currentValue).toMatch(/^v?\d+\.\d+\.\d+/);
      if (match.groups.datasource === 'helm') {
        expect(match.groups.registryUrl).toMatch(/^https:\/\//);
      }
    }
  });
});
