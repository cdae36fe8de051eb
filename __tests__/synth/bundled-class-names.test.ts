import { execFileSync } from 'child_process';

// A bundle gives two top-level classes of one name distinct names (SealedSecret and SealedSecret2), and a
// class's `name` is what messages that describe a value print ("env PW is { secret: a SealedSecret … }").
// The classes the library exports keep their names in a bundle built as synth builds its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };

const ENTRY = `
import * as library from './constructs';
const renamed = Object.entries(library)
  .filter(([name, value]) => typeof value === 'function' && new RegExp('^_*' + name + '\\\\d+$').test((value as { name: string }).name))
  .map(([name, value]) => name + ' is named ' + (value as { name: string }).name);
process.stdout.write(JSON.stringify(renamed));
`;

test('the classes the library exports keep their names in a synth bundle', () => {
  const entry = bundle('test-bundled-class-names', ENTRY);
  expect(JSON.parse(execFileSync(process.execPath, [entry], { encoding: 'utf8' }))).toEqual([]);
}, 60_000);
