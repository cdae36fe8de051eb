import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, AppVolume, argoCd, host, site, synthesize, traefik } from '../constructs';
import type { ClusterChart, ClusterChartProps, Finding } from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// Problems earlier rounds reported and left alone: each is now one finding, or output that does what was meant.

/** The findings of the lab cluster `main` (props over the lab's) that `build` fills, synthesized in memory. */
function findingsOf(build: (cluster: ClusterChart) => void, props: Partial<ClusterChartProps> = {}): Finding[] {
  const app = new CdkApp();
  build(labCluster(app, 'main', props));
  return synthesize(app, { outdir: 'unused', write: false }).findings;
}

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);

describe('the folder engines sync, for an output folder outside the working folder', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-outdir-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const syncedPath = (outdir: string) => labCluster(new CdkApp({ outdir })).repositoryPath('apps');

  test('is the path in the Git repository that holds it (a checkout of another repository)', () => {
    fs.mkdirSync(path.join(scratch, 'gitops', '.git'), { recursive: true });
    expect(syncedPath(path.join(scratch, 'gitops', 'clusters', 'dist'))).toBe('clusters/dist/lab/main/apps');
  });

  test('is the path below it where no repository holds it: no path of any repository starts with ..', () => {
    expect(syncedPath(path.join(scratch, 'out'))).toBe('lab/main/apps');
  });

  test('is the path below the working folder for an output folder in it', () => {
    expect(syncedPath('dist')).toBe('dist/lab/main/apps');
  });
});

describe('Flux objects on a cluster without Flux', () => {
  const kustomization = (cluster: ClusterChart, source: string) => new ApiObject(cluster, 'ks', {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps', namespace: 'flux-system' },
    spec: { interval: '10m', path: './apps', prune: true, sourceRef: { kind: 'GitRepository', name: source } },
  });

  test('a Kustomization is one error, on its kind, not one more on its namespace flux-system', () => {
    expect(errorsOf(findingsOf((cluster) => kustomization(cluster, 'flux-system'), { gitops: argoCd() }))).toEqual(['[references] main/ks apiVersion']);
  });

  test('a GitRepository and its Kustomization, of two API groups of one choice, are one error naming both', () => {
    const findings = findingsOf((cluster) => {
      new ApiObject(cluster, 'repo', {
        apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'extra', namespace: 'flux-system' },
        spec: { interval: '10m', url: 'https://git.lab.test/other.git', ref: { branch: 'main' } },
      });
      kustomization(cluster, 'extra');
    }, { gitops: argoCd() });
    expect(errorsOf(findings)).toEqual(['[references] main/repo apiVersion']);
    expect(findings.find((f) => f.severity === 'error')).toMatchObject({ message: expect.stringMatching(/1 more object of the groups that choice installs \(Kustomization main\/ks\)/), hint: expect.stringMatching(/gitops: flux\(\)/) });
  });
});

test("two replicas on the host's network on one single-writer claim, pinned to one host, are one error on the replicas", () => {
  const findings = findingsOf((cluster) => new App(cluster, 'pihole', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], replicas: 2,
    exemptions: { hostNetwork: 'DHCP on the LAN' }, placement: { host: gpu1 },
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
  }));
  expect(errorsOf(findings)).toEqual(['[policy] main/pihole replicas']);
  expect(findings.find((f) => f.field === 'replicas')?.hint).toMatch(/host port TCP\/8080 of their node/);
});

describe('a route host under .local', () => {
  const web = (routeHost: string) => (cluster: ClusterChart) => new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: routeHost },
  });
  const hostWarnings = (findings: Finding[]) => findings.filter((f) => f.severity === 'warning' && f.field === 'route.host').map((f) => f.hint);

  test('is a warning on route.host: only multicast DNS answers .local', () => {
    expect(hostWarnings(findingsOf(web('nas.local')))).toEqual([expect.stringMatching(/host: 'nas' \(nas\.lab\.test\)/)]);
  });

  test("is none on a site whose domain is under .local, which is the site's one warning", () => {
    const node = host('mdns-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.7.1' });
    const own = site('mdns-lab', { domain: 'lab.local', hosts: [node] });
    const findings = findingsOf(web('nas.local'), { site: own, hosts: [node], loadBalancer: undefined, storage: {}, routes: traefik({ nodePorts: true }) });
    expect(hostWarnings(findings)).toEqual([]);
    expect(findings.filter((f) => f.field === 'domain').map((f) => f.severity)).toEqual(['warning']);
  });

  test('is none for a name under home.arpa', () => {
    expect(hostWarnings(findingsOf(web('nas.home.arpa')))).toEqual([]);
  });
});

test("Traefik on node ports redirects web to websecure's node port, not to port 443 of the node", () => {
  const app = new CdkApp();
  labCluster(app, 'main', { loadBalancer: undefined, routes: traefik({ nodePorts: true }) });
  const result = synthesize(app, { outdir: 'unused', write: false });
  const release = result.clusters.flatMap((c) => c.objects).find((o) => o.manifest.kind === 'HelmRelease' && o.manifest.metadata.name === 'traefik');
  const ports = (release?.manifest.spec as { values: { ports: Record<string, { exposedPort: number; nodePort: number; http?: unknown }> } }).values.ports;
  expect(ports.websecure).toMatchObject({ nodePort: 30443, exposedPort: 30443 });
  expect(ports.web.http).toBeDefined();
});
