import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, ClusterChart, ClusterIssuer, cloudflareDns01, declareExternal, ExternalSecret, flux, host, hostPlacement, http01Ingress,
  kubePrometheusStack, LETSENCRYPT_PRODUCTION, metalLb, SecretReference, site, traefik, WildcardCertificate,
} from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, raw } from './lab';

// A home lab's operations written from the README alone by someone who has just found the library: its
// secrets, its GitOps engine, its backups, its monitoring, its certificates and its DNS, each mistake as a
// newcomer makes it, often in untyped JavaScript (`as any`).

/** An age private key as `age-keygen` writes it (made up). */
const AGE_KEY = `AGE-SECRET-KEY-${'1'}${'Q'.repeat(58)}`;
/** An age recipient, the public key `age-keygen -y` prints. */
const AGE_RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
/** A GitHub access token's form (made up). */
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;

/**
 * The site `attic` with one mini PC and a VPS that proxies inwards, and its cluster `attic` on the mini PC
 * with `cluster` over a setup that passes.
 */
function attic(cluster: (s: ReturnType<typeof atticSite>) => Partial<ClusterChartProps> = () => ({}), more: (c: ClusterChart) => void = () => undefined) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const s = atticSite();
    const chart = new ClusterChart(app, 'attic', {
      site: s, hosts: [s.mini], routes: traefik({ address: s.pools.vips.at('192.168.60.200') }), loadBalancer: metalLb({ pools: [s.pools.vips] }),
      storage: { fast: s.mini.zfs.tank }, gitops: flux(), ...cluster(s),
    });
    more(chart);
  });
}

/** The site `attic` of the mini PC and the VPS, with its pool `vips` and its repository. */
function atticSite() {
  const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10', zfsPools: { tank: { media: 'ssd' } } });
  const vps = host('vps', { arch: 'amd64', address: '192.168.60.250', publicAddress: '203.0.113.7' });
  const s = site('attic', {
    domain: 'attic.jaxlab.dev', hosts: [mini, vps], pools: { vips: { first: '192.168.60.200', last: '192.168.60.220' } },
    git: { url: 'https://github.com/attic-owner/attic.git' },
  });
  return Object.assign(s, { mini, vps });
}

/** The AdGuard Home login external-dns reads, made by hand. */
const adguardLogin = (key: string) => SecretReference.external('external-dns', 'adguard-login', key);

/** A ClusterIssuer `letsencrypt` of Let's Encrypt with `options` changed. */
const issuerWith = (options: Record<string, unknown>) => guarded((c: ClusterChart) => new ClusterIssuer(c, 'letsencrypt', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@jaxlab.dev', solvers: [http01Ingress('traefik')], ...options } as any),
}));

/** A Certificate `nas` in namespace `web` from that issuer, with `spec` added. */
const certificate = (spec: Record<string, unknown>) => guarded((c: ClusterChart) => {
  new ClusterIssuer(c, 'letsencrypt', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@jaxlab.dev', solvers: [http01Ingress('traefik')] }) });
  raw(c, 'nas-cert', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'nas', namespace: 'web' },
    spec: { secretName: 'nas-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, ...spec },
  });
});

/** kube-prometheus-stack on the GPU host with its Grafana admin made by hand; `more` adds to the cluster. */
const monitoring = (more: (c: ClusterChart) => void = () => undefined, options: Record<string, unknown> = {}) => guarded((c: ClusterChart) => {
  const stack = c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', ...options } as any));
  declareExternal(stack, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  more(c);
});

/** A ConfigMap `dashboards` the Grafana sidecar loads, holding `json` under `node.json`. */
const dashboard = (json: unknown) => monitoring((c) => raw(c, 'dashboards', {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboards', namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
  data: { 'node.json': JSON.stringify(json) },
}));

/** A PrometheusRule `lab` with one alerting rule whose `expr` is given. */
const alertRule = (expr: string, fields: Record<string, unknown> = {}) => monitoring((c) => raw(c, 'rules', {
  apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'lab', namespace: 'monitoring' },
  spec: { groups: [{ name: 'lab', rules: [{ alert: 'HostDown', expr, for: '5m', labels: { severity: 'critical' }, ...fields }] }] },
}));

/** A VolSync ReplicationSource `data` in namespace `web` with `spec` added, its claim and repository made by hand. */
const replicationSource = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  declareExternal(c, { claims: [{ namespace: 'web', name: 'data' }], secrets: [{ namespace: 'web', name: 'restic-config' }] });
  raw(c, 'backup', {
    apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'data', namespace: 'web' },
    spec: { sourcePVC: 'data', restic: { repository: 'restic-config', copyMethod: 'Clone', retain: { daily: 7 } }, ...spec },
  });
};

