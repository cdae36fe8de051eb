import { App, AppController } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, raw } from './lab';

// A new user adds tools that talk to the Kubernetes API from the README alone: a long-lived token for Homepage or
// Home Assistant, Kubernetes Dashboard's login token, a CronJob running kubectl to restart a Deployment every night.
// Each mistake passed synthesis and then left a Secret the control plane fills no token into, pods it never makes,
// or a kubectl that fails each night.

const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/** Homepage as an App with its own ServiceAccount `homepage`, which reads the cluster. */
const homepage = (cluster: ClusterChart) => new App(cluster, 'homepage', {
  image: 'ghcr.io/gethomepage/homepage:v0.10.9', ports: [{ name: 'http', port: 3000 }],
  serviceAccount: { reason: 'discovers the services it shows', clusterRules: [{ apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list'] }] },
});

/** A long-lived token Secret `token` in `namespace` for the ServiceAccount `account`. */
const tokenSecret = (namespace: string, account: string) => ({
  apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
  metadata: { name: 'token', namespace, annotations: { 'kubernetes.io/service-account.name': account } },
});

/** A ServiceAccount `name` in namespace `web`. */
const account = (name: string) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'web' } });

/** A CronJob `restart` in namespace `web` that runs kubectl as `serviceAccountName` every night. */
const nightlyRestart = (serviceAccountName: string, pod: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'restart', namespace: 'web' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: {
      serviceAccountName, restartPolicy: 'Never', securityContext: POD_SECURITY, ...pod,
      containers: [goodContainer({ name: 'kubectl', image: 'bitnami/kubectl:1.30.2', ports: undefined, readinessProbe: undefined, command: ['kubectl', 'rollout', 'restart', 'deployment/web'] })],
    } } } },
  },
});

/** An App `restart` in namespace `web` that runs kubectl rollout restart deployment/web every night. */
const restarter = (cluster: ClusterChart, serviceAccount?: Record<string, unknown>) => new App(cluster, 'restart', {
  image: 'bitnami/kubectl:1.30.2', namespace: 'web', controller: AppController.cronJob({ schedule: '0 3 * * *' }),
  command: ['kubectl', 'rollout', 'restart', 'deployment/web'], ...(serviceAccount ? { serviceAccount } : {}),
} as AppProps);

export const CASES: BadInput[] = [
  {
    name: "a long-lived token Secret beside Homepage for a ServiceAccount spelled after the Secret's own name",
    build: guarded((cluster: ClusterChart) => {
      homepage(cluster);
      raw(cluster, 'token', tokenSecret('homepage', 'homepage-sa'));
    }),
    layer: 'references', path: 'token', field: 'metadata.annotations.kubernetes.io/service-account.name', hint: /homepage/,
  },
  {
    name: "a login token Secret in another namespace than its ServiceAccount's",
    build: (cluster) => {
      raw(cluster, 'admin', account('dashboard-admin'));
      cluster.namespaces.ensure('kubernetes-dashboard');
      raw(cluster, 'token', tokenSecret('kubernetes-dashboard', 'dashboard-admin'));
    },
    layer: 'references', path: 'token', field: 'metadata.annotations.kubernetes.io/service-account.name', hint: /namespace: 'web'/,
  },
  {
    name: 'a kubectl CronJob whose serviceAccountName names no ServiceAccount of its namespace',
    build: (cluster) => {
      raw(cluster, 'deployer', account('deployment-restart'));
      raw(cluster, 'restart', nightlyRestart('deployment-restarter'));
    },
    layer: 'references', path: 'restart', field: 'spec.jobTemplate.spec.template.spec.serviceAccountName', hint: /deployment-restart\b/,
  },
  {
    name: 'a kubectl CronJob App without a serviceAccount, whose pods get no token',
    build: guarded((cluster: ClusterChart) => {
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      restarter(cluster);
    }),
    layer: 'references', path: 'restart/cronjob', field: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', hint: /serviceAccount: \{ reason/,
  },
  {
    name: 'a kubectl CronJob App whose rules read the Deployment it restarts but may not patch it',
    build: guarded((cluster: ClusterChart) => {
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      restarter(cluster, { reason: 'restarts web nightly', rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }] });
    }),
    layer: 'references', path: 'restart', field: 'serviceAccount', hint: /verbs: \['get', 'patch'\]/,
  },
];
