import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as path from 'path';
import { synthApp } from '../interop/foreign-lazy';
import type { Construct } from 'constructs';
import { formatFinding } from '../validation/finding';
import { reportOrder, findingCounts } from '../validation/findings-order';
import { isSecretLookingName } from '../validation/policy';
import { buildSites } from './build-sites';
import { asksForHelp, commandLineFindings, CommandLineSpec, printHelp } from './cli-args';
import { diffCliOptionFindings } from './cli-options';
import { endWhenOutputCloses } from './closed-output';
import type { DayTwoReport } from './day-two';
import { documentEntries, isRecord } from './documents';
import { synthesize } from './synth';

/** One changed field of an object, as a YAML path with its old and new value (already redacted). */
export interface FieldChange {
  /** YAML path, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** Old value as text; `undefined` when the field is new. */
  readonly before?: string;
  /** New value as text; `undefined` when the field is gone. */
  readonly after?: string;
}

/** An object (or a file that is not a Kubernetes object) that differs. */
export interface ObjectChange {
  /** `<Kind> <namespace>/<name>`, or the file path for other files. */
  readonly id: string;
  /** File it lives in (the new one, or the old one when removed), relative to the output folder. */
  readonly file: string;
  /** What happened to it. */
  readonly change: 'added' | 'removed' | 'changed';
  /** For changed objects, the fields that differ, in document order. */
  readonly fields: readonly FieldChange[];
}

/** The differences of one cluster folder. */
export interface ClusterDiff {
  /** `<site>/<cluster>`. */
  readonly cluster: string;
  /** Objects added, removed or changed, sorted by id. */
  readonly changes: readonly ObjectChange[];
}

/** The cluster folder (`<site>/<cluster>`) of a file path relative to the output folder. */
function clusterOf(file: string): string {
  return file.split('/').slice(0, 2).join('/');
}

/** Where a value must not print: secret payloads, SOPS ciphertext, values under secret-looking names. */
function isSecretPath(kind: string, keys: readonly (string | number)[], parent: unknown, value: unknown): boolean {
  const [first, second] = keys;
  if (kind === 'Secret' && (first === 'data' || first === 'stringData')) {
    return true;
  }
  if (kind === 'SealedSecret' && first === 'spec' && (second === 'encryptedData' || (second === 'template' && keys[2] === 'data'))) {
    return true;
  }
  if (typeof value === 'string' && value.startsWith('ENC[')) {
    return true;
  }
  const last = keys[keys.length - 1];
  if (typeof last === 'string' && isSecretLookingName(last) && typeof value !== 'object') {
    return true;
  }
  return last === 'value' && isRecord(parent) && typeof parent.name === 'string' && isSecretLookingName(parent.name);
}

/** A value as it may be printed: secrets only as a hash prefix and a length. */
function show(value: unknown, secret: boolean): string {
  if (secret) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `<secret sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}, ${text.length} chars>`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether a subtree holds any secret value, so that it prints whole only when it holds none. */
function holdsSecret(kind: string, keys: (string | number)[], parent: unknown, value: unknown): boolean {
  if (isSecretPath(kind, keys, parent, value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some((item, i) => holdsSecret(kind, [...keys, i], value, item));
  }
  if (isRecord(value)) {
    return Object.entries(value).some(([k, v]) => holdsSecret(kind, [...keys, k], value, v));
  }
  return false;
}

function yamlPath(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z0-9_-]+$/.test(k) ? `${i === 0 ? '' : '.'}${k}` : `[${JSON.stringify(k)}]`)).join('');
}

