import {
  acmeIssuer, ChartRelease, ciliumComponent, ClusterIssuer, declareExternal, existingStorageClass, externalDnsComponent, gatekeeper, host, hostPlacement,
  http01Ingress, kubePrometheusStack, LETSENCRYPT_PRODUCTION, LETSENCRYPT_STAGING, localPathStorage, nfsStorage, sealedSecretsComponent, SecretReference, site, traefik,
} from '../../constructs';
import type { ClusterChart, PlatformComponent, StorageTier } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labCluster } from './lab';

// A new user's platform settings, copied from a chart's values.yaml, its README or a blog post rather than from
// this library: values a template reads as something else (a switch written as text), values one level too
// shallow, values in another tool's unit, a chart's web page as its repository, a chart installed twice, an
// issuer named for the other Let's Encrypt directory, storage classes of one name. Each passed synth, and the
// chart ignored the value, refused the release, or ran what the user did not ask for; each is now one error on
// what was written, with what to write instead.

const NO_SERVER = { noNetworkPolicy: 'the chart runs no server' };
const PODINFO = { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' };

/** A ChartRelease `podinfo` of `chart` (podinfo by default) with `values`. */
const release = (values: Record<string, unknown>, chart: { repository: string; chart: string; version: string } = PODINFO, id = 'podinfo') => (c: ClusterChart) => {
  new ChartRelease(c, id, { namespace: id, chart, values, network: NO_SERVER });
};

/** A ChartRelease whose chart is published at `repository`, refused on that field with `hint`. */
const repositoryCase = (name: string, repository: string, hint: RegExp): BadInput => ({
  name, build: release({}, { ...PODINFO, repository }), layer: 'props', path: 'podinfo', field: 'chart.repository', hint,
});

/** The component `component` returns for the cluster, given `values` through addValues. */
const added = (component: (c: ClusterChart) => PlatformComponent | undefined, values: Record<string, unknown>) => guarded((c: ClusterChart) => {
  component(c)!.addValues(values);
});

/** A case of `values` added to the component `component` returns, refused on `field` of its install. */
const valuesCase = (name: string, component: (c: ClusterChart) => PlatformComponent | undefined, installName: string, values: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: added(component, values), layer: 'props', path: `platform/installs/${installName}`, field, hint,
});

const metalLb = (c: ClusterChart) => c.platform.get('metallb');
const traefikOf = (c: ClusterChart) => c.platform.get('traefik');
const monitoring = (c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  return c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
};
const policy = (c: ClusterChart) => c.platform.require(gatekeeper());
const sealing = (c: ClusterChart) => c.platform.require(sealedSecretsComponent());
const dns = (c: ClusterChart) => c.platform.require(externalDnsComponent({
  provider: { kind: 'cloudflare', apiToken: SecretReference.external('external-dns', 'cloudflare', 'api-token') }, domains: ['lab.test'], ownerId: 'lab-main',
}));
const cilium = (c: ClusterChart) => c.platform.require(ciliumComponent({ kubeProxyReplacement: false }));

/** A ClusterIssuer `name` of Let's Encrypt's directory `server`, solving HTTP-01 through Traefik. */
const issuer = (name: string, server: string) => guarded((c: ClusterChart) => {
  new ClusterIssuer(c, name, { name, issuer: acmeIssuer({ server, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }) });
});

// A lab of its own for the storage cases, whose cluster shares no host with the corpus' cluster `main`.
const nas = host('pr3-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.44.0.1', zfsPools: { fast: { media: 'nvme' } } });
const storageLab = site('pr3-storage', {
  domain: 'storage.test', hosts: [nas], pools: { vips: { first: '10.44.8.10', last: '10.44.8.20' } },
  nfs: { share: { server: 'nas.storage.test', path: '/export' }, media: { server: 'nas.storage.test', path: '/media' } },
  git: { url: 'https://git.storage.test/lab.git' },
});

