import { App as CdkApp } from 'cdk8s';
import { App, caIssuer, ClusterChart, ClusterIssuer, gatewayApi, Harbor, SecretReference, synthesize, WildcardCertificate } from '../constructs';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { lab, labCluster } from './bad-input/lab';

// A wildcard certificate is issued for the routes it covers: one that no route serves and nothing reads
// is a warning naming it; one kept from the namespaces that read it (replicate: false) is one error.

/** The findings on the certificates of `lab/main` (domain lab.test), built by `build`. */
function certificateFindings(build: (cluster: ClusterChart) => void, onGateway = false) {
  const app = new CdkApp();
  const cluster = onGateway
    ? labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] })
    : labCluster(app);
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  build(cluster);
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => /^main\/(wild|typo|default|deep|gateway-certificate)$/.test(f.constructPath))
    .map((f) => ({ severity: f.severity, path: f.constructPath, field: f.field, message: f.message }));
}
const routed = (cluster: ClusterChart, id: string, host = id) =>
  new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host } });

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

describe("under the Gateway API flavor, whose Gateway serves every route the one Secret its HTTPS listener names", () => {
  const gatewayCertificate = (cluster: ClusterChart) =>
    new WildcardCertificate(cluster, 'gateway-certificate', { issuer: 'lab-ca', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });

  test("a wildcard certificate covering its routes that is not the Gateway's is a warning saying how to make it the Gateway's", () => {
    const findings = certificateFindings((cluster) => {
      gatewayCertificate(cluster);
      new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca' });
      routed(cluster, 'web');
    }, true);
    expect(findings).toEqual([expect.objectContaining({
      severity: 'warning', path: 'main/wild', field: 'issuer', message: expect.stringMatching(/cert-manager\/wildcard-lab-test-tls covers web\.lab\.test, but .*gateway\/main-gateway-tls/),
    })]);
  });

  test("the Gateway's own certificate is no warning", () => {
    expect(certificateFindings((cluster) => {
      gatewayCertificate(cluster);
      routed(cluster, 'web');
    }, true)).toEqual([]);
  });
});
