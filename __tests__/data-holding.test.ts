import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, synthesize } from '../constructs';
import { dataClaimKinds, dataNamespaceOf, holdsData, isDataClaim, isDataNamespace, makesClaims, namespacesHoldingData } from '../constructs/platform/data-holding';
import { labCluster } from './bad-input/lab';

// One decision says which objects and namespaces hold data: the engines' keep marks (on built objects)
// and the day-2 warnings (on the parsed output) agree on it.

const statefulSet = (namespace: string, templates: unknown[] | undefined) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace }, spec: { volumeClaimTemplates: templates },
});

describe('the decision over plain object JSON', () => {
  test('claims and volumes hold data; other kinds and groups do not', () => {
    expect(holdsData({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'a' } })).toBe(true);
    expect(holdsData({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' } })).toBe(true);
    expect(holdsData({ apiVersion: 'example.com/v1', kind: 'PersistentVolumeClaim' })).toBe(false);
    expect(holdsData({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
    expect(holdsData(undefined)).toBe(false);
  });

  test('a StatefulSet makes claims only with claim templates', () => {
    expect(makesClaims(statefulSet('a', [{ metadata: { name: 'data' } }]))).toBe(true);
    expect(makesClaims(statefulSet('a', []))).toBe(false);
    expect(makesClaims(statefulSet('a', undefined))).toBe(false);
  });

  test('the namespaces holding data: those of claims and of StatefulSets with templates, never of a volume', () => {
    expect([...namespacesHoldingData([
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'claims' } },
      statefulSet('templates', [{}]),
      statefulSet('no-templates', []),
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'stateless' } },
      null,
    ])].sort()).toEqual(['claims', 'templates']);
    expect(dataNamespaceOf(statefulSet('no-templates', []))).toBeUndefined();
    expect(isDataNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'claims' } }, new Set(['claims']))).toBe(true);
    expect(isDataNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } }, new Set(['claims']))).toBe(false);
  });
});

type Build = (cluster: ClusterChart) => void;

function run(dir: string, build: Build) {
  const app = new CdkApp();
  build(labCluster(app, 'main'));
  const result = synthesize(app, { outdir: dir });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { result, manifests };
}

const cache = (volume?: boolean): Build => (cluster) => {
  new App(cluster, 'cache', {
    namespace: 'cache', image: 'redis:7.4.0', ports: [{ name: 'redis', port: 6379 }], controller: AppController.statefulSet(),
    ...(volume ? { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } } } : {}),
  });
};

test.each([
  ['without claim templates: its namespace is pruned, and its leaving is no warning', false],
  ['with claim templates: its namespace is kept, and its leaving is a warning', true],
])('a StatefulSet %s', (_, withClaims) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-data-holding-'));
  try {
    const first = run(dir, cache(withClaims as boolean));
    const namespace = first.manifests.find((m) => m.kind === 'Namespace' && m.metadata.name === 'cache');
    expect(namespace.metadata.annotations?.['kustomize.toolkit.fluxcd.io/prune']).toBe(withClaims ? 'disabled' : undefined);
    const second = run(dir, () => undefined);
    const warned = second.result.findings.some((f) => f.kind === 'Namespace' && f.name === 'cache' && f.field === '(removed)');
    expect(warned).toBe(withClaims);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('dataClaimKinds', () => {
  const definition = (group: string, kind: string, claimKind: string) => ({
    apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition',
    spec: { group, names: { kind }, claimNames: { kind: claimKind } },
  });
  const composition = (group: string, kind: string, composed: Record<string, unknown>) => ({
    apiVersion: 'apiextensions.crossplane.io/v1', kind: 'Composition',
    spec: { compositeTypeRef: { apiVersion: `${group}/v1alpha1`, kind }, mode: 'Pipeline', pipeline: [{ step: 'p', input: { resources: [{ name: 'r', base: composed }] } }] },
  });
  const wrapped = (manifest: Record<string, unknown>) => ({ apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', spec: { forProvider: { manifest } } });

  test('a claim kind counts when a Composition of its composite type makes a volume claim, itself or through provider-kubernetes', () => {
    const kinds = dataClaimKinds([
      definition('db.lab.internal', 'XPostgreSQL', 'PostgreSQL'),
      composition('db.lab.internal', 'XPostgreSQL', wrapped({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' })),
      definition('net.lab.internal', 'XRoute', 'Route'),
      composition('net.lab.internal', 'XRoute', wrapped({ apiVersion: 'v1', kind: 'Service' })),
    ]);
    expect([...kinds]).toEqual(['db.lab.internal/PostgreSQL']);
    expect(isDataClaim({ apiVersion: 'db.lab.internal/v1alpha1', kind: 'PostgreSQL' }, kinds)).toBe(true);
    expect(isDataClaim({ apiVersion: 'net.lab.internal/v1alpha1', kind: 'Route' }, kinds)).toBe(false);
    expect(isDataClaim({ apiVersion: 'v1', kind: 'PostgreSQL' }, kinds)).toBe(false);
  });
});
