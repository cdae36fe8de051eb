import { sizeProblem } from '../app/quantities';
import { AddFinding, Fields, fields } from './manifest';

/** The pool modes CloudNativePG's Pooler CRD takes (its enum: PgBouncer's `statement` mode is not among them). */
const POOL_MODES = ['session', 'transaction'] as const;
/** The Services of its Cluster a Pooler sends to (its CRD's enum of `type`). */
const POOLER_TYPES = ['rw', 'ro', 'r'] as const;

/**
 * The rules of CloudNativePG's `Cluster` and `Pooler` CRDs that the API server holds a `spec` to: a Cluster's image
 * from `imageName` or an `imageCatalogRef`, never both (a CEL rule of the CRD: a major upgrade that moves to a catalog
 * drops `imageName`); fields written as another type than the CRD's or outside its enum: a Cluster's `instances` (an
 * integer), the `size` of its `storage` and `walStorage` (a quantity, which its webhook parses: `10GB` is refused) and its `postgresql.parameters`, a Pooler's `pgbouncer.parameters` (maps of text alone, as postgresql.conf and
 * pgbouncer.ini read each value: `max_connections: 200` is refused, `'200'` taken), its `pgbouncer.poolMode` and
 * its `type`. The CRDs are not in the schema set, so the types are held here. Pure: reports through `add`.
 */
export function checkCnpgCrdRules(kind: string, spec: Fields, add: AddFinding): void {
  if (kind === 'Cluster') {
    if (spec.imageName !== undefined && spec.imageCatalogRef !== undefined) {
      add('spec.imageCatalogRef', "the Cluster gives both imageName and imageCatalogRef: CloudNativePG's CRD takes one source of its image (\"imageName and imageCatalogRef are mutually exclusive\"), and the API server refuses the object",
        `keep one: drop imageName to take the catalog's image of major ${String(fields(spec.imageCatalogRef).major ?? '<major>')}, or drop imageCatalogRef to run ${String(spec.imageName)}`);
    }
    checkInstances(spec.instances, add);
    checkStorageSize(fields(spec.storage).size, 'spec.storage.size', add);
    checkStorageSize(fields(spec.walStorage).size, 'spec.walStorage.size', add);
    checkTextMap(fields(spec.postgresql).parameters, 'spec.postgresql.parameters', 'PostgreSQL', add);
  } else if (kind === 'Pooler') {
    const pgbouncer = fields(spec.pgbouncer);
    checkTextMap(pgbouncer.parameters, 'spec.pgbouncer.parameters', 'PgBouncer', add);
    checkEnum(pgbouncer.poolMode, 'spec.pgbouncer.poolMode', POOL_MODES, add);
    checkEnum(spec.type, 'spec.type', POOLER_TYPES, add);
  }
}

/** A Cluster's `instances`: a whole number, as its CRD types it (the webhook asks for at least 1). */
function checkInstances(instances: unknown, add: AddFinding): void {
  if (instances === undefined || instances === null || (typeof instances === 'number' && Number.isInteger(instances))) {
    return;
  }
  const meant = typeof instances === 'string' && /^\s*\d+\s*$/.test(instances) ? Number(instances)
    : typeof instances === 'number' ? Math.max(1, Math.round(instances)) : 3;
  add('spec.instances', `instances ${JSON.stringify(instances)} is no whole number: CloudNativePG's Cluster CRD types it as an integer, and the API server refuses the object`,
    `write the number of PostgreSQL instances without quotes: instances: ${meant}`);
}

/**
 * A Cluster's `storage.size` or `walStorage.size`: the CRD types it as text alone, and the operator's webhook refuses
 * one that is no quantity ("Size value isn't valid"), such as docker's `10GB`. Left out, the `pvcTemplate` gives it.
 */
function checkStorageSize(size: unknown, path: string, add: AddFinding): void {
  const problem = size === undefined || size === null ? undefined : sizeProblem(size, path);
  if (problem !== undefined) {
    add(path, `${problem.message}: CloudNativePG's webhook reads the size of each instance's claim as a Kubernetes quantity and refuses the Cluster`, problem.hint);
  }
}

/** A map the CRD types as text to text (`additionalProperties: { type: string }`): each value that is not text. */
function checkTextMap(map: unknown, path: string, server: string, add: AddFinding): void {
  const entries = fields(map);
  for (const key of Object.keys(entries).sort()) {
    const value = entries[key];
    if (typeof value !== 'string' && value !== undefined) {
      const written = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
      add(`${path}.${key}`, `parameter ${key}: ${JSON.stringify(value)} is no text: CloudNativePG's CRD takes each ${server} parameter as text, and the API server refuses the object`,
        `quote it, as ${server} reads it: ${key}: '${written}'`);
    }
  }
}

/** A field the CRD types as one of `allowed`: a value outside them, with the one meant where only its case differs. */
function checkEnum(value: unknown, path: string, allowed: readonly string[], add: AddFinding): void {
  if (value === undefined || value === null || (typeof value === 'string' && allowed.includes(value))) {
    return;
  }
  const field = path.split('.').pop() ?? path;
  const meant = typeof value === 'string' ? allowed.find((a) => a === value.trim().toLowerCase()) : undefined;
  add(path, `${field} ${JSON.stringify(value)} is none of ${allowed.join(', ')}, which CloudNativePG's Pooler CRD takes, and the API server refuses the object`,
    meant !== undefined ? `write it in lower case: ${field}: '${meant}'` : `write one of them: ${allowed.map((a) => `${field}: '${a}'`).join(', ')}`);
}
