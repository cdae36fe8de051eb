// Bundles a TypeScript entry point of this repository into plain JS with esbuild: the fast path that
// replaces ts-node. Type checking belongs to `npm test`.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
/** Bump when the build options or the metafile's shape change: bundles of another format are rebuilt. */
const BUNDLE_FORMAT = 14;

/**
 * Bundles `source` into `.build/<name>.js` and returns that file's path. `source` is a path relative to
 * the repository root, or TypeScript text to use as the entry point. A bundle newer than every file it
 * was built from is reused, which saves esbuild's start and a rebuild on repeated runs.
 *
 * `<name>.js` is a small loader of the code esbuild wrote (`<name>.bundle.js`) that keeps V8's compiled
 * code of it between runs (see {@link codeCacheLoader}).
 */
function bundle(name, source) {
  try {
    return bundleInto(name, source);
  } catch (error) {
    // The build folder as a file, a read-only checkout, a full disk: a line that says so, not a stack trace.
    if (typeof error?.code !== 'string' || typeof error?.syscall !== 'string') {
      throw error;
    }
    process.stderr.write(`Cannot write the bundle to ${path.join(root, '.build')}: ${error.message}. Nothing was synthesized or written.\n`
      + '      hint: .build/ holds only generated bundles and their caches: remove it (rm -rf .build) and run again, and check that the repository folder can be written\n');
    process.exit(1);
  }
}

