import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { appArmorDeployment, autoscaling, nginxIngress, VAULT_KUBERNETES_AUTH, vaultStore } from './bad-input/cases-apiserver-parity-22';
import { labCluster } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server and ingress-nginx's admission take beside what they refuse: AppArmor annotations that
// say what the container's appArmorProfile field says (its own or the pod's), and an empty one or a localhost
// one beside no field; autoscaler resource metrics that name their resource; and Exact and Prefix paths of ingress-nginx with
// dots (taken since controller 1.13.2), other characters under ImplementationSpecific, and any path where the
// chart's values turn strict-validate-path-type off; Vault stores whose references stay in their namespace (or
// a ClusterSecretStore's anywhere), a JWT login from a ServiceAccount's token, and check-and-set on KV version 2.

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/web';
const POD_UNCONFINED = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'Unconfined' } } };

test('AppArmor annotations that say what the appArmorProfile field says are accepted', () => {
  for (const build of [
    appArmorDeployment({ type: 'Unconfined' }, { [APPARMOR]: 'unconfined' }),
    appArmorDeployment(undefined, { [APPARMOR]: 'unconfined' }, POD_UNCONFINED),
    appArmorDeployment({ type: 'RuntimeDefault' }, { [APPARMOR]: 'runtime/default' }, POD_UNCONFINED),
    appArmorDeployment({ type: 'Localhost', localhostProfile: 'k8s-web' }, { [APPARMOR]: 'localhost/k8s-web' }),
    appArmorDeployment(undefined, { [APPARMOR]: 'localhost/k8s-web' }),
    appArmorDeployment(undefined, { [APPARMOR]: '' }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('autoscaler resource metrics that name their resource are accepted', () => {
  expect(labErrors(autoscaling({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } }))).toEqual([]);
  expect(labErrors(autoscaling({ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'web', target: { type: 'Utilization', averageUtilization: 80 } } }))).toEqual([]);
});

/** The errors on the path of the hand-written Ingress of an ingress-nginx cluster, `tune` given the cluster's ingress-nginx. */
const pathErrors = (path: string, pathType: string, tune?: (values: (v: Record<string, unknown>) => void) => void) => {
  const app = new CdkApp();
  labCluster(app);
  nginxIngress(path, pathType)(undefined as never, app);
  const edge = app.node.findChild('edge') as ReturnType<typeof labCluster>;
  // The flavor requires its component when the cluster prepares; values are added after it.
  tune?.((v) => edge.onPrepare(() => edge.platform.get('ingress-nginx')!.addValues(v)));
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => f.severity === 'error' && f.field === 'spec.rules[0].http.paths[0].path').map((f) => f.message);
};

test('ingress-nginx paths its admission takes are accepted', () => {
  expect(pathErrors('/.well-known/matrix', 'Prefix')).toEqual([]);
  expect(pathErrors('/robots.txt', 'Exact')).toEqual([]);
  expect(pathErrors('/api/v1_2/web-hooks', 'Prefix')).toEqual([]);
  expect(pathErrors('/~alice', 'ImplementationSpecific')).toEqual([]);
});

test('an ingress-nginx whose values turn strict-validate-path-type off takes any Prefix path', () => {
  expect(pathErrors('/api/v1/schedules:batchDelete', 'Prefix', (add) => add({ controller: { config: { 'strict-validate-path-type': 'false' } } }))).toEqual([]);
  expect(pathErrors('/api/v1/schedules:batchDelete', 'Prefix')).toEqual([expect.stringMatching(/strict-validate-path-type/)]);
});

test('Vault stores the External Secrets Operator takes are accepted', () => {
  expect(labErrors(vaultStore({}))).toEqual([]);
  expect(labErrors(vaultStore({ auth: { kubernetes: { ...VAULT_KUBERNETES_AUTH.kubernetes, serviceAccountRef: { name: 'vault-reader', namespace: 'web' } } } }))).toEqual([]);
  expect(labErrors(vaultStore({ auth: { kubernetes: { ...VAULT_KUBERNETES_AUTH.kubernetes, serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } } }, 'ClusterSecretStore'))).toEqual([]);
  expect(labErrors(vaultStore({ auth: { jwt: { path: 'jwt', role: 'web', kubernetesServiceAccountToken: { serviceAccountRef: { name: 'vault-reader' } } } } }))).toEqual([]);
  expect(labErrors(vaultStore({ checkAndSet: { required: true } }))).toEqual([]);
});
