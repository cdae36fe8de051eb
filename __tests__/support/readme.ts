import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Rows of a README's owner table, in order, as [what, command] (the command cell without its backticks). */
export function rows(text: string): Array<[string, string]> {
  const table = text.slice(text.indexOf('## What the owner does by hand'));
  return table.split('\n').filter((l) => /^\| (placeholder|bootstrap|rename|manual) \|/.test(l))
    .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()))
    .map((cells) => [cells[2].replace(/\\\|/g, '|'), cells[3].replace(/^`|`$/g, '').replace(/\\\|/g, '|')]);
}

/** A finder of the owner steps of a README: the index of the first step whose text contains `text`; it fails when none does. */
export function stepsOf(steps: ReadonlyArray<[string, string]>): (text: string) => number {
  return (text) => {
    const index = steps.findIndex(([what]) => what.includes(text));
    expect([text, index >= 0]).toEqual([text, true]);
    return index;
  };
}

/** The multi-line commands written below a README's table, in order. */
export function blocks(text: string): string[] {
  return [...text.matchAll(/\n {3}```\n([\s\S]*?)\n {3}```/g)].map((m) => m[1].split('\n').map((l) => l.replace(/^ {3}/, '')).join('\n'));
}

/**
 * Whether a block is shell, not a Caddy site (host names, then tab-indented directives), Nix, a justfile
 * YAML settings (a key, then space-indented keys), Kubernetes manifests (after comments, an apiVersion and a
 * kind) or XML settings (an element, then its children).
 */
export function isShellBlock(block: string): boolean {
  return !/^(?:\*\.)*[a-z0-9.-]+(?:, (?:\*\.)*[a-z0-9.-]+)* \{\n\t/.test(block) && !block.startsWith('# NixOS configuration of ')
    && !/^# [a-z0-9-]+(?:\/[a-z0-9.-]+)*\.nix[\n ]/.test(block) && !/^[a-z0-9-]+:\n\t/.test(block) && !/^[a-z_]+:\n {2}(?:- )?[a-z_]/.test(block)
    && !/^(?:#[^\n]*\n)*apiVersion: [^\n]+\nkind: /.test(block) && !/^<[a-z_]+>\n/.test(block);
}

/** The bullet of a cluster README's "Choices against the design" that begins with `title`; it fails when none does. */
export function choice(text: string, title: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`- **${title}`));
  expect(line).toBeDefined();
  return line!;
}

/** Whether bash parses the text (no run). */
export function bashParses(command: string): boolean {
  return spawnSync('bash', ['-n'], { input: command }).status === 0;
}

/**
 * The commands bash does not parse (no run), each checked by itself as {@link bashParses} does, all from one
 * spawned shell: a README holds a hundred commands, and a spawn from Node costs more than bash's own fork.
 */
