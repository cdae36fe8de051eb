import { requiredArgument } from '../component-arguments';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned release of the GitLab agent for Kubernetes. Renovate reads the comment above each pin. */
export const GITLAB_AGENT_PINS = {
  // renovate: datasource=helm depName=gitlab-agent registryUrl=https://charts.gitlab.io
  chart: '2.12.2',
} as const;

/** Size of each agentk replica, which holds the tunnel to GitLab: 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const GITLAB_AGENT_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's one pod, agentk, takes its resources from the top-level `resources` key, read in the
// chart's values.yaml of the 2.7 line (agentk v17.3), the release nearest 2.12.2 that could be read.
/** The parts of the GitLab agent, each with its chart values keys and this library's size of it. */
export const GITLAB_AGENT_PARTS = {
  agentk: { keys: ['resources'], size: GITLAB_AGENT_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The part of the GitLab agent a user can size: its one container, agentk (each replica). */
export type GitLabAgentPart = keyof typeof GITLAB_AGENT_PARTS;

/** Every part of the GitLab agent, by name. */
export const GITLAB_AGENT_PART_NAMES = Object.keys(GITLAB_AGENT_PARTS) as GitLabAgentPart[];

/** Options of the GitLab agent component. */
export interface GitLabAgentOptions {
  /** Address of the GitLab agent server (KAS), e.g. `wss://gitlab.example.org/-/kubernetes-agent/`. */
  readonly kasAddress: string;
  /** PEM of the CA that signs the agent server's certificate, trusted beside the system's roots. @default - the system's roots alone */
  readonly kasCaCert?: string;
  /** Name of the Secret in the agent's namespace holding the agent token under key `token`; never the token itself. */
  readonly tokenSecretName: string;
  /** Namespace. @default 'gitlab-agent' */
  readonly namespace?: string;
  /** Helm release name (the agent's name in GitLab comes from its token). @default 'gitlab-agent' */
  readonly releaseName?: string;
  /**
   * Requests and limits of agentk, as an App's `resources`, merged key by key into the default.
   * @default - 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly resources?: PartResources<GitLabAgentPart>;
}

/**
 * The Deployment the gitlab-agent chart makes for release `releaseName`: its full name (the release's name when
 * that holds the chart's, else `<release>-gitlab-agent`), cut to 60 characters, with the `-v2` the chart appends
 * so that a change of its selector makes a new Deployment rather than a refused update. Pure.
 */
export function gitLabAgentDeployment(releaseName: string): string {
  const fullName = (releaseName.includes('gitlab-agent') ? releaseName : `${releaseName}-gitlab-agent`).slice(0, 63).replace(/-+$/, '');
  return `${fullName.slice(0, 60)}-v2`;
}

/**
 * The GitLab agent for Kubernetes: GitLab CI jobs reach the cluster through it (`kubectl` with the
 * agent's context), so no kubeconfig or cluster credentials live in CI variables.
 */
export function gitLabAgent(options: GitLabAgentOptions): PlatformComponentProps {
  requiredArgument(options, 'gitLabAgent()', 'options', 'object', "the agent's options: { kasAddress: 'wss://gitlab.example.com/-/kubernetes-agent/', tokenSecretName: 'gitlab-agent-token' }");
  return {
    name: 'gitlab-agent',
    resources: { setAt: partValuesKeys(GITLAB_AGENT_PARTS) },
    description: 'GitLab agent for Kubernetes: the tunnel CI jobs deploy through',
    namespace: options.namespace ?? 'gitlab-agent',
    network: servesPorts(
      { port: 8080, purpose: 'health, checked by the kubelet, and metrics of agentk' },
      { port: 8081, purpose: 'private API between the agentk replicas' },
      { port: 8082, purpose: 'API that GitLab calls in receptive mode' },
    ),
    readsSecrets: [options.tokenSecretName],
    // The GitLab CI engine's steps have the owner make it from the token GitLab shows once.
    secretsMadeByHand: [options.tokenSecretName],
    install: {
      type: 'helm',
      chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab-agent', version: GITLAB_AGENT_PINS.chart },
      releaseName: options.releaseName ?? 'gitlab-agent',
      values: withPartResources({
        config: { kasAddress: options.kasAddress, ...(options.kasCaCert === undefined ? {} : { kasCaCert: options.kasCaCert }), secretName: options.tokenSecretName },
        replicas: 2,
        // The chart leaves both contexts empty; its namespace is restricted.
        podSecurityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: 65532, runAsGroup: 65532 },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY, readOnlyRootFilesystem: true },
      }, GITLAB_AGENT_PARTS, options.resources),
    },
  };
}
