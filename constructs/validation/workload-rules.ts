import type { SynthesizedObject } from '../synth/collect';
import { cronTimingProblems } from './cron';
import { checkClaimSpec } from './claim-rules';
import { DNS1123_LABEL, nameMeant, nameProblem } from './dns-names';
import { checkGatedJobFields, checkGatedStatefulSetFields } from './gated-fields';
import { AddFinding, checkNotNegative, fields, Fields, list } from './manifest';
import { checkGeneratedSelectorLabels } from './job-selector-labels';
import { checkPodFailurePolicy } from './pod-failure-policy-rules';
import { checkSuccessPolicy } from './success-policy-rules';
import { type PodTemplate, templateKindOf } from './pod-spec';

/**
 * What the API server checks in a workload's own fields although the schema allows it: replicas and
 * other counts and durations below zero, rollout strategies that contradict their type or allow no
 * progress, deadlines shorter than the wait they follow, CronJob schedules and time zones, a Job's
 * generated selector and the pod labels it sets (and a CronJob's, which its jobTemplate may not choose), pod deadlines (and any on the pods of a workload that keeps them running), a
 * StatefulSet's claim templates (see `checkClaimSpec`; named as pod volumes), first ordinal and Service name. Pure: reports through `add`.
 */
export function checkWorkloadFields(template: PodTemplate, add: AddFinding): void {
  const manifest = template.object.manifest;
  const spec = fields(manifest.spec);
  const replicas = spec.replicas;
  if (typeof replicas === 'number' && (!Number.isInteger(replicas) || replicas < 0)) {
    add('spec.replicas', `replicas ${replicas} is not a whole number of at least 0`, 'set replicas to 0 (stopped), 1 or more');
  }
  // The workload kinds of the core API groups only: a custom resource may reuse a kind's name.
  const workloadKind = templateKindOf(manifest) !== undefined ? manifest.kind : undefined;
  switch (workloadKind) {
    case 'Deployment':
      checkRollout(spec, add);
      checkDeploymentStrategy(fields(spec.strategy), add);
      checkProgressDeadline(spec, add);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
      checkNotNegative(spec, 'spec', ['minReadySeconds'], add);
      break;
    case 'StatefulSet':
      checkRollout(spec, add);
      checkStatefulSetStrategy(fields(spec.updateStrategy), add);
      list(spec.volumeClaimTemplates).forEach((claim, i) => {
        checkClaimSpec(fields(claim.spec), `spec.volumeClaimTemplates[${i}].spec`, add);
        checkClaimTemplateName(fields(claim.metadata).name, `spec.volumeClaimTemplates[${i}].metadata.name`, add);
      });
      checkNotNegative(fields(spec.ordinals), 'spec.ordinals', ['start'], add);
      checkGoverningService(spec.serviceName, add);
      break;
    case 'DaemonSet':
      checkRollout(spec, add);
      checkDaemonSetStrategy(fields(spec.updateStrategy), add);
      break;
    case 'Job':
      checkJobSpec(spec, 'spec', add);
      checkIndexedPodHostNames(manifest.metadata, spec, add);
      if (spec.selector !== undefined && spec.manualSelector !== true) {
        add('spec.selector', 'the API server generates a Job\'s selector itself and refuses one given without manualSelector',
          'leave the selector out (the Job selects its own pods), or set manualSelector: true');
      }
      checkGeneratedSelectorLabels(spec, 'spec', { kind: 'Job', name: fields(manifest.metadata).name }, add);
      break;
    case 'CronJob':
      checkCronJobSpec(spec, add);
      checkJobSpec(fields(fields(spec.jobTemplate).spec), 'spec.jobTemplate.spec', add);
      checkJobTemplateSelector(fields(fields(spec.jobTemplate).spec), add);
      checkGeneratedSelectorLabels(fields(fields(spec.jobTemplate).spec), 'spec.jobTemplate.spec', { kind: 'CronJob' }, add);
      break;
  }
  const deadline = template.spec.activeDeadlineSeconds;
  if (deadline !== undefined && templateKindOf(manifest)?.keepsPodsRunning) {
    add(`${template.specPath}.activeDeadlineSeconds`, `a ${workloadKind} keeps its pods running, and the API server refuses a deadline on them`,
      'drop activeDeadlineSeconds; a Job (or CronJob) is the workload whose pods run to a deadline');
  } else if (typeof deadline === 'number' && Number.isInteger(deadline) && (deadline < 1 || deadline > 2147483647)) {
    add(`${template.specPath}.activeDeadlineSeconds`, `activeDeadlineSeconds ${deadline} is not within 1–2147483647`, 'give the pods at least one second, or leave the deadline out');
  }
}

