import { ACME, certificate, issuer } from './bad-input/cases-apiserver-parity-11';
import { apiService, dnsSolver, PEM_BUNDLE, trustBundle, vaultIssuer } from './bad-input/cases-apiserver-parity-31';
import { LAB_ROOT } from './support/lab-ca-lab';
import { labErrors } from './support/lab-errors';

// What the aggregator and cert-manager's webhook take beside what they refuse: an APIService verified by a
// caBundle, or not verified at all, on the default port, and a local one; issuers whose servers, paths, logins
// and CA bundles are given whole; DNS-01 providers whose Secrets name their keys, and RFC 2136 with a whole TSIG key or none;
// trust-manager Bundles of one kind per source, the default CAs once, and a ConfigMap source other than their own target;
// Certificates of a literal subject alone and Secret template labels a label takes (name constraints and other names
// are left out: cert-manager takes them only where their feature gates are on).

test('APIServices the aggregator takes are accepted', () => {
  for (const build of [
    apiService({ caBundle: PEM_BUNDLE }),
    apiService({ insecureSkipTLSVerify: true, service: { namespace: 'kube-system', name: 'metrics-server', port: 10250 } }),
    apiService({ groupPriorityMinimum: 20000, versionPriority: 1000, service: undefined }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('issuers and DNS-01 providers given whole are accepted', () => {
  for (const build of [
    issuer({ acme: { ...ACME, caBundle: PEM_BUNDLE } }),
    issuer({ ca: { secretName: 'web-ca', ocspServers: ['http://ocsp.lab.test'], issuingCertificateURLs: ['http://ca.lab.test/ca.crt'] } }),
    vaultIssuer({ caBundle: PEM_BUNDLE, clientCertSecretRef: { name: 'vault-client', key: 'tls.crt' }, clientKeySecretRef: { name: 'vault-client', key: 'tls.key' } }),
    vaultIssuer({ auth: { kubernetes: { role: 'cert-manager', serviceAccountRef: { name: 'vault-issuer' } } } }),
    vaultIssuer({ auth: { appRole: { path: 'approle', roleId: 'cert-manager', secretRef: { name: 'vault-approle', key: 'secretId' } } } }),
    dnsSolver({ rfc2136: { nameserver: '10.0.4.53', tsigKeyName: 'cert-manager', tsigAlgorithm: 'HMACSHA256', tsigSecretSecretRef: { name: 'tsig', key: 'secret' } } }),
    dnsSolver({ rfc2136: { nameserver: '10.0.4.53' } }),
    dnsSolver({ digitalocean: { tokenSecretRef: { name: 'digitalocean', key: 'token' } } }),
    dnsSolver({ route53: { region: 'eu-west-1' } }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('trust-manager Bundles of one kind per source are accepted', () => {
  for (const build of [
    trustBundle([{ useDefaultCAs: true }, { secret: { name: 'lab-root-ca', key: 'tls.crt' } }, { inLine: LAB_ROOT }]),
    trustBundle([{ configMap: { name: 'lab-ca', key: 'root.crt' } }]),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('Certificates of a literal subject alone and Secret template labels a label takes are accepted', () => {
  for (const build of [
    certificate({ literalSubject: 'CN=web.lab.test,O=Lab', subject: { organizations: [] } }),
    certificate({ secretTemplate: { labels: { team: 'lab-ops', 'lab.test/owner': 'ops' } } }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});