/** The fields that differ between two documents, as YAML paths; secret values print as hashes. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const kind = String((isRecord(after) ? after.kind : undefined) ?? (isRecord(before) ? before.kind : ''));
  const changes: FieldChange[] = [];
  const walk = (old: unknown, now: unknown, keys: (string | number)[], oldParent: unknown, newParent: unknown): void => {
    if (isRecord(old) && isRecord(now)) {
      const names = [...Object.keys(old), ...Object.keys(now).filter((k) => !(k in old))];
      names.forEach((k) => walk(old[k], now[k], [...keys, k], old, now));
      return;
    }
    if (Array.isArray(old) && Array.isArray(now)) {
      for (let i = 0; i < Math.max(old.length, now.length); i += 1) {
        walk(old[i], now[i], [...keys, i], old, now);
      }
      return;
    }
    if (JSON.stringify(old) === JSON.stringify(now)) {
      return;
    }
    const secret = holdsSecret(kind, keys, oldParent, old) || holdsSecret(kind, keys, newParent, now);
    changes.push({
      path: yamlPath(keys),
      before: old === undefined ? undefined : show(old, secret),
      after: now === undefined ? undefined : show(now, secret),
    });
  };
  walk(before, after, [], undefined, undefined);
  return changes;
}

/** A file that is not YAML (a README) differs: how many lines changed, not the text itself. */
function textChange(before: string, after: string): FieldChange[] {
  if (before === after) {
    return [];
  }
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const kept = new Set(oldLines);
  const added = newLines.filter((l) => !kept.has(l)).length;
  return [{ path: '(text)', before: `${oldLines.length} lines`, after: `${newLines.length} lines, ${added} new or changed` }];
}

/** Compares two sets of output files (paths relative to the output folder) cluster by cluster. */
export function diffFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ClusterDiff[] {
  const changedFiles = (from: ReadonlyMap<string, string>, other: ReadonlyMap<string, string>) =>
    new Map([...from].filter(([file, text]) => other.get(file) !== text));
  // Only files whose text differs are parsed, but an object may move between files: parse both sides of
  // every differing file, and look an object up on the other side among them.
  const old = documentEntries(changedFiles(before, after));
  const now = documentEntries(changedFiles(after, before));
  const byCluster = new Map<string, ObjectChange[]>();
  const add = (file: string, change: ObjectChange) => {
    const cluster = clusterOf(file);
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), change]);
  };
  for (const [id, entry] of now) {
    const previous = old.get(id);
    if (!previous) {
      add(entry.file, { id, file: entry.file, change: 'added', fields: [] });
      continue;
    }
    const fields = typeof entry.doc === 'string' && typeof previous.doc === 'string'
      ? textChange(previous.doc, entry.doc)
      : fieldChanges(previous.doc, entry.doc);
    const moved = previous.file === entry.file ? [] : [{ path: '(file)', before: previous.file, after: entry.file }];
    if (fields.length + moved.length > 0) {
      add(entry.file, { id, file: entry.file, change: 'changed', fields: [...moved, ...fields] });
    }
  }
  for (const [id, entry] of old) {
    if (!now.has(id)) {
      add(entry.file, { id, file: entry.file, change: 'removed', fields: [] });
    }
  }
  return [...byCluster.keys()].sort().map((cluster) => ({
    cluster,
    changes: byCluster.get(cluster)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }));
}

/** The files under `folder` (relative to `cwd`) as committed at `ref`, keyed by path relative to `folder`. */
export function filesAtRef(cwd: string, ref: string, folder: string): Map<string, string> {
  const git = (args: string[], input?: string) => execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  const listing = git(['ls-tree', '-r', '-z', '--name-only', ref, '--', folder]).toString('utf8');
  const paths = listing.split('\0').filter((p) => p.length > 0);
  const files = new Map<string, string>();
  if (paths.length === 0) {
    return files;
  }
  // One `git cat-file --batch` for every file instead of one `git show` each.
  const output = git(['cat-file', '--batch'], paths.map((p) => `${ref}:./${p}`).join('\n') + '\n');
  let offset = 0;
  for (const file of paths) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    const size = Number(header[2]);
    const start = headerEnd + 1;
    files.set(path.posix.relative(folder.split(path.sep).join('/'), file), output.subarray(start, start + size).toString('utf8'));
    offset = start + size + 1;
  }
  return files;
}

