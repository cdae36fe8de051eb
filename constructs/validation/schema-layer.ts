import type { Manifest, RenderedFile, SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, text } from './manifest';
import { indexOf } from './object-index';
import { kindsWithoutCrd } from './provided';
import { RenderedFor, renderedFor } from './rendered-for';
import { createSchemaValidator, GeneratedKindSchema, generatedKindSchemas, SchemaValidator } from './schema';
import { celEnabled } from './schema/cel-evaluator';
import { isKnownPlainJson } from './schema/plain-json';
import { SCHEMA_RESULT_STATISTICS } from './schema/result-cache';
import { groupOf, KUBERNETES_GROUPS, OFF_BY_DEFAULT_VERSIONS, UnservedKind, unservedCustomVersion, unservedKind } from './schema/served-kinds';
import { KUBERNETES_VERSION, namedSourceProblems, schemaEnvironmentProblems, schemaPathsNamedByEnvironment } from './schema/sources';
import { schemaGapOf } from './schema/schema-gaps';
import { newerFieldHint } from './schema/newer-fields';

let shared: SchemaValidator | undefined;

/** The process-wide validator: compiled validators are loaded once and reused by every cluster. */
function schemaValidator(): SchemaValidator {
  shared ??= createSchemaValidator();
  return shared;
}

/**
 * The transition rules (`oldSelf`) of a custom resource's CRD that an update from `previous` breaks, read
 * by the process-wide validator (see {@link SchemaValidator.transitionViolations}).
 */
export function transitionRuleViolations(manifest: Record<string, unknown>, previous: Record<string, unknown>): Array<{ field: string; message: string; rule: string }> {
  return schemaValidator().transitionViolations(manifest, previous);
}

/**
 * Whether a custom kind at an apiVersion serves the scale subresource, asked of the CRDs among `objects` (those the
 * cluster installs, mapped once) and else of the CRD files; the answer is undefined when neither defines the kind
 * at that version.
 */
export function customKindScales(objects: readonly SynthesizedObject[]): (apiVersion: string, kind: string) => boolean | undefined {
  const own = new Map<string, boolean>();
  for (const crd of indexOf(objects).of('CustomResourceDefinition')) {
    const spec = fields(crd.manifest.spec);
    for (const version of list(spec.versions)) {
      own.set(`${text(spec.group) ?? ''}/${text(version.name) ?? ''}/${text(fields(spec.names).kind) ?? ''}`,
        (fields(version.subresources).scale ?? fields(spec.subresources).scale) != null);
    }
  }
  return (apiVersion, kind) => own.get(`${apiVersion}/${kind}`) ?? schemaValidator().crdScale(apiVersion, kind);
}

/** Stores what the process-wide validator learned in the schema cache now (see {@link SchemaValidator.flush}). */
export function flushSchemaResults(): void {
  shared?.flush();
}

/**
 * A SOPS-encrypted Secret is only valid once Flux has decrypted it: the `sops` block goes and the
 * `ENC[...]` values become base64. Validate it in that shape, with a base64 stand-in for each value.
 */
function asDecrypted(manifest: Manifest): Manifest {
  if (manifest.kind !== 'Secret' || manifest.sops === undefined) {
    return manifest;
  }
  const { sops: _sops, ...rest } = manifest;
  const standIn = (values: unknown) => (values && typeof values === 'object'
    ? Object.fromEntries(Object.keys(values).map((key) => [key, 'RU5D']))
    : values);
  return { ...rest, ...(rest.data !== undefined ? { data: standIn(rest.data) } : {}), ...(rest.stringData !== undefined ? { stringData: standIn(rest.stringData) } : {}) } as Manifest;
}

/** What the schema layer knows of one output file while it walks a cluster's objects. */
interface RenderedFileState {
  /** Every object written as the file's text passed before: none is validated again. */
  readonly knownValid: boolean;
  /** Every object of the file met so far passed, with a known schema, as plain JSON. */
  allPassed: boolean;
}

/**
 * Layer 1: every object against its upstream schema (Kubernetes 1.30 and the CRDs), strictly; a kind
 * whose CRD a controller makes from another object of the cluster (a Crossplane claim, a Gatekeeper
 * constraint) against the schema derived from that object. Kinds without a known schema are listed in
 * one warning per cluster, never passed silently, except the stated gaps of the schema set (`SCHEMA_GAPS`) and
 * kinds nothing installs (the references layer's one error for them). When the files
 * were rendered first, a file whose exact text passed before stands for its objects: none is looked up
 * or validated again.
 */
