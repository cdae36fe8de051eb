import { load } from 'js-yaml';
import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { GATUS_IMAGE } from './gatus-config-path';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf } from './pod-spec';

// Gatus keeps its results in SQLite where its configuration says `storage: { type: sqlite, path }`, and creates the
// file as it starts: at a path no volume of its container holds, on the read-only root, it cannot, and stops.

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

/** Gatus configurations whose SQLite file is on no volume of the read-only container that reads them: an error on the ConfigMap's key. */
export function checkGatusStorage(cluster: SynthesizedCluster): Finding[] {
  return imageConfigFiles(cluster, GATUS_IMAGE).flatMap(({ template, configMap, key, file }): Finding[] => {
    const path = gatusSqlitePath(file);
    const gatus = containersOf(template).find((ref) => !ref.init && GATUS_IMAGE.test(text(ref.container.image) ?? ''));
    if (path === undefined || gatus === undefined || fields(gatus.container.securityContext).readOnlyRootFilesystem !== true) {
      return [];
    }
    const mounts = list(gatus.container.volumeMounts).map((m) => (text(m.mountPath) ?? '').replace(/\/+$/, ''));
    if (mounts.some((m) => path === m || path.startsWith(`${m}/`))) {
      return [];
    }
    const folder = path.slice(0, path.lastIndexOf('/')) || '/';
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `storage.path ${path} keeps Gatus' results in SQLite on no volume of ${template.object.manifest.kind} ${template.namespace}/${text(fields(template.object.manifest.metadata).name) ?? ''}: on the read-only root Gatus cannot create it and stops as it starts`,
      hint: `mount a claim at ${folder}, which keeps the results across restarts: persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '${folder}' } }`,
    })];
  });
}
