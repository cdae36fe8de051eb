import type { SynthesizedObject } from '../synth/collect';
import type { PropProblem } from './known-props';
import { type AddFinding, type Fields, fields, list, text } from './manifest';
import { PROMETHEUS_DURATION } from './prometheus-duration';

// The Prometheus operator's admission webhook (on in kube-prometheus-stack) parses every rule of a
// PrometheusRule as Prometheus' rule loader does, and refuses the object when one does not load: PromQL
// that does not parse, a template of a label or annotation that does not parse, `for` on a recording rule,
// a group name twice, a rule that is an alert and a recording rule at once or neither, a recording name with
// braces, a `__name__` label. The CRD's schema takes them all, as `expr` is any text. This reading of PromQL is
// the part of its grammar where hand-written rules go wrong (brackets, grouping clauses, range durations,
// a dangling operator); what it does not know it lets through.

/** Aggregations and vector matchings whose grouping labels PromQL takes only in parentheses. */
const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring']);
const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2']);
const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
/** Operators of other languages, by their first character, and what PromQL writes for each. */
const OTHER_LANGUAGES_OPERATORS: Readonly<Record<string, string>> = {
  '=': 'a comparison is written == (up == 0); a single = matches a label inside braces alone (up{job="node"})',
  '&': 'both sides are joined with and (a and b)',
  '|': 'either side is taken with or (a or b)',
};

/** One token of PromQL: its text, and whether it is a string literal. */
interface Token {
  readonly text: string;
  readonly string: boolean;
}

/** The tokens of `expr`, or why it cannot be read (a string that never ends). Pure. */
function tokens(expr: string): Token[] | string {
  const found: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') {
        i++;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) {
        j += c !== '`' && expr[j] === '\\' ? 2 : 1;
      }
      if (j >= expr.length) {
        return `the string that opens with ${c} at character ${i + 1} never closes`;
      }
      found.push({ text: expr.slice(i, j + 1), string: true });
      i = j + 1;
    } else {
      const word = /^(?:[A-Za-z_:][A-Za-z0-9_:.]*|[0-9][0-9A-Za-z_.]*|==|!=|>=|<=|=~|!~|[^\sA-Za-z0-9_:"'`#])/.exec(expr.slice(i))![0];
      found.push({ text: word, string: false });
      i += word.length;
    }
  }
  return found;
}

/** Why the text between a range's brackets (`5m`, `1h:5m`, `30m:`) is no range or subquery, or undefined. Pure. */
function rangeProblem(inside: string): string | undefined {
  const parts = inside.replace(/\s+/g, '').split(':');
  const duration = (part: string) => part !== '' && (PROMETHEUS_DURATION.test(part) || /^[0-9]+(\.[0-9]+)?$/.test(part));
  const ok = parts.length === 1 ? duration(parts[0]) : parts.length === 2 && duration(parts[0]) && (parts[1] === '' || duration(parts[1]));
  if (ok) {
    return undefined;
  }
  // A query copied from a Grafana panel keeps the panel's variables, which only Grafana expands.
  return inside.includes('$') ? `[${inside}] holds a Grafana variable, which only Grafana expands and Prometheus refuses in a rule: write the duration, e.g. [5m]`
    : `[${inside}] is no range: write a duration, units largest first (5m, 1h30m, 7d), or a subquery [1h:5m]`;
}

/**
 * The query inside `expr` when the whole expression is one string literal (`"rate(x[5m]) > 1"`, the query quoted
 * once more than YAML needs), or undefined. Pure.
 */
