import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, App, AppVolume, ChartRelease, ClusterIssuer, CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, existingStorageClass, gatewayApiCrds, host, hostPlacement, http01Ingress, kubePrometheusStack,
  LETSENCRYPT_PRODUCTION, renovate, site, Tenant, traefik,
} from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, gpu1, guarded, labApp, labCluster, raw } from './lab';

// Platform and day-two settings a new user writes without reading the corpus: tenants whose Jobs or labels do
// not fit them, retention that keeps nothing or falls back to a default, chart and package versions in the
// other spelling of their repository. Each passed synth and left a cluster that did other than it said; each
// is now one error on the field written, with the value to write instead.

const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/** Tenant `peers-alice` of owner `alice` with room for `pods` pods, and tenant `peers-bob` of owner `bob`. */
const tenants = (c: ClusterChart, pods = 4) => {
  new Tenant(c, 'alice', { namespace: 'peers-alice', owner: 'alice', quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods } });
  new Tenant(c, 'bob', { namespace: 'peers-bob', owner: 'bob' });
};

/** The spec of a Job of alice's namespace whose pods carry owner `owner`; `spec` adds to it. */
const jobSpec = (owner: string, spec: Record<string, unknown> = {}) => ({
  ...spec,
  template: {
    metadata: { labels: { owner } },
    spec: { restartPolicy: 'Never', containers: [goodContainer({ resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } } })], securityContext: RESTRICTED_POD },
  },
});

/** A ChartRelease `release` of `chart` from `repository` at `version`, refused on its version with `hint`. */
const versionCase = (name: string, [repository, chart, version]: readonly [string, string, string], hint: RegExp): BadInput => ({
  name,
  build: (c) => new ChartRelease(c, 'release', { namespace: 'tools', chart: { repository, chart, version }, values: {}, network: { noNetworkPolicy: 'the chart runs no server' } }),
  layer: 'props', path: 'release', field: 'chart.version', hint,
});

/** The monitoring stack on gpu1 with `options` added. */
const monitoring = (options: Partial<Parameters<typeof kubePrometheusStack>[0]>) => guarded((c: ClusterChart) => c.platform.require(kubePrometheusStack({
  placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', ...options,
})));

/** An AWS S3 provider whose ProviderConfig `default` calls the S3-compatible store at `url`. */
const s3Store = (url: string) => guarded((c: ClusterChart) => {
  const providers = new CrossplaneProviders(c, 'providers', [CROSSPLANE_PROVIDERS.awsS3]);
  providers.addProviderConfig({
    name: 'default', apiVersion: 'aws.upbound.io/v1beta1',
    spec: {
      credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'minio', key: 'credentials' } },
      endpoint: { services: ['s3'], hostnameImmutable: true, url: { type: 'Static', static: url } },
    },
  });
});

/** Backup operators the owner installed by hand, each with the kinds it defines. */
const BACKUP_OPERATORS = [
  { source: 'velero', namespaces: ['velero'], crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup'] }] },
  { source: 'volsync', crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] },
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
];

// A lab of its own, so that its cluster shares no host with the corpus' cluster `main`.
const nas = host('pm2-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.42.0.1' });
const backupLab = site('pm2-backups', { domain: 'backups.test', hosts: [nas], pools: { vips: { first: '10.42.8.10', last: '10.42.8.20' } }, git: { url: 'https://git.backups.test/lab.git' } });

/** Builds `build` into a cluster `backups` of its own lab whose tier `longhorn` is the preinstalled Longhorn class, beside the backup operators. */
const withBackups = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'backups', {
    site: backupLab, hosts: [nas], routes: traefik({ nodePorts: true }), loadBalancer: undefined,
    storage: { longhorn: existingStorageClass('longhorn') }, preinstalled: BACKUP_OPERATORS,
  });
  build(c);
});

