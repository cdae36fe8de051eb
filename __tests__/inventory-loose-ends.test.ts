import { App as CdkApp } from 'cdk8s';
import { CASES } from './bad-input/cases-inventory-loose-ends';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-inventory-loose-ends.ts) cannot say: that each of these mistakes of the
// inventory gives exactly one error, the one the corpus names.

/** The errors of a fresh lab after the case's build, as `[layer] path field`. */
function errorsOf(name: string): string[] {
  const testCase = CASES.find((c) => c.name === name)!;
  const app = new CdkApp();
  testCase.build(labCluster(app), app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

test.each(CASES.map((c) => [c.name, c] as const))('%s is one error', (name, testCase) => {
  const errors = errorsOf(name);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(new RegExp(`^\\[${testCase.layer}\\] (.*/)?${testCase.path.replace(/[.[\]]/g, '\\$&')} `));
});
