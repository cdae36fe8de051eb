import { addressInUrl } from '../inventory/ip-address';
import type { SecretReference } from '../secrets/secret-reference';
import type { TaggedVariant } from '../validation/tagged-props';

/** Options of an external PostgreSQL database for Forgejo. */
export interface ForgejoPostgresProps {
  /** Host name or address of the server, e.g. `postgres.databases.svc.cluster.local` or `fd00::30` (without brackets or port). */
  readonly host: string;
  /** Server port. @default 5432 */
  readonly port?: number;
  /** Database name. @default 'forgejo' */
  readonly database?: string;
  /** Role Forgejo logs in as. @default 'forgejo' */
  readonly user?: string;
  /** The role's password: a Secret key in Forgejo's namespace, never a literal. */
  readonly password: SecretReference;
  /** libpq SSL mode. @default 'disable' — in-cluster traffic; use `verify-full` for a server across the network */
  readonly sslMode?: 'disable' | 'require' | 'verify-ca' | 'verify-full';
}

/** Where Forgejo keeps its database. Create one with the static methods. */
export type ForgejoDatabase =
  | { readonly type: 'sqlite' }
  | { readonly type: 'postgres'; readonly postgres: ForgejoPostgresProps };

/** Factories for Forgejo's database choices. */
export const ForgejoDatabase = {
  /** SQLite in the data volume: nothing else to run, fine for a household. */
  sqlite(): ForgejoDatabase {
    return { type: 'sqlite' };
  },
  /** An external PostgreSQL server; the password comes from a Secret. */
  postgres(props: ForgejoPostgresProps): ForgejoDatabase {
    return { type: 'postgres', postgres: props };
  },
};

/** The database choices, as the factories of {@link ForgejoDatabase} make them. */
export const FORGEJO_DATABASE_VARIANTS: Readonly<Record<ForgejoDatabase['type'], TaggedVariant>> = {
  sqlite: { factory: 'ForgejoDatabase.sqlite()' },
  postgres: { carries: { postgres: 'object' }, factory: "ForgejoDatabase.postgres({ host, password: SecretReference.external('forgejo', 'db', 'password') })" },
};

/** The `[database]` settings for a choice, as `GITEA__database__*` values (the password apart). */
export function forgejoDatabaseSettings(database: ForgejoDatabase, dataPath: string): Record<string, string> {
  if (database.type === 'sqlite') {
    return { DB_TYPE: 'sqlite3', PATH: `${dataPath}/data/forgejo.db` };
  }
  const pg = database.postgres;
  return {
    DB_TYPE: 'postgres',
    // Forgejo splits HOST at its last colon unless the address is in brackets, as an IPv6 address needs.
    HOST: `${addressInUrl(pg.host)}:${pg.port ?? 5432}`,
    NAME: pg.database ?? 'forgejo',
    USER: pg.user ?? 'forgejo',
    SSL_MODE: pg.sslMode ?? 'disable',
  };
}
