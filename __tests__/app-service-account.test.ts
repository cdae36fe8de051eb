import { App as CdkApp } from 'cdk8s';
import { App, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// An app that reads the Kubernetes API runs as an account of its own, with its token; every other app has none.

function synth(build: (cluster: ReturnType<typeof labCluster>) => void) {
  const app = new CdkApp();
  build(labCluster(app));
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return { objects: result.clusters[0].objects.map((o) => o.manifest as any), errors: result.findings.filter((f) => f.severity === 'error') };
}

const READ = { apiGroups: [''], resources: ['services', 'pods'], verbs: ['get', 'list', 'watch'] };

test('serviceAccount makes the account, its roles and bindings, and mounts its token with the reason beside it', () => {
  const { objects, errors } = synth((cluster) => new App(cluster, 'homepage', {
    namespace: 'web', image: 'ghcr.io/gethomepage/homepage:v0.10.9', ports: [{ name: 'http', port: 3000 }],
    serviceAccount: { reason: 'discovers the services it shows', rules: [READ], clusterRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }] },
  }));
  expect(errors).toEqual([]);
  const pod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'homepage').spec.template;
  expect(pod.spec.serviceAccountName).toBe('homepage');
  expect(pod.spec.automountServiceAccountToken).toBe(true);
  expect(pod.metadata.annotations['security.homelab.dev/service-account-token']).toBe('discovers the services it shows');
  expect(objects.find((o) => o.kind === 'ServiceAccount')).toMatchObject({ metadata: { name: 'homepage', namespace: 'web' } });
  expect(objects.find((o) => o.kind === 'Role')).toMatchObject({ metadata: { name: 'homepage', namespace: 'web' }, rules: [READ] });
  expect(objects.find((o) => o.kind === 'RoleBinding')).toMatchObject({
    roleRef: { kind: 'Role', name: 'homepage' }, subjects: [{ kind: 'ServiceAccount', name: 'homepage', namespace: 'web' }],
  });
  const clusterRole = objects.find((o) => o.kind === 'ClusterRole');
  expect(clusterRole.metadata).toEqual({ name: 'web-homepage', labels: expect.any(Object) });
  expect(objects.find((o) => o.kind === 'ClusterRoleBinding')).toMatchObject({
    roleRef: { kind: 'ClusterRole', name: 'web-homepage' }, subjects: [{ kind: 'ServiceAccount', name: 'homepage', namespace: 'web' }],
  });
});

test('an app without serviceAccount keeps the default account and no token', () => {
  const { objects } = synth((cluster) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }));
  const pod = objects.find((o) => o.kind === 'Deployment').spec.template;
  expect(pod.spec.automountServiceAccountToken).toBe(false);
  expect(pod.spec.serviceAccountName).toBeUndefined();
  expect(objects.some((o) => ['ServiceAccount', 'Role', 'ClusterRole'].includes(o.kind))).toBe(false);
});

test('an app that reads the API under an egress list may reach the API server on the control-plane nodes', () => {
  const policyOf = (networkPolicy?: 'cilium') => {
    const app = new CdkApp();
    new App(labCluster(app, 'main', networkPolicy ? { networkPolicy } : {}), 'homepage', {
      image: 'ghcr.io/gethomepage/homepage:v0.9.13', namespace: 'web', ports: [{ name: 'http', port: 3000 }], egress: [],
      serviceAccount: { reason: 'discovers the services it shows', clusterRules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] }] },
    });
    const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
    return result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind.endsWith('NetworkPolicy') && m.metadata.name === 'homepage');
  };
  const egress = policyOf().spec.egress;
  expect(egress[egress.length - 1]).toEqual({ ports: [{ port: 6443, protocol: 'TCP' }], to: [expect.objectContaining({ ipBlock: { cidr: expect.stringMatching(/\/32$/) } })] });
  expect(policyOf('cilium').spec.egress).toContainEqual({ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] });
});
