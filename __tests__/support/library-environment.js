// Jest's test environment: Node's, with one realm and one instance of the library bundle per worker
// process, shared by the test files the worker runs.
//
// Jest gives each test file a realm (a V8 context) of its own and reads every module afresh into it. For
// the library that cost twice: compiling its megabytes of source, and running every function of it
// unoptimized again in each file, since what V8 learns of a function's types and the optimized code it
// makes belong to the closure, which a fresh instance makes anew. Compiling once per worker took care of
// the first; a library instance shared by the worker's files takes care of the second, and took about
// two fifths off the CPU of the files that synthesize a lab or two.
//
// The files share the realm as well as the library: the library tells plain objects by their prototype
// (as a YAML writer and a props check must), and a test's objects and the library's must have the same
// `Object.prototype`. Each file still gets its own `process` (so its `process.env` is its own, and the
// library reads it), its own Jest globals (`expect`, `test`, the console) and a fresh module registry
// for everything but the library and the packages the library loads.
//
// A test file that needs a library of its own, because it mocks a module the library loads or counts
// what the library's in-memory caches do, says so in its docblock:
//   /** @jest-environment-options {"ownLibrary": true} */
// It then runs in a realm of its own with a fresh instance, as every file did before.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { wrap } = require('module');
const { TestEnvironment } = require('jest-environment-node');
const { ModuleMocker } = require('jest-mock');
const { LegacyFakeTimers, ModernFakeTimers } = require('@jest/fake-timers');
const { realmBuiltInsStart, REALM_BUILT_INS_END } = require('./realm-built-ins');

const WRAPPER = Symbol.for('cdk8s-homelab.library-wrapper');
/** The library module that keeps what the library records of the whole process. */
const PROCESS_RECORDS = 'constructs/synth/process-records.ts';

/** The bundle's compiled script, per bundle file and its modification time. */
const scripts = new Map();

function compiledScript(file) {
  const key = `${file}\0${fs.statSync(file).mtimeMs}`;
  let script = scripts.get(key);
  if (script === undefined) {
    scripts.clear();
    // Node's module wrapper on a line of its own (the line before is ours): the module's lines and columns
    // are the bundle's.
    const module = wrap(fs.readFileSync(file, 'utf8')).replace(/;\s*$/, '');
    script = new vm.Script(`${realmBuiltInsStart('\n')}${module}${REALM_BUILT_INS_END}`, { filename: file, lineOffset: -1 });
    scripts.set(key, script);
  }
  return script;
}

/**
 * The worker's shared realm, made by the first file that runs in it, and the library instance loaded
 * there (with the bundle file it was loaded from).
 * @type {{ context: import('vm').Context, global: typeof globalThis, library?: { file: string, exports: unknown } } | undefined}
 */
let shared;

/**
 * The `require` of the test file running now. The shared library loads the packages it keeps outside the
 * bundle through it: some only when first used, which may be in a later file than the one that loaded
 * the library, whose module registry Jest has closed by then.
 */
let currentRequire;

/**
 * The packages the shared library loaded, by the name it asked for: one copy each for as long as the
 * library lives, as in a process of its own. A second copy of a package (Ajv's code generator, loaded
 * when first used, beside the Ajv that compiled the schema) does not know the first one's classes.
 * @type {Map<string, unknown>}
 */
const sharedPackages = new Map();

function sharedRequire(id) {
  if (!sharedPackages.has(id)) {
    sharedPackages.set(id, currentRequire(id));
  }
  return sharedPackages.get(id);
}

/** Loads the bundle in `context` as a module, with `libraryRequire` for the packages it keeps outside. */
function loadLibrary(file, context, libraryRequire) {
  const library = { exports: {} };
  const run = compiledScript(file).runInContext(context);
  run.call(library.exports, library.exports, libraryRequire, library, file, path.dirname(file));
  return library.exports;
}

// A worker ends its run holding a gigabyte or so of heap (the library, its compiled validators, what the
// files kept), and Node's natural exit tears it down first: in a fresh clone's run both workers were still
// alive when Jest, half a second after asking them to end, killed them (at 618 and 663 ms) with a warning that
// a worker "failed to exit gracefully". Once the worker has nothing left to do it ends with process.exit,
// which skips that teardown (its 'exit' handlers still run): the workers then ended at 371 and 381 ms.
process.once('beforeExit', (code) => process.exit(code));

class LibraryEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const ownLibrary = config.projectConfig.testEnvironmentOptions.ownLibrary === true;
    if (ownLibrary) {
      this.global[WRAPPER] = (file, require) => loadLibrary(file, this.getVmContext(), require);
      return;
    }
    if (shared === undefined) {
      shared = { context: this.context, global: this.global };
    } else {
      // The realm Node's environment made for this file gives the shared realm what is the file's own.
      const own = this.global;
      this.context = shared.context;
      this.global = shared.global;
      this.global.process = own.process;
      this.moduleMocker = new ModuleMocker(this.global);
      this.fakeTimers.dispose();
      this.fakeTimersModern.dispose();
      this.fakeTimers = new LegacyFakeTimers({
        config: config.projectConfig, global: this.global, moduleMocker: this.moduleMocker,
        timerConfig: { idToRef: (id) => ({ id, ref() { return this; }, unref() { return this; } }), refToId: (timer) => timer?.id },
      });
      this.fakeTimersModern = new ModernFakeTimers({ config: config.projectConfig, global: this.global });
    }
    this.global[WRAPPER] = (file, require) => {
      currentRequire = require;
      if (shared.library?.file === file) {
        // What an earlier file declared (its sites, hosts and pools) is not this file's.
        shared.library.exports.load(PROCESS_RECORDS).forgetProcessRecords();
      } else {
        sharedPackages.clear();
        shared.library = { file, exports: loadLibrary(file, shared.context, sharedRequire) };
      }
      return shared.library.exports;
    };
  }

  // The exit status a test file's code sets (a CLI run in process sets process.exitCode, through the file's
  // process object too) is the worker's: Jest took a worker that ended with status 1 for one that crashed,
  // started another in its place, and killed that one half a second later with a warning that the worker
  // "failed to exit gracefully". A file's status is its own: the worker's is put back after it.
  async setup() {
    this.workerExitCode = process.exitCode;
    await super.setup();
  }

  async teardown() {
    process.exitCode = this.workerExitCode;
    await super.teardown();
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
