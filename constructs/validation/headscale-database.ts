import { load } from 'js-yaml';
import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import { unwritablePath } from './container-writable-path';
import type { Finding } from './finding';
import { HEADSCALE_IMAGE } from './headscale-config-files';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf } from './pod-spec';

// Headscale keeps its nodes, users and keys in SQLite unless told otherwise, at `database.sqlite.path` (`db_path`
// before 0.23), and creates the file as it starts. The configuration is usually mounted from a ConfigMap at
// /etc/headscale, the folder its example puts everything in: a database beside it cannot be written, and Headscale
// stops as it starts.

/** The SQLite file a Headscale configuration text names, or undefined when it names none or keeps its data in PostgreSQL. Pure. */
export function headscaleSqlitePath(file: string): string | undefined {
  try {
    const settings = fields(load(file));
    const database = fields(settings.database);
    const type = text(database.type) ?? text(settings.db_type) ?? 'sqlite';
    const path = text(fields(database.sqlite).path) ?? text(settings.db_path);
    return type.startsWith('sqlite') && path !== undefined && path.startsWith('/') ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Headscale configurations whose SQLite file its container cannot write: an error on the ConfigMap's key. */
export function checkHeadscaleDatabase(cluster: SynthesizedCluster): Finding[] {
  return imageConfigFiles(cluster, HEADSCALE_IMAGE).flatMap(({ template, configMap, key, file }): Finding[] => {
    const path = headscaleSqlitePath(file);
    const headscale = containersOf(template).find((ref) => !ref.init && HEADSCALE_IMAGE.test(text(ref.container.image) ?? ''));
    const unwritable = path === undefined || headscale === undefined ? undefined : unwritablePath(template, headscale.container, path);
    if (path === undefined || headscale === undefined || unwritable === undefined) {
      return [];
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    // A folder the container may write already, other than its scratch /tmp, takes the file.
    const writable = list(headscale.container.volumeMounts).map((m) => text(m.mountPath) ?? '')
      .filter((at) => at.startsWith('/') && at !== '/tmp' && unwritablePath(template, headscale.container, `${at.replace(/\/+$/, '')}/${name}`) === undefined);
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `Headscale's database ${path} ${unwritable.reason}: Headscale cannot create it and stops as it starts`,
      hint: writable.length > 0
        ? `put it on the volume mounted at ${writable[0]}: database: { type: sqlite, sqlite: { path: ${writable[0].replace(/\/+$/, '')}/${name} } }`
        : `keep it on a claim of its own, as Headscale's example does: database: { type: sqlite, sqlite: { path: /var/lib/headscale/${name} } } with persistence: { data: { volume: AppVolume.claim({ tier, size: '1Gi' }), mountPath: '/var/lib/headscale' } }`,
    })];
  });
}
