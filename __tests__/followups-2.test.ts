import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChart, type ClusterChartProps, declareExternal, flux, SealedSecret, SopsSecret, synthesize } from '../constructs';
import { EC_REQUEST_PEM, forgeCluster, signingRequestOf } from './bad-input/cases-followups-2';
import { CERTIFICATE_REQUEST } from './bad-input/cases-apiserver-parity-15';
import { labCluster, raw } from './bad-input/lab';
import { ENC, encryptedDotenv, scratchFile } from './bad-input/cases-sops-dotenv';
import { unwrittenOutdir } from './support/synth';

// What the checks of reused sealed values, SOPS metadata, TLS dotenv Secrets, claims on storage tiers,
// routes, Git URLs and certificate requests leave alone: the forms the tools write and take themselves.

/** The errors of a lab whose Flux decrypts SOPS with an age key, with `build` added to it. */
function errorsOf(build: (cluster: ClusterChart) => void, props: Parameters<typeof labCluster>[2] = {}): string[] {
  const app = new CdkApp();
  build(labCluster(app, 'main', { gitops: flux({ sopsSecretName: 'sops-age' }), ...props }));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

const sealedValue = (mark: string) => `Ag${'B'.repeat(720 - mark.length)}${mark}==`;

test('one sealed value under two keys of a SealedSecret, or in two cluster-wide SealedSecrets, opens everywhere it is given', () => {
  expect(errorsOf((cluster) => {
    new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: sealedValue('pw'), 'password-copy': sealedValue('pw') } });
    new SealedSecret(cluster, 'one', { namespace: 'web', scope: 'cluster-wide', encryptedData: { token: sealedValue('token') } });
    new SealedSecret(cluster, 'two', { namespace: 'flux-system', scope: 'cluster-wide', encryptedData: { token: sealedValue('token') } });
  })).toEqual([]);
});

test('one namespace-wide sealed value in two SealedSecrets of its namespace opens in both', () => {
  const wide = { 'sealedsecrets.bitnami.com/namespace-wide': 'true' };
  const sealed = (name: string) => ({
    apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name, namespace: 'web', annotations: wide },
    spec: { encryptedData: { password: sealedValue('wide') }, template: { metadata: { name, namespace: 'web', annotations: wide } } },
  });
  expect(errorsOf((cluster) => {
    raw(cluster, 'a', sealed('a'));
    raw(cluster, 'b', sealed('b'));
  })).toEqual([]);
});

test('a SOPS YAML file as sops writes it, with its age recipient in a key group, decrypts', () => {
  const file = scratchFile('db.enc.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  password: ${ENC}\nsops:\n`
    + '  key_groups:\n  - age:\n    - recipient: age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7\n      enc: "---"\n'
    + `  lastmodified: "2026-12-02T05:13:02.123456+01:00"\n  mac: ${ENC}\n  version: 3.9.4\n`);
  expect(errorsOf((cluster) => { SopsSecret.fromFile(cluster, 'db', file); })).toEqual([]);
});

test('a TLS Secret of a dotenv file with tls.crt and tls.key passes', () => {
  const file = scratchFile('cert.env', encryptedDotenv(`tls.crt=${ENC}`, `tls.key=${ENC}`));
  expect(errorsOf((cluster) => { SopsSecret.fromDotenvFile(cluster, 'cert', { file, name: 'cert', namespace: 'web', type: 'kubernetes.io/tls' }); })).toEqual([]);
});

test('hand-written claims of the modes their tier serves pass: single-writer on a ZFS class, ReadWriteMany on a class of no tier', () => {
  const claim = (name: string, storageClassName: string, accessModes: string[]) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'web' },
    spec: { accessModes, storageClassName, resources: { requests: { storage: '1Gi' } } },
  });
  expect(errorsOf((cluster) => {
    raw(cluster, 'one', claim('one', 'zfs-fast', ['ReadWriteOnce']));
    raw(cluster, 'pod', claim('pod', 'zfs-fast', ['ReadWriteOncePod']));
  })).toEqual([]);
});

