import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, App, cilium, ciliumLoadBalancer, ClusterChart, ExternalSecret, ClusterIssuer, cloudflareDns01, declareExternal, existingStorageClass, flux, host, hostPlacement, http01Ingress, k3s,
  kubePrometheusStack, LETSENCRYPT_PRODUCTION, metalLb, rolePlacement, SealedSecret, SecretReference, site, Tenant, traefik, WildcardCertificate,
} from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A home lab written from the README alone, by someone who has just found the library: one mini PC on a
// home LAN, its site, its cluster and the platform the cluster asks for, each mistake as a newcomer makes
// it, often in untyped JavaScript (`as any`).

/** The mini PC's facts, changed by `facts`. */
const miniFacts = (facts: Record<string, unknown> = {}) => ({
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.10', zfsPools: { tank: { media: 'ssd' } }, ...facts,
});

/**
 * The site `den` with the mini PC `mini` (its `facts` changed), and its cluster `den` with `cluster` over a
 * setup that passes; `more` adds to the cluster.
 */
function den(cluster: (s: ReturnType<typeof denSite>) => Partial<ClusterChartProps> = () => ({}), more: (c: ClusterChart) => void = () => undefined, facts: Record<string, unknown> = {}) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const s = denSite(facts);
    const chart = new ClusterChart(app, 'den', {
      site: s, hosts: [s.mini], routes: traefik({ address: s.pools.vips.at('192.168.50.200') }), loadBalancer: metalLb({ pools: [s.pools.vips] }),
      storage: { fast: s.mini.zfs.tank }, gitops: flux(), ...cluster(s),
    });
    more(chart);
  });
}

/** The site `den` of the mini PC, with its pool `vips` and its repository. */
function denSite(facts: Record<string, unknown> = {}) {
  const mini = host('mini', miniFacts(facts) as Parameters<typeof host<'tank'>>[1]);
  const s = site('den', {
    domain: 'den.jaxlab.dev', hosts: [mini], pools: { vips: { first: '192.168.50.200', last: '192.168.50.220' } },
    git: { url: 'https://github.com/den-owner/den.git' },
  });
  return Object.assign(s, { mini });
}

/** The Cloudflare token cert-manager reads, made by hand. */
const CLOUDFLARE_TOKEN = SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token');

/** A ClusterIssuer `letsencrypt` of Let's Encrypt with `solvers` as given. */
const issuerWith = (solvers: unknown) => (c: ClusterChart) => new ClusterIssuer(c, 'letsencrypt', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@jaxlab.dev', solvers } as any),
});

