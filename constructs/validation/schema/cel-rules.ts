import { JsonSchema } from './structural';

/** One `x-kubernetes-validations` entry of a schema. */
export interface CelRule {
  /** The CEL expression; `self` is the value at the schema node. */
  readonly rule: string;
  /** Message of a violation. @default - `failed rule: <rule>` */
  readonly message?: string;
  /** Field path of a violation, relative to the node (e.g. `.spec.replicas`). @default - the node itself */
  readonly fieldPath?: string;
}

/**
 * The parts of a structural schema that CEL validation needs: the rules, the defaults the API server
 * fills in before it validates, the keys of keyed lists and the embedded objects (whose rules the API server
 * checks in the same pass), and the way down to nodes that have any of them. Branches without them are left out, so
 * evaluating walks only what matters.
 */
export interface CelNode {
  /**
   * The keys of a keyed list (`x-kubernetes-list-type: map`): the API server refuses two items with the same
   * values of them ("Duplicate value"), and server-side apply refuses them too. Only in the tree of `celTree`.
   */
  readonly mapKeys?: readonly string[];
  /**
   * Whether the node is an object embedded whole (`x-kubernetes-embedded-resource`), whose apiVersion, kind and
   * metadata the API server checks as an object's (see `embeddedResourceViolations`). Only in the tree of `celTree`.
   */
  readonly embedded?: true;
  /**
   * How the API server hands the node's value to CEL where it is not as JSON has it (UnstructuredToVal): a
   * string of format date-time or date as a timestamp, of format duration as a duration, of format byte as
   * bytes, and a number as a double even when it is whole. Only at and below nodes that have rules.
   */
  readonly celValue?: CelValueKind;
  /** Rules at this node: those that need `oldSelf` (transition rules) in a tree of their own. */
  readonly rules?: readonly CelRule[];
  /** The node's default value. */
  readonly default?: unknown;
  /** Property nodes. */
  readonly properties?: Readonly<Record<string, CelNode>>;
  /** The node of every array item. */
  readonly items?: CelNode;
  /** The node of every map value. */
  readonly additionalProperties?: CelNode;
}

/** The kinds of CEL value a schema node's JSON value becomes, where it is not the value JSON gives. */
export type CelValueKind = 'timestamp' | 'date' | 'duration' | 'bytes' | 'double';

/** The CEL value kind of a schema node, by its type and format (see `CelNode.celValue`). */
function celValueKind(schema: JsonSchema): CelValueKind | undefined {
  if (schema.type === 'number') {
    return 'double';
  }
  if (schema.type !== 'string') {
    return undefined;
  }
  switch (schema.format) {
    case 'date-time': return 'timestamp';
    case 'date': return 'date';
    case 'duration': return 'duration';
    case 'byte': return 'bytes';
    default: return undefined;
  }
}

/** Rules that need the previous object (`oldSelf`): only an update has one, so synthesis cannot check them. */
export function isTransitionRule(rule: string): boolean {
  return /\boldSelf\b/.test(rule);
}

/** Which `x-kubernetes-validations` entries a tree keeps. */
type RuleFilter = (validation: Record<string, unknown>, rule: string) => boolean;

/** What a tree keeps: the rules `keep` takes, and whether the keys of keyed lists and the embedded objects. */
interface TreeContent {
  /** Which of the CRD's CEL rules the tree keeps. */
  readonly keep: RuleFilter;
  /** Whether the tree keeps the keys of the CRD's keyed lists (`x-kubernetes-list-type: map`), checked for repeats. */
  readonly keyedLists: boolean;
  /** Whether the tree marks the CRD's embedded objects (`x-kubernetes-embedded-resource`), checked as objects. */
  readonly embeddedObjects: boolean;
}

/** The CEL node of a CRD version's `openAPIV3Schema`, or undefined when the schema has no rules. */
export function celTree(schema: JsonSchema): CelNode | undefined {
  return treeOf(schema, { keep: (_validation, rule) => !isTransitionRule(rule), keyedLists: true, embeddedObjects: true });
}

/**
 * The CEL node of the transition rules of a CRD version's `openAPIV3Schema` (those that compare with
 * `oldSelf`, checked on an update), or undefined when it has none. Rules with `optionalOldSelf`, which
 * read `oldSelf` as an optional value, are left out.
 */
export function transitionRuleTree(schema: JsonSchema): CelNode | undefined {
  return treeOf(schema, { keep: (validation, rule) => isTransitionRule(rule) && validation.optionalOldSelf !== true, keyedLists: false, embeddedObjects: false });
}

function treeOf(schema: JsonSchema, content: TreeContent): CelNode | undefined {
  const tree = prune(schema, 0, content, false);
  return tree && hasRules(tree) ? tree : undefined;
}

function hasRules(node: CelNode): boolean {
  return (node.rules?.length ?? 0) > 0 || node.mapKeys !== undefined || node.embedded === true
    || Object.values(node.properties ?? {}).some(hasRules)
    || (node.items !== undefined && hasRules(node.items))
    || (node.additionalProperties !== undefined && hasRules(node.additionalProperties));
}

/** The node of `schema`, `ruled` when a node above it has rules (whose `self` holds its value). */
function prune(schema: JsonSchema | undefined, depth: number, content: TreeContent, ruled: boolean): CelNode | undefined {
  if (!schema || typeof schema !== 'object' || depth > 64) {
    return undefined;
  }
  const node: { -readonly [K in keyof CelNode]: CelNode[K] } = {};
  const validations = (schema['x-kubernetes-validations'] as Array<Record<string, unknown>> | undefined) ?? [];
  const rules = validations
    .filter((v) => typeof v.rule === 'string' && content.keep(v, v.rule))
    .map((v): CelRule => ({
      rule: v.rule as string,
      ...(typeof v.message === 'string' ? { message: v.message } : {}),
      ...(typeof v.fieldPath === 'string' ? { fieldPath: v.fieldPath } : {}),
    }));
  if (rules.length > 0) {
    node.rules = rules;
  }
  const inRule = ruled || rules.length > 0;
  const kind = inRule ? celValueKind(schema) : undefined;
  if (kind) {
    node.celValue = kind;
  }
  if (schema.default !== undefined) {
    node.default = schema.default;
  }
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (content.keyedLists && schema['x-kubernetes-list-type'] === 'map' && Array.isArray(mapKeys) && mapKeys.length > 0) {
    node.mapKeys = mapKeys.map(String);
  }
  if (content.embeddedObjects && schema['x-kubernetes-embedded-resource'] === true) {
    node.embedded = true;
  }
  const properties: Record<string, CelNode> = {};
  for (const [name, property] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const child = prune(property, depth + 1, content, inRule);
    if (child) {
      properties[name] = child;
    }
  }
  if (Object.keys(properties).length > 0) {
    node.properties = properties;
  }
  const items = prune(schema.items as JsonSchema | undefined, depth + 1, content, inRule);
  if (items) {
    node.items = items;
  }
  const additional = typeof schema.additionalProperties === 'object' ? prune(schema.additionalProperties as JsonSchema, depth + 1, content, inRule) : undefined;
  if (additional) {
    node.additionalProperties = additional;
  }
  const meaningful = node.rules || node.celValue || node.default !== undefined || node.mapKeys || node.embedded || node.properties || node.items || node.additionalProperties;
  return meaningful ? node : undefined;
}
