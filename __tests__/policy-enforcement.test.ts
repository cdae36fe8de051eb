import { App as CdkApp } from 'cdk8s';
import { App, cilium, ClusterChartProps, k3s, synthesize, talos } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// The library writes a NetworkPolicy for every app; a pod network that enforces none makes them all
// silently absent. Synth says so once per cluster, and the README says whether they are enforced.

const ENFORCEMENT = 'network-policy-enforcement';

function synth(props: Partial<ClusterChartProps>) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'edge', { storage: {}, ...props });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  new App(cluster, 'api', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const unenforced = result.findings.filter((f) => f.severity === 'warning' && f.layer === 'policy' && /enforces none/.test(f.message));
  return { errors: result.findings.filter((f) => f.severity === 'error'), unenforced, readme: clusterReadme(result.clusters[0]), checks: result.checks };
}

const talosFlannel = () => talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true });

test('a Talos cluster on its built-in Flannel warns once, naming the network, the prop and an enforcing CNI', () => {
  const { errors, unenforced, readme, checks } = synth({ preinstalled: [talosFlannel()] });
  expect(checks).toContain(ENFORCEMENT);
  expect(errors).toEqual([]);
  expect(unenforced).toHaveLength(1);
  expect(unenforced[0]).toMatchObject({ constructPath: 'edge', field: 'preinstalled[0].bringYourOwnCni' });
  expect(unenforced[0].message).toContain("Talos' built-in Flannel");
  expect(unenforced[0].hint).toMatch(/cilium\(\{ \.\.\.ciliumOnTalos\(\) \}\).*unenforcedNetworkPolicies/);
  expect(readme).toContain("NetworkPolicies are NOT enforced: its pod network (Talos' built-in Flannel)");
});

test('K3s with --disable-network-policy warns on its extraServerFlags; K3s as it comes does not', () => {
  const off = synth({ preinstalled: [k3s({ extraServerFlags: ['--disable-network-policy'] })] });
  expect(off.unenforced).toHaveLength(1);
  expect(off.unenforced[0].field).toBe('preinstalled[0].extraServerFlags');
  expect(off.unenforced[0].hint).toContain('drop --disable-network-policy');
  const on = synth({ preinstalled: [k3s()] });
  expect(on.unenforced).toEqual([]);
  expect(on.readme).toContain("NetworkPolicies are enforced by its pod network (K3s' Flannel with its network-policy controller)");
});

test('Cilium enforces them: no warning, and the README says so', () => {
  const { unenforced, readme } = synth({ preinstalled: [talos({ allowSchedulingOnControlPlanes: true })], cni: cilium({ kubeProxyReplacement: false }) });
  expect(unenforced).toEqual([]);
  expect(readme).toContain('NetworkPolicies are enforced by its pod network (cilium)');
});

test("the owner's reason silences the warning and is written into the README", () => {
  const { errors, unenforced, readme } = synth({ preinstalled: [talosFlannel()], unenforcedNetworkPolicies: 'a lab of one trusted user; Cilium comes later' });
  expect(errors).toEqual([]);
  expect(unenforced).toEqual([]);
  expect(readme).toContain('Accepted by the owner (unenforcedNetworkPolicies): a lab of one trusted user; Cilium comes later.');
});

test('a CNI installed by hand and declared beside K3s replaces its built-in network in the decision', () => {
  const calico = { source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } };
  const { errors, unenforced, readme } = synth({ preinstalled: [k3s({ extraServerFlags: ['--flannel-backend=none', '--disable-network-policy'] }), calico] });
  expect(errors).toEqual([]);
  expect(unenforced).toEqual([]);
  expect(readme).toContain('NetworkPolicies are enforced by its pod network (Calico)');
});

test('k0s declared by name runs kube-router, which enforces them; a cluster of no known network says it does not know', () => {
  const k0s = synth({ preinstalled: [{ source: 'k0s', distribution: 'k0s' }] });
  expect(k0s.unenforced).toEqual([]);
  expect(k0s.readme).toContain("NetworkPolicies are enforced by its pod network (k0s' default kube-router)");
  const unknown = synth({});
  expect(unknown.unenforced).toEqual([]);
  expect(unknown.readme).toContain('Whether NetworkPolicies are enforced is not known');
});