/**
 * A StatefulSet's `serviceName` becomes the `subdomain` of each of its pods, which must be an RFC 1123
 * label: the StatefulSet is stored, but the API server refuses every pod its controller makes.
 */
function checkGoverningService(serviceName: unknown, add: AddFinding): void {
  const problem = typeof serviceName === 'string' && serviceName !== '' ? nameProblem(serviceName, DNS1123_LABEL) : undefined;
  if (problem === undefined) {
    return;
  }
  const meant = nameMeant(serviceName as string, DNS1123_LABEL) ?? 'db';
  add('spec.serviceName', `serviceName ${problem}; it is the subdomain of every pod of the StatefulSet, so the API server would refuse each pod`,
    `name the headless Service (and serviceName) with lower-case letters, digits and '-', e.g. ${meant}`);
}

/**
 * A StatefulSet's claim template is named as a volume of its pods, which must be an RFC 1123 label: the
 * StatefulSet is stored, but the API server refuses every pod (and claim) its controller makes.
 */
function checkClaimTemplateName(name: unknown, at: string, add: AddFinding): void {
  const problem = typeof name === 'string' ? nameProblem(name, DNS1123_LABEL) : undefined;
  if (problem !== undefined) {
    add(at, `claim template name ${problem}; it names a volume of every pod of the StatefulSet, so the API server would refuse each pod`,
      `name the template (and the volumeMounts that mount it) with lower-case letters, digits and '-', e.g. ${nameMeant(name as string, DNS1123_LABEL) ?? 'data'}`);
  }
}

/** A PodDisruptionBudget sets one of minAvailable and maxUnavailable, each a count or a percentage up to 100 %. */
export function checkDisruptionBudget(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    add('spec.maxUnavailable', 'minAvailable and maxUnavailable cannot both be set', 'keep one of them: minAvailable (pods that stay up) or maxUnavailable (pods that may go)');
  }
  for (const key of ['minAvailable', 'maxUnavailable']) {
    checkIntOrPercent(spec[key], `spec.${key}`, true, add);
  }
}

/** Fields every apps/v1 rollout shares. */
function checkRollout(spec: Fields, add: AddFinding): void {
  checkNotNegative(spec, 'spec', ['minReadySeconds', 'revisionHistoryLimit'], add);
}

/** The API server's default progress deadline of a Deployment, in seconds. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

function checkProgressDeadline(spec: Fields, add: AddFinding): void {
  checkNotNegative(spec, 'spec', ['progressDeadlineSeconds'], add);
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const deadline = typeof spec.progressDeadlineSeconds === 'number' ? spec.progressDeadlineSeconds : DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (deadline >= 0 && deadline <= minReady) {
    add(spec.progressDeadlineSeconds === undefined ? 'spec.minReadySeconds' : 'spec.progressDeadlineSeconds',
      `the progress deadline (${deadline} s${spec.progressDeadlineSeconds === undefined ? ', the default' : ''}) must be longer than minReadySeconds (${minReady} s)`,
      'set progressDeadlineSeconds above minReadySeconds');
  }
}

/**
 * Whether a strategy of type `type` (Recreate, OnDelete) that the API server forbids `rollingUpdate`
 * settings for has some: then it is reported, at `path`.
 */
function rollingUpdateForbidden(strategy: Fields, type: string, path: string, add: AddFinding): boolean {
  if (strategy.type !== type || strategy.rollingUpdate === undefined) {
    return false;
  }
  add(`${path}.rollingUpdate`, `${type === 'Recreate' ? 'a' : 'an'} ${type} strategy takes no rollingUpdate settings`, 'drop rollingUpdate, or use type RollingUpdate');
  return true;
}

