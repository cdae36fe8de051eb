import { celSyntaxProblem, parsedCelExpression } from './cel-evaluator';
import { celCompileProblem } from './cel-compile-checks';
import { celResultKind, RESULT_WORDS } from './cel-result-kinds';

// A Kubernetes API server compiles a CEL expression it is given anew (a CRD's rule, an admission policy's
// expression) with the libraries of the release it can roll back to, one minor release before its own
// (environment.DefaultCompatibilityVersion); only expressions it stored before get the libraries of its own
// release. So a 1.30 API server refuses a new expression that calls its IP and CIDR libraries, added in 1.30,
// as it refuses one that calls a library of a later release.

/** The release whose CEL libraries the API server the output is validated for gives new expressions. */
const NEW_EXPRESSION_RELEASE = '1.29';

/** A CEL library the API server of {@link NEW_EXPRESSION_RELEASE} lacks, and the first release whose new expressions may call it. */
interface LaterLibrary {
  readonly name: string;
  readonly from: string;
}
const IP_ADDRESSES: LaterLibrary = { name: "Kubernetes' IP address library", from: '1.31' };
const CIDRS: LaterLibrary = { name: "Kubernetes' CIDR library", from: '1.31' };
const FORMATS: LaterLibrary = { name: "Kubernetes' format library", from: '1.32' };
const TWO_VARIABLE: LaterLibrary = { name: "CEL's two-variable comprehensions", from: '1.33' };
const SEMVER: LaterLibrary = { name: "Kubernetes' semver library", from: '1.34' };

/** Global functions of later libraries, by name. */
const LATER_FUNCTIONS: ReadonlyMap<string, LaterLibrary> = new Map([
  ['isIP', IP_ADDRESSES], ['ip', IP_ADDRESSES], ['isCIDR', CIDRS], ['cidr', CIDRS],
  ['isSemver', SEMVER], ['semver', SEMVER],
]);
/** Member functions that exist only in the two-variable form (`list.transformList(i, v, ...)`). */
const TWO_VARIABLE_FUNCTIONS: ReadonlySet<string> = new Set(['transformList', 'transformMap', 'transformMapEntry']);
/** Macros whose three-argument form (`map.all(key, value, ...)`) is the two-variable comprehension. */
const TWO_VARIABLE_MACROS: ReadonlySet<string> = new Set(['all', 'exists', 'existsOne', 'exists_one']);
/** Names a CRD rule may read besides its variables: namespaces of functions and names of types. */
const CRD_RULE_NAMESPACES: ReadonlySet<string> = new Set([
  'sets', 'optional', 'strings', 'int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'type', 'null_type', 'dyn',
]);
/** The variables a CRD's validation rule and message expression are compiled with. */
export const CRD_RULE_VARIABLES: ReadonlySet<string> = new Set(['self', 'oldSelf']);

/** A node of CEL's parsed form, as far as these checks read it. */
export interface CelNodeKind {
  readonly case?: string;
  readonly value?: { readonly name?: string; readonly function?: string; readonly target?: CelExpr; readonly args?: readonly CelExpr[] };
}
/** An expression of CEL's parsed form. */
export interface CelExpr {
  readonly exprKind?: CelNodeKind;
}

/** Every expression node under `node`, and the names comprehensions bind anywhere in it. */
export function nodesOf(node: unknown, found: CelExpr[], bound: Set<string>): void {
  if (node === null || typeof node !== 'object') {
    return;
  }
  const kind = (node as CelExpr).exprKind;
  if (kind !== undefined) {
    found.push(node as CelExpr);
  }
  if (kind?.case === 'comprehensionExpr') {
    const comprehension = kind.value as Record<string, unknown>;
    for (const key of ['iterVar', 'iterVar2', 'accuVar']) {
      if (typeof comprehension[key] === 'string' && comprehension[key] !== '') {
        bound.add(comprehension[key] as string);
      }
    }
  }
  for (const value of Object.values(node)) {
    nodesOf(value, found, bound);
  }
}

/** Why the API server cannot compile an expression, and how to write it, where a hint of its own helps. */
export interface CelExpressionProblem {
  /** What the API server refuses, to stand in a sentence's parentheses. */
  readonly problem: string;
  /** How to write it instead; undefined where the caller's own hint fits. */
  readonly hint?: string;
}

const later = (what: string, library: LaterLibrary): CelExpressionProblem => ({
  problem: `it calls ${what}, of ${library.name}, which a 1.30 API server compiles only in expressions it stored before: `
    + `a new one gets the libraries of ${NEW_EXPRESSION_RELEASE}, the release it can roll back to, and may call it from ${library.from} on`,
  hint: `write it with what CEL offers in Kubernetes ${NEW_EXPRESSION_RELEASE} (an address or a CIDR with matches() and a pattern, a list's items with all() or exists() of one variable), `
    + `or add it once the cluster runs Kubernetes ${library.from}`,
});

/**
 * Why a 1.30 API server refuses to compile the parsed expression `parsed` as a new expression: a call of a library
 * its new expressions lack, a function or literal its compiler refuses (see `celCompileProblem`), or (when `variables` is given, as for a CRD rule) a name that is neither a variable, a
 * comprehension's, a function namespace nor a type. Undefined when it finds none. Pure.
 */
