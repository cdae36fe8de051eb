import type { SynthesizedObject } from '../synth/collect';
import { childCardinality, RULE_COST_LIMIT, ruleCardinality, ruleCostExcess } from './crd-rule-cost';
import { missingFieldPathStep } from './crd-rule-field-paths';
import { ruleTypeProblem } from './crd-rule-types';
import { AddFinding, fields, Fields, list } from './manifest';
import { celExpressionProblem, celSelectedFields, CRD_RULE_VARIABLES } from './schema/cel-new-expressions';

/** The reasons a validation rule of a CRD may give (apiextensions' supportedValidationReason). */
const RULE_REASONS: readonly string[] = ['FieldValueRequired', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueDuplicate'];

/** Keys of a schema whose values are schemas by name, and those whose values are lists of schemas. */
const NAMED_SCHEMAS = ['properties', 'patternProperties', 'definitions'] as const;
const LISTED_SCHEMAS = ['allOf', 'anyOf', 'oneOf'] as const;
const SINGLE_SCHEMAS = ['items', 'additionalProperties', 'not'] as const;

/**
 * A CustomResourceDefinition's versions (ValidateCustomResourceDefinitionSpec): each named once and exactly
 * one of them the storage version; and the `x-kubernetes-validations` of each version's schema, whose rules
 * and message expressions must compile as new CEL expressions of a 1.30 API server (its syntax, the libraries of
 * 1.29, the variables self and oldSelf, a bool or a string as their outermost operation gives; the API server
 * type-checks them in full, which this does not), whose messages are single lines, whose reasons are of the fixed
 * set, whose optionalOldSelf stands beside a rule of oldSelf only, whose fieldPath names a field of the schema, and
 * none of which repeats the rule of another of its schema. Pure: reports through `add`.
 */
export function checkCustomResourceDefinitionVersions(object: SynthesizedObject, add: AddFinding): void {
  const versions = list(fields(object.manifest.spec).versions);
  if (versions.length === 0) {
    return; // the schema reports a CRD without versions
  }
  const storage = versions.filter((version) => version.storage === true).map((version) => String(version.name));
  if (storage.length !== 1) {
    add('spec.versions', storage.length === 0
      ? 'no version is marked storage: true; the API server needs exactly one version to store the objects in'
      : `versions ${storage.join(' and ')} are each marked storage: true; the API server stores the objects in exactly one`,
    `mark one version storage: true (the newest, usually) and the others storage: false; objects of the others are converted to it`);
  }
  const seen = new Set<unknown>();
  versions.forEach((version, i) => {
    if (seen.has(version.name)) {
      add(`spec.versions[${i}].name`, `version ${String(version.name)} is listed twice; the API server takes each version name once`, 'merge the two entries, or name the second version after what it is (v1beta1, v2)');
    }
    seen.add(version.name);
    const schema = fields(fields(version.schema).openAPIV3Schema);
    checkSchemaRules(schema, `spec.versions[${i}].schema.openAPIV3Schema`, add, true, 1);
  });
}

/**
 * The validation rules of `schema` and of every schema under it. `resourceRoot` says whether `schema` is an object's
 * own (the version's root, or an x-kubernetes-embedded-resource field), whose rules may read its apiVersion, kind
 * and metadata. `cardinality` is how many times a value of `schema` may stand in an object, where the lists and maps
 * above it bound it (undefined below one that does not).
 */
function checkSchemaRules(schema: Fields, path: string, add: AddFinding, resourceRoot: boolean, cardinality: number | undefined): void {
  const rules = new Map<unknown, number>();
  list(schema['x-kubernetes-validations']).forEach((rule, i) => {
    const at = `${path}.x-kubernetes-validations[${i}]`;
    checkRule(rule, schema, at, add, resourceRoot, cardinality);
    // The rule is the key of the list: server-side apply refuses a schema that gives one rule twice.
    if (typeof rule.rule === 'string' && rules.has(rule.rule)) {
      add(`${at}.rule`, `rule ${JSON.stringify(rule.rule)} is given by x-kubernetes-validations[${rules.get(rule.rule)}] of the same schema already; server-side apply refuses a rule twice`,
        'keep one entry of the rule (with the message you want), or drop the repeated one');
    } else if (typeof rule.rule === 'string') {
      rules.set(rule.rule, i);
    }
  });
  for (const key of NAMED_SCHEMAS) {
    const named = fields(schema[key]);
    // for-in lists no entries; schemas are plain JSON.
    for (const name in named) {
      checkSchemaRules(fields(named[name]), `${path}.${key}[${name}]`, add, isEmbeddedResource(named[name]), cardinality);
    }
  }
  for (const key of LISTED_SCHEMAS) {
    // A branch of allOf, anyOf or oneOf stands for the schema it is in.
    list(schema[key]).forEach((branch, i) => checkSchemaRules(branch, `${path}.${key}[${i}]`, add, resourceRoot, cardinality));
  }
  for (const key of SINGLE_SCHEMAS) {
    if (typeof schema[key] === 'object' && schema[key] !== null && !Array.isArray(schema[key])) {
      checkSchemaRules(fields(schema[key]), `${path}.${key}`, add, key === 'not' ? resourceRoot : isEmbeddedResource(schema[key]), childCardinality(schema, key, cardinality));
    }
  }
}

const isEmbeddedResource = (schema: unknown): boolean => fields(schema)['x-kubernetes-embedded-resource'] === true;

function checkRule(rule: Fields, schema: Fields, path: string, add: AddFinding, resourceRoot: boolean, cardinality: number | undefined): void {
  for (const key of ['rule', 'messageExpression'] as const) {
    const expression = rule[key];
    // An empty message expression is none; an empty rule is refused.
    if (typeof expression !== 'string' || (key === 'messageExpression' && expression === '')) {
      continue;
    }
    const found = celExpressionProblem(expression, { variables: CRD_RULE_VARIABLES, result: key === 'rule' ? 'bool' : 'string' });
    if (found !== undefined) {
      add(`${path}.${key}`, `${key} ${JSON.stringify(expression)} is no CEL expression the API server compiles (${found.problem}), so it refuses the CRD`,
        found.hint ?? (key === 'rule' ? "write the rule as one CEL expression that is true for a valid object, e.g. 'self.replicas >= 0'"
          : "write the message as a CEL expression of type string, e.g. \"'replicas is ' + string(self.replicas)\", or give a fixed message instead"));
    } else if (typeof expression === 'string') {
      const typed = checkSelectedFields(expression, schema, `${path}.${key}`, key, add, resourceRoot) ? undefined : ruleTypeProblem(expression, schema, resourceRoot);
      if (typed !== undefined) {
        add(`${path}.${key}`, `${key} ${JSON.stringify(expression)} is no CEL expression the API server compiles for this schema (${typed.problem}), so it refuses the CRD`, typed.hint);
      } else {
        checkRuleCost(expression, schema, `${path}.${key}`, key, add, cardinality);
      }
    }
  }
  const message = rule.message;
  if (typeof message === 'string' && /[\r\n]/.test(message)) {
    add(`${path}.message`, 'the message has a line break; the API server refuses a rule message that is not one line', 'write the message on one line');
  } else if (typeof message === 'string' && message !== '' && message.trim() === '') {
    add(`${path}.message`, 'the message is blank; the API server takes a message only when it says something', 'write what is wrong when the rule fails, or leave message out');
  }
  if (typeof rule.reason === 'string' && !RULE_REASONS.includes(rule.reason)) {
    add(`${path}.reason`, `reason ${JSON.stringify(rule.reason)} is not one the API server takes`, `use one of ${RULE_REASONS.join(', ')}, or leave it out (FieldValueInvalid)`);
  }
  checkRuleTargets(rule, schema, path, add);
}

/** A rule or message expression whose cost, as the API server estimates it, is above what it allows one. */
function checkRuleCost(expression: string, schema: Fields, at: string, key: string, add: AddFinding, cardinality: number | undefined): void {
  const excess = ruleCostExcess(expression, schema, ruleCardinality(schema, cardinality));
  if (excess === undefined) {
    return;
  }
  const runs = excess.cardinality > 1 ? `, times the ${grouped(excess.cardinality)} values of its schema an object may hold` : '';
  add(at, `${key} ${JSON.stringify(expression)} costs at least ${grouped(excess.cost)} as the API server estimates it${runs}, more than the ${grouped(RULE_COST_LIMIT)} it allows a rule ("estimated rule cost exceeds budget"), as a list, map or string without maxItems, maxProperties or maxLength is taken as large as a request holds; it refuses the CRD`,
    'bound what the rule walks: maxItems on the lists it loops over (and on the lists above the rule), maxProperties on maps, maxLength on the strings it matches, e.g. maxItems: 64 and maxLength: 253');
}

/** A whole number with its digits in groups of three (1,048,576), the same on every machine. */
const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

/** What a rule points at: the old object through optionalOldSelf, a field through fieldPath. */
function checkRuleTargets(rule: Fields, schema: Fields, path: string, add: AddFinding): void {
  if (rule.optionalOldSelf === true && typeof rule.rule === 'string' && !/\boldSelf\b/.test(rule.rule)) {
    add(`${path}.optionalOldSelf`, 'optionalOldSelf is set on a rule that does not read oldSelf; the API server takes it on a transition rule only and refuses the CRD',
      'drop optionalOldSelf, or compare with the old value in the rule (e.g. \'!oldSelf.hasValue() || self >= oldSelf.value()\')');
  }
  if (typeof rule.fieldPath === 'string' && rule.fieldPath !== '') {
    const missing = missingFieldPathStep(schema, rule.fieldPath);
    if (missing !== undefined) {
      add(`${path}.fieldPath`, `fieldPath ${JSON.stringify(rule.fieldPath)} names ${JSON.stringify(missing.step)}, no field of the schema the rule stands in; the API server refuses a fieldPath to a field that does not exist`,
        `point fieldPath, relative to the rule's schema, at a field it has: ${missing.known.join(', ') || 'none there'}`);
    }
  }
}

/** Fields an object carries beside those its schema declares, which a rule at the root or of an embedded object may read. */
const OBJECT_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);
/** The fields of metadata such a rule reads (WithTypeAndObjectMeta): the API server gives it no others. */
const RULE_METADATA_FIELDS: readonly string[] = ['name', 'generateName'];

