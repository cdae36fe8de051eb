import { createHash } from 'crypto';
import { Catalog, CatalogEntry, kindKey, loadCatalog, UnreadableSchemaSource } from './catalog';
import { CompiledValidator, ValidatorCompiler } from './compiler';
import { coreDefinitionSchema, OBJECT_META, strictClosure } from './core-definitions';
import { shareRepeatedSubschemas } from './shared-subschemas';
import { crdSchema, crdVersionSchema } from './crd-schemas';
import { openDiskCache } from './disk-cache';
import { defaultCoreDefinitionsFile, defaultCrdDirs } from './sources';
import { JsonSchema } from './structural';
import { toViolations, Violation } from './violations';
import { CelNode, celTree, transitionRuleTree } from './cel-rules';
import { CelViolation, celEnabled, evaluateCelRules, evaluateTransitionRules } from './cel-evaluator';
import { codeFingerprint, sourcesFingerprint } from './fingerprint';
import { SCHEMA_RESULT_STATISTICS, ValidResults } from './result-cache';
import { groupOf } from './served-kinds';

// Bump when the shape of a cached CEL rule tree changes.
const CEL_FORMAT = 3; // 2: keys of keyed lists; 3: embedded objects

/** The CEL rules of `tree` that `manifest` breaks, as schema violations (with a hint where the rule is the API server's own). */
function celViolations(manifest: Record<string, unknown>, tree: CelNode): Violation[] {
  return evaluateCelRules(manifest, tree).map(({ field, message, hint }) => (hint === undefined ? { field, message } : { field, message, hint }));
}

/** Where {@link KindValidators} reads schemas from. */
export interface SchemaSources {
  /** Kubernetes OpenAPI definitions file; undefined: no core kinds. */
  readonly coreDefinitions?: string;
  /** CRD files and folders, in order of precedence. */
  readonly crdPaths: readonly string[];
}

/** The default sources: see {@link defaultCoreDefinitionsFile} and {@link defaultCrdDirs}. */
export function defaultSchemaSources(crdDirs?: readonly string[]): SchemaSources {
  return { coreDefinitions: defaultCoreDefinitionsFile(), crdPaths: crdDirs ?? defaultCrdDirs() };
}

/**
 * Validators per apiVersion/kind, compiled lazily on first use and kept for the life of the object.
 * Nothing is read from disk before the first question.
 */
export class KindValidators {
  private catalogLoaded?: Catalog;
  private servedLoaded?: ReadonlyMap<string, ReadonlySet<string>> | null;
  private crdVersionsLoaded?: ReadonlyMap<string, readonly string[]>;
  private readonly compiled = new Map<string, CompiledValidator>();
  private readonly celTrees = new Map<string, CelNode | null>();
  /** The CEL trees of generated kinds' schemas, by the schema's text. */
  private readonly generatedTrees = new Map<string, CelNode | null>();
  private readonly transitionTrees = new Map<string, CelNode | null>();
  private readonly cache = openDiskCache();
  private readonly compiler = new ValidatorCompiler(this.cache);
  /** Objects that passed before, and kinds without a schema: a warm run compiles, loads and parses nothing for them. */
  private readonly results = this.cache && new ValidResults(this.cache, () => this.identity());
  private readonly unknownKinds = new Map<string, boolean>();
  /** Validators of generated kinds, by the JSON of their schema. */
  private readonly generated = new Map<string, CompiledValidator>();

  public constructor(private readonly sources: SchemaSources) {}

  /** Stores the results learned since the last call in the disk cache (at most one write). */
  public flush(): void {
    this.results?.flush();
  }

  /** The schema paths that gave no schema (see {@link UnreadableSchemaSource}); reading them loads the catalog. */
  public unreadableSources(): readonly UnreadableSchemaSource[] {
    return this.catalog.unreadable;
  }

  /** True when a schema is known for `apiVersion`/`kind`. */
  public has(apiVersion: string, kind: string): boolean {
    return this.catalog.entries.has(kindKey(apiVersion, kind));
  }

  /** Whether the CRD files serve `kind` at `apiVersion` with a scale subresource; undefined when no CRD file defines it there. */
  public crdScale(apiVersion: string, kind: string): boolean | undefined {
    const entry = this.catalog.entries.get(kindKey(apiVersion, kind));
    return entry?.doc === undefined ? undefined : entry.scale === true;
  }

  /** The apiVersions of the core definitions with their kinds; undefined without core definitions. */
  public servedKinds(): ReadonlyMap<string, ReadonlySet<string>> | undefined {
    if (this.servedLoaded === undefined) {
      const served = new Map<string, Set<string>>();
      for (const entry of this.catalog.entries.values()) {
        if (entry.definition !== undefined) {
          const kinds = served.get(entry.apiVersion) ?? new Set<string>();
          kinds.add(entry.kind);
          served.set(entry.apiVersion, kinds);
        }
      }
      this.servedLoaded = served.size > 0 ? served : null;
    }
    return this.servedLoaded ?? undefined;
  }

