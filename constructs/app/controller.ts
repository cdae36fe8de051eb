import { cronTimingProblems } from '../validation/cron';
import { describeValue } from '../inventory/problems';
import type { PropProblem } from '../validation/known-props';
import { TaggedVariant, taggedProblems } from '../validation/tagged-props';

/** How a Deployment replaces its pods. */
export type DeploymentStrategy = 'Recreate' | 'RollingUpdate';

/** Options of a Deployment. */
export interface DeploymentControllerProps {
  /** Rollout strategy. @default - `Recreate` when the app mounts a single-writer claim, serves ports on the host's network (`exemptions.hostNetwork`), runs a game server's world or `litestream replicate` (one writer of its state), or asks for GPUs that its hosts hold no more of than its replicas take (a surged pod would wait for one), else `RollingUpdate` */
  readonly strategy?: DeploymentStrategy;
}

/** Options of a StatefulSet. Claims of the app (`AppVolume.claim`) become its `volumeClaimTemplates`. */
export interface StatefulSetControllerProps {
  /** Whether pods start one by one (`OrderedReady`) or all at once (`Parallel`). @default 'OrderedReady' */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/** Options of a DaemonSet. */
export interface DaemonSetControllerProps {
  /**
   * Whether the pods tolerate every taint (`operator: Exists`), so that a node agent (a log collector, a
   * security agent) also runs on tainted hosts and on control-plane nodes that a distribution taints.
   * Without it a DaemonSet skips every node whose taints its placement did not choose.
   * @default false
   */
  readonly everyNode?: boolean;
}

/** Options shared by Jobs and the Jobs of a CronJob. */
export interface JobControllerProps {
  /** What the kubelet does when a container exits. @default 'OnFailure' */
  readonly restartPolicy?: 'OnFailure' | 'Never';
  /** Retries before the Job fails. @default 3 */
  readonly backoffLimit?: number;
  /** Seconds a Job may run before it is stopped. @default - no deadline */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds a finished Job is kept before it is deleted. A CronJob's Jobs are made by its controller, which
   * also keeps only the last few. A Job of its own stays by default: every GitOps engine applies its folder
   * again, so a Job the TTL controller deleted would be created again and run again (a migration, daily).
   * @default - a Job of `AppController.job()` is kept; a CronJob's Jobs are deleted after 86400 (one day)
   */
  readonly ttlSecondsAfterFinished?: number;
  /** Pods that must succeed, 1 or more. @default 1 */
  readonly completions?: number;
  /** Pods that run at once, 1 or more. @default 1 */
  readonly parallelism?: number;
}

/** Options of a CronJob. */
export interface CronJobControllerProps extends JobControllerProps {
  /** Cron schedule: five fields (`0 3 * * 0`) or a macro (`@daily`). */
  readonly schedule: string;
  /** IANA time zone of the schedule, e.g. `Europe/Oslo`. @default - the controller manager's (usually UTC) */
  readonly timeZone?: string;
  /** What happens when a run is due while the last one still runs. @default 'Forbid' */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** Seconds after its time a missed run may still start. @default - no deadline */
  readonly startingDeadlineSeconds?: number;
  /** Successful Jobs kept. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed Jobs kept. @default 1 */
  readonly failedJobsHistoryLimit?: number;
  /** Pause the schedule. @default false */
  readonly suspend?: boolean;
}

/**
 * Options of a Knative Serving `Service`. Needs Knative Serving on the cluster (its platform component).
 * Knative's admission accepts a pod securityContext, emptyDir and claims only with its
 * `kubernetes.podspec-securitycontext`, `-emptydir` and `-persistent-volume-claim` features enabled.
 */
export interface KnativeControllerProps {
  /** Fewest pods; 0 scales to zero when idle. @default 0 */
  readonly minScale?: number;
  /** Most pods. @default - unbounded */
  readonly maxScale?: number;
  /** Requests one pod handles at once; 0 means as many as it accepts. @default 0 */
  readonly containerConcurrency?: number;
  /** Seconds a request may take, at most 600 (Knative's `max-revision-timeout-seconds`). @default - Knative's (300) */
  readonly timeoutSeconds?: number;
}

/** The workload controller of an app. Create one with the static methods. */
export type AppController =
  | { readonly kind: 'Deployment'; readonly props: DeploymentControllerProps }
  | { readonly kind: 'StatefulSet'; readonly props: StatefulSetControllerProps }
  | { readonly kind: 'DaemonSet'; readonly props?: DaemonSetControllerProps }
  | { readonly kind: 'Job'; readonly props: JobControllerProps }
  | { readonly kind: 'CronJob'; readonly props: CronJobControllerProps }
  | { readonly kind: 'KnativeService'; readonly props: KnativeControllerProps };

/** Factories for the controllers an app can run under. */
export const AppController = {
  /** A Deployment (the default). */
  deployment(props: DeploymentControllerProps = {}): AppController {
    return { kind: 'Deployment', props };
  },
  /** A StatefulSet with a headless Service; the app's claims become per-pod `volumeClaimTemplates`. */
  statefulSet(props: StatefulSetControllerProps = {}): AppController {
    return { kind: 'StatefulSet', props };
  },
  /** A DaemonSet: one pod on every node the placement allows (on every node at all with `everyNode`). */
  daemonSet(props: DaemonSetControllerProps = {}): AppController {
    return { kind: 'DaemonSet', props };
  },
  /**
   * A Job that runs once to completion. Its pod template cannot change once it exists: engines that can
   * (Flux) are told to create it again when it changes; under the others (Argo CD, K3s' folder, GitLab CI)
   * a changed Job is deleted by hand (`kubectl delete job`) before its layer applies again.
   */
  job(props: JobControllerProps = {}): AppController {
    return { kind: 'Job', props };
  },
  /** A CronJob. */
  cronJob(props: CronJobControllerProps): AppController {
    // Called while the app's props are written, before the app exists: a missing schedule is reported by the
    // app that takes the controller (controllerProblems), on its own path, rather than thrown here.
    return { kind: 'CronJob', props: typeof props === 'object' && props !== null ? props : ({} as CronJobControllerProps) };
  },
  /** A Knative Serving Service that scales to zero by default. */
  knative(props: KnativeControllerProps = {}): AppController {
    return { kind: 'KnativeService', props };
  },
};

/** The controller kinds, as factories make them. */
const CONTROLLER_VARIANTS: Readonly<Record<AppController['kind'], TaggedVariant>> = {
  Deployment: { carries: { props: 'object' }, factory: 'AppController.deployment()' },
  StatefulSet: { carries: { props: 'object' }, factory: 'AppController.statefulSet()' },
  DaemonSet: { factory: 'AppController.daemonSet()' },
  Job: { carries: { props: 'object' }, factory: 'AppController.job()' },
  CronJob: { carries: { props: 'object' }, factory: "AppController.cronJob({ schedule: '0 3 * * *' })" },
  KnativeService: { carries: { props: 'object' }, factory: 'AppController.knative()' },
};

/**
 * Problems with a controller written by hand rather than by its factory (a JavaScript caller, `as any`):
 * a kind this library does not know, props missing, a CronJob without a schedule; and a CronJob's schedule
 * or time zone the API server refuses.
 */
export function controllerProblems(controller: AppController | undefined): PropProblem[] {
  if (controller === undefined || controller === null || typeof controller !== 'object') {
    return []; // the props shape reports a controller that is no object
  }
  const problems = taggedProblems(controller, 'controller', 'kind', CONTROLLER_VARIANTS);
  if (problems.length === 0 && controller.kind === 'CronJob' && controller.props.schedule === undefined) {
    problems.push({ field: 'controller.props.schedule', message: 'the CronJob controller was given no schedule', hint: `give the schedule: ${CONTROLLER_VARIANTS.CronJob.factory}` });
  }
  if (problems.length === 0 && controller.kind === 'CronJob') {
    problems.push(...cronTimingProblems(controller.props, 'controller.props.'));
  }
  if (problems.length === 0 && controller.kind === 'KnativeService') {
    problems.push(...knativeProblems(controller.props ?? {}));
  }
  return problems;
}

/** Knative's `max-revision-timeout-seconds` as its Knative leaves it: the longest request timeout a Service may ask for. */
const KNATIVE_MAX_TIMEOUT_SECONDS = 600;

/** What Knative's webhook refuses of a Knative Service's scale, concurrency and timeout. */
function knativeProblems(props: KnativeControllerProps): PropProblem[] {
  const problems: PropProblem[] = [];
  const wholeAtLeast = (value: unknown, least: number) => typeof value === 'number' && Number.isInteger(value) && value >= least;
  for (const [field, least] of [['minScale', 0], ['maxScale', 1], ['timeoutSeconds', 1]] as const) {
    const value = props[field];
    if (value !== undefined && !wholeAtLeast(value, least)) {
      problems.push({ field: `controller.props.${field}`, message: `${field} ${describeValue(value)} is not a whole number of at least ${least}`, hint: `give ${field} as a count` });
    }
  }
  const concurrency = props.containerConcurrency;
  if (concurrency !== undefined && !(wholeAtLeast(concurrency, 0) && (concurrency as number) <= 1000)) {
    problems.push({
      field: 'controller.props.containerConcurrency', message: `containerConcurrency ${describeValue(concurrency)} is not within 0–1000`,
      hint: '0 lets a pod take as many requests as it accepts',
    });
  }
  if (wholeAtLeast(props.timeoutSeconds, 1) && props.timeoutSeconds! > KNATIVE_MAX_TIMEOUT_SECONDS) {
    problems.push({
      field: 'controller.props.timeoutSeconds',
      message: `timeoutSeconds ${props.timeoutSeconds} is above Knative's max-revision-timeout-seconds of ${KNATIVE_MAX_TIMEOUT_SECONDS}, so its webhook refuses the Service`,
      hint: `give at most ${KNATIVE_MAX_TIMEOUT_SECONDS} seconds; a longer task runs better as a Job, AppController.job()`,
    });
  }
  if (wholeAtLeast(props.minScale, 0) && wholeAtLeast(props.maxScale, 1) && props.minScale! > props.maxScale!) {
    problems.push({ field: 'controller.props.minScale', message: `minScale ${props.minScale} is above maxScale ${props.maxScale}`, hint: 'keep minScale at or below maxScale' });
  }
  return problems;
}

/** API version and kind of a controller's object. */
export function controllerType(controller: AppController): { apiVersion: string; kind: string } {
  switch (controller.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind: controller.kind };
    case 'Job':
      return { apiVersion: 'batch/v1', kind: 'Job' };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind: 'CronJob' };
    case 'KnativeService':
      return { apiVersion: 'serving.knative.dev/v1', kind: 'Service' };
  }
}

