import * as net from 'net';
import { isCidr, isIpAddress, isIpv4Address } from '../constructs/validation/schema/formats';

// IPv4 addresses are checked without Node's `net` (a lab of IPv4 addresses then never loads it), and must
// be read exactly as `net.isIPv4` and the API server read them: no leading zeros, octets up to 255.

test.each([
  '0.0.0.0', '255.255.255.255', '10.0.0.1', '100.64.0.1', '192.168.8.50',
  '256.1.1.1', '01.2.3.4', '192.168.001.1', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4 ', '1..3.4', '1.2.3.4\n', '1.2.3.-1', 'nas.lab.test',
])('%j is an IPv4 address exactly when net.isIPv4 says so', (value) => {
  expect(isIpv4Address(value)).toBe(net.isIPv4(value));
});

test('every dotted quad of numbers up to 299 agrees with net.isIPv4', () => {
  const disagreements: string[] = [];
  for (let octet = 0; octet < 300; octet++) {
    for (const value of [`${octet}.0.0.1`, `10.${octet}.0.1`, `10.0.${octet}.1`, `10.0.0.${octet}`, `10.0.0.0${octet}`]) {
      if (isIpv4Address(value) !== net.isIPv4(value)) {
        disagreements.push(value);
      }
    }
  }
  expect(disagreements).toEqual([]);
});

test('CIDRs and addresses of both families still parse', () => {
  expect(isCidr('10.0.0.0/8')).toBe(true);
  expect(isCidr('10.0.0.0/33')).toBe(false);
  expect(isCidr('fd00:64::/64')).toBe(true);
  expect(isIpAddress('fd00::1')).toBe(true);
  expect(isIpAddress('300.0.0.1')).toBe(false);
});
