import { fields, Fields } from './manifest';
import { parsedCelExpression } from './schema/cel-evaluator';
import { celCallOf } from './schema/cel-compile-checks';
import { ARITHMETIC, arithmeticHint, arithmeticRefused, CEL_TYPE_WORDS, celTypesUnify, CelTypeName, constantCelType, equalityHint, evidentCelType } from './schema/cel-equality';
import { CelExpr, nodesOf, selectedSteps } from './schema/cel-new-expressions';

// The API server type-checks a CRD rule against the CEL types its schema gives: a string of format date or date-time
// is a timestamp, of format duration a duration, of format byte bytes; an integer an int, a number a double. A rule
// that calls a string's function on another type, takes the size of a scalar, or compares or computes a field with a
// constant of another kind (which types an equality and arithmetic take: cel-equality.ts) compiles to "found no
// matching overload", and the CRD is refused. Only the fields a rule reads from
// self by name are typed here; the rest (comprehension variables, an int-or-string field, a free-form object's
// fields) are dyn or left to the API server.

/** A CEL type a field of a schema has, as far as these checks tell them apart. */
type FieldType = Extract<CelTypeName, 'string' | 'int' | 'double' | 'bool' | 'timestamp' | 'duration' | 'bytes' | 'list' | 'object'>;

const STRING_FORMATS: Readonly<Record<string, FieldType>> = { date: 'timestamp', 'date-time': 'timestamp', duration: 'duration', byte: 'bytes' };
const SCHEMA_TYPES: Readonly<Record<string, FieldType>> = { integer: 'int', number: 'double', boolean: 'bool', array: 'list', object: 'object' };
/** The words for the type of a field, which say where a string field's type comes from. */
const FIELD_WORDS: Readonly<Record<FieldType, string>> = {
  ...CEL_TYPE_WORDS, timestamp: 'a timestamp (a string of format date or date-time)', duration: 'a duration (a string of format duration)', bytes: 'bytes (a string of format byte)',
};
/** Member functions only a string has (of CEL, Kubernetes' regex library and the strings library). */
const STRING_FUNCTIONS: ReadonlySet<string> = new Set([
  'startsWith', 'endsWith', 'contains', 'matches', 'lowerAscii', 'upperAscii', 'charAt', 'replace', 'split', 'substring', 'trim', 'find', 'findAll',
]);
/**
 * The types a string's member functions take as arguments, by position (of CEL, the regex library and the strings
 * library of version 2): a pattern or a piece of text, and counts and positions as ints.
 */
const STRING_ARGUMENTS: ReadonlyMap<string, readonly CelTypeName[]> = new Map([
  ['startsWith', ['string']], ['endsWith', ['string']], ['contains', ['string']], ['matches', ['string']], ['find', ['string']], ['findAll', ['string', 'int']],
  ['indexOf', ['string', 'int']], ['lastIndexOf', ['string', 'int']], ['split', ['string', 'int']], ['replace', ['string', 'string', 'int']],
  ['charAt', ['int']], ['substring', ['int', 'int']],
]);
/** Types that have no size. */
const SIZELESS: ReadonlySet<FieldType> = new Set(['int', 'double', 'bool', 'timestamp', 'duration']);
/** Comparison operators: equalities, and orderings, which compare numbers of two types too (CrossTypeNumericComparisons). */
const EQUALITIES: ReadonlySet<string> = new Set(['_==_', '_!=_']);
const ORDERINGS: ReadonlySet<string> = new Set(['_<_', '_<=_', '_>_', '_>=_']);
const NUMBERS: ReadonlySet<CelTypeName> = new Set(['int', 'uint', 'double']);

/**
 * The CEL type of the field of `schema` at `steps`, or undefined where it is dyn or not known. A field the schema
 * marks nullable is left untyped: a null in it is data, and these checks do not tell how the API server types it.
 */