function newCelExpressionProblem(parsed: unknown, variables?: ReadonlySet<string>): CelExpressionProblem | undefined {
  const nodes: CelExpr[] = [];
  const bound = new Set<string>();
  nodesOf(parsed, nodes, bound);
  for (const { exprKind } of nodes) {
    const call = exprKind?.case === 'callExpr' ? exprKind.value : undefined;
    const fn = call?.function ?? '';
    const target = call?.target?.exprKind?.case === 'identExpr' ? call.target.exprKind.value?.name : undefined;
    if (call !== undefined && call.target === undefined && LATER_FUNCTIONS.has(fn)) {
      return later(`${fn}()`, LATER_FUNCTIONS.get(fn)!);
    }
    if (target === 'format' && !bound.has('format') && !(variables?.has('format') ?? false)) {
      return later(`format.${fn}()`, FORMATS);
    }
    if (call?.target !== undefined && (TWO_VARIABLE_FUNCTIONS.has(fn) || (TWO_VARIABLE_MACROS.has(fn) && call.args?.length === 3))) {
      return later(`${fn}() with two variables`, TWO_VARIABLE);
    }
  }
  const compiled = celCompileProblem(nodes);
  if (compiled !== undefined || variables === undefined) {
    return compiled;
  }
  for (const { exprKind } of nodes) {
    const name = exprKind?.case === 'identExpr' ? exprKind.value?.name : undefined;
    if (name !== undefined && !variables.has(name) && !bound.has(name) && !CRD_RULE_NAMESPACES.has(name)) {
      const declared = [...variables].join(' and ');
      return {
        problem: `it reads ${name}, which is not declared: the expression has the variables ${declared} and the functions of CEL in Kubernetes ${NEW_EXPRESSION_RELEASE}`,
        hint: `read the value the rule stands on as self (and its old value as oldSelf), e.g. 'self.replicas <= 10'; ${name} is no variable of a CRD rule`,
      };
    }
  }
  return undefined;
}

/** What a new expression is compiled for: the variables it is given (to report a name it does not declare) and the type it must give. */
export interface CelExpressionContext {
  /** The variables the expression is compiled with; left out where they are not known, and no name is judged. @default undefined */
  readonly variables?: ReadonlySet<string>;
  /** The type the expression must give. @default undefined (any) */
  readonly result?: 'bool' | 'string';
}

const RESULT_HINTS: Record<'bool' | 'string', string> = {
  bool: 'write it as a condition, true when the value is right: a comparison such as size(...) <= 10 rather than size(...) alone',
  string: "write it so that it gives a text, e.g. 'at most 10, not ' + string(size(...)), rather than a comparison",
};

/**
 * Why the API server cannot compile `expression` as a new expression, as far as its syntax, the libraries it
 * calls and the type its outermost operation gives tell (the API server type-checks it in full, which this does
 * not), or undefined. An expression of CEL's optional syntax (`.?field`, `[?key]`), which the API server takes and
 * this parser does not, is left to the API server. Pure.
 */
export function celExpressionProblem(expression: string, context: CelExpressionContext = {}): CelExpressionProblem | undefined {
  if (expression.trim() === '') {
    return { problem: 'it is empty' };
  }
  if (/\.\?|\[\?/.test(expression)) {
    return undefined;
  }
  const syntax = celSyntaxProblem(expression);
  if (syntax !== undefined) {
    return { problem: syntax };
  }
  const parsed = parsedCelExpression(expression);
  return newCelExpressionProblem(parsed, context.variables) ?? resultProblem(parsed as CelExpr, context.result);
}

/** Why `parsed` cannot give a `wanted`, when its outermost operation tells. */
function resultProblem(parsed: CelExpr, wanted: 'bool' | 'string' | undefined): CelExpressionProblem | undefined {
  const kind = wanted === undefined ? undefined : celResultKind(parsed);
  // A + or - may give a string; it never gives a bool.
  if (wanted === undefined || kind === undefined || kind === wanted || (kind === 'sum' && wanted === 'string')) {
    return undefined;
  }
  return { problem: `it gives ${RESULT_WORDS[kind]}, and the API server compiles it only when it gives ${RESULT_WORDS[wanted]}`, hint: RESULT_HINTS[wanted] };
}

/**
 * The field names of a select chain from one of `roots` (`self.spec.replicas` gives spec, replicas; `self` alone
 * gives none, where `bare` allows it), or undefined.
 */
export function selectedSteps(node: CelExpr, roots: ReadonlySet<string> = CRD_RULE_VARIABLES, bare = false): string[] | undefined {
  const steps: string[] = [];
  let at: CelExpr | undefined = node;
  while (at?.exprKind?.case === 'selectExpr') {
    // has(self.x) tests presence of a field the type check looks up as it looks up a field read.
    const select = at.exprKind.value as { operand?: CelExpr; field?: string };
    if (typeof select.field !== 'string') {
      return undefined;
    }
    steps.unshift(select.field);
    at = select.operand;
  }
  const root = at?.exprKind?.case === 'identExpr' ? at.exprKind.value?.name : undefined;
  return (steps.length > 0 || bare) && root !== undefined && roots.has(root) ? steps : undefined;
}

/**
 * The fields a CRD rule reads from `self` or `oldSelf` by name (or tests with has()), each as its steps, longest chains only where one
 * holds another (`self.spec.replicas` and not also `self.spec`). Names CEL escapes (`__dash__`) are left out, as
 * are expressions that do not parse. Pure.
 */
export function celSelectedFields(expression: string): string[][] {
  if (/\.\?|\[\?/.test(expression)) {
    return [];
  }
  const parsed = parsedCelExpression(expression);
  const nodes: CelExpr[] = [];
  nodesOf(parsed, nodes, new Set());
  const chains = nodes.map((node) => selectedSteps(node)).filter((steps): steps is string[] => steps !== undefined && steps.every((step) => !step.includes('__')));
  const joined = chains.map((steps) => steps.join('.'));
  return chains.filter((_, i) => !joined.some((other, j) => j !== i && other.startsWith(`${joined[i]}.`)));
}