/** {@link bundle}, with file system errors thrown as they come. */
function bundleInto(name, source) {
  const outfile = path.join(root, '.build', `${name}.js`);
  const bundleFile = path.join(root, '.build', `${name}.bundle.js`);
  const metafile = path.join(root, '.build', `${name}.inputs.json`);
  const entryText = source.endsWith('.ts') ? undefined : source;
  if (isFresh(outfile, metafile, entryText)) {
    return outfile;
  }
  const esbuild = require('esbuild');
  const stdinName = `${name}-entry.ts`;
  const entry = entryText === undefined
    ? { entryPoints: [path.join(root, source)] }
    : { stdin: { contents: entryText, resolveDir: root, sourcefile: stdinName, loader: 'ts' } };
  const result = buildOrReport(esbuild, {
    ...entry,
    absWorkingDir: root,
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    metafile: true,
    alias: { ...bundledPackageAliases(path.dirname(outfile)), ...cdk8sLazyAliases(path.dirname(outfile)) },
    // Less to read and parse at every start (a tenth of a small synth's wall time went there). Names stay
    // as written: error messages of constructs name their classes.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // A text entry is no file: its text is checked by itself (see isFresh).
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('<stdin>') && !(entryText !== undefined && input === stdinName));
  // The import graph lets synth tell which clusters a changed file reaches (incremental synth).
  const imports = {};
  for (const input of inputs) {
    imports[input] = result.metafile.inputs[input].imports.map((i) => i.path).filter((p) => p in result.metafile.inputs && !p.startsWith('<stdin>'));
  }
  fs.writeFileSync(metafile, JSON.stringify({ format: BUNDLE_FORMAT, entryText, inputs, root, imports }));
  // esbuild escapes non-ASCII characters and minifying drops comments, so the bundle is ASCII as a rule:
  // then it is read as Latin-1, a plain byte copy, instead of being decoded as UTF-8.
  const code = fs.readFileSync(bundleFile);
  const ascii = !/[^\x00-\x7f]/.test(code.toString('latin1'));
  // V8 checks cached code against the source's length only: a cache of the previous bundle, of the
  // same length (a version 1.2.3 become 1.2.4), would run the previous code. Each bundle's cache is named
  // after its content and the format of its loader, and the caches of earlier bundles go.
  const fingerprint = crypto.createHash('sha256').update(`${BUNDLE_FORMAT}\n`).update(code).digest('hex').slice(0, 16);
  dropCodeCache(name, fingerprint);
  fs.writeFileSync(outfile, codeCacheLoader(path.basename(bundleFile), ascii ? 'latin1' : 'utf8', fingerprint));
  return outfile;
}

/**
 * esbuild's build; when the code does not compile, esbuild has printed each error with its file, line
 * and column, and this ends the process with a one-line summary instead of esbuild's stack trace.
 */
function buildOrReport(esbuild, options) {
  try {
    return esbuild.buildSync(options);
  } catch (error) {
    if (!Array.isArray(error?.errors)) {
      throw error;
    }
    const count = error.errors.length;
    process.stderr.write(`\nThe TypeScript did not compile: ${count} error${count === 1 ? '' : 's'} above, each with its file and line. Nothing was synthesized or written.\n`);
    process.exit(1);
  }
}

/**
 * The loader of a bundle: it compiles the bundle with the code V8 cached on an earlier run (parsing and
 * compiling a bundle of a megabyte is a good part of a synth's start) and, when there was none or V8
 * refused it (the bundle changed), writes the code compiled by the end of this run for the next one.
 * Only a run that ends with status 0 and did its command's work writes it: a run stopped early by a
 * mistake in the lab, one that printed its `--help` or an incremental synth that kept every cluster compiled
 * little of the code, and a cache of that little is accepted by every later run, which would then compile
 * the rest afresh each time until the bundle changes.
 * The bundle runs as a CommonJS module would: same `require`, `module`, `__dirname`. `encoding` is how the
 * bundle is read: `latin1` for an ASCII bundle, `utf8` otherwise.
 */
function codeCacheLoader(bundleName, encoding, fingerprint) {
  const cacheName = `${bundleName}.${fingerprint}.v8-cache`;
  return `// Generated by scripts/bundle.js: runs ${bundleName} with V8's code cache of it (${cacheName}).
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const file = path.join(__dirname, ${JSON.stringify(bundleName)});
const cacheFile = path.join(__dirname, ${JSON.stringify(cacheName)});
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// Node's CommonJS wrapper, written out: \`require('module')\` for its \`wrap\` would load and compile Node's module
// loader internals at every start (Node compiles its own modules afresh when it runs with V8 options).
const script = new vm.Script(\`(function (exports, require, module, __filename, __dirname) { \${fs.readFileSync(file, ${JSON.stringify(encoding)})}\\n});\`, { filename: file, cachedData });
const cacheMissed = cachedData === undefined || script.cachedDataRejected;
// V8 has read the cache by now. The bundle runs inside this module, so whatever this scope holds lives as
// long as the run does: the cache's bytes (megabytes, in every thread that loads the bundle) go now.
cachedData = undefined;
if (cacheMissed) {
  process.once('exit', (status) => {
    // A run that did little of its command's work marks itself (see constructs/synth/short-run.ts).
    if (status !== 0 || globalThis[Symbol.for('cdk8s-homelab.shortRun')] === true) {
      return;
    }
    try {
      const temporary = \`\${cacheFile}.\${process.pid}\`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // Only a cache: the next run compiles again.
    }
  });
}
script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
`;
}

/**
 * Packages bundled with the code rather than required from node_modules at run time, so that they load
 * with the bundle's code cache and without module resolution: constructs, which cdk8s is built on, and
 * js-yaml, which synth always loads. cdk8s itself is bundled too (see {@link cdk8sLazyAliases}).
 */
const BUNDLED_PACKAGES = ['constructs', 'js-yaml'];

/**
 * esbuild aliases that point each of {@link BUNDLED_PACKAGES} at its ES module build where the package
 * has one (js-yaml), else at an ES module made of the file Node would load (see {@link esModuleFacade}).
 */
function bundledPackageAliases(outdir) {
  return Object.fromEntries(BUNDLED_PACKAGES.map((name) => {
    const manifestFile = require.resolve(`${name}/package.json`, { paths: [root] });
    const moduleBuild = JSON.parse(fs.readFileSync(manifestFile, 'utf8')).module;
    return [name, typeof moduleBuild === 'string'
      ? path.join(path.dirname(manifestFile), moduleBuild)
      : esModuleFacade(name, require.resolve(name, { paths: [root] }), outdir)];
  }));
}

/**
 * Writes an ES module that exports the exports of CommonJS package `name` (its file `real`) one binding
 * each, and returns its path. Every module that imports a CommonJS package gets a copy of the package's
 * exports object from esbuild, a getter per export made when that module loads, and each use goes through
 * that getter; cdk8s was copied that way by some 60 modules at every start. Imports of an ES module are
 * its bindings themselves: the package's exports are read once, here.
 */
function esModuleFacade(name, real, outdir) {
  const names = Object.keys(require(real)).filter((key) => key !== '__esModule');
  const notIdentifier = names.find((key) => !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) || key === 'default');
  if (notIdentifier !== undefined) {
    throw new Error(`${name} exports ${JSON.stringify(notIdentifier)}, which no ES module binding can name: bundle it without a facade`);
  }
  const facade = path.join(outdir, 'lazy', `${name}.esm.js`);
  fs.mkdirSync(path.dirname(facade), { recursive: true });
  writeIfChanged(facade, [
    `// Generated by scripts/bundle.js: the exports of ${name} as ES module bindings, read once when it loads.`,
    `const real = require(${JSON.stringify(real)});`,
    ...names.map((key) => `export const ${key} = real.${key};`),
    '',
  ].join('\n'));
  return facade;
}

