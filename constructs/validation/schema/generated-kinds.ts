import type { JsonSchema } from './structural';

// Some kinds have no CRD file anywhere: a controller in the cluster makes their CRD from another object
// of the same cluster. Crossplane makes a composite resource's and its claim's CRD from a
// CompositeResourceDefinition, Gatekeeper a constraint's CRD from a ConstraintTemplate. Their schemas
// are derived here from those objects as the controllers derive them, so that a claim or constraint with
// a misspelt field is caught before the controller refuses it. A CustomResourceDefinition written by hand
// among the cluster's objects gives its kind's schema as it is, which the API server checks its objects by.

/** A schema as the controller would put into the CRD it makes: `openAPIV3Schema` of one version. */
export interface GeneratedKindSchema {
  /** API group of the kind. */
  readonly group: string;
  /** The kind. */
  readonly kind: string;
  /** The object that defines the kind, for messages: e.g. `CompositeResourceDefinition xpostgresqls.db.example`. */
  readonly definedBy: string;
  /** The CRD version's `openAPIV3Schema`. */
  readonly schema: JsonSchema;
  /** Who refuses an object the schema does not take, for hints. @default 'its controller' */
  readonly refusedBy?: string;
}

const OPEN_OBJECT: JsonSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const STRING: JsonSchema = { type: 'string' };
const STRINGS: JsonSchema = { type: 'array', items: STRING };
const STRING_MAP: JsonSchema = { type: 'object', additionalProperties: STRING };
const NAME_REF: JsonSchema = { type: 'object', required: ['name'], properties: { name: STRING } };

/** The schema of an XRD version that gives none. */
const OPEN_SPEC: JsonSchema = { type: 'object', properties: { spec: OPEN_OBJECT } };

/** What Crossplane adds to the spec of every composite resource and claim. */
const CROSSPLANE_SHARED_SPEC: Record<string, JsonSchema> = {
  compositionRef: NAME_REF,
  compositionSelector: { type: 'object', required: ['matchLabels'], properties: { matchLabels: STRING_MAP } },
  compositionRevisionRef: NAME_REF,
  compositionRevisionSelector: { type: 'object', required: ['matchLabels'], properties: { matchLabels: STRING_MAP } },
  compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
  publishConnectionDetailsTo: {
    type: 'object', required: ['name'],
    properties: {
      name: STRING,
      configRef: { type: 'object', properties: { name: STRING } },
      metadata: { type: 'object', properties: { labels: STRING_MAP, annotations: STRING_MAP, type: STRING } },
    },
  },
};

/** What Crossplane adds to a claim's spec. */
const CROSSPLANE_CLAIM_SPEC: Record<string, JsonSchema> = {
  ...CROSSPLANE_SHARED_SPEC,
  compositeDeletePolicy: { type: 'string', enum: ['Background', 'Foreground'] },
  resourceRef: { type: 'object', required: ['apiVersion', 'kind', 'name'], properties: { apiVersion: STRING, kind: STRING, name: STRING } },
  writeConnectionSecretToRef: NAME_REF,
};

/** What Crossplane adds to a composite resource's spec. */
const CROSSPLANE_COMPOSITE_SPEC: Record<string, JsonSchema> = {
  ...CROSSPLANE_SHARED_SPEC,
  claimRef: {
    type: 'object', required: ['apiVersion', 'kind', 'namespace', 'name'],
    properties: { apiVersion: STRING, kind: STRING, namespace: STRING, name: STRING },
  },
  resourceRefs: {
    type: 'array',
    items: { type: 'object', required: ['apiVersion', 'kind'], properties: { apiVersion: STRING, kind: STRING, name: STRING } },
  },
  environmentConfigRefs: { type: 'array', items: OPEN_OBJECT },
  writeConnectionSecretToRef: { type: 'object', required: ['name', 'namespace'], properties: { name: STRING, namespace: STRING } },
};

/** A label selector as Gatekeeper's match schema declares it: unknown fields refused, as in the CRD. */
const LABEL_SELECTOR: JsonSchema = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      items: { type: 'object', required: ['key', 'operator'], properties: { key: STRING, operator: STRING, values: STRINGS } },
    },
    matchLabels: STRING_MAP,
  },
};

