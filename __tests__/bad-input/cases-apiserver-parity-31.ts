import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { ACME, certificate, issuer } from './cases-apiserver-parity-11';
import { trustManager } from '../support/lab-ca-lab';
import { besideWeb, raw, refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before. An APIService the aggregator's
// ValidateAPIService refuses: a name other than <version>.<group>, priorities out of range, a Service of no
// namespace or on no port, a caBundle beside insecureSkipTLSVerify or on a local APIService. And cert-manager
// issuers its webhook refuses although the CRD schema takes them: empty servers, paths and Vault logins, a
// caBundle of no certificate, a client certificate without its key, CA URLs left empty, and DNS-01 providers
// whose Secret references name no key or whose RFC 2136 TSIG key is half given. And trust-manager Bundles its
// webhook (or its CRD's rules) refuses: a source of two kinds or none, the default CAs twice, its own target as a
// source. And Certificates of a commonName or subject beside a literalSubject, name constraints on no CA or of no
// names, other names of no object identifier, and Secret template labels no label takes.

/** An APIService `v1beta1.metrics.k8s.io` (or `name`) with `spec` laid over one of metrics-server. */
export const apiService = (spec: Record<string, unknown>, name = 'v1beta1.metrics.k8s.io') => besideWeb({
  apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name },
  spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, service: { namespace: 'kube-system', name: 'metrics-server' }, ...spec },
});
/** The base64 of a PEM certificate block, as a caBundle holds it. */
export const PEM_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBATAKBggqhkjOPQQDAjAA\n-----END CERTIFICATE-----\n').toString('base64');
/** A Vault issuer of Vault at vault.lab.test that logs in with a token Secret; `vault` lays over it. */
export const vaultIssuer = (vault: Record<string, unknown>) => issuer({
  vault: { server: 'https://vault.lab.test:8200', path: 'pki/sign/lab', auth: { tokenSecretRef: { name: 'vault-token', key: 'token' } }, ...vault },
});
/** trust-manager and its Bundle `lab-ca`, as `w`, of `sources` into the ConfigMap key ca-certificates.crt (and `target` over it). */
export const trustBundle = (sources: unknown[], target: Record<string, unknown> = {}) => (c: ClusterChart) => {
  trustManager(c);
  raw(c, 'w', { apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'lab-ca' }, spec: { sources, target: { configMap: { key: 'ca-certificates.crt' }, ...target } } });
};
/** An ACME issuer of Let's Encrypt whose one solver is the DNS-01 challenge `dns01`. */
export const dnsSolver = (dns01: Record<string, unknown>) => issuer({ acme: { ...ACME, solvers: [{ dns01 }] } });

