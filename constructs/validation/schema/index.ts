import type { CelViolation } from './cel-evaluator';
import { defaultSchemaSources, KindValidators } from './schema-validator';
import type { UnreadableSchemaSource } from './catalog';

export { generatedKindSchemas } from './generated-kinds';
export type { GeneratedKindSchema } from './generated-kinds';
export { parseManifests } from './parse-manifests';
export type { ManifestParseError, ParsedManifests } from './parse-manifests';

/** One way in which a manifest does not match its schema. */
export interface SchemaViolation {
  /**
   * Path of the offending field, dotted with [i] for array items, e.g.
   * `spec.template.spec.containers[0].ports[0].containerPort`; `` (empty) for the object root.
   * For an unknown or missing field this is the object that holds it.
   */
  readonly field: string;
  /** Human readable message, e.g. `unknown field "contianers"`, `must be integer`, `missing required field "image"`. */
  readonly message: string;
  /** How to put it right, where the rule broken is the API server's own rather than the schema's. @default - none */
  readonly hint?: string;
}

/** Strict schema validation of Kubernetes objects, by apiVersion and kind. */
export interface SchemaValidator {
  /**
   * Violations of `manifest` (empty when it is valid); undefined when no schema is known for the
   * object's apiVersion/kind, so the caller can report the kind instead of passing it silently.
   * An object without a string apiVersion or kind gets violations, never undefined.
   *
   * @param cel whether the CEL rules of CRD schemas run. @default - unless `HOMELAB_CEL` is `off`,
   * read at each call (a caller that validates many objects reads it once and passes it)
   */
  validate(manifest: Record<string, unknown>, cel?: boolean): SchemaViolation[] | undefined;
  /**
   * Violations of `manifest` against the `openAPIV3Schema` of a CRD that a controller generates in the
   * cluster (a Crossplane claim's, a Gatekeeper constraint's), checked as strictly as a CRD from a file.
   */
  validateGenerated(manifest: Record<string, unknown>, openAPIV3Schema: Record<string, unknown>): SchemaViolation[];
  /** True when a schema is known for `apiVersion`/`kind`. */
  hasSchema(apiVersion: string, kind: string): boolean;
  /**
   * The schema paths that gave no schema: a file that does not parse, a core definitions file without
   * Kubernetes definitions, a CRD path without any CustomResourceDefinition. Asking reads the schema index.
   */
  unreadableSources(): readonly UnreadableSchemaSource[];
  /**
   * Every apiVersion the Kubernetes core definitions serve, with its kinds; undefined when no core
   * definitions are known.
   */
  servedKinds(): ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /**
   * The apiVersions at which the CRD files serve `kind` of `group`, e.g. `['traefik.io/v1alpha1']` for
   * Traefik's Middleware; empty when no CRD file defines the kind.
   */
  crdApiVersions(group: string, kind: string): readonly string[];
  /**
   * Whether the CRD files serve `kind` at `apiVersion` with the scale subresource, which an autoscaler scales a
   * kind through; undefined when no CRD file defines the kind at that version.
   */
  crdScale(apiVersion: string, kind: string): boolean | undefined;
  /**
   * Whether every object of an output file whose text has the hash `hash` (see `textHash`) passed every
   * schema and CEL rule before (see {@link recordValidFile}), so that none of them needs validating again.
   * Always false when the cache is off.
   *
   * @param cel as for {@link validate}
   */
  knownValidFile(hash: string, cel?: boolean): boolean;
  /**
   * Records that every object of an output file whose text has the hash `hash` passed {@link validate}
   * with no violations, each with a known schema and as plain JSON (what the text says exactly).
   *
   * @param cel as for {@link validate}
   */
  recordValidFile(hash: string, cel?: boolean): void;
  /**
   * The transition rules (`oldSelf`) of the CRD of `manifest`'s kind that an update from `previous`
   * (the same object as the cluster holds it) breaks; none for a kind without a CRD or such rules.
   */
  transitionViolations(manifest: Record<string, unknown>, previous: Record<string, unknown>): CelViolation[];
  /**
   * Stores what was learned since the last call (objects that passed, kinds without a schema) in the
   * schema cache now, so that the next process need not validate them again. That happens by itself
   * once the synchronous work of a run is done; nothing is written when nothing was learned or the
   * cache is off.
   */
  flush(): void;
}

/** Options for {@link createSchemaValidator}. */
export interface SchemaValidatorOptions {
  /**
   * Folders (or files) with CRD YAML files, in order of precedence: a CRD found in an earlier one
   * wins over a later definition of the same CRD.
   *
   * @default - `HOMELAB_CRDS_DIR` when set, otherwise `../shared/schemas/crds` beside the project
   * root when present (reading Gateway API from its v1.4.1 experimental tree only); none otherwise.
   */
  readonly crdDirs?: string[];
}

/**
 * A validator for Kubernetes objects, strict as the API server's strict field validation: unknown
 * fields, wrong types, missing required fields, enum and pattern violations are all reported.
 *
 * Core kinds come from the Kubernetes 1.30 OpenAPI definitions (`HOMELAB_K8S_SCHEMA`, or
 * `../shared/schemas/k8s/v1.30.0/_definitions.json` beside the project root); custom resources
 * from the CRD folders. Validators are compiled on first use of a kind and their generated code is
 * cached in `node_modules/.cache/cdk8s-homelab/schema` (`HOMELAB_SCHEMA_CACHE` overrides the folder,
 * `off` disables it), keyed by the content of the schema files. The same folder remembers which objects
 * (by their exact JSON) and which output files (by their exact text, see
 * {@link SchemaValidator.knownValidText}) passed every schema and CEL rule, under the schema files' sizes
 * and times and the validator code; such an object is not validated again (see
 * {@link SchemaValidator.flush}).
 */
export function createSchemaValidator(options: SchemaValidatorOptions = {}): SchemaValidator {
  const validators = new KindValidators(defaultSchemaSources(options.crdDirs));
  return {
    validate: (manifest, cel) => validators.validate(manifest, cel),
    validateGenerated: (manifest, schema) => validators.validateGenerated(manifest, schema),
    hasSchema: (apiVersion, kind) => validators.has(apiVersion, kind),
    unreadableSources: () => validators.unreadableSources(),
    servedKinds: () => validators.servedKinds(),
    crdApiVersions: (group, kind) => validators.crdApiVersions(group, kind),
    crdScale: (apiVersion, kind) => validators.crdScale(apiVersion, kind),
    knownValidFile: (hash, cel) => validators.knownValidFile(hash, cel),
    recordValidFile: (hash, cel) => validators.recordValidFile(hash, cel),
    transitionViolations: (manifest, previous) => validators.transitionViolations(manifest, previous),
    flush: () => validators.flush(),
  };
}
