import { App as CdkApp } from 'cdk8s';
import { ClusterChart, synthesize } from '../constructs';
import { ACME, certificate, issuer } from './bad-input/cases-apiserver-parity-11';
import { cnpgBackup, securedNamespace, widget } from './bad-input/cases-apiserver-parity-21';
import { widgetCrd } from './bad-input/cases-apiserver-parity-19';
import { PEM_BUNDLE } from './bad-input/cases-apiserver-parity-31';
import { labCluster, raw } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server and cert-manager's webhook take beside what they refuse: a namespace's Pod Security
// audit and warn levels in lower case and its policy versions as latest or a minor release; a CRD of
// selectableFields, with a warning; objects of a hand-written CRD whose values are of its formats, in each
// spelling kube-openapi takes; Certificates renewed by a percentage alone, stored in a Secret of an RFC 1123 name
// whose template sets the one cert-manager annotation it may, with keystores locked by a Secret's key, each output
// format once, and one CertificateRequest kept; ACME issuers of one solver per challenge way and DNS provider,
// with a CA bundle alone, an external account binding of its key ID and Secret key, a Cloudflare global key with
// its e-mail, and TSIG algorithms in cert-manager's spelling of any letter case; CloudNativePG backups whose
// online settings go with the volume snapshot method.

/** The findings of a lab cluster that `build` fills (given the lab's app too, for a cluster of its own), validated in memory. */
const labFindings = (build: (c: ClusterChart, app: CdkApp) => void) => {
  const app = new CdkApp();
  build(labCluster(app), app);
  return synthesize(app, { outdir: 'unused', write: false });
};

test('Pod Security labels of every level and policy version the admission reads are accepted', () => {
  expect(labErrors(securedNamespace({
    'pod-security.kubernetes.io/enforce-version': 'v1.30',
    'pod-security.kubernetes.io/audit': 'baseline', 'pod-security.kubernetes.io/audit-version': 'latest',
    'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.0',
  }))).toEqual([]);
});

test('a CRD version of selectableFields is taken, with a warning that Kubernetes 1.30 drops them', () => {
  const { findings } = labFindings((c) => {
    raw(c, 'w', widgetCrd({}, { selectableFields: [{ jsonPath: '.spec.replicas' }] }));
  });
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(findings.filter((f) => f.severity === 'warning' && f.field === 'spec.versions[0].selectableFields').map((f) => f.message))
    .toEqual([expect.stringMatching(/CustomResourceFieldSelectors/)]);
});

test('an object of a hand-written CRD with values of each string format in the spellings kube-openapi takes is accepted', () => {
  for (const spec of [
    { replicas: 3, mode: 'fast', owner: 'ops@lab.example', host: 'nas01.lab.example', callback: 'https://lab.example/hook', mac: '52:54:00:12:34:56', serial: '123e4567-e89b-12d3-a456-426614174000' },
    { owner: 'Lab Ops <ops@lab.example>', host: '1nas', callback: '/hook', mac: '5254.0012.3456', serial: '123E4567E89B12D3A456426614174000' },
    { mac: '52-54-00-12-34-56', callback: 'mailto:ops@lab.example' },
  ]) {
    expect(labErrors(widget(spec))).toEqual([]);
  }
});

test('a Certificate renewed by a percentage, with keystores, output formats and a Secret template cert-manager takes, is accepted', () => {
  expect(labErrors(certificate({
    duration: '2160h', renewBeforePercentage: 33, revisionHistoryLimit: 1,
    secretTemplate: { annotations: { 'cert-manager.io/allow-direct-injection': 'true', 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true' }, labels: { app: 'web' } },
    keystores: { jks: { create: true, passwordSecretRef: { name: 'web-keystore', key: 'password' } }, pkcs12: { create: true, passwordSecretRef: { name: 'web-keystore', key: 'password' }, profile: 'Modern2023' } },
    additionalOutputFormats: [{ type: 'CombinedPEM' }, { type: 'DER' }],
  }))).toEqual([]);
});

test('a Certificate of an hour renewed with a fifth of it left is accepted', () => {
  expect(labErrors(certificate({ duration: '1h', renewBeforePercentage: 20, secretName: 'web.tls' }))).toEqual([]);
});

test('a Certificate keystore of a literal password is taken, with a warning that it is in Git', () => {
  const { findings } = labFindings(certificate({ keystores: { jks: { create: true, password: 'changeit' } } }));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(findings.filter((f) => f.severity === 'warning' && f.field === 'spec.keystores.jks.password').map((f) => f.message)).toEqual([expect.stringMatching(/plain text in Git/)]);
});

test('ACME solvers of one way and one provider each, in the spellings cert-manager takes, are accepted', () => {
  expect(labErrors(issuer({
    acme: {
      ...ACME, caBundle: PEM_BUNDLE, skipTLSVerify: false, externalAccountBinding: { keyID: 'kid-1', keySecretRef: { name: 'eab', key: 'secret' } },
      solvers: [
        { http01: { ingress: { ingressClassName: 'traefik', serviceType: 'ClusterIP' } }, selector: { dnsNames: ['web.lab.test'] } },
        { dns01: { cnameStrategy: 'Follow', rfc2136: { nameserver: '192.168.1.53:53', tsigKeyName: 'acme', tsigAlgorithm: 'hmacsha256', tsigSecretSecretRef: { name: 'tsig', key: 'secret' } } }, selector: { dnsZones: ['lab.test'] } },
        { dns01: { cloudflare: { email: 'ops@lab.test', apiKeySecretRef: { name: 'cloudflare-api-key', key: 'api-key' } } }, selector: { dnsZones: ['lab.example'] } },
        { dns01: { route53: { region: 'eu-west-1', accessKeyIDSecretRef: { name: 'route53', key: 'access-key-id' }, secretAccessKeySecretRef: { name: 'route53', key: 'secret-access-key' } } }, selector: { dnsZones: ['aws.lab.example'] } },
      ],
    },
  }))).toEqual([]);
});

test('CloudNativePG backups by volume snapshots taken offline, and by a named plugin, are accepted', () => {
  for (const [kind, spec] of [
    ['ScheduledBackup', { method: 'volumeSnapshot', online: false }],
    ['Backup', { method: 'volumeSnapshot', onlineConfiguration: { immediateCheckpoint: true } }],
    ['Backup', { method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' } }],
  ] as const) {
    const { findings } = labFindings(cnpgBackup(kind, spec));
    expect(findings.filter((f) => f.severity === 'error' && f.constructPath.endsWith('nightly')).map((f) => `${f.field}: ${f.message}`)).toEqual([]);
  }
});