/**
 * The fields of metadata a rule of the object's own schema `schema` reads: name and generateName, which the API server
 * puts in place of what the schema says of metadata, unless the schema declares them itself as strings of an object
 * metadata, beside apiVersion and kind as strings, when it keeps the schema as it is (WithTypeAndObjectMeta).
 */
function ruleMetadataFields(schema: Fields): readonly string[] {
  const properties = fields(schema.properties);
  const metadata = fields(properties.metadata);
  const declared = fields(metadata.properties);
  const keeps = metadata.type === 'object' && ['apiVersion', 'kind'].every((name) => fields(properties[name]).type === 'string')
    && RULE_METADATA_FIELDS.every((name) => fields(declared[name]).type === 'string');
  return keeps ? Object.keys(declared) : RULE_METADATA_FIELDS;
}

/**
 * Where `steps`, read from the schema `schema` a rule stands in, reach an object's own field (apiVersion, kind,
 * metadata): of the rule's self when it stands at a resource's root (`resourceRoot`), or of an embedded object on the
 * way (`x-kubernetes-embedded-resource`). The API server declares these for both, whether their schema lists them or
 * not. The index of that step and the schema of the object it belongs to; undefined when the steps reach none. Pure.
 */
function objectFieldRead(schema: Fields, steps: readonly string[], resourceRoot: boolean): { index: number; object: Fields } | undefined {
  let node: Fields | undefined = schema;
  for (const [i, step] of steps.entries()) {
    if (OBJECT_FIELDS.has(step) && node !== undefined && (i === 0 ? resourceRoot : node['x-kubernetes-embedded-resource'] === true)) {
      return { index: i, object: node };
    }
    const properties = fields(node?.properties);
    node = Object.prototype.hasOwnProperty.call(properties, step) ? fields(properties[step]) : undefined;
  }
  return undefined;
}

