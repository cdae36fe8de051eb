import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  App, buildFleet, ClusterChart, ClusterDefinition, FleetDefinition, Finding, flux, host, localPathStorage, site, synthesizeFleet, traefik,
} from '../../constructs';
import { StagedOutput } from '../../constructs/synth/write';
import { formatFinding } from '../../constructs/validation/finding';
import { readTree } from '../support/synth';

// What a fleet must never do to the output folder: lose a cluster to another of its folder, empty it for
// a fleet without clusters, or leave it half-written when the commit fails.
// The module object itself, whose functions a test can replace (`import * as` gives read-only bindings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsModule = require('fs') as typeof fs;

/** Makes the `failing`-th rename into the test folder from now on fail as a full disk would; returns how to stop. */
function failRename(failing: number): () => void {
  const rename = fsModule.renameSync;
  let calls = 0;
  const spy = jest.spyOn(fsModule, 'renameSync').mockImplementation((from, to) => {
    // Only the renames of the output: the validation cache renames its own files as it stores them.
    if (String(to).startsWith(base) && ++calls === failing) {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }
    rename(from, to);
  });
  return () => spy.mockRestore();
}

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fleet-safety-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
let counter = 0;

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const pi = host('pi', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.1.11' });
const lab = site('lab', { domain: 'lab.example.com', hosts: [nuc, pi], git: { url: 'https://git.example.com/me/lab.git' } });

/** A cluster of `siteOf` with one app; `built` counts the builds. */
function cluster(folder: string, nodes = [nuc], siteOf = lab, built: string[] = []): ClusterDefinition {
  return {
    folder, source: 'fleet-safety.ts',
    build: (scope) => {
      built.push(folder);
      const chart = new ClusterChart(scope, folder.split('/')[1], {
        site: siteOf, hosts: nodes, routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
      return chart;
    },
  };
}

/** An output folder written by a good fleet of two clusters, and its bytes. */
function writtenOutdir(): { outdir: string; before: Map<string, string> } {
  const outdir = path.join(base, `run-${counter++}`, 'dist');
  const result = synthesizeFleet(new CdkApp(), { clusters: [cluster('lab/a'), cluster('lab/b', [pi])] }, { outdir });
  expect(result.written).toBe(true);
  return { outdir, before: readTree(outdir, 'base64') };
}

/** Synthesizes `fleet` over a written output folder: it must fail with exactly `expected`, and leave the folder as it was. */
function refused(fleet: FleetDefinition, expected: Partial<Finding>): Finding {
  const { outdir, before } = writtenOutdir();
  const result = synthesizeFleet(new CdkApp(), fleet, { outdir });
  const errors = result.findings.filter((f) => f.severity === 'error');
  expect(errors).toEqual([expect.objectContaining(expected)]);
  expect(errors[0].hint).toBeTruthy();
  expect(result.written).toBe(false);
  expect(readTree(outdir, 'base64')).toEqual(before);
  expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  return errors[0];
}

describe('a fleet that lists its clusters wrongly is refused before anything is built or written', () => {
  test('two definitions of one folder: one error naming the second, and no cluster is built', () => {
    const built: string[] = [];
    const finding = refused({ clusters: [cluster('lab/a', [nuc], lab, built), cluster('lab/a', [pi], lab, built)] },
      { layer: 'props', constructPath: '(app)', field: 'clusters[1].folder' });
    expect(finding.message).toContain('"lab/a"');
    expect(built).toEqual([]);
  });

  test('a fleet without clusters does not empty the output folder', () => {
    refused({ clusters: [] }, { layer: 'props', constructPath: '(app)', field: 'clusters' });
  });

  test('a folder without a site name', () => {
    refused({ clusters: [cluster('lab/a'), { ...cluster('lab/b'), folder: '' }] }, { constructPath: '(app)', field: 'clusters[1].folder' });
  });

  test('a build that returns no ClusterChart', () => {
    const finding = refused({ clusters: [{ ...cluster('lab/a'), build: (() => undefined) as unknown as ClusterDefinition['build'] }] },
      { constructPath: '(app)', field: 'clusters[0].build' });
    expect(finding.message).toContain('returned undefined');
  });

  test('a definition without a build function', () => {
    refused({ clusters: [{ folder: 'lab/a', source: 'x.ts' } as unknown as ClusterDefinition] }, { field: 'clusters[0].build' });
  });
});

describe('clusters that cannot be told apart', () => {
  test('two different sites of one name: one error on the site, not on their hosts', () => {
    const twinNuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const twin = site('lab', { domain: 'lab2.example.com', hosts: [twinNuc], git: { url: 'https://git.example.com/me/lab.git' } });
    refused({ clusters: [cluster('lab/a'), cluster('lab/c', [twinNuc], twin)] },
      { layer: 'inventory', constructPath: 'inventory/site/lab', field: 'name' });
  });

  test('a cluster chart built inside another cluster is refused, not merged into it', () => {
    const nested: ClusterDefinition = {
      ...cluster('lab/a'),
      build: (scope: Construct) => {
        const outer = cluster('lab/a').build(scope, () => { throw new Error('no needs'); });
        new ClusterChart(outer, 'b', { site: lab, hosts: [pi], routes: traefik({ nodePorts: true }), gitops: flux() });
        return outer;
      },
    };
    refused({ clusters: [nested] }, { layer: 'props', constructPath: 'lab/a/b', field: 'scope' });
  });
});

describe('the staged output never leaves the output folder half-written', () => {
  const write = (entries: Record<string, string>) => new Map(Object.entries(entries));

  test('a version that writes one file twice, or a file where a folder goes, is refused while staged', () => {
    const outdir = path.join(base, `staged-${counter++}`, 'dist');
    const twice = new StagedOutput(outdir);
    twice.write(write({ 'lab/a/x.yaml': '1' }));
    expect(() => twice.write(write({ 'lab/a/x.yaml': '2' }))).toThrow(/twice/);
    twice.discard();
    const clash = new StagedOutput(outdir);
    clash.write(write({ 'lab/a': 'a file' }));
    expect(() => clash.write(write({ 'lab/a/x.yaml': '1' }))).toThrow(/as a file and as the folder/);
    clash.discard();
    const reverse = new StagedOutput(outdir);
    reverse.write(write({ 'lab/a/x.yaml': '1' }));
    expect(() => reverse.write(write({ 'lab/a': 'a file' }))).toThrow(/where files of the version go/);
    reverse.discard();
  });

  // The commit renames: a/changed.yaml, the file b aside, b/new.yaml, the folder c/d aside, c/d, n/m/new.yaml, stale/x.yaml aside.
  test.each([1, 2, 3, 4, 5, 6, 7])('a commit whose rename %i fails puts every file and folder back', (failing) => {
    const outdir = path.join(base, `commit-${counter++}`, 'dist');
    const first = new StagedOutput(outdir);
    first.write(write({ 'a/changed.yaml': 'old', 'a/kept.yaml': 'same', 'stale/x.yaml': 'gone', 'b': 'a file where a folder goes', 'c/d/e.yaml': 'folder where a file goes' }));
    first.commit();
    const before = readTree(outdir, 'base64');
    const next = new StagedOutput(outdir);
    next.write(write({ 'a/changed.yaml': 'new', 'a/kept.yaml': 'same', 'b/new.yaml': 'new', 'c/d': 'a file now', 'n/m/new.yaml': 'new' }));
    const restore = failRename(failing);
    try {
      expect(() => next.commit()).toThrow(/ENOSPC/);
    } finally {
      restore();
    }
    expect(readTree(outdir, 'base64')).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  test('a fleet whose commit fails reports it as a finding, and the output folder is as it was', () => {
    const { outdir, before } = writtenOutdir();
    const restore = failRename(2);
    let result;
    try {
      const changed = cluster('lab/b', [pi]);
      result = synthesizeFleet(new CdkApp(), { clusters: [cluster('lab/a'), { ...changed, build: (s, n) => {
        const chart = changed.build(s, n);
        new App(chart, 'more', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
        return chart;
      } }] }, { outdir });
    } finally {
      restore();
    }
    expect(result.written).toBe(false);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ constructPath: '(app)', field: 'outdir' })]);
    expect(readTree(outdir, 'base64')).toEqual(before);
  });
});

describe('printed findings', () => {
  test('line breaks in a message or hint continue on indented lines, never as a line of their own', () => {
    const text = formatFinding({
      layer: 'props', severity: 'error', constructPath: 'lab/a', field: 'props',
      message: 'line1\nERROR [fake] main spoof: injected\r\nline3\rline4', hint: 'first\nWARNING [x] y',
    });
    const lines = text.split('\n');
    expect(lines.filter((line) => /^(ERROR|WARNING)/.test(line))).toEqual(['ERROR [props] lab/a props: line1']);
    expect(lines.slice(1).every((line) => line.startsWith('      '))).toBe(true);
    expect(text).not.toMatch(/\r/);
  });
});

describe('buildFleet refuses what a fleet returned to synthesis is refused for', () => {
  /** The InputError buildFleet throws for `fleet`, as `{ field, message }`. */
  const thrown = (fleet: FleetDefinition): { field?: string; message?: string; hint?: string } => {
    try {
      buildFleet(new CdkApp(), fleet);
    } catch (error) {
      return error as { field: string; message: string; hint: string };
    }
    return {};
  };

  test('two definitions of one folder, which would build the second in place of the first', () => {
    expect(thrown({ clusters: [cluster('lab/a'), cluster('lab/a', [pi])] })).toMatchObject({ field: 'clusters[1].folder' });
  });

  test('a definition without its source module', () => {
    expect(thrown({ clusters: [{ ...cluster('lab/a'), source: undefined as unknown as string }] }))
      .toMatchObject({ field: 'clusters[0].source', hint: expect.stringContaining("source: 'charts/lab/a.ts'") });
  });
});

test('synthesizeFleet refuses a definition without its source module', () => {
  refused({ clusters: [{ ...cluster('lab/a'), source: '' }] }, { constructPath: '(app)', field: 'clusters[0].source' });
});
