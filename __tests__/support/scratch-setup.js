// Every test writes its scratch folders under one folder of this run (TMPDIR, which os.tmpdir() reads),
// removed when the run ends: thousands of synth outputs a run makes do not pile up in the system's
// temporary folder. The run's library bundle is prepared here too, once for all workers (see
// library-bundle.js).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { bundleFile, prepareLibraryBundle } = require('./library-bundle');

module.exports = async function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-homelab-tests-'));
  process.env.HOMELAB_TEST_SCRATCH = folder;
  process.env.TMPDIR = folder;
  const shims = path.join(folder, 'library');
  await prepareLibraryBundle(shims);
  process.env.HOMELAB_TEST_LIBRARY_SHIMS = shims;
  process.env.HOMELAB_TEST_LIBRARY_BUNDLE = bundleFile;
};
