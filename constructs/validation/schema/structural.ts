import { KUBERNETES_FORMATS } from './formats';
import { translateGoRegExp } from './go-regexp';

/** A JSON Schema node, as found in OpenAPI definitions and CRDs. */
export type JsonSchema = { [keyword: string]: unknown };

/** How {@link toStrictSchema} treats objects that declare no fields. */
export interface StrictSchemaOptions {
  /**
   * Whether `type: object` without `properties` or `additionalProperties` rejects every field.
   *
   * True for CRD schemas: the API server prunes such fields (and strict field validation reports
   * them as unknown) unless `x-kubernetes-preserve-unknown-fields` is set. False for the core
   * OpenAPI definitions, where such objects (RawExtension, FieldsV1) are free-form.
   */
  readonly closeEmptyObjects: boolean;
  /** Receives a note for every pattern or format that could not be enforced. */
  readonly onDropped?: (note: string) => void;
  /**
   * Whether `$ref` points into the definitions compiled beside the schema. True for the core OpenAPI
   * definitions; false for a CRD's schema, where the API server refuses `$ref` (the CRD check reports it) and
   * nothing would resolve it. @default true
   */
  readonly refs?: boolean;
}

// Validation keywords that carry over unchanged; everything else (descriptions, defaults, list and
// map semantics, CEL rules, patch strategies) is documentation or server behaviour, not shape.
const COPIED = new Set([
  'type', 'enum', 'const', 'required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', '$ref',
]);

/**
 * Turn a Kubernetes OpenAPI schema node (core definition or CRD `openAPIV3Schema`) into a JSON
 * Schema that ajv can compile and that rejects what the API server's strict field validation rejects:
 *
 * - objects get `additionalProperties: false` unless they are maps (`additionalProperties` given),
 *   `x-kubernetes-preserve-unknown-fields`, or free-form (see {@link StrictSchemaOptions});
 *   branches of `allOf`/`anyOf`/`oneOf`/`not` stay open, as they only add constraints to the
 *   object declared around them;
 * - `x-kubernetes-int-or-string` and `format: int-or-string` become `type: [integer, string]`;
 * - `x-kubernetes-embedded-resource` objects accept `apiVersion`, `kind` and `metadata`;
 * - `nullable: true` admits `null`; everything else rejects it, as the written YAML should not
 *   carry nulls;
 * - `x-kubernetes-list-type: set` becomes `uniqueItems`;
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum`, which make `minimum`/`maximum` exclusive,
 *   become the numeric bounds of later JSON Schema that ajv reads ({@link exclusiveBounds});
 * - RE2 patterns are translated ({@link translateGoRegExp}); unknown formats are dropped.
 *
 * Not enforced here: `x-kubernetes-validations` (CEL rules) and the uniqueness of
 * `x-kubernetes-list-map-keys` in `list-type: map` lists, which a CRD's CEL tree checks (cel-rules.ts) and
 * the checks of the core kinds check for theirs.
 */
export function toStrictSchema(schema: unknown, options: StrictSchemaOptions, path = '#'): unknown {
  return convert(schema, options, path, false);
}

/** The types a schema of Kubernetes names. */
const JSON_TYPES: ReadonlySet<unknown> = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);
const isNumber = (value: unknown) => typeof value === 'number';
/**
 * What ajv can compile of each copied keyword. A hand-written CRD may give another form (a bound written as
 * text, an empty enum, a type of no such name): the CRD check reports what the API server refuses of it, and
 * the keyword is left out here rather than failing the compile of the whole schema. Go reads an empty enum as
 * none, so leaving it out is what the API server does too.
 */
const COMPILABLE: Readonly<Record<string, (value: unknown) => boolean>> = {
  type: (value) => JSON_TYPES.has(value) || (Array.isArray(value) && value.length > 0 && value.every((t) => JSON_TYPES.has(t) || t === 'null')),
  enum: (value) => Array.isArray(value) && value.length > 0,
  required: (value) => Array.isArray(value) && value.every((name) => typeof name === 'string'),
  minimum: isNumber, maximum: isNumber, multipleOf: isNumber,
  minLength: isNumber, maxLength: isNumber, minItems: isNumber, maxItems: isNumber, minProperties: isNumber, maxProperties: isNumber,
  uniqueItems: (value) => typeof value === 'boolean',
  $ref: (value) => typeof value === 'string',
};

