import { closestName } from './closest-name';
import { AddFinding, fields, Fields, list, text } from './manifest';

/** The ways CloudNativePG makes a Cluster's first instance, as its `bootstrap` section spells them. */
const BOOTSTRAP_METHODS = ['initdb', 'recovery', 'pg_basebackup'] as const;

/**
 * A CloudNativePG Cluster's `bootstrap` section as its admission webhook and its first instance read it: one method
 * alone (a rebuild's `recovery` added beside the `initdb` the lab began with is refused), a `recovery` or
 * `pg_basebackup` `source` that names one of the Cluster's `externalClusters`, a recovery source that says where
 * its backups are (`barmanObjectStore` or a `plugin`), a recovery from volume snapshots without a `backup` beside it,
 * and an application `database` given with its `owner` (each alone is refused). Pure: reports through `add`.
 */
export function checkCnpgBootstrap(spec: Fields, add: AddFinding): void {
  const bootstrap = fields(spec.bootstrap);
  const methods = BOOTSTRAP_METHODS.filter((method) => bootstrap[method] !== undefined);
  if (methods.length > 1) {
    add('spec.bootstrap', `the Cluster's bootstrap has ${methods.join(' and ')}, but CloudNativePG makes a Cluster one way alone: its webhook refuses the object ("Only one bootstrap method can be specified at a time")`,
      methods.includes('recovery') ? 'to rebuild from the backups keep recovery (with its source in externalClusters) and remove initdb; initdb is only for a Cluster with no data to bring back'
        : `keep one of ${methods.join(', ')}`);
    return;
  }
  const method = methods[0];
  if (method !== undefined) {
    checkApplicationDatabase(method, fields(bootstrap[method]), add);
  }
  const externals = list(spec.externalClusters);
  const names = externals.map((external) => text(external.name)).filter((known): known is string => known !== undefined);
  for (const method of ['recovery', 'pg_basebackup'] as const) {
    const source = text(fields(bootstrap[method]).source);
    if (source !== undefined && source !== '' && !names.includes(source)) {
      const meant = closestName(source, names);
      add(`spec.bootstrap.${method}.source`, `source "${source}" names no entry of the Cluster's externalClusters${names.length > 0 ? ` (${names.join(', ')})` : ''}: CloudNativePG's webhook refuses the object ("External cluster ${source} not found")`,
        meant !== undefined ? `did you mean source: '${meant}'?`
          : `describe it: externalClusters: [{ name: '${source}', barmanObjectStore: { destinationPath, endpointURL, s3Credentials, serverName: '<the old Cluster's name>' } }]`);
    }
  }
  const recovery = fields(bootstrap.recovery);
  checkRecoverySource(recovery, externals, add);
  if (recovery.volumeSnapshots !== undefined && recovery.backup !== undefined) {
    add('spec.bootstrap.recovery.backup', 'the recovery names both volumeSnapshots and a backup, but a recovery from snapshots takes no other: CloudNativePG\'s webhook refuses the object ("Recovery from dataSource is not compatible with other types of recovery")',
      'keep volumeSnapshots to start from the snapshots, or backup to start from that Backup');
  }
}

/**
 * The application database a bootstrap makes: its name and its owner go together, and CloudNativePG's webhook refuses
 * one without the other ("You need to specify the database owner user").
 */
function checkApplicationDatabase(method: string, section: Fields, add: AddFinding): void {
  const database = text(section.database);
  const owner = text(section.owner);
  if ((database ?? '') !== '' && (owner ?? '') === '') {
    add(`spec.bootstrap.${method}.owner`, `the ${method} bootstrap names database "${database}" without its owner: CloudNativePG's webhook refuses the object ("You need to specify the database owner user")`,
      `give the owner with it, the role the app connects as: ${method}: { database: '${database}', owner: '${database}' }`);
  } else if ((owner ?? '') !== '' && (database ?? '') === '') {
    add(`spec.bootstrap.${method}.database`, `the ${method} bootstrap names owner "${owner}" without its database: CloudNativePG's webhook refuses the object ("You need to specify the database name")`,
      `give the database with it: ${method}: { database: '${owner}', owner: '${owner}' }`);
  }
}

/** The external cluster a recovery reads from says where the backups are. */
function checkRecoverySource(recovery: Fields, externals: readonly Fields[], add: AddFinding): void {
  const source = text(recovery.source);
  const external = externals.find((candidate) => candidate.name === source);
  if (source === undefined || external === undefined) {
    return;
  }
  if (external.barmanObjectStore === undefined && external.plugin === undefined) {
    add('spec.bootstrap.recovery.source', `external cluster "${source}" says nothing of where its backups are (no barmanObjectStore, no plugin): CloudNativePG's webhook refuses the object ("cannot be used for recovery")`,
      `give it the object store the old Cluster backed up to: { name: '${source}', barmanObjectStore: { destinationPath, endpointURL, s3Credentials, serverName: '<the old Cluster's name>' } }`);
    return;
  }
  // An archive it also writes its own WAL to is judged with the references (cnpg-recovery-archive.ts).
}
