import { ApiObject, App as CdkApp } from 'cdk8s';
import { argoCd, cilium } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labCluster, raw } from './lab';

// What still fails beside the globs a hand-written AppProject's sourceRepos may now hold: a `*` does not cross a `/`
// (`https://github.com/*` takes no repository of an organization), and a `!` entry refuses the chart repository it matches whatever else is taken;
// a destination of a `!` namespace refuses that namespace beside one that takes every namespace; and a clusterwide
// Cilium policy's DNS rule over the pods of another namespace admits no lookups of a workload whose egress is limited.

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
  {
    name: "a workload's egress limited to the internet under Cilium, whose clusterwide DNS rule selects another namespace's pods",
    build: guarded((_c: unknown, root: CdkApp) => {
      const cluster = labCluster(root, 'edge', { cni: cilium({ k8sServiceHost: '10.0.0.1', k8sServicePort: 6443 }), networkPolicy: 'cilium' });
      raw(cluster, 'workload', goodDeployment('backup'));
      raw(cluster, 'egress', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'egress', namespace: 'web' },
        spec: { podSelector: { matchLabels: { app: 'backup' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] },
      });
      raw(cluster, 'media-dns', {
        apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'media-dns' },
        spec: {
          endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'media' } },
          egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }],
        },
      });
    }),
    layer: 'policy', path: 'egress', field: 'spec.egress', message: /no policy over them admits their lookups to the cluster DNS/,
  },
];
