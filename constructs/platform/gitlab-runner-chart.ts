import type { PodSecurityLevel } from '../app/security';
import { widerLevel } from '../app/security';
import type { HelmChartSource } from './component';
import { valueAt } from './chart-value-at';

// GitLab Runner's chart (`gitlab-runner` of charts.gitlab.io) reads the runner's token from the Secret that
// `runners.secret` names: its Deployment projects the keys `runner-registration-token` and `runner-token` of that
// Secret into the pod, so a Secret without either key keeps the pod from starting ("couldn't find key"). Its
// Kubernetes executor starts each job as a pod of the namespace its `runners.config` names, with the build and
// service containers privileged where that TOML says `privileged = true` (Docker-in-Docker builds).

/** The value of GitLab Runner's chart that names the Secret of the runner's token. */
export const GITLAB_RUNNER_TOKEN_SECRET = 'runners.secret';

/** The keys of that Secret the chart's pod mounts, each of which the Secret must hold (the one not used may be empty). */
export const GITLAB_RUNNER_TOKEN_KEYS: readonly string[] = ['runner-registration-token', 'runner-token'];

/** Whether `chart` is GitLab's own `gitlab-runner` chart (a mirror keeps the chart's name). Pure. */
export function isGitLabRunnerChart(chart: HelmChartSource | undefined): boolean {
  return typeof chart?.chart === 'string' && chart.chart.replace(/^.*\//, '') === 'gitlab-runner'
    && typeof chart.repository === 'string' && chart.repository.toLowerCase().includes('gitlab');
}

/** The Secret `runners.secret` names, when it is one a Secret may be named. Pure. */
export function gitLabRunnerTokenSecret(values: Readonly<Record<string, unknown>>): string | undefined {
  const name = valueAt(values, GITLAB_RUNNER_TOKEN_SECRET.split('.'));
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A problem of the jobs a GitLab Runner release starts. */
export interface GitLabRunnerJobProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/** The `[runners.kubernetes]` table of the runner's TOML (up to the next table that is no sub-table of it). */
function kubernetesTable(config: string): string | undefined {
  const start = /^\s*\[runners\.kubernetes\]\s*$/m.exec(config);
  if (start === null) {
    return undefined;
  }
  const rest = config.slice(start.index + start[0].length);
  const next = /^\s*\[{1,2}(?!runners\.kubernetes\.)[^\]]+\]{1,2}\s*$/m.exec(rest);
  return next === null ? rest : rest.slice(0, next.index);
}

/** A string setting `name = "…"` of a TOML table (its own lines, not those of its sub-tables). */
function tomlSetting(table: string, name: string): string | undefined {
  const own = table.split(/^\s*\[/m)[0];
  const match = new RegExp(`^\\s*${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(true|false))\\s*(?:#.*)?$`, 'm').exec(own);
  return match === null ? undefined : match[1] ?? match[2] ?? match[3];
}

/**
 * The problem of a GitLab Runner release whose Kubernetes executor starts privileged job pods (`privileged = true`
 * in `runners.config`) in a namespace whose Pod Security level refuses them: every job then fails at its start while
 * the runner looks healthy. `levelOf` gives the enforced level of a namespace of the repository (undefined for one
 * made elsewhere, which is not judged); the jobs run in the executor's `namespace`, the release's own where it is
 * `{{.Release.Namespace}}` or left out. Pure.
 */
export function gitLabRunnerJobProblem(
  values: Readonly<Record<string, unknown>>, releaseNamespace: string, levelOf: (namespace: string) => PodSecurityLevel | undefined,
): GitLabRunnerJobProblem | undefined {
  const config = valueAt(values, ['runners', 'config']);
  const table = typeof config === 'string' ? kubernetesTable(config) : undefined;
  if (table === undefined || tomlSetting(table, 'privileged') !== 'true') {
    return undefined;
  }
  const written = tomlSetting(table, 'namespace');
  const namespace = written === undefined || written.includes('{{') ? releaseNamespace : written;
  const level = levelOf(namespace);
  if (level === undefined || widerLevel(level, 'privileged') === level) {
    return undefined;
  }
  return {
    field: 'values.runners.config',
    message: `the Kubernetes executor runs each job's build and service containers privileged (privileged = true under [runners.kubernetes]) in namespace "${namespace}", `
      + `which enforces Pod Security "${level}": admission refuses every job pod, and each job fails at its start while the runner looks healthy`,
    hint: `state why the jobs' namespace needs it: cluster.namespaces.ensure('${namespace}', { podSecurity: 'privileged', reason: 'Docker-in-Docker builds of GitLab CI jobs' }), `
      + 'written on the namespace; or build images without privileges (BuildKit rootless, Kaniko) and drop privileged = true',
  };
}
