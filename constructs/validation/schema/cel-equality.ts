import type { CelExpr } from './cel-new-expressions';

// Which types CEL's == and != take side by side, as a Kubernetes API server type-checks them. Equality is declared
// for two values of one type (cel-go's `_==_(A, A)`): Kubernetes turns on CrossTypeNumericComparisons, which
// lets <, <=, > and >= compare an int with a double or a uint, but adds no such overload for equality, so
// `1 == 1.0` and `self == 0` on a number field are "found no matching overload". A null is assignable only to
// what the checker keeps nullable (objects, timestamps, durations, any), never to a string, a number, a bool,
// bytes, a list or a map, so `self.name != null` on a string field is refused too. (A list or map literal is held
// to one type exactly, null included, by cel-compile-checks.ts.)

/** A CEL type as these checks name it. */
export type CelTypeName = 'int' | 'uint' | 'double' | 'string' | 'bool' | 'bytes' | 'null' | 'timestamp' | 'duration' | 'list' | 'map' | 'object';

/** The CEL type of each kind of constant of CEL's parsed form. */
const CONSTANT_TYPES: Readonly<Record<string, CelTypeName>> = {
  int64Value: 'int', uint64Value: 'uint', doubleValue: 'double', stringValue: 'string', boolValue: 'bool', bytesValue: 'bytes', nullValue: 'null',
};
/** Types the checker lets a null stand for (isLegacyNullable). */
const NULLABLE: ReadonlySet<CelTypeName> = new Set(['timestamp', 'duration', 'object']);
/** Conversion functions and the type each gives. */
const CONVERSIONS: Readonly<Record<string, CelTypeName>> = { int: 'int', uint: 'uint', double: 'double', string: 'string', bool: 'bool', bytes: 'bytes', size: 'int' };

/** The words for each type in a message. */
export const CEL_TYPE_WORDS: Readonly<Record<CelTypeName, string>> = {
  int: 'an int', uint: 'a uint', double: 'a double', string: 'a string', bool: 'a bool', bytes: 'bytes', null: 'null',
  timestamp: 'a timestamp', duration: 'a duration', list: 'a list', map: 'a map', object: 'an object',
};

/** The type of a constant `node`, or undefined for any other node. */
export function constantCelType(node: CelExpr | undefined): CelTypeName | undefined {
  const kind = node?.exprKind;
  return kind?.case === 'constExpr' ? CONSTANT_TYPES[String((kind.value as { constantKind?: { case?: string } }).constantKind?.case)] : undefined;
}

/**
 * The type `node` has whatever its variables hold: a constant's, or the result of size() or of a conversion
 * (int(), double(), string(), …). Undefined for anything else.
 */
export function evidentCelType(node: CelExpr | undefined): CelTypeName | undefined {
  const constant = constantCelType(node);
  if (constant !== undefined || node?.exprKind?.case !== 'callExpr') {
    return constant;
  }
  const call = node.exprKind.value as { function?: string; target?: CelExpr; args?: CelExpr[] } | undefined;
  const fn = call?.function ?? '';
  const arity = (call?.args ?? []).length + (call?.target === undefined ? 0 : 1);
  return Object.prototype.hasOwnProperty.call(CONVERSIONS, fn) && arity === 1 ? CONVERSIONS[fn] : undefined;
}

/** Whether a value of type `a` may stand beside one of `b` in an equality or one literal (one assignable to the other). */
export function celTypesUnify(a: CelTypeName, b: CelTypeName): boolean {
  if (a === b) {
    return true;
  }
  return (a === 'null' && NULLABLE.has(b)) || (b === 'null' && NULLABLE.has(a));
}

/** How to write an equality of `field` with `other` that CEL takes. */
export function equalityHint(field: CelTypeName, other: CelTypeName): string {
  if (other === 'null' || field === 'null') {
    return "test whether the field is set with has(), e.g. !has(self.name) || self.name != '' (null stands only for an object, a timestamp or a duration)";
  }
  const numbers = new Set<CelTypeName>(['int', 'uint', 'double']);
  if (numbers.has(field) && numbers.has(other)) {
    return `write the constant as ${CEL_TYPE_WORDS[field]} (${field === 'double' ? '0.0, 1.0' : field === 'uint' ? '0u, 1u' : '0, 1'}) or convert one side, e.g. double(x) == 1.0; only <, <=, > and >= compare numbers of two types`;
  }
  return `compare it with ${CEL_TYPE_WORDS[field]}`;
}

/**
 * CEL's arithmetic operators and what each does, in words. Like equality, each is declared for two operands of one
 * type (int and int, double and double, string and string for +), with no cross-type overloads: `self * 0.5` on an
 * integer field, `size(self) / 2.0` or `self + 1` on a string are "found no matching overload".
 */
export const ARITHMETIC: ReadonlyMap<string, string> = new Map([['_+_', 'adds'], ['_-_', 'subtracts'], ['_*_', 'multiplies'], ['_/_', 'divides'], ['_%_', 'takes the remainder of']]);
/** The operand types these checks judge in arithmetic: numbers and strings, whose overloads take one type alone. */
const ARITHMETIC_OPERANDS: ReadonlySet<CelTypeName> = new Set(['int', 'uint', 'double', 'string']);

/** Whether CEL's arithmetic refuses operands of `a` and `b` (of those it judges: numbers and strings). */
export function arithmeticRefused(a: CelTypeName, b: CelTypeName): boolean {
  return a !== b && ARITHMETIC_OPERANDS.has(a) && ARITHMETIC_OPERANDS.has(b);
}

/** How to write arithmetic of `a` and `b` that CEL takes. */
export function arithmeticHint(a: CelTypeName, b: CelTypeName): string {
  return a === 'string' || b === 'string'
    ? "convert the number to text first, e.g. self.host + ':' + string(self.port)"
    : `convert one side so both are one type, e.g. double(self.replicas) * 0.5 or int(self.ratio * 100.0), or write the constant as ${CEL_TYPE_WORDS[a]} (${a === 'double' ? '2.0' : a === 'uint' ? '2u' : '2'})`;
}
