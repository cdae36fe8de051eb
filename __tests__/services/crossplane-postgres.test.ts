import { CrossplanePostgres, SecretReference } from '../../constructs';
import { synthCluster } from './support';

describe('CrossplanePostgres', () => {
  test("a claim's connection Secret is written: its Composition names the namespace of composite connection Secrets", () => {
    const { errors, find } = synthCluster((cluster) => {
      const postgres = new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', crossplaneNamespace: 'crossplane' });
      postgres.claim(cluster, 'db', { namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('web', 'db', 'password') });
    });
    expect(errors).toEqual([]);
    const composition = find('Composition', 'postgresql');
    expect(composition.spec.writeConnectionSecretsToNamespace).toBe('crossplane');
    const password = composition.spec.pipeline[0].input.resources.find((r: any) => r.name === 'password');
    expect(password.base.spec.writeConnectionSecretToRef.namespace).toBe('crossplane');
    expect(find('PostgreSQL', 'db').spec.writeConnectionSecretToRef.name).toMatch(/\S/);
  });

  test("the server's /dev/shm, where PostgreSQL keeps its parallel queries' shared memory, is larger than the runtime's 64MiB and fits in its memory limit", () => {
    const { errors, find } = synthCluster((cluster) => {
      const postgres = new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', claimNamespaces: ['web'] });
      postgres.claim(cluster, 'db', { namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('web', 'db', 'password') });
    });
    expect(errors).toEqual([]);
    const server = find('Composition', 'postgresql').spec.pipeline[0].input.resources.find((r: any) => r.name === 'server');
    const pod = server.base.spec.forProvider.manifest.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
    expect(pod.volumes).toContainEqual({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } });
    expect(pod.containers[0].resources.limits.memory).toBe('1Gi');
  });

  test('the database answers pods of its claim\'s namespace only, on 5432, and connects nowhere itself', () => {
    const { errors, find } = synthCluster((cluster) => {
      const postgres = new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', claimNamespaces: ['web'] });
      postgres.claim(cluster, 'db', { namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('web', 'db', 'password') });
    });
    expect(errors).toEqual([]);
    const resources = find('Composition', 'postgresql').spec.pipeline[0].input.resources;
    const policy = resources.find((r: any) => r.base.spec.forProvider?.manifest?.kind === 'NetworkPolicy');
    expect(policy.base.spec.forProvider.manifest.spec).toEqual({
      podSelector: { matchLabels: {} },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    // It selects the server's pods by the label the StatefulSet's template gets, in the claim's namespace.
    const targets = (r: any) => r.patches.map((p: any) => p.toFieldPath);
    expect(targets(policy)).toEqual(expect.arrayContaining([
      'spec.forProvider.manifest.metadata.namespace', 'spec.forProvider.manifest.spec.podSelector.matchLabels[app.kubernetes.io/name]',
    ]));
    const server = resources.find((r: any) => r.name === 'server');
    const labelFormat = (r: any, path: string) => r.patches.find((p: any) => p.toFieldPath === path).transforms;
    expect(labelFormat(policy, 'spec.forProvider.manifest.spec.podSelector.matchLabels[app.kubernetes.io/name]'))
      .toEqual(labelFormat(server, 'spec.forProvider.manifest.spec.template.metadata.labels[app.kubernetes.io/name]'));
    // provider-kubernetes may make it in the claim's namespace.
    expect(find('ClusterRole', 'crossplane-provider-kubernetes-postgres').rules)
      .toContainEqual({ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] });
  });
});
