import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, ChartRelease, ClusterIssuer, existingStorageClass, host, http01Ingress, LETSENCRYPT_PRODUCTION, LETSENCRYPT_STAGING, localPathStorage, nfsStorage, site, traefik,
} from '../constructs';
import type { ClusterChart, StorageTier } from '../constructs';
import { CHART_TOP_LEVEL_VALUES, misspeltTopLevelValueProblems } from '../constructs/platform/chart-top-level-values';
import { chartSourceProblems } from '../constructs/platform/chart-source';
import { chartValuesProblems, goDurationFlagProblem } from '../constructs/platform/chart-values';
import { issuerNameServerProblems } from '../constructs/platform/cert-manager-props';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the checks of a new user's platform values let through: the spellings that are right must stay quiet, so
// that each error of the bad-input corpus (cases-platform-round-3.ts) is the mistake and nothing else is.

function errorsOf(build: (cluster: ClusterChart, app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded((scope: CdkApp) => build(labCluster(scope), scope))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

const PODINFO = { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' };

test('switches and counts of their own types, and text that only looks like one elsewhere, pass', () => {
  expect(chartValuesProblems({
    ingress: { enabled: true }, replicaCount: 2, serviceAccount: { create: false },
    // Annotations and env values are text by their kinds, whatever they say.
    podAnnotations: { 'prometheus.io/scrape': 'true' }, extraEnvs: [{ name: 'ENABLED', value: 'false' }],
    // A count a chart takes as text (Gatekeeper's podCountLimit), under a key of its own.
    podCountLimit: '100',
  })).toEqual([]);
});

test("pod fields of their own shapes pass, and a chart's own key named like the chart is no nesting", () => {
  expect(chartValuesProblems({
    nodeSelector: { 'kubernetes.io/arch': 'amd64' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }],
    podAnnotations: { 'prometheus.io/scrape': 'true' }, podLabels: {}, controller: { nodeSelector: {}, tolerations: [] },
  })).toEqual([]);
  // KubeVirt's chart has a top-level key kubevirt, its CR's settings.
  expect(CHART_TOP_LEVEL_VALUES.kubevirt.keys).toContain('kubevirt');
  expect(misspeltTopLevelValueProblems('kubevirt', CHART_TOP_LEVEL_VALUES.kubevirt.version, { kubevirt: { spec: {} } })).toEqual([]);
});

test('a switch written as text other than true or false is not judged as one', () => {
  expect(chartValuesProblems({ ingress: { enabled: 'yes please' } }).map((p) => p.field)).toEqual([]);
});

test("a chart's page on a Git host is refused, while raw files and GitHub Pages of the same project are repositories", () => {
  const fields = (repository: string) => chartSourceProblems({ repository, chart: 'app', version: '1.0.0' }).map((p) => p.field);
  expect(fields('https://github.com/owner/project.git')).toEqual(['chart.repository']);
  expect(fields('https://gitlab.com/group/project/-/tree/main')).toEqual(['chart.repository']);
  expect(fields('https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts')).toEqual([]);
  expect(fields('https://owner.github.io/project')).toEqual([]);
  expect(fields('https://gitlab.com/api/v4/projects/42/packages/helm/stable')).toEqual([]);
});

test('a chart release of a chart no component installs, and of the same chart from another repository, is not told it is installed twice', () => {
  expect(errorsOf((c) => {
    new ChartRelease(c, 'podinfo', { namespace: 'podinfo', chart: PODINFO, values: {}, network: { noNetworkPolicy: 'the chart runs no server' } });
  })).toEqual([]);
  // A fork of Traefik's chart under the same name is another chart: the release's own CRDs are judged elsewhere.
  expect(errorsOf((c) => {
    new ChartRelease(c, 'edge', { namespace: 'edge', chart: { repository: 'https://charts.example.org', chart: 'traefik', version: '1.0.0' }, values: {}, network: { noNetworkPolicy: 'the chart runs no server' } });
  }).filter((e) => / chart\.chart: /.test(e))).toEqual([]);
});

test("a key listed as nested is never a top-level key of its chart, so the nested form of a chart's own key is never refused", () => {
  for (const [chart, known] of Object.entries(CHART_TOP_LEVEL_VALUES)) {
    const collisions = Object.keys(known.nestedKeys ?? {}).filter((key) => known.keys.includes(key));
    expect({ chart, collisions }).toEqual({ chart, collisions: [] });
    for (const paths of Object.values(known.nestedKeys ?? {})) {
      // Each path starts at one of the chart's own top-level keys.
      expect(paths.filter((path) => !known.keys.includes(path.split('.')[0]))).toEqual([]);
    }
  }
});

test('Go durations, a zero and keys left out pass the duration flags of charts', () => {
  for (const value of ['720h', '1m30s', '0', 0, undefined]) {
    expect(goDurationFlagProblem({ keyrenewperiod: value }, 'keyrenewperiod', 'the controller')).toBeUndefined();
  }
  expect(goDurationFlagProblem({ interval: '1 minute' }, 'interval', 'external-dns')?.hint).toMatch(/interval: '1m'/);
});

test("an issuer's name that names neither directory, or the one it uses, passes", () => {
  expect(issuerNameServerProblems('letsencrypt', LETSENCRYPT_STAGING)).toEqual([]);
  expect(issuerNameServerProblems('letsencrypt-production', LETSENCRYPT_PRODUCTION)).toEqual([]);
  expect(issuerNameServerProblems('le-staging', LETSENCRYPT_STAGING)).toEqual([]);
  // A name with "prod" inside a word is no claim about the directory.
  expect(issuerNameServerProblems('product-team', LETSENCRYPT_STAGING)).toEqual([]);
  expect(issuerNameServerProblems('zerossl-prod', 'https://acme.zerossl.com/v2/DV90')).toEqual([]);
  expect(errorsOf((c) => {
    new ClusterIssuer(c, 'letsencrypt-staging', { name: 'letsencrypt-staging', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }) });
  })).toEqual([]);
});

