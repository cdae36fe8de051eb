#!/usr/bin/env node
// Regenerates imports/ from the upstream CRD files listed in imports.json.
//
// `cdk8s import <file>` writes one module per API group and overwrites it on
// every call, so importing the CRD files of one group one by one would leave
// only the last file's kinds. Instead, every selected CRD is gathered into a
// single List document and imported in one run.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const yaml = require('js-yaml');

const ROOT = path.resolve(__dirname, '..');
const LIST_FILE = path.join(ROOT, 'imports.json');
const OUT_DIR = path.join(ROOT, 'imports');
const ENV_VAR = 'HOMELAB_CRDS_DIR';
const DEFAULT_CRDS_DIR = '../shared/schemas/crds';
const SOURCE_KEYS = new Set(['path', 'kinds', 'exclude', '$comment']);

class UsageError extends Error {}

function main() {
  const crdsDir = resolveCrdsDir();
  const sources = readSources();
  const crds = collectCrds(crdsDir, sources);
  const generated = runCdk8sImport(crds);
  const changed = syncOutDir(generated);
  report(generated, crds, changed);
}

function resolveCrdsDir() {
  const configured = process.env[ENV_VAR] || DEFAULT_CRDS_DIR;
  const dir = path.resolve(ROOT, configured);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(
      `CRD folder not found: ${dir}\n` +
      `Set ${ENV_VAR} to the folder that holds the upstream CRD files ` +
      `(default: ${DEFAULT_CRDS_DIR}, relative to the repository root).`,
    );
  }
  return dir;
}

function readSources() {
  const list = JSON.parse(fs.readFileSync(LIST_FILE, 'utf8'));
  if (!Array.isArray(list.sources) || list.sources.length === 0) {
    throw new UsageError('imports.json: "sources" must be a non-empty array');
  }
  const problems = [];
  list.sources.forEach((source, i) => {
    const where = `imports.json: sources[${i}]`;
    if (typeof source.path !== 'string' || source.path === '') {
      problems.push(`${where}: "path" must be a non-empty string`);
    }
    if (source.exclude !== undefined && !(Array.isArray(source.exclude) && source.exclude.every((k) => typeof k === 'string'))) {
      problems.push(`${where}: "exclude" must be an array of kind names`);
    }
    if (source.kinds !== undefined && !(Array.isArray(source.kinds) && source.kinds.length > 0 && source.kinds.every((k) => typeof k === 'string'))) {
      problems.push(`${where}: "kinds" must be a non-empty array of kind names`);
    }
    for (const key of Object.keys(source)) {
      if (!SOURCE_KEYS.has(key)) problems.push(`${where}: unknown key "${key}"`);
    }
  });
  failIf(problems);
  return list.sources;
}

function collectCrds(crdsDir, sources) {
  const problems = [];
  const byKey = new Map();
  for (const source of sources) {
    const target = path.resolve(crdsDir, source.path);
    if (!fs.existsSync(target)) {
      problems.push(`${source.path}: not found under ${ENV_VAR} (${crdsDir})`);
      continue;
    }
    const excluded = new Set(source.exclude ?? []);
    // `kinds` keeps only the kinds constructs use; everything else of the source is left out.
    const only = source.kinds === undefined ? undefined : new Set(source.kinds);
    const seenKinds = new Set();
    for (const file of yamlFilesUnder(target)) {
      const rel = toPosix(path.relative(crdsDir, file));
      for (const crd of crdDocuments(file)) {
        const kind = crd.spec.names.kind;
        seenKinds.add(kind);
        if (excluded.has(kind) || (only && !only.has(kind))) continue;
        const key = `${crd.spec.group}/${kind}`;
        const earlier = byKey.get(key);
        if (earlier) {
          problems.push(`${key} is defined by both ${earlier.file} and ${rel}; list only one of them`);
          continue;
        }
        const versionProblem = keepOneVersion(crd);
        if (versionProblem) {
          problems.push(`${rel}: ${key}: ${versionProblem}`);
          continue;
        }
        byKey.set(key, { file: rel, crd });
      }
    }
    for (const kind of excluded) {
      if (!seenKinds.has(kind)) problems.push(`${source.path}: "exclude" names ${kind}, which it does not define`);
    }
    for (const kind of only ?? []) {
      if (!seenKinds.has(kind)) problems.push(`${source.path}: "kinds" names ${kind}, which it does not define`);
    }
  }
  failIf(problems);
  // cdk8s sorts CRDs itself, but a fixed input order keeps the List stable too.
  return [...byKey.entries()].sort(([a], [b]) => compare(a, b)).map(([key, value]) => ({ key, ...value }));
}

