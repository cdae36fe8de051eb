import { App as CdkApp } from 'cdk8s';
import { App, synthesize } from '../constructs';
import { unreachableEgressNotes } from '../constructs/app/network';
import { labCluster } from './bad-input/lab';

// A pod's loopback traffic never leaves the pod, so no NetworkPolicy sees it: an egress entry for it
// allows nothing and is a warning with a hint, not an error (the app still works).

test.each(['127.0.0.1/32', '127.0.0.0/8', '::1/128'])('egress to %s is noted as loopback', (cidr) => {
  expect(unreachableEgressNotes([{ cidr }], 'egress', false)).toEqual([expect.objectContaining({ field: 'egress[0].cidr', hint: expect.stringMatching(/drop it/) })]);
});

test.each(['0.0.0.0/0', '10.0.0.0/8', '::/0', '126.0.0.0/7'])('egress to %s is not noted', (cidr) => {
  expect(unreachableEgressNotes([{ cidr }], 'egress', false)).toEqual([]);
});

test('an app with egress to 127.0.0.1/32 synthesizes with a warning on the entry', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], egress: [{ cidr: '127.0.0.1/32' }] });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(result.findings.find((f) => f.field === 'egress[0].cidr')).toMatchObject({ severity: 'warning', layer: 'props', constructPath: expect.stringMatching(/web$/) });
});

test.each(['224.0.0.251/32', '239.255.255.250/32', '224.0.0.0/4', 'ff02::fb/128', 'fe80::/10', 'fe80::1c2:3/128'])('egress to the multicast or link-local %s of a pod on the pod network is an error', (cidr) => {
  expect(unreachableEgressNotes([{ cidr }], 'egress', false)).toEqual([expect.objectContaining({ severity: 'error', field: 'egress[0].cidr', hint: expect.stringMatching(/hostNetwork/) })]);
});

test('egress to the multicast 224.0.0.251/32 of a pod on the host network is the one error of an address no policy enforces there', () => {
  expect(unreachableEgressNotes([{ cidr: '224.0.0.251/32' }], 'egress', true)).toEqual([expect.objectContaining({ severity: 'error', field: 'egress[0].cidr', message: expect.stringMatching(/never enforced/) })]);
});

test.each([
  ['a network that takes in multicast and more', '0.0.0.0/0', false],
  ['the address just below the multicast range', '223.255.255.255/32', false],
  ['a unique local IPv6 network', 'fd00::/8', false],
  ['the IPv6 network just above link-local', 'fec0::/10', false],
])('egress to %s is not noted', (_name, cidr, hostNetwork) => {
  expect(unreachableEgressNotes([{ cidr }], 'egress', hostNetwork)).toEqual([]);
});