function checkDeploymentStrategy(strategy: Fields, add: AddFinding): void {
  if (rollingUpdateForbidden(strategy, 'Recreate', 'spec.strategy', add)) {
    return;
  }
  // Both default to 25 %.
  checkSurgeAndUnavailable(fields(strategy.rollingUpdate), 'spec.strategy.rollingUpdate', '25%', '25%', add);
}

/**
 * A DaemonSet's rolling update (ValidateRollingUpdateDaemonSet): each node either starts its new pod beside
 * the old one (maxSurge) or stops the old one first (maxUnavailable), so exactly one of the two is above 0,
 * each at most 100 %. The API server fills in maxUnavailable 1 and maxSurge 0 where they are left out, so a
 * rolling update that gives maxSurge alone is refused too.
 */
function checkDaemonSetStrategy(strategy: Fields, add: AddFinding): void {
  if (rollingUpdateForbidden(strategy, 'OnDelete', 'spec.updateStrategy', add)) {
    return;
  }
  const rolling = fields(strategy.rollingUpdate);
  const path = 'spec.updateStrategy.rollingUpdate';
  const valid = checkSurgeAndUnavailable(rolling, path, 1, 0, add, true);
  const unavailable = rolling.maxUnavailable ?? 1;
  if (valid && rolling.maxSurge !== undefined && !isZero(rolling.maxSurge) && !isZero(unavailable)) {
    add(`${path}.maxSurge`, `maxSurge ${String(rolling.maxSurge)} is set beside maxUnavailable ${String(unavailable)}${rolling.maxUnavailable === undefined ? ' (the default)' : ''}; `
      + 'a DaemonSet either starts the new pod beside the old one or stops the old one first, so the API server takes only one of them above 0',
    'to start the new pod first, add maxUnavailable: 0 beside maxSurge; to stop the old pod first, leave maxSurge out');
  }
}

