import { vlan } from '../../constructs';
import { networksSection } from '../../constructs/synth/readme-network';

const cell = (text: string) => text.replace(/\|/g, '\\|');

test("the site's VLANs are a table in id order, a VLAN without gateway or purpose included", () => {
  const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1', purpose: 'IoT | VMs' });
  const reserved = vlan('reserved', { id: 16, cidr: '192.168.16.0/20' });
  expect(networksSection([iot, reserved], cell)).toEqual([
    '## Networks', '',
    '| VLAN | name | network | gateway | purpose |', '|---|---|---|---|---|',
    '| 16 | reserved | 192.168.16.0/20 | not given |  |',
    '| 64 | iot | 192.168.64.0/20 | 192.168.64.1 | IoT \\| VMs |',
    '',
  ]);
});

test('a site without VLANs has no section', () => {
  expect(networksSection([], cell)).toEqual([]);
});

test('a VLAN whose network the inventory refused is still a row, not a failure of the README', () => {
  const lan = vlan('lan', { id: 10, subnet: '192.168.1.0', netmask: '255.255.255.0' } as any);
  expect(networksSection([lan], cell)).toContain('| 10 | lan |  | not given |  |');
});