export const CASES: BadInput[] = [
  at('an APIService with insecureSkipTLSVerify beside its caBundle', apiService({ insecureSkipTLSVerify: true, caBundle: PEM_BUNDLE }), 'spec.insecureSkipTLSVerify', /drop insecureSkipTLSVerify/),
  at('an APIService of group priority 20001', apiService({ groupPriorityMinimum: 20001 }), 'spec.groupPriorityMinimum', /1–20000/),
  at('an APIService of version priority 0', apiService({ versionPriority: 0 }), 'spec.versionPriority', /1–1000/),
  at('an APIService whose Service is on port 0', apiService({ service: { namespace: 'kube-system', name: 'metrics-server', port: 0 } }), 'spec.service.port', /443/),
  at('an APIService whose Service has no namespace', apiService({ service: { name: 'metrics-server' } }), 'spec.service.namespace', /namespace: 'kube-system'/),
  at('an APIService named other than its version and group', apiService({}, 'metrics-server'), 'metadata.name', /name it v1beta1\.metrics\.k8s\.io/),
  at('a local APIService with a caBundle', apiService({ service: undefined, caBundle: PEM_BUNDLE }), 'spec.caBundle', /drop caBundle/),
  at('an ACME issuer of an empty server', issuer({ acme: { ...ACME, server: '' } }), 'spec.acme.server', /directory URL/),
  at('an ACME issuer whose caBundle is base64 of no certificate', issuer({ acme: { ...ACME, caBundle: Buffer.from('lab root CA').toString('base64') } }), 'spec.acme.caBundle', /base64 -w0/),
  at('a CA issuer with an empty OCSP server', issuer({ ca: { secretName: 'web-ca', ocspServers: [''] } }), 'spec.ca.ocspServers[0]', /drop the entry/),
  at('a Vault issuer of an empty path', vaultIssuer({ path: '' }), 'spec.vault.path', /pki\/sign/),
  at('a Vault issuer with a client certificate but no key', vaultIssuer({ clientCertSecretRef: { name: 'vault-client', key: 'tls.crt' } }), 'spec.vault.clientKeySecretRef', /give clientKeySecretRef/),
  at('a Vault issuer whose auth names no login', vaultIssuer({ auth: {} }), 'spec.vault.auth', /serviceAccountRef/),
  at('a Vault Kubernetes login with no token source', vaultIssuer({ auth: { kubernetes: { role: 'cert-manager' } } }), 'spec.vault.auth.kubernetes', /serviceAccountRef/),
  at('a Venafi TPP issuer of an empty url', issuer({ venafi: { zone: 'lab', tpp: { url: '', credentialsRef: { name: 'tpp' } } } }), 'spec.venafi.tpp.url', /vedsdk/),
  at('a DigitalOcean DNS-01 token of no key', dnsSolver({ digitalocean: { tokenSecretRef: { name: 'digitalocean' } } }), 'spec.acme.solvers[0].dns01.digitalocean.tokenSecretRef.key', /key: 'token'/),
  at('an RFC 2136 DNS-01 TSIG key name without its secret', dnsSolver({ rfc2136: { nameserver: '10.0.4.53', tsigKeyName: 'cert-manager' } }), 'spec.acme.solvers[0].dns01.rfc2136.tsigSecretSecretRef', /tsig-secret/),
  at('an RFC 2136 DNS-01 provider of an empty nameserver', dnsSolver({ rfc2136: { nameserver: '' } }), 'spec.acme.solvers[0].dns01.rfc2136.nameserver', /10\.0\.4\.53/),
  at('a webhook DNS-01 provider of an empty solver name', dnsSolver({ webhook: { groupName: 'acme.lab.test', solverName: '' } }), 'spec.acme.solvers[0].dns01.webhook.solverName', /solver name/),
  at('a Bundle source that is a Secret and the default CAs', trustBundle([{ secret: { name: 'lab-root-ca', key: 'tls.crt' }, useDefaultCAs: true }]), 'spec.sources[0]', /a source of its own/),
  at('a Bundle source that names nothing', trustBundle([{}]), 'spec.sources[0]', /lab-root-ca/),
  at('a Bundle asking for the default CAs twice', trustBundle([{ useDefaultCAs: true }, { useDefaultCAs: true }]), 'spec.sources[1].useDefaultCAs', /keep one source/),
  at('a Bundle reading its own target ConfigMap', trustBundle([{ configMap: { name: 'lab-ca', key: 'ca-certificates.crt' } }]), 'spec.sources[0].configMap', /another name or key/),
  at('a Certificate of a commonName beside its literalSubject', certificate({ literalSubject: 'CN=web.lab.test,O=Lab', commonName: 'web.lab.test' }), 'spec.commonName', /CN=web\.lab\.test/),
  at('a Certificate of subject organizations beside its literalSubject', certificate({ literalSubject: 'CN=web.lab.test', subject: { organizations: ['Lab'] } }), 'spec.subject', /O=Lab/),
  at('a Certificate of nameConstraints that is no CA', certificate({ nameConstraints: { permitted: { dnsDomains: ['lab.test'] } } }), 'spec.nameConstraints', /isCA: true/),
  at('a Certificate other name of no object identifier', certificate({ otherNames: [{ oid: 'userPrincipalName', utf8Value: 'ops@lab.test' }] }), 'spec.otherNames[0].oid', /1\.3\.6\.1/),
  at('a Certificate Secret template label of a value with a blank', certificate({ secretTemplate: { labels: { team: 'lab ops' } } }), 'spec.secretTemplate.labels.team'),
];