const nas = host('pr3t-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.45.0.1', zfsPools: { fast: { media: 'nvme' } } });
const storageLab = site('pr3t-storage', {
  domain: 'storage-t.test', hosts: [nas], pools: { vips: { first: '10.45.8.10', last: '10.45.8.20' } },
  nfs: { share: { server: 'nas.storage-t.test', path: '/export' }, media: { server: 'nas.storage-t.test', path: '/media' } },
  git: { url: 'https://git.storage-t.test/lab.git' },
});
const tiersErrors = (storage: Record<string, StorageTier>) => errorsOf((_main, app) => {
  labCluster(app, 'tiers', { site: storageLab, hosts: [nas], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage });
}).filter((e) => e.startsWith('tiers '));

test('two names of one storage class, and a class named as one the repository makes, are no collision', () => {
  // Two tier names of one class made one way: the class is made once, and both tiers' claims get it.
  expect(tiersErrors({ local: localPathStorage(), scratch: localPathStorage() })).toEqual([]);
  expect(tiersErrors({ fast: nas.zfs.fast, nvme: nas.zfs.fast })).toEqual([]);
  expect(tiersErrors({ config: nfsStorage(storageLab.nfs.share), shared: nfsStorage(storageLab.nfs.share) })).toEqual([]);
  // A class the owner says exists, named as one a tier makes, is that class.
  expect(tiersErrors({ fast: nas.zfs.fast, other: existingStorageClass('zfs-fast') })).toEqual([]);
  // Two NFS tiers, each with a class of its own.
  expect(tiersErrors({ config: nfsStorage(storageLab.nfs.share), media: nfsStorage(storageLab.nfs.media, { storageClassName: 'nfs-media' }) })).toEqual([]);
});
