import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import { App, ChartRelease, declareExternal, leaveOwnerAction, noNetworkPolicy, SealedSecret, SecretReference, synthesize } from '../constructs';
import type { AppProps, ClusterChart } from '../constructs';
import { CASES, SECRET_OF_CASE } from './bad-input/cases-new-user-15';
import { labCluster } from './bad-input/lab';

// What a user writes that only names, locates or describes a secret, or is a public key, passes; a secret
// written out is refused with a finding that never prints it (findings are printed in CI logs).

const findingsOf = (build: (cluster: ClusterChart) => void) => {
  const app = new CdkApp();
  build(labCluster(app, 'main'));
  return synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-credentials-')), write: false }).findings;
};
const errorsOf = (build: (cluster: ClusterChart) => void) => findingsOf(build).filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);

const app = (props: Partial<AppProps>) => (cluster: ClusterChart) => {
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
};
const release = (values: Record<string, unknown>) => (cluster: ClusterChart) => {
  // The Secret a value names by `existingSecret` is made by hand, as a chart's README asks.
  declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'wiki-auth' }] });
  new ChartRelease(cluster, 'wiki', {
    namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.2.3' }, values, network: noNetworkPolicy('the chart brings its own'),
  });
};
const configMap = (data: Record<string, string>, annotations?: Record<string, string>) => (cluster: ClusterChart) => {
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'web', annotations }, data });
};
const dbPassword = SecretReference.external('web', 'db', 'password');

test.each<[string, (cluster: ClusterChart) => void]>([
  ['a password read from a Secret, and written into a URL as a reference', app({ namespace: 'web', env: { DB_PASSWORD: dbPassword, DATABASE_URL: 'postgres://app:$(DB_PASSWORD)@db:5432/app' } })],
  ["a SealedSecret's key", (c) => {
    const sealed = new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
    app({ namespace: 'web', env: { DB_PASSWORD: sealed.key('password') } })(c);
  }],
  ['a password file path', app({ env: { DB_PASSWORD_FILE: '/run/secrets/db_password' } })],
  ['the word password in a description', app({ env: { HELP_TEXT: 'Enter your password to log in' } })],
  ['an age public key', app({ env: { SOPS_AGE_RECIPIENTS: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p' } })],
  ['an SSH public key', app({ env: { AUTHORIZED_KEY: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop' } })],
  ["a WireGuard peer's public key, the private key read from a file", configMap({
    'wg0.conf': '[Interface]\nAddress = 10.8.0.1/24\nPostUp = wg set %i private-key /etc/wireguard/private.key\n\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 10.8.0.2/32\n',
  })],
  ["an AWS access key's id, which names the account", app({ env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' } })],
  ['an ntfy topic URL without auth', app({ env: { NTFY_URL: 'https://ntfy.sh/lab-alerts' } })],
  ["Redis' --requirepass given from the environment", app({ command: ['redis-server'], args: ['--requirepass', '$(REDIS_PASSWORD)'], env: { REDIS_PASSWORD: dbPassword }, namespace: 'web' })],
  ['a variable given a reference with -e', app({ args: ['-e', 'DB_PASSWORD=$(DB_PASSWORD)'], env: { DB_PASSWORD: dbPassword }, namespace: 'web' })],
  ["a chart's existingSecret, its keys and a config file without secrets", release({
    auth: { existingSecret: 'wiki-auth', existingSecretPasswordKey: 'password' }, config: 'server:\n  port: 8080\nauth:\n  passwordFile: /run/secrets/password\n',
    oidc: { tokenUrl: 'https://id.example.com/oauth/token', clientId: 'wiki' }, auth2: { type: 'basic' },
  })],
  ['an annotation that speaks of a password in words', configMap({ a: 'b' }, { 'example.com/password-note': 'the password is in the db Secret' })],
  ['a step whose command generates the password, with a placeholder for the token', (c) => {
    app({})(c);
    leaveOwnerAction(c, {
      kind: 'manual', action: 'create the database and API Secrets',
      command: 'kubectl -n web create secret generic db --from-literal=password="$(openssl rand -hex 16)" --from-literal=token=… && openssl req -x509 -key tls.key -addext keyUsage=critical,keyCertSign',
    });
  }],
  ...([
    ["chpasswd's generated passwords", '#cloud-config\nchpasswd:\n  list: |\n    root:RANDOM\n    debian:R\n'],
    ['a user whose password is locked', '#cloud-config\nusers:\n  - name: debian\n    lock_passwd: true\n    sudo: ALL=(ALL) NOPASSWD:ALL\n'],
    ['a public key and settings about passwords', '#cloud-config\nssh_pwauth: false\nchpasswd: { expire: false }\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2v8c3fWw1ZqbYxQ8l9r3kKc3r2bq9m8b6n4h3j2k1 me@laptop\n'],
  ] as const).map(([what, userData]): [string, (cluster: ClusterChart) => void] => [`a VM's cloud-init user data with ${what}`, (c) => {
    c.namespaces.ensure('web');
    new ApiObject(c, 'vm', {
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'debian', namespace: 'web' },
      spec: { runStrategy: 'Always', template: { spec: {
        domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '1Gi' } },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }, { name: 'cloudinit', cloudInitNoCloud: { userData } }],
      } } },
    });
  }]),
])('%s passes', (_name, build) => {
  expect(errorsOf(build)).toEqual([]);
});

test.each(CASES.map((c) => [c.name, c] as const))('%s: no finding prints the secret', (_name, testCase) => {
  const secret = SECRET_OF_CASE.get(testCase.name) ?? '';
  const findings = findingsOf((cluster) => testCase.build(cluster, cluster.node.root as CdkApp));
  expect(secret).not.toBe('');
  expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  expect(findings.filter((f) => `${f.field} ${f.message} ${f.hint ?? ''}`.includes(secret)).map((f) => `${f.field}: ${f.message}`)).toEqual([]);
});
