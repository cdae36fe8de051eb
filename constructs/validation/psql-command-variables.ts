import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { isShellScript, programName, shellWords } from './command-secrets';
import { objectFinding } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// psql runs the string of `-c` (`--command`) as the server takes it, without its own features: a variable given with
// `-v pw="$DB_PASSWORD"` and written `:'pw'` in that string reaches PostgreSQL as written, which stops with a syntax
// error at ":". A setup Job that makes an app's role this way fails every time; psql interpolates its variables in
// the SQL it reads from standard input or a file alone.

const layer = 'references' as const;

/** psql's interpolation of a variable quoted as a literal or a name, `:'pw'` or `:"role"`, at the start of a text. */
const QUOTED_VARIABLE = /^:(['"])([A-Za-z_]\w*)\1/;
/** The opening of a dollar-quoted string (`$$`, `$body$`), at the start of a text. */
const DOLLAR_QUOTE = /^\$([A-Za-z_]\w*)?\$/;

/**
 * The psql variable interpolated in `sql` (`:'name'` or `:"name"`), outside its string literals: psql leaves the
 * text of a quoted literal (`'{"theme":"dark"}'`) or a dollar-quoted body as written, so a colon and quotes there
 * are data. Undefined where there is none. Pure.
 */
export function interpolatedVariable(sql: string): string | undefined {
  for (let i = 0; i < sql.length; i++) {
    const rest = sql.slice(i);
    const variable = QUOTED_VARIABLE.exec(rest);
    if (variable !== null) {
      return variable[2];
    }
    const dollar = DOLLAR_QUOTE.exec(rest);
    if (sql[i] === "'") {
      // A literal ends at the next quote not doubled ('' is a quote inside it).
      let end = sql.indexOf("'", i + 1);
      while (end >= 0 && sql[end + 1] === "'") {
        end = sql.indexOf("'", end + 2);
      }
      i = end < 0 ? sql.length : end;
    } else if (dollar !== null) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      i = end < 0 ? sql.length : end + dollar[0].length - 1;
    }
  }
  return undefined;
}

/** The variables a psql command line sets (`-v pw=…`, `--set=pw=…`, `--variable pw=…`). Pure. */
function setVariables(words: readonly string[]): string[] {
  return words.flatMap((word, i) => {
    const joined = /^(?:--set|--variable)=([A-Za-z_]\w*)=/.exec(word) ?? /^-v([A-Za-z_]\w*)=/.exec(word);
    const next = /^(-v|--set|--variable)$/.test(word) ? /^([A-Za-z_]\w*)=/.exec(words[i + 1] ?? '') : null;
    return joined !== null ? [joined[1]] : next !== null ? [next[1]] : [];
  });
}

/**
 * The psql variable written in the `-c` string of a psql command among `words` (a simple command ends at `''`), as
 * `:'name'` or `:"name"`: the variable and the index of the word; undefined where there is none. Pure.
 */
export function psqlCommandVariable(words: readonly string[]): { readonly variable: string; readonly at: number } | undefined {
  let start = 0;
  for (let end = 0; end <= words.length; end++) {
    if (end < words.length && words[end] !== '') {
      continue;
    }
    const command = words.slice(start, end);
    const psql = command.findIndex((word) => programName(word) === 'psql');
    if (psql >= 0) {
      const option = command.findIndex((word, i) => i > psql && (word === '-c' || word === '--command'));
      const joined = command.findIndex((word, i) => i > psql && /^(--command=|-c.)/.test(word));
      const at = option >= 0 ? option + 1 : joined;
      const found = at >= 0 && at < command.length ? interpolatedVariable(command[at]) : undefined;
      if (found !== undefined) {
        return { variable: found, at: start + at };
      }
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * Each container whose command line (or the script of its `sh -c`) runs `psql -c` with a psql variable in the SQL:
 * one error on the word, whose hint gives the SQL on standard input.
 */
export function checkPsqlCommandVariables(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    for (const ref of containersOf(template)) {
      const argv = (['command', 'args'] as const).flatMap((key) => (Array.isArray(ref.container[key]) ? ref.container[key] as unknown[] : [])
        .map((word, index) => ({ word: typeof word === 'string' ? word : '', field: `${ref.path}.${key}[${index}]` })));
      const words = argv.map((a) => a.word);
      const direct = psqlCommandVariable(words);
      const scripted = argv.findIndex((_, i) => isShellScript(words, i) && psqlCommandVariable(shellWords(words[i])) !== undefined);
      const at = direct !== undefined ? direct.at : scripted;
      if (at < 0) {
        continue;
      }
      const found = direct ?? psqlCommandVariable(shellWords(words[at]))!;
      const given = setVariables(direct !== undefined ? words : shellWords(words[at])).includes(found.variable);
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: argv[at].field,
        message: `psql runs the SQL of -c as the server takes it, without its own variable interpolation: :'${found.variable}' `
          + `${given ? `(set with -v ${found.variable}=…) ` : ''}reaches PostgreSQL as written, which stops with a syntax error at ":"`,
        hint: `give the SQL on psql's standard input, where it fills in its variables: sh -c 'echo "<the SQL>" | psql -v ${found.variable}="$NAME" …' (or a file with -f)`,
      }));
    }
  }
  return findings;
}
