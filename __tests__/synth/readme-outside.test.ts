import { externalHost, placeholder } from '../../constructs';
import { outsideMachinesSection } from '../../constructs/synth/readme-outside';

const cell = (text: string) => text.replace(/\|/g, '\\|');

test('a machine outside the cluster is listed with its facts, and a stand-in value says it is one', () => {
  const nas = externalHost('nas', {
    address: placeholder('192.168.1.30', { fact: 'NAS address', owner: 'set to the NAS address' }),
    dnsName: 'nas.lab.example.com', ports: { nfs: 2049 }, os: 'TrueNAS',
  });
  const ca = externalHost('ca', { address: '192.168.1.31', dnsName: placeholder('ca.lab.example.com', { fact: 'CA name', owner: 'set to the CA name' }), ports: { https: 443 } });
  expect(outsideMachinesSection([nas, ca], cell)).toEqual([
    '## Machines outside the cluster', '',
    '| machine | address | DNS name | ports | OS and hardware |', '|---|---|---|---|---|',
    '| nas | 192.168.1.30 (placeholder) | nas.lab.example.com | nfs 2049 | TrueNAS |',
    '| ca | 192.168.1.31 | ca.lab.example.com (placeholder) | https 443 |  |',
    '',
  ]);
});

test('a site without machines outside its clusters gets no section', () => {
  expect(outsideMachinesSection([], cell)).toEqual([]);
});
