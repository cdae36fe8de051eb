import { externalHost, factValue, host, JELLYFIN_DEFAULT_VERSION, NodeRole, placeholder, site } from '../constructs';

// The elitedesk lab: a Talos cluster on two recycled HP EliteDesk G2 desktops, with a separate Debian NFS server for
// the large ReadWriteMany media volume, reconciled by Flux with SOPS/age secrets. Facts only;
// charts/elitedesk/ decides what runs where.
//
// The design leaves some facts out (node names and roles, the second node's address, the NFS server's address
// and export, the LB range, the domain, the Git repository, the apps' releases). Each is a typed placeholder
// with a plausible stand-in; synth lists them, and so does the cluster's README.

// The design's machine configs are "control plane + workers" and it bootstraps the first node; it does not
// say whether that node runs workloads, nor what the second node is.
const FIRST_NODE_ROLES = {
  'control plane and workloads': ['control-plane', 'worker'],
  'control plane only': ['control-plane'],
} as const satisfies Record<string, readonly NodeRole[]>;

/** What the first node runs besides the control plane; the chart's Talos patch follows it. */
export const elitedesk1Use = placeholder<keyof typeof FIRST_NODE_ROLES>('control plane and workloads', {
  fact: 'what the first EliteDesk node runs (control plane and workloads, or control plane only)',
  owner: 'keep it with two 8 GB nodes, or set control plane only to leave every app on the second node',
});

/** The second node's role. */
export const elitedesk2Role = placeholder<NodeRole>('worker', {
  fact: 'role of the second EliteDesk node (worker or control-plane)',
  owner: 'keep worker: a second control-plane node makes etcd two members, which lose quorum when either stops',
});

// The design names the nodes' CPU, the i7-6700: four cores with Hyper-Threading, eight threads, which is what nproc
// counts and the kubelet offers pods (capacity cpu 8), and what `cores` is checked against.
const I7_6700_THREADS = 8;
// The NFS server's i3-4160: two cores with Hyper-Threading, four threads, counted the same way.
const I3_4160_THREADS = 4;

// Node 1 is the first control-plane node: `talosctl bootstrap --nodes 10.0.0.11`.
export const elitedesk1 = host('elitedesk-1', {
  nodeName: placeholder('elitedesk-1', { fact: 'first EliteDesk node name', owner: 'set to the Talos node name of the node at 10.0.0.11' }),
  arch: 'amd64',
  roles: [...FIRST_NODE_ROLES[factValue(elitedesk1Use)]],
  address: '10.0.0.11',
  model: 'HP EliteDesk G2',
  cpuModel: 'Intel Core i7-6700',
  cores: I7_6700_THREADS,
  memoryGigabytes: 8,
  disks: [{ media: 'hdd', sizeGigabytes: 512 }],
});

export const elitedesk2 = host('elitedesk-2', {
  nodeName: placeholder('elitedesk-2', { fact: 'second EliteDesk node name', owner: 'set to the Talos node name of the second node' }),
  arch: 'amd64',
  roles: [factValue(elitedesk2Role)],
  address: placeholder('10.0.0.12', { fact: 'second EliteDesk address', owner: 'set to the LAN address of the second node' }),
  model: 'HP EliteDesk G2',
  cpuModel: 'Intel Core i7-6700',
  cores: I7_6700_THREADS,
  memoryGigabytes: 8,
  disks: [{ media: 'ssd', sizeGigabytes: 128 }],
});

// Not a Kubernetes node: Debian with an NFS export, the cluster's RWX storage.
export const nfsServer = externalHost('nfs', {
  address: placeholder('10.0.0.20', { fact: 'NFS server address', owner: 'set to the Debian NFS server\'s LAN address' }),
  os: 'Debian',
  hardware: { model: 'HP 280 G1 MT', cpuModel: 'Intel Core i3-4160', cores: I3_4160_THREADS, memoryGigabytes: 12, disks: [{ media: 'ssd', sizeGigabytes: 1000 }] },
  ports: { nfs: 2049 },
});

/** The lab's power: a UPS that nothing watches yet; the design plans a NUT exporter and graceful shutdown. */
export const ups = { model: 'Eaton 5E', planned: 'a NUT exporter and graceful shutdown' } as const;

