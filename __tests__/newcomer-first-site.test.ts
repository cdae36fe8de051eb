import { App as CdkApp } from 'cdk8s';
import * as firstSite from './bad-input/cases-newcomer-first-site';
import * as looseEnds from './bad-input/cases-newcomer-loose-ends';
import * as untyped from './bad-input/cases-new-user-35';
import { clusterFor } from './bad-input/cases';
import { prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-newcomer-first-site.ts) cannot say: that these mistakes of a first home
// lab give exactly one error, the one the corpus names, and nothing the mistake drags along (a GPU no host
// has after a vendor typo, an address missing after Ansible's ansible_host). Its loose ends
// (cases-newcomer-loose-ends.ts) are held to the same, and so are the lists and misspelt facts of a lab
// written without a type check (cases-new-user-35.ts).

const CASES = [...firstSite.CASES, ...looseEnds.CASES, ...untyped.CASES];
const ONE_ERROR_CASES = [...firstSite.ONE_ERROR_CASES, ...looseEnds.ONE_ERROR_CASES, ...untyped.ONE_ERROR_CASES];

test.each(ONE_ERROR_CASES.map((name) => [name]))('%s', (name) => {
  const testCase = CASES.find((c) => c.name === name)!;
  const app = new CdkApp();
  testCase.build(clusterFor(testCase, app), app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual([expect.stringMatching(new RegExp(`${testCase.path} ${String(testCase.field).replace(/[.[\]()]/g, '\\$&')}$`))]);
});

test('a domain under .local is a warning on domain that points to home.arpa', () => {
  const app = new CdkApp();
  looseEnds.homeSite(() => ({ domain: 'home.local' }))(undefined as any, app);
  const findings = synthFindings(app, prepopulatedOutdir()).findings;
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(findings.filter((f) => f.field === 'domain').map((f) => `${f.severity} ${f.constructPath} ${f.hint}`))
    .toEqual([expect.stringMatching(/^warning inventory\/site\/home use home\.arpa \(home\.arpa, RFC 8375\)/)]);
});
