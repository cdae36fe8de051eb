import * as fs from 'fs';
import * as path from 'path';

// The READMEs' TypeScript examples are compiled as part of the project: __tests__/docs/ holds each of them
// verbatim, with the declarations its prose supplies, and `npm test` type-checks that folder with tsc
// before jest runs. This test keeps the copies equal to the READMEs, so an example cannot drift from the
// library unnoticed (one TypeScript program for the examples alone would cost jest about ten seconds).
const root = path.resolve(__dirname, '..');
const docs = path.join(__dirname, 'docs');

/** The body of every ```ts block of a Markdown file. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]);
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const copies = files(docs).map((file) => fs.readFileSync(file, 'utf8'));

/** The examples of a README that no file of __tests__/docs holds verbatim (first line of each). */
function missing(readme: string, importPath: (block: string) => string = (b) => b): string[] {
  return tsBlocks(fs.readFileSync(path.join(root, readme), 'utf8'))
    .filter((block) => !copies.some((copy) => copy.includes(importPath(block))))
    .map((block) => block.split('\n')[0]);
}

test('README.md has TypeScript examples to check', () => {
  expect(tsBlocks(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
});

test("every TypeScript example of README.md is compiled from __tests__/docs", () => {
  // An example listed here was changed or added: copy it into __tests__/docs/readme-examples.ts.
  expect(missing('README.md')).toEqual([]);
});

test("every TypeScript example of the package's README is compiled from __tests__/docs", () => {
  // The copies import the library by its path in this repository instead of its package name.
  expect(missing('constructs/README.md', (b) => b.replace(/'cdk8s-homelab'/g, "'../../constructs'"))).toEqual([]);
});
