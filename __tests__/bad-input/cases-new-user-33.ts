import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChart, flux } from '../../constructs';
import type { ArgoCdProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// A GitOps engine's first day, set up from the README: the app of apps, Flux Kustomizations and Argo CD
// Applications written by hand beside the engine's own, each the way a guide for a bare cluster writes them.

/** A cluster `edge` of the lab under Argo CD with `props`, given what `objects` adds. */
function argoEdge(props: ArgoCdProps, objects: (edge: ClusterChart) => void) {
  return guarded((_c: ClusterChart, app: CdkApp) => objects(labCluster(app, 'edge', { hosts: [], storage: {}, gitops: argoCd(props) })));
}

/** An Argo CD Application `id` of the site's repository (or `repoURL`) at `path`, into namespace `namespace`, in `project`. */
function application(edge: ClusterChart, path: string, spec: { project?: string; repoURL?: string; namespace?: string } = {}): void {
  raw(edge, 'apps', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'apps', namespace: 'argocd' },
    spec: {
      project: spec.project ?? 'default', source: { repoURL: spec.repoURL ?? 'https://git.lab.test/lab', targetRevision: 'main', path },
      destination: { server: 'https://kubernetes.default.svc', namespace: spec.namespace ?? 'argocd' }, syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  });
}

/** A Flux Kustomization `podinfo` of bootstrap's GitRepository with `spec` over a folder of its own. */
function kustomization(spec: (cluster: ClusterChart) => Record<string, unknown>) {
  return guarded((c: ClusterChart) => raw(c, 'podinfo', {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'podinfo', namespace: 'flux-system' },
    spec: { interval: '10m', path: './apps/podinfo', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' }, ...spec(c) },
  }));
}

const PROJECT: ArgoCdProps = { project: 'homelab', createProject: true };

export const CASES: BadInput[] = [
  // The app of apps of Argo CD's guide, pointed at the cluster's folder (written without .git): the root Application applies it already.
  {
    name: 'an Argo CD app of apps of the cluster folder, which includes itself',
    build: argoEdge({}, (edge) => application(edge, edge.repositoryPath())),
    layer: 'references', path: 'edge/apps', field: 'spec.source.path', message: /which its GitOps engine applies already/, hint: /outside/,
  },
  {
    name: "a Flux Kustomization of the cluster's apps layer, written with a trailing /",
    build: kustomization((c) => ({ path: `./${c.repositoryPath('apps')}/` })),
    layer: 'references', path: 'podinfo', field: 'spec.path', message: /a layer of the folder of cluster "main"/,
  },
  {
    name: "a Flux Kustomization of the repository's root, as flux create kustomization --path=./ writes it",
    build: kustomization(() => ({ path: './' })),
    layer: 'references', path: 'podinfo', field: 'spec.path', message: /which holds the folder of cluster "main"/,
  },
  {
    name: "an Argo CD Application of another repository in the project the cluster renders",
    build: argoEdge(PROJECT, (edge) => application(edge, 'apps', { project: 'homelab', repoURL: 'https://github.com/me/apps.git', namespace: 'web' })),
    layer: 'references', path: 'edge/apps', field: 'spec.source.repoURL', hint: /https:\/\/git\.lab\.test\/lab\.git/,
  },
  {
    name: "an Argo CD Application in project default, which a cluster with its own project renders closed",
    build: argoEdge(PROJECT, (edge) => application(edge, 'apps', { namespace: 'web' })),
    layer: 'references', path: 'edge/apps', field: 'spec.project', hint: /that takes https:\/\/git\.lab\.test\/lab: homelab$/,
  },
  {
    name: "an Argo CD Application into kube-system, a namespace its project does not allow",
    build: argoEdge(PROJECT, (edge) => application(edge, 'apps', { project: 'homelab', namespace: 'kube-system' })),
    layer: 'references', path: 'edge/apps', field: 'spec.destination.namespace', message: /project "homelab" allows only/,
  },
  // One mistake, one error: a namespace nothing provides is not also one the project refuses.
  {
    name: "an Argo CD Application into a namespace nothing provides, in the cluster's project",
    build: argoEdge(PROJECT, (edge) => application(edge, 'apps', { project: 'homelab', namespace: 'media' })),
    layer: 'references', path: 'edge/apps', field: 'spec.destination.namespace', message: /provided by nothing/,
  },
  {
    name: 'a Flux health check on a HelmRelease the cluster does not have',
    build: kustomization(() => ({ healthChecks: [{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' }] })),
    layer: 'references', path: 'podinfo', field: 'spec.healthChecks[0]', hint: /drop the health check/,
  },
  {
    name: 'a Flux health check on a kind no CRD of the cluster defines',
    build: kustomization(() => ({ healthChecks: [{ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', name: 'db', namespace: 'web' }] })),
    layer: 'references', path: 'podinfo', field: 'spec.healthChecks[0]', hint: /group: 'postgresql\.cnpg\.io', kinds: \['Cluster'\]/,
  },
  {
    name: "a Flux Kustomization's dependsOn of the infrastructure Kustomization of Flux's guide",
    build: kustomization(() => ({ dependsOn: [{ name: 'infrastructure' }] })),
    layer: 'references', path: 'podinfo', field: 'spec.dependsOn[0]',
  },
  {
    name: "a Flux Kustomization's interval written '1 minute'",
    build: kustomization(() => ({ interval: '1 minute' })),
    layer: 'schema', path: 'podinfo', field: 'spec.interval',
  },
  {
    name: "flux({ interval: '60' }), seconds meant",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { hosts: [], storage: {}, gitops: flux({ interval: '60' }) })),
    layer: 'props', path: 'edge', field: 'gitops.interval',
  },
  {
    name: 'an Argo CD sync wave written as a number',
    build: argoEdge({}, (edge) => raw(edge, 'apps', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'apps', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': 5 } },
      spec: { project: 'default', source: { repoURL: 'https://github.com/me/apps.git', targetRevision: 'main', path: 'apps' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'web' } },
    })),
    layer: 'schema', path: 'edge/apps', field: 'metadata.annotations["argocd.argoproj.io/sync-wave"]',
  },
  {
    name: "an app in Argo CD's namespace",
    build: argoEdge({}, (edge) => labApp('web', { namespace: 'argocd' })(edge)),
    layer: 'policy', path: 'edge/web', field: 'namespace', hint: /namespace: 'web'/,
  },
  {
    name: "flux() given the branch of a guide's bootstrap",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { hosts: [], storage: {}, gitops: flux({ branch: 'master' } as never) })),
    layer: 'props', path: 'edge', field: 'gitops.branch',
  },
];
