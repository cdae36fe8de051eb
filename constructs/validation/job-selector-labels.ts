import { AddFinding, fields, Fields } from './manifest';

/** The labels by which the API server makes a Job select its own pods: the Job's UID, under both spellings. */
const UID_LABELS: readonly string[] = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
/** The labels that name the Job on its pods, under both spellings. */
const NAME_LABELS: readonly string[] = ['job-name', 'batch.kubernetes.io/job-name'];

/**
 * The labels of a Job's pod template that the API server sets itself when it generates the Job's selector
 * (generateSelector, then validateGeneratedSelector): it keeps one the template gives, and then refuses the
 * Job unless the value is its own. The UID is new on each creation, so a UID label (as an exported Job
 * carries) never fits; a name label fits only the Job's own name. A Job with `manualSelector: true` keeps
 * its labels. `jobSpec` is the Job's spec at `path`; `maker` is the Job with its name, or a CronJob, whose
 * Jobs are named after the time they run, so that no name label fits them either. Pure: reports through `add`.
 */
export function checkGeneratedSelectorLabels(jobSpec: Fields, path: string, maker: { kind: 'Job'; name: unknown } | { kind: 'CronJob' }, add: AddFinding): void {
  if (jobSpec.manualSelector === true) {
    return;
  }
  const labels = fields(fields(fields(jobSpec.template).metadata).labels);
  const at = (key: string) => `${path}.template.metadata.labels.${key}`;
  const jobName = maker.kind === 'Job' ? maker.name : undefined;
  const madeBy = maker.kind === 'CronJob' ? 'each Job the CronJob makes' : 'the Job';
  for (const key of UID_LABELS.filter((k) => k in labels)) {
    add(at(key), `the API server labels the pods of ${madeBy} with its own UID, new on each creation, and refuses a template that gives ${key} another value`,
      `drop the label ${key} (and any other copied from an existing Job): the API server sets it`);
  }
  for (const key of NAME_LABELS.filter((k) => k in labels && labels[k] !== jobName)) {
    add(at(key), maker.kind === 'CronJob'
      ? `the API server labels the pods of each Job the CronJob makes with that Job's name, which carries the time it runs, and refuses the Job whose template gives ${key} another value, so no Job runs`
      : `the API server labels the Job's pods with its name${typeof jobName === 'string' ? ` "${jobName}"` : ''}, and refuses a template that gives ${key} another value (${JSON.stringify(labels[key])})`,
    `drop the label ${key}: the API server sets it`);
  }
}
