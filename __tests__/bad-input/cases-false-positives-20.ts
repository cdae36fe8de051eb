import { declareExternal } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, raw } from './lab';

// What still fails beside the forms this round lets pass: a restart granted to the group of another namespace's
// ServiceAccounts, a kubeconfig mounted where kubectl never looks for one, and the cluster's CA ConfigMap read by a
// key Kubernetes does not publish in it.

const RBAC = 'rbac.authorization.k8s.io/v1';

/** A CronJob `restart` in namespace `web` running `command` as ServiceAccount `restarter`, with `pod` and `container` added. */
const nightly = (command: string[], pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'restart', namespace: 'web' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: {
      serviceAccountName: 'restarter', restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod,
      containers: [goodContainer({ name: 'kubectl', image: 'bitnami/kubectl:1.31.4', ports: undefined, readinessProbe: undefined, command, ...container })],
    } } } },
  },
});

/** The ServiceAccount `restarter` of namespace `web`, and a Role of `web` that may restart Deployment `web`, bound to `subject`. */
const restarter = (cluster: ClusterChart, subject: Record<string, unknown>) => {
  raw(cluster, 'restarter', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'restarter', namespace: 'web' } });
  raw(cluster, 'restart-role', {
    apiVersion: RBAC, kind: 'Role', metadata: { name: 'restart-web', namespace: 'web' },
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'patch'] }],
  });
  raw(cluster, 'restart-binding', {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'restart-web', namespace: 'web' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'restart-web' }, subjects: [subject],
  });
};

export const CASES: BadInput[] = [
  {
    name: "kubectl rollout restart granted to the group of another namespace's ServiceAccounts",
    build: (cluster) => {
      restarter(cluster, { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:ops' });
      raw(cluster, 'restart', nightly(['kubectl', 'rollout', 'restart', 'deployment/web']));
    },
    layer: 'references', path: 'restart', field: 'spec.jobTemplate.spec.template.spec.serviceAccountName', hint: /resourceNames: \['web'\], verbs: \['get', 'patch'\]/,
  },
  {
    name: "kubectl rollout restart granted to another account's user name",
    build: (cluster) => {
      restarter(cluster, { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccount:web:deployer' });
      raw(cluster, 'restart', nightly(['kubectl', 'rollout', 'restart', 'deployment/web']));
    },
    layer: 'references', path: 'restart', field: 'spec.jobTemplate.spec.template.spec.serviceAccountName', message: /granted no get or patch/,
  },
  {
    name: 'kubectl without a token, its kubeconfig mounted in a folder kubectl does not read and no KUBECONFIG',
    build: (cluster) => {
      declareExternal(cluster, { secrets: [{ namespace: 'web', name: 'kubeconfig' }] });
      raw(cluster, 'restart', nightly(['kubectl', 'rollout', 'restart', 'deployment/web'], {
        serviceAccountName: undefined, automountServiceAccountToken: false, volumes: [{ name: 'kubeconfig', secret: { secretName: 'kubeconfig' } }],
      }, { volumeMounts: [{ name: 'kubeconfig', mountPath: '/etc/kube', readOnly: true }] }));
    },
    layer: 'references', path: 'restart', field: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', hint: /serviceAccount: \{ reason/,
  },
  {
    name: "the cluster's CA mounted from kube-root-ca.crt by a key Kubernetes does not publish in it",
    build: (cluster) => {
      restarter(cluster, { kind: 'ServiceAccount', name: 'restarter', namespace: 'web' });
      raw(cluster, 'restart', nightly(['kubectl', '--certificate-authority=/etc/cluster-ca/ca.crt', 'rollout', 'restart', 'deployment/web'], {
        volumes: [{ name: 'cluster-ca', configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.pem', path: 'ca.crt' }] } }],
      }, { volumeMounts: [{ name: 'cluster-ca', mountPath: '/etc/cluster-ca', readOnly: true }] }));
    },
    layer: 'references', path: 'restart', field: /configMap\.items\[0\]/, message: /no key "ca\.pem"/,
  },
];