/** A ClusterSecretStore `vault` made by hand. */
const vaultStore = (c: ClusterChart) => declareExternal(c, { clusterSecretStores: ['vault'] });

export const CASES: BadInput[] = [
  // Secrets and the SOPS key.
  {
    name: 'an age private key pasted as Flux sopsSecretName',
    build: attic(() => ({ gitops: flux({ sopsSecretName: AGE_KEY }) })),
    layer: 'props', path: 'attic', field: 'gitops.sopsSecretName', message: /^(?!.*AGE-SECRET-KEY)(?!.*age-secret-key).*writes out a secret/i, hint: /^(?!.*age-secret-key)this is an age secret key.*name of the Secret/,
  },
  {
    name: 'a GitHub token pasted as Flux secretName',
    build: attic(() => ({ gitops: flux({ secretName: GITHUB_TOKEN }) })),
    layer: 'props', path: 'attic', field: 'gitops.secretName', message: /^(?!.*ghp)/, hint: /^(?!.*ghp)this is a GitHub access token/,
  },
  {
    name: 'an age private key pasted as Flux sopsKeyFile',
    build: attic(() => ({ gitops: flux({ sopsSecretName: 'sops-age', sopsKeyFile: AGE_KEY }) })),
    layer: 'props', path: 'attic', field: 'gitops.sopsKeyFile', message: /^(?!.*AGE-SECRET-KEY)sopsKeyFile is an age secret key/, hint: /'\.\/age\.key'/,
  },
  {
    name: 'an age recipient given as Flux sopsKeyFile',
    build: attic(() => ({ gitops: flux({ sopsSecretName: 'sops-age', sopsKeyFile: AGE_RECIPIENT }) })),
    layer: 'props', path: 'attic', field: 'gitops.sopsKeyFile', message: /age recipient/, hint: /\.sops\.yaml/,
  },
  {
    name: 'SecretReference.external with an empty key',
    build: monitoring((c) => declareExternal(c, { secrets: [{ namespace: 'monitoring', name: 'alertmanager-url' }] }), { alertReceiver: { kind: 'webhook', url: SecretReference.external('monitoring', 'alertmanager-url', '') } }),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.alertReceiver.url', message: /empty key/, hint: /'<key>'/,
  },
  {
    name: 'an ExternalSecret store kind written in lower case',
    build: guarded((c: ClusterChart) => {
      vaultStore(c);
      new ExternalSecret(c, 'db', { namespace: 'web', store: { name: 'vault', kind: 'clustersecretstore' as any }, data: { password: { remoteKey: 'lab/db' } } });
    }),
    layer: 'props', path: 'db', field: 'store.kind', hint: /'ClusterSecretStore'/,
  },

  // GitOps engines.
  {
    name: 'a Flux interval in words',
    build: attic(() => ({ gitops: flux({ interval: '1 day' }) })),
    layer: 'props', path: 'attic', field: 'gitops.interval', hint: /interval: '24h'/,
  },
  {
    name: 'a Flux interval in hours as a shell habit',
    build: attic(() => ({ gitops: flux({ interval: '24hrs' }) })),
    layer: 'props', path: 'attic', field: 'gitops.interval', hint: /interval: '24h'/,
  },
  {
    name: 'a Flux notification provider written with a capital',
    build: attic(() => ({ gitops: flux({ notifications: { provider: 'Slack' as any, address: SecretReference.external('flux-system', 'flux-slack', 'address') } }) })),
    layer: 'props', path: 'attic', field: 'gitops.notifications.provider', hint: /'slack'/,
  },

  // DNS.
  {
    name: 'an AdGuard Home URL with its login written into it',
    build: attic((s) => ({ dns: { publicTarget: s.vps, adguard: { url: 'http://admin:hunter22@adguard.attic.jaxlab.dev:3000', username: adguardLogin('username'), password: adguardLogin('password') } } })),
    layer: 'props', path: 'attic', field: 'dns.adguard.url', message: /^(?!.*hunter22)/, hint: /^(?!.*hunter22).*url: 'http:\/\/adguard\.attic\.jaxlab\.dev:3000'/,
  },

  // Certificates and ACME.
  {
    name: "an ACME issuer given Let's Encrypt's host without /directory",
    build: issuerWith({ server: 'https://acme-v02.api.letsencrypt.org' }),
    layer: 'props', path: 'letsencrypt', field: 'issuer.server', hint: /LETSENCRYPT_PRODUCTION/,
  },
  {
    name: "an ACME issuer given Let's Encrypt staging's host without /directory",
    build: issuerWith({ server: 'https://acme-staging-v02.api.letsencrypt.org/' }),
    layer: 'props', path: 'letsencrypt', field: 'issuer.server', hint: /LETSENCRYPT_STAGING/,
  },
  {
    name: "an ACME issuer given Let's Encrypt's retired ACME v1",
    build: issuerWith({ server: 'https://acme-v01.api.letsencrypt.org/directory' }),
    layer: 'props', path: 'letsencrypt', field: 'issuer.server', message: /ACME v1/, hint: /LETSENCRYPT_PRODUCTION/,
  },
  {
    name: 'an ACME issuer given a word for its server',
    build: issuerWith({ server: 'production' }),
    layer: 'props', path: 'letsencrypt', field: 'issuer.server', hint: /LETSENCRYPT_PRODUCTION/,
  },
  {
    name: 'an ACME account e-mail at localhost',
    build: issuerWith({ email: 'admin@localhost' }),
    layer: 'props', path: 'letsencrypt', field: 'issuer.email',
  },
  {
    name: 'a wildcard certificate for an IP address',
    build: guarded((c: ClusterChart) => {
      new ClusterIssuer(c, 'letsencrypt', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@jaxlab.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token') })] }) });
      new WildcardCertificate(c, 'wildcard', { issuer: 'letsencrypt', domain: '10.0.8.10' });
    }),
    layer: 'props', path: 'wildcard', field: 'domain', message: /IP address/, hint: /ipAddresses: \['10\.0\.8\.10'\]/,
  },
  {
    name: 'a Certificate with an IP address among its dnsNames',
    build: certificate({ dnsNames: ['10.0.0.5'] }),
    layer: 'schema', path: 'nas-cert', field: 'spec.dnsNames[0]', hint: /ipAddresses: \['10\.0\.0\.5'\]/,
  },
  {
    name: 'a Certificate dnsName with the root dot',
    build: certificate({ dnsNames: ['nas.lab.test.'] }),
    layer: 'schema', path: 'nas-cert', field: 'spec.dnsNames[0]', hint: /'nas\.lab\.test'/,
  },
  {
    name: "a Certificate of a LAN address from Let's Encrypt",
    build: certificate({ ipAddresses: ['10.0.0.5'] }),
    layer: 'references', path: 'nas-cert', field: 'spec.ipAddresses[0]', message: /address of the LAN/, hint: /caIssuer/,
  },

  // Monitoring and alerting.
  {
    name: 'a PrometheusRule comparing with a single =',
    build: alertRule('up = 0'),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /up == 0/,
  },
  {
    name: 'a PrometheusRule joining conditions with &&',
    build: alertRule('up == 0 && time() > 0'),
    layer: 'schema', path: 'rules', field: 'spec.groups[0].rules[0].expr', message: /"&&".*and/,
  },
  {
    name: 'a Prometheus retention below zero',
    build: monitoring(() => undefined, { retention: '-1d' }),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retention',
  },
  {
    name: "a Grafana dashboard exported from the HTTP API, under its key 'dashboard'",
    build: dashboard({ dashboard: { title: 'Node', uid: 'node', panels: [] }, meta: { slug: 'node' } }),
    layer: 'references', path: 'dashboards', field: 'data.node.json', message: /under "dashboard"/, hint: /exported\.dashboard/,
  },
  {
    name: 'a Grafana dashboard file holding a list of dashboards',
    build: dashboard([{ title: 'Node', panels: [] }, { title: 'Disks', panels: [] }]),
    layer: 'references', path: 'dashboards', field: 'data.node.json', message: /list of 2 dashboards/, hint: /'node-2\.json'/,
  },
  {
    name: 'a Grafana dashboard without a title',
    build: dashboard({ uid: 'node', panels: [] }),
    layer: 'references', path: 'dashboards', field: 'data.node.json', message: /without a title/,
  },

  // Backups.
  {
    name: 'a VolSync backup schedule in words',
    build: replicationSource({ trigger: { schedule: 'every night' } }),
    layer: 'schema', path: 'backup', field: 'spec.trigger.schedule',
  },
  {
    name: "a VolumeSnapshotClass deletionPolicy that is no policy",
    build: (c) => raw(c, 'snapshots', { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'zfs' }, driver: 'zfs.csi.openebs.io', deletionPolicy: 'Remove' }),
    layer: 'schema', path: 'snapshots', field: 'deletionPolicy',
  },
];