export function checkSchemas(cluster: SynthesizedCluster): Finding[] {
  const validator = schemaValidator();
  const named = schemaPathsNamedByEnvironment() ? namedSourceProblems(validator.unreadableSources()) : [];
  const findings: Finding[] = [...schemaEnvironmentProblems(), ...named].map(({ variable, message, hint }) => ({
    layer: 'schema', severity: 'error', constructPath: cluster.chart.node.path, field: variable, message, hint,
  }));
  // Each kind without a schema (`<apiVersion> <kind>`), with the construct path of its first object.
  const unknownKinds = new Map<string, string>();
  // Read once per cluster: reading the environment is a call into native code, per object it shows.
  const cel = celEnabled();
  const rendered = cluster.renderedFiles;
  const files = new Map<RenderedFile, RenderedFileState>();
  // Kinds whose CRD a controller makes from an object of this cluster; derived at the first unknown kind.
  let generated: Map<string, GeneratedKindSchema> | undefined;
  // The versions the cluster's own CRDs serve; derived at the first custom resource without a schema.
  let clusterCrds: Map<string, ServedVersions> | undefined;
  // Whether nothing installs a custom kind; derived at the first custom resource without a schema.
  let withoutCrd: ((apiVersion: string, kind: string) => boolean) | undefined;
  // The props that objects were rendered from; read at the first unserved kind.
  let sources: ReadonlyMap<string, RenderedFor> | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const { apiVersion, kind, metadata } = object.manifest;
    // Known to the definitions, so the schema would pass it, yet not served unless the API server enables it.
    const offByDefault = typeof apiVersion === 'string' && OFF_BY_DEFAULT_VERSIONS.has(apiVersion) ? unservedKindOf(validator, apiVersion, kind) : undefined;
    if (offByDefault) {
      reportUnserved(object, offByDefault);
      continue;
    }
    const file = rendered?.get(object.manifest);
    let state: RenderedFileState | undefined;
    if (file !== undefined) {
      state = files.get(file);
      if (state === undefined) {
        state = { knownValid: validator.knownValidFile(file.textHash, cel), allPassed: true };
        files.set(file, state);
      }
      if (state.knownValid) {
        SCHEMA_RESULT_STATISTICS.hits++;
        continue;
      }
    }
    let violations = validator.validate(asDecrypted(object.manifest), cel);
    let generatedBy: GeneratedKindSchema | undefined;
    if (violations === undefined) {
      generated ??= generatedKindSchemas(cluster.objects.map((o) => o.manifest));
      generatedBy = generated.get(`${apiVersion}/${kind}`);
      violations = generatedBy && validator.validateGenerated(object.manifest, generatedBy.schema);
    }
    if (state !== undefined && (violations === undefined || violations.length > 0 || generatedBy !== undefined || !isKnownPlainJson(object.manifest))) {
      // Only a file whose text says exactly what passed may stand for its objects; a generated kind's
      // schema lives in another file, which may change while this one does not.
      state.allPassed = false;
    }
    if (violations === undefined) {
      let unserved: UnservedKind | undefined;
      if (typeof apiVersion === 'string' && KUBERNETES_GROUPS.has(groupOf(apiVersion))) {
        unserved = unservedKindOf(validator, apiVersion, kind);
      } else if (typeof apiVersion === 'string') {
        clusterCrds ??= servedByClusterCrds(cluster.objects);
        unserved = unservedCustomKindOf(validator, clusterCrds, apiVersion, kind);
      }
      if (unserved) {
        reportUnserved(object, unserved);
      } else if (typeof apiVersion === 'string' && schemaGapOf(apiVersion, kind) !== undefined) {
        continue; // a stated gap of the schema set, not a schema the environment failed to point at
      } else if (typeof apiVersion === 'string' && [...generated!.values()].some((other) => other.group === groupOf(apiVersion))) {
        continue; // a kind the cluster's own definitions of its group do not make: the missing CRD is the one error
      } else if (typeof apiVersion === 'string' && (withoutCrd ??= kindsWithoutCrd(cluster))(apiVersion, kind)) {
        continue; // a kind nothing installs (a ProviderConfig of a Provider not installed): the missing CRD is the one error
      } else {
        if (!unknownKinds.has(`${apiVersion} ${kind}`)) {
          unknownKinds.set(`${apiVersion} ${kind}`, object.constructPath);
        }
      }
      continue;
    }
    for (const violation of violations) {
      findings.push({
        layer: 'schema', severity: 'error', constructPath: object.constructPath,
        kind, namespace: metadata?.namespace, name: metadata?.name,
        field: violation.field, message: violation.message,
        hint: violation.hint ?? (generatedBy
          ? `see the schema that ${generatedBy.definedBy} gives ${kind}; ${generatedBy.refusedBy ?? 'its controller'} rejects this object as written`
          : newerHint(String(kind), violation.field, violation.message) ?? `see the ${apiVersion} ${kind} schema; the API server rejects this object as written`),
      });
    }
  }
  function reportUnserved(object: SynthesizedObject, unserved: UnservedKind): void {
    // An object a construct rendered from one of its props (addProviderConfig's apiVersion) is reported on
    // that prop, as its missing CRD is (provided.ts).
    const source = (sources ??= renderedFor(cluster)).get(object.constructPath);
    const { kind, metadata } = object.manifest;
    findings.push(source
      ? { layer: 'schema', severity: 'error', constructPath: source.at, ...unserved, field: source.field }
      : { layer: 'schema', severity: 'error', constructPath: object.constructPath, kind, namespace: metadata?.namespace, name: metadata?.name, ...unserved });
  }
  for (const [file, state] of files) {
    if (!state.knownValid && state.allPassed) {
      validator.recordValidFile(file.textHash, cel);
    }
  }
  if (unknownKinds.size > 0) {
    // One line per cluster: without the schema files every kind is unknown, and a line each would drown the rest.
    findings.push({
      layer: 'schema', severity: 'warning', constructPath: cluster.chart.node.path, field: '',
      message: `no schema known for ${unknownKindsListed(validator, unknownKinds)}; these objects were not schema-checked`,
      hint: unknownKindsHint(validator, new Set(unknownKinds.keys())),
    });
  }
  return findings;
}

