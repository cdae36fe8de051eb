import { AddFinding, Fields, fields, text } from './manifest';

/** The method a CloudNativePG Backup or ScheduledBackup takes when it names none (its CRD's default). */
const DEFAULT_METHOD = 'barmanObjectStore';
/** The fields of a backup that only the volumeSnapshot method reads. */
const SNAPSHOT_FIELDS = ['online', 'onlineConfiguration'] as const;

/**
 * The method of a CloudNativePG Backup or ScheduledBackup (`spec`) and the fields beside it, as the operator's
 * webhook checks them: `online` and `onlineConfiguration` with volumeSnapshot only (the default method,
 * barmanObjectStore, is always online), and the plugin method with the plugin it runs. Pure: reports through `add`.
 */
export function checkCnpgBackupMethod(spec: Fields, add: AddFinding): void {
  const method = text(spec.method) ?? DEFAULT_METHOD;
  if (method === DEFAULT_METHOD) {
    for (const key of SNAPSHOT_FIELDS) {
      if (spec[key] !== undefined && spec[key] !== null) {
        add(`spec.${key}`, `${key} is read by the volumeSnapshot method alone, and the backup's method is ${DEFAULT_METHOD}${spec.method === undefined ? ' (the default)' : ''}: CloudNativePG's webhook refuses it`,
          `write method: volumeSnapshot to back up by volume snapshots, or drop ${key} (a ${DEFAULT_METHOD} backup is always taken online)`);
      }
    }
  } else if (method === 'plugin' && (text(fields(spec.pluginConfiguration).name) ?? '') === '') {
    add('spec.pluginConfiguration', 'the backup\'s method is plugin, and it names no plugin to run it: CloudNativePG\'s webhook refuses it',
      "give pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' }, the plugin the Cluster runs");
  }
}
