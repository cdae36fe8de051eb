import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCatalog } from '../../constructs/validation/schema/catalog';
import { DiskCache, openDiskCache } from '../../constructs/validation/schema/disk-cache';
import { namedSourceProblems } from '../../constructs/validation/schema/sources';
import { restoreEnvironmentAfterEach } from '../support/environment';

// Schema paths that exist but give no schema: a core file that is no Kubernetes definitions file (or does not
// parse), a CRD folder without a CRD or with a file that does not parse. Named in the environment, each is an
// error naming the variable; before, an empty CRD folder passed with warnings only and a core file without
// definitions ended in a TypeError reported on some construct.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-schema-paths-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// JSON is YAML too: the file is read as a CRD file is.
const CRD = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } } }],
  },
});
const DEFINITIONS = JSON.stringify({
  definitions: {
    'io.k8s.api.core.v1.ConfigMap': {
      type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, data: { type: 'object' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
    },
  },
});

/** A schema cache in `dir`, as synth opens one. */
function cacheAt(dir: string): DiskCache {
  const saved = process.env.HOMELAB_SCHEMA_CACHE;
  process.env.HOMELAB_SCHEMA_CACHE = dir;
  try {
    return openDiskCache()!;
  } finally {
    if (saved === undefined) {
      delete process.env.HOMELAB_SCHEMA_CACHE;
    } else {
      process.env.HOMELAB_SCHEMA_CACHE = saved;
    }
  }
}

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const crdFile = write('crds/widget.yaml', CRD);
const definitionsFile = write('k8s/_definitions.json', DEFINITIONS);
const emptyFolder = path.join(root, 'empty');
fs.mkdirSync(emptyFolder);

describe('the schema catalog says which paths gave no schema', () => {
  test('a core file that is a CRD, that is no JSON, or that is text; a CRD path that is the core file or an empty folder', () => {
    expect(loadCatalog(crdFile, [], undefined).unreadable).toEqual([{ path: crdFile, source: 'core', reason: expect.stringMatching(/^holds no Kubernetes OpenAPI definitions/) }]);
    const broken = write('broken.json', '{"definitions": ');
    expect(loadCatalog(broken, [], undefined).unreadable).toEqual([{ path: broken, source: 'core', reason: expect.stringMatching(/^does not parse as JSON \(/) }]);
    expect(loadCatalog(undefined, [definitionsFile], undefined).unreadable).toEqual([{ path: definitionsFile, source: 'crds', reason: expect.stringMatching(/^holds no CustomResourceDefinition/) }]);
    expect(loadCatalog(undefined, [emptyFolder], undefined).unreadable).toEqual([{ path: emptyFolder, source: 'crds', reason: expect.stringMatching(/^holds no CustomResourceDefinition/) }]);
  });

  test('a file that does not parse beside CRDs that do: the CRDs are read, the file is named', () => {
    const folder = path.join(root, 'mixed');
    fs.mkdirSync(folder);
    fs.copyFileSync(crdFile, path.join(folder, 'widget.yaml'));
    const broken = write('mixed/broken.yaml', 'kind: [broken\n');
    const catalog = loadCatalog(undefined, [folder], undefined);
    expect(catalog.entries.has('example.com/v1/Widget')).toBe(true);
    expect(catalog.unreadable).toEqual([{ path: broken, source: 'crds', reason: expect.stringMatching(/^does not parse as YAML \(/) }]);
  });

  test('one file read as core definitions and as CRDs through one cache keeps the kinds of each role apart', () => {
    const cache = cacheAt(path.join(root, 'cache'));
    expect(loadCatalog(definitionsFile, [], cache).entries.has('v1/ConfigMap')).toBe(true);
    // The same file, now given as a CRD path: the core kinds remembered for it are no CRDs.
    const asCrds = loadCatalog(undefined, [definitionsFile], cache);
    expect(asCrds.entries.size).toBe(0);
    expect(asCrds.unreadable.map((u) => u.source)).toEqual(['crds']);
    expect(loadCatalog(crdFile, [], cache).core).toBeUndefined();
  });
});

describe('problems of the paths the environment names', () => {
  restoreEnvironmentAfterEach(['HOMELAB_K8S_SCHEMA', 'HOMELAB_CRDS_DIR']);

  test('each names its variable, the path and what is wrong; paths the package chose are left out', () => {
    process.env.HOMELAB_K8S_SCHEMA = crdFile;
    process.env.HOMELAB_CRDS_DIR = root;
    const problems = namedSourceProblems([
      { path: crdFile, source: 'core', reason: 'holds no Kubernetes OpenAPI definitions' },
      { path: path.join(root, 'mixed', 'broken.yaml'), source: 'crds', reason: 'does not parse as YAML (bad)' },
      { path: '/elsewhere/crds', source: 'crds', reason: 'holds no CustomResourceDefinition' },
    ]);
    expect(problems).toEqual([
      { variable: 'HOMELAB_K8S_SCHEMA', message: `HOMELAB_K8S_SCHEMA names ${crdFile}, which holds no Kubernetes OpenAPI definitions, so no object was checked against the Kubernetes core schema`, hint: expect.stringMatching(/_definitions\.json/) },
      { variable: 'HOMELAB_CRDS_DIR', message: `mixed/broken.yaml in HOMELAB_CRDS_DIR (${root}) does not parse as YAML (bad), so the CRDs it may hold were not read`, hint: 'mend mixed/broken.yaml or move it out of the folder' },
    ]);
  });
});

// The validator reads its paths once per process: the whole path is run in a child process, as a user runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (name: string, source: string) => string };
const ENTRY = `
import { benchFleet } from './bench/fleet';
import { exitAfterSynth, runSynthCli } from './constructs/synth/cli';

exitAfterSynth(runSynthCli(() => benchFleet(12), { outdir: process.argv[2], argv: ['--quiet'] }));
`;

test('synth with HOMELAB_K8S_SCHEMA naming a CRD file fails with that error, not a TypeError on a construct', () => {
  const entry = bundle('test-schema-paths', ENTRY);
  const outdir = path.join(root, 'out');
  const child = spawnSync(process.execPath, [entry, outdir], {
    encoding: 'utf8',
    env: { ...process.env, HOMELAB_SYNTH_THREADS: '0', HOMELAB_SCHEMA_CACHE: 'off', HOMELAB_K8S_SCHEMA: crdFile, HOMELAB_CRDS_DIR: path.join(root, 'crds') },
  });
  expect(child.status).toBe(1);
  expect(child.stderr).toContain(`HOMELAB_K8S_SCHEMA: HOMELAB_K8S_SCHEMA names ${crdFile}, which holds no Kubernetes OpenAPI definitions`);
  expect(child.stderr).not.toContain('Cannot read properties');
  expect(fs.existsSync(outdir)).toBe(false);
});
