// Every test writes its scratch folders under one folder of this run (TMPDIR, which os.tmpdir() reads),
// removed when the run ends: thousands of synth outputs a run makes do not pile up in the system's
// temporary folder.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-homelab-tests-'));
  process.env.HOMELAB_TEST_SCRATCH = folder;
  process.env.TMPDIR = folder;
};
