import { existsSync, readdirSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import type { UnreadableSchemaSource } from './catalog';

/**
 * Gateway API ships several releases and channels that define the same CRDs; validating against a
 * mix would accept fields no single controller serves. The project targets v1.4.1 experimental
 * (TCPRoute v1alpha2 lives there), so in a shared schema folder only that tree is read.
 */
export const GATEWAY_API_TREE = join('gateway-api', 'v1.4.1', 'experimental');

/** Kubernetes version whose core definitions the project validates against. */
export const KUBERNETES_VERSION = 'v1.30.0';

/**
 * The project root: the nearest folder at or above `from` with a package.json. The shared schema
 * folder sits beside it (`../shared`), as it does in CI.
 */
export function projectRoot(from: string = process.cwd()): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function sharedSchemas(): string | undefined {
  const root = projectRoot();
  return root === undefined ? undefined : join(root, '..', 'shared', 'schemas');
}

/** Name of the folder that `npm run schemas` writes and the published package ships. */
export const BUNDLED_SCHEMAS_FOLDER = 'schemas';

/**
 * The compact schema bundle shipped with the package (`schemas/` beside `lib/`), found by walking up
 * from this module: the fallback when neither the environment nor `../shared` names schemas.
 */
export function bundledSchemas(from: string = __dirname): string | undefined {
  let dir = resolve(from);
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, BUNDLED_SCHEMAS_FOLDER);
    if (existsSync(join(candidate, 'k8s', KUBERNETES_VERSION, '_definitions.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The folder schemas are read from by default: `../shared/schemas` when present, else the bundle. */
function defaultSchemaRoot(): string | undefined {
  const shared = sharedSchemas();
  if (shared !== undefined && existsSync(join(shared, 'k8s', KUBERNETES_VERSION, '_definitions.json'))) return shared;
  return bundledSchemas() ?? shared;
}

/**
 * The Kubernetes OpenAPI definitions file: `HOMELAB_K8S_SCHEMA` when set (empty string: none),
 * otherwise `../shared/schemas/k8s/v1.30.0/_definitions.json` when it exists, otherwise the one in the
 * package's own schema bundle.
 */
export function defaultCoreDefinitionsFile(): string | undefined {
  const fromEnv = process.env.HOMELAB_K8S_SCHEMA;
  // A path that is no file reads no schema (reported by schemaEnvironmentProblems), rather than failing the read.
  if (fromEnv !== undefined) return fromEnv === '' || !isFile(resolve(fromEnv)) ? undefined : resolve(fromEnv);
  const shared = defaultSchemaRoot();
  const file = shared && join(shared, 'k8s', KUBERNETES_VERSION, '_definitions.json');
  return file !== undefined && existsSync(file) ? file : undefined;
}

/**
 * CRD folders: `HOMELAB_CRDS_DIR` when set (empty string: none), otherwise
 * `../shared/schemas/crds` when it exists, otherwise the package's schema bundle. Within such a
 * folder, Gateway API is read from {@link GATEWAY_API_TREE} only.
 */
export function defaultCrdDirs(): string[] {
  const fromEnv = process.env.HOMELAB_CRDS_DIR;
  if (fromEnv !== undefined) return fromEnv === '' || !existsSync(resolve(fromEnv)) ? [] : expandCrdRoot(resolve(fromEnv));
  const shared = defaultSchemaRoot();
  const dir = shared && join(shared, 'crds');
  return dir !== undefined && existsSync(dir) ? expandCrdRoot(dir) : [];
}

/** The CRD paths read under a CRD root folder: Gateway API only from {@link GATEWAY_API_TREE}. */
export function expandCrdRoot(dir: string): string[] {
  const gateway = join(dir, GATEWAY_API_TREE);
  if (!existsSync(gateway)) return [dir];
  const others = readdirSync(dir)
    .filter(name => name !== 'gateway-api')
    .map(name => join(dir, name))
    .filter(path => statSync(path).isDirectory() || /\.(ya?ml|json)$/.test(path))
    .sort();
  return [gateway, ...others];
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * The schema variables of the environment that name nothing to read: `HOMELAB_K8S_SCHEMA` that is no file,
 * `HOMELAB_CRDS_DIR` that does not exist. Each is a mistake of the one who set it, whose objects would
 * otherwise go unchecked with a warning only.
 */
export function schemaEnvironmentProblems(): Array<{ variable: string; message: string; hint: string }> {
  const problems: Array<{ variable: string; message: string; hint: string }> = [];
  const core = process.env.HOMELAB_K8S_SCHEMA;
  if (core !== undefined && core !== '' && !isFile(resolve(core))) {
    problems.push({
      variable: 'HOMELAB_K8S_SCHEMA', message: `HOMELAB_K8S_SCHEMA names ${resolve(core)}, which is no file, so no object was checked against the Kubernetes core schema`,
      hint: coreHint(),
    });
  }
  const crds = process.env.HOMELAB_CRDS_DIR;
  if (crds !== undefined && crds !== '' && !existsSync(resolve(crds))) {
    problems.push({ variable: 'HOMELAB_CRDS_DIR', message: `HOMELAB_CRDS_DIR names ${resolve(crds)}, which does not exist, so no custom resource was checked against its CRD`, hint: CRDS_HINT });
  }
  return problems;
}

const CRDS_HINT = "point it at the folder of CRD files (crds/ of the schemas), or unset it to use the package's own";

/**
 * Whether `HOMELAB_K8S_SCHEMA` or `HOMELAB_CRDS_DIR` names a path that exists: what it holds is then the
 * choice of the one who set it, and {@link namedSourceProblems} says what gave no schema.
 */
export function schemaPathsNamedByEnvironment(): boolean {
  return [process.env.HOMELAB_K8S_SCHEMA, process.env.HOMELAB_CRDS_DIR].some((path) => path !== undefined && path !== '' && existsSync(resolve(path)));
}

/**
 * The problems of the schema paths the environment names that exist but gave no schema (a file that does
 * not parse, a core file without definitions, a CRD folder without a CRD), from what the catalog read. Paths
 * the package chose itself are left out. Pure.
 */
export function namedSourceProblems(unreadable: readonly UnreadableSchemaSource[]): Array<{ variable: string; message: string; hint: string }> {
  const core = process.env.HOMELAB_K8S_SCHEMA;
  const crds = process.env.HOMELAB_CRDS_DIR;
  return unreadable.flatMap(({ path, source, reason }) => {
    if (source === 'core') {
      return core !== undefined && core !== '' && resolve(core) === path ? [{
        variable: 'HOMELAB_K8S_SCHEMA', message: `HOMELAB_K8S_SCHEMA names ${path}, which ${reason}, so no object was checked against the Kubernetes core schema`, hint: coreHint(),
      }] : [];
    }
    const root = crds !== undefined && crds !== '' ? resolve(crds) : undefined;
    if (root === undefined || (path !== root && !path.startsWith(`${root}/`))) {
      return [];
    }
    const file = path.slice(root.length + 1);
    return [path === root
      ? { variable: 'HOMELAB_CRDS_DIR', message: `HOMELAB_CRDS_DIR names ${root}, which ${reason}, so no custom resource was checked against its CRD`, hint: CRDS_HINT }
      : {
        variable: 'HOMELAB_CRDS_DIR', message: `${file} in HOMELAB_CRDS_DIR (${root}) ${reason}, so the CRDs it may hold were not read`,
        hint: `mend ${file} or move it out of the folder`,
      }];
  });
}

/** How to point `HOMELAB_K8S_SCHEMA` at the core definitions. */
function coreHint(): string {
  return `point it at the Kubernetes ${KUBERNETES_VERSION.slice(1)} definitions (k8s/${KUBERNETES_VERSION}/_definitions.json of the schemas), or unset it to use the package's own`;
}
