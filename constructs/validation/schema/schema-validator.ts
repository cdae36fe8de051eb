import { Catalog, CatalogEntry, kindKey, loadCatalog } from './catalog';
import { CompiledValidator, ValidatorCompiler } from './compiler';
import { coreDefinitionSchema, OBJECT_META, strictClosure } from './core-definitions';
import { crdSchema, crdVersionSchema } from './crd-schemas';
import { openDiskCache } from './disk-cache';
import { defaultCoreDefinitionsFile, defaultCrdDirs } from './sources';
import { JsonSchema } from './structural';
import { toViolations, Violation } from './violations';

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
  private readonly compiled = new Map<string, CompiledValidator>();
  private readonly cache = openDiskCache();
  private readonly compiler = new ValidatorCompiler(this.cache);

  public constructor(private readonly sources: SchemaSources) {}

  /** True when a schema is known for `apiVersion`/`kind`. */
  public has(apiVersion: string, kind: string): boolean {
    return this.catalog.entries.has(kindKey(apiVersion, kind));
  }

  /** Violations of `manifest`; undefined when its apiVersion/kind has no schema. */
  public validate(manifest: Record<string, unknown>): Violation[] | undefined {
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      // Without both there is no schema to pick, yet the object is certainly invalid.
      return [
        ...(typeof apiVersion === 'string' ? [] : [{ field: '', message: apiVersion === undefined ? 'missing required field "apiVersion"' : 'apiVersion must be a string' }]),
        ...(typeof kind === 'string' ? [] : [{ field: '', message: kind === undefined ? 'missing required field "kind"' : 'kind must be a string' }]),
      ];
    }
    const key = kindKey(apiVersion, kind);
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const entry = this.catalog.entries.get(key);
      if (entry === undefined) return undefined;
      validate = this.compile(entry);
      this.compiled.set(key, validate);
    }
    return validate(manifest) ? [] : toViolations(validate.errors ?? [], manifest);
  }

  private get catalog(): Catalog {
    return this.catalogLoaded ??= loadCatalog(this.sources.coreDefinitions, this.sources.crdPaths, this.cache);
  }

  private compile(entry: CatalogEntry): CompiledValidator {
    const catalog = this.catalog;
    const core = catalog.core;
    const coreDefinitions = (): Record<string, JsonSchema> =>
      (catalog.documents(core!.file)[0] as { definitions: Record<string, JsonSchema> }).definitions;
    if (entry.definition !== undefined) {
      return this.compiler.validator(`core\u0000${entry.sha}\u0000${entry.definition}`,
        () => coreDefinitionSchema(coreDefinitions(), entry.definition!));
    }
    // A CRD's metadata is checked against the core ObjectMeta, so its key includes the core file.
    return this.compiler.validator(`crd\u0000${entry.sha}\u0000${entry.doc}\u0000${entry.version}\u0000${core?.sha ?? ''}`, () => {
      const document = catalog.documents(entry.file)[entry.doc!];
      const objectMeta = core === undefined ? undefined : strictClosure(coreDefinitions(), [OBJECT_META]);
      return crdSchema(crdVersionSchema(document, entry.version!), objectMeta);
    });
  }
}
