import { App as CdkApp } from 'cdk8s';
import { ClusterChart, ExternalSecret, flux, SealedSecret, SopsSecret, VaultClusterSecretStore } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster, raw } from './lab';
import { encryptedDotenv, ENC, scratchFile } from './cases-sops-dotenv';

// Secrets handled by someone who has not read the corpus: remote keys copied with a blank, a SealedSecret
// renamed by hand after sealing, a key in both data and stringData, SOPS files encrypted for a PGP key or
// edited where only sops writes, the engine's age key sealed into the repository. Each is one error on
// the field, with what to do instead.

/** A value with the layout of `kubeseal --raw` output (a 4096-bit session key). */
const SEALED = `Ag${'B'.repeat(720)}==`;
/** sops metadata of a file encrypted for one age recipient. */
const AGE_METADATA = { age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '---' }], lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };
/** The same file encrypted for a PGP key only, as a sops tutorial of the gpg days does. */
const PGP_METADATA = { pgp: [{ fp: 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4', enc: '---' }], lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };

/** A cluster `edge` of the lab whose Flux decrypts SOPS files with the age key of Secret flux-system/sops-age. */
const decrypting = (app: CdkApp) => labCluster(app, 'edge', { gitops: flux({ sopsSecretName: 'sops-age' }) });

const externalSecret = (data: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
  new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, data } as never);
});
const sealedManifest = (template: Record<string, unknown>) => ({
  apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'web' },
  spec: { encryptedData: { password: SEALED }, template: { metadata: template } },
});
/** A SopsSecret `db` of namespace `web` in the decrypting cluster, from the manifest with these fields. */
const sopsManifest = (extra: Record<string, unknown>, sops: Record<string, unknown> = AGE_METADATA) => guarded((_c: ClusterChart, app: CdkApp) => {
  new SopsSecret(decrypting(app), 'db', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, ...extra, sops } });
});
/** A SopsSecret `db` of namespace `web` in the decrypting cluster, from a dotenv file holding `text`. */
const sopsDotenv = (text: string) => guarded((_c: ClusterChart, app: CdkApp) => {
  SopsSecret.fromDotenvFile(decrypting(app), 'db', { file: scratchFile('db.env', text), name: 'db', namespace: 'web' });
});
/** `encryptedDotenv` with its age metadata swapped for a PGP key's. */
const pgpDotenv = (...lines: string[]) => encryptedDotenv(...lines)
  .replace(/^sops_age__list_0__map_enc=.*$/m, 'sops_pgp__list_0__map_enc=-----BEGIN PGP MESSAGE-----\\n-----END PGP MESSAGE-----\\n')
  .replace(/^sops_age__list_0__map_recipient=.*$/m, 'sops_pgp__list_0__map_fp=FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4');

