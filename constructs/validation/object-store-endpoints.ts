import { yamlMapping } from './yaml-mapping';
import type { SynthesizedObject } from '../synth/collect';
import { type AddFinding, fields } from './manifest';

// Thanos' bucket configuration (`objstore.yml`: `type: S3` and its `config`) and Mimir's S3 storage blocks
// (`backend: s3`) hand their `endpoint` to minio-go, which takes a host and port alone and puts the scheme in front itself (`insecure`
// picks http): a URL (`http://minio.minio.svc:9000`) becomes a path it refuses with "Endpoint url cannot have fully
// qualified paths", and the component stops at start.

/** A problem of an object store's endpoint in a configuration file of a ConfigMap. */
export interface EndpointProblem {
  /** Where in the file: `config.endpoint`, `blocks_storage.s3.endpoint`. */
  readonly at: string;
  readonly message: string;
  readonly hint: string;
}

/** The blocks of Mimir's configuration that hold an `s3` store. */
const MIMIR_STORAGE_BLOCKS = ['common.storage', 'blocks_storage', 'ruler_storage', 'alertmanager_storage'] as const;

/**
 * The endpoints of a Thanos bucket file or a Mimir configuration, read from the text of a ConfigMap's key, that
 * minio-go refuses: none where the text is no YAML mapping of either shape. Pure.
 */
export function objectStoreEndpointProblems(text: string): EndpointProblem[] {
  const parsed = yamlMapping(text);
  if (parsed === undefined) {
    return [];
  }
  const stores: Array<{ at: string; store: Record<string, unknown> }> = [];
  if (typeof parsed.type === 'string' && parsed.type.toUpperCase() === 'S3' && isRecord(parsed.config)) {
    stores.push({ at: 'config', store: parsed.config });
  }
  for (const block of MIMIR_STORAGE_BLOCKS) {
    const storage = block.split('.').reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), parsed);
    // Mimir's block names its backend; Loki's `common.storage.s3`, whose AWS client takes a URL, names none.
    const store = isRecord(storage) && storage.backend === 's3' ? storage.s3 : undefined;
    if (isRecord(store)) {
      stores.push({ at: `${block}.s3`, store });
    }
  }
  return stores.flatMap(({ at, store }) => endpointProblem(`${at}.endpoint`, store));
}

/** The problem of one store's `endpoint`, written as a URL, with the host and port it meant. Pure. */
function endpointProblem(at: string, store: Record<string, unknown>): EndpointProblem[] {
  const endpoint = store.endpoint;
  const url = typeof endpoint === 'string' ? /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(endpoint.trim()) : null;
  if (url === null) {
    return [];
  }
  const plain = url[1].toLowerCase() === 'http';
  const insecure = plain && store.insecure !== true ? ', insecure: true' : '';
  return [{
    at,
    message: `${at} is the URL "${String(endpoint)}": minio-go, which Thanos and Mimir reach S3 through, takes a host and port alone and refuses a URL `
      + '("Endpoint url cannot have fully qualified paths"), so the component stops at start',
    hint: `write the host and port, and let insecure pick the scheme: endpoint: ${url[2] || '<host>:<port>'}${insecure}`,
  }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The endpoints minio-go refuses in the YAML files a ConfigMap holds (keys ending `.yml` or `.yaml`), each on its key. */
export function checkObjectStoreEndpoints(object: SynthesizedObject, add: AddFinding): void {
  for (const [key, value] of Object.entries(fields(object.manifest.data))) {
    if (typeof value === 'string' && /\.ya?ml$/i.test(key) && value.includes('endpoint')) {
      for (const problem of objectStoreEndpointProblems(value)) {
        add(`data.${key}`, `${key}: ${problem.message}`, problem.hint);
      }
    }
  }
}