/** kube-prometheus-stack on the mini PC with `options` added, its Grafana admin made by hand. */
const monitoring = (options: Record<string, unknown>) => (c: ClusterChart) => {
  const stack = c.platform.require(kubePrometheusStack({ placement: hostPlacement(c.hosts[0]), grafanaAdminSecret: 'grafana-admin', ...options } as any));
  declareExternal(stack, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
};

/** A SealedSecret `db` in namespace `web` given `props` as a plain Secret would hold them. */
const sealedAsSecret = (props: Record<string, unknown>) => (c: ClusterChart) => new SealedSecret(c, 'db', { namespace: 'web', ...props } as any);

export const CASES: BadInput[] = [
  {
    name: 'an ACME issuer given its one solver without the list around it',
    build: den(() => ({}), issuerWith(cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN }))),
    layer: 'props', path: 'letsencrypt', field: 'issuer.solvers', message: /one solver, not a list/, hint: /solvers: \[cloudflareDns01/,
  },
  {
    name: 'an ACME issuer given its solvers keyed by a name of its own',
    build: den(() => ({}), issuerWith({ dns: cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN }), web: http01Ingress('traefik') })),
    layer: 'props', path: 'letsencrypt', field: 'issuer.solvers', message: /solvers by name \(dns, web\)/, hint: /solvers: \[cloudflareDns01\(\{ apiToken \}\), http01Ingress/,
  },
  {
    name: 'a tenant quota with its requests and limits swapped',
    build: den(() => ({}), (c) => new Tenant(c, 'alice', { namespace: 'alice', owner: 'alice', quota: { requestsMemory: '8Gi', limitsMemory: '4Gi', pods: 10 } })),
    layer: 'props', path: 'alice', field: 'quota.requestsMemory', hint: /requestsMemory: '4Gi', limitsMemory: '8Gi'/,
  },
  {
    name: 'an existing StorageClass given its one access mode as text',
    build: den(() => ({ storage: { fast: existingStorageClass('longhorn', 'ReadWriteMany' as any) } })),
    layer: 'props', path: 'den', field: 'storage.fast.accessModes', hint: /\['ReadWriteMany'\]/,
  },
  {
    name: 'a K3s join URL without the API port',
    build: den(() => ({ preinstalled: [k3s({ serverUrl: 'https://192.168.50.10' })] })),
    layer: 'props', path: 'den', field: 'preinstalled[0].serverUrl', message: /port 443/, hint: /https:\/\/192\.168\.50\.10:6443/,
  },
  {
    name: 'a SealedSecret given the values of a Secret under stringData',
    build: den(() => ({}), sealedAsSecret({ stringData: { password: 'hunter2' } })),
    layer: 'props', path: 'db', field: 'stringData', hint: /encryptedData: \{ <key>: 'AgB…' \}.*kubeseal --raw/,
  },
  {
    name: 'a SealedSecret given the base64 values of a Secret under data',
    build: den(() => ({}), sealedAsSecret({ data: { password: 'aHVudGVyMg==' } })),
    layer: 'props', path: 'db', field: 'data', hint: /committed in the clear/,
  },
  {
    name: 'MetalLB given the address range of its own IPAddressPool',
    build: den(() => ({ loadBalancer: metalLb({ addresses: ['192.168.50.200-192.168.50.220'] } as any) })),
    layer: 'props', path: 'den', field: 'loadBalancer.addresses', hint: /pools: \{ vips: \{ first, last \} \}/,
  },
  {
    name: "Cilium's load balancer given an empty list of pools",
    build: den(() => ({ cni: cilium({ kubeProxyReplacement: false }), loadBalancer: ciliumLoadBalancer({ pools: [] }) })),
    layer: 'props', path: 'den', field: 'loadBalancer.pools', hint: /ciliumLoadBalancer\(\{ pools: \[site\.pools\.vips\] \}\)/,
  },
  {
    name: 'a design choice written as one sentence without its list',
    build: den(() => ({ designChoices: 'no backups yet: the NAS is still on order' } as any)),
    layer: 'props', path: 'den', field: 'designChoices', hint: /\['no backups yet: the NAS is still on order'\]/,
  },
  {
    name: "the node-port range as the API server's flag writes it",
    build: den(() => ({ nodePortRange: '30000-32767' } as any)),
    layer: 'props', path: 'den', field: 'nodePortRange', hint: /nodePortRange: \{ first: 30000, last: 32767 \}/,
  },
  {
    name: "K3s' node-port range as its server flag writes it",
    build: den(() => ({ preinstalled: [k3s({ serviceNodePortRange: '30000-32767' } as any)] })),
    layer: 'props', path: 'den', field: 'preinstalled[0].serviceNodePortRange', hint: /serviceNodePortRange: \{ first: 30000, last: 32767 \}/,
  },
  {
    name: 'a Secret made by hand declared as kubectl names it, namespace/name',
    build: den(() => ({}), (c) => declareExternal(c, { secrets: ['web/db-credentials'] } as any)),
    layer: 'props', path: 'den', field: 'declareExternal.secrets[0]', hint: /\{ namespace: 'web', name: 'db-credentials' \}/,
  },
  {
    name: 'two storage tiers on pools of one name on two hosts',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      // The usual zpool name on every machine: an SSD pool on the mini PC, a disk pool on the NAS box.
      const mini = host('mini', miniFacts() as Parameters<typeof host<'tank'>>[1]);
      const nas = host('nas', { arch: 'amd64', roles: ['worker'], address: '192.168.50.11', zfsPools: { tank: { media: 'hdd' } } });
      const s = site('den', { domain: 'den.jaxlab.dev', hosts: [mini, nas], git: { url: 'https://github.com/den-owner/den.git' } });
      new ClusterChart(app, 'den', { site: s, hosts: [mini, nas], routes: traefik({ nodePorts: true }), storage: { fast: mini.zfs.tank, bulk: nas.zfs.tank }, gitops: flux() });
    }),
    layer: 'inventory', path: 'den', field: 'storage.bulk', message: /both would be StorageClass zfs-tank/, hint: /zpool import tank <new name> on nas/,
  },
  {
    name: 'the monitoring stack placed on a host by its name',
    build: den(() => ({}), monitoring({ placement: hostPlacement('mini' as any) })),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.placement', message: /hostPlacement\(\) was given "mini"/, hint: /hostPlacement\(mini\)/,
  },
  {
    name: 'the monitoring stack placed by role among the cluster instead of its hosts',
    build: den(() => ({}), (c) => monitoring({ placement: rolePlacement(c as any, 'monitoring') })(c)),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.placement', hint: /rolePlacement\(cluster\.hosts, 'monitoring'\)/,
  },
  {
    name: "Flux's source-controller placed on a host by its name",
    build: den(() => ({ gitops: flux({ controllerPlacement: { 'source-controller': hostPlacement('mini' as any) } }) })),
    layer: 'props', path: 'den', field: 'gitops.controllerPlacement.source-controller', hint: /hostPlacement\(mini\)/,
  },
  {
    name: "an App placed with a component's hostPlacement of a host's name",
    build: den(() => ({}), (c) => new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: hostPlacement('mini' as any) } as any)),
    layer: 'props', path: 'web', field: 'placement', hint: /placement: \{ host: <host> \}/,
  },
  {
    name: 'an ExternalSecret key that names only the field of its item',
    build: den(() => ({}), (c) => {
      declareExternal(c, { clusterSecretStores: ['onepassword'] });
      new ExternalSecret(c, 'api', { namespace: 'web', store: { name: 'onepassword' }, data: { token: { property: 'credential' } } } as any);
    }),
    layer: 'props', path: 'api', field: 'data.token.remoteKey', hint: /remoteKey: 'db\/password'/,
  },
  {
    name: 'an ExternalSecret whose store is named nowhere',
    build: den(() => ({}), (c) => new ExternalSecret(c, 'api', { namespace: 'web', store: {}, data: { token: { remoteKey: 'api/token' } } } as any)),
    layer: 'props', path: 'api', field: 'store.name',
  },
  {
    name: 'an ExternalSecret key given the path in the store alone',
    build: den(() => ({}), (c) => {
      declareExternal(c, { clusterSecretStores: ['onepassword'] });
      new ExternalSecret(c, 'api', { namespace: 'web', store: { name: 'onepassword' }, data: { host: 'api/host' } } as any);
    }),
    layer: 'props', path: 'api', field: 'data.host', hint: /host: \{ remoteKey: 'api\/host' \}/,
  },
  {
    name: "a wildcard certificate naming its issuer as cert-manager's issuerRef does",
    build: den(() => ({}), (c) => {
      issuerWith([cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN })])(c);
      new WildcardCertificate(c, 'wildcard', { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } as any);
    }),
    layer: 'props', path: 'wildcard', field: 'issuer', hint: /issuer: 'letsencrypt'/,
  },
  {
    name: 'a taint effect one letter short',
    build: den(() => ({}), () => undefined, { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedul' }] }),
    layer: 'inventory', path: 'inventory/host/mini', field: 'taints[0].effect', hint: /did you mean effect: 'NoSchedule'/,
  },
  {
    name: "Grafana's admin Secret given as a key of it",
    build: den(() => ({}), monitoring({ grafanaAdminSecret: SecretReference.external('monitoring', 'grafana-admin', 'admin-password') })),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.grafanaAdminSecret',
    message: /a reference to key admin-password of Secret monitoring\/grafana-admin/, hint: /grafanaAdminSecret: 'grafana-admin'/,
  },
  {
    name: 'a wildcard certificate naming its ClusterIssuer with two letters swapped',
    build: den(() => ({}), (c) => {
      issuerWith([cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN })])(c);
      new WildcardCertificate(c, 'wildcard', { issuer: 'letsencrpyt' });
    }),
    layer: 'references', path: 'wildcard', field: 'issuer', hint: /did you mean "letsencrypt"/,
  },
];
