import { credentialIn, settingWritesSecret, sqlPasswordClause, urlPasswordIn, writesSecret } from './secret-values';

// Secrets written out on a command line: a secret-looking flag with its value (`--password=hunter2`,
// `--token hunter2`), and MySQL's `-p<password>`, in a container's command and arguments or in the
// script a shell runs from them (`sh -c 'exec app --password=hunter2'`). One rule for both: the script is
// split into words as the shell would and read like the arguments.

/** A command-line flag given with its value: `--password=hunter2`. */
const FLAG_WITH_VALUE = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/;
/** A command-line flag whose value, if it takes one, is the next word: `--password hunter2`. */
const FLAG_ALONE = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
/** The MySQL and MariaDB clients, which take the password glued to `-p` (`-phunter2`). */
const MYSQL_CLIENT = /^(mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mariadb|mariadb-dump|mariadb-admin)$/;
/** A shell, whose `-c` (also `-ec`, `-lc`, …) makes the next word a script. */
const SHELL = /^(sh|bash|ash|dash|zsh|ksh)$/;
const SCRIPT_OPTION = /^-[a-z]*c$/;

/**
 * A setting given with its value in one word: a flag's value (`--from-literal=password=…`, `-e DB_PASSWORD=…`,
 * `--set auth.password=…`) or a shell's assignment (`export ADMIN_PASSWORD=…`).
 */
const SETTING_WITH_VALUE = /^([A-Za-z_][\w.-]*)=(.+)$/s;

/** A secret flag found among words. */
export interface SecretFlag {
  /** The flag as written, e.g. `--password`, `-p`, or the setting of an assignment (`ADMIN_PASSWORD=`). */
  readonly flag: string;
  /** Index of the word that holds the value. */
  readonly at: number;
  /** How to write it with a reference instead, e.g. `--password=$(NAME)`, `$(NAME) after --token`. */
  readonly withReference: string;
  /** The secret as written in that word. */
  readonly value: string;
  /** What gives it, for a message: `flag --password`, `password of flag --from-literal`, `variable ADMIN_PASSWORD`. */
  readonly described: string;
}

/** Whether `text` is `NAME=value` with a value that writes out a secret under NAME (or the last part of a dotted path). */
function settingSecret(text: string): { name: string; value: string } | undefined {
  const setting = SETTING_WITH_VALUE.exec(text);
  if (setting === null) {
    return undefined;
  }
  const name = setting[1].slice(setting[1].lastIndexOf('.') + 1);
  return settingWritesSecret(name, setting[2]) ? { name: setting[1], value: setting[2] } : undefined;
}

/**
 * The flag of `words[i]` with its value and the index of the word that holds the value: `--password=hunter2`
 * in one word, or `--password` followed by a word that is no flag. Undefined when `words[i]` is no flag.
 */
function flagAt(words: readonly unknown[], i: number): { name: string; value: string; at: number } | undefined {
  const word = words[i] as string;
  const joined = FLAG_WITH_VALUE.exec(word);
  if (joined) {
    return { name: joined[1], value: joined[2], at: i };
  }
  const next = words[i + 1];
  const alone = FLAG_ALONE.exec(word);
  return alone && typeof next === 'string' && next !== '' && !next.startsWith('-') ? { name: alone[1], value: next, at: i + 1 } : undefined;
}

/** The program a command word runs: `/bin/chown` is `chown`. Pure. */
export function programName(word: unknown): string {
  return typeof word === 'string' ? word.slice(word.lastIndexOf('/') + 1) : '';
}

/**
 * The secret flags of a command line. `''` in `words` ends a simple command (as `;`, `&&` or `|` does in
 * a script): a flag's value is never taken across it, and the next word is a program again.
 */
