import type { BadInput } from './cases';
import { linkding } from './cases-new-user-120';
import { goodContainer, raw } from './lab';

// What still fails beside the forms this round lets pass: kubectl told its namespace by a variable of its container
// (the pod's own from the downward API, or a written value a shell expands) acts in that namespace, and its
// ServiceAccount must be granted the line's verbs there. And a Litestream sidecar that replicates to S3 goes through
// an HTTPS proxy only where its own variables name one: the app's HTTPS_PROXY is not the sidecar's.

/** A CronJob `cleanup` in namespace `web` running `command` as ServiceAccount `cleaner`, which nothing grants, with variables `env`. */
const cleanup = (command: string[], env: Array<Record<string, unknown>>) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cleanup', namespace: 'web' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: {
      serviceAccountName: 'cleaner', restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [goodContainer({ name: 'kubectl', image: 'bitnami/kubectl:1.31.4', ports: undefined, readinessProbe: undefined, command, env })],
    } } } },
  },
});
const ACCOUNT = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cleaner', namespace: 'web' } };
const FIELD = 'spec.jobTemplate.spec.template.spec.serviceAccountName';

export const CASES: BadInput[] = [
  {
    name: 'kubectl deleting by selector in the namespace the downward API gives, without the rights there',
    build: (cluster) => {
      raw(cluster, 'cleaner', ACCOUNT);
      raw(cluster, 'cleanup', cleanup(['kubectl', 'delete', 'pods', '-n', '$(POD_NAMESPACE)', '--field-selector=status.phase==Failed'],
        [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }]));
    },
    layer: 'references', path: 'cleanup', field: FIELD, message: /in namespace "web" needs list and delete/, hint: /resources: \['pods'\], verbs: \['list', 'delete'\]/,
  },
  {
    name: 'kubectl deleting by selector in a namespace a shell variable names, without the rights there',
    build: (cluster) => {
      raw(cluster, 'cleaner', ACCOUNT);
      raw(cluster, 'cleanup', cleanup(['sh', '-c', 'kubectl delete jobs -n "$TARGET" -l app.kubernetes.io/component=backup'], [{ name: 'TARGET', value: 'web' }]));
    },
    layer: 'references', path: 'cleanup', field: FIELD, message: /kubectl delete jobs in namespace "web"/,
  },
  {
    name: "a Litestream sidecar replicating to S3 beside an app told a proxy, the sidecar told none, its egress the proxy's alone",
    build: linkding({ env: { HTTPS_PROXY: 'http://squid.proxy.svc.cluster.local:3128' }, egress: [{ cidr: '192.168.1.3/32', ports: [{ port: 3128 }] }] }),
    layer: 'props', path: 'linkding', field: 'egress', message: /container litestream streams the database to s3:\/\/lab-backups\/linkding/,
  },
];
