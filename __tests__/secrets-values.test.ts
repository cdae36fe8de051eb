import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { ChartRelease, ClusterChart, argoCd, host, SecretReference, servesPorts, site, synthesize, traefik } from '../constructs';
import { chartValuesProblems } from '../constructs/platform/chart-values';
import { labCluster } from './bad-input/lab';

const errorsOf = (app: CdkApp) => synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-secrets-')), write: false })
  .findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);

/** A cluster `edge` of a site `name` of its own; `gitops` overrides Flux. */
let hosts = 0;
function siteCluster(app: CdkApp, name: string, url: string, props: Partial<ConstructorParameters<typeof ClusterChart>[2]> = {}): ClusterChart {
  const node = host(`sv-node-${++hosts}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.1' });
  const own = site(name, { domain: 'sv.test', hosts: [node], git: { url } });
  return labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {}, ...props });
}

const argoWithKey = () => argoCd({ repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'repo', 'sshPrivateKey') } });

describe("a site's name that is no DNS label", () => {
  test.each(['Lab', 'home/lab', 'my lab', 'x'.repeat(70)])('%s is one error, the site\'s own, under Flux and Argo CD alike', (name) => {
    for (const gitops of [undefined, argoWithKey()]) {
      const app = new CdkApp();
      siteCluster(app, name, 'ssh://git@git.sv.test/lab.git', gitops ? { gitops } : {});
      expect(errorsOf(app)).toEqual([expect.stringMatching(/^inventory\/site\/.* name: site name /)]);
    }
  });
});

test.each([
  ['ok-ssh', 'ssh://git@github.com/me/lab.git', false], ['ok-https', 'https://github.com/me/lab.git', false],
  // Flux's GitRepository takes URLs with a scheme only; Argo CD takes the scp-like form too.
  ['ok-scp', 'git@github.com:me/lab.git', true],
])('a Git URL with no credential in it passes (%s: %s)', (name, url, argo) => {
  const app = new CdkApp();
  siteCluster(app, name, url, argo ? { gitops: argoWithKey() } : {});
  expect(errorsOf(app)).toEqual([]);
});

test('a Git URL with its password is one error, with Argo CD as with Flux', () => {
  const app = new CdkApp();
  siteCluster(app, 'argo-pw', 'https://me:hunter2@git.example.com/me/lab.git', { gitops: argoCd() });
  expect(errorsOf(app)).toEqual([expect.stringMatching(/^inventory\/site\/argo-pw git\.url: /)]);
});

test('Helm values that name Secrets, or hold no secret, pass', () => {
  // Shapes of the real sites' values and of common charts: keys that name a Secret or a key of one.
  expect(chartValuesProblems({
    existingSecret: 'grafana-admin', existingSecretAdminPassword: 'harbor-admin',
    admin: { existingSecret: 'grafana-admin', passwordKey: 'admin-password', userKey: 'admin-user' },
    auth: { passwordSecretName: 'db', tokenSecretRef: { name: 'api', key: 'token' }, secretKeys: { adminPasswordKey: 'admin-password' } },
    githubConfigSecret: 'github-runner',
    env: [{ name: 'CF_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare', key: 'api-token' } } }, { name: 'TZ', value: 'UTC' }],
    oauthSecretVolume: { secret: { secretName: 'operator-oauth', items: [{ key: 'client_secret', path: 'client_secret' }] } },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'registry' }],
    publicKey: 'ssh-ed25519 AAAA', password: '', token: '${TOKEN}', keyFile: '/etc/key', smtp: { password: '{{ .Values.smtpPassword }}' },
    externalURL: 'https://registry.lab.test', databaseUrl: 'postgres://app@db/app', replicas: 2, ratio: 0.5,
  })).toEqual([]);
});

test('a ChartRelease depending on a component the cluster has renders the dependency', () => {
  const app = new CdkApp();
  const release = new ChartRelease(labCluster(app), 'wiki', {
    namespace: 'web', chart: { repository: 'https://charts.example.com', chart: 'wiki', version: '1.2.3' }, dependsOn: ['traefik'],
    network: servesPorts({ port: 8080, purpose: 'web' }),
  });
  expect(errorsOf(app)).toEqual([]);
  expect(release.dependsOn).toEqual(['traefik']);
});
