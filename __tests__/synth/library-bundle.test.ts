import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// Every bundle of the repository takes the library's modules from one bundle of the library
// (scripts/bundle.js), so that an edit of a chart rebuilds the chart's bundle alone and keeps V8's
// compiled code of the library.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };

const NAME = 'test-library-bundle';
const BUILD = path.join(__dirname, '..', '..', '.build');

/** An entry as a chart writes one: the library by its index, a module by its path, and cdk8s by name. */
const entry = (marker: number) => `
import { Chart } from 'cdk8s';
import { ClusterChart } from './constructs';
import { toYamlStream } from './constructs/synth/yaml';
export const marker = ${marker};
process.stdout.write([Object.getPrototypeOf(ClusterChart.prototype) === Chart.prototype, toYamlStream([{ a: marker }]).trim()].join(' '));
`;

function run(marker: number): string {
  const loader = bundle(NAME, entry(marker));
  const child = spawnSync(process.execPath, [loader], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return child.stdout;
}

const files = (prefix: string) => fs.readdirSync(BUILD).filter((f) => f.startsWith(prefix)).sort();

afterAll(() => {
  for (const file of files(`${NAME}.`)) {
    fs.rmSync(path.join(BUILD, file), { recursive: true, force: true });
  }
});

test('an entry shares the library\'s classes with the library itself, whichever way it imports them', () => {
  // A second copy of cdk8s in the entry's bundle would make the library's charts no cdk8s Charts of the entry's.
  expect(run(1)).toBe('true a: 1');
});

test('an edited entry is rebuilt alone: the library\'s bundle and the entry\'s compiled code of it stay', () => {
  run(2);
  run(2);
  const library = path.join(BUILD, 'homelab-lib.bundle.js');
  const builtAt = fs.statSync(library).mtimeMs;
  const libraryCaches = files(`${NAME}.bundle.js.lib-`);
  expect(libraryCaches).toHaveLength(1);
  const ownCaches = files(`${NAME}.bundle.js.`).filter((f) => !libraryCaches.includes(f));
  expect(run(3)).toBe('true a: 3');
  expect(fs.statSync(library).mtimeMs).toBe(builtAt);
  expect(files(`${NAME}.bundle.js.lib-`)).toEqual(libraryCaches);
  // The entry's own cache is of its new bundle.
  expect(files(`${NAME}.bundle.js.`).filter((f) => !libraryCaches.includes(f))).not.toEqual(ownCaches);
});

test('the input graph of an entry holds its imports of library files and the library\'s own graph', () => {
  bundle(NAME, entry(4));
  const graph = JSON.parse(fs.readFileSync(path.join(BUILD, `${NAME}.inputs.json`), 'utf8')) as { imports: Record<string, string[]> };
  // The text entry is no file; what it imports is reached through the library's graph.
  expect(graph.imports['constructs/index.ts']).toEqual(expect.arrayContaining(['constructs/synth/synth.ts']));
  expect(graph.imports['constructs/synth/yaml.ts']).toBeDefined();
});
