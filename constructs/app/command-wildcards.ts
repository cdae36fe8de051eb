import { isShellScript, programName } from '../validation/command-secrets';

// Kubernetes starts a container's command as a list of words with no shell between: a wildcard such as
// `/data/*.zim`, which a guide's command line leaves to the shell, reaches the program as written. A program that
// takes file names (kiwix-serve's ZIM files, a tool's inputs) looks for a file named `*.zim`, finds none and stops.

/** A path with a shell wildcard (`*` or `?`) in its last part: `/data/*.zim`, `./in/scan-??.pdf`. */
const WILDCARD_PATH = /^\.{0,2}\/(?:[^\s*?]*\/)?[^\s/]*[*?][^\s/]*$/;

/**
 * An option whose value is a pattern the program matches itself (`--exclude /cache/*`, `-name *.log`), or a list of
 * config files that programs commonly expand themselves (`vector --config /etc/vector/*.toml`).
 */
const PATTERN_OPTION = /^--?[A-Za-z-]*(include|exclude|ignore|glob|pattern|name|filter|match|watch|config)[A-Za-z-]*$/i;

/**
 * Short options of programs that take a list of config files and expand its patterns themselves, which
 * {@link PATTERN_OPTION} cannot tell from a short option of another meaning: Vector's `-c` (`--config`), whose docs
 * say wildcard paths are supported.
 */
const OWN_CONFIG_SHORT_OPTIONS: Readonly<Record<string, readonly string[]>> = { vector: ['-c'] };

/** Whether `option` of `program` takes a value the program matches or expands itself. Pure. */
function takesPattern(option: unknown, program: string): boolean {
  return typeof option === 'string' && (PATTERN_OPTION.test(option) || (OWN_CONFIG_SHORT_OPTIONS[program]?.includes(option) ?? false));
}

/** A program that expands its own words (a shell, or a script whose unquoted words its shell splits and expands). */
const EXPANDING_PROGRAM = /^(sh|bash|ash|dash|zsh|ksh|env)$|\.(sh|bash)$/;

/** A word of a replaced entrypoint that a shell would have expanded. */
export interface CommandLineWildcard {
  /** The list the word is in. */
  readonly key: 'command' | 'args';
  /** Index of the word in that list. */
  readonly index: number;
  /** What is wrong, as a finding's message. */
  readonly message: string;
  /** The command line run through a shell, as a finding's hint. */
  readonly hint: string;
}

/** A word as a shell script writes it: as it is when the shell reads it so, else in single quotes. Pure. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The words of a container's `command` and `args` that are paths with a shell wildcard (`/data/*.zim`), where
 * `command` replaces the image's entrypoint with a program that expands no words itself. A command line run by a
 * shell (`sh -c '…'`) or a script, a word that is the value of a pattern option (`--exclude /cache/*`, Vector's
 * `-c /etc/vector/*.yaml`), and `args`
 * alone (given to the image's own entrypoint, which may be a script that expands them, as kiwix-serve's is) are
 * left alone. Pure.
 */
export function commandLineWildcards(command: unknown, args: unknown): CommandLineWildcard[] {
  if (!Array.isArray(command) || command.length === 0 || !command.every((w) => typeof w === 'string')) {
    return [];
  }
  const argv: Array<{ word: unknown; key: 'command' | 'args'; index: number }> = [
    ...command.map((word, index) => ({ word, key: 'command' as const, index })),
    ...(Array.isArray(args) ? args : []).map((word, index) => ({ word, key: 'args' as const, index })),
  ];
  const words = argv.map((a) => a.word);
  if (words.some((word, i) => EXPANDING_PROGRAM.test(programName(word)) || isShellScript(words, i))) {
    return [];
  }
  const asWords = words.filter((w): w is string => typeof w === 'string');
  const program = programName(command[0]);
  const script = `exec ${asWords.map((w) => (WILDCARD_PATH.test(w) ? w : shellWord(w))).join(' ')}`;
  return argv.flatMap(({ word, key, index }, i): CommandLineWildcard[] => {
    const before = words[i - 1];
    if (typeof word !== 'string' || !WILDCARD_PATH.test(word) || takesPattern(before, program)) {
      return [];
    }
    return [{
      key, index,
      message: `${word} reaches ${program} as written: Kubernetes runs the command with no shell, so no wildcard is expanded, and the program looks for a file of that very name`,
      hint: `name the files one by one, or run the command line through a shell that expands it: command: ['sh', '-c', '${script.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'], args left out`,
    }];
  });
}
