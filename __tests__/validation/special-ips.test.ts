import { externalIpProblem } from '../../constructs/validation/special-ips';

// The API server's rule for Service externalIPs: one IP address, not unspecified, loopback or link-local.

test.each(['10.0.8.20', '192.168.1.240', '8.8.8.8', '224.0.1.1', '2001:db8::1', 'fd00::10', '::ffff:10.0.0.1'])('%s is taken', (address) => {
  expect(externalIpProblem(address)).toBeUndefined();
});

test.each([
  ['nas.lab', /is not an IP address/],
  ['10.0.8.0/24', /block of addresses/],
  ['0.0.0.0', /unspecified/],
  ['::', /unspecified/],
  ['127.0.0.53', /loopback/],
  ['::1', /loopback/],
  ['::ffff:127.0.0.1', /loopback/],
  ['169.254.169.254', /link-local range/],
  ['fe80::1', /link-local range/],
  ['febf::1', /link-local range/],
  ['224.0.0.251', /link-local multicast/],
  ['ff02::fb', /link-local multicast/],
])('%s is refused', (address, message) => {
  expect(externalIpProblem(address)).toMatch(message);
});
