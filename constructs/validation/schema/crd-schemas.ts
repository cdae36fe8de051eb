import { OBJECT_META, refTo } from './core-definitions';
import { JsonSchema, toStrictSchema } from './structural';

/** One served version of a CustomResourceDefinition found in a file. */
export interface CrdKind {
  /** `gateway.networking.k8s.io/v1`, … */
  readonly apiVersion: string;
  /** `HTTPRoute`, … */
  readonly kind: string;
  /** CRD name (`<plural>.<group>`); a CRD defined twice is taken from the first file only. */
  readonly crd: string;
  /** Index of the YAML document in its file. */
  readonly doc: number;
  /** Version name inside `spec.versions`. */
  readonly version: string;
  /** Whether the version serves the scale subresource, which an autoscaler scales the kind through. */
  readonly scale: boolean;
}

interface CrdDocument {
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown };
  readonly spec?: {
    readonly group?: unknown;
    readonly names?: { readonly kind?: unknown };
    readonly versions?: ReadonlyArray<{ readonly name?: unknown; readonly served?: unknown; readonly schema?: { readonly openAPIV3Schema?: unknown }; readonly subresources?: { readonly scale?: unknown } }>;
    readonly validation?: { readonly openAPIV3Schema?: unknown };
    readonly subresources?: { readonly scale?: unknown };
  };
}

/** The served versions with a schema that a YAML document declares, if it is a CRD. */
export function indexCrdDocument(document: unknown, doc: number): CrdKind[] {
  const crd = document as CrdDocument | null;
  if (crd?.kind !== 'CustomResourceDefinition' || typeof crd.spec?.group !== 'string') return [];
  const kind = crd.spec.names?.kind;
  if (typeof kind !== 'string') return [];
  const name = typeof crd.metadata?.name === 'string' ? crd.metadata.name : `${kind}.${crd.spec.group}`;
  // Unserved versions cannot be applied, so they count as unknown rather than valid.
  return (crd.spec.versions ?? [])
    .filter(v => v.served !== false && typeof v.name === 'string' && (v.schema?.openAPIV3Schema ?? crd.spec?.validation?.openAPIV3Schema) !== undefined)
    .map(v => ({
      apiVersion: `${crd.spec!.group}/${String(v.name)}`, kind, crd: name, doc, version: String(v.name),
      scale: (v.subresources?.scale ?? crd.spec?.subresources?.scale) != null,
    }));
}

/** The `openAPIV3Schema` of one version of a CRD document. */
export function crdVersionSchema(document: unknown, version: string): JsonSchema {
  const spec = (document as CrdDocument).spec;
  const entry = spec?.versions?.find(v => v.name === version);
  const schema = entry?.schema?.openAPIV3Schema ?? spec?.validation?.openAPIV3Schema;
  if (schema === undefined) throw new Error(`CRD has no schema for version ${version}`);
  return schema as JsonSchema;
}

/**
 * Strict JSON Schema for one CRD version.
 *
 * The API server validates a custom resource's `metadata` as ObjectMeta whatever the CRD says, so
 * when the core definitions are known, `metadata` must satisfy ObjectMeta as well as the CRD's own
 * constraints; without them it stays an open object.
 */
export function crdSchema(
  openAPIV3Schema: JsonSchema,
  objectMeta: Record<string, unknown> | undefined,
  onDropped?: (note: string) => void,
): JsonSchema {
  const strict = toStrictSchema(openAPIV3Schema, { closeEmptyObjects: true, onDropped, refs: false }) as JsonSchema;
  const own = (openAPIV3Schema.properties as JsonSchema | undefined)?.metadata;
  // As an allOf branch the CRD's own metadata schema adds constraints without closing the object.
  const branches = [
    ...(objectMeta === undefined ? [] : [{ $ref: refTo(OBJECT_META) }]),
    ...(own === undefined ? [] : [own]),
  ];
  const metadata = toStrictSchema({
    ...(objectMeta === undefined ? { type: 'object' } : {}),
    ...(branches.length > 0 ? { allOf: branches } : {}),
  }, { closeEmptyObjects: false, onDropped }, '#/properties/metadata');
  const properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    ...(strict.properties as JsonSchema | undefined),
    metadata,
  };
  const open = openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] === true;
  return {
    ...strict,
    type: 'object',
    properties,
    ...(open ? {} : { additionalProperties: strict.additionalProperties ?? false }),
    ...(objectMeta === undefined ? {} : { definitions: objectMeta }),
  };
}
