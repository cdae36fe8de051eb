import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The bench runs its children with the node options and environment of package.json's synth script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthNodeEnv, synthNodeFlags, floorNodeFlagSets, COMPILER_OPTIONS, V8_OPTIONS_EVERY_NODE_KNOWS, NODE_OPTIONS } = require('../../scripts/node-flags') as {
  synthNodeEnv: () => Record<string, string>;
  synthNodeFlags: () => string[];
  floorNodeFlagSets: () => string[][];
  COMPILER_OPTIONS: string[];
  V8_OPTIONS_EVERY_NODE_KNOWS: string[];
  NODE_OPTIONS: string[];
};

const script = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;

test('the synth script is its environment settings, node, its options and the script, read back in full', () => {
  const settings = Object.entries(synthNodeEnv()).map(([name, value]) => `${name}=${value}`);
  expect([...settings, 'node', ...synthNodeFlags(), 'scripts/run-synth.js'].join(' ')).toBe(script.trim().split(/\s+/).join(' '));
  expect(synthNodeFlags().every((flag) => flag.startsWith('--'))).toBe(true);
});

test('the floors run without the compiler options, once with the memory options and once with none', () => {
  const [memoryOnly, none] = floorNodeFlagSets();
  expect(COMPILER_OPTIONS).toEqual(expect.arrayContaining(['--no-flush-bytecode', '--require=./scripts/v8-tiering.js']));
  expect(memoryOnly).toEqual(synthNodeFlags().filter((flag) => !COMPILER_OPTIONS.includes(flag)));
  expect(memoryOnly).toContain('--max-semi-space-size=4');
  expect(none).toEqual([]);
});

// Node refuses to start when its command line holds a V8 option its V8 does not know: Node 22 and 24 have
// no --interrupt-budget, which the synth script once gave, and `npm run synth` stopped there.
test('the V8 options on the synth command line are ones every supported Node knows', () => {
  const name = (flag: string) => flag.split('=')[0];
  const v8Options = synthNodeFlags().filter((flag) => !NODE_OPTIONS.includes(name(flag)));
  expect(v8Options.filter((flag) => !V8_OPTIONS_EVERY_NODE_KNOWS.includes(name(flag)))).toEqual([]);
  expect(v8Options.map(name)).not.toContain('--interrupt-budget');
});

test('node starts with the synth options and says nothing: the tiering option is set only on the V8 that knows it', () => {
  const root = path.join(__dirname, '..', '..');
  const run = spawnSync(process.execPath, [...synthNodeFlags(), '-e', "process.stdout.write('started')"], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('started');
});
