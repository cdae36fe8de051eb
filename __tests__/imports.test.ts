import * as fs from 'fs';
import * as path from 'path';

// imports/ holds only what constructs use: each generated module is imported by a construct, and each
// module a construct imports exists. The tsconfig files leave imports/ out, so an unused module would be
// neither compiled nor checked; this keeps imports.json from growing back.
const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const imported = new Set(['constructs', 'charts', 'hosts'].flatMap((d) => sources(path.join(root, d)))
  .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/from '((?:\.\.\/)+imports\/[^']+)'/g)]
    .map((m) => path.basename(path.resolve(path.dirname(file), m[1])))));
const generated = fs.readdirSync(path.join(root, 'imports')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

test('every module in imports/ is imported by a construct', () => {
  expect(generated.filter((m) => !imported.has(m))).toEqual([]);
});

test('every module a construct imports exists in imports/', () => {
  expect([...imported].filter((m) => !generated.includes(m))).toEqual([]);
});

test('the tsconfig files leave imports/ to module resolution', () => {
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) {
    expect(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).include.some((p: string) => p.startsWith('imports'))).toBe(false);
  }
});
