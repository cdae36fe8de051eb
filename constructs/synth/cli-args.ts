import { describeValue } from '../inventory/problems';
import { closestName } from '../validation/closest-name';
import type { Finding } from '../validation/finding';
import { markShortRun } from './short-run';

/** What a command accepts on its command line. */
export interface CommandLineSpec {
  /** The command as a user types it, for the usage line, e.g. `npm run synth --`. */
  readonly command: string;
  /** Flags that take no value, e.g. `--quiet`. @default [] */
  readonly flags?: readonly string[];
  /** Options that take a value, written `--name value` or `--name=value`, each with what its value is, e.g. `{ '--against': '<git-ref>' }`. @default {} */
  readonly values?: Readonly<Record<string, string>>;
  /**
   * Options users of other tools type that this command takes another way (`--outdir`), each with the hint
   * that says how, given the value written after it (which is taken as that option's, not as an argument of
   * its own). One error each. @default {}
   */
  readonly elsewhere?: Readonly<Record<string, (value: string | undefined) => string>>;
  /**
   * What an argument that is no option (`lab/main`) is taken for, as the hint that says how the command
   * does it instead, given the argument. @default - the usage line alone
   */
  readonly positional?: (value: string) => string;
  /** Pairs of flags that contradict each other. @default [] */
  readonly exclusive?: ReadonlyArray<readonly [string, string]>;
  /** What the command does, one sentence, the first line of its `--help`. */
  readonly summary: string;
  /** What each flag and value option does, by its name, for `--help`. @default {} */
  readonly explained?: Readonly<Record<string, string>>;
}

/** A shell's redirection, pipe or list operator written as a word of its own (`>`, `2>&1`, `|`, `&&`). */
const SHELL_SYNTAX = /^(?:[0-9]?>>?|[0-9]?>&[0-9]|&>|<|\||\|\||&&|;)$/;

/** The arguments with which most tools are asked what they take. */
const HELP_ARGUMENTS = ['--help', '-h'];

/**
 * Whether `argv` asks the command what it takes (`--help`, `-h`) rather than for a run: the command then
 * prints {@link helpLines} and ends with status 0, whatever else the command line holds.
 */
export function asksForHelp(argv: readonly unknown[]): boolean {
  return Array.isArray(argv) && argv.some((arg) => typeof arg === 'string' && HELP_ARGUMENTS.includes(arg));
}

/** Prints the command's {@link helpLines} with `log` and returns the exit status, 0. */
export function printHelp(spec: CommandLineSpec, log: (line: string) => void): number {
  helpLines(spec).forEach((line) => log(line));
  markShortRun();
  return 0;
}

/** What a command prints for `--help`: what it does, its usage line, and each option with what it does. */
export function helpLines(spec: CommandLineSpec): string[] {
  const options = [...(spec.flags ?? []), ...Object.keys(spec.values ?? {}).map((name) => `${name} ${spec.values?.[name]}`)];
  const width = Math.max(0, ...options.map((option) => option.length));
  return [
    spec.summary,
    usageLine(spec),
    ...options.map((option) => `  ${option.padEnd(width)}  ${spec.explained?.[option.split(' ')[0]] ?? ''}`.trimEnd()),
  ];
}

/** The usage line of a command: what the hints of its findings show. */
export function usageLine(spec: CommandLineSpec): string {
  const words = [...(spec.flags ?? []).map((f) => `[${f}]`), ...Object.entries(spec.values ?? {}).map(([v, what]) => `[${v} ${what}]`)];
  return `usage: ${spec.command}${words.length > 0 ? ` ${words.join(' ')}` : ' (it takes no arguments)'}`;
}

/**
 * Findings for a command line the command would misread: an unknown or misspelt argument, a value
 * option without its value, a flag given a value, and flags that contradict each other. An empty list
 * means every argument is one the command reads. Checked before anything is built or written, so a
 * typo never runs a different command than the one the user meant.
 */