/**
 * Packages that cdk8s loads when its index loads but that synthesis only needs for cdk8s' own YAML output,
 * JSON patches and Helm charts: the `yaml` package alone costs more start-up time than the rest of cdk8s.
 */
const CDK8S_LAZY_DEPENDENCIES = ['yaml', 'fast-json-patch'];

/**
 * Exports of {@link CDK8S_LAZY_DEPENDENCIES} that answer without loading their package when the answer
 * needs none of it. cdk8s applies an object's JSON patches in every `toJson()`, even when it has none
 * (the generated classes of CRDs go that way): an empty patch list leaves the document as it is, so
 * fast-json-patch loads only for a real patch. Each entry is the text of a function of the shim, where
 * `load()` returns the real package.
 */
const LAZY_SHORTCUTS = {
  'fast-json-patch': {
    // The package's deepClone of an empty list is a new empty list.
    deepClone: 'function (value) { return Array.isArray(value) && value.length === 0 ? [] : load().deepClone(value); }',
    // With no operation the package returns an empty result list whose newDocument is the document itself,
    // unless asked not to change the document (then it clones it first).
    applyPatch: 'function (document, patch, validate, mutate, ...rest) { if (Array.isArray(patch) && patch.length === 0 && mutate !== false) { const results = []; results.newDocument = document; return results; } return load().applyPatch(document, patch, validate, mutate, ...rest); }',
  },
};

/**
 * Node built-ins that cdk8s loads when its index loads but that synthesis does not use: `child_process`
 * (Helm; it also loads `net`) and `os` (temporary folders of Helm, Yaml.load and Testing). cdk8s takes
 * functions of them at once, so a getter alone would load them anyway. Node compiles a built-in module
 * afresh when it runs with V8 options, as synth does, which makes each cost a few milliseconds.
 */
const CDK8S_LAZY_BUILTINS = ['child_process', 'os'];

/**
 * A stand-in for a Node built-in whose functions load the real module on first call; other exports
 * (classes) are getters that load it on first use.
 */