/** Git's reason when the default ref, HEAD, names no commit: a repository made with `git init` and not committed to yet. */
const NO_COMMIT_YET = /Not a valid object name HEAD\b|ambiguous argument 'HEAD'|unknown revision.*\bHEAD\b/;

/** Git's reason when the folder it runs in belongs to no repository. */
const NOT_A_REPOSITORY = /not a git repository/i;

/** Options of {@link runDiffCli}. */
export interface DiffCliOptions {
  /** Command-line arguments: `--against <git-ref>` (default `HEAD`), `--cluster <site>/<cluster>`. @default [] */
  readonly argv?: readonly string[];
  /** Output folder, relative to `cwd`. @default 'dist' */
  readonly outdir?: string;
  /** Folder inside the Git work tree to run Git in. @default process.cwd() */
  readonly cwd?: string;
  /** Where output goes. @default process.stdout */
  readonly log?: (line: string) => void;
}

/** Every option of {@link DiffCliOptions}, to name a misspelt one. */
const DIFF_CLI_OPTIONS = Object.keys({ argv: 0, outdir: 0, cwd: 0, log: 0 } satisfies Record<keyof DiffCliOptions, 0>);

/** What `npm run diff` reads from its command line. */
const DIFF_COMMAND_LINE: CommandLineSpec = {
  command: 'npm run diff --', values: { '--against': '<git-ref>', '--cluster': '<site>/<cluster>' },
  summary: 'Synthesizes the fleet in memory, writes nothing, and prints per cluster the objects and fields that differ from the output folder as committed.',
  explained: {
    '--against': 'the commit, branch or tag whose output folder to compare with (default HEAD)',
    '--cluster': 'compare one cluster only',
  },
};

function argument(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) {
    return argv[index + 1];
  }
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** The lines that print one cluster's differences. */
export function formatClusterDiff(diff: ClusterDiff): string[] {
  const count = (change: ObjectChange['change']) => diff.changes.filter((c) => c.change === change).length;
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  return [
    `${diff.cluster}: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed`,
    ...diff.changes.flatMap((c) => [
      `  ${sign[c.change]} ${c.id}${c.id === c.file ? '' : ` (${c.file})`}`,
      ...c.fields.map((f) => `      ${f.path}: ${f.before ?? '(absent)'} → ${f.after ?? '(absent)'}`),
    ]),
  ];
}

/**
 * The lines that print a cluster's day-2 warnings (changes the API server refuses on the next apply,
 * claims and namespaces that leave), as synth prints them.
 */
export function dayTwoLines(report: DayTwoReport | undefined): string[] {
  if (!report || report.findings.length === 0) {
    return [];
  }
  return [`  day-2: ${report.findings.length} warning(s) for the next apply`, ...report.findings.map((f) => `    ${formatFinding(f).split('\n').join('\n    ')}`)];
}

/**
 * `npm run diff`: synthesizes the sites `define` declares (or the fleet it returns, as `runSynthCli` takes
 * one) in memory (nothing is written), compares them
 * with the output folder as committed at a Git ref, and prints per cluster the objects added, removed and
 * changed, with each changed field's YAML path and its old and new value, and the day-2 warnings synth
 * gives against that output (changes the API server refuses, claims that leave). Secret values print only as a
 * hash and a length. Returns 0 when nothing differs, 1 when something does or synthesis fails.
 */
