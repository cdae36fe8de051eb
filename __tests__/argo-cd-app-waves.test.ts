import * as yaml from 'js-yaml';
import type { Construct } from 'constructs';
import { argoCd, flux, HomelabApp } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { appDatabase, oneNodeLab } from './support/lab-sites';
import { aboutTheLab, synthInMemory } from './support/synth';

// An app that depends on another (`wiki.node.addDependency(db)`) is synced after it under Argo CD: its objects come
// in the sync wave past the depth of what it depends on, and Argo CD waits for each wave to be healthy.

/** A wiki on its database and a worker on the wiki, each a dependency, on a one-node lab of `gitops`. */
const lab = (name: string, gitops: ClusterChartProps['gitops']) => (scope: Construct) => {
  const cluster = oneNodeLab(scope, name, '192.168.151', { gitops });
  const db = appDatabase(cluster, 'wiki-db', 'wiki', 'wiki');
  const web = (id: string) => new HomelabApp(cluster, id, { namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }] });
  const wiki = web('wiki');
  wiki.node.addDependency(db);
  web('worker').node.addDependency(wiki);
};

/** The sync wave of each object of the output's apps layer, by `kind name`. */
function wavesOf(define: (scope: Construct) => void): Record<string, string | undefined> {
  const result = synthInMemory(define);
  expect(aboutTheLab(result.findings).filter((f) => f.severity === 'error')).toEqual([]);
  const waves: Record<string, string | undefined> = {};
  for (const [file, text] of result.files) {
    if (!file.includes('/apps/') || !file.endsWith('.yaml')) {
      continue;
    }
    for (const doc of yaml.loadAll(text) as any[]) {
      if (doc?.metadata && doc.kind !== 'Kustomization') {
        waves[`${doc.kind} ${doc.metadata.name}`] = doc.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
      }
    }
  }
  return waves;
}

test('under Argo CD, an app is synced in the wave past the apps it depends on, each of its objects', () => {
  const waves = wavesOf(lab('waves-argo', argoCd()));
  expect([waves['StatefulSet wiki-db'], waves['Service wiki-db']]).toEqual([undefined, undefined]);
  expect([waves['Deployment wiki'], waves['Service wiki'], waves['NetworkPolicy wiki']]).toEqual(['1', '1', '1']);
  expect([waves['Deployment worker'], waves['Service worker']]).toEqual(['2', '2']);
});

test('under Flux, which applies a layer together, the dependencies put no wave on the objects', () => {
  expect(Object.values(wavesOf(lab('waves-flux', flux()))).filter((wave) => wave !== undefined)).toEqual([]);
});
