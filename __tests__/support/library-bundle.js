// The tests load the library as one bundle. Jest gives each test file a fresh module registry, so each
// of the 200-odd test files that import the library resolved, read and compiled its 460 modules and
// cdk8s' one by one: importing the library's index cost about 0.5 s of CPU per file, against 0.15 s
// from one bundle. Each library file (and each bundled package) gets a small module that hands out its
// exports from the bundle, so the tests and the library share one instance of each module (one per
// worker, see library-environment.js). The bundle lies in `.build/`, where synth's bundles find
// the project from their own folder (`__dirname`), and its source map points stack traces at the
// TypeScript sources.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const bundleFile = path.join(root, '.build', 'test-library.js');
const LOADER = path.join(__dirname, 'library-loader.js');
const inputsFile = path.join(root, '.build', 'test-library.inputs.json');
/** Folders of the library and the sites; tests import their TypeScript files. */
const LIBRARY_FOLDERS = ['constructs', 'charts', 'hosts', 'imports', 'bench', 'scripts'];
/**
 * Packages that go into the bundle with the library, by the names the library and the tests import: the
 * construct base classes and cdk8s, loaded by nearly every test file (about a third of the library's load),
 * whose classes the tests and the library must share; and the CEL library with its dependencies, which a
 * test file loads when it validates a custom resource with CEL rules whose result the schema cache does not
 * hold yet: in a fresh clone's run, many files. Outside the bundle Jest read and compiled its 130 modules
 * afresh in each such file, nearly a tenth of a second of CPU; in the bundle V8 compiles them once per
 * worker. Other packages stay outside.
 */
const BUNDLED_PACKAGES = ['cdk8s', 'cdk8s-plus-30', 'constructs', '@bufbuild/cel', '@bufbuild/cel/ext'];

/** The package a module name belongs to: `@bufbuild/cel` of `@bufbuild/cel/ext`. */
function packageOf(request) {
  return request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
}

/** Files of a bundled package or of one of its dependencies, whose own imports go into the bundle with them. */
const IN_BUNDLED_PACKAGE = /[\\/]node_modules[\\/](cdk8s|cdk8s-plus-30|constructs|@bufbuild[\\/][^\\/]+)[\\/]/;

/** The library's TypeScript files, relative to the root, `/`-separated and sorted. */
function libraryFiles() {
  const files = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(child);
      }
    }
  };
  for (const folder of LIBRARY_FOLDERS) {
    if (fs.existsSync(path.join(root, folder))) {
      walk(folder);
    }
  }
  return files.sort();
}

/**
 * Whether the bundle comes with a source map, so that stack traces of failing tests name the library's
 * TypeScript files: `HOMELAB_TEST_SOURCE_MAPS=1 npm test`. Off by default: Jest maps every stack an error
 * of the library formats through it, and parsing the map of the whole library anew in each test file that
 * meets such an error took about a seventh of the suite's time.
 */
function withSourceMap() {
  return process.env.HOMELAB_TEST_SOURCE_MAPS === '1';
}

/** What else decides the bundle's code: esbuild, whether it has a source map, the compiler options and this file. */
function buildIdentity() {
  return crypto.createHash('sha1')
    .update(require('esbuild').version).update('\0')
    .update(String(withSourceMap())).update('\0')
    .update(fs.readFileSync(path.join(root, 'tsconfig.json'))).update('\0')
    .update(fs.readFileSync(__filename))
    .digest('hex');
}

