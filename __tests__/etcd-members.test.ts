import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, noRoutes, site, synthesize, talos } from '../constructs';

// etcd needs a majority of its members: a cluster whose distribution runs one member on each control-plane
// node and that has two of them stops with either one down. K3s' servers are in k3s-servers.test.ts.

const cp = (name: string, address: string) => host(name, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
const one = cp('one', '192.168.1.10');
const two = cp('two', '192.168.1.11');
const three = cp('three', '192.168.1.12');
const home = site('home', { domain: 'home.example.com', hosts: [one, two, three], git: { url: 'https://git.example.com/me/home.git' } });

function warnings(hosts: typeof one[]): string[] {
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    site: home, hosts, routes: noRoutes(), gitops: flux(), unenforcedNetworkPolicies: 'a test lab',
    preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })],
  });
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && f.field === 'hosts').map((f) => f.message);
}

test('two Talos control-plane nodes are a warning on hosts', () => {
  expect(warnings([one, two])).toEqual([expect.stringMatching(/^cluster "main" has two control-plane hosts \(one, two\), and Talos' etcd/)]);
});

test.each([[[one]], [[one, two, three]]])('%#: one or three control-plane nodes are no warning', (hosts) => {
  expect(warnings(hosts)).toEqual([]);
});
