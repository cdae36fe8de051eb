import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, gatewayApi } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// Cilium's Gateway sends routed requests from its `ingress` entity, which only a CiliumNetworkPolicy can admit: a
// cluster that writes Kubernetes NetworkPolicies refuses routed traffic to every app. One choice of the cluster is at
// fault, so it is one warning on that choice, however many apps are routed.

const routedApps = (scope: Construct) => {
  const cluster = labCluster(scope as CdkApp, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
  for (const id of ['wiki', 'photos', 'notes']) {
    new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
  }
};

test("routed apps behind Cilium's Gateway on a cluster of Kubernetes NetworkPolicies: one warning, on the cluster's networkPolicy", () => {
  const told = synthInMemory(routedApps).findings.filter((f) => /Cilium entity/.test(f.message));
  expect(told.map((f) => `${f.severity} ${f.constructPath} ${f.field} | ${f.hint}`)).toEqual([
    "warning main networkPolicy | set networkPolicy: 'cilium' on the cluster",
  ]);
});
