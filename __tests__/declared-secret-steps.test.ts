import { App as CdkApp } from 'cdk8s';
import { ClusterChart, declareExternal, flux, HomelabApp, IngressTls, ingressNginx, metalLb, SecretReference, synthesize } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { lab, node } from './support/one-node-lab';

// A Secret the owner declares made outside the repository is a step of the cluster README; one a
// controller of the cluster makes (cert-manager's certificate Secret of an Ingress) is none.

function steps(add: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'nginx', {
    site: lab, hosts: [node], routes: ingressNginx({ address: lab.pools.lb.at('10.1.0.200'), tls: IngressTls.perRoute('letsencrypt') }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), gitops: flux(),
  });
  cluster.platform.declarePreinstalled({ source: 'cert-manager installed by hand', provides: { clusterIssuers: ['letsencrypt'] } });
  new HomelabApp(cluster, 'wiki', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'wiki' } });
  add(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return ownerActions(result.clusters[0]).map((a) => `${a.action} | ${a.command ?? ''}`).filter((s) => s.startsWith('create Secret'));
}

describe('Secrets made outside the repository in the owner steps', () => {
  test('one declared by name is a step, with its namespace made first and a placeholder for its keys', () => {
    expect(steps((cluster) => declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'wiki-smtp' }] }))).toEqual([
      'create Secret wiki/wiki-smtp: made outside the repository | kubectl create namespace wiki --dry-run=client -o yaml | kubectl apply -f - '
        + '&& kubectl -n wiki create secret generic wiki-smtp --from-literal="$KEY"=…',
    ]);
  });

  test('one declared by name and read through a reference is one step, with the keys read', () => {
    expect(steps((cluster) => {
      declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'wiki-smtp' }] });
      declareExternal(cluster, { secrets: [SecretReference.external('wiki', 'wiki-smtp', 'password')] });
    })).toEqual([expect.stringMatching(/^create Secret wiki\/wiki-smtp with key password: made outside the repository \| .* --from-literal=password=…$/)]);
  });

  test('the certificate Secret cert-manager makes for a route is no step, even when the owner declares it too', () => {
    expect(steps(() => undefined)).toEqual([]);
    expect(steps((cluster) => declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'wiki-tls' }] }))).toEqual([]);
  });
});
