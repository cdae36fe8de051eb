import { App as CdkApp } from 'cdk8s';
import { ClusterChart, declareExternal, ExternalSecret, flux, host, noRoutes, site } from '../constructs';
import { synthInMemory } from './support/synth';

// An ExternalSecret needs External Secrets Operator, whatever its store: a store made outside the
// repository (1Password Connect, Bitwarden, a ClusterSecretStore applied by hand) brings it as a
// VaultClusterSecretStore does, rather than leaving the ExternalSecret's kind without a CRD.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const home = site('home', { domain: 'home.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/home.git' } });

test('an ExternalSecret of a store declared outside the repository installs External Secrets Operator', () => {
  let cluster: ClusterChart | undefined;
  const result = synthInMemory((app) => {
    cluster = new ClusterChart(app as CdkApp, 'main', { site: home, hosts: [nuc], routes: noRoutes(), gitops: flux() });
    declareExternal(cluster, { clusterSecretStores: ['onepassword'] });
    new ExternalSecret(cluster, 'api', { namespace: 'web', store: { name: 'onepassword' }, data: { token: { remoteKey: 'api/token' } } });
  });
  expect(result.findings.filter((f) => f.severity === 'error' && f.layer !== 'schema').map((f) => `${f.field}: ${f.message}`)).toEqual([]);
  expect(cluster!.platform.get('external-secrets')).toBeDefined();
});
