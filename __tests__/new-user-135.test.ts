import type { Construct } from 'constructs';
import { ApiObject, JsonPatch } from 'cdk8s';
import { App, AppController, AppVolume, argoCd, ClusterChart, declareExternal, ExternalSecret, flux, host, localPathStorage, metalLb, SealedSecret, SecretReference, site, SopsSecret, traefik } from '../constructs';
import type { AppProps, ArgoCdProps, FluxProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { ENC, encryptedDotenv, scratchFile } from './bad-input/cases-sops-dotenv';
import { schemasMissing, testWhen } from './support/shared';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's household paperwork and money, from the README alone: Firefly III and its data importer beside
// their PostgreSQL, Actual Budget, and a small Gotify for the bills' reminders. The database password is sealed
// with kubeseal, Firefly's APP_KEY sits in a SOPS-encrypted dotenv file, the bank's API token comes from Vault
// through an ExternalSecret, and the SMTP relay's password was made by hand. Flux applies it all; the same lab
// under Argo CD with a project of its own is written too.

const sealed = (letter: string) => `Ag${letter.repeat(720)}==`;
const box = host('nu135-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.135.10', cores: 4, memoryGigabytes: 16 });
const lab = site('nu135', { domain: 'money.example.net', hosts: [box], pools: { vips: { first: '192.168.135.240', last: '192.168.135.250' } }, git: { url: 'https://github.com/jdoe/paperwork.git' } });
const appKeyFile = scratchFile('firefly.env', encryptedDotenv(`APP_KEY=${ENC}`, `STATIC_CRON_TOKEN=${ENC}`));

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly gitops?: 'flux' | 'argo';
  readonly flux?: FluxProps;
  readonly argo?: ArgoCdProps;
  readonly extra?: (cluster: ClusterChart) => void;
}

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changes.apps?.[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.135.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() },
    gitops: changes.gitops === 'argo' ? argoCd({ createProject: true, project: 'paperwork', ...changes.argo }) : flux({ interval: '15m', sopsSecretName: 'sops-age', ...changes.flux }),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'firefly', name: 'smtp-relay' }] });

  const db = new SealedSecret(cluster, 'db-password', { namespace: 'firefly', name: 'firefly-db', encryptedData: { password: sealed('B') } });
  const keys = changes.gitops === 'argo'
    ? new SealedSecret(cluster, 'firefly-keys', { namespace: 'firefly', encryptedData: { APP_KEY: sealed('C'), STATIC_CRON_TOKEN: sealed('D') } })
    : SopsSecret.fromDotenvFile(cluster, 'firefly-keys', { file: appKeyFile, name: 'firefly-keys', namespace: 'firefly' });
  const bank = new ExternalSecret(cluster, 'bank-token', { namespace: 'firefly', store: { name: 'vault' }, data: { token: { remoteKey: 'money/gocardless', property: 'secret-key' } } });
  declareExternal(cluster, { clusterSecretStores: ['vault'] });

  const postgres = new App(cluster, 'firefly-db', props('firefly-db', {
    namespace: 'firefly', image: 'postgres:16.4', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: 'firefly', POSTGRES_DB: 'firefly', POSTGRES_PASSWORD: db.key('password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    runAsUser: 999,
  }));
  const firefly = new App(cluster, 'firefly', props('firefly', {
    namespace: 'firefly', image: 'fireflyiii/core:version-6.1.21', ports: [{ name: 'http', port: 8080 }],
    env: {
      APP_KEY: keys.key('APP_KEY'), STATIC_CRON_TOKEN: keys.key('STATIC_CRON_TOKEN'), APP_URL: 'https://firefly.money.example.net', TRUSTED_PROXIES: '**',
      DB_CONNECTION: 'pgsql', DB_HOST: 'firefly-db', DB_PORT: '5432', DB_DATABASE: 'firefly', DB_USERNAME: 'firefly', DB_PASSWORD: db.key('password'),
      MAIL_MAILER: 'smtp', MAIL_HOST: 'smtp.example.net', MAIL_PORT: '587', MAIL_USERNAME: 'bills@example.net', MAIL_PASSWORD: SecretReference.external('firefly', 'smtp-relay', 'password'),
    },
    persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/www/html/storage/upload' } },
    route: { host: 'firefly' },
  }));
  postgres.addAllowFrom(firefly);
  new ApiObject(cluster, 'importer-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'importer-config', namespace: 'firefly' },
    data: { 'import.json': JSON.stringify({ version: 3, source: 'ff3-importer-1.5.7', default_account: 1, date: 'Y-m-d', duplicate_detection_method: 'classic' }, null, 2) },
  });
  const importer = new App(cluster, 'importer', props('importer', {
    namespace: 'firefly', image: 'fireflyiii/data-importer:version-1.5.7', ports: [{ name: 'http', port: 8080 }],
    env: { FIREFLY_III_URL: 'http://firefly:8080', VANITY_URL: 'https://firefly.money.example.net', NORDIGEN_KEY: bank.key('token'), IMPORT_DIR_ALLOWLIST: '/import' },
    persistence: { config: { volume: AppVolume.configMap('importer-config'), mountPath: '/import' } },
    route: { host: 'importer' },
  }));
  firefly.addAllowFrom(importer);

  new App(cluster, 'actual', props('actual', {
    namespace: 'actual', image: 'actualbudget/actual-server:24.12.0', ports: [{ name: 'http', port: 5006 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    route: { host: 'budget' },
  }));
  changes.extra?.(cluster);
};

const shown = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(guarded(define)).findings).map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message} HINT ${f.hint}`);
/** The findings of the lab with `changes`, which must be exactly the ones `expected` match. */
const expectFindings = (changes: Changes, ...expected: RegExp[]) => expect(shown(defineLab(changes))).toEqual(expected.map((e) => expect.stringMatching(e)));
const workloadOf = (cluster: ClusterChart, id: string) => (cluster.node.findChild(id) as App).workload;
const handWritten = (id: string, manifest: Record<string, unknown>) => (cluster: ClusterChart) => { new ApiObject(cluster, id, manifest as any); };
const configMap = (data: Record<string, string>, extra: Record<string, unknown> = {}) => handWritten('settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'firefly' }, data, ...extra });

test('the paperwork lab synthesizes with no finding under Flux and under Argo CD', () => {
  expect(shown(defineLab())).toEqual([]);
  expect(shown(defineLab({ gitops: 'argo' }))).toEqual([]);
});

describe('secrets written the way a newcomer first writes them', () => {
  test('a database password in plain text in env is an error on that variable', () => {
    expectFindings({ apps: { firefly: { env: { DB_PASSWORD: 'hunter2-Correct', APP_URL: 'https://firefly.money.example.net' } } } },
      /^error props main\/firefly env\.DB_PASSWORD: DB_PASSWORD is set to a literal value.* HINT pass a SecretReference/);
  });

  test('a password in a config file of a ConfigMap is an error on its key, in YAML, JSON and dotenv alike', () => {
    expectFindings({ extra: configMap({ 'config.yml': 'smtp:\n  host: smtp.example.net\n  password: hunter2-Correct\n' }) },
      /^error policy main\/settings data\.config\.yml: the file "config\.yml" sets password on line 3.* HINT leave the value out of the file/);
    expectFindings({ extra: configMap({ 'import.json': JSON.stringify({ access_token: 'hunter2-Correct-horse', url: 'http://firefly:8080' }) }) },
      /^error policy main\/settings data\.import\.json: the JSON file "import\.json" writes a secret out at access_token.* HINT keep the file in a SealedSecret, a SopsSecret or an ExternalSecret/);
    expectFindings({ extra: configMap({ '.env': 'APP_KEY=base64:SGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=\n' }) },
      /^error policy main\/settings data\.\.env: the file "\.env" sets APP_KEY on line 1/);
    expectFindings({ extra: configMap({ DB_PASSWORD: 'hunter2-Correct' }) },
      /^error policy main\/settings data\.DB_PASSWORD: ConfigMap key "DB_PASSWORD" holds what looks like a secret.* HINT keep it in a SealedSecret/);
  });

  test('a key of a Secret misspelt is an error on the variable, with the key meant', () => {
    expectFindings({ apps: { firefly: { env: { MAIL_PASSWORD: SecretReference.external('firefly', 'smtp-relay', 'password'), DB_PASSWORD: SecretReference.external('firefly', 'firefly-db', 'passwrod') } } } },
      /^error references main\/firefly env\.DB_PASSWORD: .*no key "passwrod".* HINT did you mean "password"\?/);
  });

  test('a Secret of another namespace is an error on the variable that names where it is', () => {
    expectFindings({ apps: { actual: { env: { ACTUAL_PASSWORD: SecretReference.external('firefly', 'smtp-relay', 'password') } } } },
      /^error references main\/actual env\.ACTUAL_PASSWORD: env ACTUAL_PASSWORD reads Secret "smtp-relay" of namespace "firefly", but a pod reads Secrets only from its own namespace "actual" HINT make the Secret in namespace "actual" too/);
    expectFindings({ apps: { actual: { persistence: { keys: { volume: AppVolume.secret('firefly-keys'), mountPath: '/keys' } } } } },
      /^error references main\/actual persistence\.keys\.volume: Secret "firefly-keys" does not exist in namespace "actual".* HINT Secret "firefly-keys" is made in namespace "firefly"/);
  });

  test("a Secret made by hand whose name is one letter off the declared one is an error with the name meant", () => {
    expectFindings({ apps: { firefly: { env: { MAIL_PASSWORD: SecretReference.external('firefly', 'smtp-relays', 'password') } } } },
      /^error references main\/firefly env\.MAIL_PASSWORD: Secret "smtp-relays" is to be made by hand only because this reference names it.* HINT did you mean "smtp-relay"\?/);
  });

  test('base64 written by hand in place of a sealed value, in the construct and in a Secret, is an error on the value', () => {
    const base64 = Buffer.from('hunter2-Correct').toString('base64');
    expectFindings({ extra: (cluster) => { new SealedSecret(cluster, 'bank-pin', { namespace: 'firefly', encryptedData: { pin: base64 } }); } },
      /^error policy main\/bank-pin encryptedData\.pin: is not kubeseal ciphertext.* HINT seal it: kubeseal --raw --namespace firefly --name bank-pin/);
    expectFindings({ extra: handWritten('pin', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pin', namespace: 'firefly' }, data: { pin: base64 } }) },
      /^error policy main\/pin data\.pin: a Secret value in the clear would be committed to Git HINT use a SealedSecret, a SopsSecret/);
  });

  test("a Secret's stringData given to a SealedSecret is an error on that prop", () => {
    expectFindings({ extra: (cluster) => { new SealedSecret(cluster, 'bank-pin', { namespace: 'firefly', stringData: { pin: '1234' } } as any); } },
      /^error props main\/bank-pin stringData: SealedSecret has no prop "stringData".* HINT seal each value of stringData/);
  });

  test('a SOPS file not encrypted, or with a value added in the clear later, is an error on the file', () => {
    const plain = scratchFile('firefly.env', 'APP_KEY=base64:SGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=\n');
    const half = scratchFile('firefly.env', encryptedDotenv(`APP_KEY=${ENC}`, 'MAIL_PASSWORD=hunter2'));
    const sops = (file: string) => (cluster: ClusterChart) => { SopsSecret.fromDotenvFile(cluster, 'mail', { file, name: 'mail', namespace: 'firefly' }); };
    expectFindings({ extra: sops(plain) }, /^error policy main\/mail file: is not SOPS-encrypted.* HINT encrypt it in place from the repository root with `sops --encrypt --in-place /);
    expectFindings({ extra: sops(half) }, /^error policy main\/mail file\.MAIL_PASSWORD: is in the clear in an encrypted file \(line 2, not ENC\[\.\.\.\]\)/);
  });

  test('a SOPS file under an engine that does not decrypt it is an error on the file, with the Flux option that does', () => {
    expectFindings({ flux: { sopsSecretName: undefined } },
      /^error references main\/firefly-keys file: Secret firefly\/firefly-keys is SOPS-encrypted, but the flux engine of cluster "main" does not decrypt it HINT set `gitops: flux\(\{ sopsSecretName: 'sops-age' \}\)`/);
  });

  test('a Secret a ClusterSecretStore serves read as a SecretStore, or from a store misspelt, is an error on the store', () => {
    const synced = (store: { name: string; kind?: 'SecretStore' }) => (cluster: ClusterChart) => { new ExternalSecret(cluster, 'pin', { namespace: 'firefly', store, data: { pin: { remoteKey: 'money/bank', property: 'pin' } } }); };
    expectFindings({ extra: synced({ name: 'vault', kind: 'SecretStore' }) },
      /^error references main\/pin\/resource spec\.secretStoreRef\.name: SecretStore "vault" does not exist in namespace "firefly" HINT "vault" is a ClusterSecretStore/);
    expectFindings({ extra: synced({ name: 'vualt' }) }, /^error references main\/pin\/resource spec\.secretStoreRef\.name: ClusterSecretStore "vualt" does not exist/);
  });

  test('declareExternal of names alone, or of a Secret the repository seals, is an error on the declaration', () => {
    expectFindings({ extra: (cluster) => declareExternal(cluster, { secrets: ['smtp-relay'] } as any) },
      /^error props main declareExternal\.secrets\[0\]: "smtp-relay" is not an object in a namespace HINT give it as \{ namespace: 'media', name: 'x' \}/);
    expectFindings({ extra: (cluster) => declareExternal(cluster, { secrets: [{ namespace: 'firefly', name: 'firefly-db' }] }) },
      /^error references main declareExternal\.secrets\[0\]: declares Secret firefly\/firefly-db made outside this repository, but SealedSecret main\/db-password\/resource makes it HINT drop the declaration/);
  });

  test("a container spec's valueFrom written into env is an error whose hint writes the SecretReference", () => {
    expectFindings({ apps: { actual: { env: { ACTUAL_PASSWORD: { valueFrom: { secretKeyRef: { name: 'actual', key: 'password' } } } as any } } } },
      /^error props main\/actual env\.ACTUAL_PASSWORD: .* HINT a container spec's valueFrom is the value itself here: ACTUAL_PASSWORD: SecretReference\.external\('<namespace>', 'actual', 'password'\)/);
  });
});

