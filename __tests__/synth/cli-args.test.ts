import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { runSynthCli, runValidateCli } from '../../constructs';
import { commandLineFindings } from '../../constructs/synth/cli-args';
import { runDiffCli } from '../../constructs/synth/diff';
import { CLUSTER_FOLDER_MARK } from '../../constructs/synth/outdir';
import { labCluster } from '../bad-input/lab';
import { restoreEnvironmentAfterEach } from '../support/environment';

// The command-line tools as a new user runs them: a typo, a flag of another command, a value left out.
// Each answers with a usage error and exit 1, before anything is built or written.

const SPEC = { command: 'npm run diff --', summary: 'Compares.', flags: ['--quiet'], values: { '--against': '<git-ref>' }, exclusive: [['--quiet', '--json']] as Array<[string, string]> };

test.each([
  [['--bogus'], '--bogus', /usage: npm run diff --/],
  [['--qiuet'], '--qiuet', /did you mean --quiet\?/],
  [['--against'], '--against', /--against <git-ref>/],
  [['--against', '--quiet'], '--against', /--against <git-ref>/],
  [['--against='], '--against', /--against <git-ref>/],
  [['--quiet=true'], '--quiet', /--quiet alone/],
  [['mobius/homelab'], 'mobius/homelab', /usage/],
  [['-q'], '-q', /did you mean --quiet\?/],
])('%j is refused on %s', (argv, field, hint) => {
  const findings = commandLineFindings(argv, SPEC);
  expect(findings.map((f) => f.field)).toEqual([field]);
  expect(findings[0].hint).toMatch(hint);
});

test('arguments the command reads are accepted', () => {
  expect(commandLineFindings(['--quiet', '--against', 'HEAD~1', '--against=main'], SPEC)).toEqual([]);
});

test("an unknown option and the word after it, its value, are one error; a bare -- is npm's separator, no option", () => {
  const findings = commandLineFindings(['--threads', '2'], SPEC);
  expect(findings.map((f) => [f.field, f.message])).toEqual([['--threads', 'unknown option --threads (given "2")']]);
  expect(commandLineFindings(['--', '--quiet'], SPEC)).toEqual([]);
  expect(commandLineFindings(['--bogus', '--quiet'], SPEC).map((f) => f.field)).toEqual(['--bogus']);
});

describe('the commands', () => {
  let outdir: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-cli-args-'));
    // A cluster folder an earlier synth wrote (its README says so), which a usage error leaves as it is.
    fs.mkdirSync(path.join(outdir, 'lab', 'main'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'lab', 'main', 'README.md'), `# lab/main\n\n${CLUSTER_FOLDER_MARK}\n`);
    fs.writeFileSync(path.join(outdir, 'lab', 'main', 'keep.yaml'), 'kept: true\n');
    lines.length = 0;
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const define = (scope: unknown) => labCluster(scope as App);

  test.each([
    [['--bogus'], /unknown option --bogus/],
    [['--json', '--quiet'], /--quiet and --json ask for two different outputs/],
    [['--quite'], /did you mean --quiet\?/],
    [['lab/main'], /unexpected argument "lab\/main"/],
    // Synth builds every cluster: one named to it is answered with the command that looks at one cluster.
    [['lab/main'], /takes no site or cluster; to see what changes in one cluster: npm run diff -- --cluster lab\/main/],
    [['lab'], /takes no site or cluster; .*--cluster <site>\/<cluster>/],
    [['--cluster', 'lab/main'], /--cluster is no option of this command[\s\S]*npm run diff -- --cluster lab\/main/],
    [['--site=lab'], /--site is no option[\s\S]*takes no site or cluster/],
    [['--dry-run'], /--dry-run is no option[\s\S]*npm run diff builds and checks every cluster and writes nothing/],
  ])('synth %j: a usage error, exit 1, the output folder untouched', (argv, message) => {
    expect(runSynthCli(define, { outdir, argv, log })).toBe(1);
    expect(lines.join('\n')).toMatch(message);
    expect(lines.join('\n')).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(path.join(outdir, 'lab', 'main')).sort()).toEqual(['README.md', 'keep.yaml']);
  });

  test('diff with an unknown option or a value left out: a usage error, exit 1', () => {
    expect(runDiffCli(define, { argv: ['--json'], outdir, log })).toBe(1);
    expect(runDiffCli(define, { argv: ['--cluster'], outdir, log })).toBe(1);
    expect(lines.join('\n')).toMatch(/unknown option --json[\s\S]*--cluster needs a value/);
  });

  test('validate given arguments it does not take: a usage error, exit 1', () => {
    expect(runValidateCli(define, { argv: ['--fix'], outdir, log })).toBe(1);
    expect(lines.join('\n')).toMatch(/unknown option --fix[\s\S]*takes no arguments/);
  });

  test.each([
    // diff reads the committed dist/ (it writes nothing), and fails on the sites before it compares.
    ['diff', (d: (s: any) => void) => runDiffCli(d, { outdir: 'dist', log })],
    ['validate', (d: (s: any) => void) => runValidateCli(d, { outdir, log })],
  ])('%s reports an error thrown while the sites are built as a finding, not a stack trace', (_name, run) => {
    expect(run((scope) => {
      labCluster(scope as App);
      throw new Error('a typo in the sites');
    })).toBe(1);
    expect(lines.join('\n')).toMatch(/a typo in the sites/);
    expect(lines.join('\n')).not.toMatch(/^\s+at /m);
  });
});

describe('synth variables of the environment that name no count or folder', () => {
  restoreEnvironmentAfterEach(['HOMELAB_SYNTH_THREADS', 'HOMELAB_SCHEMA_CACHE']);

  /** The first line runSynthCli prints, its status, and whether it built anything or wrote the output folder. */
  function synthWith(variable: string, value: string): { status: number; first: string; built: boolean; wrote: boolean } {
    process.env[variable] = value;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-synth-variable-'));
    const lines: string[] = [];
    let built = false;
    try {
      const status = runSynthCli(() => {
        built = true;
      }, { outdir: path.join(outdir, 'dist'), log: (line) => lines.push(line), argv: [] });
      return { status, first: lines[0].split('\n')[0], built, wrote: fs.existsSync(path.join(outdir, 'dist')) };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  // Before, such a value was read as 0 without a word: a user who asked for threads got none.
  test.each(['four', '-1', '1.5'])('HOMELAB_SYNTH_THREADS=%s is a usage error before anything is built', (value) => {
    expect(synthWith('HOMELAB_SYNTH_THREADS', value)).toEqual({
      status: 1, first: `ERROR [props] (app) HOMELAB_SYNTH_THREADS: HOMELAB_SYNTH_THREADS is "${value}", not a whole number of worker threads`, built: false, wrote: false,
    });
  });

  // Before, the cache was given up without a word, and every run compiled and validated everything afresh.
  test('HOMELAB_SCHEMA_CACHE naming a file, or a folder under one, is a usage error before anything is built', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-cache-file-')), 'cache');
    fs.writeFileSync(file, 'not a folder');
    expect(synthWith('HOMELAB_SCHEMA_CACHE', file)).toEqual({
      status: 1, first: `ERROR [props] (app) HOMELAB_SCHEMA_CACHE: HOMELAB_SCHEMA_CACHE names ${file}, which is a file, not a folder: no validation result or validator could be kept`,
      built: false, wrote: false,
    });
    expect(synthWith('HOMELAB_SCHEMA_CACHE', path.join(file, 'schema')).first).toContain(`under the file ${file}, not a folder`);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