/** A cluster `tiers` of the storage lab whose tiers are `storage`, refused on `storage.<tier>`. */
const storageCase = (name: string, storage: Record<string, StorageTier>, tier: string, hint: RegExp): BadInput => ({
  name,
  build: guarded((_main: ClusterChart, app) => {
    labCluster(app, 'tiers', { site: storageLab, hosts: [nas], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage });
  }),
  layer: 'props', path: 'tiers', field: `storage.${tier}`, hint,
});

export const CASES: BadInput[] = [
  // Switches and counts written as text, as a values file read without its types or `--set-string` writes them.
  {
    name: 'a chart release whose ingress is switched off with the text "false", which Helm reads as true',
    build: release({ ingress: { enabled: 'false' } }), layer: 'props', path: 'podinfo', field: 'values.ingress.enabled', hint: /enabled: false/,
  },
  {
    name: 'a chart release whose persistence is switched on with the text "true"',
    build: release({ persistence: { enabled: 'true', size: '1Gi' } }), layer: 'props', path: 'podinfo', field: 'values.persistence.enabled', hint: /enabled: true/,
  },
  {
    name: 'a chart release whose replicaCount is the text "2"',
    build: release({ replicaCount: '2' }), layer: 'props', path: 'podinfo', field: 'values.replicaCount', hint: /replicaCount: 2$/,
  },
  valuesCase("MetalLB's FRR switched off with the text \"false\"", metalLb, 'metallb', { speaker: { frr: { enabled: 'false' } } }, 'values.speaker.frr.enabled', /enabled: false/),
  valuesCase("Alertmanager of the monitoring stack switched off with the text \"false\"", monitoring, 'kube-prometheus-stack', { alertmanager: { enabled: 'false' } }, 'values.alertmanager.enabled'),
  valuesCase("Traefik's deployment.replicas as the text \"2\"", traefikOf, 'traefik', { deployment: { replicas: '2' } }, 'values.deployment.replicas', /replicas: 2$/),

  // The chart's web page as its repository.
  repositoryCase("a chart's GitHub repository page as its Helm repository", 'https://github.com/stefanprodan/podinfo', /stefanprodan\.github\.io\/podinfo/),
  repositoryCase("a chart's folder on GitHub (…/tree/master/charts) as its Helm repository", 'https://github.com/stefanprodan/podinfo/tree/master/charts', /helm repo add/),
  repositoryCase("a chart's project page on GitLab as its Helm repository", 'https://gitlab.com/lab/charts', /packages\/helm/),
  repositoryCase("a chart's page on Artifact Hub as its Helm repository", 'https://artifacthub.io/packages/helm/podinfo/podinfo', /INSTALL/),

  // A chart the cluster installs already, released again under a name of its own.
  {
    name: "cert-manager's chart released under a name of its own beside a ClusterIssuer that installs it",
    build: guarded((c: ClusterChart) => {
      new ClusterIssuer(c, 'letsencrypt', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }) });
      release({ crds: { enabled: true } }, { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' }, 'certs')(c);
    }),
    layer: 'references', path: 'certs', field: 'chart.chart', hint: /platform\.get\('cert-manager'\)/,
  },
  {
    name: 'kube-prometheus-stack released under a name of its own beside the monitoring stack',
    build: guarded((c: ClusterChart) => {
      monitoring(c);
      release({}, { repository: 'https://prometheus-community.github.io/helm-charts/', chart: 'kube-prometheus-stack', version: '80.2.2' }, 'prometheus')(c);
    }),
    layer: 'references', path: 'prometheus', field: 'chart.chart', hint: /platform\.get\('kube-prometheus-stack'\)/,
  },
  {
    name: "Traefik's chart released as an app beside the cluster's traefik() routes",
    build: release({}, { repository: 'https://traefik.github.io/charts', chart: 'traefik', version: '41.3.0' }, 'edge'),
    layer: 'references', path: 'edge', field: 'chart.chart', hint: /platform\.get\('traefik'\)/,
  },

  // Values one level too shallow: keys a chart of several parts reads under each part.
  valuesCase("MetalLB's resources written at the top of its values", metalLb, 'metallb', { resources: { limits: { memory: '100Mi' } } }, 'addValues.resources', /controller: \{ resources/),
  valuesCase("MetalLB's tolerations written at the top of its values", metalLb, 'metallb', { tolerations: [{ operator: 'Exists' }] }, 'addValues.tolerations', /speaker: \{ tolerations/),
  valuesCase("Prometheus' retention written at the top of kube-prometheus-stack's values", monitoring, 'kube-prometheus-stack', { retention: '30d' }, 'addValues.retention', /prometheusSpec: \{ retention/),
  valuesCase("Prometheus' storageSpec written at the top of kube-prometheus-stack's values", monitoring, 'kube-prometheus-stack', { storageSpec: { volumeClaimTemplate: {} } }, 'addValues.storageSpec', /prometheusSpec: \{ storageSpec/),

  // Values one level too deep: under the chart's own name, as an umbrella chart nests a subchart's values.
  valuesCase("MetalLB's values nested under metallb, as an umbrella chart writes them", metalLb, 'metallb', { metallb: { speaker: { logLevel: 'debug' } } }, 'addValues.metallb', /addValues\(\{ speaker: … \}\)/),
  valuesCase("kube-prometheus-stack's values nested under its own name", monitoring, 'kube-prometheus-stack', { 'kube-prometheus-stack': { grafana: { defaultDashboardsTimezone: 'browser' } } },
    'addValues.kube-prometheus-stack', /addValues\(\{ grafana: … \}\)/),
  valuesCase("Traefik's values nested under traefik, as K3s' HelmChartConfig examples write them", traefikOf, 'traefik', { traefik: { logs: { general: { level: 'DEBUG' } } } }, 'addValues.traefik', /logs: …/),

  // Pod fields a chart hands on as they are, in a shape the API server refuses.
  {
    name: 'a chart release whose nodeSelector is a list written as kubectl writes labels',
    build: release({ nodeSelector: ['kubernetes.io/hostname=gpu1'] }), layer: 'props', path: 'podinfo', field: 'values.nodeSelector', hint: /\{ 'kubernetes\.io\/hostname': 'gpu1' \}/,
  },
  {
    name: 'a chart release whose nodeSelector is one text key=value',
    build: release({ nodeSelector: 'disktype=ssd' }), layer: 'props', path: 'podinfo', field: 'values.nodeSelector', hint: /\{ disktype: 'ssd' \}/,
  },
  {
    name: 'a chart release whose nodeSelector gives a label the boolean true',
    build: release({ nodeSelector: { gpu: true } }), layer: 'props', path: 'podinfo', field: 'values.nodeSelector.gpu', hint: /'gpu': 'true'/,
  },
  {
    name: 'a chart release whose pod annotation is the number of a port',
    build: release({ podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': 9898 } }), layer: 'props', path: 'podinfo', field: 'values.podAnnotations.prometheus.io/port', hint: /'9898'/,
  },
  {
    name: 'a chart release whose tolerations are one toleration, not a list',
    build: release({ tolerations: { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' } }), layer: 'props', path: 'podinfo', field: 'values.tolerations', hint: /tolerations: \[/,
  },
  valuesCase("MetalLB speaker's nodeSelector as a list", metalLb, 'metallb', { speaker: { nodeSelector: ['kubernetes.io/os=linux'] } }, 'values.speaker.nodeSelector', /'kubernetes\.io\/os': 'linux'/),

  // Durations and numbers in another tool's unit.
  valuesCase("Alertmanager's retention in days, as Prometheus' is written", monitoring, 'kube-prometheus-stack', { alertmanager: { alertmanagerSpec: { retention: '7d' } } },
    'addValues.alertmanager.alertmanagerSpec.retention', /'168h'/),
  valuesCase("Alertmanager's retention in weeks", monitoring, 'kube-prometheus-stack', { alertmanager: { alertmanagerSpec: { retention: '2w' } } },
    'addValues.alertmanager.alertmanagerSpec.retention', /'336h'/),
  valuesCase("Gatekeeper's auditInterval as a duration, where the chart takes seconds", policy, 'gatekeeper', { auditInterval: '60s' }, 'addValues.auditInterval', /auditInterval: 60$/),
  valuesCase("Gatekeeper's webhook timeout above the API server's 30 seconds", policy, 'gatekeeper', { validatingWebhookTimeoutSeconds: 60 }, 'addValues.validatingWebhookTimeoutSeconds', /1 to 30/),
  valuesCase("Sealed Secrets' key renewal period in days", sealing, 'sealed-secrets', { keyrenewperiod: '30d' }, 'addValues.keyrenewperiod', /'720h'/),
  valuesCase("Sealed Secrets' key renewal period as a bare number", sealing, 'sealed-secrets', { keyrenewperiod: 720 }, 'addValues.keyrenewperiod', /text with its unit/),
  valuesCase("external-dns' sync interval as a number of seconds", dns, 'external-dns-cloudflare', { interval: 60 }, 'addValues.interval', /interval: '1m'/),
  valuesCase("external-dns' policy upsert, which its flag does not take", dns, 'external-dns-cloudflare', { policy: 'upsert' }, 'addValues.policy', /upsert-only/),
  valuesCase("Cilium's kubeProxyReplacement strict, from a guide before Cilium 1.14", cilium, 'cilium', { kubeProxyReplacement: 'strict' }, 'addValues.kubeProxyReplacement', /kubeProxyReplacement: true/),
  valuesCase("Cilium's kubeProxyReplacement partial, removed in Cilium 1.16", cilium, 'cilium', { kubeProxyReplacement: 'partial' }, 'addValues.kubeProxyReplacement', /kubeProxyReplacement: false/),

  // An ACME issuer named for the other Let's Encrypt directory.
  {
    name: "a ClusterIssuer named letsencrypt-prod on Let's Encrypt's staging directory",
    build: issuer('letsencrypt-prod', LETSENCRYPT_STAGING), layer: 'props', path: 'letsencrypt-prod', field: 'issuer.server', hint: /LETSENCRYPT_PRODUCTION/,
  },
  {
    name: "a ClusterIssuer named letsencrypt-staging on Let's Encrypt's production directory",
    build: issuer('letsencrypt-staging', LETSENCRYPT_PRODUCTION), layer: 'props', path: 'letsencrypt-staging', field: 'issuer.server', hint: /LETSENCRYPT_STAGING/,
  },

  // Storage tiers whose StorageClasses have one name.
  storageCase('an NFS tier whose StorageClass is named local-path beside localPathStorage()',
    { local: localPathStorage(), bulk: nfsStorage(storageLab.nfs.share, { storageClassName: 'local-path' }) }, 'bulk', /storageClassName: 'nfs-bulk'/),
  storageCase("an NFS tier whose StorageClass has the name of a ZFS pool's class",
    { fast: nas.zfs.fast, shared: nfsStorage(storageLab.nfs.share, { storageClassName: 'zfs-fast' }) }, 'shared', /nfs-shared/),
  storageCase('two NFS tiers on two exports that both keep the default StorageClass nfs-csi',
    { config: nfsStorage(storageLab.nfs.share), media: nfsStorage(storageLab.nfs.media) }, 'media', /nfs-csi-media/),
  storageCase('localPathStorage() after an NFS tier that took the name local-path',
    { bulk: nfsStorage(storageLab.nfs.share, { storageClassName: 'local-path' }), local: localPathStorage(), legacy: existingStorageClass('standard') }, 'local', /tier "bulk"/),
];
