import { App as CdkApp } from 'cdk8s';
import { addModel, App, argoCd, ClusterChart, type ClusterChartProps, declareExternal, flux, host, Jellyfin, JellyfinMedia, SealedSecret, site, SopsSecret, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, lab, labCluster, raw, refusedAtW } from './lab';
import { ENC, encryptedDotenv, scratchFile } from './cases-sops-dotenv';

// Secrets, claims and raw objects that each fail only once applied: a sealed value reused for another
// Secret, SOPS metadata edited by hand, a TLS Secret of a dotenv file, and more. Each is one error on the
// construct path and the field the user wrote, with what to write instead.

/** A value with kubeseal's layout, told apart from others by `mark` (letters only). */
const sealedValue = (mark: string) => `Ag${'B'.repeat(720 - mark.length)}${mark}==`;
/** A hand-written SealedSecret `name` of namespace `namespace`, with `annotations` on itself and on its template. */
const sealedManifest = (name: string, namespace: string, value: string, annotations?: Record<string, string>) => ({
  apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name, namespace, annotations },
  spec: { encryptedData: { password: value }, template: { metadata: { name, namespace, annotations } } },
});
const NAMESPACE_WIDE = { 'sealedsecrets.bitnami.com/namespace-wide': 'true' };

/** A cluster `edge` of the lab whose Flux decrypts SOPS files with an age key. */
const decrypting = (app: CdkApp) => labCluster(app, 'edge', { gitops: flux({ sopsSecretName: 'sops-age' }) });
const AGE = { age: [{ recipient: 'age15h6ytn42k47u663amp6wld3acucywkppg2g6jvq7s3r5f7944a6qg4z4g7', enc: '---' }] };
/** A SOPS-encrypted Secret manifest file whose sops metadata is `sops`. */
const sopsYaml = (sops: Record<string, unknown>) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  password: ${ENC}\nsops:\n${
  Object.entries(sops).filter(([, value]) => value !== undefined).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`).join('\n')}\n`;
const GOOD_SOPS = { ...AGE, lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' };
/** SopsSecret `db` of the decrypting cluster, read from a YAML file with `sops` as its metadata. */
const sopsFile = (sops: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  SopsSecret.fromFile(decrypting(app), 'db', scratchFile('db.enc.yaml', sopsYaml(sops)));
});
/** SopsSecret `cert` of the decrypting cluster from a dotenv file of `lines`, of `type`. */
const dotenvSecret = (type: string, ...lines: string[]) => guarded((_c: ClusterChart, app: CdkApp) => {
  SopsSecret.fromDotenvFile(decrypting(app), 'cert', { file: scratchFile('cert.env', encryptedDotenv(...lines)), name: 'cert', namespace: 'web', type });
});

/** A claim `data` of namespace `web` on StorageClass `storageClassName` with `accessModes`. */
const claim = (storageClassName: string, accessModes: string[]) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
  spec: { accessModes, storageClassName, resources: { requests: { storage: '1Gi' } } },
});

/** A cluster `forge` of a one-host site whose repository is at `url`, synced by `gitops` (Argo CD unless given). */
export const forgeCluster = (url: string, app: CdkApp, gitops: ClusterChartProps['gitops'] = argoCd()) => {
  const node = host('forge1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
  const forge = site('forge', { domain: 'forge.test', hosts: [node], git: { url } });
  return new ClusterChart(app, 'forge', { site: forge, hosts: [node], routes: traefik(), gitops });
};

/** A request for a client certificate of CN web-client, as openssl req -new printed it (a P-256 key, whose private half was thrown away). */
export const EC_REQUEST_PEM = `-----BEGIN CERTIFICATE REQUEST-----
MIHdMIGFAgEAMCMxEzARBgNVBAMMCndlYi1jbGllbnQxDDAKBgNVBAoMA2xhYjBZ
MBMGByqGSM49AgEGCCqGSM49AwEHA0IABD19Ih097n7EMdsaeZH6YVqmy0ZibPmz
5LbKhFsT2BwEaIVDDr5Vow/ishDaoTY/9r6KKwOadtmrFNT/qmvFqAagADAKBggq
hkjOPQQDAgNHADBEAiBRbRhI5K4nUnZLO+HSAfhesm3Ggb9QLvhPUfEU7fGAPQIg
HnS4yckhTJFfRlmrTNoBxtFUAXqYHoEwIFmM6M+ZctY=
-----END CERTIFICATE REQUEST-----
`;
/** `pem` with its DER changed by `change`, as spec.request takes it (base64 of the PEM). */
const requestOf = (pem: string, change: (der: Buffer) => Buffer = (der) => der) => {
  const der = change(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  return Buffer.from(`-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE REQUEST-----\n`).toString('base64');
};
/** A CertificateSigningRequest `web` for a client certificate of `request`. */
export const signingRequestOf = (request: string) => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'web' },
  spec: { request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['digital signature', 'client auth'] },
});

