import { Construct, IConstruct } from 'constructs';
import { App, AppController, AppVolume, leaveOwnerAction, type OwnerAction, SecretReference } from '../../constructs';

/** A PostgreSQL server of one app: its own StatefulSet and claim, reached by that app's pods alone, reaching nothing but DNS. */
export interface AppPostgresProps {
  /** Image of the server, e.g. `postgres:17.5` or `pgvector/pgvector:0.8.0-pg17`. */
  readonly image: string;
  /** The role and the database it owns, the one name the app connects with. */
  readonly database: string;
  /** The role's password, from a Secret the owner writes. */
  readonly password: SecretReference;
  /**
   * The OpenBao entry the password comes from (its path in `secret/`, e.g. `openwebui/db`, the password under the
   * property of the Secret key's name), of which the Secret of `password` is the ExternalSecret's copy; `url` when
   * the entry holds the app's connection URL beside it (@default false).
   */
  readonly entry: { readonly remoteKey: string; readonly url?: boolean };
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
  const app = new App(scope, id, {
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
  leaveOwnerAction(app, databasePasswordChangeStep(id, props));
  return app;
}

/** The URL an app connects to the server `appPostgres` makes for `database` with, `password` being shell text. Pure. */
function databaseUrl(database: string, password: string): string {
  return `postgresql://${database}:${password}@${database}-postgres.infra.svc.cluster.local:5432/${database}`;
}

/**
 * The step that changes the role's password later (a rotation). The server takes POSTGRES_PASSWORD when initdb
 * makes its data folder and never again, while the app reads the Secret when its pods start: a new value written
 * into OpenBao alone reaches the app and not the role, which then refuses it. So the role gets the new password
 * first, through the server's local socket (trusted in the official image, and on standard input, so no process
 * list shows it), then OpenBao, the Secret synced at once rather than at the next refresh, and the app's pods last.
 * Pure.
 */
export function databasePasswordChangeStep(server: string, props: Pick<AppPostgresProps, 'database' | 'password' | 'client' | 'entry'>): OwnerAction {
  const { database, password: { namespace, secretName, key }, client, entry } = props;
  const properties = `${key}="$NEW"${entry.url ? ` url="${databaseUrl(database, '$NEW')}"` : ''}`;
  return {
    kind: 'manual',
    action: `to change the password of ${database}'s PostgreSQL role later (a rotation): the server (${namespace}/${server}) took it at its first start only, `
      + `and the pods of ${client} read it when they start, so a new value written into ${entry.remoteKey} alone locks ${client} out at its next start. `
      + 'The command sets the new password on the role first, then writes it into OpenBao, has the ExternalSecret '
      + `${namespace}/${secretName} sync it now rather than at its next refresh, waits for the Secret to hold it, and restarts ${client}'s pods `
      + '(until they restart, new connections of theirs are refused)',
    command: `NEW="$(openssl rand -hex 32)" && echo "ALTER ROLE ${database} PASSWORD '$NEW';" | kubectl -n ${namespace} exec -i statefulset/${server} -- psql -v ON_ERROR_STOP=1 -U ${database} -d ${database} `
      + `&& vault kv put secret/${entry.remoteKey} ${properties} `
      + `&& kubectl -n ${namespace} annotate externalsecret ${secretName} force-sync="$(date +%s)" --overwrite `
      + `&& until [ "$(kubectl -n ${namespace} get secret ${secretName} -o jsonpath='{.data.${key}}' | base64 -d)" = "$NEW" ]; do sleep 5; done `
      + `&& kubectl -n ${namespace} delete pods -l app.kubernetes.io/name=${client}`,
  };
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
    command: `vault kv put secret/${remoteKey} password="$PASSWORD" url="${databaseUrl(database, '$PASSWORD')}"`,
  });
}
