#!/usr/bin/env node
// `npm run test:package`: the package as a library user gets it. Packs the tarball, installs it into a
// fresh temporary TypeScript app (hand-written package.json and the tsconfig `cdk8s init` writes, both
// from the package README; dependencies from the registry), compiles the README's lab (2 hosts, 3 apps)
// with tsc, synthesizes it with no ../shared and no schema variables (so strict validation must come
// from the bundled schemas), checks the output, and builds every layer with `kubectl kustomize` when
// kubectl is on PATH. Prints the time each step took.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const started = Date.now();
const step = (name, fn) => {
  const t = Date.now();
  const result = fn();
  process.stdout.write(`test:package: ${name} ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  return result;
};
const fail = (message) => {
  process.stderr.write(`test:package FAILED: ${message}\n`);
  process.exit(1);
};

/** The fenced block that follows the line `` `<file>`: `` (or `` `<file>` (…): ``) in the package README. */
function readmeBlock(readme, file) {
  const match = readme.match(new RegExp(`^\`${file.replace('.', '\\.')}\`[^\\n]*:\\n\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`$`, 'm'));
  if (!match) fail(`constructs/README.md has no ${file} block`);
  return match[1];
}

// The tarball carries the schema bundle, built at pack time from the upstream schemas; a clone without
// them cannot pack what users get, so the test says why it skips.
const upstreamSchemas = process.env.HOMELAB_K8S_SCHEMA || fs.existsSync(path.join(root, '..', 'shared', 'schemas', 'k8s'));
if (!upstreamSchemas) {
  process.stdout.write('test:package skipped: no upstream schemas to bundle (../shared/schemas or HOMELAB_K8S_SCHEMA)\n');
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-package-'));
const app = path.join(work, 'lab');
fs.mkdirSync(app);
const env = { ...process.env };
delete env.HOMELAB_K8S_SCHEMA;
delete env.HOMELAB_CRDS_DIR;
delete env.HOMELAB_OUTDIR;
try {
  const tarball = step('npm pack', () => {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return path.join(work, out.trim().split('\n').pop());
  });
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const expected of ['package/LICENSE', 'package/README.md', 'package/lib/constructs/index.js', 'package/lib/constructs/index.d.ts',
    'package/schemas/SOURCES.md', 'package/schemas/LICENSE', 'package/schemas/k8s/v1.30.0/_definitions.json']) {
    if (!listing.includes(expected)) fail(`the tarball lacks ${expected}`);
  }
  const packedReadme = execFileSync('tar', ['-xzOf', tarball, 'package/README.md'], { encoding: 'utf8' });
  const libraryReadme = fs.readFileSync(path.join(root, 'constructs', 'README.md'), 'utf8');
  if (packedReadme !== libraryReadme) fail('the packed README.md is not the library README');
  if (fs.readFileSync(path.join(root, 'README.md'), 'utf8') === libraryReadme) fail('the repository README was not restored after packing');
  const size = fs.statSync(tarball).size;
  process.stdout.write(`test:package: ${path.basename(tarball)} ${(size / 1024 / 1024).toFixed(2)} MiB, ${listing.filter(Boolean).length} entries\n`);

  const manifest = JSON.parse(readmeBlock(libraryReadme, 'package.json'));
  manifest.dependencies['cdk8s-homelab'] = `file:${tarball}`;
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(app, 'tsconfig.json'), readmeBlock(libraryReadme, 'tsconfig.json'));
  fs.writeFileSync(path.join(app, 'main.ts'), readmeBlock(libraryReadme, 'main.ts'));
  step('npm install', () => execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, env, stdio: 'inherit' }));
  // tsc emits main.js beside main.ts (the cdk8s init settings), so the lab runs with plain node.
  step('tsc', () => execFileSync(path.join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: app, env, stdio: 'inherit' }));
  const synth = step('synth', () => spawnSync(process.execPath, ['main.js', '--json'], { cwd: app, env, encoding: 'utf8' }));
  if (synth.status !== 0) fail(`synth exited ${synth.status}\n${synth.stdout}${synth.stderr}`);
  const report = JSON.parse(synth.stdout);
  if (report.schemas.missing) fail(`schemas missing in the installed package: ${JSON.stringify(report.schemas)}`);
  if (!report.schemas.core.includes(path.join('node_modules', 'cdk8s-homelab', 'schemas'))) fail(`schemas not from the package: ${report.schemas.core}`);
  const unchecked = report.findings.filter((f) => f.layer === 'schema');
  if (unchecked.length > 0) fail(`schema findings: ${JSON.stringify(unchecked)}`);
  const cluster = report.clusters.find((c) => c.folder === 'lab/main');
  if (!cluster || cluster.apps !== 3 || cluster.placeholders.length !== 1) fail(`unexpected summary: ${JSON.stringify(report.clusters)}`);
  const dist = path.join(app, 'dist', 'lab', 'main');
  for (const name of ['whoami', 'web', 'uptime-kuma']) {
    if (!fs.readFileSync(path.join(dist, 'apps', `${name}.yaml`), 'utf8').includes('kind: Deployment')) fail(`apps/${name}.yaml has no Deployment`);
  }
  const picture = fs.readFileSync(path.join(dist, 'README.md'), 'utf8');
  for (const expected of ['```mermaid', 'whoami.lab.example.com', 'host pi address']) {
    if (!picture.includes(expected)) fail(`the cluster README lacks ${expected}`);
  }
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) {
    step('kubectl kustomize', () => {
      for (const layer of ['platform', 'config', 'apps']) {
        execFileSync('kubectl', ['kustomize', path.join(dist, layer)], { stdio: ['ignore', 'ignore', 'inherit'] });
      }
    });
  } else {
    process.stdout.write('test:package: kubectl not on PATH; kustomize build skipped\n');
  }
  process.stdout.write(`test:package ok in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
