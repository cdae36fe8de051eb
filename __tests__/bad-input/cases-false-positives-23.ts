import { ApiObject, App as CdkApp } from 'cdk8s';
import { argoCd } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// What still fails beside the globs a hand-written AppProject's sourceRepos may now hold: a `*` does not cross a `/`
// (`https://github.com/*` takes no repository of an organization), and a `!` entry refuses the chart repository it matches whatever else is taken;
// a destination of a `!` namespace refuses that namespace beside one that takes every namespace.

/** Cluster `edge` under Argo CD whose hand-written project `home` takes `sourceRepos` and `destinations`. */
const projectOf = (sourceRepos: string[], destinations: object[] = [{ name: 'in-cluster', namespace: '*' }]) => guarded((_c: unknown, root: CdkApp) => {
  const cluster = labCluster(root, 'edge', { gitops: argoCd({ project: 'home' }) });
  new ApiObject(cluster, 'project', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'home', namespace: 'argocd' },
    spec: { sourceRepos, destinations, clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
  });
});

export const CASES: BadInput[] = [
  {
    name: "a hand-written project whose sourceRepos glob's * would have to cross a / to take local-path-provisioner's repository",
    build: projectOf(['https://github.com/*', 'https://*.github.io/*']),
    layer: 'references', path: 'platform/installs/local-path-provisioner/application', field: 'spec.source.repoURL',
    hint: /add https:\/\/github\.com\/rancher\/local-path-provisioner to the sourceRepos/,
  },
  {
    name: "a hand-written project that takes every repository but refuses Traefik's with a ! entry",
    build: projectOf(['*', '!https://traefik.github.io/*']),
    layer: 'references', path: 'platform/installs/traefik/application', field: 'spec.source.repoURL', message: /refuses the Application's repository https:\/\/traefik\.github\.io\/charts/,
  },
  {
    name: "a hand-written project whose destinations take every namespace but deny Traefik's",
    build: projectOf(['*'], [{ name: 'in-cluster', namespace: '*' }, { name: 'in-cluster', namespace: '!traefik' }]),
    layer: 'references', path: 'platform/installs/traefik/application', field: 'spec.destination.namespace', message: /"traefik"/,
  },
];