export function runDiffCli(define: (scope: Construct) => unknown, options: DiffCliOptions = {}): number {
  // Options of the wrong type (checked below) are left out until they are reported, so that reporting them cannot fail on them.
  const given: DiffCliOptions = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  if (typeof given.log !== 'function') {
    endWhenOutputCloses();
  }
  const log = typeof given.log === 'function' ? given.log : ((line: string) => process.stdout.write(`${line}\n`));
  const argv = given.argv ?? [];
  if (asksForHelp(argv)) {
    return printHelp(DIFF_COMMAND_LINE, log);
  }
  const optionFindings = diffCliOptionFindings(define, options, DIFF_CLI_OPTIONS);
  const usage = optionFindings.length > 0 ? optionFindings : commandLineFindings(argv, DIFF_COMMAND_LINE);
  if (usage.length > 0) {
    usage.forEach((f) => log(formatFinding(f)));
    log(`diff failed: ${usage.length} error(s) in ${optionFindings.length > 0 ? 'the options of runDiffCli' : 'the command line'}`);
    return 1;
  }
  const ref = argument(argv, '--against') ?? 'HEAD';
  const only = argument(argv, '--cluster');
  const cwd = given.cwd ?? process.cwd();
  const outdir = given.outdir ?? 'dist';
  let committed: Map<string, string>;
  try {
    committed = filesAtRef(cwd, ref, outdir);
  } catch (error) {
    // Git's own reason (e.g. not a valid object name) is on its stderr, which is kept off the terminal.
    const reason = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0] || (error as Error).message.split('\n')[0];
    if (argument(argv, '--against') === undefined && NO_COMMIT_YET.test(reason)) {
      // A new lab's repository before its first commit: nothing was committed, so everything synth makes is new.
      log(`${outdir}/ has no commit to compare with (the repository has no commit yet): every object shows as added`);
      committed = new Map();
    } else {
      log(`diff failed: cannot read ${outdir}/ at ${ref}: ${reason}`);
      log(NOT_A_REPOSITORY.test(reason)
        ? `      hint: npm run diff compares with ${outdir}/ as committed in Git: run it inside the lab's Git repository (\`git init\` makes one; commit ${outdir}/ after npm run synth)`
        : '      hint: --against takes a commit, branch or tag of this repository (`git log --oneline` lists commits)');
      return 1;
    }
  }
  const app = synthApp(path.resolve(cwd, outdir));
  const built = buildSites(app, define);
  if (built.failed) {
    reportOrder(built.findings).forEach((f) => log(formatFinding(f)));
    log(`diff failed: the sites could not be built (${findingCounts(built.findings)})`);
    return 1;
  }
  // The day-2 check compares with the same output as the diff does: the one committed at the ref.
  const result = synthesize(app, { outdir: path.resolve(cwd, outdir), write: false, previousOutput: committed });
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    reportOrder(errors).forEach((f) => log(formatFinding(f)));
    log(`diff failed: synthesis has ${errors.length} error(s)`);
    return 1;
  }
  const inScope = (files: ReadonlyMap<string, string>) =>
    new Map([...files].filter(([file]) => !only || file.startsWith(`${only.replace(/\/$/, '')}/`)));
  const diffs = diffFiles(inScope(committed), inScope(result.files));
  if (only && !result.outcomes.some((c) => c.folder === only) && ![...committed.keys()].some((f) => f.startsWith(`${only}/`))) {
    const clusters = result.outcomes.map((c) => c.folder).sort();
    log(`diff failed: no cluster ${only}; --cluster takes one of ${clusters.join(', ')}`);
    return 1;
  }
  const dayTwo = new Map<string, DayTwoReport | undefined>(result.outcomes.map((o) => [o.folder, o.dayTwo]));
  // A cluster the fleet no longer lists: its warning, as synth gives it.
  result.removedClusters?.forEach((removed) => dayTwo.set(removed.folder, { findings: [removed.finding], actions: [] }));
  diffs.forEach((d) => [...formatClusterDiff(d), ...dayTwoLines(dayTwo.get(d.cluster))].forEach((line) => log(line)));
  if (diffs.length === 0) {
    log(`no differences against ${outdir}/ at ${ref}${only ? ` (${only})` : ''}`);
    return 0;
  }
  return 1;
}
