import { App as CdkApp } from 'cdk8s';
import {
  acmeIssuer, ClusterChart, ClusterIssuer, host, http01Ingress, LETSENCRYPT_PRODUCTION, site, SopsSecret, synthesize, traefik,
} from '../constructs';
import { labCluster } from './bad-input/lab';

// A mistake the bad-input corpus finds must also be the only error it causes: the same mistake again
// under the rendered object's fields, or a second object of one name, reads as two problems to fix.

function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  build(app);
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);
}

const letsEncrypt = (cluster: ClusterChart, id: string) => new ClusterIssuer(cluster, id, {
  name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test', solvers: [http01Ingress('traefik')] }),
});

test('a SopsSecret of a plaintext file is reported on its manifest alone, not again on the Secret it renders', () => {
  expect(errorsOf((app) => {
    const cluster = labCluster(app);
    new SopsSecret(cluster, 'sops', { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2' } } });
  })).toEqual(['main/sops manifest.sops']);
});

test('a second ClusterIssuer of one name is one error, on its name', () => {
  expect(errorsOf((app) => {
    const cluster = labCluster(app);
    letsEncrypt(cluster, 'le');
    letsEncrypt(cluster, 'le2');
  })).toEqual(['main/le2 name']);
});

test("a site's Git URL without its scheme is one error, on git.url, and Flux renders no source for it", () => {
  expect(errorsOf((app) => {
    const node = host('gu-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.3.1' });
    const own = site('gu', { domain: 'gu.test', hosts: [node], git: { url: 'github.com/me/lab.git' } });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  })).toEqual(['inventory/site/gu git.url']);
});