function fieldType(schema: Fields, steps: readonly string[], resourceRoot: boolean): FieldType | undefined {
  let node = schema;
  for (const [i, step] of steps.entries()) {
    const properties = fields(node.properties);
    if (!Object.prototype.hasOwnProperty.call(properties, step)) {
      // An object's own apiVersion, kind and metadata name are strings where its schema does not say.
      const own = resourceRoot && i === 0 && (step === 'apiVersion' || step === 'kind');
      return own ? 'string' : undefined;
    }
    node = fields(properties[step]);
  }
  if (node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true || node.nullable === true || typeof node.type !== 'string') {
    return undefined;
  }
  return node.type === 'string' ? STRING_FORMATS[String(node.format)] ?? 'string' : SCHEMA_TYPES[node.type];
}

/** The type of `node` where it reads a field from self (or is self itself). */
function typeOf(node: CelExpr | undefined, schema: Fields, resourceRoot: boolean): FieldType | undefined {
  const steps = node === undefined ? undefined : selectedSteps(node, SELF, true);
  return steps === undefined || steps.some((step) => step.includes('__')) ? undefined : fieldType(schema, steps, resourceRoot);
}
const SELF: ReadonlySet<string> = new Set(['self']);

/**
 * Whether CEL compares a field of `field` with a constant of `constant` by `fn`: an equality takes two values of
 * one type (or null where the field is nullable), an ordering two of one type or two numbers.
 */
function comparable(fn: string, field: FieldType, constant: CelTypeName): boolean {
  return EQUALITIES.has(fn) ? celTypesUnify(field, constant) : constant === 'null' || field === constant || (NUMBERS.has(field) && NUMBERS.has(constant));
}

/** The constants `fn` compares the field `node` with: the other side of a comparison, the items of a list literal for `in`. */
function comparedConstants(fn: string, other: CelExpr | undefined): CelTypeName[] {
  if (fn !== '@in') {
    const type = constantCelType(other);
    return type === undefined ? [] : [type];
  }
  const kind = other?.exprKind;
  const items = kind?.case === 'listExpr' ? (kind.value as { elements?: CelExpr[] }).elements ?? [] : [];
  return items.map(constantCelType).filter((type): type is CelTypeName => type !== undefined);
}

/** Why `fn` of `left` and `right` compares a field of self with a constant of a type CEL does not compare it with. */
function comparisonProblem(fn: string, left: CelExpr, right: CelExpr, schema: Fields, resourceRoot: boolean): RuleTypeProblem | undefined {
  if (ARITHMETIC.has(fn)) {
    return arithmeticProblem(fn, left, right, schema, resourceRoot);
  }
  if (!EQUALITIES.has(fn) && !ORDERINGS.has(fn) && fn !== '@in') {
    return undefined;
  }
  // `x in list` reads its field on the left only; a comparison reads one on either side.
  const sides = fn === '@in' ? [[left, right]] as const : [[left, right], [right, left]] as const;
  for (const [field, other] of sides) {
    const type = typeOf(field, schema, resourceRoot);
    const constant = type === undefined ? undefined : comparedConstants(fn, other).find((c) => !comparable(fn === '@in' ? '_==_' : fn, type, c));
    if (type === undefined || constant === undefined) {
      continue;
    }
    const how = fn === '@in' ? `looks for ${FIELD_WORDS[type]} in a list holding ${CEL_TYPE_WORDS[constant]}` : `compares ${FIELD_WORDS[type]} with ${CEL_TYPE_WORDS[constant]}`;
    return {
      problem: `it ${how}, ${EQUALITIES.has(fn) || fn === '@in' ? "and CEL's equality takes two values of one type" : 'which CEL does not'}`,
      hint: type === 'timestamp' || type === 'duration' ? `compare it with a ${type}, e.g. ${type === 'timestamp' ? "timestamp('2024-01-01T00:00:00Z')" : "duration('1h')"}`
        : constant === 'null' || (NUMBERS.has(type) && NUMBERS.has(constant)) ? equalityHint(type, constant)
          : `compare it with ${CEL_TYPE_WORDS[type]} constant${type === 'bool' ? ' (true or false)' : type === 'string' ? " ('1', not 1)" : ''}`,
    };
  }
  return undefined;
}

