import * as homelab from '../../constructs';
import {
  acmeIssuer, App, AppController, ClusterChart, ClusterIssuer, cloudflareDns01, gatewayApi, http01Ingress, Knative,
  LETSENCRYPT_STAGING, SecretReference, ServiceRoute, WildcardCertificate,
} from '../../constructs';
import type { AcmeIssuerProps, ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// Options of the platform and service constructs as a new user wrote them: each synthesized before (or
// failed on something else) though the output could not work.

const token = SecretReference.external('cert-manager', 'cloudflare', 'api-token');
const issuerWith = (props: Partial<AcmeIssuerProps>) => guarded((cluster: ClusterChart) => new ClusterIssuer(cluster, 'issuer', {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: token })], ...props }),
}));
const certificateFor = (domain: string) => guarded((cluster: ClusterChart) => {
  new ClusterIssuer(cluster, 'issuer', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: token })] }) });
  new WildcardCertificate(cluster, 'certificate', { issuer: 'letsencrypt', domain });
});
/** A cluster of the lab routing through a Gateway of class `gatewayClassName`; props override. */
const gatewayCluster = (app: homelab.App | any, props: Parameters<typeof gatewayApi>[0], extra: Partial<ClusterChartProps> = {}) =>
  labCluster(app, 'gw', { routes: gatewayApi({ address: lab.pools.vips.at('10.0.8.10'), ...props }), ...extra });
const webApp = (cluster: ClusterChart, props: Record<string, unknown> = {}) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
const postgres = (cluster: ClusterChart, claimNamespaces?: string[]) =>
  new homelab.CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', claimNamespaces });
const claimProps = { dbName: 'app', dbUser: 'app' };

