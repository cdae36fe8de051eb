import { addresses, backupCronJob, boundedWidget, widgetOf, backupJob, conditionPatterns, exitCodeRules, slice } from './bad-input/cases-apiserver-parity-24';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: a Job template labelled with the Job's own name, or with
// any labels under manualSelector (whose selector then picks them), and a CronJob's template of labels of its
// own; a pod failure policy of 20 rules and a rule of 20 pod conditions; an EndpointSlice of 1000 endpoints
// and an endpoint of 100 addresses; custom resources within the bounds their CRD gives in OpenAPI 3.0's way.

test('Job templates of labels the API server keeps are accepted', () => {
  for (const build of [
    backupJob({}, { 'job-name': 'backup', 'batch.kubernetes.io/job-name': 'backup', app: 'backup' }),
    backupJob({ manualSelector: true, selector: { matchLabels: { 'controller-uid': 'backup-2024' } } }, { 'controller-uid': 'backup-2024', 'job-name': 'nightly' }),
    backupCronJob({ app: 'backup', 'app.kubernetes.io/component': 'backup' }),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

test('pod failure policies at their limits are accepted', () => {
  expect(labErrors(backupJob({ podFailurePolicy: { rules: exitCodeRules(20) } }))).toEqual([]);
  expect(labErrors(backupJob({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: conditionPatterns(20) }] } }))).toEqual([]);
});

test('EndpointSlices at their limits are accepted', () => {
  expect(labErrors(slice(addresses(1000).map((address) => ({ addresses: [address] }))))).toEqual([]);
  expect(labErrors(slice([{ addresses: addresses(100) }]))).toEqual([]);
});

test('custom resources within the bounds of their CRD are accepted', () => {
  expect(labErrors(boundedWidget({ ratio: 0.5, share: 100 }))).toEqual([]);
  expect(labErrors(boundedWidget({ ratio: 1e-9, share: 0 }))).toEqual([]);
  // Go reads an empty enum as none.
  expect(labErrors(widgetOf({ type: 'string', enum: [] }, { x: 'any' }))).toEqual([]);
});