/** Why arithmetic `fn` of `left` and `right` takes a field of self beside a constant of a type CEL does not take with it. */
function arithmeticProblem(fn: string, left: CelExpr, right: CelExpr, schema: Fields, resourceRoot: boolean): RuleTypeProblem | undefined {
  for (const [field, other] of [[left, right], [right, left]] as const) {
    const type = typeOf(field, schema, resourceRoot);
    const constant = constantCelType(other);
    if (type !== undefined && constant !== undefined && arithmeticRefused(type, constant)) {
      return { problem: `it ${ARITHMETIC.get(fn)} ${FIELD_WORDS[type]} and ${CEL_TYPE_WORDS[constant]}, and CEL's arithmetic takes two values of one type`, hint: arithmeticHint(type, constant) };
    }
  }
  return undefined;
}

/** What is wrong in a rule's types, and how to write it. */
export interface RuleTypeProblem {
  readonly problem: string;
  readonly hint: string;
}

/**
 * Why the API server's type check refuses `expression`, a rule or message expression of `schema` (an object's own
 * where `resourceRoot`), or undefined where it finds nothing it can tell: a string's function called on a field of
 * another type, the size of a field that has none, a field compared with a constant of another type. Pure.
 */
export function ruleTypeProblem(expression: string, schema: Fields, resourceRoot: boolean): RuleTypeProblem | undefined {
  if (/\.\?|\[\?/.test(expression)) {
    return undefined;
  }
  const nodes: CelExpr[] = [];
  nodesOf(parsedCelExpression(expression), nodes, new Set());
  for (const { exprKind } of nodes) {
    const call = celCallOf(exprKind);
    if (call === undefined) {
      continue;
    }
    const { fn, args } = call;
    if (call.target !== undefined && STRING_FUNCTIONS.has(fn)) {
      const type = typeOf(call.target, schema, resourceRoot);
      if (type !== undefined && type !== 'string') {
        return {
          problem: `it calls ${fn}() on ${FIELD_WORDS[type]}, and ${fn}() is a string's`,
          hint: type === 'timestamp' || type === 'duration'
            ? `compare the ${type} itself, e.g. self > ${type === 'timestamp' ? "timestamp('2024-01-01T00:00:00Z')" : "duration('1h')"}, or read it as text with string(self)`
            : `read it as text with string(...) first, or compare it as ${CEL_TYPE_WORDS[type]}`,
        };
      }
      const wanted = type === 'string' ? STRING_ARGUMENTS.get(fn) ?? [] : [];
      const wrong = args.findIndex((arg, i) => wanted[i] !== undefined && evidentCelType(arg) !== undefined && evidentCelType(arg) !== wanted[i]);
      if (wrong >= 0) {
        const given = evidentCelType(args[wrong]) as CelTypeName;
        return {
          problem: `it calls ${fn}() on a string with ${CEL_TYPE_WORDS[given]} as argument ${wrong + 1}, where ${fn}() takes ${CEL_TYPE_WORDS[wanted[wrong]]}`,
          hint: wanted[wrong] === 'string' ? `quote it, e.g. ${fn}('${given === 'int' ? '1' : 'a'}'), or convert it with string(...)` : `give ${CEL_TYPE_WORDS[wanted[wrong]]}, e.g. ${fn}(0)`,
        };
      }
    }
    const sized = fn === 'size' ? (call.target ?? (args.length === 1 ? args[0] : undefined)) : undefined;
    const sizedType = sized === undefined ? undefined : typeOf(sized, schema, resourceRoot);
    if (sizedType !== undefined && SIZELESS.has(sizedType)) {
      return { problem: `it takes the size of ${FIELD_WORDS[sizedType]}, which has none`, hint: 'compare the value itself, e.g. self <= 10, or take the size of a string, list or map' };
    }
    const compared = call.target === undefined && args.length === 2 ? comparisonProblem(fn, args[0], args[1], schema, resourceRoot) : undefined;
    if (compared !== undefined) {
      return compared;
    }
  }
  return undefined;
}