  /**
   * The apiVersions that the CRD files serve `kind` of `group` at (with a schema), in the order of the CRD's
   * versions; empty when no CRD file defines the kind. Asked for every kind without a schema: that no CRD
   * defines one is remembered, so a warm run loads no catalog for it.
   */
  public crdApiVersions(group: string, kind: string): readonly string[] {
    const results = this.results;
    const undefinedKey = results?.undefinedCrdKindKey(group, kind);
    if (undefinedKey !== undefined && results!.has(undefinedKey)) {
      return [];
    }
    const versions = this.crdVersionsOf(group, kind);
    if (versions.length === 0 && undefinedKey !== undefined) {
      results!.add(undefinedKey);
    }
    return versions;
  }

  private crdVersionsOf(group: string, kind: string): readonly string[] {
    if (this.crdVersionsLoaded === undefined) {
      const versions = new Map<string, string[]>();
      for (const entry of this.catalog.entries.values()) {
        if (entry.doc !== undefined) {
          const key = `${groupOf(entry.apiVersion)}/${entry.kind}`;
          const known = versions.get(key);
          if (known) {
            known.push(entry.apiVersion);
          } else {
            versions.set(key, [entry.apiVersion]);
          }
        }
      }
      this.crdVersionsLoaded = versions;
    }
    return this.crdVersionsLoaded.get(`${group}/${kind}`) ?? [];
  }

