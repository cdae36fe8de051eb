import * as fs from 'fs';
import * as path from 'path';

// The files the test sequencer starts first must exist: a renamed one would silently fall back to Jest's
// order by size in a fresh clone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LONG_FILES } = require('./support/test-sequencer.js') as { LONG_FILES: string[] };

test.each(LONG_FILES)('%s exists', (file) => {
  expect(fs.existsSync(path.join(__dirname, file))).toBe(true);
});