describe('the engines written the way a newcomer first writes them', () => {
  test("a Flux interval in words or in days is an error on gitops.interval with the Go duration", () => {
    expectFindings({ flux: { interval: '5 minutes' } }, /^error props main gitops\.interval: interval is "5 minutes", not a duration.* HINT .*interval: '5m'$/);
    expectFindings({ flux: { interval: '1d' } }, /^error props main gitops\.interval: .* HINT .*interval: '24h'$/);
    expectFindings({ flux: { retryInterval: '30 s' } }, /^error props main gitops\.retryInterval: .* HINT .*retryInterval: '30s'$/);
  });

  test("Argo CD's options given to flux(), and Flux's to argoCd(), are each an error naming the options it knows", () => {
    expectFindings({ flux: { project: 'paperwork', selfHeal: true } as any },
      /^error props main gitops\.project: flux\(\) has no prop "project"; it would be ignored HINT flux\(\) knows: /,
      /^error props main gitops\.selfHeal: flux\(\) has no prop "selfHeal"/);
    expectFindings({ gitops: 'argo', argo: { interval: '5m' } as any }, /^error props main gitops\.interval: argoCd\(\) has no prop "interval"; it would be ignored HINT argoCd\(\) knows: /);
  });

  test("a sync wave or hook of Argo CD on a Flux cluster's object is an error on the annotation", () => {
    expectFindings({ extra: (cluster) => workloadOf(cluster, 'actual').metadata.addAnnotation('argocd.argoproj.io/sync-wave', '2') },
      /^error references main\/actual\/deployment metadata\.annotations\.argocd\.argoproj\.io\/sync-wave: .* applied by flux, which ignores it HINT drop the annotation/);
  });

  test('a sync wave in words under Argo CD is an error on the annotation', () => {
    expectFindings({ gitops: 'argo', extra: (cluster) => workloadOf(cluster, 'actual').metadata.addAnnotation('argocd.argoproj.io/sync-wave', 'two') },
      /^error references main\/actual\/deployment metadata\.annotations\["argocd\.argoproj\.io\/sync-wave"\]: sync wave "two" is no whole number.* HINT write the wave as a whole number/);
  });

  test("an Argo CD project with blanks, or a token as the repository credential, is an error on that option", () => {
    expectFindings({ gitops: 'argo', argo: { project: 'Paper Work' } }, /^error props main gitops\.project: .* HINT write it as project: 'paper-work'$/);
    expectFindings({ gitops: 'argo', argo: { repositoryCredential: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' as any } },
      /^error props main gitops\.repositoryCredential: repositoryCredential is text of 40 characters that writes out a secret, not an object/);
  });

  test("a SOPS age key file from ~ is an error on sopsKeyFile with the variable the shell expands", () => {
    expectFindings({ flux: { sopsKeyFile: '~/.config/sops/age/keys.txt' } }, /^error props main gitops\.sopsKeyFile: .* HINT name the home folder by its variable: '"\$HOME\/\.config\/sops\/age\/keys\.txt"'$/);
  });

  const kustomization = (apiVersion: string, spec: Record<string, unknown>) => handWritten('bills', {
    apiVersion, kind: 'Kustomization', metadata: { name: 'bills', namespace: 'flux-system' },
    spec: { interval: '10m', path: './bills', prune: true, sourceRef: { kind: 'GitRepository', name: 'nu135-main' }, ...spec },
  });

  // The upstream schemas judge the interval and the apiVersion: a clone without them has no schema layer.
  testWhen(schemasMissing())('a hand-written Flux Kustomization with an interval in words, or of an old apiVersion, is an error on that field', () => {
    expectFindings({ extra: kustomization('kustomize.toolkit.fluxcd.io/v1', { interval: '5 minutes' }) }, /^error schema main\/bills spec\.interval: must match pattern/);
    expectFindings({ extra: kustomization('kustomize.toolkit.fluxcd.io/v1beta1', {}) },
      /^error schema main\/bills apiVersion: .* HINT write Kustomization as apiVersion kustomize\.toolkit\.fluxcd\.io\/v1$/);
  });

  test('a hand-written Flux Kustomization decrypting with a key Flux lacks is an error on its secretRef', () => {
    expectFindings({ extra: kustomization('kustomize.toolkit.fluxcd.io/v1', { decryption: { provider: 'sops', secretRef: { name: 'sops-gpg' } } }) },
      /^error references main\/bills spec\.decryption\.secretRef: Secret flux-system\/sops-gpg is not an object of cluster "main" HINT set gitops: flux\(\{ sopsSecretName: 'sops-gpg' \}\)/);
  });

  test("a hand-written Argo CD Application naming a project misspelt is an error on spec.project", () => {
    expectFindings({ gitops: 'argo', extra: handWritten('bills', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'bills', namespace: 'argocd' },
      spec: { project: 'paperwrok', source: { repoURL: 'https://github.com/jdoe/paperwork.git', path: 'bills', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'firefly' } },
    }) }, /^error references main\/bills spec\.project: project "paperwrok" is no AppProject of cluster "main".* HINT .*paperwork$/);
  });
});