/** A name or a namespace with `*` at its start or end, the only glob Gatekeeper's match schema admits. */
const WILDCARD: JsonSchema = { type: 'string', pattern: '^\\*?[-:a-z0-9]*\\*?$' };

/**
 * The `match` block of every Gatekeeper constraint: the schema Gatekeeper puts into each constraint CRD
 * it makes (its `match.gatekeeper.sh` schema), with `scope` bounded to what its webhook accepts.
 */
const GATEKEEPER_MATCH: JsonSchema = {
  type: 'object',
  properties: {
    kinds: { type: 'array', items: { type: 'object', properties: { apiGroups: STRINGS, kinds: STRINGS } } },
    scope: { type: 'string', enum: ['*', 'Cluster', 'Namespaced'] },
    namespaces: { type: 'array', items: WILDCARD },
    excludedNamespaces: { type: 'array', items: WILDCARD },
    labelSelector: LABEL_SELECTOR,
    namespaceSelector: LABEL_SELECTOR,
    name: WILDCARD,
    source: { type: 'string', enum: ['All', 'Generated', 'Original'] },
  },
};

/** One entry of a constraint's `scopedEnforcementActions`, as the constraint CRD declares it. */
const SCOPED_ENFORCEMENT_ACTION: JsonSchema = {
  type: 'object',
  properties: {
    action: STRING,
    enforcementPoints: { type: 'array', items: { type: 'object', properties: { name: STRING } } },
  },
};

/** The metadata a constraint CRD declares beyond ObjectMeta: Gatekeeper bounds the name to a DNS label's length. */
const CONSTRAINT_METADATA: JsonSchema = { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } };

/** API group of every Gatekeeper constraint kind. */
const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/** Versions Gatekeeper serves every constraint kind at. */
const CONSTRAINT_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'];

type Fields = Readonly<Record<string, unknown>>;

