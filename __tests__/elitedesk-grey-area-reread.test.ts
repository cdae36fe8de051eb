import type { Construct } from 'constructs';
import { defineElitedesk } from '../charts/elitedesk';
import { defineGreyArea } from '../charts/grey-area';
import { elitedesk1, elitedesk2 } from '../hosts/elitedesk';
import { congenitalOptimist, greyArea, limitingFactor } from '../hosts/grey-area';
import { ClusterChart, flux, host, localPathStorage, nfsStorage, site, traefik } from '../constructs';
import { synthInMemory } from './support/synth';

// The elitedesk and grey-area designs read once more against the synthesized output, for what the earlier
// readings left: facts of the designs that the inventory states otherwise than the library reads them.

const elitedeskReadme = synthInMemory(defineElitedesk).files.get('elitedesk/main/README.md')!;
const greyAreaReadme = synthInMemory(defineGreyArea).files.get('grey-area/main/README.md')!;

describe("elitedesk: the nodes' CPU is the design's i7-6700, counted as the kubelet offers it to pods", () => {
  test('each node has the eight threads of its four Hyper-Threading cores, what nproc prints and `cores` means', () => {
    expect(elitedesk1.cpuModel).toBe('Intel Core i7-6700');
    expect(elitedesk2.cpuModel).toBe('Intel Core i7-6700');
    expect(elitedesk1.cores).toBe(8);
    expect(elitedesk2.cores).toBe(8);
  });

  test("the README's nodes carry that count, the one the pods' requests and limits are checked against", () => {
    expect(elitedeskReadme).toContain('HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 512 GB HDD');
    expect(elitedeskReadme).toContain('HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 128 GB SSD');
  });
});

describe("the NFS export the StorageClass provisions in names the nodes it is exported to, as /etc/exports takes them", () => {
  const exportStep = (readme: string) => readme.split('\n').find((line) => line.includes('with no_root_squash to the nodes'))!;

  test("elitedesk: the design's Debian server exports to the two EliteDesks, which mount it from their own addresses", () => {
    const step = exportStep(elitedeskReadme);
    expect(step).toContain(`export 10.0.0.20:/srv/nfs/kubernetes with no_root_squash to the nodes, ${elitedesk1.address}, ${elitedesk2.address} (`);
    expect(step).toContain('on a Linux NFS server, the line `/srv/nfs/kubernetes 10.0.0.11(rw,sync,no_subtree_check,no_root_squash) '
      + '10.0.0.12(rw,sync,no_subtree_check,no_root_squash)` in /etc/exports, then exportfs -ra');
  });

  test('grey-area: the export of nfs.limiting-factor.tailnet goes to the three nodes by their tailnet addresses', () => {
    const step = exportStep(greyAreaReadme);
    expect(step).toContain('export nfs.limiting-factor.tailnet:/export/kubernetes with no_root_squash to the nodes, '
      + `${[greyArea, congenitalOptimist, limitingFactor].map((h) => h.address).join(', ')} (`);
    expect(step).toContain('`/export/kubernetes 100.64.0.1(rw,sync,no_subtree_check,no_root_squash) 100.64.0.2(rw,sync,no_subtree_check,no_root_squash) '
      + '100.64.0.3(rw,sync,no_subtree_check,no_root_squash)`');
  });

  test('a dual-stack node is exported to by both its addresses, as the driver may mount from either', () => {
    const dualStack = (scope: Construct) => {
      const node = host('ds-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.40.0.11', ipv6Address: 'fd00:40::11' });
      const lab = site('ds-lab', { domain: 'ds.test', hosts: [node], git: { url: 'https://git.ds.test/lab.git' }, nfs: { nas: { server: '10.40.0.5', path: '/export/k8s' } } });
      new ClusterChart(scope, 'main', {
        site: lab, hosts: [node], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.nas) }, gitops: flux(),
      });
    };
    const step = exportStep(synthInMemory(dualStack).files.get('ds-lab/main/README.md')!);
    expect(step).toContain('to the nodes, 10.40.0.11, fd00:40::11 (');
    expect(step).toContain('`/export/k8s 10.40.0.11(rw,sync,no_subtree_check,no_root_squash) fd00:40::11(rw,sync,no_subtree_check,no_root_squash)`');
  });
});
