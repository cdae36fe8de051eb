import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import * as homelab from '../constructs';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// Longhorn on Talos: its pods call iscsiadm and util-linux' tools on the node and keep replicas in a folder of it,
// which a Talos node has only from system extensions and a kubelet mount. A Longhorn release puts both in the
// cluster's Talos steps; a cluster without one gets neither.

const LONGHORN = { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.7.2' };

/** The cluster README of a Talos lab, with a Longhorn release of `values` where given. */
function readme(values?: Record<string, unknown>): string {
  const define = (scope: Construct) => {
    const cluster = labCluster(scope as CdkApp, 'main', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false })] });
    if (values !== undefined) {
      new homelab.ChartRelease(cluster, 'longhorn', {
        namespace: 'longhorn-system', chart: LONGHORN, values, network: { noNetworkPolicy: 'its managers and instance managers talk on ports they choose' },
      } as never);
    }
  };
  const files = synthInMemory(define).files;
  return [...files].find(([file]) => file.endsWith('main/README.md'))?.[1] ?? '';
}

test("a Longhorn release puts iSCSI's and util-linux' extensions in the image and mounts its data folder for the kubelet", () => {
  const text = readme({});
  expect(text).toContain('"officialExtensions":["siderolabs/iscsi-tools","siderolabs/util-linux-tools"]');
  expect(text).toContain('{"destination":"/var/lib/longhorn","type":"bind","source":"/var/lib/longhorn","options":["bind","rshared","rw"]}');
});

test('a data folder of its own is the one mounted', () => {
  expect(readme({ defaultSettings: { defaultDataPath: '/var/mnt/longhorn' } })).toContain('"source":"/var/mnt/longhorn"');
});

test('without a Longhorn release, neither', () => {
  expect(readme()).not.toMatch(/iscsi-tools|\/var\/lib\/longhorn/);
});
