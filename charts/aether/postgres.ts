import { Construct, IConstruct } from 'constructs';
import { App, AppController, AppVolume, leaveOwnerAction, SecretReference } from '../../constructs';

/** A PostgreSQL server of one app: its own StatefulSet and claim, reached by that app's pods alone, reaching nothing but DNS. */
export interface AppPostgresProps {
  /** Image of the server, e.g. `postgres:17.5` or `pgvector/pgvector:0.8.0-pg17`. */
  readonly image: string;
  /** The role and the database it owns, the one name the app connects with. */
  readonly database: string;
  /** The role's password, from a Secret the owner writes. */
  readonly password: SecretReference;
  /** Size of the data claim on Ceph RBD, e.g. `20Gi`. */
  readonly size: string;
  /** `app.kubernetes.io/name` of the app whose pods alone may connect. */
  readonly client: string;
  /** Memory limit. @default '1Gi' */
  readonly memoryLimit?: string;
  /**
   * Arguments initdb gets when it makes the data folder on the first start (the image's `POSTGRES_INITDB_ARGS`),
   * e.g. `--encoding=UTF8 --lc-collate=C --lc-ctype=C` for an app that refuses another collation (the encoding
   * written out, as initdb derives SQL_ASCII from the C character type). @default none
   */
  readonly initdbArgs?: string;
}

/**
 * The database of one app of the cluster, as the official image needs it under a read-only root and a
 * non-root user: it runs as the image's own `postgres` user (999), its data in a subfolder of the claim
 * (initdb refuses a mount point that holds `lost+found`), and its socket folder writable.
 */
export function appPostgres(scope: Construct, id: string, props: AppPostgresProps): App {
  return new App(scope, id, {
    namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.statefulSet(), image: props.image,
    ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999,
    env: {
      POSTGRES_USER: props.database, POSTGRES_DB: props.database, POSTGRES_PASSWORD: props.password, PGDATA: '/var/lib/postgresql/data/pgdata',
      ...(props.initdbArgs === undefined ? {} : { POSTGRES_INITDB_ARGS: props.initdbArgs }),
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'ceph', size: props.size }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    resources: { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: props.memoryLimit ?? '1Gi' },
    allowFrom: [{ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': props.client } }],
    // A server its app calls, which calls nothing: DNS alone.
    egress: [],
  });
}

/**
 * The owner's step that writes the OpenBao entry an app reads its database from (`remoteKey`): a password
 * of their choosing, and the connection URL to the server `appPostgres` makes for `database`, with that
 * password. Listed before the first sync, whose pods start with it.
 */
export function leaveDatabaseEntryStep(secret: IConstruct, remoteKey: string, database: string, whose: string): void {
  leaveOwnerAction(secret, {
    kind: 'manual', beforeFirstSync: true,
    action: `the property url of ${remoteKey} is the connection URL of ${whose} database, with the password of the same entry`,
    command: `vault kv put secret/${remoteKey} password="$PASSWORD" url="postgresql://${database}:$PASSWORD@${database}-postgres.infra.svc.cluster.local:5432/${database}"`,
  });
}
