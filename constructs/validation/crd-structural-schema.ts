import type { SynthesizedObject } from '../synth/collect';
import { checkListItems } from './crd-list-schemas';
import { checkSchemaKeywords, checkSchemaPattern } from './crd-schema-keywords';
import { AddFinding, fields, Fields, list } from './manifest';

/** Where a schema node sits: the root, an array's items, or a field of an object (the API server's levels). */
type Level = 'root' | 'item' | 'field';

/** Keys a branch of allOf, anyOf, oneOf or not may not hold: the structure belongs outside the branches. */
const BRANCH_FORBIDDEN: readonly string[] = [
  'type', 'description', 'title', 'default', 'additionalProperties', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type',
];
const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;
const STRUCTURAL_HINT = 'give every object field, array item and map value its type (type: object with properties, type: array with items), or mark a free-form level x-kubernetes-preserve-unknown-fields: true';

/**
 * The schema of each version of a CustomResourceDefinition is structural, as apiextensions.k8s.io/v1 requires
 * (ValidateStructural, and the checks of ValidateCustomResourceDefinitionOpenAPISchema that keep it so): every
 * node of the structure has a type, object at the root (int-or-string and free-form nodes aside), an array has
 * its items, the root takes no additionalProperties and no metadata fields other than name and generateName,
 * no object has both properties and additionalProperties, the branches of allOf, anyOf, oneOf and not only
 * restrict values (no type, description, default or extension in them), no list is uniqueItems or keyed
 * without keys, list and map types are known ones on arrays and objects, each default is of its field's type and enum, and
 * the keywords of each node are ones it takes (see checkSchemaKeywords). The API server refuses the CRD otherwise. Pure: reports through `add`.
 */
export function checkStructuralSchemas(object: SynthesizedObject, add: AddFinding): void {
  list(fields(object.manifest.spec).versions).forEach((version, i) => {
    const schema = fields(version.schema).openAPIV3Schema;
    if (schema !== undefined) {
      checkNode(fields(schema), 'root', `spec.versions[${i}].schema.openAPIV3Schema`, add);
    }
  });
}

function checkNode(node: Fields, level: Level, path: string, add: AddFinding): void {
  const type = node.type;
  const free = node['x-kubernetes-preserve-unknown-fields'] === true || node['x-kubernetes-int-or-string'] === true;
  if (type === undefined && !free && node['x-kubernetes-embedded-resource'] !== true) {
    const where = level === 'root' ? 'the root of the schema' : level === 'item' ? 'the array items' : 'the field';
    add(`${path}.type`, `${where} has no type, so the schema is not structural and the API server refuses the CRD`, STRUCTURAL_HINT);
  } else if (level === 'root' && type !== undefined && type !== 'object') {
    add(`${path}.type`, `the root of the schema is of type ${String(type)}; the API server takes an object there`, 'write type: object at the root, with the fields under properties');
  }
  if (type === 'array' && node.items === undefined) {
    add(`${path}.items`, 'the array has no items schema; the API server needs the type of its items', 'give items: { type: string } (or the type its items have)');
  }
  const properties = fields(node.properties);
  const hasProperties = Object.keys(properties).length > 0;
  if (node.additionalProperties !== undefined && node.additionalProperties !== true) {
    if (level === 'root') {
      add(`${path}.additionalProperties`, 'the root of the schema takes no additionalProperties; the API server refuses them there', 'give the fields under properties');
    } else if (hasProperties) {
      add(`${path}.additionalProperties`, 'the object has properties and additionalProperties; the API server takes one of them (fields of known names, or a map)',
        'keep properties for fields of known names, or additionalProperties for a map of any keys');
    }
  }
  checkExtensions(node, path, add);
  checkSchemaKeywords(node, path, add);
  checkListItems(node, path, add);
  checkDefault(node, path, add);
  if (level === 'root') {
    checkRootMetadata(fields(properties.metadata), properties.metadata !== undefined, `${path}.properties[metadata]`, add);
  }
  for (const name in properties) {
    checkNode(fields(properties[name]), 'field', `${path}.properties[${name}]`, add);
  }
  if (node.items !== undefined && typeof node.items === 'object' && !Array.isArray(node.items)) {
    checkNode(fields(node.items), 'item', `${path}.items`, add);
  }
  if (typeof node.additionalProperties === 'object' && node.additionalProperties !== null) {
    checkNode(fields(node.additionalProperties), 'field', `${path}.additionalProperties`, add);
  }
  checkBranches(node, path, add);
}

