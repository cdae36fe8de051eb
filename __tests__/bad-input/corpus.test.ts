import * as fs from 'fs';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Finding } from '../../constructs';
import { BadInput, clusterFor, INVENTORY_CASES, POLICY_CASES, REFERENCE_CASES, SCHEMA_CASES } from './cases';
import { prepopulatedOutdir, snapshotTree, synthFindings } from './lab';
import { createSchemaValidator } from '../../constructs/validation/schema';

// Every case builds a bad input with the public API (or a hand-written object), synthesizes it into an
// output folder that holds earlier output, and must be rejected with the specific finding while the
// folder keeps every byte.

function matches(finding: Finding, testCase: BadInput): boolean {
  // cdk8s-plus keeps the object of an L2 construct in a child called `Resource`.
  const constructPath = finding.constructPath.replace(/\/Resource$/, '');
  const pathMatches = constructPath === testCase.path || constructPath.endsWith(`/${testCase.path}`);
  const fieldMatches = typeof testCase.field === 'string' ? finding.field === testCase.field : testCase.field.test(finding.field);
  const hintMatches = testCase.hint === undefined || testCase.hint.test(finding.hint ?? '');
  const messageMatches = testCase.message === undefined || testCase.message.test(finding.message);
  return finding.severity === 'error' && finding.layer === testCase.layer && pathMatches && fieldMatches && hintMatches && messageMatches;
}

/** The files of `before` and `after` that differ, are gone or are new, sorted. */
function changedFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** How a finding reads when code threw where props should have been rejected (see construction-errors.ts). */
const CODE_FAILURE = /this (construct|module) failed/;

/** An output folder that holds earlier output, with its bytes as they were made. */
interface Outdir {
  readonly outdir: string;
  readonly bytes: Map<string, string>;
}

/**
 * The output folder every case synthesizes into. One serves them all: a case writes nothing there, which
 * each checks against the bytes the folder was made with, so the next case finds it as the first did. A
 * case that fails any check hands the next a fresh folder, since it may have left this one changed.
 */
let sharedOutdir: Outdir | undefined;

function freshOutdir(): Outdir {
  const outdir = prepopulatedOutdir();
  return { outdir, bytes: snapshotTree(outdir) };
}

function runCase(testCase: BadInput): void {
  const shared = sharedOutdir ?? freshOutdir();
  sharedOutdir = undefined;
  const { outdir, bytes: before } = shared;
  const app = new CdkApp();
  testCase.build(clusterFor(testCase, app), app);
  const { findings, written } = synthFindings(app, outdir);
  const found = findings.find((f) => matches(f, testCase));
  if (!found) {
    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.layer} ${f.constructPath} ${f.field}: ${f.message} (${f.hint})`);
    throw new Error(`expected an error [${testCase.layer}] ${testCase.path} ${String(testCase.field)}${testCase.hint ? ` hinting ${String(testCase.hint)}` : ''}${testCase.message ? ` saying ${String(testCase.message)}` : ''}; got:\n${errors.join('\n') || '(no errors)'}`);
  }
  // A mistake in props is named where it is made: no other error is a failure of code the props broke.
  const crashes = findings.filter((f) => f !== found && f.severity === 'error' && CODE_FAILURE.test(f.message));
  // The checks of a case are plain comparisons, not `expect`s: each of those costs Jest a stack trace and a
  // table of its matchers, and the corpus runs thousands of cases.
  const problems = [
    ...crashes.map((f) => `code failed where props should have been rejected: ${f.constructPath} ${f.field}: ${f.message}`),
    ...(found.message.length > 0 ? [] : ['the finding has no message']),
    // Every finding says how to fix what it found.
    ...((found.hint ?? '').length > 0 ? [] : ['the finding has no hint']),
    ...(written ? ['synth wrote the output folder'] : []),
    ...changedFiles(before, snapshotTree(outdir)).map((file) => `the output folder's ${file} changed`),
  ];
  if (problems.length > 0) {
    throw new Error(`${testCase.name}:\n${problems.join('\n')}`);
  }
  sharedOutdir = shared;
}

/**
 * Further cases live in `cases-<topic>.ts` files beside this one, each exporting `CASES: BadInput[]`, so
 * every area adds its own without touching a shared list.
 */
const TOPIC_CASES: Array<[string, BadInput[]]> = fs.readdirSync(__dirname)
  .filter((file) => /^cases-[a-z0-9-]+\.ts$/.test(file))
  .sort()
  .map((file) => [file.replace(/^cases-|\.ts$/g, ''), (require(path.join(__dirname, file)) as { CASES: BadInput[] }).CASES]);
/** Cases that run only with the upstream schemas: those of the schema layer, and those whose finding needs them. */
const needsSchemas = (c: BadInput) => c.layer === 'schema' || c.needsUpstreamSchemas === true;
const TOPIC_NON_SCHEMA = TOPIC_CASES.map(([topic, cases]) => [topic, cases.filter((c) => !needsSchemas(c))] as [string, BadInput[]]);
const TOPIC_SCHEMA = TOPIC_CASES.flatMap(([, cases]) => cases.filter(needsSchemas));

describe('bad inputs are rejected with layer, construct path and field, and dist/ is left as it was', () => {
  describe.each([
    ['references', REFERENCE_CASES],
    ['inventory', INVENTORY_CASES],
    ['policy', POLICY_CASES],
    ...TOPIC_NON_SCHEMA.filter(([, cases]) => cases.length > 0),
  ] as Array<[string, BadInput[]]>)('%s', (_layer, cases) => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => runCase(testCase));
  });
});

/** Why the schema cases cannot run here: they need the upstream Kubernetes 1.30 and CRD schemas. */
function schemaSkip(): string | undefined {
  const validator = createSchemaValidator();
  if (!validator.hasSchema('apps/v1', 'Deployment')) {
    return 'no Kubernetes 1.30 schema (../shared/schemas/k8s or HOMELAB_K8S_SCHEMA)';
  }
  return validator.hasSchema('traefik.io/v1alpha1', 'IngressRoute') ? undefined : 'no CRD schemas (../shared/schemas/crds or HOMELAB_CRDS_DIR)';
}

const schemaSkipReason = schemaSkip();
if (schemaSkipReason) {
  // eslint-disable-next-line no-console
  console.log(`schema cases of the bad-input corpus skipped: ${schemaSkipReason}`);
}
(schemaSkipReason ? describe.skip : describe)('schema', () => {
  test.each([...SCHEMA_CASES, ...TOPIC_SCHEMA].map((c) => [c.name, c] as const))('%s', (_name, testCase) => runCase(testCase));
});

test('the corpus covers at least 60 cases across the layers', () => {
  const topics = TOPIC_CASES.reduce((n, [, cases]) => n + cases.length, 0);
  expect(REFERENCE_CASES.length + INVENTORY_CASES.length + POLICY_CASES.length + SCHEMA_CASES.length + topics).toBeGreaterThanOrEqual(60);
});
