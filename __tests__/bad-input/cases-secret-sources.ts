import { App, AppVolume, argoCd, ClusterChart, declareExternal, flux, ExternalSecret, SealedSecret, SecretReference, SopsSecret, VaultClusterSecretStore } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, labCluster, raw } from './lab';

// Where a Secret comes from: ciphertext that is none, keys a volume or an "external" reference reads that the
// Secret this repository makes will not hold, two producers of one Secret, Secrets no consumer can use.

/** Base64 of a value with the layout of kubeseal output (a 512-byte session key, then the payload). */
const SEALED = `Ag${'B'.repeat(720)}==`;

/** A SealedSecret `db` in namespace `web` with the one key `pw`. */
const sealedDb = (cluster: ClusterChart, props: Partial<ConstructorParameters<typeof SealedSecret>[2]> = {}) =>
  new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { pw: SEALED }, ...props });

/** An app `web1` in namespace `web`; props override. */
const web1 = (cluster: ClusterChart, props: Partial<ConstructorParameters<typeof App>[2]> = {}) =>
  new App(cluster, 'web1', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props });

const ENC = 'ENC[AES256_GCM,data:abc=,iv:xyz=,tag:q==,type:str]';
const SOPS_METADATA = { mac: 'ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]', age: [{ recipient: 'age1x', enc: '---' }], lastmodified: '2024-01-01T00:00:00Z', version: '3.9.0' };

/** Base64 of a PEM private key: the charset and length of ciphertext, but plaintext. */
const PEM = Buffer.from(`-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(12)}\n-----END PRIVATE KEY-----\n`).toString('base64');

export const CASES: BadInput[] = [
  // Ciphertext that is none.
  {
    name: 'a SealedSecret given base64 of a private key',
    build: (c) => { sealedDb(c, { type: 'kubernetes.io/tls', encryptedData: { 'tls.crt': SEALED, 'tls.key': PEM } }); },
    layer: 'policy', path: 'db', field: 'encryptedData.tls.key', hint: /kubeseal/,
  },
  {
    name: 'a SealedSecret value shorter than a session key sealed with the key it names',
    build: (c) => { sealedDb(c, { encryptedData: { pw: `Ag${'B'.repeat(400)}==` } }); },
    layer: 'policy', path: 'db', field: 'encryptedData.pw',
  },
  // Keys a consumer reads that the Secret will not hold.
  {
    name: 'a secret volume mounted with a subPath the Secret has no key of',
    build: (c) => {
      const s = sealedDb(c);
      web1(c, { persistence: { s: { volume: AppVolume.secret(s.secretName), mounts: [{ mountPath: '/etc/pw', subPath: 'password' }] } } });
    },
    layer: 'references', path: 'web1', field: 'persistence.s.mounts[0].subPath',
  },
  {
    name: 'a secret volume whose items name a key the Secret will not hold',
    build: (c) => {
      sealedDb(c);
      raw(c, 'workload', goodDeployment('web', { volumes: [{ name: 's', secret: { secretName: 'db', items: [{ key: 'password', path: 'pw' }] } }] }));
    },
    layer: 'references', path: 'workload', field: 'spec.template.spec.volumes[0].secret.items[0].key',
  },
  {
    name: 'SecretReference.external to a Secret this repository makes, with a key it will not hold',
    build: (c) => { sealedDb(c); web1(c, { env: { PW: SecretReference.external('web', 'db', 'password') } }); },
    layer: 'references', path: 'web1', field: 'env.PW',
  },
  // Two producers of one Secret.
  {
    name: 'a SealedSecret of the Secret an ExternalSecret makes',
    build: (c) => {
      new VaultClusterSecretStore(c, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });
      new ExternalSecret(c, 'es', { namespace: 'web', name: 'db', store: { name: 'vault' }, data: { pw: { remoteKey: 'db' } } });
      new SealedSecret(c, 'ss', { namespace: 'web', name: 'db', encryptedData: { pw: SEALED } });
    },
    layer: 'references', path: 'ss/resource', field: 'spec.template.metadata.name',
  },
  {
    name: 'a SealedSecret of the Secret a SopsSecret makes',
    build: (c) => {
      new SopsSecret(c, 'sp', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { pw: ENC }, sops: SOPS_METADATA } });
      new SealedSecret(c, 'ss', { namespace: 'web', name: 'db', encryptedData: { pw: SEALED } });
    },
    layer: 'references', path: 'ss/resource', field: 'spec.template.metadata.name',
  },
  {
    name: 'declareExternal of a Secret a SealedSecret makes',
    build: (c) => { sealedDb(c); declareExternal(c, { secrets: [{ namespace: 'web', name: 'db' }] }); },
    layer: 'references', path: 'main', field: 'declareExternal.secrets[0]',
  },
  // Secrets no consumer can use.
  {
    name: 'a SealedSecret of type service-account-token, which needs an annotation it cannot give',
    build: (c) => { sealedDb(c, { type: 'kubernetes.io/service-account-token', encryptedData: { token: SEALED } }); },
    layer: 'policy', path: 'db', field: 'type',
  },
  {
    name: "Argo CD's repository credential from a SealedSecret, which carries no label",
    build: (_c, app) => {
      const edge = labCluster(app, 'edge', { gitops: argoCd({ repositoryCredential: { sshPrivateKey: new SecretReference('argocd', 'repo', 'sshPrivateKey', 'sealed-secret') } }) });
      new SealedSecret(edge, 'repo', { namespace: 'argocd', encryptedData: { sshPrivateKey: SEALED } });
    },
    layer: 'references', path: 'edge', field: 'gitops.repositoryCredential.sshPrivateKey', hint: /SecretReference\.external/,
  },
  {
    name: 'an image pull Secret of type Opaque',
    build: (c) => {
      new SealedSecret(c, 'reg', { namespace: 'web', encryptedData: { password: SEALED } });
      raw(c, 'workload', goodDeployment('web', { imagePullSecrets: [{ name: 'reg' }] }));
    },
    layer: 'references', path: 'workload', field: 'spec.template.spec.imagePullSecrets[0].name',
  },
  {
    name: "Flux's own age key shipped SOPS-encrypted",
    build: (_c, app) => {
      const edge = labCluster(app, 'edge', { gitops: flux({ sopsSecretName: 'sops-age' }) });
      new SopsSecret(edge, 'key', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sops-age', namespace: 'flux-system' }, data: { 'age.agekey': ENC }, sops: SOPS_METADATA } });
    },
    layer: 'references', path: 'edge/key', field: 'manifest.sops',
  },
  // Errors that name the cause.
  {
    name: 'a SopsSecret without metadata.name',
    build: (_c, app) => {
      const edge = labCluster(app, 'edge', { gitops: flux({ sopsSecretName: 'sops-age' }) });
      new SopsSecret(edge, 'sp', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'web' }, data: { pw: ENC }, sops: SOPS_METADATA } });
    },
    layer: 'policy', path: 'edge/sp', field: 'manifest.metadata.name',
  },
];
