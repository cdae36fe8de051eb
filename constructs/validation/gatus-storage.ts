import { load } from 'js-yaml';
import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { GATUS_IMAGE } from './gatus-config-path';
import { unwritablePath } from './container-writable-path';
import { fields, objectFinding, text } from './manifest';
import { containersOf } from './pod-spec';

// Gatus keeps its results in SQLite where its configuration says `storage: { type: sqlite, path }`, and creates the
// file as it starts: at a path no volume of its container holds, on the read-only root, or on a read-only mount (the
// ConfigMap its configuration comes from), it cannot, and stops.

/** The SQLite file of a Gatus configuration text `file`, or undefined where it keeps its results elsewhere. Pure. */
export function gatusSqlitePath(file: string): string | undefined {
  try {
    const storage = fields(fields(load(file)).storage);
    const path = text(storage.path);
    // A path Gatus fills in from its environment as it reads the file is not known here.
    return storage.type === 'sqlite' && path !== undefined && path.startsWith('/') && !path.includes('$') ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Gatus configurations whose SQLite file the container that reads them cannot write: an error on the ConfigMap's key. */
export function checkGatusStorage(cluster: SynthesizedCluster): Finding[] {
  return imageConfigFiles(cluster, GATUS_IMAGE).flatMap(({ template, configMap, key, file }): Finding[] => {
    const path = gatusSqlitePath(file);
    const gatus = containersOf(template).find((ref) => !ref.init && GATUS_IMAGE.test(text(ref.container.image) ?? ''));
    const unwritable = path === undefined || gatus === undefined ? undefined : unwritablePath(template, gatus.container, path);
    if (path === undefined || unwritable === undefined) {
      return [];
    }
    // A read-only mount holds the file: a folder of its own takes it, with the file's name.
    const folder = unwritable.readOnlyMount !== undefined ? '/data' : path.slice(0, path.lastIndexOf('/')) || '/';
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `storage.path ${path} keeps Gatus' results in SQLite, and in ${template.object.manifest.kind} ${template.namespace}/${text(fields(template.object.manifest.metadata).name) ?? ''} it ${unwritable.reason}: Gatus cannot create it and stops as it starts`,
      hint: `${unwritable.readOnlyMount !== undefined ? `keep the file out of ${unwritable.readOnlyMount}, storage.path: ${folder}${path.slice(path.lastIndexOf('/'))}, and ` : ''}mount a claim at ${folder}, which keeps the results across restarts: persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '${folder}' } }`,
    })];
  });
}
