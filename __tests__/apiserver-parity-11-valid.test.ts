import { caIssuer, ClusterIssuer, SecretReference } from '../constructs';
import type { ClusterChart } from '../constructs';
import { goodDeployment, raw } from './bad-input/lab';
import { labErrors as errorsOf } from './support/lab-errors';

// What cert-manager's webhook and the API server take beside the near misses they refuse: lifetimes at their
// bounds and in every spelling Go reads, names at their longest, addresses of each family, each key size and
// signature of each algorithm, issuer references by kind, group or neither, issuers of one type, solvers of
// one challenge, and autoscaler scaling rules that leave their policies out.

/** The errors of a lab cluster with cert-manager (a CA ClusterIssuer `lab-ca`) and `manifests`. */
const errorsWith = (...manifests: Array<Record<string, unknown>>) => errorsOf((c: ClusterChart) => {
  new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
  manifests.forEach((manifest, i) => raw(c, `object-${i}`, manifest));
});
const certificate = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace: 'web' },
  spec: { secretName: `${name}-tls`, issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' }, ...spec },
});
const NAMES = { dnsNames: ['web.lab.test'] };

test('Certificate lifetimes at their bounds and in every spelling Go reads are accepted', () => {
  expect(errorsWith(
    certificate('shortest', { ...NAMES, duration: '1h', renewBefore: '5m' }),
    certificate('just-below', { ...NAMES, duration: '720h', renewBefore: '719h59m' }),
    certificate('fractions', { ...NAMES, duration: '1.5h', renewBefore: '30m0s' }),
    certificate('seconds', { ...NAMES, duration: '7776000s', renewBefore: '+2592000s' }),
    certificate('default-length', { ...NAMES, renewBefore: '720h' }),
    certificate('default-window', { ...NAMES, duration: '8760h' }),
  )).toEqual([]);
});

test('Certificates named by a 64-byte common name, an address of each family or a bare e-mail address alone are accepted', () => {
  expect(errorsWith(
    certificate('common-name', { commonName: `${'a'.repeat(55)}.lab.test` }),
    certificate('addresses', { ipAddresses: ['10.0.0.5', 'fd00::5', '::ffff:10.0.0.5'] }),
    certificate('mailbox', { emailAddresses: ['ops@lab.test', 'first.last+certs@lab.test'] }),
  )).toEqual([]);
});

test('each key size and signature of each key algorithm, and issuer references by kind, group or neither, are accepted', () => {
  expect(errorsWith(
    certificate('rsa-smallest', { ...NAMES, privateKey: { algorithm: 'RSA', size: 2048 }, signatureAlgorithm: 'SHA512WithRSA' }),
    certificate('rsa-largest', { ...NAMES, privateKey: { size: 8192 }, signatureAlgorithm: 'SHA256WithRSA' }),
    certificate('ecdsa', { ...NAMES, privateKey: { algorithm: 'ECDSA', size: 521 }, signatureAlgorithm: 'ECDSAWithSHA384' }),
    certificate('ed25519', { ...NAMES, privateKey: { algorithm: 'Ed25519' }, signatureAlgorithm: 'PureEd25519' }),
    certificate('grouped', { ...NAMES, issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' } }),
  )).toEqual([]);
});

test('issuers of one type, and ACME solvers of one challenge each, are accepted', () => {
  const acme = { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@lab.test', privateKeySecretRef: { name: 'web-account-key' } };
  expect(errorsWith(
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'self', namespace: 'web' }, spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'acme', namespace: 'web' },
      spec: {
        acme: {
          ...acme, solvers: [
            { selector: { dnsZones: ['lab.test'] }, dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare', key: 'token' } } } },
            { http01: { ingress: { ingressClassName: 'traefik' } } },
          ],
        },
      },
    },
  )).toEqual([]);
});

test('autoscaler scaling rules that leave their policies out, or turn a direction off, are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'web', goodDeployment());
    raw(c, 'hpa', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 600 }, scaleUp: { selectPolicy: 'Disabled' } },
      },
    });
  })).toEqual([]);
});
