import type { PropProblem } from '../validation/known-props';
import { PLAIN_POSTGRES_IMAGE } from './database-data';
import { OUTLINE_IMAGE } from './household-app-images';

// Outline's image runs in production mode, where it opens its PostgreSQL connection with TLS unless `PGSSLMODE` is
// `disable`; the official PostgreSQL image serves no TLS until it is given a certificate and `ssl=on`. Outline beside
// such a server in the cluster, as every compose file runs it, stops at its start with "The database does not support
// SSL connections". A `DATABASE_URL` written with a `sslmode` of its own is left to the owner.

/** A word of a server's command line that turns TLS on (`-c ssl=on`, `--ssl=on`, a configuration file of its own). */
const TLS_WORD = /(^|[-\s])ssl\s*=\s*(on|true|yes|1)\b|config_file\s*=/i;

/** An app another app connects to (a link either side declared), as the check reads it. */
export interface LinkedDatabase {
  readonly name: string;
  readonly image: unknown;
  /** The words of its main container's command and arguments. */
  readonly words: readonly unknown[];
}

/**
 * Outline (`image`) given no `PGSSLMODE: 'disable'` in `env` while it connects to a server of `servers` that runs the
 * official PostgreSQL image without TLS: one problem on `env.PGSSLMODE`. Nothing where `PGSSLMODE` comes from a Secret,
 * which synthesis cannot read, or where a `DATABASE_URL` written out names a `sslmode`. Pure.
 */
export function outlineDatabaseTlsProblems(image: unknown, env: Readonly<Record<string, unknown>>, servers: readonly LinkedDatabase[]): PropProblem[] {
  const mode = env.PGSSLMODE;
  const url = env.DATABASE_URL;
  if (typeof image !== 'string' || !OUTLINE_IMAGE.test(image) || (mode !== undefined && typeof mode !== 'string') || mode === 'disable'
    || (typeof url === 'string' && /[?&]sslmode=/i.test(url))) {
    return [];
  }
  const plain = servers.find((server) => typeof server.image === 'string' && PLAIN_POSTGRES_IMAGE.test(server.image)
    && !server.words.some((word) => typeof word === 'string' && TLS_WORD.test(word)));
  if (plain === undefined) {
    return [];
  }
  return [{
    field: 'env.PGSSLMODE',
    message: `Outline opens its database connection with TLS unless PGSSLMODE is "disable"${mode === undefined ? '' : ` (it is "${mode}")`}, and it connects to ${plain.name}, whose image "${String(plain.image)}" serves no TLS unless given a certificate and ssl=on: Outline would stop at its start with "The database does not support SSL connections"`,
    hint: `PGSSLMODE: 'disable', as the connection stays inside the cluster; or give ${plain.name} a certificate and ssl=on`,
  }];
}
