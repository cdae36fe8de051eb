import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends of a new user's GitOps engine: the engine put into a namespace every cluster has, as other
// tools' quick starts do (`--namespace kube-system`, or `default` left in). It is one error on the engine's
// own namespace option, whose hint names the namespace the engine's docs install it into. And K3s'
// auto-deploy folder chosen on a cluster that never says it runs K3s.

/** A cluster `edge` of the lab with these GitOps settings, built when the case runs (a factory may throw). */
const engine = (gitops: () => unknown, extra: Record<string, unknown> = {}) =>
  guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { gitops: gitops(), ...extra } as any));
const AGENT = { project: 'infra/k8s-agent', name: 'lab', kasAddress: 'wss://kas.gitlab.com' };

export const CASES: BadInput[] = [
  // Engines in a namespace Kubernetes keeps for itself, kube-system included: an engine is no node agent
  { name: "flux in namespace 'kube-system'", build: engine(() => homelab.flux({ namespace: 'kube-system' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /namespace: 'flux-system'/ },
  { name: "flux in namespace 'default'", build: engine(() => homelab.flux({ namespace: 'default' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /namespace: 'flux-system'/ },
  { name: "flux in namespace 'kube-node-lease'", build: engine(() => homelab.flux({ namespace: 'kube-node-lease' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /'flux-system'/ },
  { name: "argoCd in namespace 'default'", build: engine(() => homelab.argoCd({ namespace: 'default' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /namespace: 'argocd'/ },
  { name: "argoCd in namespace 'kube-system'", build: engine(() => homelab.argoCd({ namespace: 'kube-system' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /namespace: 'argocd'/ },
  { name: "argoCd in namespace 'kube-public'", build: engine(() => homelab.argoCd({ namespace: 'kube-public' })), layer: 'props', path: 'edge', field: 'gitops.namespace', hint: /'argocd'/ },
  { name: "the GitLab agent in namespace 'kube-system'", build: engine(() => homelab.gitLabCi({ agent: { ...AGENT, namespace: 'kube-system' } })), layer: 'props', path: 'edge', field: 'gitops.agent.namespace', hint: /namespace: 'gitlab-agent'/ },
  { name: "the GitLab agent in namespace 'default'", build: engine(() => homelab.gitLabCi({ agent: { ...AGENT, namespace: 'default' } })), layer: 'props', path: 'edge', field: 'gitops.agent.namespace', hint: /'gitlab-agent'/ },
  // K3s' auto-deploy folder on a cluster that does not say it runs K3s: its charts have no helm-controller
  { name: 'k3sManifests with charts on a cluster that declares no distribution', build: engine(() => homelab.k3sManifests()), layer: 'references', path: 'edge', field: 'gitops', hint: /preinstalled: \[k3s\(\)\]/ },
  { name: "k3sManifests with an app's chart release and no distribution", build: guarded((_c: ClusterChart, app: CdkApp) => new homelab.ChartRelease(
    labCluster(app, 'edge', { gitops: homelab.k3sManifests(), routes: homelab.noRoutes(), loadBalancer: undefined, storage: {} } as any), 'podinfo', {
      namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' }, network: homelab.servesPorts({ port: 9898, purpose: 'http' }),
    })), layer: 'references', path: 'edge', field: 'gitops', hint: /preinstalled: \[k3s\(\)\]/ },
];
