import { externalHost, host, site } from '../constructs';

// Seed 003: a Talos cluster on two recycled HP EliteDesk G2 desktops, with a separate Debian NFS server for
// the large ReadWriteMany media volume, reconciled by Flux with SOPS/age secrets. Facts only;
// charts/elitedesk/ decides what runs where.
//
// The seed leaves some facts out. Each such value below is a plausible stand-in marked `ownerMustSet`
// and "owner must set"; charts/elitedesk/README.md lists them.

/** A fact the seed does not give: a plausible value that the owner must replace with the real one. */
function ownerMustSet<T>(value: T): T {
  return value;
}

// Node 1 is the first control-plane node: `talosctl bootstrap --nodes 10.0.0.11`. With two nodes and 8 GB
// each, it runs workloads too.
export const elitedesk1 = host(ownerMustSet('elitedesk-1'), { // owner must set: the node name
  arch: 'amd64',
  roles: ['control-plane', 'worker'],
  address: '10.0.0.11',
  model: 'HP EliteDesk G2',
  cpuModel: 'Intel Core i7-6700',
  cores: 4,
  memoryGigabytes: 8,
  disks: [{ media: 'hdd', sizeGigabytes: 512 }],
});

export const elitedesk2 = host(ownerMustSet('elitedesk-2'), { // owner must set: the node name
  arch: 'amd64',
  roles: ['worker'],
  address: ownerMustSet('10.0.0.12'), // owner must set: the second node's address
  model: 'HP EliteDesk G2',
  cpuModel: 'Intel Core i7-6700',
  cores: 4,
  memoryGigabytes: 8,
  disks: [{ media: 'ssd', sizeGigabytes: 128 }],
});

// Not a Kubernetes node: Debian with an NFS export, the cluster's RWX storage.
export const nfsServer = externalHost('nfs', {
  address: ownerMustSet('10.0.0.20'), // owner must set: the NFS server's address
  os: 'Debian',
  hardware: { model: 'HP 280 G1 MT', cpuModel: 'Intel Core i3-4160', cores: 2, memoryGigabytes: 12, disks: [{ media: 'ssd', sizeGigabytes: 1000 }] },
  ports: { nfs: 2049 },
});

// The Eaton 5E UPS powers the lab; NUT integration is planned and nothing in the cluster uses it yet.

export const elitedesk = site('elitedesk', {
  domain: ownerMustSet('homelab.example.com'), // owner must set: the domain (a Cloudflare zone)
  hosts: [elitedesk1, elitedesk2],
  externalHosts: { nfs: nfsServer },
  pools: {
    // MetalLB hands these out on the nodes' network; the first is ingress-nginx's.
    lb: { first: ownerMustSet('10.0.0.200'), last: ownerMustSet('10.0.0.220') }, // owner must set: the LB range
  },
  nfs: {
    media: { server: nfsServer.address, path: ownerMustSet('/srv/nfs/kubernetes') }, // owner must set: the export path
  },
  git: { url: ownerMustSet('ssh://git@github.com/elitedesk-lab/home-server.git'), branch: 'main' }, // owner must set: the repository
});

/** Contact address of the ACME account (certificate expiry notices). */
export const acmeEmail = ownerMustSet('admin@homelab.example.com'); // owner must set: the ACME contact
