import { isUrlWithScheme } from '../../validation/urls';
import { DNS1123_LABEL, nameProblem } from '../../validation/dns-names';
import type { PropShape } from '../../validation/known-props';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { resourceRequirements } from '../component-resources';
import { PART_RESOURCES_SHAPE, partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { checkedComponent, ComponentOptionsCheck, PLACEMENT_SHAPE, placementProblems, valueProblem } from '../component-options';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { valueAt } from '../chart-value-at';
import type { PropProblem } from '../../validation/known-props';
import { oneOf } from '../../validation/known-props';

/** Pinned releases of GitHub's Actions Runner Controller charts. Renovate reads the comment above each pin. */
export const ACTIONS_RUNNER_CONTROLLER_PINS = {
  // renovate: datasource=docker depName=ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set-controller
  controller: '0.9.3',
  // renovate: datasource=docker depName=ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set
  scaleSet: '0.9.3',
} as const;

const CHARTS = 'oci://ghcr.io/actions/actions-runner-controller-charts';

/** Namespace of the controller, unless `actionsRunnerController({ namespace })` moves it. */
const ARC_CONTROLLER_NAMESPACE = 'arc-systems';

/** The controller's ServiceAccount: the chart names it `<release>-gha-rs-controller`, and its release is the component's name. */
const ARC_CONTROLLER_SERVICE_ACCOUNT = 'arc-controller-gha-rs-controller';

/** Size of the controller, which watches the runner scale sets and their runners: 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const ARC_CONTROLLER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/**
 * Size of each runner, which runs the workflow's steps: 100m CPU and 256Mi requested, a 2Gi memory limit
 * (a build or test step is what grows it).
 */
export const ARC_RUNNER_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '2Gi' };

/** Size of the listener the controller starts for each scale set: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const ARC_LISTENER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** The part of the runner controller a user can size: the controller itself (each scale set sizes its listener). */
export type ActionsRunnerControllerPart = 'controller';

/** The part of the runner controller, by name. */
const CONTROLLER_PARTS = { controller: { keys: ['resources'], size: ARC_CONTROLLER_SIZE } } as const satisfies Record<ActionsRunnerControllerPart, SizedPart>;

/** The parts of a runner scale set a user can size: each runner, and the listener the controller starts for the set. */
export type RunnerScaleSetPart = 'runner' | 'listener';

/** The parts of a runner scale set, by name. */
const SCALE_SET_PARTS: readonly RunnerScaleSetPart[] = ['runner', 'listener'];

