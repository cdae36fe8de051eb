import { App as CdkApp } from 'cdk8s';
import { HomelabApp, synthesize } from '../constructs';
import type { AddressPeer } from '../constructs';
import { labCluster } from './bad-input/lab';

// A VPN sidecar's endpoint listed in egress by its WireGuard port, opened for TCP (the default): WireGuard
// speaks UDP, so the policy lets none of its packets out and the tunnel never comes up.

function notesOf(egress: AddressPeer[]) {
  const app = new CdkApp();
  new HomelabApp(labCluster(app), 'qbittorrent', { namespace: 'torrent', image: 'ghcr.io/home-operations/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }], egress });
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && /speaks UDP/.test(f.message));
}

test("WireGuard's 51820 opened for TCP, by default or written, is a warning on the port", () => {
  const found = notesOf([{ cidr: '185.65.134.10/32', ports: [{ port: 8443 }, { port: 51820 }] }, { cidr: '185.65.135.10/32', ports: [{ port: 51820, protocol: 'TCP' }] }]);
  expect(found.map((f) => [f.field, f.hint])).toEqual([
    ['egress[0].ports[1]', "open it for UDP: { port: 51820, protocol: 'UDP' }"],
    ['egress[1].ports[0]', "open it for UDP: { port: 51820, protocol: 'UDP' }"],
  ]);
});

test('the port opened for UDP passes', () => {
  expect(notesOf([{ cidr: '185.65.134.10/32', ports: [{ port: 51820, protocol: 'UDP' }] }])).toEqual([]);
});