function mapping(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `schema` with `extra` merged into the properties of its `spec`, a `spec` required as Crossplane's CRDs
 * require it, and `status` left to the controller.
 */
function withSpecProperties(schema: Fields, extra: Record<string, JsonSchema>): JsonSchema {
  const properties = mapping(schema.properties) ?? {};
  const spec = mapping(properties.spec) ?? { type: 'object' };
  const required = Array.isArray(schema.required) ? schema.required.filter((field) => field !== 'spec') : [];
  return {
    ...schema,
    type: 'object',
    required: [...required, 'spec'],
    properties: {
      ...properties,
      spec: { ...spec, type: 'object', properties: { ...(mapping(spec.properties) ?? {}), ...extra } },
      status: OPEN_OBJECT,
    },
  };
}

/** The kind a definition (an XRD, a CRD) names, its own name, and the schemas of its served versions. */
interface ServedVersions {
  readonly group: string;
  readonly kind: string;
  /** The definition's name, or the kind's where it has none. */
  readonly name: string;
  readonly versions: ReadonlyArray<{ readonly name: string; readonly schema: JsonSchema }>;
}

/**
 * The served versions of `definition` with their `openAPIV3Schema`, a version without a schema taking
 * `schemaless` (none: it is left out); undefined without a group, kind or versions. Pure.
 */
function servedVersions(definition: Fields, schemaless: JsonSchema | undefined): ServedVersions | undefined {
  const spec = mapping(definition.spec);
  const group = text(spec?.group);
  const kind = text(mapping(spec?.names)?.kind);
  if (!spec || !group || !kind || !Array.isArray(spec.versions)) {
    return undefined;
  }
  const versions = spec.versions.flatMap((version) => {
    const entry = mapping(version);
    const name = text(entry?.name);
    const schema = entry?.schema === undefined ? schemaless : mapping(mapping(entry.schema)?.openAPIV3Schema);
    return entry && name && schema && entry.served !== false ? [{ name, schema }] : [];
  });
  return { group, kind, name: text(mapping(definition.metadata)?.name) ?? kind, versions };
}

/** The composite and claim kinds a CompositeResourceDefinition defines, per served version. */
function compositeKinds(xrd: Fields, add: (version: string, entry: GeneratedKindSchema) => void): void {
  // A version without a schema takes any spec.
  const served = servedVersions(xrd, OPEN_SPEC);
  if (!served) {
    return;
  }
  const claim = text(mapping(mapping(xrd.spec)?.claimNames)?.kind);
  const definedBy = `CompositeResourceDefinition ${served.name}`;
  for (const { name, schema } of served.versions) {
    add(name, { group: served.group, kind: served.kind, definedBy, schema: withSpecProperties(schema, CROSSPLANE_COMPOSITE_SPEC) });
    if (claim) {
      add(name, { group: served.group, kind: claim, definedBy, schema: withSpecProperties(schema, CROSSPLANE_CLAIM_SPEC) });
    }
  }
}

/**
 * The kind a CustomResourceDefinition of the cluster defines, per served version with a schema (a version
 * without one is the CRD's own error).
 */
function definedKinds(crd: Fields, add: (version: string, entry: GeneratedKindSchema) => void): void {
  const served = servedVersions(crd, undefined);
  if (!served) {
    return;
  }
  const definedBy = `CustomResourceDefinition ${served.name}`;
  for (const { name, schema } of served.versions) {
    add(name, { group: served.group, kind: served.kind, definedBy, schema, refusedBy: 'the API server' });
  }
}

/** The constraint kind a ConstraintTemplate defines. */
function constraintKinds(template: Fields, add: (version: string, entry: GeneratedKindSchema) => void): void {
  const crd = mapping(mapping(mapping(template.spec)?.crd)?.spec);
  const kind = text(mapping(crd?.names)?.kind);
  if (!crd || !kind) {
    return;
  }
  const validation = mapping(crd.validation);
  const parameters = mapping(validation?.openAPIV3Schema);
  // Templates of the beta API, and any that ask for the legacy schema, let parameters hold unknown fields.
  const legacy = validation?.legacySchema === true
    || (validation?.legacySchema === undefined && template.apiVersion !== 'templates.gatekeeper.sh/v1');
  const parametersSchema: JsonSchema = parameters
    ? { ...parameters, ...(legacy ? { 'x-kubernetes-preserve-unknown-fields': true } : {}) }
    : OPEN_OBJECT;
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      metadata: CONSTRAINT_METADATA,
      spec: {
        type: 'object',
        properties: {
          match: GATEKEEPER_MATCH,
          // Gatekeeper's webhook refuses any other action; `scoped` takes its actions from scopedEnforcementActions.
          enforcementAction: { type: 'string', enum: ['deny', 'dryrun', 'warn', 'scoped'] },
          scopedEnforcementActions: { type: 'array', items: SCOPED_ENFORCEMENT_ACTION },
          parameters: parametersSchema,
        },
      },
      status: OPEN_OBJECT,
    },
  };
  const definedBy = `ConstraintTemplate ${text(mapping(template.metadata)?.name) ?? kind.toLowerCase()}`;
  for (const version of CONSTRAINT_VERSIONS) {
    add(version, { group: CONSTRAINTS_GROUP, kind, definedBy, schema });
  }
}

/**
 * The schemas of the kinds that the CompositeResourceDefinitions, ConstraintTemplates and
 * CustomResourceDefinitions among `manifests` define, by `<apiVersion>/<kind>`. The first definition of a kind wins, as the
 * controller keeps the CRD it made first. Pure.
 */
export function generatedKindSchemas(manifests: Iterable<Fields>): Map<string, GeneratedKindSchema> {
  const schemas = new Map<string, GeneratedKindSchema>();
  const add = (version: string, entry: GeneratedKindSchema): void => {
    const key = `${entry.group}/${version}/${entry.kind}`;
    if (!schemas.has(key)) {
      schemas.set(key, entry);
    }
  };
  for (const manifest of manifests) {
    const apiVersion = text(manifest.apiVersion) ?? '';
    if (manifest.kind === 'CompositeResourceDefinition' && apiVersion.startsWith('apiextensions.crossplane.io/')) {
      compositeKinds(manifest, add);
    } else if (manifest.kind === 'ConstraintTemplate' && apiVersion.startsWith('templates.gatekeeper.sh/')) {
      constraintKinds(manifest, add);
    } else if (manifest.kind === 'CustomResourceDefinition' && apiVersion === 'apiextensions.k8s.io/v1') {
      definedKinds(manifest, add);
    }
  }
  return schemas;
}