export function secretFlagsIn(words: readonly unknown[]): SecretFlag[] {
  const found: SecretFlag[] = [];
  let program = '';
  let commandStart = true;
  // The value of a flag given as the next word is that flag's, not checked again on its own.
  let valueOf = -1;
  words.forEach((word, i) => {
    if (typeof word !== 'string' || word === '') {
      commandStart = true;
      return;
    }
    if (commandStart) {
      program = programName(word);
      commandStart = false;
    }
    if (i === valueOf) {
      return;
    }
    const flag = flagAt(words, i);
    const setting = flag ? settingSecret(flag.value) : word.startsWith('-') ? undefined : settingSecret(word);
    if (flag && writesSecret(flag.name, flag.value)) {
      valueOf = flag.at;
      const written = `${word.startsWith('--') ? '--' : '-'}${flag.name}`;
      found.push({ flag: written, at: flag.at, withReference: flag.at === i ? `${written}=$(NAME)` : `$(NAME) after ${written}`, value: flag.value, described: `flag ${written}` });
    } else if (MYSQL_CLIENT.test(program) && /^-p./.test(word) && writesSecret('password', word.slice(2))) {
      found.push({ flag: '-p', at: i, withReference: '-p$(NAME)', value: word.slice(2), described: 'flag -p' });
    } else if (flag && setting) {
      valueOf = flag.at;
      const written = `${word.startsWith('--') ? '--' : '-'}${flag.name}`;
      found.push({
        flag: written, at: flag.at, withReference: `${setting.name}=$(NAME)${flag.at === i ? ` in ${written}` : ` after ${written}`}`, value: setting.value,
        described: `${setting.name} of flag ${written}`,
      });
    } else if (setting) {
      found.push({ flag: setting.name, at: i, withReference: `${setting.name}=$(NAME)`, value: setting.value, described: `variable ${setting.name}` });
    }
  });
  return found;
}

/** Whether `words[i]` is the script of a shell's `-c`: `sh -c '<script>'`, `/bin/bash -ec '<script>'`. */
export function isShellScript(words: readonly unknown[], i: number): boolean {
  return i >= 2 && typeof words[i] === 'string' && typeof words[i - 1] === 'string' && SCRIPT_OPTION.test(words[i - 1] as string)
    && words.slice(0, i - 1).some((w) => SHELL.test(programName(w)));
}

/**
 * The words of a shell script as the shell splits them, simply: quotes and backslashes are removed, `$(…)`
 * and `${…}` stay one word with what they enclose, and `;`, `&`, `|`, `(`, `)` and line breaks end a
 * simple command (`''` in the result). Expansions are kept as written: `$PASSWORD` is a reference, no value.
 */
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const end = (separator: boolean) => {
    if (inWord) {
      words.push(word);
    }
    if (separator && words[words.length - 1] !== '') {
      words.push('');
    }
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '\\' && i + 1 < script.length) {
      word += script[++i];
      inWord = true;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      word += script.slice(i + 1, close < 0 ? script.length : close);
      i = close < 0 ? script.length : close;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        word += script[j] === '\\' && j + 1 < script.length ? script[++j] : script[j];
      }
      i = j;
      inWord = true;
    } else if (c === '$' && (script[i + 1] === '(' || script[i + 1] === '{')) {
      const open = script[i + 1];
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        depth += script[j] === open ? 1 : script[j] === close ? -1 : 0;
        if (depth === 0) {
          break;
        }
      }
      word += script.slice(i, j + 1);
      i = j;
      inWord = true;
    } else if (/\s/.test(c)) {
      end(c === '\n');
    } else if (';&|()'.includes(c)) {
      end(true);
    } else {
      word += c;
      inWord = true;
    }
  }
  end(false);
  return words;
}

/** One option of a comma-separated list: `pass=hunter2`. */
const LISTED_OPTION = /^([A-Za-z_][\w.-]*)=(.*)$/s;

/**
 * The first option of a word's comma-separated options that writes out a secret, as its name: rtl_433's output
 * `mqtt://mosquitto:1883,user=rtl,pass=hunter2` (or `influx://…,token=…`), or a Helm `--set` list's
 * `a=1,auth.password=hunter2`; undefined for a word of one part or of no secret option. Pure.
 */
export function optionListSecret(word: string): string | undefined {
  const parts = word.split(',');
  if (parts.length < 2) {
    return undefined;
  }
  for (const part of parts) {
    const option = LISTED_OPTION.exec(part);
    if (option !== null && settingWritesSecret(option[1].slice(option[1].lastIndexOf('.') + 1), option[2])) {
      return option[1];
    }
  }
  return undefined;
}

/** A secret written out on a container's command line: the word that holds it, and why. */
export interface CommandLineSecret {
  /** The list the word is in. */
  readonly key: 'command' | 'args';
  /** Index of the word in that list. */
  readonly index: number;
  /** What is wrong, as a finding's message. */
  readonly message: string;
  /** How to pass it instead, as a finding's hint. */
  readonly hint: string;
}

