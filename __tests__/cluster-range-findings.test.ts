import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumOnTalos, ClusterChartProps, host, k3s, metalLb, site, talos } from '../constructs';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// With its own IPAM (cluster-pool, multi-pool) Cilium hands out pod addresses itself: a pod range the
// distribution was given then reaches no pod, which is worth a word but not a refusal (the nodes' podCIDRs
// are still carved from it, and the same range given to both is the usual way to keep them in step).

/** The findings of a one-node cluster on a site that declares no VLAN, with `props`. */
function clusterFindings(props: Partial<ClusterChartProps>) {
  const app = new CdkApp();
  const node = host('cp-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.5' });
  const lab = site('cp', { domain: 'cp.test', hosts: [node], pools: { vips: { first: '192.168.30.240', last: '192.168.30.250' } }, git: { url: 'https://git.example/lab.git' } });
  labCluster(app, 'edge', { site: lab, hosts: [node], storage: {}, loadBalancer: metalLb({ pools: [lab.pools.vips] }), ...props });
  return synthFindings(app, prepopulatedOutdir()).findings;
}

function findingsOf(podSubnets: string[], options: Record<string, unknown>) {
  return clusterFindings({
    cni: cilium({ ...ciliumOnTalos(), ...options }), preinstalled: [talos({ allowSchedulingOnControlPlanes: true, podSubnets })],
  }).filter((f) => f.field === 'preinstalled[0].podSubnets');
}

test("podSubnets that Cilium's cluster-pool does not hand out are a warning naming both fields", () => {
  const [warning, ...others] = findingsOf(['10.200.0.0/16'], { ipamMode: 'cluster-pool' });
  expect(others).toEqual([]);
  expect(warning).toMatchObject({ severity: 'warning', layer: 'props' });
  expect(warning.message).toMatch(/10\.200\.0\.0\/16, the cluster's pod range \(podSubnets\), is not what pods get.*10\.0\.0\.0\/8/);
  expect(warning.hint).toMatch(/cilium\(\{ clusterPoolPodCidrs: \['10\.200\.0\.0\/16'\] \}\).*ipamMode: 'kubernetes'/);
  expect(findingsOf(['10.200.0.0/16'], { ipamMode: 'multi-pool' }).map((f) => f.severity)).toEqual(['warning']);
});

test('podSubnets are no warning where Cilium hands out the same range, or takes the nodes\' podCIDRs', () => {
  expect(findingsOf(['10.200.0.0/16'], { ipamMode: 'cluster-pool', clusterPoolPodCidrs: ['10.200.0.0/16'] })).toEqual([]);
  expect(findingsOf(['10.200.0.0/16'], {})).toEqual([]);
});

test("a Talos clusterEndpoint VIP inside the Service range is an error on clusterEndpoint", () => {
  const errors = clusterFindings({
    cni: cilium({ ...ciliumOnTalos() }), preinstalled: [talos({ allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.96.0.1' })],
  }).filter((f) => f.severity === 'error');
  expect(errors.map((f) => [f.field, f.message])).toEqual([
    ['preinstalled[0].clusterEndpoint', expect.stringMatching(/endpoint 10\.96\.0\.1 lies in 10\.96\.0\.0\/12, Talos' Service range/)],
  ]);
  expect(errors[0].hint).toMatch(/VIP on the control-plane nodes' network \(192\.168\.30\.5\)/);
});

test('a range that holds the nodes is their error alone, not the pool\'s too', () => {
  const errors = clusterFindings({ preinstalled: [k3s({ extraServerFlags: ['--service-cidr=192.168.30.0/24'] })] }).filter((f) => f.severity === 'error');
  expect(errors.map((f) => f.field)).toEqual(['hosts[0]']);
});
