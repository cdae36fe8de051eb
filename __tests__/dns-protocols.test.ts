import { App as CdkApp } from 'cdk8s';
import { HomelabApp, synthesize } from '../constructs';
import type { AppPort } from '../constructs';
import { labCluster } from './bad-input/lab';

// DNS clients ask over UDP first: port 53 served over TCP alone answers none of them.

function errorsOf(ports: AppPort[], added?: AppPort) {
  const app = new CdkApp();
  const dns = new HomelabApp(labCluster(app), 'blocky', {
    image: 'spx01/blocky:v0.24', ports: [{ name: 'http', port: 4000 }, ...ports],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
  });
  if (added) {
    dns.addPort(added);
  }
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error').map((f) => f.field);
}

test.each([
  ['53 over TCP and UDP', [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' as const }]],
  ['53 over UDP alone', [{ name: 'dns-udp', port: 53, protocol: 'UDP' as const }, { name: 'dot', port: 853 }]],
  ['5353 over TCP, a port no DNS client asks', [{ name: 'mdns', port: 5353 }]],
])('%s is no error', (_name, ports) => {
  expect(errorsOf(ports)).toEqual([]);
});

test('53 over TCP whose UDP port is added after construction is no error', () => {
  expect(errorsOf([{ name: 'dns-tcp', port: 53 }], { name: 'dns-udp', port: 53, protocol: 'UDP' })).toEqual([]);
});

test('a rootless server on 5353 offered as 53 over TCP alone is one error, on its protocol', () => {
  expect(errorsOf([{ name: 'dns', port: 5353, servicePort: 53 }])).toEqual(['ports[1].protocol']);
});

// WireGuard, Tailscale's direct connections, IPsec and NTP speak UDP alone: a port of theirs for TCP reaches nothing.
test('a WireGuard port declared over UDP is no error', () => {
  expect(errorsOf([{ name: 'wg', port: 51820, protocol: 'UDP' }])).toEqual([]);
});

test('a WireGuard port over TCP beside its UDP twin is no error', () => {
  expect(errorsOf([{ name: 'wg-udp', port: 51820, protocol: 'UDP' }, { name: 'wg-tcp', port: 51820 }])).toEqual([]);
});

test('a WireGuard server on another port offered as 51820 over TCP is one error, on its protocol', () => {
  expect(errorsOf([{ name: 'wg', port: 51821, servicePort: 51820 }])).toEqual(['ports[1].protocol']);
});
