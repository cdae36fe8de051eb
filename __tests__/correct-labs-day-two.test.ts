import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ClusterChart, host, k3s, k3sManifests, localPathStorage, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';
import { synthInMemory } from './support/synth';
import { kured } from './bad-input/cases-new-user-61';
import { goodDeployment } from './bad-input/lab';

// A K3s lab of three nodes on its second day, written from the README alone: node upgrades by Rancher's
// system-upgrade-controller (installed from its manifests and declared preinstalled), its Plans as K3s' docs write
// them, kured as an App that reboots the nodes at night, and a workload kept on the server by the role label K3s
// writes. Each synthesizes without a finding.

const SERVERS = { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'In', values: ['true'] }] };
const AGENTS = { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] };

/** A Plan of namespace system-upgrade. */
const plan = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'upgrade.cattle.io/v1', kind: 'Plan', metadata: { name, namespace: 'system-upgrade' }, spec });

/**
 * Three K3s nodes, the first `servers` of them servers (one by default, the others agents), the upgrade controller
 * preinstalled; `add` writes the day-two objects, `serverFlags` start the servers.
 */
function dayTwoLab(scope: Construct, add: (cluster: ClusterChart) => void, serverFlags: string[] = [], servers = 1): void {
  const nodes = [1, 2, 3].map((n) => host(`k3s-${n}`, {
    arch: 'amd64', roles: n <= servers ? ['control-plane', 'worker'] : ['worker'], address: `192.168.1.2${n}`, memoryGigabytes: 16,
  }));
  const lab = site('day2', { domain: 'day2.jdoe.dev', hosts: nodes, git: { url: 'https://github.com/jdoe/day2.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes, routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: k3sManifests(),
    preinstalled: [k3s({ disable: ['traefik'], extraServerFlags: serverFlags }), { source: 'system-upgrade-controller', namespaces: ['system-upgrade'], crds: [{ group: 'upgrade.cattle.io', kinds: ['Plan'] }] }],
  });
  add(cluster);
}

describe('a K3s lab on its second day', () => {
  test("K3s' server and agent upgrade Plans, the agents' waiting for the server's, synthesize clean", () => {
    expect(shownFindings((scope) => dayTwoLab(scope, (cluster) => {
      const channel = 'https://update.k3s.io/v1-release/channels/v1.30';
      new ApiObject(cluster, 'server-plan', plan('server-plan', {
        concurrency: 1, cordon: true, serviceAccountName: 'system-upgrade', channel, nodeSelector: SERVERS, upgrade: { image: 'rancher/k3s-upgrade' },
        window: { days: ['sat', 'sun'], startTime: '22:00', endTime: '04:00', timeZone: 'Europe/Berlin' },
      }));
      new ApiObject(cluster, 'agent-plan', plan('agent-plan', {
        concurrency: 1, serviceAccountName: 'system-upgrade', channel, nodeSelector: AGENTS,
        prepare: { image: 'rancher/k3s-upgrade', args: ['prepare', 'server-plan'] },
        drain: { force: true, deleteEmptydirData: true, ignoreDaemonSets: true, timeout: '10m', skipWaitForDeleteTimeout: 60 },
        upgrade: { image: 'rancher/k3s-upgrade' },
      }));
    }))).toEqual([]);
  });

  test('a Plan pinned to a release as kubectl shows it synthesizes clean', () => {
    expect(shownFindings((scope) => dayTwoLab(scope, (cluster) => new ApiObject(cluster, 'server-plan', plan('server-plan', {
      concurrency: 1, cordon: true, serviceAccountName: 'system-upgrade', version: 'v1.30.4+k3s1', nodeSelector: SERVERS, upgrade: { image: 'rancher/k3s-upgrade' },
    }))))).toEqual([]);
  });

  test('kured as an App in its own namespace, taking its lock on its own DaemonSet, synthesizes clean', () => {
    expect(shownFindings((scope) => dayTwoLab(scope, kured()))).toEqual([]);
  });

  test('a server Plan that restarts two of three etcd members at once is a warning on its concurrency', () => {
    expect(shownFindings((scope) => dayTwoLab(scope, (cluster) => new ApiObject(cluster, 'server-plan', plan('server-plan', {
      concurrency: 2, cordon: true, serviceAccountName: 'system-upgrade', version: 'v1.30.4+k3s1', nodeSelector: SERVERS, upgrade: { image: 'rancher/k3s-upgrade' },
    })), [], 3))).toEqual(['warning main/server-plan spec.concurrency']);
  });

  test("etcd snapshots on K3s' own schedule, a cron schedule joined to its flag with '=', synthesize clean and the start command quotes it", () => {
    const flags = ['--etcd-snapshot-schedule-cron=0 */6 * * *', '--etcd-snapshot-retention=10', '--etcd-s3', '--etcd-s3-bucket=k3s-snapshots', '--etcd-s3-config-secret=k3s-etcd-snapshot-s3-config'];
    const define = (scope: Construct) => dayTwoLab(scope, () => undefined, flags);
    expect(shownFindings(define)).toEqual([]);
    const readme = synthInMemory(define).files.get('day2/main/README.md') ?? '';
    expect(readme).toContain("'--etcd-snapshot-schedule-cron=0 */6 * * *' --etcd-snapshot-retention=10");
  });

  test("a workload kept on the server by the role label K3s writes, node-role.kubernetes.io/control-plane: 'true', is placed", () => {
    const findings = shownFindings((scope) => dayTwoLab(scope, (cluster) => {
      cluster.namespaces.ensure('web');
      new ApiObject(cluster, 'web', goodDeployment('web', { nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } }) as any);
    }));
    expect(findings.filter((f) => f.includes('nodeSelector'))).toEqual([]);
  });
});
