import * as fs from 'fs';
import * as path from 'path';

// Every pin marked with a `// renovate:` comment is one renovate.json's regex managers read: a pin under a
// comment that no manager's file pattern or match string reaches is never updated, with nothing to say so.

const ROOT = path.resolve(__dirname, '..');
const COMMENT = /\/\/\s*renovate:\s*datasource=([a-z-]+)\s+depName=(\S+)/g;

interface RegexManager {
  readonly fileMatch: readonly string[];
  readonly matchStrings: readonly string[];
}

const managers = (JSON.parse(fs.readFileSync(path.join(ROOT, 'renovate.json'), 'utf8')) as { customManagers: RegexManager[] }).customManagers;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      return sourceFiles(relative);
    }
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The pins Renovate would read in `file`: depName and current value of each match of a manager that reads it. */
function readPins(file: string, text: string): Map<string, string> {
  const pins = new Map<string, string>();
  for (const manager of managers.filter((m) => m.fileMatch.some((pattern) => new RegExp(pattern).test(file)))) {
    for (const matchString of manager.matchStrings) {
      for (const match of text.matchAll(new RegExp(matchString, 'g'))) {
        pins.set(match.groups!.depName, match.groups!.currentValue);
      }
    }
  }
  return pins;
}

const marked = ['constructs', 'charts', 'hosts'].flatMap(sourceFiles)
  .map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }))
  .filter(({ text }) => text.includes('renovate:'));

test('the tree has pins marked for Renovate', () => {
  expect(marked.length).toBeGreaterThan(20);
});

test.each(marked.map(({ file, text }) => [file, text]))('every marked pin of %s is read by a regex manager of renovate.json, with its current value', (file, text) => {
  const commented = [...text.matchAll(COMMENT)].map((match) => match[2]).sort();
  const pins = readPins(file, text);
  expect([...pins.keys()].sort()).toEqual(commented);
  for (const [depName, value] of pins) {
    // A version alone, never a stretch of code the pattern ran on into nor a whole image reference.
    expect(`${depName} ${value}`).toMatch(/^\S+ [\w.+-]+$/);
  }
});

test("mobius: Renovate bumps the first stage of the promotion only, never an app that runs on homelab alone", () => {
  const read = (file: string) => readPins(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
  // The sandbox, the stage of the newest versions, takes Uptime Kuma's releases; cloud's pin is promoted by hand.
  expect([...read('charts/mobius/releases.ts')]).toEqual([['louislam/uptime-kuma', '1.23.16']]);
  expect(fs.readFileSync(path.join(ROOT, 'charts/mobius/releases.ts'), 'utf8')).toMatch(/depName=louislam\/uptime-kuma\s*\n\s*sandbox:/);
  // AdGuard Home and Pocket ID have no stage before homelab: a bump would reach production untried.
  for (const file of ['hosts/mobius.ts', ...sourceFiles('charts/mobius').filter((f) => !f.endsWith('releases.ts'))]) {
    expect([...read(file).keys()]).toEqual([]);
  }
});
