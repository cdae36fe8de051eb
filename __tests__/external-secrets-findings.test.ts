import { ApiObject, App as CdkApp, JsonPatch } from 'cdk8s';
import {
  App, AppVolume, ClusterChart, declareExternal, ExternalSecret, Forgejo, ForgejoDatabase, SecretReference, synthesize, VaultClusterSecretStore, VaultSecretProviderClass,
} from '../constructs';
import type { Finding } from '../constructs';
import { secretFlagsIn, shellWords } from '../constructs/validation/command-secrets';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake gives one error, on the construct and prop the user wrote; and what is no mistake passes.

function errorsOf(build: (cluster: ClusterChart) => void): Finding[] {
  const app = new CdkApp();
  const cluster = labCluster(app);
  guarded(build)(cluster);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

const describeErrors = (errors: Finding[]) => errors.map((f) => `${f.layer} ${f.constructPath} ${f.field}: ${f.message}`);

test('a Forgejo password Secret of another namespace is one error, on database.password', () => {
  const errors = errorsOf((cluster) => {
    declareExternal(cluster, { namespaces: ['db'] });
    new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, database: ForgejoDatabase.postgres({ host: 'pg.db.svc', password: SecretReference.external('db', 'pg', 'password') }) });
  });
  expect(describeErrors(errors)).toEqual([expect.stringMatching(/^references main\/forgejo database\.password: /)]);
});

test('two ClusterSecretStores of one name are one error, on the second store\'s name', () => {
  const errors = errorsOf((cluster) => {
    new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://bao.lab.test', role: 'eso' });
    new VaultClusterSecretStore(cluster, 'vs2', { name: 'vault', server: 'https://bao2.lab.test', role: 'eso' });
  });
  expect(describeErrors(errors)).toEqual([expect.stringMatching(/^props main\/vs2 name: .*declared \(by main\/vs\)/)]);
});

test('a SecretProviderClass mounted in its namespace, or declared external, passes; its objects keep their quoting', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  const spc = new VaultSecretProviderClass(cluster, 'spc', {
    namespace: 'web', vaultAddress: 'https://bao.lab.test', roleName: 'web', objects: [{ objectName: 'api-key', secretPath: 'secret/data/web', secretKey: 'key' }],
  });
  new App(cluster, 'web1', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { s: { volume: spc.volume, mountPath: '/mnt/secrets' } } });
  declareExternal(cluster, { secretProviderClasses: [{ namespace: 'web', name: 'made-elsewhere' }] });
  new App(cluster, 'web2', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { s: { volume: AppVolume.secretsStore('made-elsewhere'), mountPath: '/mnt/secrets' } } });
  const result = synthFindings(app, prepopulatedOutdir());
  expect(describeErrors(result.findings.filter((f) => f.severity === 'error'))).toEqual([]);
  const object = cluster.node.findAll().find((c) => c.node.path.endsWith('spc/resource')) as any;
  expect(object.toJson().spec.parameters.objects).toBe('- objectName: "api-key"\n  secretPath: "secret/data/web"\n  secretKey: "key"\n');
});

describe('secret flags in a shell script', () => {
  test('the script is split into words as the shell would', () => {
    expect(shellWords(`exec app --token 'a b' --x="c d" && echo $(date +%s) \${HOME}; next`))
      .toEqual(['exec', 'app', '--token', 'a b', '--x=c d', '', 'echo', '$(date +%s)', '${HOME}', '', 'next']);
  });
  test.each([
    'exec app --password="$DB_PASSWORD"',
    'exec app --password=$(DB_PASSWORD) --token ${TOKEN}',
    'app --db-password "$(cat /run/secrets/pw)"',
    'app --password-file /run/secrets/pw --secret-name app',
    'mysql -p"$MYSQL_PWD" -e "select 1"',
    'app --token; echo hunter2',
  ])('%s holds no secret', (script) => {
    expect(secretFlagsIn(shellWords(script))).toEqual([]);
  });
  test.each([
    ['exec app --password=hunter2', '--password'],
    ['app --api-key hunter2', '--api-key'],
    ['mysql -u root -phunter2', '-p'],
  ])('%s writes out %s', (script, flag) => {
    expect(secretFlagsIn(shellWords(script)).map((f) => f.flag)).toEqual([flag]);
  });
});

test('an ExternalSecret of a store made by hand brings the External Secrets Operator, whose CRDs the store and it need', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new ApiObject(cluster, 'store', {
    apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'onepassword', namespace: 'web' },
    spec: { provider: { onepassword: { connectHost: 'http://onepassword-connect.op:8080', vaults: { lab: 1 }, auth: { secretRef: { connectTokenSecretRef: { name: 'op-token', key: 'token' } } } } } },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'web', name: 'op-token' }] });
  const db = new ExternalSecret(cluster, 'db', { namespace: 'web', store: { name: 'onepassword', kind: 'SecretStore' }, data: { password: { remoteKey: 'db', property: 'password' } } });
  new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env: { DB_PASSWORD: db.key('password') } });
  const { findings } = synthFindings(app, prepopulatedOutdir());
  expect(describeErrors(findings.filter((f) => f.severity === 'error' && f.layer !== 'schema'))).toEqual([]);
  expect(cluster.platform.get('external-secrets')?.namespace).toBe('external-secrets');
});

test('an ExternalSecret of type kubernetes.io/dockerconfigjson makes a pull Secret that imagePullSecrets may name', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new VaultClusterSecretStore(cluster, 'bao', { name: 'openbao', server: 'https://bao.lab.test', role: 'eso' });
  new ExternalSecret(cluster, 'ghcr-pull', {
    namespace: 'web', store: { name: 'openbao' }, type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': { remoteKey: 'ghcr', property: 'dockerconfigjson' } },
  });
  const web = new App(cluster, 'web', { namespace: 'web', image: 'ghcr.io/me/private:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  web.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', [{ name: 'ghcr-pull' }]));
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(describeErrors(result.findings.filter((f) => f.severity === 'error'))).toEqual([]);
  const spec = result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'ExternalSecret')?.spec;
  expect(spec?.target).toEqual({ name: 'ghcr-pull', template: { type: 'kubernetes.io/dockerconfigjson' } });
});
