/**
 * A library of its own (see library-environment.js): the library must load the `fs` this file mocks.
 *
 * @jest-environment-options {"ownLibrary": true}
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Synth reads the previous output while something else may change it (an editor, a checkout, another
// run's clean-up): a file listed and gone before it is read is a file that is not there.

function outputWith(files: Record<string, string>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-previous-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), text);
  }
  return outdir;
}

/** A file name whose reads fail as they do for a file removed after it was listed, and the error they fail with. */
let gone: { readonly name: string; readonly code: string } | undefined;

jest.mock('fs', () => {
  const real = jest.requireActual<typeof import('fs')>('fs');
  return {
    ...real,
    readFileSync: (file: string, options?: unknown) => {
      if (gone && typeof file === 'string' && path.basename(file) === gone.name) {
        throw Object.assign(new Error(`${gone.code}: cannot read '${file}'`), { code: gone.code });
      }
      return (real.readFileSync as (f: string, o?: unknown) => string | Buffer)(file, options);
    },
  };
});
// Required after the mock above, so that the module reads through it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { previousVersions } = require('../../constructs/synth/write') as typeof import('../../constructs/synth/write');

/** Runs `read` while reading any file named `name` fails with `code`. */
function whileGone<T>(name: string, read: () => T, code = 'ENOENT'): T {
  gone = { name, code };
  try {
    return read();
  } finally {
    gone = undefined;
  }
}

test('a file of the old output that goes away before it is read is left out, not a failed synth', () => {
  const outdir = outputWith({ 'lab/main/apps/old.yaml': 'kind: ConfigMap\n', 'lab/main/apps/kept.yaml': 'kind: Secret\n' });
  const previous = whileGone('old.yaml', () => previousVersions(outdir, 'lab/main', new Map()));
  expect([...previous.keys()]).toEqual(['lab/main/apps/kept.yaml']);
});

test('a file the new output writes that goes away before it is read counts as new', () => {
  const outdir = outputWith({ 'lab/main/apps/web.yaml': 'kind: Service\n' });
  const previous = whileGone('web.yaml', () => previousVersions(outdir, 'lab/main', new Map([['lab/main/apps/web.yaml', 'kind: Deployment\n']])));
  expect([...previous.entries()]).toEqual([['lab/main/apps/web.yaml', undefined]]);
});

test('any other read failure still stops the read', () => {
  const outdir = outputWith({ 'lab/main/apps/web.yaml': 'kind: Service\n' });
  expect(() => whileGone('web.yaml', () => previousVersions(outdir, 'lab/main', new Map()), 'EACCES')).toThrow(/EACCES/);
});
