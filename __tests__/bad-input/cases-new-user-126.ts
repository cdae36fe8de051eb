import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, labApp, labCluster, raw } from './lab';

// A new user's GitOps on Argo CD from the README alone: an ApplicationSet over the output's cluster folders, a
// PreSync hook Job that migrates the app's database before the new Deployment rolls out, sync waves and hook
// types, and an app of apps that ignores the replica count an HPA sets, each written the way a first try writes
// them. Each passed synthesis and then applied nothing, hung the sync, or fought the autoscaler.

/** A cluster `gitops` of the lab under Argo CD with its own project, given what `objects` adds. */
const onArgo = (objects: (cluster: ClusterChart) => void) => guarded((_c: ClusterChart, app: CdkApp) =>
  objects(labCluster(app, 'gitops', { hosts: [], storage: {}, gitops: argoCd({ project: 'lab', createProject: true }) })));

/** A Job `migrate` of namespace `web` annotated with `annotations`, its pod given `pod`. */
const migrateJob = (annotations: Record<string, string>, pod: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'web', annotations },
  spec: {
    backoffLimit: 2,
    template: {
      spec: {
        restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [goodContainer({ name: 'migrate', ports: undefined, readinessProbe: undefined, command: ['/app/migrate'] })], ...pod,
      },
    },
  },
});
/** An Application `extras` of a folder beside the output, with `spec` over its own. */
const extras = (spec: Record<string, unknown>) => onArgo((cluster) => raw(cluster, 'extras', {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'extras', namespace: 'argocd' },
  spec: {
    project: 'lab', source: { repoURL: 'https://git.lab.test/lab.git', targetRevision: 'main', path: 'extras' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['RespectIgnoreDifferences=true'] }, ...spec,
  },
}));
/** The Application `extras`, its `ignoreDifferences` being `entries`. */
const ignoring = (entries: Array<Record<string, unknown>>) => extras({ ignoreDifferences: entries });
/** The Application `extras`, retrying its sync with `backoff`. */
const retrying = (backoff: Record<string, unknown>) => extras({ syncPolicy: { automated: { prune: true }, retry: { limit: 5, backoff } } });
const PRESYNC = { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };

export const CASES: BadInput[] = [
  {
    name: "an ApplicationSet whose git directory generator makes an Application of each of the site's cluster folders",
    build: onArgo((cluster) => raw(cluster, 'clusters', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'clusters', namespace: 'argocd' },
      spec: {
        generators: [{ git: { repoURL: 'https://git.lab.test/lab.git', revision: 'main', directories: [{ path: cluster.repositoryPath().replace(/[^/]+$/, '*') }] } }],
        template: {
          metadata: { name: '{{path.basename}}' },
          spec: {
            project: 'lab', source: { repoURL: 'https://git.lab.test/lab.git', targetRevision: 'main', path: '{{path}}' },
            destination: { server: 'https://kubernetes.default.svc', namespace: 'web' }, syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        },
      },
    })),
    layer: 'references', path: 'gitops/clusters', field: 'spec.generators[0].git.directories[0].path', message: /makes an Application of it\), which is the folder of cluster "gitops"/, hint: /outside/,
  },
  {
    name: "a PreSync migration Job run as a ServiceAccount the same sync applies only after it",
    build: onArgo((cluster) => {
      raw(cluster, 'migrator', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'migrator', namespace: 'web' }, automountServiceAccountToken: false });
      raw(cluster, 'migrate', migrateJob(PRESYNC, { serviceAccountName: 'migrator' }));
    }),
    layer: 'references', path: 'gitops/migrate', field: 'spec.template.spec.serviceAccountName', message: /never starts/, hint: /PreSync hook too/,
  },
  {
    name: 'a migration Job whose hook type is written presync',
    build: onArgo((cluster) => raw(cluster, 'migrate', migrateJob({ ...PRESYNC, 'argocd.argoproj.io/hook': 'presync' }))),
    layer: 'references', path: 'gitops/migrate', field: 'metadata.annotations["argocd.argoproj.io/hook"]', hint: /hook: 'PreSync'/,
  },
  {
    name: 'a sync wave written as a fraction',
    build: onArgo((cluster) => raw(cluster, 'migrate', migrateJob({ ...PRESYNC, 'argocd.argoproj.io/sync-wave': '-0.5' }))),
    layer: 'references', path: 'gitops/migrate', field: 'metadata.annotations["argocd.argoproj.io/sync-wave"]', hint: /sync-wave: '0'/,
  },
  {
    name: "an app of apps that ignores an HPA's replicas of Deployments written without their group",
    build: ignoring([{ kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]),
    layer: 'schema', path: 'gitops/extras', field: 'spec.ignoreDifferences[0].group', hint: /group: apps/,
  },
  {
    name: "an app of apps that ignores an HPA's replicas at a path written with dots in jsonPointers",
    build: ignoring([{ group: 'apps', kind: 'Deployment', jsonPointers: ['.spec.replicas'] }]),
    layer: 'schema', path: 'gitops/extras', field: 'spec.ignoreDifferences[0].jsonPointers[0]', hint: /\/spec\/replicas/,
  },
  {
    name: "an App given Argo CD's sync wave as an annotation, as a guide writes it on a Deployment",
    build: onArgo((cluster) => labApp('wiki', { annotations: { 'argocd.argoproj.io/sync-wave': '1' } })(cluster)),
    layer: 'props', path: 'gitops/wiki', field: 'annotations', hint: /node\.addDependency\(<the app it needs>\): under argoCd\(\) its objects then come in a later sync wave/,
  },
  {
    name: "an App given Argo CD's Prune=false as an annotation",
    build: onArgo((cluster) => labApp('wiki', { annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' } })(cluster)),
    layer: 'props', path: 'gitops/wiki', field: 'annotations', hint: /kept when removed \(Prune=false\) already/,
  },
  {
    name: "an app of apps whose sync retries back off by '5 seconds', which Argo CD cannot read",
    build: retrying({ duration: '5 seconds', factor: 2, maxDuration: '3m' }),
    layer: 'schema', path: 'gitops/extras', field: 'spec.syncPolicy.retry.backoff.duration', hint: /duration: '5s'/,
  },
  {
    name: 'an app of apps whose sync retries back off for at most a day, written 1d',
    build: retrying({ duration: '5s', factor: 2, maxDuration: '1d' }),
    layer: 'schema', path: 'gitops/extras', field: 'spec.syncPolicy.retry.backoff.maxDuration', hint: /maxDuration: '24h'/,
  },
];
