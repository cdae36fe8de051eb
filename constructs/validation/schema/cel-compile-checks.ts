import { goPatternProblem } from '../regex-syntax';
import type { CelExpr, CelExpressionProblem, CelNodeKind } from './cel-new-expressions';

// What a Kubernetes API server refuses when it compiles a new CEL expression, beyond the libraries of later
// releases: the functions of cel-go's own extension libraries that Kubernetes leaves out, and the literals that the
// validators of its 1.29 environment (cel.ValidateRegexLiterals, ValidateDurationLiterals,
// ValidateTimestampLiterals, and HomogeneousAggregateLiterals from the start) check while compiling.

/**
 * Member functions of cel-go's extension libraries that no Kubernetes CEL environment declares: its lists library
 * (slice, flatten, sort, sortBy, reverse, distinct) and the strings library's reverse of version 3 (Kubernetes
 * gives version 2). Kubernetes' own list functions are isSorted, sum, min, max, indexOf and lastIndexOf.
 */
const UNDECLARED_MEMBER_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['slice', "a list's items by index in a comprehension, e.g. self.filter(x, self.indexOf(x) < 3)"],
  ['flatten', 'the inner lists with exists() or all() on each'],
  ['sort', 'the order with isSorted(), e.g. self.isSorted()'],
  ['sortBy', 'the order with isSorted() on the mapped keys, e.g. self.map(x, x.name).isSorted()'],
  ['reverse', 'the reversed text or list compared item by item, or with indexOf() and lastIndexOf()'],
  ['distinct', 'each item once with all() and exists_one(), e.g. self.all(x, self.exists_one(y, y == x))'],
]);

/** A call of CEL's parsed form: its function, the receiver of a member call, and its arguments. */
export interface CelCall {
  readonly fn: string;
  readonly target?: CelExpr;
  readonly args: readonly CelExpr[];
}

/** The call `kind` is, or undefined for any other node. */
export function celCallOf(kind: CelNodeKind | undefined): CelCall | undefined {
  if (kind?.case !== 'callExpr') {
    return undefined;
  }
  const call = kind.value ?? {};
  return { fn: call.function ?? '', target: call.target, args: call.args ?? [] };
}

/** A Go duration as time.ParseDuration reads it: a sign, then numbers with units (or a bare 0). */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;
/** A timestamp as RFC 3339 has it, which CEL's timestamp() reads (time.Parse with time.RFC3339). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** The kind of a literal constant, as CEL types it, or undefined for what is no constant (or null, which any type takes). */
function constantKind(node: CelExpr | undefined): string | undefined {
  const kind = node?.exprKind;
  if (kind?.case !== 'constExpr') {
    return undefined;
  }
  const constant = (kind.value as { constantKind?: { case?: string } }).constantKind?.case;
  return constant === 'nullValue' ? undefined : constant;
}

/** The text of a string literal, or undefined. */
function stringConstant(node: CelExpr | undefined): string | undefined {
  const kind = node?.exprKind;
  const constant = kind?.case === 'constExpr' ? (kind.value as { constantKind?: { case?: string; value?: unknown } }).constantKind : undefined;
  return constant?.case === 'stringValue' && typeof constant.value === 'string' ? constant.value : undefined;
}

/** Whether `text` is no RFC 3339 timestamp: not of its form, or a field out of range. */
function isNoTimestamp(text: string): boolean {
  const parts = RFC3339.exec(text);
  if (parts === null) {
    return true;
  }
  const [, , month, day, hour, minute, second, , , offsetHours, offsetMinutes] = parts.map(Number);
  // An offset's fields are NaN where the zone is Z, and compare false.
  return month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int64Value: 'an int', uint64Value: 'a uint', doubleValue: 'a double', stringValue: 'a string', boolValue: 'a bool', bytesValue: 'bytes',
};

/** The first two constants of different kinds among `items`, or undefined. */
function mixedConstants(items: readonly (CelExpr | undefined)[]): readonly [string, string] | undefined {
  let first: string | undefined;
  for (const item of items) {
    const kind = constantKind(item);
    if (kind === undefined) {
      continue;
    }
    if (first !== undefined && kind !== first) {
      return [first, kind];
    }
    first ??= kind;
  }
  return undefined;
}

/**
 * Why the API server does not compile an expression of the parsed `nodes`: a member function no Kubernetes CEL
 * environment declares, a constant pattern of matches() that Go's regexp does not compile, a constant of duration()
 * or timestamp() that is none, or a list or map literal whose constants are of two types. Undefined when it finds
 * none. Pure.
 */
export function celCompileProblem(nodes: readonly CelExpr[]): CelExpressionProblem | undefined {
  for (const { exprKind } of nodes) {
    if (exprKind?.case === 'listExpr' || exprKind?.case === 'structExpr') {
      const value = exprKind.value as { elements?: CelExpr[]; entries?: { keyKind?: { case?: string; value?: CelExpr }; value?: CelExpr }[]; messageName?: string };
      const groups = exprKind.case === 'listExpr' ? [value.elements ?? []]
        : value.messageName ? [] : [(value.entries ?? []).map((e) => (e.keyKind?.case === 'mapKey' ? e.keyKind.value : undefined)), (value.entries ?? []).map((e) => e.value)];
      for (const items of groups) {
        const mixed = mixedConstants(items);
        if (mixed !== undefined) {
          return {
            problem: `a ${exprKind.case === 'listExpr' ? 'list' : 'map'} literal holds ${TYPE_WORDS[mixed[0]] ?? mixed[0]} and ${TYPE_WORDS[mixed[1]] ?? mixed[1]}, and CEL in Kubernetes takes literals of one type only`,
            hint: "write every item of the literal as one type, e.g. ['1', '2'] or [1, 2] (a double as 1.0, a uint as 1u)",
          };
        }
      }
    }
    const call = celCallOf(exprKind);
    if (call === undefined) {
      continue;
    }
    const { fn, args } = call;
    if (call.target !== undefined && UNDECLARED_MEMBER_FUNCTIONS.has(fn)) {
      return {
        problem: `it calls ${fn}(), of cel-go's extension libraries, which no Kubernetes CEL environment declares`,
        hint: `write it with the functions Kubernetes offers: ${UNDECLARED_MEMBER_FUNCTIONS.get(fn)}`,
      };
    }
    const pattern = fn === 'matches' ? stringConstant(call.target !== undefined ? args[0] : args[1]) : undefined;
    const patternProblem = pattern === undefined ? undefined : goPatternProblem(pattern);
    if (patternProblem !== undefined) {
      return {
        problem: `the pattern ${JSON.stringify(pattern)} of matches() ${patternProblem}, and the API server compiles a constant pattern with Go's regexp as it compiles the expression`,
        hint: 'write the pattern in RE2 syntax (no lookarounds or backreferences; escape a literal [, ( or +)',
      };
    }
    const literal = call.target === undefined && args.length === 1 ? stringConstant(args[0]) : undefined;
    if (literal !== undefined && ((fn === 'duration' && !GO_DURATION.test(literal)) || (fn === 'timestamp' && isNoTimestamp(literal)))) {
      return {
        problem: `${fn}(${JSON.stringify(literal)}) is no ${fn}, and the API server reads a constant ${fn} as it compiles the expression`,
        hint: fn === 'duration' ? "write a duration as Go does, numbers with units h, m, s, ms, us or ns, e.g. duration('1h30m')"
          : "write a timestamp in RFC 3339, with its time and zone, e.g. timestamp('2024-01-01T00:00:00Z')",
      };
    }
  }
  return undefined;
}
