// Every test writes its scratch folders under one folder of this run (TMPDIR, which os.tmpdir() reads),
// removed when the run ends: thousands of synth outputs a run makes do not pile up in the system's
// temporary folder. The run's library bundle is prepared here too, once for all workers (see
// library-bundle.js), and an empty schema cache gets the validators most tests need (schema-warm-up.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { bundleFile, prepareLibraryBundle, root } = require('./library-bundle');

/**
 * The schema cache's folder as the library finds it (see openDiskCache in disk-cache.ts), or undefined when
 * the cache is off.
 */
function schemaCacheFolder() {
  const fromEnv = process.env.HOMELAB_SCHEMA_CACHE;
  if (fromEnv === '' || fromEnv === 'off') {
    return undefined;
  }
  return fromEnv !== undefined ? path.resolve(fromEnv) : path.join(root, 'node_modules', '.cache', 'cdk8s-homelab', 'schema');
}

/**
 * Fills an empty schema cache once, before the workers start (see schema-warm-up.js). A cache that holds
 * anything is left to the tests: a run after the first pays nothing here. The warm-up is only a cache's:
 * whatever becomes of it, the tests compile what they miss.
 */
function warmSchemaCache(folder) {
  const cache = schemaCacheFolder();
  if (cache === undefined || (fs.existsSync(cache) && fs.readdirSync(cache).length > 0)) {
    return;
  }
  spawnSync(process.execPath, [path.join(__dirname, 'schema-warm-up.js')], {
    cwd: root,
    env: { ...process.env, TMPDIR: folder, HOMELAB_SYNTH_THREADS: '0' },
    stdio: 'ignore',
  });
}

module.exports = async function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-homelab-tests-'));
  process.env.HOMELAB_TEST_SCRATCH = folder;
  process.env.TMPDIR = folder;
  const shims = path.join(folder, 'library');
  await prepareLibraryBundle(shims);
  process.env.HOMELAB_TEST_LIBRARY_SHIMS = shims;
  process.env.HOMELAB_TEST_LIBRARY_BUNDLE = bundleFile;
  warmSchemaCache(folder);
};
