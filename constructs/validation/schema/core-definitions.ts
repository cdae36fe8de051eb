import { withCoreEnums } from './core-enums';
import { MICRO_TIME_FORMAT } from './formats';
import { JsonSchema, toStrictSchema } from './structural';

/** Where a kind lives in the Kubernetes OpenAPI definitions. */
export interface CoreKind {
  /** `apps/v1`, `v1`, … */
  readonly apiVersion: string;
  /** `Deployment`, … */
  readonly kind: string;
  /** Definition name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly definition: string;
}

/** Name of the ObjectMeta definition; CRD schemas validate `metadata` against it. */
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// IntOrString and Quantity are unions in Go that the swagger spells differently across releases (format: int-or-string,
// oneOf, plain string). The API server accepts exactly these shapes, so state them once here.
const OVERRIDES: Readonly<Record<string, JsonSchema>> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: ['integer', 'string'] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: ['string', 'number'], format: 'quantity' },
  // Decoded with the layout RFC3339Micro, which a plain date-time (no fraction, or milliseconds) does not match.
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: MICRO_TIME_FORMAT },
};

/** The kinds a `_definitions.json` (Kubernetes OpenAPI v2 definitions) declares, from `x-kubernetes-group-version-kind`. */
export function indexCoreDefinitions(definitions: Record<string, JsonSchema>): CoreKind[] {
  const kinds: CoreKind[] = [];
  for (const [definition, schema] of Object.entries(definitions)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || gvks.length !== 1) continue; // several GVKs: shared meta types such as DeleteOptions
    const { group, version, kind } = gvks[0] as { group: string; version: string; kind: string };
    kinds.push({ apiVersion: group ? `${group}/${version}` : version, kind, definition });
  }
  return kinds;
}

/**
 * Strict, self-contained JSON Schema for one definition: the definition and everything it
 * references, under `definitions`, each made strict with {@link toStrictSchema}.
 */
export function coreDefinitionSchema(
  definitions: Record<string, JsonSchema>,
  root: string,
  onDropped?: (note: string) => void,
): JsonSchema {
  return { $ref: refTo(root), definitions: strictClosure(definitions, [root], onDropped) };
}

/** The definitions reachable from `roots`, made strict; for embedding ObjectMeta into CRD schemas. */
export function strictClosure(
  definitions: Record<string, JsonSchema>,
  roots: string[],
  onDropped?: (note: string) => void,
): Record<string, unknown> {
  const closure: Record<string, unknown> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in closure) continue;
    const given = OVERRIDES[name] ?? definitions[name];
    if (given === undefined) throw new Error(`definition ${name} is referenced but missing`);
    const definition = withCoreEnums(name, given);
    closure[name] = toStrictSchema(definition, { closeEmptyObjects: false, onDropped }, refTo(name));
    collectRefs(definition, pending);
  }
  return closure;
}

/** JSON pointer to a definition inside a schema built by this module. */
export function refTo(definition: string): string {
  return `#/definitions/${definition}`;
}

function collectRefs(node: unknown, into: string[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
      into.push(value.slice('#/definitions/'.length));
    } else if (key !== 'description') {
      collectRefs(value, into);
    }
  }
}