export const elitedesk = site('elitedesk', {
  domain: placeholder('homelab.example.com', { fact: 'domain', owner: 'set to the Cloudflare zone the wildcard certificate is for' }),
  hosts: [elitedesk1, elitedesk2],
  externalHosts: { nfs: nfsServer },
  pools: {
    // MetalLB hands these out on the nodes' network; the first is ingress-nginx's.
    lb: {
      first: placeholder('10.0.0.200', { fact: 'first load-balancer address', owner: 'set to the first address of a free range on the nodes\' network' }),
      last: placeholder('10.0.0.220', { fact: 'last load-balancer address', owner: 'set to the last address of that range' }),
    },
  },
  nfs: {
    media: {
      server: nfsServer.address,
      path: placeholder('/srv/nfs/kubernetes', { fact: 'NFS export path', owner: 'set to the path the Debian server exports to the nodes' }),
      // The design's NFS server has one 1 TB SSD, which holds the export (and Debian beside it).
      capacity: '1T',
    },
  },
  git: {
    // The design names no Git host or account: the stand-in's github.com and a user's account pick the
    // bootstrap command's form and its --personal, which the hint says how to change.
    url: placeholder('ssh://git@github.com/elitedesk-lab/home-server.git', {
      fact: 'Git repository',
      owner: 'set to the repository Flux pulls from, which the design does not name: on github.com, Flux\'s GitHub bootstrap takes its owner and name '
        + 'and makes it, when missing, a private repository of a user\'s account (--personal --private=true), though empty: make it and push this repository '
        + 'to it before flux bootstrap (the encrypt step pushes), as the sync bootstrap starts reads flux-system/elitedesk/main/ and dist/ from it; for an organization\'s, set '
        + '`github: { personal: false }` in the flux() of charts/elitedesk/main.ts; on another host, Flux\'s plain Git bootstrap takes its URL',
    }),
    branch: 'main',
  },
});

/**
 * The issuer the wildcard certificate comes from: the design defines a staging and a production issuer and
 * does not say which one the certificate uses.
 */
export const wildcardIssuer = placeholder<'letsencrypt-production' | 'letsencrypt-staging'>('letsencrypt-production', {
  fact: 'issuer of the wildcard certificate (letsencrypt-production or letsencrypt-staging)',
  owner: 'keep letsencrypt-production for a certificate browsers trust; letsencrypt-staging while trying DNS-01 out, as its limits are looser',
});

/**
 * Contact address of the ACME account; the design names none. Let's Encrypt keeps it for its account and
 * mails no expiry notices (it stopped in June 2025): the day-to-day step describes the certificate instead.
 */
export const acmeEmail = placeholder('admin@homelab.example.com', {
  fact: 'ACME contact e-mail',
  owner: 'set to a mailbox you read, the contact of the Let\'s Encrypt account (which mails no expiry notices: describe the wildcard certificate, as the day-to-day step does, to see its renewal)',
});

/**
 * The image of newt, which the design calls a custom, internal app and leaves undescribed: the stand-in
 * is Pangolin's tunnel client of that name, whose settings the committed newt secret carries. Its liveness
 * probe reads the file newt keeps at `HEALTH_FILE` while its tunnel answers, which releases after 1.2.1
 * write (1.2.1 ignores the variable, and the probe would restart it forever).
 */
export const newtImage = placeholder('fosrl/newt:1.4.1', {
  fact: 'image of the internal newt app',
  owner: "set to the app's own image (the stand-in is Pangolin's tunnel client, fosrl/newt, a release that writes HEALTH_FILE, which its liveness probe reads), with its settings in secrets/newt/newt-secret.env",
});

/** Names of the apps the design routes through ingress-nginx, under the domain; it gives none. */
export const routeHosts = {
  jellyfin: placeholder('jellyfin', { fact: "Jellyfin's host name under the domain", owner: 'set to the label clients open Jellyfin at, under the domain the wildcard certificate covers' }),
  podinfo: placeholder('podinfo', { fact: "podinfo's host name under the domain", owner: 'set to the label that checks ingress, DNS and the wildcard certificate, under the domain' }),
};

/** podinfo's image, which the design names as an app without a release. */
export const podinfoImage = placeholder('ghcr.io/stefanprodan/podinfo:6.7.1', {
  fact: 'image of podinfo',
  owner: 'set to the podinfo release your cluster runs, or a newer one',
});

/**
 * Jellyfin's release, which the design does not give; the stand-in is the library's default. Jellyfin
 * upgrades the database in /config on start and cannot read it back with an older release, so a raised
 * release has no way back but a copy taken before it: Jellyfin's release notes ask for a full backup before
 * every upgrade, and 12.0 upgrades only a /config of 10.10.7 or later.
 */
export const jellyfinVersion = placeholder(JELLYFIN_DEFAULT_VERSION, {
  fact: 'Jellyfin release (tag of jellyfin/jellyfin)',
  owner: 'set to the release that wrote the /config you bring, or a newer one its release notes upgrade from (12.0 starts only on a /config of 10.10.7 or later); '
    + 'to raise it once Jellyfin runs, back up its config/ first with the backup step: the new release migrates the databases there when it starts, '
    + 'and only that copy takes Jellyfin back to the older release',
});
