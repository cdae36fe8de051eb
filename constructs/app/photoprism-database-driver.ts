import type { PropProblem } from '../validation/known-props';
import { PHOTOPRISM_IMAGE } from './household-app-images';

// PhotoPrism indexes into MariaDB (driver `mysql` or `mariadb`) or SQLite alone. Any other PHOTOPRISM_DATABASE_DRIVER,
// `postgres` written for the PostgreSQL a lab already runs, is taken with a warning in its log and replaced by SQLite
// under its storage folder, the server and DSN settings dropped: the library starts, indexes into a file of its own
// and never touches the database the owner set up for it.

/** The driver names PhotoPrism takes, in lower case, as its configuration reads them. */
const KNOWN_DRIVERS = new Set(['mysql', 'mariadb', 'sqlite3', 'sqlite', 'sqllite', 'file', 'test']);

/**
 * PhotoPrism (`image`) given a `PHOTOPRISM_DATABASE_DRIVER` in `env` that it does not know: one problem on that variable.
 * Nothing for another image, an unset or empty driver (SQLite, PhotoPrism's default) or one from a Secret. Pure.
 */
export function photoprismDatabaseDriverProblems(image: unknown, env: Readonly<Record<string, unknown>>): PropProblem[] {
  const driver = env.PHOTOPRISM_DATABASE_DRIVER;
  if (typeof image !== 'string' || !PHOTOPRISM_IMAGE.test(image) || typeof driver !== 'string' || driver === '' || KNOWN_DRIVERS.has(driver.toLowerCase())) {
    return [];
  }
  const postgres = /^postgres(ql)?$/i.test(driver);
  return [{
    field: 'env.PHOTOPRISM_DATABASE_DRIVER',
    message: `PhotoPrism indexes into MariaDB or SQLite alone, and "${driver}" is no driver it knows${postgres ? ' (it has no PostgreSQL support)' : ''}: `
      + 'it logs "unsupported database driver" and keeps its index in SQLite under its storage folder, leaving the database of PHOTOPRISM_DATABASE_SERVER unused',
    hint: `PHOTOPRISM_DATABASE_DRIVER: 'mysql' with PHOTOPRISM_DATABASE_SERVER naming a MariaDB app (image mariadb), or 'sqlite' for a small library${postgres ? ', and no PostgreSQL app for it' : ''}`,
  }];
}
