import { cronScheduleProblem } from '../../validation/cron';
import { isUrlWithScheme } from '../../validation/urls';
import { oneOfWithHabits, PropShape } from '../../validation/known-props';
import type { PlatformComponentProps } from '../component';
import type { ResourcesProps } from '../../app/resources';
import { componentSizeProblems } from '../part-resources';
import { RESOURCES_SHAPE } from '../../validation/app-props-shape';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';
import { checkedComponent, ComponentOptionsCheck, PLACEMENT_SHAPE, placementProblems, valueProblem } from '../component-options';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned release of the Renovate chart (its version is Renovate's). Renovate reads the comment above each pin. */
export const RENOVATE_PINS = {
  // renovate: datasource=helm depName=renovate registryUrl=https://docs.renovatebot.com/helm-charts
  chart: '37.36.1',
} as const;

/** Options of self-hosted Renovate. */
export interface RenovateOptions {
  /** Where the CronJob's pods run. */
  readonly placement: RolePlacement;
  /** Repositories to keep up to date, e.g. `['owner/repo']`. */
  readonly repositories: string[];
  /** Platform of the repositories, as Renovate names it (lower case). @default 'github' */
  readonly platform?: RenovatePlatform;
  /**
   * API address of a self-hosted platform, as Renovate's `endpoint` takes it: `https://git.home.arpa/api/v1`
   * for Gitea or Forgejo, `https://gitlab.home.arpa/api/v4` for GitLab, the server's address for Bitbucket
   * Server, `https://dev.azure.com/<organization>/` for Azure DevOps.
   * @default - the platform's public service (github.com, gitlab.com, bitbucket.org); required for `gitea`,
   * `bitbucket-server` and `azure`, which have none
   */
  readonly endpoint?: string;
  /** Secret with key `RENOVATE_TOKEN`. */
  readonly tokenSecret: string;
  /** Cron schedule. @default '0 * * * *' */
  readonly schedule?: string;
  /** Namespace. @default 'renovate' */
  readonly namespace?: string;
  /**
   * Requests and limits of Renovate's container, as an App's `resources` (CPU in cores or millicores,
   * memory with a binary unit). @default - {@link RENOVATE_SIZE}: 50m CPU and 256Mi requested, a 1Gi memory limit
   */
  readonly resources?: ResourcesProps;
}

/** The platforms the pinned Renovate speaks to, in its own spelling. */
export const RENOVATE_PLATFORMS = ['azure', 'bitbucket', 'bitbucket-server', 'codecommit', 'gitea', 'github', 'gitlab', 'local'] as const;

/** A platform Renovate speaks to. */
export type RenovatePlatform = typeof RENOVATE_PLATFORMS[number];

/** Platforms with no public service, whose server Renovate must be told (`endpoint`). */
const SELF_HOSTED_PLATFORMS: readonly RenovatePlatform[] = ['gitea', 'bitbucket-server', 'azure'];

/** What is wrong with the endpoint given (or left out) for `platform`, or undefined. Pure. */
function endpointProblem(platform: RenovatePlatform, endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) {
    return SELF_HOSTED_PLATFORMS.includes(platform) ? `is missing: platform ${platform} has no public service for Renovate to reach` : undefined;
  }
  return isUrlWithScheme(endpoint, ['https', 'http']) ? undefined : `"${endpoint}" is no http(s) address`;
}

/** Why Renovate would not find repository `name`, given as `owner/repo`, or undefined when it would. Pure. */
function repositoryProblem(name: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || /^git@/.test(name)) {
    return `"${name}" is a clone URL; Renovate takes the repository's path on its platform`;
  }
  if (/\.git$/.test(name)) {
    return `"${name}" ends in .git, which is no part of the repository's name on its platform`;
  }
  return /^[^\s/]+(\/[^\s/]+)+$/.test(name) ? undefined : `"${name}" is not an owner/repo path`;
}

/** Problems of each repository of `repositories`: its form, and a repository listed twice. Pure. */
function repositoriesProblems(repositories: readonly string[]): Array<{ field: string; message: string; hint: string }> {
  return repositories.flatMap((name, index) => {
    const field = `repositories[${index}]`;
    const problem = repositoryProblem(name);
    if (problem !== undefined) {
      return valueProblem(field, problem, "write the repository as owner/repo, e.g. 'me/lab' for https://github.com/me/lab.git");
    }
    const first = repositories.indexOf(name);
    return valueProblem(field, first < index ? `"${name}" is listed already as repositories[${first}]` : undefined, 'list each repository once');
  });
}