export function unparsedByBash(commands: readonly string[]): string[] {
  if (commands.length === 0) {
    return [];
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-bash-n-'));
  try {
    commands.forEach((command, index) => fs.writeFileSync(path.join(folder, String(index)), command));
    const failed = spawnSync('bash', ['-c', 'for file in "$@"; do bash -n "$file" 2>/dev/null || echo "${file##*/}"; done', 'bash',
      ...commands.map((_, index) => path.join(folder, String(index)))], { encoding: 'utf8' });
    if (failed.status !== 0) {
      throw new Error(`bash did not run: ${failed.stderr}`);
    }
    return failed.stdout.split('\n').filter((line) => line !== '').map((index) => commands[Number(index)]);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The words a shell command starts with, that the owner may copy from a step's prose. */
const PROSE_START = /(?:^|: |\(|\bthen |\brun )(?=(?:export [A-Z_]+=|cd [a-z]|read -|terraform |tofu |talosctl |kubectl |helm |flux |k0s |docker |curl |nslookup |age-keygen |sops )\S)/g;

/**
 * The shell commands written in a step's prose (the `what` cell), each up to where the prose goes on:
 * an aside in parentheses, `; then`, `, then`, `; the`, ` once,`, `, and `, a sentence's end, or the parenthesis it opened in.
 */
export function proseCommands(what: string): string[] {
  const found: string[] = [];
  for (const match of what.matchAll(PROSE_START)) {
    const start = match.index! + match[0].length;
    const inParentheses = match[0] === '(';
    let rest = what.slice(start);
    const ends = [' (', '; then ', ', then ', '; the ', ' once, then ', ' once ', ' is not ', ', and ', '. ', inParentheses ? ')' : undefined]
      .filter((e): e is string => e !== undefined)
      .map((e) => outsideQuotes(rest, e)).filter((i) => i >= 0);
    rest = rest.slice(0, Math.min(rest.length, ...ends)).replace(/[.,;]$/, '');
    // A tool named in a sentence ("talosctl asks one node") is no command: a command here has a flag, or is a list.
    if (/ --?[a-z]| && |^export /.test(rest)) {
      found.push(rest);
    }
  }
  return found;
}

/** Where `needle` first occurs outside quotes and $(…) in a shell text, or -1. */
function outsideQuotes(text: string, needle: string): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      quote = c === "'" ? undefined : quote;
    } else if (c === '\\') {
      i++;
    } else if (c === '$' && text[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) {
      depth--;
    } else if (c === "'" && quote === undefined) {
      quote = "'";
    } else if (c === '"') {
      quote = quote === '"' ? undefined : '"';
    } else if (quote === undefined && depth === 0 && text.startsWith(needle, i) && !(needle === '. ' && text[i - 1] === '.')) {
      return i;
    }
  }
  return -1;
}

/** One simple command: its words, unquoted, with redirections left out. */
export type SimpleCommand = string[];

/**
 * The simple commands of a shell text, those inside $(…) and <(…) too, with heredoc bodies left out.
 * Enough of the shell's grammar for the owner steps: quotes, `\`-continued lines, `&&`, `||`, `|`, `;`, `&`.
 */
export function simpleCommands(script: string): SimpleCommand[] {
  const lines: string[] = [];
  let heredoc: string | undefined;
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    if (heredoc !== undefined) {
      heredoc = line.trim() === heredoc ? undefined : heredoc;
      continue;
    }
    lines.push(line);
    heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(line)?.[1];
  }
  const commands: SimpleCommand[] = [];
  for (const line of lines) {
    if (/^\s*#/.test(line)) {
      continue;
    }
    parseLine(line, commands);
  }
  return commands;
}

function parseLine(line: string, commands: SimpleCommand[]): void {
  let words: string[] = [];
  let word: string | undefined;
  let redirect = false;
  const endWord = () => {
    if (word !== undefined) {
      if (!redirect) {
        words.push(word);
      }
      redirect = false;
      word = undefined;
    }
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) {
      commands.push(words);
    }
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      // A quote left open runs to the line's end, as bash reads on, rather than sending the scan back to its start.
      const close = line.indexOf("'", i + 1);
      const end = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\') {
          text += line[j + 1];
          j += 2;
        } else if (line[j] === '$' && line[j + 1] === '(') {
          const close = closing(line, j + 1);
          parseLine(line.slice(j + 2, close), commands);
          text += line.slice(j, close + 1);
          j = close + 1;
        } else {
          text += line[j++];
        }
      }
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if ((c === '$' || c === '<') && line[i + 1] === '(') {
      const close = closing(line, i + 1);
      parseLine(line.slice(i + 2, close), commands);
      word = (word ?? '') + line.slice(i, close + 1);
      i = close;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if ('&|;'.includes(c)) {
      endCommand();
      if (line[i + 1] === c) {
        i++;
      }
    } else if (c === '>' || c === '<') {
      endWord();
      while (line[i + 1] === '>' || line[i + 1] === '<' || line[i + 1] === '&') {
        i++;
      }
      redirect = true;
      while (line[i + 1] === ' ') {
        i++;
      }
    } else if (/\d/.test(c) && word === undefined && (line[i + 1] === '>')) {
      // A file descriptor's redirection, 2>…
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
}

/** The index of the parenthesis that closes the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      quote = c === quote ? undefined : quote;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return text.length;
}