describe('hand-written objects and patches', () => {
  testWhen(schemasMissing())('a ConfigMap of the wrong apiVersion, or with a field misspelt, is an error on that field', () => {
    expectFindings({ extra: handWritten('settings', { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'firefly' }, data: { TZ: 'Europe/Paris' } }) },
      /^error schema main\/settings apiVersion: .* HINT write ConfigMap as apiVersion v1$/);
    expectFindings({ extra: configMap({}, { data: undefined, datas: { TZ: 'Europe/Paris' } }) }, /^error schema main\/settings : unknown field "datas"/);
  });

  test('a patch to a path the object lacks is an error on addJsonPatch naming the missing part', () => {
    expectFindings({ extra: (cluster) => workloadOf(cluster, 'actual').addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/limit/memory', '1Gi')) },
      /^error props main\/actual\/deployment addJsonPatch: .*\/spec\/template\/spec\/containers\/0\/resources\/limit does not exist \(.* has only limits, requests\)/);
  });

  test('a plain password a patch adds to env, or a plaintext a patch puts into a SealedSecret, is an error on the patched field', () => {
    expectFindings({ extra: (cluster) => workloadOf(cluster, 'actual').addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env', [{ name: 'ACTUAL_PASSWORD', value: 'hunter2-Correct' }])) },
      /^error policy main\/actual\/deployment spec\.template\.spec\.containers\[0\]\.env\[0\]\.value: ACTUAL_PASSWORD is set to a literal value/);
    expectFindings({ extra: (cluster) => ApiObject.of(cluster.node.findChild('db-password').node.findChild('resource')).addJsonPatch(JsonPatch.replace('/spec/encryptedData/password', 'aHVudGVyMi1Db3JyZWN0')) },
      /^error policy main\/db-password\/resource spec\.encryptedData\.password: is not kubeseal ciphertext/);
  });

  test("a patch that reads a Secret's key misspelt is an error on that key", () => {
    expectFindings({ extra: (cluster) => workloadOf(cluster, 'firefly').addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'firefly-db', key: 'passwrod' } } })) },
      /^error references main\/firefly env\.PGPASSWORD: Secret "firefly-db" has no key "passwrod".* HINT did you mean "password"\?/);
  });
});