/** Size of a Renovate run, which clones repositories and runs package managers: 50m CPU and 256Mi requested, a 1Gi memory limit. */
export const RENOVATE_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '1Gi' };

/** A schedule in the words of Renovate's own `schedule` option (`before 4am`, `every weekend`, `at any time`). */
const RENOVATE_WORDS = /^\s*(before|after|every|on|at any time|non-office hours|between)\b/i;

const CHECK: ComponentOptionsCheck<RenovateOptions> = {
  what: 'renovate()', name: 'renovate',
  shape: {
    placement: PLACEMENT_SHAPE, repositories: 'strings',
    platform: oneOfWithHabits(RENOVATE_PLATFORMS, { FORGEJO: "Renovate of this release speaks to Forgejo as 'gitea'", 'GITHUB-ENTERPRISE': "write 'github'" }), endpoint: 'string', tokenSecret: 'objectName', schedule: 'string', namespace: 'namespace', resources: RESOURCES_SHAPE,
  } satisfies Record<keyof RenovateOptions, PropShape>,
  rules: {
    required: [
      ['placement', "give where Renovate runs: placement: rolePlacement(hosts, 'ci-cd') or hostPlacement(host)"],
      ['repositories', "list the repositories to keep up to date: repositories: ['owner/repo']"],
      ['tokenSecret', "name the Secret of Renovate's namespace with key RENOVATE_TOKEN: tokenSecret: 'renovate-token'"],
    ],
  },
  values: (options) => {
    const schedule = options.schedule === undefined ? undefined : cronScheduleProblem(options.schedule);
    return [
      ...placementProblems('placement', options.placement),
      ...valueProblem('repositories', options.repositories.length === 0 ? 'is empty, so Renovate would update nothing' : undefined,
        "list the repositories to keep up to date: repositories: ['owner/repo']"),
      ...repositoriesProblems(options.repositories),
      ...valueProblem('endpoint', endpointProblem(options.platform ?? 'github', options.endpoint),
        "give the API address of the server, e.g. endpoint: 'https://git.home.arpa/api/v1' for Gitea or Forgejo"),
      ...valueProblem('schedule', schedule && `"${options.schedule}" is no schedule the CronJob takes: ${schedule}`
        + (RENOVATE_WORDS.test(options.schedule!) ? "; it is written in Renovate's own words, which say when Renovate may open pull requests, not when its CronJob runs" : ''),
      RENOVATE_WORDS.test(options.schedule ?? '')
        ? `write when the CronJob runs Renovate in five cron fields, e.g. schedule: '0 3 * * *' (daily at 3); put the words in the repository's renovate.json: "schedule": ["${options.schedule}"]`
        : "write five cron fields, such as '0 * * * *' (hourly) or '0 4 * * *' (daily at 4)"),
      ...componentSizeProblems(options.resources, 'resources', RENOVATE_SIZE),
    ];
  },
};

/** Renovate as a CronJob: dependency pull requests for the repositories, this one included. */
export function renovate(options: RenovateOptions): PlatformComponentProps {
  return checkedComponent(options, CHECK, renovateComponent);
}

function renovateComponent(options: RenovateOptions): PlatformComponentProps {
  return {
    name: 'renovate',
    resources: { setAt: ['values.resources'] },
    description: 'Renovate bot, run on a schedule',
    namespace: options.namespace ?? 'renovate',
    network: servesPorts(),
    readsSecrets: [options.tokenSecret],
    // The chart passes the Secret to Renovate as its environment (`envFrom`).
    readsSecretKeys: { [options.tokenSecret]: { option: 'tokenSecret', oneOf: [['RENOVATE_TOKEN']] } },
    install: {
      type: 'helm',
      chart: { repository: 'https://docs.renovatebot.com/helm-charts', chart: 'renovate', version: RENOVATE_PINS.chart },
      values: withResourceValues({
        cronjob: { schedule: options.schedule ?? '0 * * * *', concurrencyPolicy: 'Forbid' },
        renovate: {
          config: JSON.stringify({
            platform: options.platform ?? 'github', ...options.endpoint === undefined ? {} : { endpoint: options.endpoint }, repositories: options.repositories,
          }),
          // The container's own context, which the chart leaves empty (the restricted level of its namespace).
          securityContext: RESTRICTED_CONTAINER_SECURITY,
        },
        existingSecret: options.tokenSecret,
        nodeSelector: options.placement.nodeSelector,
        tolerations: options.placement.tolerations,
        securityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: 12021 },
      }, ['resources'], RENOVATE_SIZE, options.resources),
    },
  };
}
