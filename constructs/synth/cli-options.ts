import { describeValue } from '../inventory/problems';
import { closestName } from '../validation/closest-name';
import type { Finding } from '../validation/finding';
import { outdirFinding } from './outdir';
import { schemaCacheVariableProblem } from '../validation/schema/disk-cache';
import { SUMMARY_FLAGS } from './summary';
import { threadsVariableProblem } from './threads';

function finding(field: string, message: string, hint: string): Finding {
  return { layer: 'props', severity: 'error', constructPath: '(app)', field, message, hint };
}

/** Whether `value` is a plain object of options, not a string, a list or a function. */
function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Findings for what a user hands `runSynthCli`, found before anything is built: a `define` that is no
 * function (the fleet or a chart itself), options that are no object (`'dist'`), a key none of `known` (a
 * misspelt `outDir` would be ignored, and the default folder written), a `log`, `flags`, `threads` or
 * `inputGraph` of the wrong type (its use would end in a stack trace, after the output was written, or read
 * another file), and an `outdir` synth may not replace.
 * One finding per mistake. Reads the file system for `outdir`, writes nothing.
 */
export function synthCliOptionFindings(define: unknown, options: unknown, known: readonly string[]): Finding[] {
  const findings = entryOptionFindings('runSynthCli', define, options, known);
  if (!isOptionsObject(options)) {
    return findings;
  }
  const { flags } = options;
  if (flags !== undefined && !(isOptionsObject(flags) && Object.values(flags).every((v) => v === undefined || typeof v === 'boolean'))) {
    findings.push(finding('flags', `flags is ${describeValue(flags)}, not an object of switches`, 'give them as switches, e.g. flags: { quiet: true } (or --quiet on the command line)'));
  } else if (isOptionsObject(flags)) {
    // A misspelt switch would be ignored, and the run print what the owner asked it not to.
    for (const key of Object.keys(flags).filter((k) => !SUMMARY_FLAGS.includes(k))) {
      const near = closestName(key, SUMMARY_FLAGS);
      findings.push(finding(`flags.${key}`, `runSynthCli() has no flag "${key}"; it would be ignored`,
        near !== undefined ? `did you mean "${near}"?` : `its flags are ${SUMMARY_FLAGS.join(', ')}`));
    }
    if (flags.quiet === true && flags.json === true) {
      findings.push(finding('flags.json', 'flags asks for quiet and json output at once, which exclude each other', 'give one: flags: { json: true } prints one JSON document and nothing else'));
    }
  }
  // A number would be read as a file descriptor, which may wait for ever for input.
  if (options.inputGraph !== undefined && typeof options.inputGraph !== 'string') {
    findings.push(finding('inputGraph', `inputGraph is ${describeValue(options.inputGraph)}, not the path of a file`,
      "give the path of the input graph the bundler writes beside the bundle (inputGraph: process.env.HOMELAB_INPUT_GRAPH), or leave inputGraph out to build every cluster"));
  }
  const threads = options.threads;
  if (threads !== undefined && !(isOptionsObject(threads) && typeof threads.entry === 'string' && (threads.workers === undefined || (typeof threads.workers === 'number' && Number.isInteger(threads.workers) && threads.workers >= 0)))) {
    findings.push(finding('threads', `threads is ${describeValue(threads)}, not { entry, workers? }`,
      'name the script each worker runs again, e.g. threads: { entry: module.filename } (workers: a whole number, 0 for none), or leave threads out'));
  }
  for (const [variable, problem] of [['HOMELAB_SYNTH_THREADS', threadsVariableProblem()], ['HOMELAB_SCHEMA_CACHE', schemaCacheVariableProblem()]] as const) {
    if (problem) {
      findings.push(finding(variable, problem.message, problem.hint));
    }
  }
  const outdir = outdirFinding(options.outdir ?? 'dist');
  return [...findings, ...(outdir ? [outdir] : [])];
}

/**
 * Findings for what a user hands an entry point of the command line (`runSynthCli`, `runDiffCli`) that each
 * checks alike: a `define` that is no function, options that are no object, a key none of `known`, and a `log`
 * that is no function. Pure.
 */
function entryOptionFindings(call: string, define: unknown, options: unknown, known: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  if (typeof define !== 'function') {
    const fleet = isOptionsObject(define) && 'clusters' in define;
    findings.push(finding('define', `${call}() is given ${fleet ? 'the fleet' : describeValue(define)} where it takes the function that defines the sites`,
      fleet ? `pass a function that returns the fleet: ${call}(() => fleet, { … })` : `pass a function that builds them under the app: ${call}((app) => new Main(app), { outdir: 'dist' })`));
  }
  if (!isOptionsObject(options)) {
    return [...findings, finding('options', `${call}()'s options are ${describeValue(options)}, not an object`,
      `give them as an object: ${call}(define, { outdir: ${typeof options === 'string' ? `'${options}'` : "'dist'"} })`)];
  }
  for (const key of Object.keys(options).filter((k) => !known.includes(k))) {
    const near = closestName(key, known);
    findings.push(finding(key, `${call}() has no option "${key}"; it would be ignored`, near !== undefined ? `did you mean "${near}"?` : `its options are ${known.join(', ')}`));
  }
  // argv is checked with the command line (commandLineFindings), as every command checks it.
  const { log } = options;
  if (log !== undefined && typeof log !== 'function') {
    findings.push(finding('log', `log is ${typeof log === 'object' && log !== null ? 'an object (console?)' : describeValue(log)}, not a function that takes one line`, 'give a function: log: (line) => console.log(line)'));
  }
  return findings;
}

/**
 * Findings for what a user hands `runDiffCli`, found before Git is asked or anything is built: those every
 * entry point checks, and an `outdir` or `cwd` that is no path (the diff reads the output folder, so what
 * synth may not replace is no concern of it). Pure.
 */
export function diffCliOptionFindings(define: unknown, options: unknown, known: readonly string[]): Finding[] {
  const findings = entryOptionFindings('runDiffCli', define, options, known);
  if (!isOptionsObject(options)) {
    return findings;
  }
  for (const [key, example] of [['outdir', "'dist'"], ['cwd', 'process.cwd()']] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      findings.push(finding(key, `${key} is ${describeValue(value)}, not the path of a folder`, `give the folder as text, e.g. ${key}: ${example}, or leave ${key} out`));
    }
  }
  return findings;
}