function convert(node: unknown, options: StrictSchemaOptions, path: string, inJunctor: boolean): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const source = node as JsonSchema;
  const out: JsonSchema = {};
  const preserveUnknown = source['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = source['x-kubernetes-int-or-string'] === true || source.format === 'int-or-string';

  for (const [keyword, value] of Object.entries(source)) {
    if (COPIED.has(keyword)) {
      if (keyword === '$ref' && options.refs === false) {
        options.onDropped?.(`${path}: $ref dropped: a CRD schema has no definitions to resolve it`);
      } else if (COMPILABLE[keyword]?.(value) === false) {
        options.onDropped?.(`${path}: ${keyword} ${JSON.stringify(value)} dropped: not of the form JSON schema takes`);
      } else {
        out[keyword] = value;
      }
    } else if (keyword === 'properties' || keyword === 'definitions') {
      const children: JsonSchema = {};
      for (const [name, child] of Object.entries(value as JsonSchema)) {
        children[name] = convert(child, options, `${path}/${keyword}/${name}`, false);
      }
      out[keyword] = children;
    } else if (keyword === 'additionalProperties' || keyword === 'items') {
      out[keyword] = convert(value, options, `${path}/${keyword}`, false);
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      out[keyword] = (value as unknown[]).map((branch, i) => convert(branch, options, `${path}/${keyword}/${i}`, true));
    } else if (keyword === 'not') {
      out.not = convert(value, options, `${path}/not`, true);
    } else if (keyword === 'pattern') {
      const translated = translateGoRegExp(value as string);
      if (translated.source !== undefined) out.pattern = translated.source;
      else options.onDropped?.(`${path}: pattern dropped: ${translated.dropped}`);
    } else if (keyword === 'format') {
      if (Object.prototype.hasOwnProperty.call(KUBERNETES_FORMATS, value as string)) out.format = value;
      else if (!intOrString) options.onDropped?.(`${path}: format "${String(value)}" not checked`);
    }
  }

  Object.assign(out, exclusiveBounds(source));
  for (const keyword of ['exclusiveMinimum', 'exclusiveMaximum', 'minimum', 'maximum'] as const) {
    if (out[keyword] === undefined) delete out[keyword];
  }

  if (intOrString) {
    out.type = ['integer', 'string'];
    // The CRD spells the same union as anyOf [integer, string]; keep only real constraints.
    if (Array.isArray(out.anyOf) && out.anyOf.every(isBareType)) delete out.anyOf;
  }
  // The API server rejects duplicates in set lists (structural schema and server-side apply alike).
  if (source['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (source['x-kubernetes-embedded-resource'] === true) {
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(out.properties as JsonSchema | undefined),
    };
  }
  if (source.nullable === true && out.type !== undefined) {
    out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }

  const isObject = source.type === 'object' || out.properties !== undefined;
  if (isObject && !inJunctor && !preserveUnknown && out.additionalProperties === undefined
    && (out.properties !== undefined || options.closeEmptyObjects)) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * A node's numeric bounds as ajv reads them. Kubernetes schemas are OpenAPI 3.0, where `exclusiveMinimum:
 * true` makes `minimum` exclusive (and `false` leaves it inclusive); ajv reads `exclusiveMinimum` as the
 * bound itself, and refused to compile the boolean. A number there (a schema written for later JSON Schema)
 * is kept as it is. Pure.
 */
export function exclusiveBounds(source: JsonSchema): JsonSchema {
  const bounds: JsonSchema = {};
  for (const [inclusive, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
    // A bound of another form is left out, as COMPILABLE leaves it.
    const [bound, flag] = [source[inclusive], source[exclusive]].map((value) => (typeof value === 'number' || typeof value === 'boolean' ? value : undefined));
    const number = typeof bound === 'number' ? bound : undefined;
    bounds[inclusive] = flag === true ? undefined : number;
    bounds[exclusive] = typeof flag === 'number' ? flag : flag === true ? number : undefined;
  }
  return bounds;
}

function isBareType(branch: unknown): boolean {
  return typeof branch === 'object' && branch !== null && Object.keys(branch).every(k => k === 'type');
}
