import { fields, Fields } from './manifest';
import { parsedCelExpression } from './schema/cel-evaluator';
import type { CelExpr } from './schema/cel-new-expressions';

// The API server estimates the worst cost of every CRD rule as it compiles it, from the largest values the schema
// allows, and refuses the CRD when the cost times the number of times the rule may run in one object is above
// 10,000,000 (StaticEstimatedCostLimit: "estimated rule cost exceeds budget"). A list, map or string with no
// maxItems, maxProperties or maxLength is taken as large as a request of 3 MiB holds (a million strings), so a
// rule walking such a list inside a walk of another, or matching its strings, is refused however small the
// objects are. This is a lower bound of that estimate (cel-go's checker/cost.go, Kubernetes'
// apiserver/pkg/cel/common/schemas.go): it counts only the iterations of comprehensions over fields of known size and
// the work of matches(), so a rule it refuses the API server refuses too.

/** The largest request the API server takes, which bounds a value without limits (DefaultMaxRequestSizeBytes). */
const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
/** The most a rule may cost, its estimate times its cardinality. */
export const RULE_COST_LIMIT = 10_000_000;
/** cel-go's factors for traversing a string and for each character of a pattern. */
const STRING_TRAVERSAL = 0.1;
const REGEX_LENGTH = 0.25;
/** The least bytes a string of a format takes in JSON, the quotes with it (Kubernetes' MinDurationSizeJSON and the like). */
const FORMAT_MIN_SIZES: Readonly<Record<string, number>> = { duration: 4, date: 12, 'date-time': 21 };

/** The least bytes a value of `schema` takes in JSON (DeclType.MinSerializedSize), or undefined where not told. */
export function minSerializedSize(schema: Fields): number | undefined {
  if (schema['x-kubernetes-int-or-string'] === true) {
    return 1;
  }
  switch (schema.type) {
    case 'string': return FORMAT_MIN_SIZES[String(schema.format)] ?? 2;
    case 'integer': case 'number': return 1;
    case 'boolean': return 4;
    case 'array': return 2;
    case 'object': {
      if (typeof schema.additionalProperties === 'object') {
        return 2;
      }
      // {} and every required field without a default: its quoted name, a colon, a comma and its value.
      const properties = fields(schema.properties);
      let size = 2;
      for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
        const property = fields(properties[name]);
        const least = property.default === undefined && Object.prototype.hasOwnProperty.call(properties, name) ? minSerializedSize(property) : 0;
        if (least === undefined) {
          return undefined;
        }
        size += least === 0 ? 0 : name.length + least + 4;
      }
      return size;
    }
    default: return undefined;
  }
}

/** How many items, entries or characters a value of `schema` may hold as the API server estimates it, or undefined. */
function maxElements(schema: Fields): number | undefined {
  const bounded = (limit: unknown, estimate: () => number | undefined): number | undefined =>
    (typeof limit === 'number' ? Math.max(0, limit) : estimate());
  if (schema.type === 'array') {
    const item = minSerializedSize(fields(schema.items));
    return bounded(schema.maxItems, () => (item === undefined ? undefined : Math.floor((MAX_REQUEST_BYTES - 2) / (item + 1))));
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    const value = minSerializedSize(fields(schema.additionalProperties));
    return bounded(schema.maxProperties, () => (value === undefined ? undefined : Math.floor((MAX_REQUEST_BYTES - 2) / (value + 6))));
  }
  if (schema.type === 'string' && (schema.format === undefined || schema.format === '')) {
    const words = Array.isArray(schema.enum) ? schema.enum.filter((value): value is string => typeof value === 'string') : [];
    const longest = words.length > 0 ? Math.max(...words.map((word) => word.length)) : undefined;
    // maxLength counts characters, the estimate bytes: up to 4 of them each.
    return typeof schema.maxLength === 'number' ? Math.max(0, schema.maxLength) * 4 : longest ?? MAX_REQUEST_BYTES - 2;
  }
  return undefined;
}

/**
 * How many times a rule of `schema` may run in one object: the product of maxItems and maxProperties of the lists and
 * maps above it (`bounded`), or, below one without them, as many values of its least size as a request holds.
 */
export function ruleCardinality(schema: Fields, bounded: number | undefined): number {
  if (bounded !== undefined) {
    return bounded;
  }
  const least = minSerializedSize(schema);
  return least === undefined ? 1 : Math.floor(MAX_REQUEST_BYTES / (least + 1));
}

/** The cardinality of the schema under `key` (items, additionalProperties, a property) of `schema`, whose own is `bounded`. */
export function childCardinality(schema: Fields, key: string, bounded: number | undefined): number | undefined {
  const limit = key === 'items' ? schema.maxItems : key === 'additionalProperties' ? schema.maxProperties : 1;
  return bounded === undefined || typeof limit !== 'number' ? undefined : bounded * Math.max(0, limit);
}

/** What each variable of an expression stands for: the schema of its values, where known. */
type Scope = ReadonlyMap<string, Fields | undefined>;

