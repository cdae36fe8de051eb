// The library bundle of this test file (see library-environment.js): one instance per test file, loaded
// on the first use of any library module. `require` is this file's own, Jest's: mocks apply.
'use strict';
const path = require('path');

const file = process.env.HOMELAB_TEST_LIBRARY_BUNDLE;
const wrapper = globalThis[Symbol.for('cdk8s-homelab.library-wrapper')](file);
const library = { exports: {} };
wrapper.call(library.exports, library.exports, require, library, file, path.dirname(file));
module.exports = library.exports;
