import type { CelExpr } from './cel-new-expressions';

// The kind of value a CEL expression gives, read off its outermost operation without the schema's types: the
// API server type-checks a CRD rule (a bool), its message expression (a string) and an admission policy's
// expressions in full, and refuses one of another type when it stores the object that holds it.

/** What the outermost operation of an expression gives, where it tells; `sum` is a + or -, never a bool. */
export type CelResultKind = 'bool' | 'string' | 'number' | 'list' | 'map' | 'null' | 'bytes' | 'sum';
export const RESULT_WORDS: Record<CelResultKind, string> = {
  bool: 'a bool', string: 'a string', number: 'a number', list: 'a list', map: 'a map', null: 'null', bytes: 'bytes', sum: 'the result of a + or -, never a bool',
};
const BOOL_CALLS: ReadonlySet<string> = new Set([
  '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '_&&_', '_||_', '!_', '@in', 'matches', 'startsWith', 'endsWith', 'contains',
  'isSorted', 'isURL', 'isQuantity', 'isInteger', 'isLessThan', 'isGreaterThan', 'hasValue', 'equivalent', 'intersects',
]);
const STRING_CALLS: ReadonlySet<string> = new Set([
  'string', 'lowerAscii', 'upperAscii', 'replace', 'substring', 'trim', 'join', 'charAt', 'find', 'quote',
  'getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath',
]);
const NUMBER_CALLS: ReadonlySet<string> = new Set(['size', 'int', 'uint', 'double', '_*_', '_/_', '_%_', 'indexOf', 'lastIndexOf', 'asInteger', 'asApproximateFloat', 'sign', 'compareTo']);
const CONSTANT_KINDS: Record<string, CelResultKind> = {
  boolValue: 'bool', stringValue: 'string', int64Value: 'number', uint64Value: 'number', doubleValue: 'number', nullValue: 'null', bytesValue: 'bytes',
};

/** The kind of value `node` gives as its outermost operation tells, or undefined where it depends on the data. */
export function celResultKind(node: CelExpr | undefined): CelResultKind | undefined {
  const kind = node?.exprKind;
  const value = kind?.value as Record<string, any> | undefined;
  switch (kind?.case) {
    case 'constExpr':
      return CONSTANT_KINDS[String(value?.constantKind?.case)];
    case 'listExpr':
      return 'list';
    case 'structExpr':
      return 'map';
    case 'selectExpr':
      return value?.testOnly === true ? 'bool' : undefined;
    case 'comprehensionExpr': {
      // A macro's result is its accumulator (all, exists, map, filter) or an operation on it (exists_one).
      const result = value?.result as CelExpr | undefined;
      const accumulated = result?.exprKind?.case === 'identExpr' && result.exprKind.value?.name === value?.accuVar;
      return celResultKind(accumulated ? value?.accuInit : result);
    }
    case 'callExpr': {
      const fn = String(value?.function);
      if (fn === '_?_:_') {
        const [then, otherwise] = [celResultKind(value?.args?.[1]), celResultKind(value?.args?.[2])];
        return then === otherwise ? then : undefined;
      }
      return BOOL_CALLS.has(fn) ? 'bool' : STRING_CALLS.has(fn) ? 'string' : NUMBER_CALLS.has(fn) ? 'number'
        : fn === '_+_' || fn === '_-_' || fn === '-_' ? 'sum' : undefined;
    }
    default:
      return undefined;
  }
}
