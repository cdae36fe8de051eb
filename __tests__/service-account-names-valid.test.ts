import { App as CdkApp } from 'cdk8s';
import { App, AppController, ClusterChart, declareExternal, synthesize } from '../constructs';
import { goodContainer, labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// ServiceAccounts named where they exist: a long-lived token beside the account an App or a hand-written object
// makes, a kubectl CronJob running as its own account, and accounts this repository does not render (declared
// external, or in a namespace a chart is installed into, whose objects it does not see) are taken; so is kubectl
// run with the pod's own token or with a kubeconfig of its own.

const errorsOf = (build: (cluster: ClusterChart) => void) => {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
};
const tokenFor = (namespace: string, account: string) => ({
  apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
  metadata: { name: `${account}-token`, namespace, annotations: { 'kubernetes.io/service-account.name': account } },
});
const nightlyRestart = (namespace: string, serviceAccountName: string, pod: Record<string, unknown> = {}, flags: string[] = []) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'restart', namespace },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: {
      serviceAccountName, restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod,
      containers: [goodContainer({ name: 'kubectl', image: 'bitnami/kubectl:1.30.2', ports: undefined, readinessProbe: undefined, command: ['kubectl', ...flags, 'rollout', 'restart', 'deployment/web'] })],
    } } } },
  },
});

test("long-lived tokens of an App's ServiceAccount and of a hand-written one are taken", () => {
  expect(errorsOf((c) => {
    new App(c, 'homepage', {
      image: 'ghcr.io/gethomepage/homepage:v0.10.9', ports: [{ name: 'http', port: 3000 }],
      serviceAccount: { reason: 'discovers the services it shows', clusterRules: [{ apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list'] }] },
    });
    raw(c, 'homepage-token', tokenFor('homepage', 'homepage'));
    raw(c, 'admin', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'dashboard-admin', namespace: 'web' } });
    raw(c, 'admin-token', tokenFor('web', 'dashboard-admin'));
  })).toEqual([]);
});

test('a kubectl CronJob as its own ServiceAccount, one declared external, and one of a namespace a chart installs into are taken', () => {
  expect(errorsOf((c) => {
    raw(c, 'restarter', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployment-restart', namespace: 'web' } });
    raw(c, 'restart', nightlyRestart('web', 'deployment-restart'));
    raw(c, 'restart-role', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'deployment-restart', namespace: 'web' },
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'patch'] }],
    });
    raw(c, 'restart-binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'deployment-restart', namespace: 'web' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployment-restart' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployment-restart', namespace: 'web' }],
    });
    c.namespaces.ensure('ops');
    declareExternal(c, { serviceAccounts: [{ namespace: 'ops', name: 'made-by-hand' }] });
    raw(c, 'restart-ops', nightlyRestart('ops', 'made-by-hand'));
    c.namespaces.ensure('portainer');
    raw(c, 'repository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'portainer', namespace: 'flux-system' },
      spec: { interval: '24h', url: 'https://portainer.github.io/k8s/' },
    });
    raw(c, 'release', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'portainer', namespace: 'flux-system' },
      spec: { interval: '1h', targetNamespace: 'portainer', chart: { spec: { chart: 'portainer', version: '1.0.54', sourceRef: { kind: 'HelmRepository', name: 'portainer' } } } },
    });
    raw(c, 'portainer-token', tokenFor('portainer', 'made-by-the-chart'));
  })).toEqual([]);
});

test("kubectl run with the pod's own token, or with a kubeconfig of its own, is taken", () => {
  expect(errorsOf((c) => {
    new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    new App(c, 'restart', {
      image: 'bitnami/kubectl:1.30.2', namespace: 'web', controller: AppController.cronJob({ schedule: '0 3 * * *' }),
      command: ['kubectl', 'rollout', 'restart', 'deployment/web'],
      serviceAccount: { reason: 'restarts web nightly', rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'patch'] }] },
    });
    c.namespaces.ensure('ops');
    raw(c, 'other-cluster', nightlyRestart('ops', 'default', { automountServiceAccountToken: false }, ['--kubeconfig=/etc/kube/config']));
  })).toEqual([]);
});