/** Whether the bundle on disk was built from these files, none of which changed since. */
function isFresh(files, identity) {
  try {
    const built = fs.statSync(bundleFile).mtimeMs;
    const previous = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
    return previous.identity === identity
      && JSON.stringify(previous.files) === JSON.stringify(files)
      && previous.inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/**
 * The entry: a table from each library file to a function that loads it. esbuild runs a module that is
 * `require`d only when it is first loaded, so the modules run in the order and at the time they did as
 * separate files. Each load is kept: esbuild's `require` of a module copies its exports into a new object
 * each time (some hundreds of getters for the library's index), and every test file loads the same ones.
 */
function entryText(files) {
  const rows = [
    ...files.map((file) => `  ${JSON.stringify(file)}: () => require(${JSON.stringify(`./${file}`)}),`),
    ...BUNDLED_PACKAGES.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`),
  ];
  return [
    `const modules = {\n${rows.join('\n')}\n};`,
    'const loaded = new Map();',
    'exports.load = (file) => {',
    '  if (!loaded.has(file)) loaded.set(file, modules[file]());',
    '  return loaded.get(file);',
    '};',
    '',
  ].join('\n');
}

/** An esbuild plugin that leaves every package outside the bundle but {@link BUNDLED_PACKAGES}. */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        // A bundled package's own dependencies go in with it.
        return BUNDLED_PACKAGES.includes(packageOf(args.path)) || IN_BUNDLED_PACKAGE.test(args.importer) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * Builds the bundle unless the one on disk is fresh, and writes one module per library file and bundled
 * package into `shimFolder`, with `shims.json`: the path each resolves to, and its module.
 */
async function prepareLibraryBundle(shimFolder) {
  const files = libraryFiles();
  const identity = buildIdentity();
  if (!isFresh(files, identity)) {
    const esbuild = require('esbuild');
    fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
    const partial = `${bundleFile}.${process.pid}.tmp`;
    const result = await esbuild.build({
      stdin: { contents: entryText(files), resolveDir: root, sourcefile: 'test-library-entry.js', loader: 'js' },
      absWorkingDir: root,
      outfile: partial,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      plugins: [externalPackages()],
      tsconfigRaw: fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
      // Jest reads and compiles the bundle once per worker: the smaller, the faster. Names are not kept
      // (`keepNames` wraps every function and class the code defines, each time it defines one, in a call that
      // names it: 3 % of the bad-input corpus' time); synth's bundle keeps none either, and the classes the
      // library exports keep theirs there (bundled-class-names.test.ts).
      minifyWhitespace: true,
      minifySyntax: true,
      charset: 'ascii',
      legalComments: 'none',
      sourcemap: withSourceMap() ? 'external' : false,
      sourcesContent: false,
      metafile: true,
      logLevel: 'error',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('<stdin>') && input !== 'test-library-entry.js');
    // The map is named after the bundle it describes; a run that is still reading the previous bundle
    // meets the previous map until the rename.
    if (withSourceMap()) {
      const code = fs.readFileSync(partial, 'utf8').replace(/\/\/# sourceMappingURL=.*\s*$/, '');
      fs.writeFileSync(partial, `${code}//# sourceMappingURL=${path.basename(bundleFile)}.map\n`);
      fs.renameSync(`${partial}.map`, `${bundleFile}.map`);
    } else {
      fs.rmSync(`${bundleFile}.map`, { force: true });
    }
    fs.renameSync(partial, bundleFile);
    fs.writeFileSync(inputsFile, JSON.stringify({ identity, files, inputs }));
  }
  // What each library file and bundled package resolves to, and the module that stands for it.
  const shims = {};
  const modules = [
    ...files.map((file) => [file, path.join(root, file), file.replace(/\.ts$/, '.js')]),
    ...BUNDLED_PACKAGES.map((name) => [name, require.resolve(name, { paths: [root] }), `node_modules/${name}.js`]),
  ];
  for (const [key, resolved, shimName] of modules) {
    const shim = path.join(shimFolder, shimName);
    fs.mkdirSync(path.dirname(shim), { recursive: true });
    fs.writeFileSync(shim, `module.exports = require(${JSON.stringify(LOADER)}).load(${JSON.stringify(key)});\n`);
    shims[resolved] = shim;
  }
  fs.writeFileSync(path.join(shimFolder, 'shims.json'), JSON.stringify(shims));
}

module.exports = { bundleFile, prepareLibraryBundle, root };