/** Whether the controller's pods run to completion rather than serve. */
export function runsToCompletion(controller: AppController): boolean {
  return controller.kind === 'Job' || controller.kind === 'CronJob';
}

/** Whether the controller keeps a replica count (and so may get a PodDisruptionBudget). */
export function hasReplicas(controller: AppController): boolean {
  return controller.kind === 'Deployment' || controller.kind === 'StatefulSet';
}

/** A pod template: labels, annotations and spec, already plain JSON. */
export interface PodTemplateData {
  /** Labels and annotations of the pods. */
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations?: Record<string, string> };
  /** The pod spec. */
  readonly spec: Record<string, any>;
}

/** What the controller's spec needs besides the pod template. */
export interface ControllerContext {
  /** Pod replicas (Deployment, StatefulSet); none where an autoscaler sets the count. */
  readonly replicas: number | undefined;
  /** Labels that select the app's pods. */
  readonly selector: Record<string, string>;
  /** Deployment strategy decided from the app's volumes. */
  readonly strategy: DeploymentStrategy;
  /** Headless Service that names a StatefulSet's pods. */
  readonly headlessServiceName: string;
  /** Per-pod claims of a StatefulSet, already rendered. */
  readonly volumeClaimTemplates: Record<string, unknown>[];
}

/** The spec of the controller object around a pod template. Pure. */
export function controllerSpec(controller: AppController, template: PodTemplateData, context: ControllerContext): Record<string, unknown> {
  const selector = { matchLabels: context.selector };
  switch (controller.kind) {
    // Keys in sorted order, the order synthesis writes: a sorted record needs no sorted copy.
    case 'Deployment':
      return { replicas: context.replicas, selector, strategy: { type: context.strategy }, template };
    case 'StatefulSet':
      return {
        podManagementPolicy: controller.props.podManagementPolicy,
        replicas: context.replicas,
        selector,
        serviceName: context.headlessServiceName,
        template,
        volumeClaimTemplates: context.volumeClaimTemplates.length > 0 ? context.volumeClaimTemplates : undefined,
      };
    case 'DaemonSet':
      return { selector, template };
    case 'Job':
      return jobSpec(controller.props, template, undefined);
    case 'CronJob':
      return {
        schedule: controller.props.schedule,
        timeZone: controller.props.timeZone,
        concurrencyPolicy: controller.props.concurrencyPolicy ?? 'Forbid',
        startingDeadlineSeconds: controller.props.startingDeadlineSeconds,
        successfulJobsHistoryLimit: controller.props.successfulJobsHistoryLimit ?? 3,
        failedJobsHistoryLimit: controller.props.failedJobsHistoryLimit ?? 1,
        suspend: controller.props.suspend,
        jobTemplate: { metadata: { labels: template.metadata.labels }, spec: jobSpec(controller.props, template, CRONJOB_JOB_TTL_SECONDS) },
      };
    case 'KnativeService':
      return knativeSpec(controller.props, template);
  }
}