interface Comprehension { iterVar?: string; iterRange?: CelExpr; accuInit?: CelExpr; loopCondition?: CelExpr; loopStep?: CelExpr; result?: CelExpr }
interface Call { function?: string; target?: CelExpr; args?: CelExpr[] }

/** The schema of the values `node` reads (a variable, or a field selected from one), or undefined. */
function schemaOf(node: CelExpr | undefined, scope: Scope): Fields | undefined {
  const kind = node?.exprKind;
  if (kind?.case === 'identExpr') {
    return scope.get(String(kind.value?.name));
  }
  if (kind?.case === 'selectExpr') {
    const select = kind.value as { operand?: CelExpr; field?: string; testOnly?: boolean };
    const operand = select.testOnly ? undefined : schemaOf(select.operand, scope);
    const properties = fields(operand?.properties);
    return operand !== undefined && typeof select.field === 'string' && Object.prototype.hasOwnProperty.call(properties, select.field) ? fields(properties[select.field]) : undefined;
  }
  return undefined;
}

/** The most items or characters `node` may hold: a field's, a literal's, or that of the list a map() or filter() walks. */
function sizeOf(node: CelExpr | undefined, scope: Scope): number | undefined {
  const kind = node?.exprKind;
  if (kind?.case === 'listExpr') {
    return ((kind.value as { elements?: CelExpr[] }).elements ?? []).length;
  }
  if (kind?.case === 'constExpr') {
    const constant = (kind.value as { constantKind?: { case?: string; value?: unknown } }).constantKind;
    return constant?.case === 'stringValue' && typeof constant.value === 'string' ? Buffer.byteLength(constant.value) : undefined;
  }
  const schema = schemaOf(node, scope);
  return schema === undefined ? undefined : maxElements(schema);
}

/** The schema of the values a comprehension over `range` binds its variable to: a list's items. */
function itemSchema(range: CelExpr | undefined, scope: Scope): Fields | undefined {
  const schema = schemaOf(range, scope);
  return schema?.type === 'array' ? fields(schema.items) : undefined;
}

/** A lower bound of the cost the API server estimates for `node`. */
function leastCost(node: CelExpr | undefined, scope: Scope): number {
  const kind = node?.exprKind;
  switch (kind?.case) {
    case 'selectExpr':
      return leastCost((kind.value as { operand?: CelExpr }).operand, scope);
    case 'listExpr':
      return ((kind.value as { elements?: CelExpr[] }).elements ?? []).reduce((sum, e) => sum + leastCost(e, scope), 0);
    case 'callExpr': {
      const call = kind.value as Call;
      const args = call.args ?? [];
      if (call.function === '_?_:_' && args.length === 3) {
        return leastCost(args[0], scope) + Math.max(leastCost(args[1], scope), leastCost(args[2], scope));
      }
      const parts = call.target === undefined ? args : [call.target, ...args];
      const sum = parts.reduce((total, part) => total + leastCost(part, scope), 0);
      return sum + (call.function === 'matches' && parts.length === 2 ? matchCost(parts[0], parts[1], scope) : 0);
    }
    case 'comprehensionExpr': {
      const comprehension = kind.value as Comprehension;
      const inner = new Map(scope);
      if (typeof comprehension.iterVar === 'string') {
        inner.set(comprehension.iterVar, itemSchema(comprehension.iterRange, scope));
      }
      // Each iteration tests the loop condition and takes a step: a call at the least.
      const perIteration = 1 + leastCost(comprehension.loopCondition, inner) + leastCost(comprehension.loopStep, inner);
      return leastCost(comprehension.iterRange, scope) + leastCost(comprehension.accuInit, scope) + (sizeOf(comprehension.iterRange, scope) ?? 0) * perIteration
        + leastCost(comprehension.result, inner);
    }
    default:
      return 0;
  }
}

/** What matches() of `text` by `pattern` costs: a traversal of the text for each four characters of the pattern. */
function matchCost(text: CelExpr, pattern: CelExpr, scope: Scope): number {
  const textSize = sizeOf(text, scope);
  const patternSize = sizeOf(pattern, scope);
  return textSize === undefined || patternSize === undefined ? 0 : Math.ceil((textSize + 1) * STRING_TRAVERSAL) * Math.ceil(patternSize * REGEX_LENGTH);
}

/** A rule's estimated cost against the limit, where it is above it. */
export interface RuleCostExcess {
  /** The least cost of one run, as the API server estimates it. */
  readonly cost: number;
  /** How many times the rule may run in one object. */
  readonly cardinality: number;
}

/**
 * The cost of `expression`, a rule or message expression of `schema` that may run `cardinality` times in an object,
 * where the API server estimates it (this, at the least) above the limit of a rule; undefined when it is not. Pure.
 */
export function ruleCostExcess(expression: string, schema: Fields, cardinality: number): RuleCostExcess | undefined {
  const scope: Scope = new Map([['self', schema], ['oldSelf', schema]]);
  const cost = leastCost(parsedCelExpression(expression) as CelExpr | undefined, scope);
  return cost * cardinality > RULE_COST_LIMIT ? { cost, cardinality } : undefined;
}