/**
 * The secrets a container's `command` and `args` write out: a secret-looking flag with its value, a
 * variable set to one (`-e DB_PASSWORD=…`, `export TOKEN=…`), a shell script that gives one, a URL with its
 * password, a credential by its form (a token, a webhook URL). Kubernetes runs command and args as one command line
 * (`command: [sh, -c]`, `args: [<script>]`), so they are read as one. The rendered pod and the props an
 * App was given are judged by this one rule, each finding on the word as written. Pure.
 */
export function commandLineSecrets(command: unknown, args: unknown): CommandLineSecret[] {
  const argv: Array<{ word: unknown; key: 'command' | 'args'; index: number }> = [];
  for (const [key, words] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(words)) {
      words.forEach((word, index) => argv.push({ word, key, index }));
    }
  }
  const words = argv.map((a) => a.word);
  const found: CommandLineSecret[] = [];
  const flagValues = new Set<number>();
  for (const flag of secretFlagsIn(words)) {
    flagValues.add(flag.at);
    const { key, index } = argv[flag.at];
    found.push({
      key, index, message: `${flag.described} is given its value in the clear; a secret would be committed in the clear`,
      hint: `pass the value as an environment variable from a SecretReference and write ${flag.withReference} here`,
    });
  }
  argv.forEach(({ word, key, index }, i) => {
    if (typeof word !== 'string' || flagValues.has(i)) {
      return;
    }
    // A script is read word by word like arguments; its first secret flag is the finding, one per script.
    const scripted = isShellScript(words, i) ? secretFlagsIn(shellWords(word))[0] : undefined;
    if (scripted) {
      found.push({
        key, index, message: `the shell script gives ${scripted.described} its value in the clear; a secret would be committed in the clear`,
        hint: `pass the value as an environment variable from a SecretReference and write ${scripted.withReference.replace('$(NAME)', '"$NAME"')} in the script`,
      });
    } else if (word.includes('@') && urlPasswordIn(word) !== undefined) {
      found.push({
        key, index, message: 'a URL with its password written out; a secret would be committed in the clear',
        hint: 'pass the password as an environment variable from a SecretReference and write $(NAME) in the URL',
      });
    } else if (credentialIn(word) !== undefined) {
      found.push({
        key, index, message: `holds ${credentialIn(word)}; a secret would be committed in the clear`,
        hint: 'pass the value as an environment variable from a SecretReference and write $(NAME) here',
      });
    } else if (sqlPasswordClause(word) !== undefined) {
      found.push({
        key, index, message: `its SQL writes the password out (${sqlPasswordClause(word)}); a secret would be committed in the clear`,
        hint: isShellScript(words, i)
          ? 'pass the value as an environment variable from a SecretReference and write $NAME in its place, which the shell fills in (PASSWORD \'$NAME\' inside a double-quoted psql -c or mariadb -e)'
          : 'pass the value as an environment variable from a SecretReference and write $(NAME) inside the SQL\'s quotes, which Kubernetes fills in',
      });
    } else if (optionListSecret(word) !== undefined) {
      const option = optionListSecret(word) as string;
      found.push({
        key, index, message: `option ${option} of its list of options is given its value in the clear; a secret would be committed in the clear`,
        hint: `pass the value as an environment variable from a SecretReference and write ${option}=$(NAME) in the list`,
      });
    }
  });
  return found;
}

/**
 * A command line written as one string (`'app --token=s3cr3t'`) with each secret value it writes out
 * replaced by `$(NAME)`, which Kubernetes fills in from the container's environment; undefined when it
 * writes out none. A message or hint about that string shows this text, never the secret. Pure.
 */
export function commandTextWithoutSecrets(text: string): string | undefined {
  const secrets = secretValuesIn(shellWords(text));
  return secrets.length === 0 ? undefined : secrets.reduce((written, secret) => written.split(secret).join('$(NAME)'), text);
}

/** The secret values a command line writes out, in its words and in the scripts its shells run. Pure. */
function secretValuesIn(words: readonly string[]): string[] {
  const values = secretFlagsIn(words).map((flag) => flag.value);
  return [...values, ...words.flatMap((word, i) => (isShellScript(words, i) ? secretValuesIn(shellWords(word)) : []))];
}
