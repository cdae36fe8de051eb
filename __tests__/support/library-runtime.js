// Jest's module runtime, with what it reads of installed packages kept for the whole worker.
//
// Jest makes a runtime for each test file, and each reads and compiles afresh every module it loads: the
// test framework's own (jest-circus, expect, jest-snapshot, pretty-format and some hundred more, loaded
// into each file) as well as the file's. With five hundred small test files that was about a tenth of
// the suite's CPU, two fifths of it opening and reading the same package files again. Installed packages
// do not change while the tests run, so their text and compiled scripts serve every file a worker runs.
// Each file still evaluates them afresh in its own module registry, as Jest means it to.
'use strict';
const path = require('path');
const Runtime = require('jest-runtime').default;
const { realmBuiltInsStart, REALM_BUILT_INS_END } = require('./realm-built-ins');

const PACKAGES = `${path.sep}node_modules${path.sep}`;

/** A package file's bytes and text, by its path. */
const buffers = new Map();
const texts = new Map();

/**
 * A package file's compiled script, by its path, with the code it was compiled from. A script whose code
 * may `import()` is left out: the script keeps the runtime that made it for such imports.
 */
const scripts = new Map();

/** What `read` gives for `filename`, kept in `store` when it is a package file; any other file is read afresh. */
function keptIfPackage(store, filename, read) {
  if (!filename.includes(PACKAGES)) {
    return read();
  }
  let value = store.get(filename);
  if (value === undefined) {
    value = read();
    store.set(filename, value);
  }
  return value;
}

class LibraryRuntime extends Runtime {
  // Every module Jest loads into a test file's realm (the test files, the packages, Jest's own) reads the
  // language's built-ins as parameters, not through the realm's global object (see realm-built-ins.js).
  // The start stays on one line, whose length Jest takes for the columns of its source maps.
  constructModuleWrapperStart() {
    return `${realmBuiltInsStart('')}${super.constructModuleWrapperStart()}`;
  }

  wrapCodeInModuleWrapper(content) {
    return `${this.constructModuleWrapperStart()}${content}\n}})${REALM_BUILT_INS_END}`;
  }

  readFileBuffer(filename) {
    return keptIfPackage(buffers, filename, () => super.readFileBuffer(filename));
  }

  readFile(filename) {
    return keptIfPackage(texts, filename, () => super.readFile(filename));
  }

  createScriptFromCode(scriptSource, filename) {
    if (!filename.includes(PACKAGES)) {
      return super.createScriptFromCode(scriptSource, filename);
    }
    const cached = scripts.get(filename);
    if (cached !== undefined && cached.source === scriptSource) {
      return cached.script;
    }
    const script = super.createScriptFromCode(scriptSource, filename);
    if (!scriptSource.includes('import(')) {
      scripts.set(filename, { source: scriptSource, script });
    }
    return script;
  }
}

module.exports = LibraryRuntime;