/**
 * The fields `expression` reads from self or oldSelf by name that the schema the rule stands in does not declare:
 * the API server type-checks the rule against the schema and refuses the CRD ("undefined field"). A rule of an
 * object's own schema (`resourceRoot`), and any rule of an embedded object it reaches, reads that object's apiVersion
 * and kind too, and of its metadata the name and generateName alone.
 */
function checkSelectedFields(expression: string, schema: Fields, at: string, key: string, add: AddFinding, resourceRoot: boolean): boolean {
  for (const steps of celSelectedFields(expression)) {
    const objectField = objectFieldRead(schema, steps, resourceRoot);
    if (objectField !== undefined) {
      const { index, object } = objectField;
      const readable = ruleMetadataFields(object);
      const read = steps.slice(0, index).map((step) => `${step}.`).join('');
      if (steps[index] === 'metadata' && steps.length > index + 1 && !readable.includes(steps[index + 1])) {
        add(at, `${key} ${JSON.stringify(expression)} reads self.${read}metadata.${steps[index + 1]}, and a rule reads only ${readable.map((name) => `metadata.${name}`).join(' and ')} of an object's metadata; the API server type-checks the rule ("undefined field") and refuses the CRD`,
          `read ${readable.map((name) => `self.${read}metadata.${name}`).join(' or ')}; labels, annotations and the namespace are for an admission policy (a ValidatingAdmissionPolicy reads object.metadata in full)`);
        return true;
      }
      continue;
    }
    const missing = missingFieldPathStep(schema, steps.map((step) => `.${step}`).join(''));
    if (missing !== undefined) {
      const read = steps.slice(0, steps.indexOf(missing.step) + 1).join('.');
      add(at, `${key} ${JSON.stringify(expression)} reads self.${read}, and ${missing.step} is no field of the schema the rule stands in; the API server type-checks the rule against the schema ("undefined field") and refuses the CRD`,
        `read a field the schema has, relative to the rule's schema: ${missing.known.map((field) => `self${field}`).join(', ') || 'none there'}`);
      return true;
    }
  }
  return false;
}