/**
 * The kinds without a schema, each with the construct path of its first object where the core definitions were found:
 * then only a few kinds of the lab's own are missing, which the owner looks for by where they were written.
 */
function unknownKindsListed(validator: SchemaValidator, unknownKinds: ReadonlyMap<string, string>): string {
  const withPaths = validator.hasSchema('apps/v1', 'Deployment');
  return [...unknownKinds.keys()].sort().map((kind) => (withPaths ? `${kind} (${unknownKinds.get(kind)!})` : kind)).join(', ');
}

/**
 * How to have `unknownKinds` (`<apiVersion> <kind>`) checked: with the core definitions found, what is missing is
 * the CRDs of those groups, which pointing at the schema files again would not bring. Pure but for the validator.
 */
function unknownKindsHint(validator: SchemaValidator, unknownKinds: ReadonlySet<string>): string {
  if (!validator.hasSchema('apps/v1', 'Deployment')) {
    return 'point HOMELAB_K8S_SCHEMA at the Kubernetes 1.30 _definitions.json and HOMELAB_CRDS_DIR at the CRD files';
  }
  const groups = [...new Set([...unknownKinds].map((kind) => groupOf(kind.split(' ')[0])))].sort();
  return `the schema files were found but hold no CRD of ${groups.join(', ')}: add the CRD file its project releases to the folder HOMELAB_CRDS_DIR names `
    + '(else ../shared/schemas/crds), and these objects are checked as the API server checks them';
}

/** The hint for an unknown field of a core kind that a later release added (`unknown field "resources"` of a pod spec). Pure. */
function newerHint(kind: string, holder: string, message: string): string | undefined {
  const unknown = /^unknown field "(.*)"$/.exec(message);
  return unknown ? newerFieldHint(kind, holder, unknown[1]) : undefined;
}

/** The apiVersions a CRD serves its kind at, and which CRD that is. */
interface ServedVersions {
  readonly crd: string;
  readonly served: readonly string[];
}

/** What the CustomResourceDefinitions among `objects` serve, by `<group>/<kind>`. */
function servedByClusterCrds(objects: readonly SynthesizedObject[]): Map<string, ServedVersions> {
  const served = new Map<string, ServedVersions>();
  for (const crd of indexOf(objects).of('CustomResourceDefinition')) {
    const spec = fields(crd.manifest.spec);
    const group = text(spec.group);
    const kind = text(fields(spec.names).kind);
    if (group !== undefined && kind !== undefined) {
      served.set(`${group}/${kind}`, {
        crd: `its CRD ${text(crd.manifest.metadata?.name) ?? ''}, an object of the cluster`,
        served: list(spec.versions).filter((v) => v.served === true && typeof v.name === 'string').map((v) => `${group}/${String(v.name)}`),
      });
    }
  }
  return served;
}

/**
 * Why the API server refuses a custom resource without a schema: its CRD, of the cluster or else of the
 * CRD files, or else as a stated gap of the schema set knows it (Flux's notification and image kinds), serves
 * the kind at other versions only. Undefined when no CRD of the kind is known.
 */
function unservedCustomKindOf(
  validator: SchemaValidator, clusterCrds: ReadonlyMap<string, ServedVersions>, apiVersion: string, kind: string,
): UnservedKind | undefined {
  const group = groupOf(apiVersion);
  const own = clusterCrds.get(`${group}/${kind}`);
  if (own !== undefined) {
    return unservedCustomVersion(apiVersion, kind, own.served, own.crd);
  }
  const inFiles = validator.crdApiVersions(group, kind);
  const gap = inFiles.length === 0 ? schemaGapOf(apiVersion, kind) : undefined;
  return gap?.servedAs !== undefined
    ? unservedCustomVersion(apiVersion, kind, gap.servedAs, gap.servedBy ?? 'its CRD')
    : unservedCustomVersion(apiVersion, kind, inFiles, 'its CRD in the CRD files');
}

/** Why the API server refuses an object of one of its own groups that has no schema, when the core definitions tell. */
function unservedKindOf(validator: SchemaValidator, apiVersion: string, kind: string): UnservedKind | undefined {
  const served = validator.servedKinds();
  return served && unservedKind(served, apiVersion, kind, KUBERNETES_VERSION.replace(/^v|\.0$/g, ''));
}
