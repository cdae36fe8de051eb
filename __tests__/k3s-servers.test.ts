import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, k3s, noRoutes, site, synthesize } from '../constructs';
import type { K3s, K3sProps } from '../constructs';

// `k3s()` given itself in a cluster's `preinstalled` configures that cluster: the README lists the step that
// starts each server and the one that joins each agent, whether or not the chart also calls `configure`.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11' });
const home = site('home', { domain: 'home.example.com', hosts: [nuc, pi], git: { url: 'https://git.example.com/me/home.git' } });

/** The steps by hand and the errors of a cluster of nuc and pi on K3s; `also` runs after the chart is built. */
function steps(props: K3sProps = {}, also?: (distribution: K3s, cluster: ClusterChart) => void) {
  const app = new CdkApp();
  const distribution = k3s(props);
  const cluster = new ClusterChart(app, 'main', { site: home, hosts: [nuc, pi], routes: noRoutes(), gitops: flux(), preinstalled: [distribution] });
  also?.(distribution, cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { actions: result.outcomes[0].figures.ownerActions.map((a) => a.action), errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`) };
}

test('k3s() in preinstalled lists the join of each agent without a call of configure', () => {
  const { actions } = steps();
  expect(actions.filter((a) => a.startsWith('join pi (192.168.1.11) to the cluster as a K3s agent'))).toHaveLength(1);
});

test('a chart that calls configure as well gets each step once', () => {
  const { actions } = steps({}, (distribution, cluster) => distribution.configure(cluster));
  expect(actions.filter((a) => a.startsWith('join pi (192.168.1.11) to the cluster as a K3s agent'))).toHaveLength(1);
});
