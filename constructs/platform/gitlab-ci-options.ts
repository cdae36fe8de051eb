import type { PropProblem } from '../validation/known-props';
import { isUrlWithScheme } from '../validation/urls';
import type { GitLabAgentRef } from './gitlab-ci';

// What `gitLabCi()` cannot take beyond the types of its options: the agent and the CI jobs use them as
// they are, and fail only once deployed.

/** The agent dials KAS over WebSocket or gRPC; a bare host name gives it no scheme to dial. */
function kasAddressProblem(address: unknown): PropProblem[] {
  return typeof address !== 'string' || isUrlWithScheme(address, ['wss', 'grpc', 'grpcs']) ? [] : [{
    field: 'agent.kasAddress', message: `kasAddress "${address}" is not a wss://, grpc:// or grpcs:// URL, which the agent needs to reach its server`,
    hint: `give the agent server's URL, e.g. 'wss://${/^[A-Za-z0-9.-]+$/.test(address) ? address : 'gitlab.example'}/-/kubernetes-agent/' (GitLab.com: 'wss://kas.gitlab.com')`,
  }];
}

/** The project is named by its path (`group/project`) in the CI context and ci_access, never by its URL. */
function projectProblem(project: unknown): PropProblem[] {
  if (typeof project !== 'string' || /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(project)) {
    return [];
  }
  const path = project.replace(/^[a-z]+:\/\/[^/]+\//, '').replace(/(\.git)?\/*$/, '');
  return [{
    field: 'agent.project', message: `project "${project}" is not a GitLab project path (group/project), which CI jobs name the agent's context by`,
    hint: `give the project's path without host or scheme, e.g. '${path.includes('/') ? path : 'infra/k8s-agent'}'`,
  }];
}

/** Everything {@link gitLabCi} finds wrong with the agent beyond its shape. Pure. */
export function gitLabAgentProblems(agent: Partial<GitLabAgentRef> | undefined): PropProblem[] {
  return agent === null || typeof agent !== 'object' ? [] : [...kasAddressProblem(agent.kasAddress), ...projectProblem(agent.project)];
}