export function commandLineFindings(argv: readonly string[], spec: CommandLineSpec): Finding[] {
  if (!Array.isArray(argv) || argv.some((a) => typeof a !== 'string')) {
    // A command's `argv` option given as one string would be read a character at a time.
    const words = typeof argv === 'string' ? (argv as string).split(/\s+/).filter((w) => w !== '') : [];
    return [{
      layer: 'props', severity: 'error', constructPath: '(app)', field: 'argv', message: `argv is ${describeValue(argv)}, not a list of arguments`,
      hint: `give one string per argument: argv: ${words.length > 0 ? `[${words.map((w) => `'${w}'`).join(', ')}]` : 'process.argv.slice(2)'}`,
    }];
  }
  const flags = spec.flags ?? [];
  const values = Object.keys(spec.values ?? {});
  const known = [...flags, ...values];
  const usage = usageLine(spec);
  const finding = (field: string, message: string, hint: string): Finding => ({
    layer: 'props', severity: 'error', constructPath: '(command line)', field, message, hint,
  });
  const findings: Finding[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      continue; // the end of npm's or a shell's own options (npm run synth -- -- --quiet): no option of ours
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const other = spec.elsewhere?.[name];
    if (SHELL_SYNTAX.test(arg)) {
      // A redirection or pipe that reached the command as a word (a CI step's argument list, run without a shell):
      // what follows it is its target, no argument of the command. One error.
      findings.push(finding(arg, `"${arg}" is shell syntax, given to the command as an argument: it was run without a shell, which would have taken it`,
        `run the command in a shell, which redirects or pipes its output itself (a CI step's run: ${spec.command.replace(/ --$/, '')} -- --json > synth.json); ${usage}`));
      break;
    }
    if (other !== undefined) {
      const next = inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : undefined;
      findings.push(finding(name, `${name} is no option of this command`, `${other(inline ?? next)}; ${usage}`));
    } else if (values.includes(name)) {
      const next = inline === undefined ? argv[i + 1] : undefined;
      const value = inline ?? (next !== undefined && !next.startsWith('--') ? next : undefined);
      if (inline === undefined && value !== undefined) {
        i++;
      }
      if (value === undefined || value === '') {
        findings.push(finding(name, `${name} needs a value`, `write ${name} ${spec.values?.[name]}; ${usage}`));
      }
    } else if (flags.includes(name) || HELP_ARGUMENTS.includes(name)) {
      if (inline !== undefined) {
        findings.push(finding(name, `${name} takes no value (given "${inline}")`, `write ${name} alone; ${usage}`));
      }
    } else {
      // A one-letter short form (`-q`, habit of most tools) stands for the one option of that initial.
      const short = /^-[a-z]$/i.test(name) ? known.filter((k) => k.startsWith(`--${name[1].toLowerCase()}`)) : [];
      const near = (short.length === 1 ? short[0] : undefined) ?? closestName(name.replace(/^-+/, '--'), known)
        ?? (name.startsWith('-') ? undefined : closestName(`--${name}`, known));
      // The word after an unknown long option is most likely its value (`--threads 2`): one mistake, one error.
      const value = name.startsWith('--') && inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : inline;
      const what = name.startsWith('-') ? `unknown option ${name}${value !== undefined ? ` (given "${value}")` : ''}` : `unexpected argument "${name}"`;
      const taken = name.startsWith('-') || near !== undefined ? undefined : spec.positional?.(name);
      findings.push(finding(name, what, near !== undefined ? `did you mean ${near}? ${usage}` : taken !== undefined ? `${taken}; ${usage}` : usage));
    }
  }
  for (const [a, b] of spec.exclusive ?? []) {
    if (argv.some((x) => x === a) && argv.some((x) => x === b)) {
      findings.push(finding(`${a} ${b}`, `${a} and ${b} ask for two different outputs`, `give one of them: ${a} or ${b}; ${usage}`));
    }
  }
  return findings;
}