/** How long a CronJob's finished Jobs stay by default: its controller makes them, so none comes back. */
const CRONJOB_JOB_TTL_SECONDS = 86400;

function jobSpec(props: JobControllerProps, template: PodTemplateData, defaultTtl: number | undefined): Record<string, unknown> {
  return {
    backoffLimit: props.backoffLimit ?? 3,
    activeDeadlineSeconds: props.activeDeadlineSeconds,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? defaultTtl,
    completions: props.completions,
    parallelism: props.parallelism,
    template: { ...template, spec: { ...template.spec, restartPolicy: props.restartPolicy ?? 'OnFailure' } },
  };
}

/** Knative scales on annotations of the revision template; min-scale 0 is scale to zero. */
function knativeSpec(props: KnativeControllerProps, template: PodTemplateData): Record<string, unknown> {
  const annotations: Record<string, string> = {
    ...template.metadata.annotations,
    'autoscaling.knative.dev/min-scale': String(props.minScale ?? 0),
  };
  if (props.maxScale !== undefined) {
    annotations['autoscaling.knative.dev/max-scale'] = String(props.maxScale);
  }
  return {
    template: {
      metadata: { labels: template.metadata.labels, annotations: sortKeys(annotations) },
      spec: {
        ...template.spec,
        containerConcurrency: props.containerConcurrency ?? 0,
        timeoutSeconds: props.timeoutSeconds,
      },
    },
  };
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