test('Git URLs the engines clone pass: GitLab with .git under Argo CD, GitLab without it under Flux, GitHub and Forgejo either way', () => {
  const gitopsErrors = (url: string, gitops: ClusterChartProps['gitops'] = argoCd()) => {
    const app = new CdkApp();
    forgeCluster(url, app, gitops);
    return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.severity === 'error' && f.field === 'gitops').map((f) => f.message);
  };
  expect([
    ...gitopsErrors('https://gitlab.com/me/lab.git'), ...gitopsErrors('https://github.com/me/lab'), ...gitopsErrors('https://git.lab.test/me/lab'),
    ...gitopsErrors('https://gitlab.com/me/lab', flux()),
  ]).toEqual([]);
});

test('certificate signing requests as openssl writes them, of a P-256 or an Ed25519 key, parse and verify', () => {
  expect(errorsOf((cluster) => {
    raw(cluster, 'ec', signingRequestOf(Buffer.from(EC_REQUEST_PEM).toString('base64')));
    raw(cluster, 'ed', { ...signingRequestOf(CERTIFICATE_REQUEST), metadata: { name: 'ed' } });
  }).filter((error) => error.includes('spec.request'))).toEqual([]);
});

test('a sealed value with the line break kubeseal --raw ends with, or wrapped as a terminal copies it, opens as written', () => {
  expect(errorsOf((cluster) => {
    new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: `${sealedValue('pw')}\n` } });
    raw(cluster, 'ss', {
      apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'other', namespace: 'web' },
      spec: { encryptedData: { password: sealedValue('other').replace(/(.{76})/g, '$1\n') }, template: { metadata: { name: 'other', namespace: 'web' } } },
    });
  })).toEqual([]);
});

test('a raw-block claim on a ZFS tier\'s class passes: its zvols are block devices', () => {
  expect(errorsOf((cluster) => raw(cluster, 'pvc', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'disk', namespace: 'web' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast', volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } },
  }))).toEqual([]);
});

test('a ReadWriteMany claim on a hand-written NFS class, and a claim that selects an existing volume, pass', () => {
  expect(errorsOf((cluster) => {
    raw(cluster, 'nfs-class', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'nfs-media' }, provisioner: 'nfs.csi.k8s.io', parameters: { server: 'nas.lab.test', share: '/export' } });
    raw(cluster, 'shared', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'shared', namespace: 'web' },
      spec: { accessModes: ['ReadWriteMany'], storageClassName: 'nfs-media', resources: { requests: { storage: '1Gi' } } },
    });
    raw(cluster, 'picked', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'picked', namespace: 'web' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', selector: { matchLabels: { disk: 'old' } }, resources: { requests: { storage: '1Gi' } } },
    });
  }).filter((error) => /accessModes|selector|volumeMode/.test(error))).toEqual([]);
});

test('TLS ExternalSecrets whose keys come from a template, or from dataFrom, pass', () => {
  const external = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name, namespace: 'web' },
    spec: { secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, refreshInterval: '1h', ...spec },
  });
  expect(errorsOf((cluster) => {
    declareExternal(cluster, { clusterSecretStores: ['vault'] });
    raw(cluster, 'templated', external('templated', {
      target: { name: 'templated', template: { type: 'kubernetes.io/tls', data: { 'tls.crt': '{{ .cert }}', 'tls.key': '{{ .key }}' } } },
      data: [{ secretKey: 'cert', remoteRef: { key: 'web', property: 'cert' } }, { secretKey: 'key', remoteRef: { key: 'web', property: 'key' } }],
    }));
    raw(cluster, 'extracted', external('extracted', { target: { name: 'extracted', template: { type: 'kubernetes.io/tls' } }, dataFrom: [{ extract: { key: 'web-cert' } }] }));
  })).toEqual([]);
});