export const CASES: BadInput[] = [
  // External Secrets: remote references copied with what is around them, durations as people write them.
  {
    name: 'an ExternalSecret remote key copied with a blank at its end',
    build: externalSecret({ password: { remoteKey: 'db/password ' } }), layer: 'props', path: 'es', field: 'data.password.remoteKey', hint: /remoteKey: 'db\/password'/,
  },
  {
    name: 'an ExternalSecret remote key copied with its line break',
    build: externalSecret({ password: { remoteKey: 'db/password\n' } }), layer: 'props', path: 'es', field: 'data.password.remoteKey',
  },
  {
    name: 'an ExternalSecret property left empty, which reads the whole remote value',
    build: externalSecret({ password: { remoteKey: 'db', property: '' } }), layer: 'props', path: 'es', field: 'data.password.property', hint: /property: 'password'/,
  },
  {
    name: 'an ExternalSecret refreshInterval in days, which Go durations do not have',
    build: guarded((cluster: ClusterChart) => {
      new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
      new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, data: { pw: { remoteKey: 'db' } }, refreshInterval: '1d' });
    }),
    layer: 'props', path: 'es', field: 'refreshInterval',
  },
  {
    name: 'an ExternalSecret refreshInterval in ISO 8601 (PT1H)',
    build: guarded((cluster: ClusterChart) => {
      new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
      new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, data: { pw: { remoteKey: 'db' } }, refreshInterval: 'PT1H' });
    }),
    layer: 'props', path: 'es', field: 'refreshInterval',
  },
  {
    name: 'an ExternalSecret of type kubernetes.io/tls that maps tls.crt alone',
    build: guarded((cluster: ClusterChart) => { new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' }); new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, type: 'kubernetes.io/tls', data: { 'tls.crt': { remoteKey: 'web/tls', property: 'crt' } } }); }), layer: 'props', path: 'es', field: /^data$|^type$/,
  },
  // Sealed Secrets: a copy renamed after sealing.
  {
    name: 'a SealedSecret whose template names another Secret (renamed by hand after sealing)',
    build: (cluster) => raw(cluster, 'ss', sealedManifest({ name: 'db-old', namespace: 'web' })),
    layer: 'schema', path: 'ss', field: 'spec.template.metadata.name', hint: /kubeseal --raw --namespace web --name db /,
  },
  {
    name: 'a SealedSecret whose template names the namespace it was sealed for, not its own',
    build: (cluster) => raw(cluster, 'ss', sealedManifest({ name: 'db', namespace: 'staging' })),
    layer: 'schema', path: 'ss', field: 'spec.template.metadata.namespace',
  },
  {
    name: 'the age key Flux decrypts with, sealed into the repository as well',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      new SealedSecret(decrypting(app), 'age', { namespace: 'flux-system', name: 'sops-age', encryptedData: { 'age.agekey': SEALED } });
    }),
    layer: 'references', path: 'age/resource', field: 'spec.template.metadata.name', hint: /owner step/,
  },
  // A key given twice.
  {
    name: 'a SOPS Secret with one key under both data and stringData',
    build: sopsManifest({ data: { password: ENC }, stringData: { password: ENC } }),
    layer: 'schema', path: 'db/resource', field: 'stringData.password', hint: /encrypt it again/,
  },
  {
    name: 'a hand-written SOPS Secret with one key under both data and stringData',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const edge = decrypting(app);
      raw(edge, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { token: ENC }, stringData: { token: ENC }, sops: AGE_METADATA });
    }),
    layer: 'schema', path: 's', field: 'stringData.token',
  },
  // SOPS files Flux's age key cannot open.
  {
    name: 'a SOPS Secret encrypted for a PGP key only, in a cluster whose Flux decrypts with age',
    build: sopsManifest({ stringData: { password: ENC } }, PGP_METADATA),
    layer: 'references', path: 'db', field: 'manifest.sops', hint: /age-keygen -y/,
  },
  {
    name: 'a SOPS dotenv file encrypted for a PGP key only, in a cluster whose Flux decrypts with age',
    build: sopsDotenv(pgpDotenv(`DB_PASSWORD=${ENC}`)),
    layer: 'references', path: 'db', field: 'file', message: /pgp keys only/,
  },
  // SOPS files edited where only sops writes.
  {
    name: 'a SOPS Secret value cut short when copied (no iv, tag or type)',
    build: sopsManifest({ stringData: { password: 'ENC[AES256_GCM,data:prbUZSlbWMHBWAH/2VsCPUIMMT3f6l+1RV5CDqKSfP3bZONWUKbPqwkk]' } }),
    layer: 'policy', path: 'db', field: 'manifest.stringData.password', hint: /git checkout/,
  },
  {
    name: 'a SOPS dotenv value whose ENC[…] was edited by hand',
    build: sopsDotenv(encryptedDotenv('DB_PASSWORD=ENC[AES256_GCM,data:hunter2,type:str]')),
    layer: 'policy', path: 'db', field: 'file.DB_PASSWORD',
  },
  {
    name: 'a SOPS dotenv file whose sops_lastmodified line was deleted by hand',
    build: sopsDotenv(encryptedDotenv(`DB_PASSWORD=${ENC}`).replace(/^sops_lastmodified=.*\n/m, '')),
    layer: 'policy', path: 'db', field: 'file', message: /sops_lastmodified/,
  },
  {
    name: 'a SOPS dotenv file whose sops_lastmodified was rewritten as a date alone',
    build: sopsDotenv(encryptedDotenv(`DB_PASSWORD=${ENC}`).replace(/^sops_lastmodified=.*$/m, 'sops_lastmodified=2026-12-02')),
    layer: 'policy', path: 'db', field: 'file', message: /no RFC 3339 timestamp/,
  },
  // Secrets written out in the open.
  {
    name: 'a webhook URL with its token as a query parameter in an annotation',
    build: (cluster) => raw(cluster, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'web', annotations: { 'example.com/hook': 'https://hooks.example.com/x?token=abcd1234efgh5678' } }, data: { a: 'b' } }),
    layer: 'policy', path: 'cm', field: /annotations/,
  },
  {
    name: 'a ConfigMap URL with its API key as a query parameter',
    build: (cluster) => raw(cluster, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'web' }, data: { NOTIFY_URL: 'https://api.example.com/notify?apikey=abcd1234efgh5678ijkl' } }),
    layer: 'policy', path: 'cm', field: /^data\./,
  },
];
