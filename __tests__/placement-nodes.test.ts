import { ApiObject } from 'cdk8s';
import { App, AppController, ClusterChart, flux, host, localPathStorage, Osquery, site, talos, traefik } from '../constructs';
import { goodDeployment } from './bad-input/lab';
import { manifestsOf, synthInMemory } from './support/synth';

// The nodes the scheduling checks see are the nodes the cluster has: the labels the owner puts on them and
// the taints its distribution adds; node agents run on every one of them.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane'], address: '10.7.0.1' });
const mon = host('mon', { arch: 'amd64', address: '10.7.0.2', workloadRoles: ['monitoring'], taints: [{ key: 'dedicated', value: 'iot', effect: 'NoSchedule' }] });
const lab = site('nodes', { domain: 'nodes.test', hosts: [nuc, mon], git: { url: 'https://git.nodes.test/lab.git' } });

function cluster(define: (c: ClusterChart) => void, extra: Record<string, unknown> = {}) {
  return synthInMemory((scope) => {
    const c = new ClusterChart(scope, 'main', { site: lab, hosts: [nuc, mon], routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux(), ...extra });
    c.namespaces.ensure('web');
    define(c);
  });
}
const errors = (result: ReturnType<typeof synthInMemory>) => result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);

test('a pod that selects the label of a workload role lands on the host with that role', () => {
  const result = cluster((c) => new ApiObject(c, 'agent', goodDeployment('agent', {
    nodeSelector: { 'role.homelab.dev/monitoring': 'true' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'iot', effect: 'NoSchedule' }],
  }) as any));
  expect(errors(result)).toEqual([]);
});

test('a DaemonSet with everyNode, and the node agents, tolerate every taint', () => {
  const result = cluster((c) => {
    new App(c, 'collector', {
      namespace: 'web', image: 'grafana/alloy:v1.5.0', args: ['run', '--server.http.listen-addr=0.0.0.0:12345', '/etc/alloy/config.alloy'], ports: [{ name: 'http', port: 12345 }], controller: AppController.daemonSet({ everyNode: true }),
    });
    new Osquery(c, 'osquery', { namespace: 'web' });
  });
  expect(errors(result)).toEqual([]);
  for (const name of ['collector', 'osquery']) {
    const daemonSet = manifestsOf(result, 'nodes/main').find((o) => o.kind === 'DaemonSet' && o.metadata.name === name);
    expect(daemonSet.spec.template.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  }
});

test('a plain DaemonSet tolerates no taint it was not placed on', () => {
  const result = cluster((c) => new App(c, 'collector', {
    namespace: 'web', image: 'grafana/alloy:v1.5.0', args: ['run', '--server.http.listen-addr=0.0.0.0:12345', '/etc/alloy/config.alloy'], ports: [{ name: 'http', port: 12345 }], controller: AppController.daemonSet(),
  }));
  const daemonSet = manifestsOf(result, 'nodes/main').find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'collector');
  expect(daemonSet.spec.template.spec.tolerations).toBeUndefined();
});

test('on Talos a control-plane host is tainted unless allowSchedulingOnControlPlanes', () => {
  const pinned = (c: ClusterChart) => new App(c, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], placement: { host: nuc } });
  const tainted = cluster(pinned, { preinstalled: [talos({ bringYourOwnCni: false })] });
  expect(errors(tainted)).toEqual([expect.stringMatching(/^main\/web placement\.host: every host the placement allows \(nuc\) is a control-plane node/)]);
  expect(errors(cluster(pinned, { preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] }))).toEqual([]);
});
