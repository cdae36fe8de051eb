import { App as CdkApp } from 'cdk8s';
import { HomelabApp, synthesize } from '../constructs';
import type { AppProps } from '../constructs';
import { labCluster } from './bad-input/lab';

// A DNS server on the host's network listens on the node's port 53 itself: the node's own
// net.ipv4.ip_unprivileged_port_start holds, which the pod may not set, so the hint must not tell it to.

function findingsOf(props: Partial<AppProps>) {
  const app = new CdkApp();
  new HomelabApp(labCluster(app), 'coredns', {
    image: 'coredns/coredns:1.11.3', ports: [{ name: 'metrics', port: 9153 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    exemptions: { hostNetwork: 'answers DNS on the address of the node' }, ...props,
  } as AppProps);
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath.endsWith('/coredns') && (f.severity === 'error' || f.field.startsWith('ports.')));
}

test("port 53 on the host's network is a warning whose hint gives the capability, not a sysctl the kubelet refuses there", () => {
  const findings = findingsOf({});
  expect(findings.map((f) => `${f.severity} ${f.field}`)).toEqual(['warning ports.dns-udp.port']);
  expect(findings[0].hint).toMatch(/addCapabilities: \{ capabilities: \['NET_BIND_SERVICE'\]/);
  expect(findings[0].hint).not.toMatch(/sysctls:/);
});

test('the capability the hint gives leaves no finding', () => {
  expect(findingsOf({ exemptions: { hostNetwork: 'answers DNS on the address of the node', addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS on 53' } } })).toEqual([]);
});

// Blocky's capability-aware releases start without NET_BIND_SERVICE: on the pod's network, a sysctl that opens
// port 53 to every user is all they need, and no error says otherwise.
test("Blocky on the pod's network with port 53 opened by the pod's sysctl draws no error", () => {
  const app = new CdkApp();
  new HomelabApp(labCluster(app), 'blocky', {
    image: 'spx01/blocky:v0.25', ports: [{ name: 'http', port: 4000 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    sysctls: { 'net.ipv4.ip_unprivileged_port_start': '53' },
  } as AppProps);
  const findings = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath.endsWith('/blocky'));
  expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`)).toEqual([]);
});
