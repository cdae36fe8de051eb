// Where kustomize.ts keeps what `kubectl kustomize` printed for a folder's exact files, and how the kept builds
// are pruned: plain JavaScript, as the run's global setup (scratch-setup.js) prunes them before any test runs.
'use strict';
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');

/** The project's folder of tool caches, where the schema cache lives too. */
const CACHE_ROOT = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-homelab', 'kustomize');
/** Builds kept past this many: the least recently used go first (see pruneKustomizeCache). */
const MAX_KEPT_BUILDS = 4000;

/**
 * The folder that keeps builds by the kubectl on the PATH: named after the binary's path, size and
 * modification time, so that a kubectl upgraded in place keeps nothing of the one before. Undefined when no
 * kubectl is on the PATH (each build then fails as kubectl's start does).
 * @returns {string | undefined}
 */
function keptBuildsFolder() {
  for (const dir of (process.env.PATH || '').split(path.delimiter).filter((d) => d !== '')) {
    const binary = path.join(dir, 'kubectl');
    const stat = fs.statSync(binary, { throwIfNoEntry: false });
    if (stat && stat.isFile()) {
      const stamp = createHash('sha256').update(`${fs.realpathSync(binary)}\0${stat.size}\0${stat.mtimeMs}`).digest('hex').slice(0, 16);
      return path.join(CACHE_ROOT, stamp);
    }
  }
  return undefined;
}

/**
 * Removes the builds of other kubectl binaries, and the least recently used builds past MAX_KEPT_BUILDS (a
 * build read is marked as used). Run once per test run, before its workers start.
 */
function pruneKustomizeCache() {
  const current = keptBuildsFolder();
  for (const stamp of fs.existsSync(CACHE_ROOT) ? fs.readdirSync(CACHE_ROOT) : []) {
    const folder = path.join(CACHE_ROOT, stamp);
    if (folder !== current) {
      fs.rmSync(folder, { recursive: true, force: true });
      continue;
    }
    const builds = fs.readdirSync(folder).map((name) => ({ file: path.join(folder, name), used: fs.statSync(path.join(folder, name)).mtimeMs }));
    builds.sort((a, b) => b.used - a.used).slice(MAX_KEPT_BUILDS).forEach(({ file }) => fs.rmSync(file, { force: true }));
  }
}

module.exports = { keptBuildsFolder, pruneKustomizeCache };
