import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, host, noRoutes, site, synthesize } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { unwrittenOutdir } from './support/synth';

// A cluster without a GitOps engine is applied by hand: its README said "Nothing: the cluster folder is
// complete", and nothing ever ran its apps.
test('a cluster that no GitOps engine syncs lists applying its folder as the step that starts it', () => {
  const app = new CdkApp();
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site('home', { domain: 'lab.example.com', hosts: [nuc] });
  const cluster = new ClusterChart(app, 'main', { site: home, hosts: [nuc], routes: noRoutes() });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(ownerActions(result.clusters[0]).map((a) => ({ kind: a.kind, command: a.command, startsFirstSync: a.startsFirstSync }))).toEqual([
    { kind: 'bootstrap', command: 'kubectl apply -k dist/home/main', startsFirstSync: true },
  ]);
});
