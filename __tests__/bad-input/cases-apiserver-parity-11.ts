import { caIssuer, ClusterIssuer, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { besideWeb as w, goodDeployment, raw, refusedAtW as at } from './lab';

// Certificates and issuers that cert-manager's validating webhook refuses although their CRD schemas allow
// them (ValidateCertificateSpec, ValidateDuration, ValidateIssuerConfig, ValidateACMEIssuerChallengeSolverConfig):
// a strict server-side dry-run calls the webhook, so they fail there as the API server's own rules do. And an
// autoscaler whose scaling rules list no policy (validateScalingRules), which the API server fills in only
// where policies are left out. Each is reported on the field the user wrote.

/** A cluster with cert-manager (brought by a CA ClusterIssuer `lab-ca`), the web Deployment, and `manifest` as `w`. */
const withIssuer = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
  raw(c, 'w', manifest);
};
/** A Certificate `web` of the CA ClusterIssuer `lab-ca` for web.lab.test, with `spec` laid over its spec, as `w`. */
export const certificate = (spec: Record<string, unknown>) => withIssuer({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' },
  spec: { secretName: 'web-tls', dnsNames: ['web.lab.test'], issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' }, ...spec },
});
/** An Issuer `web` of namespace `web` with `spec`, as `w`, beside the CA ClusterIssuer `lab-ca`. */
export const issuer = (spec: Record<string, unknown>) => withIssuer({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'web', namespace: 'web' }, spec });
/** An ACME issuer of Let's Encrypt without solvers. */
export const ACME = { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@lab.test', privateKeySecretRef: { name: 'web-account-key' } };
const autoscaler = (behavior: Record<string, unknown>) => w({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }], behavior,
  },
});

export const CASES: BadInput[] = [
  // Lifetimes (ValidateDuration, metav1.Duration).
  at('a Certificate lasting 90d, which Go cannot read', certificate({ duration: '90d' }), 'spec.duration', /duration: '2160h'/),
  at('a Certificate renewed 1d before its end, which Go cannot read', certificate({ renewBefore: '1d' }), 'spec.renewBefore', /renewBefore: '24h'/),
  at('a Certificate lasting half an hour', certificate({ duration: '30m' }), 'spec.duration', /1h/),
  at('a Certificate renewed 90 days before the end of its default 90 days', certificate({ renewBefore: '2160h' }), 'spec.renewBefore', /720h/),
  at('a Certificate renewed as long before its end as it lasts', certificate({ duration: '720h', renewBefore: '720h' }), 'spec.renewBefore'),
  at('a Certificate renewed a minute before its end', certificate({ renewBefore: '1m' }), 'spec.renewBefore', /5m/),
  // Names (ValidateCertificateSpec).
  at('a Certificate of no name', certificate({ dnsNames: [] }), 'spec', /dnsNames/),
  at('a Certificate common name of 65 bytes', certificate({ commonName: `${'a'.repeat(56)}.lab.test` }), 'spec.commonName', /dnsNames/),
  at('a Certificate IP SAN written as a block', certificate({ ipAddresses: ['10.0.0.5/32'] }), 'spec.ipAddresses[0]', /'10\.0\.0\.5'/),
  at('a Certificate IP SAN that is a host name', certificate({ ipAddresses: ['nas.lab.test'] }), 'spec.ipAddresses[0]', /dnsNames/),
  at('a Certificate e-mail SAN with a display name', certificate({ emailAddresses: ['Lab Ops <ops@lab.test>'] }), 'spec.emailAddresses[0]', /'ops@lab\.test'/),
  // Keys and issuers (ValidateCertificateSpec, validateIssuerRef).
  at('a Certificate ECDSA key of an RSA size', certificate({ privateKey: { algorithm: 'ECDSA', size: 2048 } }), 'spec.privateKey.size', /algorithm: RSA/),
  at('a Certificate RSA key of 1024 bits', certificate({ privateKey: { algorithm: 'RSA', size: 1024 } }), 'spec.privateKey.size'),
  at('a Certificate signed SHA256WithRSA with an ECDSA key', certificate({ privateKey: { algorithm: 'ECDSA', size: 256 }, signatureAlgorithm: 'SHA256WithRSA' }),
    'spec.signatureAlgorithm', /ECDSAWithSHA256/),
  at('a Certificate issuer of kind clusterissuer in lower case', certificate({ issuerRef: { name: 'lab-ca', kind: 'clusterissuer' } }), 'spec.issuerRef.kind', /kind: ClusterIssuer/),
  at('a Certificate of an external issuer kind without its group', certificate({ issuerRef: { name: 'pca', kind: 'AWSPCAClusterIssuer' } }), 'spec.issuerRef.kind', /group/),
  // Issuers (ValidateIssuerConfig, ValidateACMEIssuerChallengeSolverConfig).
  at('an Issuer of two issuer types', issuer({ selfSigned: {}, ca: { secretName: 'web-ca' } }), 'spec.selfSigned', /make a second issuer for selfSigned/),
  at('an Issuer of no issuer type', issuer({}), 'spec'),
  at('an ACME solver with an http01 and a dns01 challenge', issuer({
    acme: { ...ACME, solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } }, dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare', key: 'token' } } } }] },
  }), 'spec.acme.solvers[0]', /two solvers/),
  at('an ACME solver of no challenge', issuer({ acme: { ...ACME, solvers: [{ selector: { dnsZones: ['lab.test'] } }] } }), 'spec.acme.solvers[0]', /http01 or dns01/),
  // Autoscaler behavior (validateScalingRules).
  at('an autoscaler scaling down by an empty list of policies', autoscaler({ scaleDown: { stabilizationWindowSeconds: 300, policies: [] } }),
    'spec.behavior.scaleDown.policies', /leave policies out/),
];
