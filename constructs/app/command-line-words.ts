import { isShellScript, shellWords } from '../validation/command-secrets';

/**
 * The words a container's program is started with: `command` then `args`, with a shell's script split into its
 * words (`command: ['/bin/sh', '-c']`, `args: ['vllm serve <model> --port 8000']`). Words that are no strings are
 * left out. Pure.
 */
export function commandLineWords(props: { readonly command?: unknown; readonly args?: unknown }): string[] {
  const words = [props.command, props.args].flatMap((list) => (Array.isArray(list) ? list : []));
  return words.flatMap((word, i) => (typeof word !== 'string' ? [] : isShellScript(words, i) ? shellWords(word) : [word]));
}

/** Whether `words` give one of `flags`, alone (`--flag value`) or with its value (`--flag=value`). Pure. */
export function givesFlag(words: readonly string[], flags: readonly string[]): boolean {
  return words.some((word) => flags.some((flag) => word === flag || word.startsWith(`${flag}=`)));
}
