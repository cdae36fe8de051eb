import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// A bundle runs with V8's code cache of it (scripts/bundle.js). V8 checks a cache against the length of
// the source only, so a rebuilt bundle of the same length must not find the previous bundle's cache.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };

const NAME = 'test-code-cache';
const entry = (version: string) => `process.stdout.write(['registry.example/app', ${JSON.stringify(version)}].join(':'));\n`;

function run(version: string): string {
  const loader = bundle(NAME, entry(version));
  const child = spawnSync(process.execPath, [loader], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return child.stdout;
}

afterAll(() => {
  const folder = path.dirname(bundle(NAME, entry('0.0.0')));
  for (const file of fs.readdirSync(folder).filter((f) => f.startsWith(`${NAME}.`) || f.startsWith(`${NAME}-synth.`))) {
    fs.rmSync(path.join(folder, file), { recursive: true, force: true });
  }
});

test('a rebuilt bundle of the same length runs its own code, not the cached code of the previous one', () => {
  // The first run writes the cache, the second runs with it.
  expect(run('1.2.3')).toBe('registry.example/app:1.2.3');
  expect(run('1.2.3')).toBe('registry.example/app:1.2.3');
  const folder = path.dirname(bundle(NAME, entry('1.2.3')));
  expect(fs.readdirSync(folder).filter((f) => f.startsWith(`${NAME}.bundle.js.`) && f.endsWith('.v8-cache'))).toHaveLength(1);
  expect(run('1.2.4')).toBe('registry.example/app:1.2.4');
  expect(run('1.2.4')).toBe('registry.example/app:1.2.4');
  // Only the current bundle's cache is kept.
  expect(fs.readdirSync(folder).filter((f) => f.startsWith(`${NAME}.bundle.js.`) && f.endsWith('.v8-cache'))).toHaveLength(1);
});

test('the synth bundle is ASCII, so that every start reads it as Latin-1 (one byte a character) instead of decoding UTF-8', () => {
  // esbuild escapes characters outside ASCII in strings but copies regular expression literals as written:
  // one such character in a pattern would make the whole bundle UTF-8, read and compiled as two-byte text.
  const loader = bundle(`${NAME}-synth`, 'main.ts');
  const code = fs.readFileSync(loader.replace(/\.js$/, '.bundle.js'));
  const outside = code.findIndex((byte) => byte > 0x7f);
  expect(outside === -1 ? '' : code.subarray(Math.max(0, outside - 40), outside + 40).toString('utf8')).toBe('');
  expect(fs.readFileSync(loader, 'utf8')).toContain('"latin1"');
});