export const CASES: BadInput[] = [
  // More of a newcomer's mistakes with secrets and claims.
  {
    name: 'a SOPS dotenv file written for the shell, with export before each key',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      SopsSecret.fromDotenvFile(decrypting(app), 'db', { file: scratchFile('db.env', encryptedDotenv(`export DB_PASSWORD=${ENC}`)), name: 'db', namespace: 'web' });
    }),
    layer: 'policy', path: 'db', field: 'file.export DB_PASSWORD', hint: /write line 1 as DB_PASSWORD=…/,
  },
  {
    name: 'a SOPS dotenv file with a blank before the equals sign',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      SopsSecret.fromDotenvFile(decrypting(app), 'db', { file: scratchFile('db.env', encryptedDotenv(`DB_PASSWORD =${ENC}`)), name: 'db', namespace: 'web' });
    }),
    layer: 'policy', path: 'db', field: 'file.DB_PASSWORD ', message: /blank before "="/, hint: /write line 1 as DB_PASSWORD=…/,
  },
  {
    name: 'a SOPS dotenv file saved with a byte order mark',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      SopsSecret.fromDotenvFile(decrypting(app), 'db', { file: scratchFile('db.env', `\ufeff${encryptedDotenv(`DB_PASSWORD=${ENC}`)}`), name: 'db', namespace: 'web' });
    }),
    layer: 'policy', path: 'db', field: /^file\..DB_PASSWORD$/, message: /byte order mark/,
  },
  {
    name: 'a ReadWriteMany claim on a hand-written StorageClass of ZFS LocalPV',
    build: (c) => {
      raw(c, 'zfs-class', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zfs-ssd' }, provisioner: 'zfs.csi.openebs.io', parameters: { poolname: 'fast', fstype: 'zfs' }, allowedTopologies: [{ matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: ['gpu1'] }] }] });
      raw(c, 'w', claim('zfs-ssd', ['ReadWriteMany']));
    },
    layer: 'references', path: 'w', field: 'spec.accessModes[0]', message: /StorageClass zfs-ssd \(zfs\.csi\.openebs\.io\) does not support ReadWriteMany/, hint: /the class supports/,
  },
  {
    name: 'a hand-written TLS ExternalSecret mapping its certificate under another key',
    build: (c) => {
      declareExternal(c, { clusterSecretStores: ['vault'] });
      raw(c, 'w', {
        apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'cert', namespace: 'web' },
        spec: {
          secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' }, refreshInterval: '1h', target: { name: 'cert', template: { type: 'kubernetes.io/tls' } },
          data: [{ secretKey: 'cert', remoteRef: { key: 'web', property: 'cert' } }, { secretKey: 'tls.key', remoteRef: { key: 'web', property: 'key' } }],
        },
      });
    },
    layer: 'schema', path: 'w', field: 'spec.target.template.type', hint: /secretKey: 'tls\.crt'/, message: /would hold cert, tls\.key and needs tls\.crt/,
  },
  {
    name: 'a SealedSecret of the name a SopsSecret dotenv file makes',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const edge = decrypting(app);
      SopsSecret.fromDotenvFile(edge, 'db', { file: scratchFile('db.env', encryptedDotenv(`DB_PASSWORD=${ENC}`)), name: 'db', namespace: 'web' });
      new SealedSecret(edge, 'db-sealed', { namespace: 'web', name: 'db', encryptedData: { password: sealedValue('pw') } });
    }),
    layer: 'references', path: 'db-sealed/resource', field: 'spec.template.metadata.name', message: /which Secret edge\/db makes as well/,
  },
  { name: 'a raw-block claim on the local-path class', build: (c) => raw(c, 'w', { ...claim('local-path', ['ReadWriteOnce']), spec: { ...claim('local-path', ['ReadWriteOnce']).spec, volumeMode: 'Block' } }), layer: 'references', path: 'w', field: 'spec.volumeMode', hint: /drop volumeMode/ },
  {
    name: 'a sealed value with a blank in it, copied from a wrapped terminal',
    build: guarded((c: ClusterChart) => new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `${sealedValue('pw').slice(0, 64)} ${sealedValue('pw').slice(64)}` } })),
    layer: 'policy', path: 'db', field: 'encryptedData.password', message: /blanks in it/,
  },
  // The API server parses a request and checks its signature (certificates validation: ParseCSR, CheckSignature).
  { ...refusedAtW('a certificate signing request whose subject was edited after signing',
    (c) => raw(c, 'w', signingRequestOf(requestOf(EC_REQUEST_PEM, (der) => Buffer.from(der.toString('latin1').replace('web-client', 'web-admins'), 'latin1')))),
    'spec.request', /openssl req -new/), message: /signature that does not verify/ },
  { ...refusedAtW('a certificate signing request cut short', (c) => raw(c, 'w', signingRequestOf(requestOf(EC_REQUEST_PEM, (der) => der.subarray(0, 120)))), 'spec.request'), message: /does not parse/ },
  // GitLab redirects an https URL without .git, which Argo CD does not follow (git and Flux do).
  {
    name: 'a GitLab https URL without .git synced by Argo CD',
    build: guarded((_c: ClusterChart, app: CdkApp) => forgeCluster('https://gitlab.com/me/lab', app)),
    layer: 'references', path: 'forge', field: 'gitops', hint: /git: \{ url: 'https:\/\/gitlab\.com\/me\/lab\.git' \}/,
  },
  {
    name: 'a self-hosted GitLab https URL of a subgroup without .git synced by Argo CD',
    build: guarded((_c: ClusterChart, app: CdkApp) => forgeCluster('https://gitlab.home.example/infra/k8s/lab/', app)),
    layer: 'references', path: 'forge', field: 'gitops', hint: /https:\/\/gitlab\.home\.example\/infra\/k8s\/lab\.git/,
  },
  // A route written as text is answered with the route object, the text's host and path set into it.
  {
    name: 'an App route written as a URL with a path',
    build: guarded((c: ClusterChart) => new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: 'https://Web.lab.test:8443/app' } as never)),
    layer: 'props', path: 'web', field: 'route', hint: /route takes the route object, not text: write route: \{ host: 'web\.lab\.test', path: '\/app' \}/,
  },
  {
    name: "a Jellyfin route written as its host name",
    build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), route: 'jellyfin.lab.test' } as never)),
    layer: 'props', path: 'jellyfin', field: 'route', hint: /route: \{ host: 'jellyfin\.lab\.test' \}; host is the name alone/,
  },
  // A hand-written claim is held to the access modes of the tier behind its class, as an App's claim is.
  { name: 'a hand-written ReadWriteMany claim on a ZFS tier\'s class', build: (c) => raw(c, 'w', claim('zfs-fast', ['ReadWriteMany'])), layer: 'references', path: 'w', field: 'spec.accessModes[0]', hint: /ReadWriteOnce, ReadWriteOncePod/, message: /zfs-fast.*Pending/ },
  {
    name: 'a ReadWriteMany claim on the local-path class added as a model',
    build: guarded((c: ClusterChart) => { c.namespaces.ensure('web'); addModel(c, 'w', claim('local-path', ['ReadWriteOnce', 'ReadWriteMany'])); }),
    layer: 'references', path: 'w', field: 'spec.accessModes[1]', hint: /accessModes: \['ReadWriteOnce'\]/,
  },
  {
    name: 'a StatefulSet claim template of ReadWriteMany on a ZFS tier\'s class',
    build: (c) => {
      const set = goodDeployment('db', {}, { serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: claim('zfs-fast', ['ReadWriteMany']).spec }] });
      raw(c, 'w', { ...set, kind: 'StatefulSet' });
    },
    layer: 'references', path: 'w', field: 'spec.volumeClaimTemplates[0].spec.accessModes[0]',
  },
  // One sealed value under two labels opens under one at most (sealedsecret_expansion.go: labelFor).
  {
    name: 'a strictly sealed value reused for a SealedSecret of another name',
    build: guarded((c: ClusterChart) => {
      new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: sealedValue('db') } });
      new SealedSecret(c, 'db-copy', { namespace: 'web', encryptedData: { password: sealedValue('db') } });
    }),
    layer: 'schema', path: 'db-copy', field: 'encryptedData.password', hint: /kubeseal --raw --namespace web --name db-copy/, message: /web\/db \(strict\)/,
  },
  {
    name: 'a namespace-wide sealed value reused in another namespace',
    build: (c: ClusterChart) => {
      c.namespaces.ensure('other');
      raw(c, 'first', sealedManifest('db', 'web', sealedValue('wide'), NAMESPACE_WIDE));
      raw(c, 'w', sealedManifest('db', 'other', sealedValue('wide'), NAMESPACE_WIDE));
    },
    layer: 'schema', path: 'w', field: 'spec.encryptedData.password', hint: /--scope namespace-wide/, message: /namespace web \(namespace-wide\)/,
  },
  {
    name: 'a sealed value given to a strict SealedSecret and a cluster-wide one',
    build: guarded((c: ClusterChart) => {
      new SealedSecret(c, 'shared', { namespace: 'web', scope: 'cluster-wide', encryptedData: { token: sealedValue('token') } });
      new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { token: sealedValue('token') } });
    }),
    layer: 'schema', path: 'db', field: 'encryptedData.token', hint: /scope: 'cluster-wide'/,
  },
  // sops refuses a file whose metadata was edited before it decrypts a value (sops/stores: metadata, MAC).
  { name: 'a SOPS YAML file whose lastmodified is a date alone', build: sopsFile({ ...GOOD_SOPS, lastmodified: '2026-12-02' }), layer: 'policy', path: 'db', field: 'manifest.sops.lastmodified', message: /db\.enc\.yaml.*RFC 3339/ },
  { name: 'a SOPS YAML file without its mac', build: sopsFile({ ...GOOD_SOPS, mac: undefined }), layer: 'policy', path: 'db', field: 'manifest.sops.mac', message: /db\.enc\.yaml.*no mac/, hint: /git checkout/ },
  { name: 'a SOPS YAML file whose mac is no ENC value', build: sopsFile({ ...GOOD_SOPS, mac: '4F2A9C0D11' }), layer: 'policy', path: 'db', field: 'manifest.sops.mac', message: /ENC\[AES256_GCM/ },
  { name: 'a SOPS YAML file with no recipient', build: sopsFile({ lastmodified: '2026-12-02T05:13:02Z', mac: ENC, version: '3.9.4' }), layer: 'policy', path: 'db', field: 'manifest.sops', message: /no recipient/ },
  {
    name: 'a SOPS dotenv file whose sops_mac line is no ENC value',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const text = encryptedDotenv(`DB_PASSWORD=${ENC}`).replace(/^sops_mac=.*$/m, 'sops_mac=4F2A9C0D11');
      SopsSecret.fromDotenvFile(decrypting(app), 'db', { file: scratchFile('db.env', text), name: 'db', namespace: 'web' });
    }),
    layer: 'policy', path: 'db', field: 'file', message: /db\.env.*sops_mac/,
  },
  // A TLS Secret of a dotenv file is reported on the SopsSecret's own props, not on the Secret kustomize makes.
  { name: 'a TLS SopsSecret dotenv file without tls.key', build: dotenvSecret('kubernetes.io/tls', `tls.crt=${ENC}`), layer: 'schema', path: 'cert', field: 'file', hint: /dotenv file as KEY=VALUE/ },
  { name: 'a TLS SopsSecret dotenv file of type tls', build: dotenvSecret('tls', `tls.crt=${ENC}`, `tls.key=${ENC}`), layer: 'schema', path: 'cert', field: 'type', hint: /kubernetes\.io\/tls/ },
];
