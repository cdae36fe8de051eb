import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, ExternalSecret, flux, SealedSecret, SopsSecret, synthesize, VaultClusterSecretStore } from '../constructs';
import { labCluster, raw } from './bad-input/lab';
import { ENC, encryptedDotenv, scratchFile } from './bad-input/cases-sops-dotenv';
import { unwrittenOutdir } from './support/synth';

// What the checks of a newcomer's secret mistakes leave alone: the forms sops, kubeseal and the
// External Secrets Operator write themselves.

const SEALED = `Ag${'B'.repeat(720)}==`;

/** The errors of a lab whose Flux decrypts SOPS with an age key, with `build` added to it. */
function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  build(labCluster(app, 'main', { gitops: flux({ sopsSecretName: 'sops-age' }) }));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

test('a remote key with blanks inside it (a 1Password item title) and a property are read as written', () => {
  expect(errorsOf((cluster) => {
    new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
    const synced = new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, data: { password: { remoteKey: 'Home DB', property: 'password' } } });
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], env: { PW: synced.key('password') } });
  })).toEqual([]);
});

test('a SealedSecret whose template repeats its own name and namespace, as kubeseal writes it, unseals', () => {
  expect(errorsOf((cluster) => {
    raw(cluster, 'ss', {
      apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'web' },
      spec: { encryptedData: { password: SEALED }, template: { metadata: { name: 'db', namespace: 'web' } } },
    });
  })).toEqual([]);
});

test('a SealedSecret of another name than the age key Flux decrypts with is no second producer of it', () => {
  expect(errorsOf((cluster) => {
    new SealedSecret(cluster, 'other', { namespace: 'flux-system', name: 'git-token', encryptedData: { token: SEALED } });
  })).toEqual([]);
});

test('a SOPS file encrypted for age beside a PGP key, or for age in a key group, opens with the age key', () => {
  const pgp = { pgp: [{ fp: 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4', enc: '---' }] };
  const age = { age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '---' }] };
  const base = { lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };
  expect(errorsOf((cluster) => {
    new SopsSecret(cluster, 'both', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'both', namespace: 'web' }, stringData: { pw: ENC }, sops: { ...base, ...pgp, ...age } } });
    new SopsSecret(cluster, 'grouped', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'grouped', namespace: 'web' }, stringData: { pw: ENC }, sops: { ...base, key_groups: [{ ...pgp }, { ...age }] } } });
  })).toEqual([]);
});

test('a dotenv file as sops writes it, with a timestamp of fractional seconds and an offset, passes', () => {
  const file = scratchFile('db.env', encryptedDotenv(`DB_PASSWORD=${ENC}`).replace(/^sops_lastmodified=.*$/m, 'sops_lastmodified=2026-12-02T05:13:02.123456+01:00'));
  expect(errorsOf((cluster) => { SopsSecret.fromDotenvFile(cluster, 'db', { file, name: 'db', namespace: 'web' }); })).toEqual([]);
});

test('a Secret whose stringData and data hold different keys keeps both', () => {
  const age = { age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '---' }], lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };
  expect(errorsOf((cluster) => {
    new SopsSecret(cluster, 'db', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { user: ENC }, stringData: { password: ENC }, sops: age } });
  })).toEqual([]);
});

test('a SopsSecret with one key in both data and stringData lists the key once, as the Secret holds it', () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux({ sopsSecretName: 'sops-age' }) });
  const age = { age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '---' }], lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };
  const secret = new SopsSecret(cluster, 'db', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { password: ENC }, stringData: { password: ENC }, sops: age } });
  expect(secret.keys).toEqual(['password']);
});
