import * as fs from 'fs';
import * as path from 'path';

// Output is the same bytes on every machine: nothing the library writes may be ordered or formatted by
// the machine's locale. (`Intl` with an explicit locale, as the time-zone check uses, is fine.)
const LOCALE_DEPENDENT = /\.localeCompare\(|\.toLocale(?:Lower|Upper)Case\(|\.toLocaleString\(/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

test('no library module orders or formats text by the locale of the machine', () => {
  const root = path.join(__dirname, '..', '..');
  const offending = sources(path.join(root, 'constructs')).flatMap((file) => fs.readFileSync(file, 'utf8').split('\n')
    .flatMap((line, i) => (LOCALE_DEPENDENT.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : [])));
  expect(offending).toEqual([]);
});
