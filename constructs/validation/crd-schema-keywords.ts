import type { AddFinding, Fields } from './manifest';
import { fields } from './manifest';
import { goPatternProblem, RE2_PATTERN_HINT } from './regex-syntax';

/** JSON schema keywords that apiextensions.k8s.io/v1 does not support, and what to write instead. */
const UNSUPPORTED: ReadonlyArray<readonly [keyword: string, instead: string]> = [
  ['patternProperties', 'a map of additionalProperties, its keys checked by a rule (x-kubernetes-validations)'],
  ['definitions', 'the schema written out where it is used'],
  ['dependencies', 'a rule (x-kubernetes-validations) such as \'!has(self.a) || has(self.b)\''],
  ['additionalItems', 'one schema under items'],
  ['id', 'a description'],
  ['$ref', 'the schema it names written out where it is used'],
];

/** The types a CRD schema's field may name (the API server's openapiV3Types). */
const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** The OpenAPI type meant by a name of another language's. */
const TYPE_MEANT: Readonly<Record<string, string>> = {
  text: 'string', str: 'string', int: 'integer', int32: 'integer', int64: 'integer', long: 'integer', float: 'number', double: 'number',
  bool: 'boolean', map: 'object', dict: 'object', list: 'array', date: 'string (with format: date)', 'date-time': 'string (with format: date-time)',
};

/**
 * Keywords of one node of a CustomResourceDefinition's schema that the API server refuses however the
 * structure around them is (the invariants of the apiextensions structural schema and its keywords): a keyword
 * of JSON schema it does not support (patternProperties, definitions, dependencies, additionalItems, id, $ref), type null,
 * a type of no OpenAPI name or a list of types,
 * a list of item schemas, a pattern Go's regexp does
 * not compile, an embedded resource that is no object, has neither fields nor x-kubernetes-preserve-unknown-fields
 * or is a map, and an int-or-string node that also keeps unknown fields or embeds a resource. Pure: reports
 * through `add`.
 */
export function checkSchemaKeywords(node: Fields, path: string, add: AddFinding): void {
  checkSchemaPattern(node, path, add);
  for (const [keyword, instead] of UNSUPPORTED) {
    if (node[keyword] !== undefined) {
      add(`${path}.${keyword}`, `${keyword} is not supported in a CRD schema; the API server refuses the CRD`, `write ${instead}`);
    }
  }
  if (node.type === 'null') {
    add(`${path}.type`, 'type null is refused by the API server', 'give the field its type and nullable: true');
  } else if (Array.isArray(node.type)) {
    // JSON schema's list of types: the API server reads type as one name, and refuses the CRD.
    const named = node.type.filter((t) => t !== 'null');
    add(`${path}.type`, `type is a list (${JSON.stringify(node.type)}); a CRD schema names one type per field, and the API server refuses the CRD`,
      named.length === 1 ? `write type: ${String(named[0])}${named.length < node.type.length ? ' with nullable: true' : ''}` : 'give the field one type, or x-kubernetes-int-or-string: true for an integer or a string');
  } else if (typeof node.type === 'string' && node.type !== '' && !OPENAPI_TYPES.includes(node.type)) {
    add(`${path}.type`, `type ${JSON.stringify(node.type)} is none of ${OPENAPI_TYPES.join(', ')}; the API server refuses the CRD`,
      `write one of them${TYPE_MEANT[node.type.toLowerCase()] ? `: type: ${TYPE_MEANT[node.type.toLowerCase()]}` : ''}`);
  }
  if (Array.isArray(node.items)) {
    add(`${path}.items`, 'items is a list of schemas; the API server takes one schema for all the items of an array', 'write items as one schema (items: { type: string })');
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    checkEmbeddedResource(node, path, add);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    for (const key of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource']) {
      if (node[key] === true) {
        add(`${path}.${key}`, `an x-kubernetes-int-or-string field takes no ${key}; the API server refuses the CRD`, `drop ${key}: the field holds an integer or a string`);
      }
    }
  }
}

/**
 * The API server compiles each pattern with Go's regexp (RE2) and refuses the CRD for one it cannot: a pattern that
 * is no regular expression, or one of JavaScript's lookarounds and backreferences. A pattern of RE2 constructs the
 * translation to JavaScript leaves out (an inline flag such as (?s)) is left alone. In a branch of allOf, anyOf,
 * oneOf or not too.
 */
export function checkSchemaPattern(node: Fields, path: string, add: AddFinding): void {
  const pattern = node.pattern;
  if (typeof pattern !== 'string' || pattern === '') {
    return;
  }
  const problem = goPatternProblem(pattern);
  if (problem !== undefined) {
    add(`${path}.pattern`, `pattern ${JSON.stringify(pattern)} ${problem}; the API server compiles it with Go's regexp and refuses the CRD`,
      RE2_PATTERN_HINT);
  }
}

/** An embedded resource is an object of its own apiVersion, kind and metadata, and so no map. */
function checkEmbeddedResource(node: Fields, path: string, add: AddFinding): void {
  if (node.type !== 'object') {
    add(`${path}.type`, `an x-kubernetes-embedded-resource field is of type ${String(node.type ?? 'none')}; the API server takes it as an object only`, 'give it type: object');
  }
  if (node.additionalProperties !== undefined) {
    add(`${path}.additionalProperties`, 'an x-kubernetes-embedded-resource field takes no additionalProperties; the API server refuses the CRD', 'drop additionalProperties; give its fields under properties, or x-kubernetes-preserve-unknown-fields: true');
  } else if (node['x-kubernetes-preserve-unknown-fields'] !== true && Object.keys(fields(node.properties)).length === 0) {
    add(`${path}.properties`, 'an x-kubernetes-embedded-resource field has no properties and does not keep unknown fields, so the API server refuses the CRD',
      'add x-kubernetes-preserve-unknown-fields: true to keep any resource, or give its fields under properties');
  }
}