function checkStatefulSetStrategy(strategy: Fields, add: AddFinding): void {
  if (rollingUpdateForbidden(strategy, 'OnDelete', 'spec.updateStrategy', add)) {
    return;
  }
  checkNotNegative(fields(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate', ['partition'], add);
  checkGatedStatefulSetFields(fields(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate', add);
}

/**
 * maxUnavailable and maxSurge of a rolling update: each valid (maxSurge at most 100 % where `surgeCapped`, as a
 * DaemonSet's is), not both zero (the rollout could not move). Returns whether both are valid.
 */
function checkSurgeAndUnavailable(
  rolling: Fields, path: string, defaultUnavailable: number | string, defaultSurge: number | string, add: AddFinding, surgeCapped = false,
): boolean {
  const unavailable = rolling.maxUnavailable ?? defaultUnavailable;
  const surge = rolling.maxSurge ?? defaultSurge;
  const unavailableValid = checkIntOrPercent(rolling.maxUnavailable, `${path}.maxUnavailable`, true, add);
  const surgeValid = checkIntOrPercent(rolling.maxSurge, `${path}.maxSurge`, surgeCapped, add);
  if (unavailableValid && surgeValid && isZero(unavailable) && isZero(surge)) {
    add(`${path}.maxUnavailable`, 'maxUnavailable and maxSurge are both 0, so the rollout could never replace a pod', 'let one of them be above 0, e.g. maxSurge: 1');
  }
  return unavailableValid && surgeValid;
}

/** Whether a count or percentage is zero. */
export function isZero(value: unknown): boolean {
  return value === 0 || value === '0%';
}

/**
 * A count or percentage of `total` as a count, rounded up (as the controllers round maxSurge and a
 * budget's minAvailable) or down (maxUnavailable); undefined for anything else.
 */
export function scaledCount(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  const percent = typeof value === 'string' ? /^([0-9]+)%$/.exec(value) : null;
  if (percent === null) {
    return undefined;
  }
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * A count or a percentage (`25%`), at least 0, and at most 100 % where `atMostAll`. Returns whether the
 * value is valid (or absent).
 */
function checkIntOrPercent(value: unknown, path: string, atMostAll: boolean, add: AddFinding): boolean {
  if (value === undefined) {
    return true;
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value < 0) {
      add(path, `${value} is below 0`, 'give a count of 0 or more, or a percentage such as 25%');
      return false;
    }
    return true;
  }
  if (typeof value !== 'string') {
    return true; // the schema reports the type
  }
  const percent = /^([0-9]+)%$/.exec(value);
  if (percent === null) {
    add(path, `"${value}" is neither a count nor a percentage`, /^[0-9]+$/.test(value) ? `write the count as a number (${value}) or a percentage (${value}%)` : 'write a count such as 1 or a percentage such as 25%');
    return false;
  }
  if (atMostAll && Number(percent[1]) > 100) {
    add(path, `${value} is more than 100%`, 'give a percentage of 0–100%');
    return false;
  }
  return true;
}

/**
 * A Job's counts are not negative, the settings of an Indexed Job (its completions, a backoff limit
 * per index and the most indexes that may fail) come with completionMode Indexed and each other, and its
 * pod failure and success policies are ones the API server takes (see `checkPodFailurePolicy`,
 * `checkSuccessPolicy`).
 */
function checkJobSpec(spec: Fields, path: string, add: AddFinding): void {
  checkNotNegative(spec, path, ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'], add);
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
    add(`${path}.completions`, 'an Indexed Job needs its number of completions', 'set completions, the number of indexes');
  }
  if (spec.backoffLimitPerIndex !== undefined && spec.completionMode !== 'Indexed') {
    add(`${path}.backoffLimitPerIndex`, 'a backoff limit per index is for an Indexed Job only', 'set completionMode: Indexed with completions, or use backoffLimit');
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    add(`${path}.maxFailedIndexes`, 'maxFailedIndexes counts the indexes that exhausted backoffLimitPerIndex, which is not set', 'set backoffLimitPerIndex too, or drop maxFailedIndexes');
  }
  if (spec.completionMode === 'Indexed') {
    checkIndexedLimits(spec, path, add);
  }
  checkPodFailurePolicy(spec, path, add);
  checkSuccessPolicy(spec, path, add);
  checkGatedJobFields(spec, path, add);
}

/** The most pods an Indexed Job may run at once, and the most indexes that may fail (the API server's maxParallelismForIndexedJob, maxFailedIndexesForIndexedJob). */
const MAX_INDEXED_PARALLELISM = 100_000;
/** Above this many completions an Indexed Job with a backoff limit per index may run at most {@link HIGH_COMPLETIONS_PARALLELISM} pods at once. */
const COMPLETIONS_SOFT_LIMIT = 100_000;
const HIGH_COMPLETIONS_PARALLELISM = 10_000;

/**
 * The bounds ValidateJob keeps an Indexed Job within, so that its status (the indexes it completed and
 * failed, as ranges) stays small: at most 100 000 pods at once, no more failed indexes than indexes, and
 * with a backoff limit per index and over 100 000 completions, at most 10 000 pods at once and a
 * maxFailedIndexes of at most 10 000.
 */
function checkIndexedLimits(spec: Fields, path: string, add: AddFinding): void {
  const count = (key: string): number | undefined => (typeof spec[key] === 'number' ? spec[key] as number : undefined);
  const [completions, parallelism, maxFailed] = [count('completions'), count('parallelism') ?? 1, count('maxFailedIndexes')];
  if (parallelism > MAX_INDEXED_PARALLELISM) {
    add(`${path}.parallelism`, `an Indexed Job runs at most ${MAX_INDEXED_PARALLELISM} pods at once, not ${parallelism}`, `set parallelism to ${MAX_INDEXED_PARALLELISM} or less`);
  } else if (spec.backoffLimitPerIndex !== undefined && (completions ?? 0) > COMPLETIONS_SOFT_LIMIT && parallelism > HIGH_COMPLETIONS_PARALLELISM) {
    add(`${path}.parallelism`, `with backoffLimitPerIndex and more than ${COMPLETIONS_SOFT_LIMIT} completions, an Indexed Job runs at most ${HIGH_COMPLETIONS_PARALLELISM} pods at once, not ${parallelism}`,
      `set parallelism to ${HIGH_COMPLETIONS_PARALLELISM} or less, or split the work into Jobs of ${COMPLETIONS_SOFT_LIMIT} completions or fewer`);
  }
  if (maxFailed !== undefined && ((completions !== undefined && maxFailed > completions) || maxFailed > MAX_INDEXED_PARALLELISM)) {
    const most = Math.min(completions ?? MAX_INDEXED_PARALLELISM, MAX_INDEXED_PARALLELISM);
    add(`${path}.maxFailedIndexes`, `maxFailedIndexes ${maxFailed} is above ${most}: no more indexes may fail than the Job has, nor more than ${MAX_INDEXED_PARALLELISM}`,
      `set maxFailedIndexes to ${most} or less`);
  } else if (spec.backoffLimitPerIndex !== undefined && (completions ?? 0) > COMPLETIONS_SOFT_LIMIT) {
    // Each failed index is kept in the status: past the soft limit the API server wants their number bounded.
    if (maxFailed === undefined) {
      add(`${path}.maxFailedIndexes`, `with backoffLimitPerIndex and more than ${COMPLETIONS_SOFT_LIMIT} completions, an Indexed Job needs maxFailedIndexes`,
        `set maxFailedIndexes to ${HIGH_COMPLETIONS_PARALLELISM} or less, the most indexes that may fail before the Job does`);
    } else if (maxFailed > HIGH_COMPLETIONS_PARALLELISM) {
      add(`${path}.maxFailedIndexes`, `with backoffLimitPerIndex and more than ${COMPLETIONS_SOFT_LIMIT} completions, at most ${HIGH_COMPLETIONS_PARALLELISM} indexes may fail, not ${maxFailed}`,
        `set maxFailedIndexes to ${HIGH_COMPLETIONS_PARALLELISM} or less, or split the work into Jobs of ${COMPLETIONS_SOFT_LIMIT} completions or fewer`);
    }
  }
}

/**
 * An Indexed Job's pods are named and host-named `<job>-<index>`, so the API server refuses a Job whose name
 * with its highest index (`completions - 1`) is no RFC 1123 label: the Job could not make that pod.
 */
function checkIndexedPodHostNames(metadata: unknown, spec: Fields, add: AddFinding): void {
  const name = fields(metadata).name;
  const completions = spec.completions;
  if (spec.completionMode !== 'Indexed' || typeof name !== 'string' || typeof completions !== 'number' || completions <= 0) {
    return;
  }
  const highest = `${name}-${completions - 1}`;
  if (nameProblem(highest, DNS1123_LABEL) !== undefined) {
    const room = DNS1123_LABEL.maxLength - `-${completions - 1}`.length;
    add('metadata.name', `the pod of the Job's highest index would be named "${highest}", which is no RFC 1123 label (at most ${DNS1123_LABEL.maxLength} characters), so the API server refuses the Job`,
      `shorten the Job's name to ${room} characters or fewer, or run fewer completions`);
  }
}

/**
 * A CronJob's Jobs always get the selector the API server generates (ValidateJobTemplateSpec): their
 * template takes neither a selector nor manualSelector: true. Reported once, on the selector where given.
 */
function checkJobTemplateSelector(jobSpec: Fields, add: AddFinding): void {
  if (jobSpec.selector !== undefined) {
    add('spec.jobTemplate.spec.selector', 'the API server generates the selector of each Job a CronJob makes, and refuses one in the jobTemplate',
      `drop the selector${jobSpec.manualSelector === true ? ' and manualSelector' : ''}: each Job selects its own pods`);
  } else if (jobSpec.manualSelector === true) {
    add('spec.jobTemplate.spec.manualSelector', 'a CronJob\'s Jobs cannot choose their selector; the API server refuses manualSelector: true in the jobTemplate',
      'drop manualSelector: each Job selects its own pods');
  }
}

function checkCronJobSpec(spec: Fields, add: AddFinding): void {
  for (const problem of cronTimingProblems(spec, 'spec.')) {
    add(problem.field, problem.message, problem.hint);
  }
  checkNotNegative(spec, 'spec', ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], add);
}
