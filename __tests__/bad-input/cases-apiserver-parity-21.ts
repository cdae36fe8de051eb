import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { raw, refusedAtW as at } from './lab';
import { ACME, certificate, issuer } from './cases-apiserver-parity-11';
import { widgetCrd } from './cases-apiserver-parity-19';
import { operatorObject, postgres, vault } from './cases-new-user-38';

// What a strict server-side dry-run refuses beyond the rounds before: a Namespace whose Pod Security audit or
// warn level, or policy version, Pod Security admission cannot read (it refuses the namespace at creation:
// PolicyToEvaluate). Certificates that cert-manager's webhook refuses for what they write (ValidateCertificateSpec,
// ValidateDuration): a renewal percentage beside renewBefore or out of range, a Secret name that is no RFC 1123
// subdomain, cert-manager's own annotations in the Secret template, a keystore without its one password source,
// an output format listed twice, and no CertificateRequest kept. ACME issuers the webhook refuses
// (ValidateACMEIssuerConfig and its solver checks): a CA bundle beside skipTLSVerify, an HTTP-01 challenge routed
// by no or two ways, an ingress solver naming its Ingress twice or by a class name that is no object's name, a
// solver Service of type LoadBalancer, a DNS-01 challenge of no or two providers, a Cloudflare global key without
// its account's e-mail or beside a token, a Route 53 access key given twice, a TSIG algorithm in BIND's spelling,
// and the Secrets of an issuer's keys named by an empty name or key.
// And an object of a kind whose CustomResourceDefinition is written by hand beside it, which the API server checks
// against that CRD's schema: a field of another type, one the schema lacks, a value outside its enum, and values
// not of the string formats kube-openapi checks (email, hostname, uri, mac, uuid). And CloudNativePG backups its
// webhook refuses: online settings of the volume snapshot method on a backup of the default barmanObjectStore
// method, and the plugin method without its plugin.

/** A Namespace `apps` of restricted pods, with `labels` laid over its Pod Security labels, as `w`. */
export const securedNamespace = (labels: Record<string, string>) => (c: ClusterChart) => {
  raw(c, 'w', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', ...labels } } });
};
const LABELS = 'metadata.labels.pod-security.kubernetes.io';
const JKS = { create: true };
/** An Issuer of Let's Encrypt whose one solver is `solver`. */
const solving = (solver: Record<string, unknown>) => issuer({ acme: { ...ACME, solvers: [solver] } });
const SOLVER = 'spec.acme.solvers[0]';
const CLOUDFLARE_TOKEN = { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } };
const CLOUDFLARE_KEY = { apiKeySecretRef: { name: 'cloudflare-api-key', key: 'api-key' } };
/** The spec schema of a hand-written Widget CRD: a count, a mode of an enum and fields of each string format. */
export const WIDGET_SPEC = {
  type: 'object',
  properties: {
    replicas: { type: 'integer' }, mode: { type: 'string', enum: ['fast', 'safe'] },
    owner: { type: 'string', format: 'email' }, host: { type: 'string', format: 'hostname' }, callback: { type: 'string', format: 'uri' },
    mac: { type: 'string', format: 'mac' }, serial: { type: 'string', format: 'uuid' },
  },
};
/** A cluster with the Widget CRD `widgets.lab.example` of {@link WIDGET_SPEC}, and a Widget `w` of `spec`. */
export const widget = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'crd', widgetCrd({}, { schema: { openAPIV3Schema: { type: 'object', properties: { spec: WIDGET_SPEC } } } }));
  raw(c, 'w', { apiVersion: 'lab.example/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec });
};
/** A CloudNativePG `kind` (Backup or ScheduledBackup) `nightly` of the Cluster `pg`, with `spec` laid over it. */
export const cnpgBackup = (kind: string, spec: Record<string, unknown>) => vault((c) => {
  postgres(c);
  operatorObject(c, 'nightly', 'db', 'postgresql.cnpg.io/v1', kind, { cluster: { name: 'pg' }, ...(kind === 'ScheduledBackup' ? { schedule: '0 0 3 * * *' } : {}), ...spec });
});
const cnpg = (name: string, build: BadInput['build'], field: string, hint: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'nightly', field, hint });
const CRD_HINT = /CustomResourceDefinition widgets\.lab\.example gives Widget; the API server rejects/;

