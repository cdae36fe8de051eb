import { App as CdkApp } from 'cdk8s';
import { ClusterChart, host, site, synthesize } from '../constructs';
import { goodDeployment, labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// Objects the API server takes, which the checks of its own validation must not refuse; and a relative
// host path, which it takes too, reported as the hazard it is rather than as an error.

function findingsOf(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings;
}
const errorsOf = (build: (cluster: ClusterChart) => void) => findingsOf(build).filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
const EVENT_TIME = '2026-01-01T00:00:00.000000Z';

test('a relative host path of a pod volume or a PersistentVolume is a warning, not an error', () => {
  const findings = findingsOf((c) => {
    raw(c, 'pod', goodDeployment('web', { volumes: [{ name: 'media', hostPath: { path: 'srv/media' } }] }));
    raw(c, 'pv', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' }, spec: { capacity: { storage: '1Ti' }, accessModes: ['ReadWriteOnce'], hostPath: { path: 'srv/media' } } });
  });
  const onPath = findings.filter((f) => /hostPath\.path$/.test(f.field));
  expect(onPath.map((f) => [f.constructPath, f.field, f.severity])).toEqual([
    ['main/pod', 'spec.template.spec.volumes[0].hostPath.path', 'warning'],
    ['main/pv', 'spec.hostPath.path', 'warning'],
  ]);
  expect(onPath[0].message).toMatch(/relative/);
  expect(onPath[0].hint).toMatch(/\/srv\/media/);
});

test('FQDN endpoints, one LimitRange item per type, distinct RuntimeClass tolerations and Events are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'slice', {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
      addressType: 'FQDN', endpoints: [{ addresses: ['nas.lab.example.'], hostname: 'nas' }, { addresses: ['10.0.0.5'] }], ports: [{ name: 'nfs', port: 2049, protocol: 'TCP' }],
    });
    raw(c, 'endpoints', {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' },
      subsets: [{ addresses: [{ ip: '192.168.1.20', hostname: 'nas', nodeName: 'gpu1.lab.example' }], ports: [{ name: 'nfs', port: 2049 }] }],
    });
    raw(c, 'limits', {
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'web', namespace: 'web' },
      spec: { limits: [{ type: 'Container', max: { cpu: '2' } }, { type: 'Pod', max: { cpu: '4' } }, { type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }] },
    });
    raw(c, 'runtime', {
      apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc',
      scheduling: { tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }, { key: 'sandbox', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, { operator: 'Exists' }] },
    });
    raw(c, 'event', {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.deployed', namespace: 'web' }, eventTime: EVENT_TIME,
      reportingController: 'lab.example.com/deployer', reportingInstance: 'deployer-1', action: 'Deploy', reason: 'Deployed', type: 'Warning',
      regarding: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' }, series: { count: 2, lastObservedTime: EVENT_TIME },
    });
    raw(c, 'node-event', {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'gpu1.rebooted', namespace: 'default' }, eventTime: EVENT_TIME,
      reportingController: 'lab.example.com/watcher', reportingInstance: 'watcher-1', action: 'Reboot', reason: 'Rebooted', type: 'Normal',
      regarding: { apiVersion: 'v1', kind: 'Node', name: 'gpu1' },
    });
    raw(c, 'core-event', {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.deployed', namespace: 'web' }, reason: 'Deployed', message: 'rolled out',
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' },
    });
  })).toEqual([]);
});

test('a pool tagged with a VLAN on a site that declares none is a warning on the tag', () => {
  const tagged = site('tag-lab', {
    domain: 'tag.test', hosts: [host('tag-node', { arch: 'amd64', address: '192.168.1.10' })],
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250', vlan: 8 }, dns: { first: '192.168.1.53', last: '192.168.1.53' } },
  });
  expect(tagged.problems.map((p) => [p.field, p.severity])).toEqual([['pools.vips.vlan', 'warning']]);
  expect(tagged.problems[0].hint).toMatch(/vlan\('vips', \{ id: 8/);
});
