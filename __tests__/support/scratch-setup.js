// Every test writes its scratch folders under one folder of this run (TMPDIR, which os.tmpdir() reads),
// removed when the run ends: thousands of synth outputs a run makes do not pile up in the system's
// temporary folder. That folder lies in RAM where there is room (see scratchParent). The run's library
// bundle is prepared here too, once for all workers (see library-bundle.js), an empty schema cache gets
// the validators most tests need (schema-warm-up.js), and the kept kustomize builds are pruned
// (kustomize-cache.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { bundleFile, prepareLibraryBundle, root } = require('./library-bundle');
const { pruneKustomizeCache } = require('./kustomize-cache');

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

/** Linux's shared-memory file system: a folder in RAM on most machines. */
const SHM = '/dev/shm';
/** Room the RAM folder must have left for the run's scratch to go there (a whole run writes about 200 MiB). */
const SHM_ROOM_BYTES = 2 * 1024 ** 3;

/**
 * The folder the run's scratch folder is made in: `HOMELAB_TEST_TMPDIR` when set, else RAM (/dev/shm)
 * when it is a writable folder with room to spare, else the system's temporary folder. The tests write
 * and remove tens of thousands of small files, and on a shared VM's disk each write cost milliseconds:
 * seconds of every run went to the disk rather than the code. A container's small /dev/shm (64 MiB by
 * default) is left alone.
 */
function scratchParent() {
  if (process.env.HOMELAB_TEST_TMPDIR) {
    return process.env.HOMELAB_TEST_TMPDIR;
  }
  try {
    const { bavail, bsize } = fs.statfsSync(SHM);
    fs.accessSync(SHM, fs.constants.W_OK);
    if (bavail * bsize >= SHM_ROOM_BYTES) {
      return SHM;
    }
  } catch {
    // No such folder (not Linux), or not ours to write: the system's temporary folder.
  }
  return os.tmpdir();
}

module.exports = async function setup() {
  const folder = fs.mkdtempSync(path.join(scratchParent(), 'cdk8s-homelab-tests-'));
  process.env.HOMELAB_TEST_SCRATCH = folder;
  process.env.TMPDIR = folder;
  const shims = path.join(folder, 'library');
  await prepareLibraryBundle(shims);
  process.env.HOMELAB_TEST_LIBRARY_SHIMS = shims;
  process.env.HOMELAB_TEST_LIBRARY_BUNDLE = bundleFile;
  warmSchemaCache(folder);
  try {
    pruneKustomizeCache();
  } catch {
    // A cache that cannot be pruned (a read-only checkout) is only larger.
  }
};
