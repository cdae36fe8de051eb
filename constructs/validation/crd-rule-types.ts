import { fields, Fields } from './manifest';
import { parsedCelExpression } from './schema/cel-evaluator';
import { celCallOf } from './schema/cel-compile-checks';
import { CelExpr, nodesOf, selectedSteps } from './schema/cel-new-expressions';

// The API server type-checks a CRD rule against the CEL types its schema gives: a string of format date or date-time
// is a timestamp, of format duration a duration, of format byte bytes; an integer an int, a number a double. A rule
// that calls a string's function on another type, takes the size of a scalar or compares a field with a constant of
// another kind compiles to "found no matching overload", and the CRD is refused. Only the fields a rule reads from
// self by name are typed here; the rest (comprehension variables, an int-or-string field, a free-form object's
// fields) are dyn or left to the API server.

/** A CEL type a field of a schema has, as far as these checks tell them apart. */
type FieldType = 'string' | 'int' | 'double' | 'bool' | 'timestamp' | 'duration' | 'bytes' | 'list' | 'map';

const STRING_FORMATS: Readonly<Record<string, FieldType>> = { date: 'timestamp', 'date-time': 'timestamp', duration: 'duration', byte: 'bytes' };
const SCHEMA_TYPES: Readonly<Record<string, FieldType>> = { integer: 'int', number: 'double', boolean: 'bool', array: 'list', object: 'map' };
/** The words for each type in a message. */
const TYPE_WORDS: Readonly<Record<FieldType, string>> = {
  string: 'a string', int: 'an int', double: 'a double', bool: 'a bool', timestamp: 'a timestamp', duration: 'a duration', bytes: 'bytes', list: 'a list', map: 'an object',
};
/** The words for the type of a field, which say where a string field's type comes from. */
const FIELD_WORDS: Readonly<Record<FieldType, string>> = {
  ...TYPE_WORDS, timestamp: 'a timestamp (a string of format date or date-time)', duration: 'a duration (a string of format duration)', bytes: 'bytes (a string of format byte)',
};
/** Member functions only a string has (of CEL, Kubernetes' regex library and the strings library). */
const STRING_FUNCTIONS: ReadonlySet<string> = new Set([
  'startsWith', 'endsWith', 'contains', 'matches', 'lowerAscii', 'upperAscii', 'charAt', 'replace', 'split', 'substring', 'trim', 'find', 'findAll',
]);
/** Types that have no size. */
const SIZELESS: ReadonlySet<FieldType> = new Set(['int', 'double', 'bool', 'timestamp', 'duration']);
/** Comparison operators, and the constant kinds each field type is compared with. */
const COMPARISONS: ReadonlySet<string> = new Set(['_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_']);
const CONSTANT_TYPES: Readonly<Record<string, FieldType>> = { stringValue: 'string', int64Value: 'int', uint64Value: 'int', doubleValue: 'double', boolValue: 'bool' };
const NUMBERS: ReadonlySet<FieldType> = new Set(['int', 'double']);

/** The CEL type of the field of `schema` at `steps`, or undefined where it is dyn or not known. */
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
  if (node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true || typeof node.type !== 'string') {
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

/** The type of a constant `node`, or undefined for any other node (and null, which compares with any type). */
function constantType(node: CelExpr | undefined): FieldType | undefined {
  const kind = node?.exprKind;
  return kind?.case === 'constExpr' ? CONSTANT_TYPES[String((kind.value as { constantKind?: { case?: string } }).constantKind?.case)] : undefined;
}

/** Whether CEL compares a field of `field` with a constant of `constant`: the same type, or two numbers. */
function comparable(field: FieldType, constant: FieldType): boolean {
  return field === constant || (NUMBERS.has(field) && NUMBERS.has(constant));
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
            : `read it as text with string(...) first, or compare it as ${TYPE_WORDS[type]}`,
        };
      }
    }
    const sized = fn === 'size' ? (call.target ?? (args.length === 1 ? args[0] : undefined)) : undefined;
    const sizedType = sized === undefined ? undefined : typeOf(sized, schema, resourceRoot);
    if (sizedType !== undefined && SIZELESS.has(sizedType)) {
      return { problem: `it takes the size of ${FIELD_WORDS[sizedType]}, which has none`, hint: 'compare the value itself, e.g. self <= 10, or take the size of a string, list or map' };
    }
    if (call.target === undefined && COMPARISONS.has(fn) && args.length === 2) {
      for (const [field, other] of [[args[0], args[1]], [args[1], args[0]]] as const) {
        const type = typeOf(field, schema, resourceRoot);
        const constant = constantType(other);
        if (type !== undefined && constant !== undefined && !comparable(type, constant)) {
          return {
            problem: `it compares ${FIELD_WORDS[type]} with ${TYPE_WORDS[constant]}, which CEL does not`,
            hint: type === 'timestamp' || type === 'duration' ? `compare it with a ${type}, e.g. ${type === 'timestamp' ? "timestamp('2024-01-01T00:00:00Z')" : "duration('1h')"}`
              : `compare it with ${TYPE_WORDS[type]} constant${type === 'bool' ? ' (true or false)' : type === 'string' ? " ('1', not 1)" : ''}`,
          };
        }
      }
    }
  }
  return undefined;
}
