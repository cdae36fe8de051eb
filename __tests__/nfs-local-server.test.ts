import { host, site } from '../constructs';

// A NAS named as a laptop finds it on the home network: the node's mount (or the NFS CSI driver's pod) asks
// no multicast DNS, and the claim waits for a server it never finds.
test('an NFS server named under .local is a warning on its server, whose hint asks for its address', () => {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site('home', { domain: 'lab.example.com', hosts: [nuc], nfs: { media: { server: 'nas.local', path: '/volume1/media' } } });
  expect(home.nfs.media.problems).toEqual([expect.objectContaining({ field: 'server', severity: 'warning', hint: expect.stringMatching(/server's address/) })]);
});

test('an NFS server named in the lab domain or by address is left alone', () => {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site('home', {
    domain: 'lab.example.com', hosts: [nuc],
    nfs: { media: { server: 'nas.lab.example.com', path: '/volume1/media' }, backup: { server: '192.168.1.5', path: '/backup' } },
  });
  expect([...home.nfs.media.problems, ...home.nfs.backup.problems]).toEqual([]);
});
