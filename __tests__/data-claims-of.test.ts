import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, dataClaimsOf } from '../constructs';
import { oneNodeLocalPathCluster } from './support/one-node-lab';
import { synthInMemory } from './support/synth';

// The claims a backup step names: the claims of the output, and the StatefulSets that make theirs from templates.
describe('dataClaimsOf', () => {
  let cluster!: ClusterChart;
  // An app's claims are made as the cluster is synthesized, as the README that names them is.
  synthInMemory((scope: Construct) => {
    cluster = new ClusterChart(scope, 'main', oneNodeLocalPathCluster(true));
    new App(cluster, 'notes', {
      image: 'ghcr.io/example/notes:1.0.0', namespace: 'apps', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    });
    new ApiObject(cluster, 'db', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'apps' },
      spec: { serviceName: 'db', selector: {}, template: {}, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'local-path' } }] },
    });
    new ApiObject(cluster, 'cache', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'cache', namespace: 'apps' }, spec: { serviceName: 'cache', selector: {}, template: {} },
    });
  });

  test('names each claim with its class, and each StatefulSet that makes claims; one without templates holds none', () => {
    expect(dataClaimsOf(cluster)).toEqual([
      { namespace: 'apps', name: 'db', madeByStatefulSet: true, storageClassName: 'local-path' },
      { namespace: 'apps', name: 'notes-data', madeByStatefulSet: false, storageClassName: 'local-path' },
    ]);
  });
});
