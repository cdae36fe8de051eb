import { closestName } from '../validation/closest-name';
import { isShellScript } from '../validation/command-secrets';

// Kubernetes expands `$(NAME)` in a container's command and arguments, from the container's variables, and
// nothing else: `${NAME}` and `$NAME` reach the program as text (no shell reads them), and so does a
// `$(NAME)` of no variable. A password passed as `--password=${DB_PASSWORD}` is then the text itself.

/** `${NAME}` (compose's and the shell's form) or `$NAME`, not escaped as `$$`. */
const SHELL_REFERENCE = /(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** Kubernetes' form, `$(NAME)`, not escaped as `$$(NAME)`. */
const KUBERNETES_REFERENCE = /(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** The variable `name` was meant to be: a near spelling, or one that begins or ends with it (`DB_PASSWORD` for `DB_PASS`). */
function meantVariable(name: string, variables: readonly string[]): string | undefined {
  return closestName(name, variables)
    ?? (name.length >= 4 ? variables.find((v) => v.startsWith(name) || v.endsWith(name)) : undefined);
}

/** A word of a command line that refers to a variable in a way Kubernetes does not expand. */
export interface CommandLineReference {
  /** The list the word is in. */
  readonly key: 'command' | 'args';
  /** Index of the word in that list. */
  readonly index: number;
  /** What is wrong, as a finding's message. */
  readonly message: string;
  /** The word as Kubernetes expands it, as a finding's hint. */
  readonly hint: string;
}

/**
 * The words of `command` and `args` that write a variable of the container (`variables`) as a shell would
 * (`${DB_PASSWORD}`, `$DB_PASSWORD`), or write `$(NAME)` of no variable where one of a near name exists
 * (`$(DB_PASS)` beside `DB_PASSWORD`). A shell script (`sh -c '…'`) is left alone: its shell expands its
 * own variables. A `${NAME}` of no variable stays silent (a template the program fills in itself). Pure.
 */
export function commandLineReferences(command: unknown, args: unknown, variables: readonly string[]): CommandLineReference[] {
  const argv: Array<{ word: unknown; key: 'command' | 'args'; index: number }> = [];
  for (const [key, words] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(words)) {
      words.forEach((word, index) => argv.push({ word, key, index }));
    }
  }
  const words = argv.map((a) => a.word);
  if (!words.some((word) => typeof word === 'string' && word.includes('$')) || words.some((_, i) => isShellScript(words, i))) {
    return [];
  }
  const known = new Set(variables);
  return argv.flatMap(({ word, key, index }): CommandLineReference[] => {
    if (typeof word !== 'string' || !word.includes('$')) {
      return [];
    }
    const asShell: string[] = [];
    const fixed = word.replace(SHELL_REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare!;
      if (!known.has(name)) {
        return whole;
      }
      asShell.push(whole);
      return `$(${name})`;
    });
    if (asShell.length > 0) {
      return [{
        key, index, message: `${asShell.join(', ')} is passed to the program as text: no shell reads the command line, and Kubernetes expands only $(NAME)`,
        hint: `write '${fixed}'`,
      }];
    }
    const unknown = [...word.matchAll(KUBERNETES_REFERENCE)].map((m) => m[1]).filter((name) => !known.has(name));
    const near = unknown.map((name) => [name, meantVariable(name, variables)] as const).filter(([, meant]) => meant !== undefined);
    return near.length === 0 ? [] : [{
      key, index, message: `$(${near[0][0]}) names no variable of the container, so Kubernetes passes it to the program as text`,
      hint: `write $(${near[0][1]}), the container's variable`,
    }];
  });
}

/** Whether Kubernetes expands a `$(NAME)` of `word` from one of the container's `variables`, so the program reads another value. Pure. */
export function expandsVariable(word: string, variables: readonly string[]): boolean {
  return [...word.matchAll(KUBERNETES_REFERENCE)].some((m) => variables.includes(m[1]));
}
