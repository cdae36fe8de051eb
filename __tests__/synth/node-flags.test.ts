import * as fs from 'fs';
import * as path from 'path';

// The bench runs its children with the node options and environment of package.json's synth script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthNodeEnv, synthNodeFlags, floorNodeFlagSets } = require('../../scripts/node-flags') as {
  synthNodeEnv: () => Record<string, string>;
  synthNodeFlags: () => string[];
  floorNodeFlagSets: () => string[][];
};

const script = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth;

test('the synth script is its environment settings, node, its options and the script, read back in full', () => {
  const settings = Object.entries(synthNodeEnv()).map(([name, value]) => `${name}=${value}`);
  expect([...settings, 'node', ...synthNodeFlags(), 'scripts/run-synth.js'].join(' ')).toBe(script.trim().split(/\s+/).join(' '));
  expect(synthNodeFlags().every((flag) => flag.startsWith('--'))).toBe(true);
});

test('the floors run without the compiler options, once with the memory options and once with none', () => {
  const [memoryOnly, none] = floorNodeFlagSets();
  expect(memoryOnly).toEqual(synthNodeFlags().filter((flag) => !flag.startsWith('--interrupt-budget') && flag !== '--no-flush-bytecode'));
  expect(none).toEqual([]);
});
