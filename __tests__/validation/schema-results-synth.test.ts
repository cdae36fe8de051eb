/**
 * A library of its own (see library-environment.js): each synth loads the library afresh, in
 * `jest.isolateModules`, to count what its in-memory schema cache does.
 *
 * @jest-environment-options {"ownLibrary": true}
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Construct } from 'constructs';
import type { Finding } from '../../constructs/validation/finding';

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'schemas');
const HAS_SCHEMAS = existsSync(join(SHARED, 'k8s', 'v1.30.0', '_definitions.json')) && existsSync(join(SHARED, 'crds'));
if (!HAS_SCHEMAS) console.log('skipping the synth run of the schema result cache: ../shared/schemas not found');

/* eslint-disable @typescript-eslint/no-require-imports */

/** The real sites plus objects the schema layer rejects (structurally and by a CEL rule); modules of the current registry. */
function sitesWithMistakes(scope: Construct): void {
  const { ApiObject } = require('cdk8s') as typeof import('cdk8s');
  const { ClusterChart } = require('../../constructs') as typeof import('../../constructs');
  (require('../../charts') as typeof import('../../charts')).defineSites(scope);
  const chart = scope.node.findAll().find((c) => c instanceof ClusterChart)!;
  new ApiObject(chart, 'misspelt', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'misspelt', namespace: 'default' }, data: { a: 'b' }, dta: { c: 'd' },
  } as never);
  new ApiObject(chart, 'bad-route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'bad-route', namespace: 'default' },
    spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'no-slash' } }] }] },
  });
}

/** Findings of a synth in a fresh module registry with the schema cache in `cache`, and how many objects were cache hits. */
function synthWith(cache: string): { findings: Finding[]; hits: number; misses: number } {
  const saved = process.env.HOMELAB_SCHEMA_CACHE;
  process.env.HOMELAB_SCHEMA_CACHE = cache;
  try {
    let outcome = { findings: [] as Finding[], hits: 0, misses: 0 };
    jest.isolateModules(() => {
      const { synthInMemory } = require('../support/synth') as typeof import('../support/synth');
      const { SCHEMA_RESULT_STATISTICS } = require('../../constructs/validation/schema/result-cache') as typeof import('../../constructs/validation/schema/result-cache');
      outcome = { findings: synthInMemory(sitesWithMistakes).findings, hits: SCHEMA_RESULT_STATISTICS.hits, misses: SCHEMA_RESULT_STATISTICS.misses };
    });
    return outcome;
  } finally {
    if (saved === undefined) delete process.env.HOMELAB_SCHEMA_CACHE;
    else process.env.HOMELAB_SCHEMA_CACHE = saved;
  }
}

(HAS_SCHEMAS ? test : test.skip)('a synth validated in full and one answered from the schema result cache report the same findings', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'schema-results-synth-'));
  // Compiled validators may come from the project's cache; the results must not.
  const project = join(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-homelab', 'schema');
  if (existsSync(project)) {
    for (const file of readdirSync(project).filter((name) => !name.startsWith('valid-'))) copyFileSync(join(project, file), join(cache, file));
  }
  try {
    const cold = synthWith(cache);
    // Only objects that occur twice in the run (the same Namespace in two clusters) are answered from the cache.
    expect(cold.misses).toBeGreaterThan(300);
    expect(cold.findings.filter((f) => f.layer === 'schema' && f.severity === 'error').map((f) => `${f.name} ${f.field}`)).toEqual(
      expect.arrayContaining(['misspelt ', 'bad-route spec.rules[0].matches[0].path']),
    );
    // The results are written once the run's synchronous work is done.
    await new Promise((resolve) => setImmediate(resolve));
    const warm = synthWith(cache);
    expect(warm.findings).toEqual(cold.findings);
    // Every object but the two broken ones (and the kinds without a schema) is a hit: most through the text of their file.
    expect(warm.misses).toBe(2);
    expect(warm.hits).toBeGreaterThan(300);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}, 120_000);
