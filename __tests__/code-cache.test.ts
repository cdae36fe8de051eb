import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The loader of a bundle keeps V8's compiled code of it between runs. A run stopped by a mistake in the
// lab compiled little of the code; were its cache kept, every later run would accept it and compile the
// rest afresh each time, so only a run that ends with status 0 writes one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, dropCodeCache } = require('../scripts/bundle') as {
  bundle: (name: string, source: string) => string;
  dropCodeCache: (name: string) => void;
};

const NAME = 'test-code-cache';
const entry = bundle(NAME, "process.exitCode = Number(process.argv[2]);\n");
const buildFolder = path.dirname(entry);
const caches = () => fs.readdirSync(buildFolder).filter((file) => file.startsWith(`${NAME}.bundle.js.`) && file.endsWith('.v8-cache'));
const run = (status: number) => spawnSync(process.execPath, [entry, String(status)], { encoding: 'utf8' }).status;

afterAll(() => dropCodeCache(NAME));

test('a run that fails writes no code cache, and the next run that succeeds writes one', () => {
  dropCodeCache(NAME);
  expect(run(1)).toBe(1);
  expect(caches()).toEqual([]);
  expect(run(0)).toBe(0);
  expect(caches()).toHaveLength(1);
});

// A checkout or a save without a change rebuilds a bundle to the same bytes, whose cache still holds its code.
test('a bundle built again to the same bytes keeps its code cache; one built to other bytes drops it', () => {
  dropCodeCache(NAME);
  expect(run(0)).toBe(0);
  const [cache] = caches();
  bundle(NAME, "process.exitCode = Number(process.argv[2]);\n// the same code\n");
  expect(caches()).toEqual([cache]);
  bundle(NAME, "process.exitCode = Number(process.argv[2]) + 0;\n");
  expect(caches()).toEqual([]);
  bundle(NAME, "process.exitCode = Number(process.argv[2]);\n");
});

// `--help` ends with status 0 too, having compiled next to nothing of the command's code.
const HELP_NAME = 'test-code-cache-help';
const helpEntry = bundle(HELP_NAME, [
  "import { printHelp } from './constructs/synth/cli-args';",
  "process.exitCode = process.argv[2] === '--help' ? printHelp({ command: 'tool', summary: 'Does it.' }, () => undefined) : 0;",
].join('\n'));
const helpCaches = () => fs.readdirSync(buildFolder).filter((file) => file.startsWith(`${HELP_NAME}.bundle.js.`) && file.endsWith('.v8-cache'));

afterAll(() => dropCodeCache(HELP_NAME));

test('a run that prints its --help writes no code cache, and the next run that does its work writes one', () => {
  dropCodeCache(HELP_NAME);
  expect(spawnSync(process.execPath, [helpEntry, '--help'], { encoding: 'utf8' }).status).toBe(0);
  expect(helpCaches()).toEqual([]);
  expect(spawnSync(process.execPath, [helpEntry], { encoding: 'utf8' }).status).toBe(0);
  expect(helpCaches()).toHaveLength(1);
});
