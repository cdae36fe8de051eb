import type { PropProblem } from '../validation/known-props';
import { describeValue } from '../inventory/problems';
import { imageTag } from '../app/image-tag';
import { isUrlWithScheme } from '../validation/urls';
import type { GitLabAgentRef } from './gitlab-ci';
import { GITLAB_AGENT_PARTS } from './components/gitlab-agent';
import { partResourcesProblems } from './part-resources';
import { engineNamespaceProblems, SYSTEM_NAMESPACES } from '../validation/system-namespaces';
import { pemCertificateProblems } from '../validation/pem-certificates';

// What `gitLabCi()` cannot take beyond the types of its options: the agent and the CI jobs use them as
// they are, and fail only once deployed.

/** The agent dials KAS over WebSocket or gRPC; a bare host name gives it no scheme to dial. */
function kasAddressProblem(address: unknown): PropProblem[] {
  return typeof address !== 'string' || isUrlWithScheme(address, ['wss', 'grpc', 'grpcs']) ? [] : [{
    field: 'agent.kasAddress', message: `kasAddress "${address}" is not a wss://, grpc:// or grpcs:// URL, which the agent needs to reach its server`,
    hint: `give the agent server's URL, e.g. 'wss://${/^[A-Za-z0-9.-]+$/.test(address) ? address : 'gitlab.example'}/-/kubernetes-agent/' (GitLab.com: 'wss://kas.gitlab.com')`,
  }];
}

/**
 * A GitLab path (`group/project`, `group/subgroup`): the CI context and ci_access name projects and groups
 * by it, never by their URL. `what` is `project` or `group`; a project's path has at least two parts.
 */
function gitLabPathProblem(value: unknown, field: string, what: 'project' | 'group', example: string): PropProblem[] {
  const pattern = what === 'project' ? /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/ : /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
  if (typeof value !== 'string' || pattern.test(value)) {
    return [];
  }
  const path = value.replace(/^[a-z]+:\/\/[^/]+\//, '').replace(/(\.git)?\/*$/, '');
  return [{
    field, message: what === 'project'
      ? `project "${value}" is not a GitLab project path (group/project), which CI jobs name the agent's context by`
      : `group "${value}" is not a GitLab group path (group or group/subgroup), which the agent's ci_access matches groups by`,
    hint: `give the ${what}'s path without host or scheme, e.g. '${pattern.test(path) ? path : example}'`,
  }];
}

/**
 * Groups of ci_access named by URL rather than by path, a group listed again (the agent's config.yaml gives
 * a group one entry and one default namespace, so a second entry would drop one of the namespaces), and a
 * group confined to a namespace Kubernetes keeps for itself.
 */
function ciAccessProblems(ciAccess: unknown): PropProblem[] {
  if (!Array.isArray(ciAccess)) {
    return [];
  }
  const first = new Map<string, number>();
  return ciAccess.flatMap((access, i): PropProblem[] => {
    const group: unknown = access?.group;
    const earlier = typeof group === 'string' ? first.get(group) : undefined;
    if (typeof group === 'string' && earlier === undefined) {
      first.set(group, i);
    }
    if (earlier === undefined && access?.confined === true && SYSTEM_NAMESPACES.includes(access?.defaultNamespace)) {
      // edit there reaches what Kubernetes keeps for itself (kube-system's Secrets) and every object made
      // without a namespace: the confinement would confine nothing.
      return [{
        field: `agent.ciAccess[${i}].defaultNamespace`,
        message: `group "${String(group)}" is confined to namespace "${access.defaultNamespace}", a namespace Kubernetes keeps for itself: its jobs would get edit there, beside the cluster's own objects`,
        hint: `confine the group to a namespace of its own, e.g. defaultNamespace: '${typeof group === 'string' ? group.split('/').pop()!.toLowerCase().replace(/[^a-z0-9-]+/g, '-') : 'peers'}'`,
      }];
    }
    return earlier === undefined ? gitLabPathProblem(group, `agent.ciAccess[${i}].group`, 'group', 'peers/alice') : [{
      field: `agent.ciAccess[${i}].group`, message: `group "${String(group)}" is listed already, as ciAccess[${earlier}]: the agent gives a group one entry and one default namespace`,
      hint: `keep one entry for ${String(group)}; its jobs reach other namespaces by naming them (kubectl --namespace) unless it is confined`,
    }];
  });
}

/** Everything {@link gitLabCi} finds wrong with the agent beyond its shape. Pure. */
export function gitLabAgentProblems(agent: Partial<GitLabAgentRef> | undefined): PropProblem[] {
  return agent === null || typeof agent !== 'object' ? [] : [
    ...kasAddressProblem(agent.kasAddress), ...pemCertificateProblems('agent.kasCaCert', agent.kasCaCert), ...gitLabPathProblem(agent.project, 'agent.project', 'project', 'infra/k8s-agent'), ...ciAccessProblems(agent.ciAccess),
    ...partResourcesProblems(agent.resources, 'agent.resources', GITLAB_AGENT_PARTS),
    ...engineNamespaceProblems('agent.namespace', agent.namespace, 'the GitLab agent', 'gitlab-agent'),
  ];
}

/** `<major>.<minor>` of a release written `1.34`, `v1.34.1` or `1.34.1-r0`; undefined for anything else. */
function minorRelease(text: string): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * The deploy jobs' kubectl, the tag of `image`, more than one minor release from the cluster's Kubernetes:
 * kubectl supports one minor release of skew against the API server (Kubernetes' version skew policy). An
 * image whose tag is no release (a digest, `latest`) is left alone; a `kubernetesVersion` that is no release
 * is reported.
 */
export function kubectlSkewProblems(kubernetesVersion: unknown, image: string): PropProblem[] {
  if (kubernetesVersion === undefined) {
    return [];
  }
  const cluster = typeof kubernetesVersion === 'string' ? minorRelease(kubernetesVersion) : undefined;
  if (cluster === undefined) {
    return [{
      field: 'kubernetesVersion', message: `kubernetesVersion ${describeValue(kubernetesVersion)} is not a Kubernetes release`,
      hint: "write the release the cluster's API server runs (kubectl version prints it), e.g. kubernetesVersion: '1.34'",
    }];
  }
  const tag = typeof image === 'string' ? imageTag(image) : undefined;
  const kubectl = tag === undefined ? undefined : minorRelease(tag);
  if (kubectl === undefined || (kubectl.major === cluster.major && Math.abs(kubectl.minor - cluster.minor) <= 1)) {
    return [];
  }
  const release = `${cluster.major}.${cluster.minor}`;
  return [{
    field: 'kubernetesVersion',
    message: `the deploy jobs run kubectl ${kubectl.major}.${kubectl.minor} (${image}), more than one minor release from the cluster's Kubernetes ${release}, `
      + 'which kubectl does not support (Kubernetes\' version skew policy allows one)',
    hint: `run the jobs on a kubectl of ${release}: jobImage: '${image.slice(0, image.length - tag!.length - 1)}:${release}.<patch>' (a tag of that release), or correct kubernetesVersion to the release the cluster runs`,
  }];
}
