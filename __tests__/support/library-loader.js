// The library bundle of this test file (see library-environment.js): the worker's shared instance, or
// one of the file's own, loaded on the first use of any library module. `require` is this file's own,
// Jest's, through which the library loads the packages it keeps outside the bundle.
'use strict';

module.exports = globalThis[Symbol.for('cdk8s-homelab.library-wrapper')](process.env.HOMELAB_TEST_LIBRARY_BUNDLE, require);
