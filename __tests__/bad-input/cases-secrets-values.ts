import { App as CdkApp } from 'cdk8s';
import { ChartRelease, ClusterChart, host, servesPorts, site } from '../../constructs';
import type { BadInput } from './cases';
import { labCluster, raw } from './lab';

// Secrets and values that reached dist/ through the site's Git URL, Helm values and hand-written objects,
// and site compositions nothing compared.

/** A cluster `edge` of a site of its own, `name`, whose one host is made for it; `git` is its Git URL. */
function siteCluster(app: CdkApp, name: string, git = `https://git.${name.toLowerCase()}.test/lab.git`): ClusterChart {
  const node = host(`${name.toLowerCase()}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.1' });
  const own = site(name, { domain: `${name.toLowerCase()}.test`, hosts: [node], git: { url: git } });
  return labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {} });
}

/** A ChartRelease `wiki` in namespace `web`; props override. */
const wiki = (props: Partial<ConstructorParameters<typeof ChartRelease>[2]>) => (cluster: ClusterChart) =>
  new ChartRelease(cluster, 'wiki', { namespace: 'web', chart: { repository: 'https://charts.example.com', chart: 'wiki', version: '1.2.3' }, network: servesPorts({ port: 8080, purpose: 'web' }), ...props });

const SOPS_METADATA = { mac: 'ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]', age: [{ recipient: 'age1x', enc: '---' }], lastmodified: '2024-01-01T00:00:00Z', version: '3.9.0' };

export const CASES: BadInput[] = [
  // The site's Git URL is written into the GitOps objects and the README.
  { name: "a site's Git URL with its password", build: (_c, app) => siteCluster(app, 'cred-pw', 'https://me:hunter2@git.example.com/me/lab.git'), layer: 'inventory', path: 'inventory/site/cred-pw', field: 'git.url', hint: /secretName/ },
  { name: "a site's Git URL with a token as its user", build: (_c, app) => siteCluster(app, 'cred-token', 'https://ghp_0123456789abcdefABCDEF0123456789abcd@github.com/me/lab.git'), layer: 'inventory', path: 'inventory/site/cred-token', field: 'git.url' },
  { name: "a site's SSH Git URL with a password", build: (_c, app) => siteCluster(app, 'cred-ssh', 'ssh://git:s3cr3t@git.example.com/me/lab.git'), layer: 'inventory', path: 'inventory/site/cred-ssh', field: 'git.url' },
  // Helm values are committed in the clear.
  { name: 'a password in Helm values', build: wiki({ values: { admin: { password: 'hunter2' } } }), layer: 'policy', path: 'wiki', field: 'values.admin.password' },
  { name: 'a URL with its password in Helm values', build: wiki({ values: { databaseUrl: 'postgres://u:hunter2@db/x' } }), layer: 'policy', path: 'wiki', field: 'values.databaseUrl' },
  { name: 'a camel-case secret key in Helm values', build: wiki({ values: { oidc: { clientSecret: 'Zx81kQ0pL2' } } }), layer: 'policy', path: 'wiki', field: 'values.oidc.clientSecret' },
  { name: 'a literal env entry with a secret name in Helm values', build: wiki({ values: { extraEnv: [{ name: 'API_TOKEN', value: 'abc123' }] } }), layer: 'policy', path: 'wiki', field: 'values.extraEnv[0].value' },
  // Values a manifest cannot carry.
  { name: 'Infinity in Helm values', build: wiki({ values: { big: Infinity } }), layer: 'props', path: 'wiki', field: 'values.big' },
  { name: 'NaN in Helm values', build: wiki({ values: { ratios: [0.5, NaN] } }), layer: 'props', path: 'wiki', field: 'values.ratios[1]' },
  { name: 'a BigInt in Helm values', build: wiki({ values: { b: 10n } }), layer: 'props', path: 'wiki', field: 'values.b' },
  { name: 'a function in Helm values', build: wiki({ values: { f: () => 1 } }), layer: 'props', path: 'wiki', field: 'values.f' },
  { name: 'a BigInt in a hand-written object', build: (c) => raw(c, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'web' }, data: { a: 10n } }), layer: 'props', path: 'x', field: 'data.a' },
  { name: 'a Symbol in a hand-written object', build: (c) => raw(c, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'web' }, data: { a: Symbol('a') } }), layer: 'props', path: 'x', field: 'data.a' },
  // Ordering and decryption.
  { name: 'a misspelt dependsOn of a ChartRelease', build: wiki({ dependsOn: ['treafik'] }), layer: 'references', path: 'wiki', field: 'dependsOn[0]', hint: /traefik/ },
  {
    name: 'a hand-written SOPS Secret on a cluster whose Flux does not decrypt',
    build: (c) => raw(c, 'x', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'web' },
      data: { password: 'ENC[AES256_GCM,data:abc=,iv:xyz=,tag:q==,type:str]' }, sops: SOPS_METADATA,
    }),
    layer: 'references', path: 'x', field: 'sops',
  },
  // Site composition.
  {
    name: 'one host in two sites',
    build: (_c, app) => {
      const [own, twice] = [host('ts-own', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.1.1' }), host('ts-twice', { arch: 'arm64', address: '10.5.1.2' })];
      site('ts-first', { domain: 'first.test', hosts: [twice] });
      const second = site('ts-second', { domain: 'second.test', hosts: [own, twice], git: { url: 'https://git.second.test/lab.git' } });
      labCluster(app, 'edge', { site: second, hosts: [own, twice], loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'inventory/site/ts-second', field: 'hosts[1]',
  },
  { name: 'a site name that is no DNS label', build: (_c, app) => siteCluster(app, 'Home'), layer: 'inventory', path: 'inventory/site/Home', field: 'name' },
];
