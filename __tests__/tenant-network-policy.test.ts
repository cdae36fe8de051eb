import { App as CdkApp } from 'cdk8s';
import { cilium, ClusterChartProps, synthesize, Tenant } from '../constructs';
import { labCluster } from './bad-input/lab';

// A tenant's namespace is isolated in the policy kind its cluster enforces: a CiliumNetworkPolicy where
// Cilium runs, else a Kubernetes NetworkPolicy, which K3s' Flannel, Calico or kube-router enforce.

function tenantPolicy(props: Partial<ClusterChartProps>, allowIngressFrom?: string[]) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', props);
  new Tenant(cluster, 'kids', { namespace: 'kids', owner: 'kids', quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 10 }, allowIngressFrom });
  const result = synthesize(app, { outdir: 'unused', write: false });
  const policy = result.clusters[0].objects.map((o) => o.manifest as any).find((m) => /NetworkPolicy$/.test(m.kind) && m.metadata.namespace === 'kids');
  return { errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`), policy };
}

test("on a cluster without Cilium, a NetworkPolicy admits the namespace's own pods and its ingress controller's", () => {
  const { errors, policy } = tenantPolicy({});
  expect(errors).toEqual([]);
  expect(policy).toMatchObject({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'isolate-namespace', namespace: 'kids' },
    spec: {
      podSelector: {}, policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }] }],
    },
  });
});

test('allowIngressFrom names the namespaces admitted besides its own', () => {
  expect(tenantPolicy({}, ['monitoring']).policy.spec.ingress[0].from[1]).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } });
});

test('where Cilium runs, a CiliumNetworkPolicy that also admits its ingress entity', () => {
  const { policy } = tenantPolicy({ cni: cilium({ k8sServiceHost: '10.0.0.1', k8sServicePort: 6443 } as any) });
  expect(policy).toMatchObject({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' });
  expect(policy.spec.ingress).toContainEqual({ fromEntities: ['ingress'] });
});
