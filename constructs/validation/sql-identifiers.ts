import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

// A database or role named after its app (`paperless-ngx`) is no SQL identifier unquoted: PostgreSQL, MariaDB and
// MySQL read the dash as a minus and stop with a syntax error. An init script (a ConfigMap's `.sql` or `.sh` file
// in docker-entrypoint-initdb.d) stops the entrypoint, which leaves the server uninitialised; a setup Job's
// `psql -c` fails: either way no app gets its database, and synthesis saw nothing wrong.

const layer = 'references' as const;

/** An unquoted name with a dash. */
const DASHED = '([A-Za-z_][\\w$]*(?:-[\\w$]+)+)';
/**
 * The places of a statement that take a database, schema or role name: after CREATE, ALTER or DROP of one, OWNER
 * (TO), ON DATABASE or ON SCHEMA, MySQL's `ON <database>.*`, and GRANT's TO.
 */
const NAME_PLACES = [
  new RegExp(`\\b((?:CREATE|ALTER|DROP)\\s+(?:DATABASE|SCHEMA|USER|ROLE)(?:\\s+IF\\s+(?:NOT\\s+)?EXISTS)?|OWNER(?:\\s+TO)?|ON\\s+(?:DATABASE|SCHEMA))\\s+${DASHED}(?![\\w$-])`, 'i'),
  new RegExp(`\\b(ON)\\s+${DASHED}\\.`, 'i'),
  new RegExp(`\\b(GRANT\\b[^;]*?\\bTO)\\s+${DASHED}(?![\\w$-])`, 'i'),
];
/** A line comment of SQL (`-- …`) and of a shell script (`# …`); a flag (`--username`) or `#!` is none. */
const COMMENT = /(^|\s)(--(?=\s|$)|#(?!!)).*$/gm;

/** An unquoted name with a dash in SQL of `text`: the clause before it and the name; undefined when there is none. Pure. */
export function unquotedDashedName(text: string): { readonly clause: string; readonly name: string } | undefined {
  if (!text.includes('-')) {
    return undefined;
  }
  for (const statement of text.replace(COMMENT, '$1').split(';')) {
    for (const place of NAME_PLACES) {
      const found = place.exec(statement);
      if (found !== null) {
        return { clause: found[1].replace(/\s+/g, ' ').toUpperCase().replace(/^GRANT\b.*\bTO$/, 'GRANT … TO'), name: found[2] };
      }
    }
  }
  return undefined;
}

/** The message and hint for `found` in `where`. */
function dashedNameProblem(where: string, found: { clause: string; name: string }): { message: string; hint: string } {
  return {
    message: `${where} writes ${found.clause} ${found.name} unquoted: PostgreSQL, MariaDB and MySQL read the dash as a minus and stop with a syntax error, so the database or role is never made`,
    hint: `name it ${found.name.replace(/-/g, '_')} (an underscore needs no quotes), or quote it: "${found.name}" in PostgreSQL, \`${found.name}\` in MariaDB and MySQL`,
  };
}

/** Whether a ConfigMap key is a script: SQL, or a shell script that runs a database client. */
function isScriptKey(key: string): boolean {
  return /\.(sql|sh)$/i.test(key);
}

/**
 * Each unquoted database, schema or role name with a dash in the SQL of a ConfigMap's `.sql` or `.sh` file and of a
 * container's command line (`psql -c "CREATE DATABASE paperless-ngx"`, also in `sh -c`): one error on the key or word.
 */
export function checkSqlIdentifiers(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const configMap of indexOf(cluster.objects).of('ConfigMap')) {
    for (const [key, value] of Object.entries(fields(configMap.manifest.data))) {
      const found = isScriptKey(key) && typeof value === 'string' ? unquotedDashedName(value) : undefined;
      if (found !== undefined) {
        findings.push(objectFinding(configMap, { layer, severity: 'error', field: `data.${key}`, ...dashedNameProblem(`the file "${key}"`, found) }));
      }
    }
  }
  for (const template of podTemplates(cluster.objects)) {
    for (const ref of containersOf(template)) {
      for (const key of ['command', 'args'] as const) {
        const words = Array.isArray(ref.container[key]) ? ref.container[key] as unknown[] : [];
        words.forEach((word, i) => {
          const found = typeof word === 'string' ? unquotedDashedName(word) : undefined;
          if (found !== undefined) {
            findings.push(objectFinding(template.object, { layer, severity: 'error', field: `${ref.path}.${key}[${i}]`, ...dashedNameProblem(`${key}[${i}]`, found) }));
          }
        });
      }
    }
  }
  return findings;
}