  /**
   * Violations of `manifest`; undefined when its apiVersion/kind has no schema. `cel`: whether CRD CEL
   * rules run (see {@link SchemaValidator.validate}).
   */
  public validate(manifest: Record<string, unknown>, cel: boolean = celEnabled()): Violation[] | undefined {
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      // Without both there is no schema to pick, yet the object is certainly invalid.
      return [
        ...(typeof apiVersion === 'string' ? [] : [{ field: '', message: apiVersion === undefined ? 'missing required field "apiVersion"' : 'apiVersion must be a string' }]),
        ...(typeof kind === 'string' ? [] : [{ field: '', message: kind === undefined ? 'missing required field "kind"' : 'kind must be a string' }]),
      ];
    }
    const key = kindKey(apiVersion, kind);
    const results = this.results;
    if (results !== undefined && this.isKnownUnknown(results, key, apiVersion, kind)) return undefined;
    const resultKey = results?.objectKey(manifest, cel ? 'cel' : 'no-cel');
    if (resultKey !== undefined) {
      if (results!.has(resultKey)) {
        SCHEMA_RESULT_STATISTICS.hits++;
        return [];
      }
      SCHEMA_RESULT_STATISTICS.misses++;
    }
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const entry = this.catalog.entries.get(key);
      if (entry === undefined) {
        if (results !== undefined) {
          results.add(results.unknownKindKey(apiVersion, kind));
          this.unknownKinds.set(key, true);
        }
        return undefined;
      }
      validate = this.compile(entry);
      this.compiled.set(key, validate);
    }
    if (!validate(manifest)) {
      return toViolations(validate.errors ?? [], manifest);
    }
    // CEL rules run on objects that are structurally valid, as in the API server.
    const tree = cel ? this.celTreeOf(key) : undefined;
    const violations = tree ? celViolations(manifest, tree) : [];
    if (violations.length === 0 && resultKey !== undefined) results!.add(resultKey);
    return violations;
  }

  /**
   * Violations of `manifest` against `openAPIV3Schema`, the schema of a CRD that a controller makes in
   * the cluster (see `generatedKindSchemas`), checked as strictly as a CRD from a file, its CEL rules too. A
   * pass is remembered under the schema's text and the object's together, so that a warm run loads
   * neither the schema catalog nor a validator for it.
   */
  public validateGenerated(manifest: Record<string, unknown>, openAPIV3Schema: JsonSchema): Violation[] {
    const text = JSON.stringify(openAPIV3Schema);
    const cel = celEnabled();
    const results = this.results;
    const resultKey = results?.generatedKey(text, manifest, cel ? 'cel' : 'no-cel');
    if (resultKey !== undefined) {
      if (results!.has(resultKey)) {
        SCHEMA_RESULT_STATISTICS.hits++;
        return [];
      }
      SCHEMA_RESULT_STATISTICS.misses++;
    }
    let validate = this.generated.get(text);
    if (validate === undefined) {
      validate = this.crdValidator(`generated\u0000${createHash('sha256').update(text).digest('hex')}`, () => openAPIV3Schema);
      this.generated.set(text, validate);
    }
    if (!validate(manifest)) {
      return toViolations(validate.errors ?? [], manifest);
    }
    // The controller copies the definition's CEL rules into the CRD it makes: the API server runs them too.
    let tree = this.generatedTrees.get(text);
    if (tree === undefined) {
      tree = celTree(openAPIV3Schema) ?? null;
      this.generatedTrees.set(text, tree);
    }
    const violations = tree && cel ? celViolations(manifest, tree) : [];
    if (violations.length === 0 && resultKey !== undefined) results!.add(resultKey);
    return violations;
  }

  /**
   * Whether every object of an output file whose text has the {@link textHash} `hash` passed before (see
   * {@link recordValidFile}); always false without the cache.
   */
  public knownValidFile(hash: string, cel: boolean = celEnabled()): boolean {
    const results = this.results;
    return results !== undefined && results.has(results.textKey(hash, cel ? 'cel' : 'no-cel'));
  }

  /** Records that every object of an output file whose text has the hash `hash` passed every schema and CEL rule. */
  public recordValidFile(hash: string, cel: boolean = celEnabled()): void {
    this.results?.add(this.results.textKey(hash, cel ? 'cel' : 'no-cel'));
  }

  /** Whether an earlier run found no schema for the kind (a fact of the schema sources alone). */
  private isKnownUnknown(results: ValidResults, key: string, apiVersion: string, kind: string): boolean {
    let unknown = this.unknownKinds.get(key);
    if (unknown === undefined) {
      unknown = results.has(results.unknownKindKey(apiVersion, kind));
      this.unknownKinds.set(key, unknown);
    }
    return unknown;
  }

  /** What every cached result depends on besides the object: result and code formats, the code itself, the schema sources. */
  private identity(): string {
    return [
      `code ${this.compiler.version} cel ${CEL_FORMAT}`,
      codeFingerprint(),
      sourcesFingerprint(this.sources.coreDefinitions, this.sources.crdPaths),
    ].join('\u0000');
  }

  /**
   * The transition rules (`oldSelf`) of the CRD of `manifest`'s kind that an update from `previous`
   * breaks; none for a kind without a CRD or without such rules. Read from the CRD file on first use of
   * a kind: only a day-2 comparison asks, for the objects it finds changed.
   */
  public transitionViolations(manifest: Record<string, unknown>, previous: Record<string, unknown>): CelViolation[] {
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !celEnabled()) {
      return [];
    }
    const key = kindKey(apiVersion, kind);
    let tree = this.transitionTrees.get(key);
    if (tree === undefined) {
      const entry = this.catalog.entries.get(key);
      tree = entry?.doc !== undefined && entry.version !== undefined
        ? transitionRuleTree(crdVersionSchema(this.catalog.documents(entry.file)[entry.doc], entry.version)) ?? null
        : null;
      this.transitionTrees.set(key, tree);
    }
    return tree ? evaluateTransitionRules(manifest, previous, tree) : [];
  }

  /**
   * The CEL rules of a kind, extracted from its CRD once and cached on disk beside the validators, so
   * that a warm run parses no CRD YAML for them.
   */
  private celTreeOf(key: string): CelNode | undefined {
    let tree = this.celTrees.get(key);
    if (tree === undefined) {
      const entry = this.catalog.entries.get(key);
      tree = null;
      if (entry?.doc !== undefined && entry.version !== undefined) {
        const cacheName = `cel-v${CEL_FORMAT}-${entry.sha.slice(0, 16)}-${entry.doc}-${entry.version}.json`;
        const cached = this.cache?.read(cacheName);
        if (cached) {
          tree = JSON.parse(cached.toString('utf8')) as CelNode | null;
        } else {
          const document = this.catalog.documents(entry.file)[entry.doc];
          tree = celTree(crdVersionSchema(document, entry.version)) ?? null;
          this.cache?.write(cacheName, JSON.stringify(tree));
        }
      }
      this.celTrees.set(key, tree);
    }
    return tree ?? undefined;
  }

  private get catalog(): Catalog {
    return this.catalogLoaded ??= loadCatalog(this.sources.coreDefinitions, this.sources.crdPaths, this.cache);
  }

  private compile(entry: CatalogEntry): CompiledValidator {
    if (entry.definition !== undefined) {
      return this.compiler.validator(`core\u0000${entry.sha}\u0000${entry.definition}`,
        () => coreDefinitionSchema(this.coreDefinitions(), entry.definition!));
    }
    return this.crdValidator(`crd\u0000${entry.sha}\u0000${entry.doc}\u0000${entry.version}`,
      () => crdVersionSchema(this.catalog.documents(entry.file)[entry.doc!], entry.version!));
  }

  /** The Kubernetes OpenAPI definitions; only asked for when the core file is known. */
  private coreDefinitions(): Record<string, JsonSchema> {
    return (this.catalog.documents(this.catalog.core!.file)[0] as { definitions: Record<string, JsonSchema> }).definitions;
  }

  /**
   * The validator of a custom resource whose CRD version has `openAPIV3Schema`, for `key`. Its metadata is
   * checked against the core ObjectMeta, so the key takes in the core file.
   */
  private crdValidator(key: string, openAPIV3Schema: () => JsonSchema): CompiledValidator {
    const core = this.catalog.core;
    return this.compiler.validator(`${key}\u0000${core?.sha ?? ''}`,
      () => shareRepeatedSubschemas(crdSchema(openAPIV3Schema(), core === undefined ? undefined : strictClosure(this.coreDefinitions(), [OBJECT_META]))));
  }
}
