import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The deploy jobs' kubectl against the Kubernetes the cluster runs: kubectl supports one minor release of skew.

const agent = { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/' };

/** A cluster `edge` of the lab deployed by GitLab CI with `ci` beside the agent; the finding is expected on `field`. */
const ci = (name: string, props: Record<string, unknown>, field: string, extra: Partial<BadInput> = {}): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, gitops: homelab.gitLabCi({ agent, ...props } as homelab.GitLabCiProps) })),
  layer: 'props', path: 'edge', field, ...extra,
});

export const CASES: BadInput[] = [
  ci('GitLab CI deploy jobs whose pinned kubectl is three minor releases newer than the cluster it applies to', { kubernetesVersion: '1.31' },
    'gitops.kubernetesVersion', { message: /kubectl 1\.34 .* Kubernetes 1\.31/, hint: /jobImage: 'alpine\/k8s:1\.31\.<patch>'/ }),
  ci('GitLab CI deploy jobs on a kubectl image two minor releases older than the cluster', { kubernetesVersion: 'v1.34.2', jobImage: 'alpine/k8s:1.32.4' },
    'gitops.kubernetesVersion', { message: /kubectl 1\.32 \(alpine\/k8s:1\.32\.4\)/ }),
  ci('GitLab CI kubernetesVersion written as a word, not a release', { kubernetesVersion: 'latest' },
    'gitops.kubernetesVersion', { hint: /kubernetesVersion: '1\.34'/ }),
];