function quotedQuery(expr: string): string | undefined {
  const literal = /^\s*(["'`])((?:\\.|(?!\1).)*)\1\s*$/s.exec(expr);
  return literal === null ? undefined : literal[2];
}

/** Why `expr` does not parse as PromQL, as far as this reading goes, or undefined. Pure. */
export function promqlProblem(expr: string): string | undefined {
  const read = tokens(expr);
  if (typeof read === 'string') {
    return read;
  }
  if (read.length === 0) {
    return 'the expression is empty';
  }
  const open: Array<{ bracket: string; at: number }> = [];
  for (let n = 0; n < read.length; n++) {
    const token = read[n];
    if (token.string) {
      continue;
    }
    const inBraces = open.length > 0 && open[open.length - 1].bracket === '{';
    if (token.text === '(' || token.text === '[' || token.text === '{') {
      open.push({ bracket: token.text, at: n });
    } else if (token.text in CLOSING) {
      const last = open.pop();
      if (last === undefined || last.bracket !== CLOSING[token.text]) {
        return last === undefined ? `"${token.text}" closes nothing` : `"${last.bracket}" is closed by "${token.text}"`;
      }
      if (token.text === ']') {
        const problem = rangeProblem(read.slice(last.at + 1, n).map((t) => t.text).join(''));
        if (problem) {
          return problem;
        }
      }
    } else if (!inBraces && token.text in OTHER_LANGUAGES_OPERATORS) {
      // A comparison or logic written as SQL, shells and C write it: PromQL has no such operator outside a selector's braces.
      const meant = OTHER_LANGUAGES_OPERATORS[token.text];
      const operator = token.text === '&' || token.text === '|' ? token.text.repeat(2) : token.text;
      return `"${operator}" is no PromQL operator outside a selector's braces: ${meant}`;
    } else if (!inBraces && GROUPING_KEYWORDS.has(token.text) && read[n + 1]?.text !== '(' && !['(', ','].includes(read[n - 1]?.text ?? '')) {
      // A keyword right after `(` or `,` is a label of a grouping list (`by (on)`), not a clause.
      return `"${token.text}" takes its labels in parentheses: ${token.text} (${read[n + 1]?.text ?? 'job'})`;
    }
  }
  if (open.length > 0) {
    return `"${open[open.length - 1].bracket}" is never closed`;
  }
  const last = read[read.length - 1];
  return !last.string && BINARY_OPERATORS.has(last.text) ? `the expression ends with the operator "${last.text}", which has nothing on its right` : undefined;
}

/** Functions of a range that compute from two samples of it at least: with one, they return nothing. */
const TWO_SAMPLE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

/**
 * The ranges that `expr` gives a function of {@link TWO_SAMPLE_FUNCTIONS} (`rate(x[1m])`), each with the function
 * and the range as written; subqueries and what does not parse are left out. Pure.
 */
export function twoSampleRanges(expr: string): Array<{ readonly fn: string; readonly range: string }> {
  const read = tokens(expr);
  if (typeof read === 'string') {
    return [];
  }
  const found: Array<{ fn: string; range: string }> = [];
  const calls: Array<string | undefined> = [];
  read.forEach((token, n) => {
    if (token.string) {
      return;
    }
    if (token.text === '(') {
      calls.push(read[n - 1]?.string === false ? read[n - 1].text : undefined);
    } else if (token.text === ')') {
      calls.pop();
    } else if (token.text === '[' && read[n + 2]?.text === ']') {
      const fn = calls[calls.length - 1];
      if (fn !== undefined && TWO_SAMPLE_FUNCTIONS.has(fn)) {
        found.push({ fn, range: read[n + 1].text });
      }
    }
  });
  return found;
}

/** Why a label's or annotation's template does not parse (a `{{` without its `}}`), or undefined. Pure. */
function templateProblem(value: string): string | undefined {
  let from = 0;
  for (;;) {
    const start = value.indexOf('{{', from);
    if (start < 0) {
      return undefined;
    }
    const end = value.indexOf('}}', start + 2);
    const next = value.indexOf('{{', start + 2);
    if (end < 0 || (next >= 0 && next < end)) {
      return `the template action that opens at character ${start + 1} is never closed with }}`;
    }
    from = end + 2;
  }
}

/** What a rule's duration field (`for`, `keep_firing_for`) holds that is no Prometheus duration, or undefined. */
function durationProblem(value: unknown): string | undefined {
  return value === undefined || (typeof value === 'string' && value !== '' && PROMETHEUS_DURATION.test(value)) ? undefined : `"${String(value)}" is no Prometheus duration`;
}

/** A non-empty text, or undefined. */
const named = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Why Prometheus' rule loader cannot tell what `rule` is (an alert and a recording rule at once, or neither), or
 * refuses its recording name (braces, a selector written where the name goes), at which of its fields (`''`
 * for the rule itself). Pure.
 */
function ruleKindProblem(rule: Fields): PropProblem | undefined {
  const alert = named(rule.alert);
  const record = named(rule.record);
  if (alert !== undefined && record !== undefined) {
    return { field: 'record', message: `the rule is an alert (${alert}) and a recording rule (${record}) at once, which Prometheus' rule loader refuses ("only one of 'record' and 'alert' must be set")`,
      hint: 'split it in two rules: one with record: and the expression, one with alert: that reads the recorded series' };
  }
  if (alert === undefined && record === undefined) {
    return { field: '', message: "the rule has neither alert: nor record:, which Prometheus' rule loader refuses (\"one of 'record' or 'alert' must be set\")",
      hint: "name it: alert: 'WebDown' to alert when the expression returns series, record: 'job:http_requests:rate5m' to store it" };
  }
  if (record !== undefined && /[{}]/.test(record)) {
    return { field: 'record', message: `the recording rule's name "${record}" has braces, which Prometheus' rule loader refuses: a selector belongs in expr`,
      hint: 'name the series it records, e.g. job:http_requests:rate5m, and keep the selector in expr' };
  }
  return undefined;
}

/**
 * The rule groups `groups` (at `at`, e.g. `spec.groups`) as the operator's webhook loads them: each group's
 * name once, each rule an alert or a recording rule (one of them, of a name without braces), its PromQL and
 * templates parsing, no `for` on a recording rule, no `__name__` label; and, where no CRD schema reads
 * them first (`durations`, for rules given as the chart's values), `for` and `keep_firing_for` as Prometheus
 * durations. Pure.
 */
export function ruleGroupProblems(groups: unknown, at: string, durations: boolean): PropProblem[] {
  const problems: PropProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  const names = new Set<string>();
  list(groups).forEach((group, g) => {
    const name = text(group.name);
    if (name !== undefined && names.has(name)) {
      add(`${at}[${g}].name`, `group "${name}" is named twice, which Prometheus' rule loader refuses`, 'give each group a name of its own, or put the rules in one group');
    }
    names.add(name ?? '');
    list(group.rules).forEach((rule, r) => {
      const ruleAt = `${at}[${g}].rules[${r}]`;
      const expr = typeof rule.expr === 'number' ? String(rule.expr) : text(rule.expr);
      const problem = expr === undefined ? undefined : promqlProblem(expr);
      if (problem) {
        add(`${ruleAt}.expr`, `expr "${expr}" is no PromQL: ${problem}; the Prometheus operator's webhook refuses the PrometheusRule`,
          'write the query as Prometheus\' expression browser takes it, e.g. sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1');
      }
      const quoted = problem === undefined && expr !== undefined ? quotedQuery(expr) : undefined;
      if (quoted !== undefined) {
        add(`${ruleAt}.expr`, `expr ${expr} is a string literal, the query in quotes: it parses, but Prometheus evaluates it to a string, not a vector, so the rule fails at every evaluation ("rule result is not a vector or scalar") and never ${rule.record === undefined ? 'fires' : 'records'}`,
          `write the query without the quotes around it: expr: '${quoted}'`);
      }
      for (const field of durations ? ['for', 'keep_firing_for'] as const : []) {
        const refused = durationProblem(rule[field]);
        if (refused) {
          add(`${ruleAt}.${field}`, `${field} ${refused}, which the PrometheusRule CRD refuses`, "write whole numbers with units, largest first: '5m', '1h30m', '2d'");
        }
      }
      const kind = ruleKindProblem(rule);
      if (kind !== undefined) {
        add(kind.field === '' ? ruleAt : `${ruleAt}.${kind.field}`, kind.message, kind.hint);
      } else if (rule.record !== undefined) {
        for (const field of ['for', 'keep_firing_for', 'annotations'] as const) {
          if (rule[field] !== undefined) {
            add(`${ruleAt}.${field}`, `a recording rule (record: ${String(rule.record)}) takes no ${field}, which Prometheus' rule loader refuses`,
              `drop ${field}, or make the rule an alert: alert: 'Name' in place of record`);
          }
        }
      }
      if (fields(rule.labels).__name__ !== undefined) {
        add(`${ruleAt}.labels.__name__`, "a rule's labels may not set __name__, the metric's name, which Prometheus' rule loader refuses",
          'drop the label; a recording rule names its series by record:, an alert by alert:');
      }
      for (const map of ['labels', 'annotations'] as const) {
        for (const [key, value] of Object.entries(fields(rule[map]))) {
          const refused = typeof value === 'string' ? templateProblem(value) : undefined;
          if (refused) {
            add(`${ruleAt}.${map}.${key}`, `${refused}, so the template does not parse and the Prometheus operator's webhook refuses the PrometheusRule`,
              'close every action: {{ $labels.instance }}, {{ $value | humanize }}');
          }
        }
      }
    });
  });
  return problems;
}

/** The rules of a PrometheusRule as the operator's webhook loads them (its schema reads the durations). */
export function checkPrometheusRule(object: SynthesizedObject, add: AddFinding): void {
  for (const problem of ruleGroupProblems(fields(object.manifest.spec).groups, 'spec.groups', false)) {
    add(problem.field, problem.message, problem.hint);
  }
}
