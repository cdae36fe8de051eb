import { PLAIN_POSTGRES_IMAGE, POSTGRES_IMAGE, databaseDataFolder } from '../constructs/app/database-data';
import { outlineDatabaseTlsProblems } from '../constructs/app/outline-database-tls';

// Images that only add an extension to the official PostgreSQL image keep its entrypoint, locale and plain
// connections, so every check written for the official image holds for them as well.

const OUTLINE = 'docker.getoutline.com/outlinewiki/outline:0.81.1';
const server = (image: string, words: string[] = []) => ({ name: 'postgres', image, words });

describe("images built on PostgreSQL's official image", () => {
  test.each([['postgres:16.4'], ['docker.io/library/postgres:17'], ['postgis/postgis:16-3.4'], ['pgvector/pgvector:pg16'], ['docker.io/pgvector/pgvector:0.8.0-pg17']])(
    '%s is read as the official image, with its data folder', (image) => {
      expect(PLAIN_POSTGRES_IMAGE.test(image)).toBe(true);
      expect(POSTGRES_IMAGE.test(image)).toBe(true);
      expect(databaseDataFolder(image, {}, ['/var/lib/postgresql/data'])?.server).toBe('PostgreSQL');
    });

  test.each([['ghcr.io/acme/pgvector/pgvector-exporter:1.0'], ['pgvector/pgvector-operator:1.0'], ['bitnami/postgresql:16']])('%s is not', (image) => {
    expect(PLAIN_POSTGRES_IMAGE.test(image)).toBe(false);
  });

  test('Outline beside pgvector without TLS is told to set PGSSLMODE, as beside the official image', () => {
    expect(outlineDatabaseTlsProblems(OUTLINE, {}, [server('pgvector/pgvector:pg16')]).map((p) => p.field)).toEqual(['env.PGSSLMODE']);
    expect(outlineDatabaseTlsProblems(OUTLINE, {}, [server('pgvector/pgvector:pg16', ['-c', 'ssl=on'])])).toEqual([]);
    expect(outlineDatabaseTlsProblems(OUTLINE, { PGSSLMODE: 'disable' }, [server('pgvector/pgvector:pg16')])).toEqual([]);
  });
});
