import { App as CdkApp } from 'cdk8s';
import { ciliumLoadBalancer, talos } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Cilium's LB-IPAM on a cluster whose pod network is not Cilium is one mistake: one error on loadBalancer,
// not one more for the Cilium kinds of its pools and policy, which nothing would install.

test("ciliumLoadBalancer() on Talos' own Flannel is one error on loadBalancer", () => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => labCluster(scope, 'main', {
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips, lab.pools.dns] }),
    preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })], unenforcedNetworkPolicies: 'a lab without policies',
  }))(app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
  expect(errors).toEqual(['[references] main loadBalancer']);
});
