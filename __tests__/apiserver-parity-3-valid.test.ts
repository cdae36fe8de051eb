import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { goodContainer, goodDeployment, labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// Pod fields the API server takes, which the checks of its own validation must not refuse.

function errorsOf(pod: Record<string, unknown>, container: Record<string, unknown> = {}) {
  const app = new CdkApp();
  raw(labCluster(app), 'w', goodDeployment('web', { containers: [goodContainer(container)], ...pod }));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.severity === 'error');
}

test('downwardAPI files reading resources of a named container, and pod fields, are accepted', () => {
  expect(errorsOf({
    volumes: [
      { name: 'info', downwardAPI: { items: [{ path: 'mem', resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } }, { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'all', projected: { sources: [{ downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName: 'web', resource: 'requests.cpu', divisor: '1m' } }] } }] } },
    ],
  }, {
    volumeMounts: [{ name: 'info', mountPath: '/etc/podinfo' }, { name: 'all', mountPath: '/etc/all' }],
    env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }, { name: 'CPU', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'requests.cpu' } } }],
  })).toEqual([]);
});

test('fully qualified DNS search domains, and distinct sysctls, are accepted', () => {
  expect(errorsOf({
    dnsConfig: { searches: ['lab.example.com.', 'svc.cluster.local', 'home'] },
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 1000' }, { name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }] },
  })).toEqual([]);
});

test('an ephemeral volume attached as a block device is accepted', () => {
  expect(errorsOf({
    volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } } } }],
  }, { volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvdb' }] })).toEqual([]);
});
