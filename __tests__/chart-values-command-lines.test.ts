import { chartValuesProblems } from '../constructs/platform/chart-values';
import { commandLineSecrets } from '../constructs/validation/command-secrets';

// A chart hands a list of arguments (`extraArgs`) to its container as it is: a secret flag there is written
// out as on a container's command line, and a flag that only names the secret's algorithm holds none.

const RFC2136 = ['--rfc2136-host=10.0.0.53', '--rfc2136-tsig-secret=96Ah/a2g0/nLeFGK+d/0tzQcccf9hCEIy34PoXX2Qg8=', '--rfc2136-tsig-secret-alg=hmac-sha256', '--rfc2136-tsig-keyname=externaldns'];

test("a secret flag in a chart's extraArgs is one problem, on its word", () => {
  expect(chartValuesProblems({ extraArgs: RFC2136 }).map((p) => p.field)).toEqual(['values.extraArgs[1]']);
});

test('a nested args list of a chart is read too', () => {
  expect(chartValuesProblems({ controller: { args: ['--token', 'hunter2hunter2'] } }).map((p) => p.field)).toEqual(['values.controller.args[1]']);
});

test('a list of another name is no command line', () => {
  expect(chartValuesProblems({ domainFilters: ['--password=hunter2hunter2'] })).toEqual([]);
});

test("a secret's algorithm given as a flag of a container is no secret", () => {
  expect(commandLineSecrets(['external-dns'], RFC2136).map((s) => s.index)).toEqual([1]);
});
