/** @type {import('jest').Config} */
module.exports = {
  // Node's environment, with one realm and one library instance per worker (see library-environment.js).
  testEnvironment: '<rootDir>/__tests__/support/library-environment.js',
  // Jest's default leaves one core to its parent, which only waits: on two cores the tests then run on
  // one. Two workers there take about a third less time.
  maxWorkers: '100%',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Transpile only, with esbuild as synth's bundles are built: `npm test` type-checks the whole project with
  // tsc before jest runs.
  transform: { '^.+\\.ts$': '<rootDir>/__tests__/support/esbuild-transform.js' },
  // The library and cdk8s load as one bundle, built by the global setup (see library-bundle.js).
  resolver: '<rootDir>/__tests__/support/library-resolver.js',
  // Installed packages are read and compiled once per worker, not once per test file (see library-runtime.js).
  runtime: '<rootDir>/__tests__/support/library-runtime.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One scratch folder per run, removed at its end (see the two files).
  // The longest files first also in a run without Jest's cache of durations (see test-sequencer.js).
  testSequencer: '<rootDir>/__tests__/support/test-sequencer.js',
  globalSetup: '<rootDir>/__tests__/support/scratch-setup.js',
  globalTeardown: '<rootDir>/__tests__/support/scratch-teardown.js',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
