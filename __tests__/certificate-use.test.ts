import { App as CdkApp } from 'cdk8s';
import { App, caIssuer, ClusterChart, ClusterIssuer, Harbor, SecretReference, synthesize, WildcardCertificate } from '../constructs';
import { labCluster } from './bad-input/lab';

// A wildcard certificate is issued for the routes it covers: one that no route serves and nothing reads
// is a warning naming it; one kept from the namespaces that read it (replicate: false) is one error.

/** The findings on the certificates of `lab/main` (domain lab.test), built by `build`. */
function certificateFindings(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  build(cluster);
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => /^main\/(wild|typo|default|deep)$/.test(f.constructPath))
    .map((f) => ({ severity: f.severity, path: f.constructPath, field: f.field, message: f.message }));
}
const routed = (cluster: ClusterChart, id: string, host = id) =>
  new App(cluster, id, { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host } });

test('replicate: false read from three namespaces is one error naming them all', () => {
  const findings = certificateFindings((cluster) => {
    new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca', replicate: false });
    ['a', 'b', 'c'].forEach((id) => routed(cluster, id));
  });
  expect(findings).toEqual([expect.objectContaining({ severity: 'error', path: 'main/wild', field: 'replicate', message: expect.stringContaining('namespaces "a", "b", "c" read') })]);
});

test('a certificate for a domain no route serves is a warning naming it and its domain', () => {
  const findings = certificateFindings((cluster) => {
    new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca' });
    new WildcardCertificate(cluster, 'typo', { issuer: 'lab-ca', domain: 'lab.tset' });
    routed(cluster, 'web');
  });
  expect(findings).toEqual([expect.objectContaining({
    severity: 'warning', path: 'main/typo', field: 'domain', message: expect.stringMatching(/wildcard-lab-tset-tls for \*\.lab\.tset and lab\.tset covers no host name/),
  })]);
});

test('a certificate read by name (a default certificate) or covering a route, even one a chart renders, is no warning', () => {
  const findings = certificateFindings((cluster) => {
    new WildcardCertificate(cluster, 'default', { issuer: 'lab-ca', domain: 'other.test' }).useIn('traefik');
    new WildcardCertificate(cluster, 'deep', { issuer: 'lab-ca', domain: 'apps.lab.test' });
    routed(cluster, 'web', 'web.apps.lab.test');
    // Harbor's chart renders its own Ingress, which Traefik serves with the certificate from its store.
    new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca', domain: 'registry.test', namespace: 'traefik', replicate: false });
    new Harbor(cluster, 'harbor', {
      route: { host: 'harbor.registry.test' }, storageTier: 'local', adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    });
  });
  expect(findings).toEqual([]);
});