export const CASES: BadInput[] = [
  // 1. WildcardCertificate's domain
  { name: 'a wildcard certificate for a domain written with its *.', build: certificateFor('*.lab.example.com'), layer: 'props', path: 'certificate', field: 'domain' },
  { name: 'a wildcard certificate for a domain written as a URL', build: certificateFor('https://lab.example.com'), layer: 'props', path: 'certificate', field: 'domain' },
  {
    name: 'a wildcard certificate read in another namespace without a copy there',
    build: guarded((cluster: ClusterChart) => {
      new ClusterIssuer(cluster, 'issuer', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: token })] }) });
      new WildcardCertificate(cluster, 'certificate', { issuer: 'letsencrypt', replicate: false }).useIn('web');
    }),
    layer: 'references', path: 'certificate', field: 'replicate',
  },
  {
    name: 'a CA issuer whose key pair Secret nothing makes',
    build: guarded((cluster: ClusterChart) => new ClusterIssuer(cluster, 'issuer', { name: 'lab-ca', issuer: { spec: { ca: { secretName: 'lab-root-ca' } } } })),
    layer: 'references', path: 'issuer', field: 'issuer.spec.ca.secretName',
  },
  // 2. acmeIssuer's options
  { name: 'an ACME server given by name, not URL', build: issuerWith({ server: 'letsencrypt' }), layer: 'props', path: 'issuer', field: 'issuer.server' },
  { name: 'an ACME account e-mail without @', build: issuerWith({ email: 'ops.lab.test' }), layer: 'props', path: 'issuer', field: 'issuer.email' },
  { name: 'an ACME issuer without solvers', build: issuerWith({ solvers: [] }), layer: 'props', path: 'issuer', field: 'issuer.solvers' },
  { name: 'an ACME account key Secret name in capitals', build: issuerWith({ accountKeySecretName: 'LetsEncrypt_Key' }), layer: 'props', path: 'issuer', field: 'issuer.accountKeySecretName' },
  // 3. solver selection
  {
    name: 'a wildcard name whose DNS-01 solver is selected for another zone',
    build: (cluster) => {
      new ClusterIssuer(cluster, 'issuer', {
        name: 'letsencrypt',
        issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [cloudflareDns01({ apiToken: token, dnsZones: ['other.org'] }), http01Ingress('traefik')] }),
      });
      new WildcardCertificate(cluster, 'certificate', { issuer: 'letsencrypt', domain: 'lab.example.com' });
    },
    layer: 'references', path: 'certificate/certificate-wildcard-lab-example-com-tls', field: 'spec.dnsNames',
  },
  {
    name: 'an HTTP-01 solver through an IngressClass no route of the cluster serves',
    build: (cluster) => new ClusterIssuer(cluster, 'issuer', {
      name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [http01Ingress('nginx')] }),
    }),
    layer: 'references', path: 'issuer', field: 'issuer.solvers[0]',
  },
  // 4. routeNamespaces of the Gateway
  {
    name: 'an app route in a namespace the Gateway listeners do not admit',
    build: (_c, app) => webApp(gatewayCluster(app, { gatewayClassName: 'cilium', routeNamespaces: ['other'] }), { route: { host: 'web' } }),
    layer: 'references', path: 'web/route', field: 'spec.parentRefs[0].namespace',
  },
  {
    name: 'a * among the Gateway route namespaces',
    build: guarded((_c, app) => gatewayCluster(app, { gatewayClassName: 'cilium', routeNamespaces: ['*'] })),
    layer: 'props', path: 'gw', field: 'routes.routeNamespaces[0]',
  },
  {
    name: 'a Gateway told both to answer plain HTTP and to redirect it to HTTPS',
    build: guarded((_c, app) => gatewayCluster(app, { gatewayClassName: 'cilium', servePlainHttp: true, redirectPlainHttp: true })),
    layer: 'props', path: 'gw', field: 'routes.redirectPlainHttp', hint: /servePlainHttp/,
  },
  // 5. Knative on a Gateway of another class
  {
    name: 'Knative on an Envoy Gateway without the name of its Service',
    build: guarded((_c, app) => new Knative(gatewayCluster(app, { gatewayClassName: 'envoy-gateway' }), 'knative')),
    layer: 'props', path: 'knative', field: 'gatewayServiceName',
  },
  {
    name: 'Knative on an Envoy Gateway with the name of its Service, but no Gateway for traffic inside the cluster',
    build: guarded((_c, app) => new Knative(gatewayCluster(app, { gatewayClassName: 'envoy-gateway' }), 'knative', { gatewayServiceName: 'envoy-gw' })),
    layer: 'props', path: 'knative', field: 'localGateway', hint: /localGateway: \{ namespace, gatewayName, serviceName \}/,
  },
  {
    name: "Knative's local Gateway on Cilium beside kube-proxy, which opens its NodePorts to the LAN",
    build: guarded((_c, app) => new Knative(gatewayCluster(app, { gatewayClassName: 'cilium' }, { cni: homelab.cilium({ kubeProxyReplacement: false }) }), 'knative')),
    layer: 'references', path: 'knative', field: 'localGateway', hint: /kubeProxyReplacement: true/,
  },
  // 6. the Gateway's certificate
  {
    name: 'a Gateway without its certificate says how to make one',
    gatewayCluster: true, build: () => undefined,
    layer: 'references', path: 'gateway', field: /certificateRefs\[0\]/, hint: /new WildcardCertificate\(this, 'gateway-certificate', \{ issuer: .*namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false \}\)/,
  },
  // 7. ServiceRoute's path
  {
    name: 'a ServiceRoute path without its leading slash',
    build: guarded((cluster) => new ServiceRoute(cluster, 'dashboard', { host: 'dash', namespace: 'web', serviceName: 'dash', port: 80, path: 'dash' })),
    layer: 'props', path: 'dashboard', field: 'path',
  },
  {
    name: 'a ServiceRoute to a Service named as no Service can be',
    build: guarded((cluster) => new ServiceRoute(cluster, 'grafana', { host: 'grafana', namespace: 'web', serviceName: 'Grafana_UI', port: 80 })),
    layer: 'props', path: 'grafana', field: 'serviceName',
  },
  {
    name: 'a CrossplanePostgres API group that is no domain',
    build: guarded((cluster) => new homelab.CrossplanePostgres(cluster, 'pg', { group: 'database', storageTier: 'local' })),
    layer: 'props', path: 'pg', field: 'group',
  },
  // 8. static NFS volume and NFS exports
  {
    name: 'a static NFS claim larger than its volume',
    build: guarded((cluster) => new homelab.StaticNfsVolume(cluster, 'media', { export: lab.nfs.share, capacity: '100Gi', claim: { name: 'media', namespace: 'web', size: '500Gi' } })),
    layer: 'props', path: 'media', field: 'claim.size',
  },
  {
    name: 'an NFS export whose server carries the path',
    build: (_c, app) => labCluster(app, 'nfs', { site: homelab.site('nfs-path', { domain: 'np.test', hosts: [], nfs: { media: { server: 'nas.lab:/export/media', path: '/export/media' } } }), hosts: [] } as any),
    layer: 'inventory', path: 'inventory/site/nfs-path/nfs/media', field: 'server',
  },
  {
    name: 'an NFS export whose server is a URL',
    build: (_c, app) => labCluster(app, 'nfs', { site: homelab.site('nfs-url', { domain: 'nu.test', hosts: [], nfs: { media: { server: 'nfs://nas.lab', path: '/export/media' } } }), hosts: [] } as any),
    layer: 'inventory', path: 'inventory/site/nfs-url/nfs/media', field: 'server',
  },
  // 9. CrossplanePostgres
  {
    name: 'a Postgres claim size in gigabytes with a B',
    build: guarded((cluster) => postgres(cluster).claim(cluster, 'db', { namespace: 'web', ...claimProps, dbSize: '10GB', password: SecretReference.external('web', 'db', 'password') })),
    layer: 'props', path: 'db', field: 'dbSize',
  },
  {
    name: 'a Postgres claim in a namespace provider-kubernetes has no rights in',
    build: guarded((cluster) => postgres(cluster, ['apps']).claim(cluster, 'db', { namespace: 'web', ...claimProps, password: SecretReference.external('web', 'db', 'password') })),
    layer: 'references', path: 'db', field: 'namespace',
  },
  // 10. addresses of Vault and AdGuard Home
  {
    name: 'a Vault server without its scheme',
    build: guarded((cluster) => new homelab.VaultClusterSecretStore(cluster, 'vault', { name: 'bao', server: 'bao.example.org:8200', role: 'lab' })),
    layer: 'props', path: 'vault', field: 'server',
  },
  {
    name: 'a Vault KV mount path with a leading slash',
    build: guarded((cluster) => new homelab.VaultClusterSecretStore(cluster, 'vault', { name: 'bao', server: 'https://bao.example.org', path: '/secret', role: 'lab' })),
    layer: 'props', path: 'vault', field: 'path',
  },
  {
    name: 'an AdGuard Home URL without its scheme',
    build: guarded((_c, app) => labCluster(app, 'dns', {
      dns: {
        publicTarget: homelab.host('vps', { address: '10.0.0.9', arch: 'amd64' }) as any,
        adguard: { url: 'adguard.lab', username: SecretReference.external('external-dns', 'adguard', 'username'), password: SecretReference.external('external-dns', 'adguard', 'password') },
      },
    })),
    layer: 'props', path: 'dns', field: 'dns.adguard.url',
  },
  // 11. Ollama
  { name: 'an Ollama version with a v', build: guarded((c) => new homelab.Ollama(c, 'ollama', { version: 'v0.5.7' })), layer: 'props', path: 'ollama', field: 'version' },
  { name: 'an Ollama keep-alive in words', build: guarded((c) => new homelab.Ollama(c, 'ollama', { keepAlive: '30 minutes' })), layer: 'props', path: 'ollama', field: 'keepAlive' },
  { name: 'an Ollama accelerator Ollama does not build for', build: guarded((c) => new homelab.Ollama(c, 'ollama', { accelerator: 'intel' as any })), layer: 'props', path: 'ollama', field: 'accelerator' },
  // 12. GPUs without device plugins
  {
    name: 'a GPU asked of a cluster without device plugins',
    build: (_c, app) => webApp(labCluster(app, 'bare', { gpuDevicePlugins: false }), { gpu: { vendor: 'nvidia' } }),
    layer: 'references', path: 'web', field: 'gpu',
  },
  // 13. what a value is instead of what it is not
  {
    name: 'a Forgejo database password given as a string',
    build: guarded((c) => new homelab.Forgejo(c, 'forgejo', { database: homelab.ForgejoDatabase.postgres({ host: 'pg.web.svc', password: 'hunter2' as any }) } as any)),
    layer: 'props', path: 'forgejo', field: 'database.postgres.password',
  },
  {
    name: 'a nodePort on a Knative Service',
    build: guarded((_c, app) => {
      const cluster = gatewayCluster(app, { gatewayClassName: 'cilium' });
      new Knative(cluster, 'knative');
      webApp(cluster, { controller: AppController.knative(), ports: [{ name: 'http', port: 8080, nodePort: 30080 }] });
    }),
    layer: 'props', path: 'web', field: 'ports[0].nodePort',
  },
];