export const CASES: BadInput[] = [
  // Pod Security labels (pod-security-admission's PolicyToEvaluate, on namespace creation).
  at('a namespace warning at level Restricted, in capitals', securedNamespace({ 'pod-security.kubernetes.io/warn': 'Restricted' }), `${LABELS}/warn`, /warn: restricted/),
  at('a namespace auditing at a level of no such name', securedNamespace({ 'pod-security.kubernetes.io/audit': 'strict' }), `${LABELS}/audit`, /restricted, baseline, privileged/),
  at('a namespace enforcing the policy of a patch release', securedNamespace({ 'pod-security.kubernetes.io/enforce-version': 'v1.30.2' }), `${LABELS}/enforce-version`, /v1\.30 \(the minor release alone\)/),
  at('a namespace warning by the policy of version 1.30 without its v', securedNamespace({ 'pod-security.kubernetes.io/warn-version': '1.30' }), `${LABELS}/warn-version`, /v1\.30/),
  at('a namespace auditing by the policy of version newest', securedNamespace({ 'pod-security.kubernetes.io/audit-version': 'newest' }), `${LABELS}/audit-version`, /latest/),
  // Renewal windows (ValidateDuration).
  at('a Certificate renewed by a percentage and by renewBefore', certificate({ renewBefore: '720h', renewBeforePercentage: 33 }), 'spec.renewBeforePercentage', /drop renewBefore/),
  at('a Certificate renewed with 100 percent of its lifetime left', certificate({ renewBeforePercentage: 100 }), 'spec.renewBeforePercentage', /renewBeforePercentage: 33/),
  at('a Certificate renewed with no part of its lifetime left', certificate({ renewBeforePercentage: 0 }), 'spec.renewBeforePercentage', /share to renew in/),
  at('a Certificate of an hour whose renewal percentage leaves the webhook 3 minutes', certificate({ duration: '1h', renewBeforePercentage: 95 }), 'spec.renewBeforePercentage', /lower percentage or a longer duration/),
  // What the Certificate writes (ValidateCertificateSpec).
  at('a Certificate stored in a Secret named in capitals', certificate({ secretName: 'Web_TLS' }), 'spec.secretName', /secretName: web-tls/),
  at("a Certificate's Secret template setting cert-manager's issuer annotation", certificate({ secretTemplate: { annotations: { 'cert-manager.io/issuer-name': 'lab-ca' } } }),
    'spec.secretTemplate.annotations.cert-manager.io/issuer-name', /allow-direct-injection alone/),
  at('a Certificate JKS keystore of no password', certificate({ keystores: { jks: JKS } }), 'spec.keystores.jks.passwordSecretRef', /passwordSecretRef: \{ name/),
  at('a Certificate PKCS#12 keystore of an empty literal password', certificate({ keystores: { pkcs12: { create: true, password: '' } } }), 'spec.keystores.pkcs12.password', /out of Git/),
  at('a Certificate keystore of a password and a passwordSecretRef', certificate({ keystores: { jks: { ...JKS, password: 'changeit', passwordSecretRef: { name: 'web-keystore', key: 'password' } } } }),
    'spec.keystores.jks.password', /drop password/),
  at('a Certificate listing the CombinedPEM output format twice', certificate({ additionalOutputFormats: [{ type: 'CombinedPEM' }, { type: 'DER' }, { type: 'CombinedPEM' }] }),
    'spec.additionalOutputFormats[2].type', /drop additionalOutputFormats\[2\]/),
  at('a Certificate that keeps no CertificateRequest', certificate({ revisionHistoryLimit: 0 }), 'spec.revisionHistoryLimit', /revisionHistoryLimit: 1 or more/),
  // ACME issuers and their solvers (ValidateACMEIssuerConfig, ValidateACMEIssuerChallengeSolver*).
  at('an ACME issuer trusting a CA bundle and skipping TLS verification', issuer({ acme: { ...ACME, caBundle: 'TFM=', skipTLSVerify: true, solvers: [] } }),
    'spec.acme.skipTLSVerify', /drop skipTLSVerify/),
  at('an HTTP-01 solver routed neither by an ingress nor by a gateway', solving({ http01: {} }), `${SOLVER}.http01`, /ingressClassName: 'traefik'/),
  at('an HTTP-01 solver routed by an ingress and by a gateway', solving({ http01: { ingress: { ingressClassName: 'traefik' }, gatewayHTTPRoute: { parentRefs: [{ name: 'main' }] } } }),
    `${SOLVER}.http01`, /second solver/),
  at('an ingress solver giving an ingressClassName and a class', solving({ http01: { ingress: { ingressClassName: 'traefik', class: 'traefik' } } }), `${SOLVER}.http01.ingress`, /drop class/),
  at("an ingress solver whose ingressClassName is a controller's class string", solving({ http01: { ingress: { ingressClassName: 'azure/application-gateway' } } }),
    `${SOLVER}.http01.ingress.ingressClassName`, /goes in class/),
  at('an ingress solver exposed by a LoadBalancer Service', solving({ http01: { ingress: { ingressClassName: 'traefik', serviceType: 'LoadBalancer' } } }),
    `${SOLVER}.http01.ingress.serviceType`, /ClusterIP/),
  at('a DNS-01 solver of no provider', solving({ dns01: { cnameStrategy: 'Follow' } }), `${SOLVER}.dns01`, /cloudflare: \{ apiTokenSecretRef/),
  at('a DNS-01 solver of Cloudflare and Route 53', solving({ dns01: { cloudflare: CLOUDFLARE_TOKEN, route53: { region: 'eu-west-1' } } }), `${SOLVER}.dns01.route53`, /second solver for route53/),
  at('a Cloudflare solver of a global API key without its e-mail', solving({ dns01: { cloudflare: CLOUDFLARE_KEY } }), `${SOLVER}.dns01.cloudflare.email`, /apiTokenSecretRef/),
  at('a Cloudflare solver of a global API key and a token', solving({ dns01: { cloudflare: { ...CLOUDFLARE_KEY, ...CLOUDFLARE_TOKEN, email: 'ops@lab.test' } } }),
    `${SOLVER}.dns01.cloudflare`, /drop the global API key/),
  at('a Route 53 solver of an access key given inline and from a Secret', solving({ dns01: { route53: {
    region: 'eu-west-1', accessKeyID: 'AKIAEXAMPLE', accessKeyIDSecretRef: { name: 'route53', key: 'access-key-id' }, secretAccessKeySecretRef: { name: 'route53', key: 'secret-access-key' },
  } } }), `${SOLVER}.dns01.route53.accessKeyIDSecretRef`, /drop accessKeyID/),
  at("an RFC 2136 solver of BIND's hmac-sha256", solving({ dns01: { rfc2136: { nameserver: '192.168.1.53', tsigKeyName: 'acme', tsigAlgorithm: 'hmac-sha256', tsigSecretSecretRef: { name: 'tsig', key: 'secret' } } } }),
    `${SOLVER}.dns01.rfc2136.tsigAlgorithm`, /tsigAlgorithm: HMACSHA256/),
  at('a CA issuer of an empty secretName', issuer({ ca: { secretName: '' } }), 'spec.ca.secretName', /lab-root-ca/),
  at('an ACME issuer whose account key Secret has an empty name', issuer({ acme: { ...ACME, privateKeySecretRef: { name: '' }, solvers: [] } }),
    'spec.acme.privateKeySecretRef.name', /letsencrypt-account-key/),
  at('an ACME external account binding of an empty key ID', issuer({ acme: { ...ACME, externalAccountBinding: { keyID: '', keySecretRef: { name: 'eab', key: 'secret' } }, solvers: [] } }),
    'spec.acme.externalAccountBinding.keyID', /ZeroSSL/),
  at('an ACME external account binding whose Secret key is not named', issuer({ acme: { ...ACME, externalAccountBinding: { keyID: 'kid-1', keySecretRef: { name: 'eab' } }, solvers: [] } }),
    'spec.acme.externalAccountBinding.keySecretRef.key', /key: secret/),
  // Objects of a CRD written by hand (the API server's schema validation of custom resources).
  at('a Widget of a count written as text', widget({ replicas: 'three' }), 'spec.replicas', CRD_HINT),
  at('a Widget with a field its CRD lacks', widget({ replica: 3 }), /spec(\.replica)?$/),
  at('a Widget of a mode outside its enum', widget({ mode: 'turbo' }), 'spec.mode'),
  at('a Widget owner that is no e-mail address', widget({ owner: 'ops team' }), 'spec.owner', CRD_HINT),
  at('a Widget host with an underscore', widget({ host: 'nas_01.lab.example' }), 'spec.host'),
  at('a Widget callback URI without a scheme', widget({ callback: 'lab.example/hook' }), 'spec.callback'),
  at('a Widget MAC address of five octets', widget({ mac: '52:54:00:12:34' }), 'spec.mac'),
  at('a Widget serial that is no UUID', widget({ serial: 'W-2024-0001' }), 'spec.serial'),
  // CloudNativePG backups (the Backup and ScheduledBackup webhooks).
  cnpg('a CloudNativePG ScheduledBackup taken offline by the default method', cnpgBackup('ScheduledBackup', { online: false }), 'spec.online', /method: volumeSnapshot/),
  cnpg('a CloudNativePG Backup to an object store with online settings', cnpgBackup('Backup', { method: 'barmanObjectStore', onlineConfiguration: { immediateCheckpoint: true } }),
    'spec.onlineConfiguration', /drop onlineConfiguration/),
  cnpg('a CloudNativePG Backup of the plugin method without its plugin', cnpgBackup('Backup', { method: 'plugin' }), 'spec.pluginConfiguration', /barman-cloud/),
];
