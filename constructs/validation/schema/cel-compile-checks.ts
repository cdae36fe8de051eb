import { goPatternProblem, RE2_PATTERN_HINT } from '../regex-syntax';
import { ARITHMETIC, arithmeticHint, arithmeticRefused, CEL_TYPE_WORDS, celTypesUnify, CelTypeName, constantCelType, equalityHint, evidentCelType } from './cel-equality';
import type { CelExpr, CelExpressionProblem, CelNodeKind } from './cel-new-expressions';

// What a Kubernetes API server refuses when it compiles a new CEL expression, beyond the libraries of later
// releases: the functions of cel-go's own extension libraries that Kubernetes leaves out, and the literals that the
// validators of its 1.29 environment (cel.ValidateRegexLiterals, ValidateDurationLiterals,
// ValidateTimestampLiterals, and HomogeneousAggregateLiterals from the start) check while compiling, and an
// equality of two values whose types its type check tells without a schema (constants, size(), conversions) and
// that CEL does not compare (see cel-equality.ts).

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
  ['distinct', 'unique items with x-kubernetes-list-type: set, or each item once with all() and exists_one() on a list of maxItems, e.g. self.all(x, self.exists_one(y, y == x))'],
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

/**
 * The first two constants among `items` of two types, or undefined. The API server's check of literals
 * (ValidateHomogeneousAggregateLiterals) asks for one type exactly, so a null beside a string is refused too.
 */
function mixedConstants(items: readonly (CelExpr | undefined)[]): readonly [CelTypeName, CelTypeName] | undefined {
  let first: CelTypeName | undefined;
  for (const item of items) {
    const type = constantCelType(item);
    if (type === undefined) {
      continue;
    }
    if (first !== undefined && type !== first) {
      return [first, type];
    }
    first ??= type;
  }
  return undefined;
}

/** The items of a list literal, or the keys and the values of a map literal (each group must be of one type). */
function literalGroups(kind: CelNodeKind): (CelExpr | undefined)[][] {
  const value = kind.value as { elements?: CelExpr[]; entries?: { keyKind?: { case?: string; value?: CelExpr }; value?: CelExpr }[]; messageName?: string };
  if (kind.case === 'listExpr') {
    return [value.elements ?? []];
  }
  const entries = kind.case === 'structExpr' && !value.messageName ? value.entries ?? [] : [];
  return entries.length === 0 ? [] : [entries.map((e) => (e.keyKind?.case === 'mapKey' ? e.keyKind.value : undefined)), entries.map((e) => e.value)];
}

/**
 * The list and map literals given to a format() call, directly or inside each other: the check of literals leaves
 * them out, as format() takes values of any type ('%s: %d'.format(['a', 1])).
 */
function formatArguments(nodes: readonly CelExpr[]): ReadonlySet<CelExpr> {
  const exempt = new Set<CelExpr>();
  const visit = (node: CelExpr | undefined): void => {
    if (node?.exprKind === undefined || (node.exprKind.case !== 'listExpr' && node.exprKind.case !== 'structExpr') || exempt.has(node)) {
      return;
    }
    exempt.add(node);
    literalGroups(node.exprKind).flat().forEach(visit);
  };
  for (const { exprKind } of nodes) {
    const call = celCallOf(exprKind);
    if (call?.fn === 'format') {
      call.args.forEach(visit);
    }
  }
  return exempt;
}

/**
 * Why `call`, an equality, an `in` of a list literal or arithmetic, takes values of types CEL does not take side by
 * side, or undefined.
 */
function equalityProblem({ fn, target, args }: CelCall): CelExpressionProblem | undefined {
  if (target !== undefined || args.length !== 2 || (!EQUALITIES.has(fn) && !ARITHMETIC.has(fn))) {
    return undefined;
  }
  const left = evidentCelType(args[0]);
  const rightNode = args[1];
  const rights = fn === '@in'
    ? (rightNode?.exprKind?.case === 'listExpr' ? ((rightNode.exprKind.value as { elements?: CelExpr[] }).elements ?? []).map(evidentCelType) : [])
    : [evidentCelType(rightNode)];
  const refused = (type: CelTypeName | undefined): boolean => type !== undefined && left !== undefined && (ARITHMETIC.has(fn) ? arithmeticRefused(left, type) : !celTypesUnify(left, type));
  const right = rights.find(refused);
  if (left === undefined || right === undefined) {
    return undefined;
  }
  if (ARITHMETIC.has(fn)) {
    return { problem: `it ${ARITHMETIC.get(fn)} ${CEL_TYPE_WORDS[left]} and ${CEL_TYPE_WORDS[right]}, and CEL's arithmetic takes two values of one type`, hint: arithmeticHint(left, right) };
  }
  return {
    problem: `it ${fn === '@in' ? `looks for ${CEL_TYPE_WORDS[left]} in a list holding ${CEL_TYPE_WORDS[right]}` : `compares ${CEL_TYPE_WORDS[left]} with ${CEL_TYPE_WORDS[right]} by ${fn === '_==_' ? '==' : '!='}`}, and CEL's equality takes two values of one type`,
    hint: equalityHint(left, right),
  };
}
const EQUALITIES: ReadonlySet<string> = new Set(['_==_', '_!=_', '@in']);

/**
 * Why the API server does not compile an expression of the parsed `nodes`: a member function no Kubernetes CEL
 * environment declares, a constant pattern of matches() that Go's regexp does not compile, a constant of duration()
 * or timestamp() that is none, or a list or map literal whose constants are of two types. Undefined when it finds
 * none. Pure.
 */
export function celCompileProblem(nodes: readonly CelExpr[]): CelExpressionProblem | undefined {
  const formatted = formatArguments(nodes);
  for (const node of nodes) {
    const { exprKind } = node;
    for (const items of exprKind === undefined || formatted.has(node) ? [] : literalGroups(exprKind)) {
      const mixed = mixedConstants(items);
      if (mixed !== undefined) {
        return {
          problem: `a ${exprKind?.case === 'listExpr' ? 'list' : 'map'} literal holds ${CEL_TYPE_WORDS[mixed[0]]} and ${CEL_TYPE_WORDS[mixed[1]]}, and CEL in Kubernetes takes literals of one type only`,
          hint: mixed.includes('null')
            ? "leave the null out, e.g. ['a', 'b'], and test whether a field is set with has()"
            : "write every item of the literal as one type, e.g. ['1', '2'] or [1, 2] (a double as 1.0, a uint as 1u)",
        };
      }
    }
    const call = celCallOf(exprKind);
    if (call === undefined) {
      continue;
    }
    const { fn, args } = call;
    const compared = equalityProblem(call);
    if (compared !== undefined) {
      return compared;
    }
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
        hint: RE2_PATTERN_HINT,
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
