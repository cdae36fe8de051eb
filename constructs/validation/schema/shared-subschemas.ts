import { JsonSchema } from './structural';

/** Keywords whose value is a map of subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'definitions']);
/** Keywords whose value is one subschema (when it is an object: `additionalProperties` may be a boolean). */
const SCHEMA_VALUES = new Set(['additionalProperties', 'items']);
/**
 * Keywords whose subschemas are alternatives or conditions. What fails in them is told apart by its schema
 * path (see `collapseJunctions` in violations.ts), which a reference would move under `definitions`.
 */
const JUNCTIONS = new Set(['allOf', 'anyOf', 'oneOf', 'not']);

/** Prefix of the names of the subschemas written once. */
const SHARED_PREFIX = 'shared-';

/**
 * The smallest subschema, in schema nodes, that is written once: below it a function call per use costs
 * more at validation than the code it saves at compile time.
 */
const DEFAULT_MINIMUM_NODES = 12;

interface NodeFacts {
  /** Equal for two subschemas exactly when they are equal as JSON, whatever their key order. */
  readonly id: number;
  /** How many schema nodes the subschema holds, itself included. */
  readonly nodes: number;
}

/**
 * `schema` with each subschema that occurs more than once written once under `definitions` and referenced
 * where it occurred. ajv writes code for every place a subschema is inline, and a CRD repeats whole trees:
 * Argo CD's ApplicationSet repeats the Application template in each kind of generator, a Prometheus the
 * fields of a pod. The validator of an ApplicationSet was 9 MB of code, which every fresh clone compiled
 * for seconds; a reference is compiled once, as one function. Validation gives the same violations at the
 * same instance paths.
 *
 * Subschemas under allOf, anyOf, oneOf and not stay inline (see {@link JUNCTIONS}), and so do the root's own
 * `definitions`. A pure function: `schema` is not changed.
 */
export function shareRepeatedSubschemas(schema: JsonSchema, minimumNodes = DEFAULT_MINIMUM_NODES): JsonSchema {
  const facts = new Map<JsonSchema, NodeFacts>();
  const ids = new Map<string, number>();
  const counts = new Map<number, number>();
  factsOf(schema, facts, ids);
  countShareable(schema, facts, counts, true);

  const names = new Map<number, string>();
  const shared: Record<string, unknown> = {};
  const rewrite = (node: JsonSchema): JsonSchema => {
    const { id, nodes } = facts.get(node)!;
    if (nodes < minimumNodes || (counts.get(id) ?? 0) < 2) {
      return rewriteChildren(node, rewrite);
    }
    let name = names.get(id);
    if (name === undefined) {
      name = `${SHARED_PREFIX}${names.size}`;
      names.set(id, name);
      shared[name] = rewriteChildren(node, rewrite);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const root = rewriteChildren(schema, rewrite);
  if (names.size === 0) {
    return schema;
  }
  // A subschema counted twice for being inside one that occurs twice is used once, by that one: inline again.
  const uses = new Map<string, number>();
  const countUses = (node: JsonSchema): void => {
    const ref = sharedName(node);
    if (ref !== undefined) {
      uses.set(ref, (uses.get(ref) ?? 0) + 1);
    }
    rewriteChildren(node, (child) => (countUses(child), child));
  };
  countUses(root);
  Object.values(shared).forEach((definition) => countUses(definition as JsonSchema));
  const inlineSingleUses = (node: JsonSchema): JsonSchema => {
    const ref = sharedName(node);
    return ref !== undefined && uses.get(ref) === 1 ? inlineSingleUses(shared[ref] as JsonSchema) : rewriteChildren(node, inlineSingleUses);
  };
  const definitions = Object.fromEntries(Object.entries(shared).filter(([name]) => uses.get(name) !== 1)
    .map(([name, definition]) => [name, rewriteChildren(definition as JsonSchema, inlineSingleUses)]));
  return { ...rewriteChildren(root, inlineSingleUses), definitions: { ...(root.definitions as Record<string, unknown> | undefined), ...definitions } };
}

/** The name of the shared subschema `node` refers to, if it is such a reference. */
function sharedName(node: JsonSchema): string | undefined {
  const ref = node.$ref;
  return typeof ref === 'string' && ref.startsWith(`#/definitions/${SHARED_PREFIX}`) ? ref.slice('#/definitions/'.length) : undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gives every subschema of `node` its {@link NodeFacts}, children first: a subschema's identity is made of
 * its own values and the identities of its children, so two equal trees get one id.
 */
function factsOf(node: JsonSchema, facts: Map<JsonSchema, NodeFacts>, ids: Map<string, number>): NodeFacts {
  const known = facts.get(node);
  if (known !== undefined) {
    return known;
  }
  let nodes = 1;
  const parts: string[] = [];
  for (const keyword of Object.keys(node).sort()) {
    const value = node[keyword];
    if (SCHEMA_MAPS.has(keyword) && isSchema(value)) {
      const children = Object.keys(value).sort().map((name) => {
        const child = value[name];
        if (!isSchema(child)) {
          return `${JSON.stringify(name)}:${JSON.stringify(child)}`;
        }
        const childFacts = factsOf(child, facts, ids);
        nodes += childFacts.nodes;
        return `${JSON.stringify(name)}:#${childFacts.id}`;
      });
      parts.push(`${JSON.stringify(keyword)}:{${children.join(',')}}`);
    } else if ((SCHEMA_VALUES.has(keyword) || keyword === 'not') && isSchema(value)) {
      const childFacts = factsOf(value, facts, ids);
      nodes += childFacts.nodes;
      parts.push(`${JSON.stringify(keyword)}:#${childFacts.id}`);
    } else if (JUNCTIONS.has(keyword) && Array.isArray(value)) {
      const branches = value.map((branch) => {
        if (!isSchema(branch)) {
          return JSON.stringify(branch);
        }
        const branchFacts = factsOf(branch, facts, ids);
        nodes += branchFacts.nodes;
        return `#${branchFacts.id}`;
      });
      parts.push(`${JSON.stringify(keyword)}:[${branches.join(',')}]`);
    } else {
      parts.push(`${JSON.stringify(keyword)}:${JSON.stringify(value)}`);
    }
  }
  const key = parts.join(',');
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  const result = { id, nodes };
  facts.set(node, result);
  return result;
}

/** Counts the places of each subschema that may be shared: outside junctions and definitions. */
function countShareable(node: JsonSchema, facts: Map<JsonSchema, NodeFacts>, counts: Map<number, number>, isRoot = false): void {
  if (!isRoot) {
    const { id } = facts.get(node)!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties' && isSchema(value)) {
      Object.values(value).filter(isSchema).forEach((child) => countShareable(child, facts, counts));
    } else if (SCHEMA_VALUES.has(keyword) && isSchema(value)) {
      countShareable(value, facts, counts);
    }
  }
}

/**
 * A copy of `node` with each child subschema that may be shared passed through `rewrite`. Junctions, and
 * definitions (the root's own among them), are kept as they are, with all they hold.
 */
function rewriteChildren(node: JsonSchema, rewrite: (node: JsonSchema) => JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties' && isSchema(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, isSchema(child) ? rewrite(child) : child]));
    } else if (SCHEMA_VALUES.has(keyword) && isSchema(value)) {
      out[keyword] = rewrite(value);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}
