import { App as CdkApp } from 'cdk8s';
import { App, KubeVirtManager, SecretReference, synthesize } from '../constructs';
import type { AppServiceAccount } from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';

// A `*` in an app's service-account rules, or Secrets read in every namespace, grants more than an app of a home
// lab uses: a warning on the rule's field with the hint to list what the app uses. Kubernetes takes the rule, and
// the reason is stated, so the app is built as written.

function findingsOf(serviceAccount: AppServiceAccount) {
  const app = new CdkApp();
  new App(labCluster(app), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], serviceAccount });
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath.startsWith('main/web'));
}

const REASON = 'discovers the services it shows';
const broad = (f: { field: string }) => /^serviceAccount\./.test(f.field);

test.each([
  ["'*' verbs in the namespace", { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] }, ['serviceAccount.rules[0].verbs']],
  ["'*' API groups cluster-wide", { clusterRules: [{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }] }, ['serviceAccount.clusterRules[0].apiGroups']],
  ["'*' resources of the core group", { rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get', 'list'] }] }, ['serviceAccount.rules[0].resources']],
  ['Secrets read in every namespace', { clusterRules: [{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['list'] }] }, ['serviceAccount.clusterRules[0].resources']],
  ["'*' everywhere, cluster-wide", { clusterRules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
    ['serviceAccount.clusterRules[0].verbs', 'serviceAccount.clusterRules[0].apiGroups', 'serviceAccount.clusterRules[0].resources']],
])('%s is a warning on the rule, and the app is built', (_name, rules, fields) => {
  const findings = findingsOf({ reason: REASON, ...rules });
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const warnings = findings.filter((f) => f.severity === 'warning' && broad(f));
  expect(warnings.map((f) => `[${f.layer}] ${f.field}`)).toEqual(fields.map((field) => `[policy] ${field}`));
  expect(warnings.every((f) => /list the verbs and resources the app uses|read the app's own Secrets/.test(f.hint ?? ''))).toBe(true);
});

test("rules that list what the app uses, Secrets of the app's own namespace, and '*' subresources of one group pass", () => {
  expect(findingsOf({
    reason: REASON,
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    clusterRules: [
      { apiGroups: ['', 'networking.k8s.io'], resources: ['namespaces', 'pods', 'ingresses'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['shared-ca'] },
      { apiGroups: ['subresources.kubevirt.io'], resources: ['*'], verbs: ['get'] },
    ],
  }).filter(broad)).toEqual([]);
});

test("the library's own KubeVirt manager, whose rules spell its verbs out, draws no warning", () => {
  const app = new CdkApp();
  new KubeVirtManager(labCluster(app), 'kubevirt-manager', { route: { host: 'vms' }, users: SecretReference.external('kubevirt-manager', 'kubevirt-manager-users', 'htpasswd'), placement: { host: gpu1 } });
  expect(synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && broad(f))).toEqual([]);
});
