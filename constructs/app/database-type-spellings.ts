// Apps that read a database type from one word (Gitea's and Forgejo's DB_TYPE, Wiki.js' DB_TYPE) each take their own
// spelling of it, and stop on any other. The slips are the same everywhere: PostgreSQL's own name for `postgres`, the
// SQLite file format's for `sqlite`, MariaDB for MySQL. One table of the database each word names serves them all.

/** Words that name each database, in lower case. */
const DATABASE_WORDS: readonly (readonly string[])[] = [
  ['postgres', 'postgresql', 'pgsql', 'pg', 'psql', 'postgre'],
  ['mysql', 'mariadb'],
  ['sqlite', 'sqlite3'],
  ['mssql', 'sqlserver'],
];

/**
 * The spelling of `accepted` meant by `value`, a database type as written: `value` itself in lower case when an app takes
 * that, else the word `accepted` holds for the same database (`postgresql` → `postgres`); undefined when `value` names no
 * database `accepted` has. Pure.
 */
export function meantDatabaseType(value: string, accepted: readonly string[]): string | undefined {
  const word = value.trim().toLowerCase();
  if (accepted.includes(word)) {
    return word;
  }
  const database = DATABASE_WORDS.find((words) => words.includes(word));
  return database?.find((candidate) => accepted.includes(candidate));
}