function lazyBuiltin(name) {
  const real = require(`node:${name}`);
  const lines = [
    `// Generated by scripts/bundle.js: Node's ${name}, loaded when first used.`,
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(`node:${name}`)}));`,
  ];
  for (const key of Object.keys(real).sort()) {
    const exported = JSON.stringify(key);
    // Classes are capitalized: a function that forwards calls could not stand in for one.
    const isFunction = typeof real[key] === 'function' && !/^[A-Z]/.test(key);
    lines.push(isFunction
      ? `exports[${exported}] = function (...args) { return load()[${exported}].apply(this, args); };`
      : `Object.defineProperty(exports, ${exported}, { enumerable: true, get: () => load()[${exported}] });`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * esbuild aliases that bundle cdk8s itself (rather than leave it external like other packages; imported
 * through {@link esModuleFacade}) and
 * replace its dependencies in {@link CDK8S_LAZY_DEPENDENCIES} with modules that load the real package on
 * first use. A replacement defines the real package's export names (read now) as getters, so each way
 * cdk8s and esbuild read a CommonJS module (`__importStar`, property access) keeps it lazy. The
 * replacements are written next to the bundle; they require the real package relative to it. Bundled
 * cdk8s looks for its URL loader script next to the bundle (`__dirname`): a forwarder to it goes there.
 */
function cdk8sLazyAliases(outdir) {
  const cdk8sDir = path.dirname(require.resolve('cdk8s/package.json', { paths: [root] }));
  const aliases = { cdk8s: esModuleFacade('cdk8s', require.resolve('cdk8s', { paths: [root] }), outdir) };
  const lazyDir = path.join(outdir, 'lazy');
  fs.mkdirSync(lazyDir, { recursive: true });
  for (const name of CDK8S_LAZY_DEPENDENCIES) {
    const real = require.resolve(name, { paths: [cdk8sDir] });
    const names = Object.keys(require(real)).filter((key) => key !== '__esModule');
    const target = JSON.stringify(path.relative(outdir, real).split(path.sep).join('/'));
    const shim = path.join(lazyDir, `${name}.js`);
    const contents = [
      '// Generated by scripts/bundle.js: loads the package on first use (the path is relative to the bundle).',
      'let real;',
      // A computed path: esbuild leaves this require to run time instead of bundling the package.
      `const load = () => (real ??= require(require('path').join(__dirname, ${target})));`,
      ...names.map((key) => (LAZY_SHORTCUTS[name]?.[key] !== undefined
        ? `exports[${JSON.stringify(key)}] = ${LAZY_SHORTCUTS[name][key]};`
        : `Object.defineProperty(exports, ${JSON.stringify(key)}, { enumerable: true, get: () => load()[${JSON.stringify(key)}] });`)),
      '',
    ].join('\n');
    writeIfChanged(shim, contents);
    aliases[name] = shim;
  }
  for (const name of CDK8S_LAZY_BUILTINS) {
    const shim = path.join(lazyDir, `${name}.js`);
    writeIfChanged(shim, lazyBuiltin(name));
    aliases[name] = shim;
  }
  const loader = path.relative(outdir, path.join(cdk8sDir, 'lib', '_loadurl.mjs')).split(path.sep).join('/');
  writeIfChanged(path.join(outdir, '_loadurl.mjs'), `// Generated by scripts/bundle.js for cdk8s' Yaml.load, bundled.\nimport ${JSON.stringify(loader)};\n`);
  return aliases;
}

/** Writes a generated file unless it holds `contents` already (its time stamp then stays). */
function writeIfChanged(file, contents) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== contents) {
    fs.writeFileSync(file, contents);
  }
}

/** Whether the bundle exists and no file it was built from changed since (nor the entry text). */
function isFresh(outfile, metafile, entryText) {
  try {
    const built = Math.min(fs.statSync(outfile).mtimeMs, fs.statSync(outfile.replace(/\.js$/, '.bundle.js')).mtimeMs);
    const previous = JSON.parse(fs.readFileSync(metafile, 'utf8'));
    if (previous.format !== BUNDLE_FORMAT || previous.entryText !== entryText) {
      return false;
    }
    return previous.inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/**
 * Deletes the V8 code caches of bundle `name`, so that the next run of it writes a new one. The cache holds
 * the functions compiled by the run that wrote it: a run that does other work than that one compiles
 * the rest afresh. `keep`: the fingerprint of a bundle whose cache stays, that of a bundle built again to the
 * same bytes (its inputs touched, not changed), whose cache still holds its code.
 */
function dropCodeCache(name, keep) {
  const folder = path.join(root, '.build');
  const prefix = `${name}.bundle.js.`;
  let files = [];
  try {
    files = fs.readdirSync(folder);
  } catch {
    return;
  }
  const kept = keep === undefined ? undefined : `${prefix}${keep}.v8-cache`;
  for (const file of files) {
    // The caches of earlier bundles, and temporary files of runs writing one.
    if (file.startsWith(prefix) && file.includes('.v8-cache') && file !== kept) {
      fs.rmSync(path.join(folder, file), { force: true });
    }
  }
}

/** The input graph file `bundle(name, …)` writes beside the bundle. */
function inputGraphFile(name) {
  return path.join(root, '.build', `${name}.inputs.json`);
}

module.exports = { bundle, dropCodeCache, inputGraphFile, root };
