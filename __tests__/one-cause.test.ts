import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { ClusterChart, runSynthCli, synthesize } from '../constructs';
import type { Finding } from '../constructs';
import { recordConstructionError } from '../constructs/validation/construction-errors';
import { broken, CASES, codeAround, LITERAL_JWT } from './bad-input/cases-one-cause';
import type { BadInput } from './bad-input/cases';
import { labCluster, prepopulatedOutdir } from './bad-input/lab';

// One mistake, one error: a run whose build was cut short reports the mistake and what constructs found as they
// were built, never the errors of relations that the chart's code after the mistake would have declared.

/** Each error as `layer path field`, its path from the cluster on (`broken`, not `lab/main/broken`). */
const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error')
  .map((f) => `${f.layer} ${f.constructPath.replace(/^(?:lab\/)?main\//, '')} ${f.field}`);

/** The one error a case expects, in the terms of {@link errorsOf}. */
const causeOf = (testCase: BadInput) => `${testCase.layer} ${testCase.path} ${String(testCase.field)}`;

/** What `runSynthCli` prints for `define`, and its exit status. */
function cli(define: (scope: Construct) => unknown): { status: number; errors: string[] } {
  const lines: string[] = [];
  const status = runSynthCli(define, { outdir: prepopulatedOutdir(), log: (line) => lines.push(line), flags: { json: true } });
  const report = JSON.parse(lines.join('\n')) as { findings: Finding[] };
  return { status, errors: errorsOf(report.findings) };
}

const JWT_CAUSE = 'props broken env.API_TOKEN';

test('the chart code around the mistakes synthesizes without an error', () => {
  const app = new CdkApp();
  codeAround(() => undefined)(labCluster(app));
  expect(errorsOf(synthesize(app, { outdir: prepopulatedOutdir(), write: false }).findings)).toEqual([]);
});

test.each(CASES.map((c) => [c.name, c] as const))('synthesize reports only the cause: %s', (_name, testCase) => {
  const app = new CdkApp();
  testCase.build(labCluster(app), app);
  const result = synthesize(app, { outdir: prepopulatedOutdir() });
  expect({ errors: errorsOf(result.findings), written: result.written }).toEqual({ errors: [causeOf(testCase)], written: false });
});

test('npm run synth reports only the cause of a definition that throws part-way', () => {
  const run = cli((scope) => codeAround(broken({ env: { API_TOKEN: LITERAL_JWT } }))(labCluster(scope as CdkApp)));
  expect(run).toEqual({ status: 1, errors: [JWT_CAUSE] });
});

test("npm run synth reports only the cause of a fleet cluster whose build caught the error and recorded it", () => {
  const run = cli(() => ({
    clusters: [{
      folder: 'lab/main', source: 'charts/lab/main.ts',
      build: (scope: Construct) => {
        const cluster: ClusterChart = labCluster(scope as CdkApp);
        try {
          codeAround(broken({ env: { API_TOKEN: LITERAL_JWT } }))(cluster);
        } catch (error) {
          recordConstructionError(cluster, error);
        }
        return cluster;
      },
    }],
  }));
  expect(run).toEqual({ status: 1, errors: [JWT_CAUSE] });
});
