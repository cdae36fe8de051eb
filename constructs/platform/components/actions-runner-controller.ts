import type { PlatformComponentProps } from '../component';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned releases of GitHub's Actions Runner Controller charts. Renovate reads the comment above each pin. */
export const ACTIONS_RUNNER_CONTROLLER_PINS = {
  // renovate: datasource=docker depName=ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set-controller
  controller: '0.9.3',
  // renovate: datasource=docker depName=ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set
  scaleSet: '0.9.3',
} as const;

const CHARTS = 'oci://ghcr.io/actions/actions-runner-controller-charts';

/** Options of the runner controller. */
export interface ActionsRunnerControllerOptions {
  /** Where the controller runs. */
  readonly placement: RolePlacement;
  /** Namespace. @default 'arc-systems' */
  readonly namespace?: string;
}

/** The controller of GitHub Actions runner scale sets (multi-arch images). */
export function actionsRunnerController(options: ActionsRunnerControllerOptions): PlatformComponentProps {
  return {
    name: 'arc-controller',
    description: 'GitHub Actions Runner Controller for self-hosted runner scale sets',
    namespace: options.namespace ?? 'arc-systems',
    install: {
      type: 'helm',
      chart: { repository: CHARTS, chart: 'gha-runner-scale-set-controller', version: ACTIONS_RUNNER_CONTROLLER_PINS.controller },
      values: {
        nodeSelector: options.placement.nodeSelector, tolerations: options.placement.tolerations,
        // The chart leaves both contexts empty; the image runs as a non-root user.
        podSecurityContext: RESTRICTED_POD_SECURITY, securityContext: RESTRICTED_CONTAINER_SECURITY,
      },
    },
    crds: [{ group: 'actions.github.com', kinds: ['AutoscalingListener', 'AutoscalingRunnerSet', 'EphemeralRunner', 'EphemeralRunnerSet'] }],
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'arc-controller-gha-rs-controller' }],
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
}

/** Self-hosted GitHub Actions runners that scale from zero (the multi-arch `actions-runner` image). */
export function runnerScaleSet(options: RunnerScaleSetOptions): PlatformComponentProps {
  return {
    name: options.name,
    description: `GitHub Actions runner scale set ${options.name}`,
    namespace: options.namespace ?? 'arc-runners',
    readsSecrets: [options.githubConfigSecret],
    install: {
      type: 'helm',
      chart: { repository: CHARTS, chart: 'gha-runner-scale-set', version: ACTIONS_RUNNER_CONTROLLER_PINS.scaleSet },
      values: {
        githubConfigUrl: options.githubConfigUrl,
        githubConfigSecret: options.githubConfigSecret,
        minRunners: 0,
        maxRunners: options.maxRunners ?? 2,
        template: {
          spec: {
            nodeSelector: options.placement.nodeSelector,
            tolerations: options.placement.tolerations,
            securityContext: { runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'runner',
              image: `ghcr.io/actions/actions-runner:${RUNNER_IMAGE_PIN}`,
              command: ['/home/runner/run.sh'],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
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
            containers: [{ name: 'listener', securityContext: RESTRICTED_CONTAINER_SECURITY }],
          },
        },
      },
    },
    dependsOn: ['arc-controller'],
  };
}

// renovate: datasource=docker depName=ghcr.io/actions/actions-runner
const RUNNER_IMAGE_PIN = '2.328.0';
