import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StagedOutput, writeTreeAtomically } from '../../constructs/synth/write';
import { readTree } from '../support/synth';

const tree = (dir: string) => Object.fromEntries(readTree(dir));

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-write-'));
let outdir: string;
let counter = 0;

beforeEach(() => {
  outdir = path.join(base, `out-${counter++}`, 'dist');
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

function files(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

/** Sets a file's time stamps back an hour, so that a rewrite shows. */
function age(relative: string): number {
  const file = path.join(outdir, relative);
  const past = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, past, past);
  return fs.statSync(file).mtimeMs;
}

function siblingsOfOutdir(): string[] {
  return fs.readdirSync(path.dirname(outdir)).filter((name) => name !== path.basename(outdir));
}

describe('StagedOutput', () => {
  test('creates a missing output folder with exactly the files written', () => {
    writeTreeAtomically(outdir, files({ 'a/x.yaml': 'x: 1\n', 'a/b/y.yaml': 'y: 2\n' }));
    expect(tree(outdir)).toEqual({ 'a/x.yaml': 'x: 1\n', 'a/b/y.yaml': 'y: 2\n' });
    expect(siblingsOfOutdir()).toEqual([]);
  });

  test('an output folder takes the place of a file of its name', () => {
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    fs.writeFileSync(outdir, 'not a folder');
    writeTreeAtomically(outdir, files({ 'a.yaml': 'a\n' }));
    expect(tree(outdir)).toEqual({ 'a.yaml': 'a\n' });
  });

  test('leaves files whose bytes did not change untouched and replaces the others', () => {
    writeTreeAtomically(outdir, files({ 'a/same.yaml': 'same\n', 'a/changed.yaml': 'old\n' }));
    const sameStamp = age('a/same.yaml');
    const changedStamp = age('a/changed.yaml');
    writeTreeAtomically(outdir, files({ 'a/same.yaml': 'same\n', 'a/changed.yaml': 'new\n' }));
    expect(tree(outdir)).toEqual({ 'a/same.yaml': 'same\n', 'a/changed.yaml': 'new\n' });
    expect(fs.statSync(path.join(outdir, 'a/same.yaml')).mtimeMs).toBe(sameStamp);
    expect(fs.statSync(path.join(outdir, 'a/changed.yaml')).mtimeMs).not.toBe(changedStamp);
    expect(siblingsOfOutdir()).toEqual([]);
  });

  test('a file of the same size but other bytes is replaced', () => {
    writeTreeAtomically(outdir, files({ 'f.yaml': 'abc\n' }));
    writeTreeAtomically(outdir, files({ 'f.yaml': 'abd\n' }));
    expect(tree(outdir)).toEqual({ 'f.yaml': 'abd\n' });
  });

  test('removes files and folders the new version does not hold, including files put there by hand', () => {
    writeTreeAtomically(outdir, files({ 'site/one/a.yaml': 'a\n', 'site/two/b.yaml': 'b\n', 'site/one/c.yaml': 'c\n' }));
    fs.writeFileSync(path.join(outdir, 'site', 'stray.txt'), 'left by hand');
    writeTreeAtomically(outdir, files({ 'site/one/a.yaml': 'a\n' }));
    expect(tree(outdir)).toEqual({ 'site/one/a.yaml': 'a\n' });
    expect(fs.existsSync(path.join(outdir, 'site', 'two'))).toBe(false);
  });

  test('an empty new version leaves an empty output folder', () => {
    writeTreeAtomically(outdir, files({ 'a/b.yaml': 'b\n' }));
    writeTreeAtomically(outdir, new Map());
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a file may take the place of a folder and a folder the place of a file', () => {
    writeTreeAtomically(outdir, files({ 'x/inner.yaml': 'inner\n', 'y': 'plain file\n' }));
    writeTreeAtomically(outdir, files({ 'x': 'now a file\n', 'y/inner.yaml': 'now a folder\n' }));
    expect(tree(outdir)).toEqual({ 'x': 'now a file\n', 'y/inner.yaml': 'now a folder\n' });
  });

  test('kept folders stay as they are, files and time stamps included', () => {
    writeTreeAtomically(outdir, files({ 'site/kept/a.yaml': 'a\n', 'site/kept/sub/b.yaml': 'b\n', 'site/built/c.yaml': 'c\n' }));
    const stamp = age('site/kept/a.yaml');
    const output = new StagedOutput(outdir);
    output.keep('site/kept');
    output.write(files({ 'site/built/c.yaml': 'c2\n' }));
    output.commit();
    expect(tree(outdir)).toEqual({ 'site/kept/a.yaml': 'a\n', 'site/kept/sub/b.yaml': 'b\n', 'site/built/c.yaml': 'c2\n' });
    expect(fs.statSync(path.join(outdir, 'site/kept/a.yaml')).mtimeMs).toBe(stamp);
  });

  test('discarding leaves the output folder exactly as it was and no staging folder behind', () => {
    writeTreeAtomically(outdir, files({ 'a.yaml': 'a\n' }));
    const output = new StagedOutput(outdir);
    output.write(files({ 'a.yaml': 'changed\n', 'b.yaml': 'b\n' }));
    output.discard();
    expect(tree(outdir)).toEqual({ 'a.yaml': 'a\n' });
    expect(siblingsOfOutdir()).toEqual([]);
  });
});
