import { readOnlyScriptWriteProblems } from '../constructs/app/script-writes';
import { propContainers } from '../constructs/app/prop-containers';

// A backup job's script that writes its dump by redirection outside every volume of its container fails on the
// read-only root at that line, every night; one under a volume, in /tmp, or on a writable root is fine.

const dump = (script: string, extra: Record<string, unknown> = {}) => readOnlyScriptWriteProblems(propContainers({
  image: 'postgres:17.2-alpine', command: ['sh', '-c'], args: [script],
  persistence: { backups: { volume: { type: 'claim' }, mountPath: '/backups' } }, ...extra,
} as never, 'backup')).map((p) => `${p.field}: ${p.message} | ${p.hint}`);

test('a dump redirected into a folder no volume is mounted at is one error on the script, whose hint mounts that folder', () => {
  expect(dump('pg_dump -h db -U app app | gzip > /backup/app-$(date +%F).sql.gz')).toEqual([
    'args[0]: the script writes /backup/app-$(date +%F).sql.gz, which lies under no volume of the container, and the root filesystem is read-only: '
      + 'the line fails with "Read-only file system" and the file is never written'
      + " | mount a volume at /backup (persistence: { backup: { volume: AppVolume.claim({ tier, size }), mountPath: '/backup' } }), or write the file under a folder the container mounts (/backups)",
  ]);
});

test.each([
  ['into the mounted folder, its name completed by the shell', 'pg_dump app | gzip > /backups/app-$(date +%F).sql.gz'],
  ['appended under the mounted folder', 'echo done >> /backups/log/last-run'],
  ['into /tmp, the emptyDir every App has', 'pg_dump app > /tmp/app.sql && gzip /tmp/app.sql'],
  ['to /dev/null', 'pg_dump app 2>/dev/null > /backups/app.sql'],
  ['to a path the shell expands whole', 'pg_dump app > "$OUT"'],
])('a dump redirected %s is no finding', (_, script) => {
  expect(dump(script)).toEqual([]);
});

test('on a writable root the redirection is left alone', () => {
  expect(dump('pg_dump app > /backup/app.sql', { exemptions: { writableRootFilesystem: 'the dump is written beside the image' } })).toEqual([]);
});