// One version per kind: importing every version doubles the generated code
// (and tsc time), and cdk8s names the first listed version after the kind, so
// `TlsRoute` would be v1alpha2 and `Provider` a deprecated v1alpha1. The
// storage version is taken unless it is deprecated, in which case the only
// other served, non-deprecated version is.
function keepOneVersion(crd) {
  const versions = crd.spec.versions;
  if (!Array.isArray(versions)) return 'spec.versions is missing (only apiextensions.k8s.io/v1 CRDs are supported)';
  const usable = versions.filter((v) => v.served !== false && v.deprecated !== true);
  const chosen = usable.find((v) => v.storage === true) ?? (usable.length === 1 ? usable[0] : undefined);
  if (!chosen) {
    const names = usable.map((v) => v.name).join(', ') || 'none';
    return `cannot choose a version: storage version is deprecated or unserved, served candidates: ${names}`;
  }
  crd.spec.versions = [chosen];
  return undefined;
}

function yamlFilesUnder(target) {
  if (fs.statSync(target).isFile()) return [target];
  const files = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) files.push(full);
  }
  return files.sort(compare);
}

function crdDocuments(file) {
  const docs = yaml.loadAll(fs.readFileSync(file, 'utf8'));
  const crds = [];
  const visit = (doc) => {
    if (!doc || typeof doc !== 'object') return;
    if (doc.kind === 'CustomResourceDefinition') crds.push(doc);
    else if (doc.kind === 'List' && Array.isArray(doc.items)) doc.items.forEach(visit);
  };
  docs.forEach(visit);
  return crds;
}

function runCdk8sImport(crds) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-import-'));
  try {
    const input = path.join(work, 'crds.json');
    const outdir = path.join(work, 'out');
    fs.writeFileSync(input, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: crds.map((c) => c.crd) }));

    const cli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
    const args = [
      cli, 'import',
      '--language', 'typescript',
      '--output', outdir,
      // Offline and side-effect free: no npm version check, no cdk8s.yaml edit.
      '--no-check-upgrade', '--no-save',
      input,
    ];
    // Run outside the repository so cdk8s.yaml cannot change the import.
    const result = childProcess.spawnSync(process.execPath, args, { cwd: work, env: cliEnv(), encoding: 'utf8' });
    if (result.status !== 0) {
      process.stderr.write(result.stdout ?? '');
      process.stderr.write(result.stderr ?? '');
      throw new UsageError(`cdk8s import failed (exit ${result.status ?? result.signal})`);
    }

    const generated = new Map();
    for (const name of fs.readdirSync(outdir).filter((n) => n.endsWith('.ts')).sort(compare)) {
      generated.set(name, fs.readFileSync(path.join(outdir, name), 'utf8'));
    }
    return generated;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// The CLI reads CDK8S_* variables as options, and cdk8s sorts kinds with
// localeCompare; both would let the caller's shell change the output bytes.
function cliEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('CDK8S_')) env[name] = value;
  }
  env.LC_ALL = 'C';
  env.LANG = 'C';
  return env;
}

// imports/ holds only generated modules plus README.md: stale modules are
// removed, and unchanged files are left alone so their mtimes stay put.
function syncOutDir(generated) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const changed = [];
  for (const name of fs.readdirSync(OUT_DIR).filter((n) => n.endsWith('.ts'))) {
    if (!generated.has(name)) {
      fs.rmSync(path.join(OUT_DIR, name));
      changed.push(`removed ${name}`);
    }
  }
  for (const [name, content] of generated) {
    const file = path.join(OUT_DIR, name);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
    changed.push(`wrote ${name}`);
  }
  return changed;
}

function report(generated, crds, changed) {
  const kindsPerGroup = new Map();
  for (const { crd } of crds) {
    kindsPerGroup.set(crd.spec.group, (kindsPerGroup.get(crd.spec.group) ?? 0) + 1);
  }
  for (const [name, content] of generated) {
    const group = name.replace(/\.ts$/, '');
    const kb = (Buffer.byteLength(content) / 1024).toFixed(0).padStart(6);
    console.log(`imports/${name.padEnd(36)} ${kb} KB  ${kindsPerGroup.get(group) ?? '?'} kinds`);
  }
  console.log(changed.length === 0
    ? `imports/ is up to date (${generated.size} modules, ${crds.length} kinds)`
    : `${changed.length} file(s) changed: ${changed.join(', ')}`);
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

function failIf(problems) {
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}

try {
  main();
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`import: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
