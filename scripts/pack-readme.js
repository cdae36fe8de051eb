#!/usr/bin/env node
// npm always packs the README.md at the package root. The package is for library users, so at pack time
// the library's README (constructs/README.md) takes its place and the repository's README waits beside
// it: `swap` before packing, `restore` after (also after an interrupted pack: it is idempotent).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const readme = path.join(root, 'README.md');
const parked = path.join(root, '.README.repository.md');
const library = path.join(root, 'constructs', 'README.md');

const command = process.argv[2];
if (command === 'swap') {
  if (!fs.existsSync(parked)) {
    fs.renameSync(readme, parked);
  }
  fs.copyFileSync(library, readme);
} else if (command === 'restore') {
  if (fs.existsSync(parked)) {
    fs.renameSync(parked, readme);
  }
} else {
  process.stderr.write('usage: pack-readme.js swap|restore\n');
  process.exitCode = 2;
}
