import { App as CdkApp } from 'cdk8s';
import { SecretReference, ServiceRoute, synthesize } from '../constructs';
import { labApp, labCluster } from './bad-input/lab';

// Who may reach what, written as a new user writes it and valid: the neighbours of the mistakes of
// cases-new-user-24, which the checks of those mistakes must leave alone.

function synth(build: (app: CdkApp) => void) {
  const app = new CdkApp();
  build(app);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { errors: result.findings.filter((f) => f.severity === 'error'), objects: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)) };
}

test("a login proxy in the namespace of the Service it fronts: the proxy's policy and the backend's are two", () => {
  const { errors, objects } = synth((app) => {
    const cluster = labCluster(app);
    cluster.namespaces.ensure('monitoring');
    new ServiceRoute(cluster, 'grafana', {
      host: 'grafana', namespace: 'monitoring', serviceName: 'grafana', port: 80,
      login: {
        issuerUrl: 'https://auth.lab.test/realms/lab', clientId: 'grafana', allowedGroups: ['/admins'], namespace: 'monitoring',
        clientSecret: SecretReference.external('monitoring', 'grafana-oidc', 'client-secret'),
        cookieSecret: SecretReference.external('monitoring', 'grafana-oidc', 'cookie-secret'),
        backendPods: { podLabels: { 'app.kubernetes.io/name': 'grafana' }, port: 3000 },
      },
    });
  });
  expect(errors).toEqual([]);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'monitoring').map((o) => o.metadata.name).sort();
  expect(policies).toEqual(['grafana-login', 'grafana-login-backend']);
});

test('a ServiceAccount whose reason is one word: the exemption annotation holds no secret', () => {
  const { errors, objects } = synth((app) => {
    labApp('homepage', { serviceAccount: { reason: 'dashboard', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } })(labCluster(app));
  });
  expect(errors).toEqual([]);
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'homepage');
  expect(deployment.spec.template.metadata.annotations['security.homelab.dev/service-account-token']).toBe('dashboard');
});
