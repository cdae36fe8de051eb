import { SecretReference } from '../constructs';
import { shownFindings } from './support/lab-output';
import { vpnDownloadsLab } from './support/vpn-downloads-lab';

// The download stack behind a VPN, written from the README (see support/vpn-downloads-lab): its correct forms meet
// no finding: the cluster's ranges in gluetun's FIREWALL_OUTBOUND_SUBNETS, its forwarded port with ProtonVPN, the
// tunnel's UDP in the egress list, Transmission's whitelists.

describe('a download stack behind gluetun, Transmission beside it', () => {
  test('synthesizes clean: gluetun lets the cluster out, Transmission admits the pod range and the route host', () => {
    expect(shownFindings((scope) => vpnDownloadsLab(scope))).toEqual([]);
  });

  test('a wider FIREWALL_OUTBOUND_SUBNETS (the LAN and all of 10.0.0.0/8) and Transmission whitelists turned off are correct too', () => {
    expect(shownFindings((scope) => vpnDownloadsLab(scope, {
      gluetunEnv: { FIREWALL_OUTBOUND_SUBNETS: '192.168.60.0/24,10.0.0.0/8' }, transmissionEnv: { WHITELIST: '', HOST_WHITELIST: '' },
    }))).toEqual([]);
  });

  test("ProtonVPN's forwarded port, and the tunnel let out to its server's address on every port, are correct too", () => {
    expect(shownFindings((scope) => vpnDownloadsLab(scope, {
      gluetunEnv: { VPN_PORT_FORWARDING: 'on' }, prowlarrInternet: { cidr: '185.159.157.10/32' },
    }))).toEqual([]);
  });

  test('FIREWALL_OUTBOUND_SUBNETS of the Service range alone is a warning on K3s, whose kube-proxy translates a Service address on the node', () => {
    expect(shownFindings((scope) => vpnDownloadsLab(scope, { gluetunEnv: { FIREWALL_OUTBOUND_SUBNETS: '10.43.0.0/16' } })))
      .toEqual(['warning main/prowlarr sidecars[0].env.FIREWALL_OUTBOUND_SUBNETS']);
  });

  test("a HOST_WHITELIST that leaves the route's host out is left alone where USER and PASS turn on authentication", () => {
    expect(shownFindings((scope) => vpnDownloadsLab(scope, {
      transmissionEnv: { HOST_WHITELIST: 'transmission.local', USER: 'jdoe', PASS: SecretReference.external('downloads', 'transmission', 'password') },
    }))).toEqual([]);
  });
});