/** Extensions and list settings the API server refuses however the structure is. */
function checkExtensions(node: Fields, path: string, add: AddFinding): void {
  if (node.uniqueItems === true) {
    add(`${path}.uniqueItems`, 'uniqueItems: true is refused by the API server (its cost grows with the square of the list)', 'drop uniqueItems; x-kubernetes-list-type: set keeps the items distinct');
  }
  if (node['x-kubernetes-preserve-unknown-fields'] === false) {
    add(`${path}.x-kubernetes-preserve-unknown-fields`, 'x-kubernetes-preserve-unknown-fields is false; the API server takes it as true or not at all', 'drop it: unknown fields are pruned by default');
  }
  const listType = node['x-kubernetes-list-type'];
  const keys = node['x-kubernetes-list-map-keys'];
  const mapType = node['x-kubernetes-map-type'];
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(String(listType))) {
    add(`${path}.x-kubernetes-list-type`, `list type ${JSON.stringify(listType)} is none the API server takes (atomic, set, map)`, 'write atomic (replaced whole), set (distinct values) or map (items keyed by fields)');
  } else if (listType !== undefined && node.type !== 'array') {
    add(`${path}.x-kubernetes-list-type`, `x-kubernetes-list-type is set on a ${String(node.type ?? 'untyped')} field; the API server takes it on an array only`, 'give the field type: array with its items, or drop x-kubernetes-list-type');
  }
  if (mapType !== undefined && (!['atomic', 'granular'].includes(String(mapType)) || node.type !== 'object')) {
    add(`${path}.x-kubernetes-map-type`, `x-kubernetes-map-type ${JSON.stringify(mapType)} on a ${String(node.type ?? 'untyped')} field is refused: the API server takes atomic or granular, on an object`,
      'write atomic (replaced whole) or granular on a field of type object, or drop it');
  }
  if (listType === 'map' && (!Array.isArray(keys) || keys.length === 0)) {
    add(`${path}.x-kubernetes-list-map-keys`, 'a list of type map names no keys; the API server needs the fields that tell its items apart', 'give x-kubernetes-list-map-keys: [name], the fields of an item that are its key');
  } else if (Array.isArray(keys) && keys.length > 0 && listType !== 'map') {
    add(`${path}.x-kubernetes-list-type`, 'the list names map keys but is no list of type map; the API server refuses the keys of another list', 'write x-kubernetes-list-type: map beside the keys, or drop the keys');
  }
}

/** Whether `value` is of the JSON schema `type`. */
function isOfType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return true;
  }
}

/**
 * A default is of its node's type and among its enum (structuraldefaulting.ValidateDefaults): the API server
 * validates each default against the schema it stands in, and refuses the CRD for one it would refuse in an object.
 */
function checkDefault(node: Fields, path: string, add: AddFinding): void {
  const value = node.default;
  if (value === undefined || (value === null && node.nullable === true)) {
    return;
  }
  const type = node['x-kubernetes-int-or-string'] === true ? undefined : node.type;
  if (!isOfType(value, type) || (node['x-kubernetes-int-or-string'] === true && typeof value !== 'number' && typeof value !== 'string')) {
    add(`${path}.default`, `the default ${JSON.stringify(value)} is not of the field's type ${String(type ?? 'integer or string')}; the API server refuses a default its own schema would refuse`,
      `write the default as a value of type ${String(type ?? 'integer or string')}${type === 'integer' && typeof value === 'string' ? `, e.g. ${value.replace(/\D/g, '') || '1'} without quotes` : ''}`);
  } else if (Array.isArray(node.enum) && !node.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    add(`${path}.default`, `the default ${JSON.stringify(value)} is none of the field's enum (${node.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}); the API server refuses a default its own schema would refuse`,
      'make the default one of the enum\'s values, or add it to the enum');
  }
}

/** The root's metadata: an object, whose schema restricts name and generateName at most. */
function checkRootMetadata(metadata: Fields, present: boolean, path: string, add: AddFinding): void {
  if (!present) {
    return;
  }
  const others = Object.keys(fields(metadata.properties)).filter((name) => name !== 'name' && name !== 'generateName');
  const extra = Object.keys(metadata).filter((key) => !['type', 'properties', 'description'].includes(key));
  if (others.length > 0 || extra.length > 0) {
    add(path, `the schema of metadata sets ${[...others.map((name) => `properties.${name}`), ...extra].join(', ')}; the API server takes only a schema of name and generateName there`,
      'drop them: the API server checks an object\'s metadata itself (labels, annotations and the rest)');
  }
}

/** The branches of the junctors of `node` restrict values only; the int-or-string pattern is the exception. */
function checkBranches(node: Fields, path: string, add: AddFinding): void {
  for (const junctor of JUNCTORS) {
    list(node[junctor]).forEach((branch, i) => {
      if (isIntOrStringBranch(node, junctor, i)) {
        return;
      }
      checkBranch(branch, `${path}.${junctor}[${i}]`, add);
    });
  }
  if (node.not !== undefined) {
    checkBranch(fields(node.not), `${path}.not`, add);
  }
}

/** The two branches `anyOf: [{type: integer}, {type: string}]`, directly or first in allOf, that int-or-string takes. */
function isIntOrStringBranch(node: Fields, junctor: string, index: number): boolean {
  const pattern = (anyOf: unknown): boolean => {
    const branches = list(anyOf);
    return branches.length === 2 && branches[0].type === 'integer' && branches[1].type === 'string'
      && branches.every((branch) => Object.keys(branch).length === 1);
  };
  return (junctor === 'anyOf' && pattern(node.anyOf)) || (junctor === 'allOf' && index === 0 && pattern(list(node.allOf)[0]?.anyOf));
}

function checkBranch(branch: Fields, path: string, add: AddFinding): void {
  const forbidden = BRANCH_FORBIDDEN.filter((key) => branch[key] !== undefined).concat(branch.nullable === true ? ['nullable'] : []);
  if (forbidden.length > 0) {
    add(`${path}.${forbidden[0]}`, `a branch of allOf, anyOf, oneOf or not sets ${forbidden.join(', ')}; the API server takes only value restrictions there, so the schema is not structural`,
      'move the type, description and the like to the schema the branch belongs to, and keep only the restriction (required, enum, pattern, ...) in the branch');
  }
  checkSchemaPattern(branch, path, add);
  if (fields(branch.properties).metadata !== undefined) {
    add(`${path}.properties[metadata]`, 'a branch of allOf, anyOf, oneOf or not restricts metadata; the API server refuses that', 'drop the restriction of metadata from the branch');
  }
  for (const name in fields(branch.properties)) {
    checkBranch(fields(fields(branch.properties)[name]), `${path}.properties[${name}]`, add);
  }
  if (branch.items !== undefined) {
    checkBranch(fields(branch.items), `${path}.items`, add);
  }
  checkBranches(branch, path, add);
}