/** Options of the runner controller. */
export interface ActionsRunnerControllerOptions {
  /** Where the controller runs. */
  readonly placement: RolePlacement;
  /** Namespace. @default 'arc-systems' */
  readonly namespace?: string;
  /**
   * Requests and limits of the controller, as an App's `resources`, merged key by key into the default.
   * @default - 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly resources?: PartResources<ActionsRunnerControllerPart>;
}

const CONTROLLER_CHECK: ComponentOptionsCheck<ActionsRunnerControllerOptions> = {
  what: 'actionsRunnerController()', name: 'arc-controller',
  shape: { placement: PLACEMENT_SHAPE, namespace: 'namespace', resources: PART_RESOURCES_SHAPE } satisfies Record<keyof ActionsRunnerControllerOptions, PropShape>,
  rules: { required: [['placement', "give where the controller runs: placement: rolePlacement(hosts, 'ci-cd') or hostPlacement(host)"]] },
  values: (options) => [...placementProblems('placement', options.placement), ...partResourcesProblems(options.resources, 'resources', CONTROLLER_PARTS)],
};

/** The controller of GitHub Actions runner scale sets (multi-arch images). */
export function actionsRunnerController(options: ActionsRunnerControllerOptions): PlatformComponentProps {
  return checkedComponent(options, CONTROLLER_CHECK, controller);
}

function controller(options: ActionsRunnerControllerOptions): PlatformComponentProps {
  return {
    name: 'arc-controller',
    // The listener the controller starts for each scale set is sized by that scale set's listenerTemplate.
    resources: { setAt: partValuesKeys(CONTROLLER_PARTS) },
    description: 'GitHub Actions Runner Controller for self-hosted runner scale sets',
    namespace: options.namespace ?? ARC_CONTROLLER_NAMESPACE,
    // Neither the controller nor the listeners it starts here serve a webhook or probes; they call GitHub and the API server.
    network: servesPorts(
      { port: 8080, purpose: 'metrics of the controller and of the listeners, when metrics are enabled' },
      { port: 8081, purpose: 'health of the controller manager, where enabled' },
    ),
    install: {
      type: 'helm',
      chart: { repository: CHARTS, chart: 'gha-runner-scale-set-controller', version: ACTIONS_RUNNER_CONTROLLER_PINS.controller },
      values: withPartResources({
        nodeSelector: options.placement.nodeSelector, tolerations: options.placement.tolerations,
        // The chart leaves both contexts empty; the image runs as a non-root user.
        podSecurityContext: RESTRICTED_POD_SECURITY, securityContext: RESTRICTED_CONTAINER_SECURITY,
      }, CONTROLLER_PARTS, options.resources),
    },
    crds: [{ group: 'actions.github.com', kinds: ['AutoscalingListener', 'AutoscalingRunnerSet', 'EphemeralRunner', 'EphemeralRunnerSet'] }],
  };
}

/** Options of one runner scale set. */
export interface RunnerScaleSetOptions {
  /** Name of the scale set, which workflows name in `runs-on`. */
  readonly name: string;
  /** Repository or organisation URL the runners register with, e.g. `https://github.com/owner/repo`. */
  readonly githubConfigUrl: string;
  /** Secret in the runners' namespace with `github_token` (or the GitHub App keys). */
  readonly githubConfigSecret: string;
  /** Where the runners run. */
  readonly placement: RolePlacement;
  /** Namespace of the runners. @default 'arc-runners' */
  readonly namespace?: string;
  /** Most runners at once. @default 2 */
  readonly maxRunners?: number;
  /**
   * Requests and limits by part (`runner`, `listener`), each as an App's `resources`, merged key by key
   * into the default, e.g. `{ runner: { memoryLimit: '4Gi' } }` for builds that need more.
   * @default - each runner 100m CPU and 256Mi requested with a 2Gi memory limit; the listener 10m, 32Mi and 128Mi
   */
  readonly resources?: PartResources<RunnerScaleSetPart>;
  /**
   * Run a Docker daemon beside each runner, for jobs that build images or run `container:` jobs and `services:`
   * (the chart's `containerMode: { type: 'dind' }`): a privileged `docker:dind` container, so the runners'
   * namespace enforces Pod Security `privileged`, with the reason written on it.
   * @default - no container mode: jobs run their steps in the runner container alone, under `restricted`
   */
  readonly containerMode?: RunnerContainerMode;
  /**
   * Namespace of the `actionsRunnerController()` the scale set registers with, whose ServiceAccount the chart
   * binds its manager role to (`controllerServiceAccount`: an engine that renders charts without a cluster,
   * as Argo CD does, cannot look it up).
   * @default 'arc-systems'
   */
  readonly controllerNamespace?: string;
}

/** How the jobs of a runner scale set run containers. */
export interface RunnerContainerMode {
  /** `dind`: a privileged Docker daemon (`docker:dind`) beside each runner, reached on a shared socket. */
  readonly type: 'dind';
  /** Why the runners may run privileged, written on their namespace, e.g. `'docker build in CI jobs'`. */
  readonly reason: string;
}

/** The longest scale set name: the chart refuses a longer one ("Name must have up to 45 characters"). */
const MAX_SCALE_SET_NAME = 45;

/** Why `name` cannot name a scale set (its Helm release and its runners' objects), or undefined. */
function scaleSetNameProblem(name: string): string | undefined {
  const problem = nameProblem(name, DNS1123_LABEL);
  if (problem !== undefined) {
    return `"${name}" is no name for a release and its objects: ${problem}`;
  }
  return name.length > MAX_SCALE_SET_NAME ? `"${name}" is longer than the ${MAX_SCALE_SET_NAME} characters the chart takes` : undefined;
}

const SCALE_SET_CHECK: ComponentOptionsCheck<RunnerScaleSetOptions> = {
  what: 'runnerScaleSet()', name: 'runner-scale-set',
  shape: {
    name: 'string', githubConfigUrl: 'string', githubConfigSecret: 'objectName', placement: PLACEMENT_SHAPE, namespace: 'namespace', maxRunners: 'count', resources: PART_RESOURCES_SHAPE,
    containerMode: { type: oneOf('dind'), reason: 'string' }, controllerNamespace: 'namespace',
  } satisfies Record<keyof RunnerScaleSetOptions, PropShape>,
  rules: {
    required: [
      ['name', "name the scale set, which workflows give in runs-on: name: 'lab-runners'"],
      ['githubConfigUrl', "give the repository or organisation URL: githubConfigUrl: 'https://github.com/owner/repo'"],
      ['githubConfigSecret', "name the Secret of the runners' namespace with github_token (or the GitHub App keys): githubConfigSecret: 'github-runner'"],
      ['placement', "give where the runners run: placement: rolePlacement(hosts, 'ci-cd') or hostPlacement(host)"],
      ['containerMode.type', "name the container mode: containerMode: { type: 'dind', reason: '…' }"],
      ['containerMode.reason', "say why the runners run a privileged Docker daemon: containerMode: { type: 'dind', reason: 'docker build in CI jobs' }"],
    ],
  },
  values: (options) => [
    ...valueProblem('name', scaleSetNameProblem(options.name), "use lower-case letters, digits and '-', at most 45 characters, e.g. 'lab-runners'"),
    ...valueProblem('githubConfigUrl', isUrlWithScheme(options.githubConfigUrl, ['https', 'http']) ? undefined
      : `"${options.githubConfigUrl}" is no URL, and the controller registers no runner with it`, `write the whole URL: 'https://${options.githubConfigUrl.replace(/^[a-z]+:\/*/, '')}'`),
    ...placementProblems('placement', options.placement),
    ...partResourcesProblems(options.resources, 'resources', SCALE_SET_PARTS),
  ],
};

/** Self-hosted GitHub Actions runners that scale from zero (the multi-arch `actions-runner` image). */
export function runnerScaleSet(options: RunnerScaleSetOptions): PlatformComponentProps {
  return checkedComponent(options, SCALE_SET_CHECK, scaleSet);
}

function scaleSet(options: RunnerScaleSetOptions): PlatformComponentProps {
  return {
    name: options.name,
    // The chart's `template` and `listenerTemplate` are pod specs (values.yaml of gha-runner-scale-set); the
    // controller gives the listener container the `resources` of the listenerTemplate's container `listener`.
    resources: { setAt: ['values.template.spec.containers.0.resources', 'values.listenerTemplate.spec.containers.0.resources'] },
    description: `GitHub Actions runner scale set ${options.name}`,
    namespace: options.namespace ?? 'arc-runners',
    network: servesPorts(),
    ...options.containerMode === undefined ? {} : { podSecurity: 'privileged', podSecurityReason: `Docker-in-Docker runners: ${options.containerMode.reason}` },
    valuesProblems: (merged) => containerModeValueProblems(merged, options.containerMode),
    readsSecrets: [options.githubConfigSecret],
    // A personal access token, or the three keys of a GitHub App, as the scale set's chart reads them.
    readsSecretKeys: { [options.githubConfigSecret]: { option: 'githubConfigSecret', oneOf: [['github_token'], ['github_app_id', 'github_app_installation_id', 'github_app_private_key']] } },
    install: {
      type: 'helm',
      chart: { repository: CHARTS, chart: 'gha-runner-scale-set', version: ACTIONS_RUNNER_CONTROLLER_PINS.scaleSet },
      values: {
        githubConfigUrl: options.githubConfigUrl,
        githubConfigSecret: options.githubConfigSecret,
        controllerServiceAccount: { namespace: options.controllerNamespace ?? ARC_CONTROLLER_NAMESPACE, name: ARC_CONTROLLER_SERVICE_ACCOUNT },
        minRunners: 0,
        maxRunners: options.maxRunners ?? 2,
        ...options.containerMode === undefined ? {} : { containerMode: { type: options.containerMode.type } },
        template: {
          spec: {
            nodeSelector: options.placement.nodeSelector,
            tolerations: options.placement.tolerations,
            // The chart's docker:dind container runs as root: the runner alone is held to its own user then.
            securityContext: options.containerMode === undefined ? { ...RUNNER_USER, seccompProfile: { type: 'RuntimeDefault' } } : { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'runner',
              image: `ghcr.io/actions/actions-runner:${RUNNER_IMAGE_PIN}`,
              command: ['/home/runner/run.sh'],
              securityContext: { ...options.containerMode === undefined ? {} : RUNNER_USER, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              resources: resourceRequirements(ARC_RUNNER_SIZE, options.resources?.runner),
            }],
          },
        },
        // The controller starts each scale set's listener in its own namespace from a pod spec without
        // any security context; this template is the one way to give it one (it replaces the listener's
        // pod securityContext and that of its container `listener`).
        listenerTemplate: {
          spec: {
            nodeSelector: options.placement.nodeSelector,
            tolerations: options.placement.tolerations,
            securityContext: RESTRICTED_POD_SECURITY,
            containers: [{ name: 'listener', securityContext: RESTRICTED_CONTAINER_SECURITY, resources: resourceRequirements(ARC_LISTENER_SIZE, options.resources?.listener) }],
          },
        },
      },
    },
    dependsOn: ['arc-controller'],
  };
}

// renovate: datasource=docker depName=ghcr.io/actions/actions-runner
const RUNNER_IMAGE_PIN = '2.328.0';

/** The user of the `actions-runner` image (`runner`, uid 1001). */
const RUNNER_USER = { runAsNonRoot: true, runAsUser: 1001 } as const;

/**
 * The problem of a container mode given through `addValues` (`containerMode: { type: 'dind' }`) rather than the
 * option: the chart then adds a privileged `docker:dind` container, or in kubernetes mode starts each job's pod
 * with no security context, in a namespace that enforces `restricted`, so admission refuses them. Pure.
 */
function containerModeValueProblems(merged: Readonly<Record<string, unknown>>, mode: RunnerContainerMode | undefined): PropProblem[] {
  const type = valueAt(merged, ['containerMode', 'type']);
  if (type === undefined || type === mode?.type) {
    return [];
  }
  if (type === 'dind') {
    return [{
      field: 'containerMode.type',
      message: "containerMode dind makes the chart add a privileged docker:dind container to each runner's pod, and the runners' namespace enforces Pod Security \"restricted\": admission refuses every runner",
      hint: "give the mode as the option, with its reason: runnerScaleSet({ …, containerMode: { type: 'dind', reason: 'docker build in CI jobs' } }), which widens the namespace to privileged and writes the reason on it",
    }];
  }
  return [{
    field: 'containerMode.type',
    message: `containerMode ${JSON.stringify(type)} is no mode runnerScaleSet() sets up: in kubernetes mode the runner starts each job as a pod without any security context, which the runners' namespace, under Pod Security "restricted", refuses`,
    hint: "for jobs that run containers, containerMode: { type: 'dind', reason: '…' } as the option; otherwise drop containerMode, and the steps run in the runner container",
  }];
}