describe('JSON patches whose path is written wrong, answered with the path meant', () => {
  const patched = (...patches: JsonPatch[]): Changes => ({ extra: (cluster) => workloadOf(cluster, 'actual').addJsonPatch(...patches) });

  test('a path without its leading / is an error that writes it from the top of the object', () => {
    expectFindings(patched(JsonPatch.replace('spec/replicas', 2)),
      /^error props main\/actual\/deployment addJsonPatch: the JSON patch replace "spec\/replicas" does not apply: "spec\/replicas" is no JSON pointer, which starts with \/ .* HINT write the path from the top of the object, starting with \/: "\/spec\/replicas"$/);
  });

  test('an annotation whose / is left unescaped is an error whose hint writes it with ~1', () => {
    expectFindings(patched(JsonPatch.add('/metadata/annotations', { 'backup.example.net/daily': 'true' }), JsonPatch.add('/metadata/annotations/reloader.stakater.com/auto', 'true')),
      /^error props main\/actual\/deployment addJsonPatch: .*\/metadata\/annotations\/reloader\.stakater\.com does not exist .* HINT .*a key with \/ in it \("reloader\.stakater\.com\/auto"\) is written with ~1 in a JSON pointer: \/metadata\/annotations\/reloader\.stakater\.com~1auto;/);
  });

  test('an item appended to a list the container lacks is an error whose hint makes the list, not an object', () => {
    expectFindings(patched(JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'TZ', value: 'Europe/Paris' })),
      /^error props main\/actual\/deployment addJsonPatch: .* HINT add \/spec\/template\/spec\/containers\/0\/env first \(JsonPatch\.add\("\/spec\/template\/spec\/containers\/0\/env", \[…\]\)\)/);
  });

  test('a test operation that fails is an error naming the value the object holds', () => {
    expectFindings(patched(JsonPatch.test('/spec/replicas', 3), JsonPatch.replace('/spec/replicas', 2)),
      /^error props main\/actual\/deployment addJsonPatch: the JSON patch test "\/spec\/replicas" does not apply: the object holds 1 there, not 3 HINT test for the value the object holds there \(1\)/);
  });
});

describe("the credentials of a Flux source written by hand", () => {
  const gitRepository = (secretRef?: { name: string }) => handWritten('bills-repo', {
    apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'bills', namespace: 'flux-system' },
    spec: { interval: '10m', url: 'https://github.com/jdoe/bills.git', ref: { branch: 'main' }, secretRef },
  });

  test('a GitRepository whose Secret nothing makes is an error on spec.secretRef', () => {
    expectFindings({ extra: gitRepository({ name: 'github-token' }) },
      /^error references main\/bills-repo spec\.secretRef: Secret flux-system\/github-token is not an object of cluster "main" HINT make the credentials Secret github-token in namespace flux-system .*declareExternal\(scope, \{ secrets: \[\{ namespace: 'flux-system', name: 'github-token' \}\] \}\)/);
  });

  test("one whose Secret is declared made by hand, or the engine's own with the credential bootstrap makes, is left alone", () => {
    expectFindings({ extra: (cluster) => { gitRepository({ name: 'github-token' })(cluster); declareExternal(cluster, { secrets: [{ namespace: 'flux-system', name: 'github-token' }] }); } });
    expectFindings({ flux: { secretName: 'github-token' }, extra: gitRepository({ name: 'github-token' }) });
  });
});