/** A Velero Schedule `nightly` of namespace `web` whose backups are kept for `ttl`. */
const veleroSchedule = (ttl: string) => withBackups((c) => {
  c.namespaces.ensure('web');
  raw(c, 'nightly', {
    apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'nightly', namespace: 'velero' },
    spec: { schedule: '0 2 * * *', template: { includedNamespaces: ['web'], ttl } },
  });
});

/** A VolSync restic backup of the claim `wiki-data` of app `wiki`, keeping its snapshots `within`. */
const volsyncWithin = (within: string) => withBackups((c) => {
  labApp('wiki', { namespace: 'wiki', persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size: '1Gi', claimName: 'wiki-data' }), mountPath: '/data' } } })(c);
  declareExternal(c, { secrets: [{ namespace: 'wiki', name: 'wiki-restic' }] });
  raw(c, 'wiki-backup', {
    apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'wiki-backup', namespace: 'wiki' },
    spec: { sourcePVC: 'wiki-data', trigger: { schedule: '0 */6 * * *' }, restic: { repository: 'wiki-restic', copyMethod: 'Clone', retain: { daily: 7, within } } },
  });
});

export const CASES: BadInput[] = [
  // Tenants.
  {
    name: "a tenant's Job whose parallelism runs more pods than the tenant's quota allows",
    build: (c) => {
      tenants(c, 3);
      raw(c, 'reindex', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'reindex', namespace: 'peers-alice' }, spec: jobSpec('alice', { parallelism: 6, completions: 12 }) });
    },
    layer: 'policy', path: 'alice', field: 'quota.pods', message: /need 6 .*Job reindex ×6/, hint: /Job parallelism/,
  },
  {
    name: "a tenant's CronJob whose job runs more pods at once than the tenant's quota allows",
    build: (c) => {
      tenants(c, 2);
      raw(c, 'nightly', {
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'peers-alice' },
        spec: { schedule: '0 3 * * *', jobTemplate: { spec: jobSpec('alice', { parallelism: 3 }) } },
      });
    },
    layer: 'policy', path: 'alice', field: 'quota.pods', message: /CronJob nightly ×3/,
  },
  {
    name: "a tenant's hand-written ReplicationController whose replicas are more pods than the tenant's quota allows",
    build: (c) => {
      tenants(c, 3);
      const { template } = jobSpec('alice');
      raw(c, 'legacy', {
        apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy', namespace: 'peers-alice' },
        spec: { replicas: 5, selector: { owner: 'alice' }, template: { ...template, spec: { ...template.spec, restartPolicy: 'Always' } } },
      });
    },
    layer: 'policy', path: 'alice', field: 'quota.pods', message: /need 5 .*ReplicationController legacy ×5/,
  },
  {
    name: "an app in one tenant's namespace labelled with another tenant's owner",
    build: (c) => {
      tenants(c);
      new App(c, 'wiki', { namespace: 'peers-alice', labels: { owner: 'bob' }, image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    },
    layer: 'policy', path: 'wiki', field: 'labels.owner', hint: /owner: 'alice'.*namespace 'peers-bob'/,
  },
  {
    name: "a hand-written CronJob in one tenant's namespace whose pods carry another tenant's owner",
    build: (c) => {
      tenants(c);
      raw(c, 'nightly', {
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'peers-alice' },
        spec: { schedule: '0 3 * * *', jobTemplate: { spec: jobSpec('bob') } },
      });
    },
    layer: 'policy', path: 'nightly', field: 'spec.jobTemplate.spec.template.metadata.labels.owner', message: /owner of tenant "peers-bob"/,
  },
  // Versions in the other spelling of the chart's or package's repository.
  versionCase('a chart release of kube-prometheus-stack at a version written with a leading v the chart is not published with',
    ['https://prometheus-community.github.io/helm-charts', 'kube-prometheus-stack', 'v75.0.0'], /version: '75\.0\.0'/),
  versionCase('a chart release of cert-manager at a version written without the leading v it is published with',
    ['https://charts.jetstack.io/', 'cert-manager', '1.16.2'], /version: 'v1\.16\.2'/),
  {
    name: 'the Gateway API CRDs at a release written without the v of its Git tag',
    build: guarded((c: ClusterChart) => c.platform.require(gatewayApiCrds({ version: '1.2.1' }))),
    layer: 'props', path: 'platform', field: 'components.gateway-api-crds.version', hint: /version: 'v1\.2\.1'/,
  },
  {
    name: 'a Crossplane provider package whose tag is written without its v',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'providers', [{ ...CROSSPLANE_PROVIDERS.awsS3, package: 'xpkg.upbound.io/upbound/provider-aws-s3:1.21.0' }])),
    layer: 'props', path: 'providers', field: 'providers[0].package', hint: /'xpkg\.upbound\.io\/upbound\/provider-aws-s3:v1\.21\.0'/,
  },
  {
    name: 'a crossplane-contrib provider of another registry whose tag is written without its v',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'providers', [{ name: 'provider-helm', package: 'xpkg.crossplane.io/crossplane-contrib/provider-helm:0.21.0' }])),
    layer: 'props', path: 'providers', field: 'providers[0].package', hint: /provider-helm:v0\.21\.0'/,
  },
  // Retention that keeps nothing, or falls back to a default.
  {
    name: 'Prometheus retentionSize of 0, which Prometheus reads as no cap',
    build: monitoring({ retentionSize: '0GB', prometheusStorage: { tier: 'fast', size: '20Gi' } }),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retentionSize', hint: /retentionSize: '8GB'/,
  },
  {
    name: 'Prometheus retention and retentionSize both 0, which fall back to Prometheus\' own 15 days',
    build: monitoring({ retention: '0', retentionSize: '0' }),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retentionSize', message: /falls back to its own 15 days/,
  },
  // Addresses written in another tool's form.
  {
    name: "an ACME account's email written as a mailto: URI",
    build: guarded((c: ClusterChart) => new ClusterIssuer(c, 'letsencrypt', {
      name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'mailto:ops@lab.test', solvers: [http01Ingress('traefik')] }),
    })),
    layer: 'props', path: 'letsencrypt', field: 'issuer.email', hint: /email: 'ops@lab\.test'/,
  },
  ...([
    ["an S3-compatible store's endpoint written with the bucket in its path", 'https://minio.lab.test:9000/backups'],
    ["an S3-compatible store's endpoint written without its scheme", 'minio.lab.test:9000'],
  ] as const).map(([name, url]): BadInput => ({
    name, build: s3Store(url), layer: 'props', path: 'providers', field: 'addProviderConfig(default).spec.endpoint.url.static', hint: /static: 'https:\/\/minio\.lab\.test:9000'/,
  })),
  // Schedules in another scheduler's form.
  {
    name: "Renovate's CronJob schedule written in Renovate's own words",
    build: guarded((c: ClusterChart) => c.platform.require(renovate({ placement: hostPlacement(gpu1), repositories: ['lab/homelab'], tokenSecret: 'renovate-token', schedule: 'before 4am' }))),
    layer: 'props', path: 'platform', field: 'components.renovate.schedule', hint: /renovate\.json: "schedule": \["before 4am"\]/,
  },
  // Backup operators' retention.
  {
    name: 'a Velero Schedule whose backups are kept for a ttl of 0s, which Velero reads as its 30-day default',
    build: veleroSchedule('0s'),
    layer: 'schema', path: 'nightly', field: 'spec.template.ttl', message: /30 days/,
  },
  ...([
    ["a VolSync restic retention within a week written 1w, which restic's forget does not read", '1w'],
    ['a VolSync restic retention within written in words (7days)', '7days'],
  ] as const).map(([name, within]): BadInput => ({
    name, build: volsyncWithin(within), layer: 'schema', path: 'wiki-backup', field: 'spec.restic.retain.within', hint: /within: '7d'/,
  })),
];
