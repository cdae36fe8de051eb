// Jest's test environment: Node's, plus one compiled copy of the library bundle per worker process.
// Jest reads and compiles every module afresh for each test file; for the bundle (see library-bundle.js)
// that is megabytes of source, and every function a test calls is compiled again in each file. Here the
// bundle is compiled once per worker and run in each test file's own context, so each file still gets
// its own library with the file's globals, while V8 keeps the functions it compiled for earlier files.
'use strict';
const fs = require('fs');
const vm = require('vm');
const { wrap } = require('module');
const { TestEnvironment } = require('jest-environment-node');

/** The bundle's compiled script, per bundle file and its modification time. */
const scripts = new Map();

function compiledScript(file) {
  const key = `${file}\0${fs.statSync(file).mtimeMs}`;
  let script = scripts.get(key);
  if (script === undefined) {
    scripts.clear();
    script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file });
    scripts.set(key, script);
  }
  return script;
}

class LibraryEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    // The library's module wrapper, made in this test file's context (see library-loader.js).
    this.global[Symbol.for('cdk8s-homelab.library-wrapper')] = (file) => compiledScript(file).runInContext(this.getVmContext());
  }

  handleTestEvent(event) {
    // Jest gives each test file a source-map-support of its own, whose first stack trace through the
    // bundle parses the bundle's source map (megabytes, most of a second of CPU). The worker's own
    // source-map-support, which Jest installs with the same options for errors outside the tests, keeps
    // the parsed map from file to file: the test file's errors are written through it, to the same text.
    if (event.name === 'setup' && typeof Error.prepareStackTrace === 'function') {
      this.global.Error.prepareStackTrace = Error.prepareStackTrace;
    }
  }
}

module.exports = LibraryEnvironment;
