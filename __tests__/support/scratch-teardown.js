// Removes the run's scratch folder made by scratch-setup.js.
'use strict';
const fs = require('fs');

module.exports = async function teardown() {
  const folder = process.env.HOMELAB_TEST_SCRATCH;
  if (folder !== undefined) {
    fs.rmSync(folder, { recursive: true, force: true });
  }
};
