import type { SynthesizedObject } from '../synth/collect';
import { fields } from './manifest';
import type { ObjectIndex } from './object-index';
import { volsyncMovers } from './volsync-movers';

/** A Secret of its own namespace that a backup operator's resource reads: its name's field, and the key's where it names one. */
export interface BackupSecretRef {
  readonly object: SynthesizedObject;
  readonly field: string;
  readonly name: unknown;
  readonly keyField?: string;
  readonly key?: unknown;
  /** A later selector of a Secret the object names already: only its key is checked, the Secret once. */
  readonly keyOnly?: boolean;
}

/** The `{ name, key }` selectors of Secrets in a backup operator's resource, by kind and by their path in it. */
const SECRET_SELECTORS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['postgresql.cnpg.io', 'Cluster', ['accessKeyId', 'secretAccessKey', 'region', 'sessionToken'].map((key) => `spec.backup.barmanObjectStore.s3Credentials.${key}`)],
  ['k8up.io', 'Schedule', ['repoPasswordSecretRef', 's3.accessKeyIDSecretRef', 's3.secretAccessKeySecretRef'].map((key) => `spec.backend.${key}`)],
  ['k8up.io', 'Backup', ['repoPasswordSecretRef', 's3.accessKeyIDSecretRef', 's3.secretAccessKeySecretRef'].map((key) => `spec.backend.${key}`)],
  ['velero.io', 'BackupStorageLocation', ['spec.credential']],
];

/**
 * CloudNativePG's basic-auth Secrets of a Cluster, which it reads the role's name and password from (keys
 * `username` and `password`): it stays in its bootstrap, or leaves the role without a password, until both exist.
 */
const CNPG_BASIC_AUTH_SECRETS: readonly string[] = ['spec.bootstrap.initdb.secret', 'spec.superuserSecret'];
const BASIC_AUTH_KEYS: readonly string[] = ['username', 'password'];

/** VolSync's movers that read a Secret by name alone: restic's and kopia's repository, rclone's configuration. */
const VOLSYNC_SECRETS: Readonly<Record<string, string>> = { restic: 'repository', kopia: 'repository', rclone: 'rcloneConfig' };

/**
 * The Secrets backup operators' resources read, each in the resource's namespace: VolSync's repository and rclone
 * Secrets, CloudNativePG's S3 credentials and basic-auth Secrets (bootstrap owner, superuser, managed roles), K8up's repository password and S3 keys, Velero's storage credentials.
 * The operator fails every backup until the Secret (and its key) exists. Pure.
 */
export function backupSecretRefs(index: ObjectIndex): BackupSecretRef[] {
  const refs: BackupSecretRef[] = [];
  for (const object of index.of('ReplicationSource', 'ReplicationDestination')) {
    for (const { path, mover } of volsyncMovers(object)) {
      const key = VOLSYNC_SECRETS[path.slice('spec.'.length)];
      if (key !== undefined && mover[key] !== undefined) {
        refs.push({ object, field: `${path}.${key}`, name: mover[key] });
      }
    }
  }
  for (const [group, kind, paths] of SECRET_SELECTORS) {
    for (const object of index.of(kind).filter((o) => String(o.manifest.apiVersion).startsWith(`${group}/`))) {
      const named = new Set<unknown>();
      for (const path of paths) {
        const selector = fields(path.split('.').reduce<unknown>((at, step) => fields(at)[step], object.manifest));
        if (selector.name !== undefined) {
          refs.push({ object, field: `${path}.name`, name: selector.name, keyField: `${path}.key`, key: selector.key, keyOnly: named.has(selector.name) });
          named.add(selector.name);
        }
      }
    }
  }
  for (const object of index.of('Cluster').filter((o) => String(o.manifest.apiVersion).startsWith('postgresql.cnpg.io/'))) {
    const roles = fields(fields(object.manifest.spec).managed).roles;
    const paths = [...CNPG_BASIC_AUTH_SECRETS, ...(Array.isArray(roles) ? roles.map((_, i) => `spec.managed.roles[${i}].passwordSecret`) : [])];
    for (const path of paths) {
      const name = fields(path.split(/\.|\[|\]\.?/).filter((step) => step !== '').reduce<unknown>((at, step) => (Array.isArray(at) ? at[Number(step)] : fields(at)[step]), object.manifest)).name;
      if (name !== undefined) {
        BASIC_AUTH_KEYS.forEach((key, i) => refs.push({ object, field: `${path}.name`, name, keyField: `${path} (key ${key})`, key, keyOnly: i > 0 }));
      }
    }
  }
  return refs;
}
