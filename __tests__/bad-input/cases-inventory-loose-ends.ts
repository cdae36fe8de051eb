import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, ClusterChartProps, externalHost, host, k3s, HostProps, metalLb, site, SiteProps, vlan, ZfsPool } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends of the inventory a new user runs into: each mistake is one error, on the fact or prop the
// user wrote (inventory-loose-ends.test.ts counts the errors).

/**
 * A cluster `edge` of a site `id` on VLAN 10 (10.20.0.0/24), with a pool `vips` of it, whose one host
 * `<id>-node` has `node` as extra facts; `extra` adds to the site's facts, `cluster` to the cluster's props, and
 * `build` adds to the cluster.
 */
export function edgeSite(
  id: string, extra: Partial<SiteProps<string, string, string, string>> = {}, node: Partial<HostProps> = {}, build?: (edge: ClusterChart) => void,
  cluster: Partial<ClusterChartProps> = {},
) {
  return guarded((_c: unknown, app: CdkApp) => {
    const machine = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.20.0.5', ...node } as HostProps);
    const lan = vlan(`${id}-lan`, { id: 10, cidr: '10.20.0.0/24', gateway: '10.20.0.1' });
    const written = site(id, { domain: `${id}.test`, hosts: [machine], vlans: { lan }, pools: { vips: { first: '10.20.0.240', last: '10.20.0.250' } }, git: { url: 'https://git.example/lab.git' }, ...extra } as SiteProps<string, string, string, string>);
    const edge = labCluster(app, 'edge', { site: written, hosts: [machine], storage: {}, loadBalancer: metalLb({ pools: Object.values(written.pools) }), ...cluster });
    build?.(edge);
  });
}

/** A site `id` of two hosts that share the name `<id>-a`: the first with an Intel GPU and a ZFS pool `tank`, unless `swapped`. */
export function twinHosts(id: string, swapped = false) {
  return guarded((_c: unknown, app: CdkApp) => {
    const equipped = host(`${id}-a`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.21.0.5', gpus: [{ vendor: 'intel' }], zfsPools: { tank: { media: 'hdd' } } });
    const plain = host(`${id}-a`, { arch: 'amd64', address: '10.21.0.6' });
    const hosts = swapped ? [plain, equipped] : [equipped, plain];
    const written = site(id, { domain: `${id}.test`, hosts, pools: { vips: { first: '10.21.0.240', last: '10.21.0.250' } }, git: { url: 'https://git.example/lab.git' } });
    const edge = labCluster(app, 'edge', { site: written, hosts, loadBalancer: metalLb({ pools: [written.pools.vips] }), storage: { bulk: equipped.zfs.tank } });
    new App(edge, 'jellyfin', {
      image: 'jellyfin/jellyfin:10.9.11', namespace: 'media', ports: [{ name: 'http', port: 8096 }], gpu: { vendor: 'intel' },
      persistence: { media: { volume: AppVolume.claim({ tier: 'bulk', size: '100Gi' }), mountPath: '/media' } },
    });
  });
}

/** A cluster `edge` of a site `id` whose host lists its ZFS pool `tank` by name, and whose storage tier `bulk` is that pool. */
export function zfsListed(id: string) {
  return guarded((_c: unknown, app: CdkApp) => {
    const machine = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.22.0.5', zfsPools: ['tank'] as any });
    const written = site(id, { domain: `${id}.test`, hosts: [machine], pools: { vips: { first: '10.22.0.240', last: '10.22.0.250' } }, git: { url: 'https://git.example/lab.git' } });
    const edge = labCluster(app, 'edge', { site: written, hosts: [machine], loadBalancer: metalLb({ pools: [written.pools.vips] }), storage: { bulk: (machine.zfs as Record<string, ZfsPool>).tank } });
    new App(edge, 'files', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'bulk', size: '1Gi' }), mountPath: '/data' } },
    });
  });
}

export const CASES: BadInput[] = [
  // An untagged pool lies on one of the networks the site declares.
  {
    name: 'a pool outside every VLAN the site declares',
    build: edgeSite('ile-outside', { pools: { vips: { first: '10.99.0.240', last: '10.99.0.250' } } }),
    layer: 'inventory', path: 'inventory/site/ile-outside', field: 'pools.vips', hint: /10\.20\.0\.0\/24/,
  },
  {
    name: 'a pool that starts in the VLAN and runs past its end',
    build: edgeSite('ile-straddle', { pools: { vips: { first: '10.20.0.240', last: '10.20.1.10' } } }),
    layer: 'inventory', path: 'inventory/site/ile-straddle', field: 'pools.vips', hint: /10\.20\.0\.0\/24/,
  },
  // A pool written as MetalLB writes it, whose range reaches the broadcast address: one error, with the range that is right.
  {
    name: 'a pool written as a CIDR block that reaches the broadcast address of its VLAN',
    build: edgeSite('ile-cidr', { pools: { vips: '10.20.0.240/28' as any } }),
    layer: 'inventory', path: 'inventory/site/ile-cidr', field: 'pools.vips', hint: /last: '10\.20\.0\.254'/,
  },
  // Two hosts of one name: the duplicate, not what the scheduler would make of it.
  {
    name: 'two hosts of one name, the first with the GPU and the ZFS pool',
    build: twinHosts('ile-twins'),
    layer: 'inventory', path: 'edge', field: 'site.hosts[1].name',
  },
  {
    name: 'two hosts of one name, the second with the GPU and the ZFS pool',
    build: twinHosts('ile-twins2', true),
    layer: 'inventory', path: 'edge', field: 'site.hosts[1].name',
  },
  // ZFS pools listed by name, as zpool list prints them.
  {
    name: "ZFS pools listed by name (zfsPools: ['tank']) with a storage tier on one of them",
    build: zfsListed('ile-zfs-list'),
    layer: 'inventory', path: 'inventory/host/ile-zfs-list-node', field: 'zfsPools', hint: /zfsPools: \{ tank: \{ media: 'hdd' \} \}/,
  },
  // A host's facts as other tools write them.
  {
    name: "a host's memory in megabytes, as free -m prints it",
    build: edgeSite('ile-mem-mb', {}, { memoryGigabytes: 16384 }),
    layer: 'inventory', path: 'inventory/host/ile-mem-mb-node', field: 'memoryGigabytes', hint: /memoryGigabytes: 16$/,
  },
  {
    name: "a host's cores as a fraction",
    build: edgeSite('ile-half-core', {}, { cores: 3.5 }),
    layer: 'inventory', path: 'inventory/host/ile-half-core-node', field: 'cores', hint: /cores: 4$/,
  },
  {
    name: "a host's arch written as uname -m prints it (x86_64)",
    build: edgeSite('ile-x86', {}, { arch: 'x86_64' as any }),
    layer: 'inventory', path: 'inventory/host/ile-x86-node', field: 'arch', hint: /arch: 'amd64'/,
  },
  {
    name: "a Raspberry Pi's arch written aarch64",
    build: edgeSite('ile-aarch64', {}, { arch: 'aarch64' as any }),
    layer: 'inventory', path: 'inventory/host/ile-aarch64-node', field: 'arch', hint: /arch: 'arm64'/,
  },
  {
    name: 'a control-plane node given the role master',
    build: edgeSite('ile-master', {}, { roles: ['master', 'worker'] as any }),
    layer: 'inventory', path: 'inventory/host/ile-master-node', field: 'roles[0]', hint: /'control-plane'/,
  },
  {
    name: 'a k3s agent given the role agent',
    build: edgeSite('ile-agent', {}, { roles: ['control-plane', 'agent'] as any }),
    layer: 'inventory', path: 'inventory/host/ile-agent-node', field: 'roles[1]', hint: /'worker'/,
  },
  {
    name: 'node labels written on a host',
    build: edgeSite('ile-labels', {}, { labels: { zone: 'attic' } } as any),
    layer: 'inventory', path: 'inventory/host/ile-labels-node', field: 'labels', hint: /placement: \{ workloadRole/,
  },
  {
    name: "a host's GPU count written as text",
    build: edgeSite('ile-gpu-count', {}, { gpus: [{ vendor: 'nvidia', count: '2' as any }] }),
    layer: 'inventory', path: 'inventory/host/ile-gpu-count-node', field: 'gpus[0].count', hint: /count: 2 /,
  },
  {
    name: "a disk's media written NVMe",
    build: edgeSite('ile-disk-media', {}, { disks: [{ media: 'NVMe' as any, sizeGigabytes: 1000 }] }),
    layer: 'inventory', path: 'inventory/host/ile-disk-media-node', field: 'disks[0].media', hint: /media: 'nvme'/,
  },
  {
    name: "a taint's effect in lower case",
    build: edgeSite('ile-effect', {}, { taints: [{ key: 'dedicated', value: 'pi', effect: 'noschedule' as any }] }),
    layer: 'inventory', path: 'inventory/host/ile-effect-node', field: 'taints[0].effect', hint: /effect: 'NoSchedule'/,
  },
  {
    name: 'a node name with capitals, as the machine is called',
    build: edgeSite('ile-node-name', {}, { nodeName: 'RaspberryPi' }),
    layer: 'inventory', path: 'inventory/host/ile-node-name-node', field: 'nodeName', hint: /nodeName: 'raspberrypi'/,
  },
  // VLAN ids as text, and a pool tagged with the VLAN itself.
  {
    name: 'a VLAN id written as text',
    build: edgeSite('ile-vlan-id', { vlans: { lan: vlan('ile-vlan-id-lan', { id: '10' as any, cidr: '10.20.0.0/24' }) } }),
    layer: 'inventory', path: 'inventory/vlan/ile-vlan-id-lan', field: 'id', hint: /id: 10\b/,
  },
  {
    name: 'a pool tagged with the VLAN object rather than its id',
    build: edgeSite('ile-pool-tag', { pools: { vips: { first: '10.20.0.240', last: '10.20.0.250', vlan: vlan('ile-pool-tag-lan', { id: 10, cidr: '10.20.0.0/24' }) as any } } }),
    layer: 'inventory', path: 'inventory/site/ile-pool-tag/pools/vips', field: 'vlan', hint: /vlan: 10 /,
  },
  // NFS exports and machines outside Kubernetes as fstab, mount and /etc/hosts write them.
  {
    name: 'an NFS export written as an nfs:// URL',
    build: edgeSite('ile-nfs-url', { nfs: { media: 'nfs://10.20.0.30/mnt/media' as any } }),
    layer: 'inventory', path: 'inventory/site/ile-nfs-url', field: 'nfs.media', hint: /server: '10\.20\.0\.30', path: '\/mnt\/media'/,
  },
  {
    name: 'an NFS export written as fstab writes its source',
    build: edgeSite('ile-nfs-fstab', { nfs: { media: 'nas.lan:/mnt/media' as any } }),
    layer: 'inventory', path: 'inventory/site/ile-nfs-fstab', field: 'nfs.media', hint: /server: 'nas\.lan', path: '\/mnt\/media'/,
  },
  {
    name: 'an NFS export written as the name of its share',
    build: edgeSite('ile-nfs-word', { nfs: { media: 'media-share' as any } }),
    layer: 'inventory', path: 'inventory/site/ile-nfs-word', field: 'nfs.media',
  },
  {
    name: "a machine outside Kubernetes given its DNS name as its address",
    build: edgeSite('ile-nas', { externalHosts: { nas: externalHost('ile-nas', { address: 'nas.local' }) } }),
    layer: 'inventory', path: 'inventory/external-host/ile-nas', field: 'address', hint: /dnsName: 'nas\.local'/,
  },
  // Placement asking for what no host has: the hint says what the hosts have.
  {
    name: 'an app asking for an NVIDIA GPU where the hosts have Intel ones',
    build: edgeSite('ile-gpu-vendor', {}, { gpus: [{ vendor: 'intel' }] }, (edge) => new App(edge, 'ai', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], gpu: { vendor: 'nvidia' },
    })),
    layer: 'inventory', path: 'edge/ai', field: 'gpu', hint: /ile-gpu-vendor-node \(intel\)/,
  },
  {
    name: 'an app placed on an arch no host has',
    build: edgeSite('ile-arch-place', {}, {}, (edge) => new App(edge, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], placement: { arch: 'arm64' },
    })),
    layer: 'inventory', path: 'edge/web', field: 'placement.arch', hint: /amd64 \(ile-arch-place-node\)/,
  },
  {
    name: 'a VLAN id of 0 for the untagged LAN',
    build: edgeSite('ile-vlan-zero', { vlans: { lan: vlan('ile-vlan-zero-lan', { id: 0, cidr: '10.20.0.0/24' }) } }),
    layer: 'inventory', path: 'inventory/vlan/ile-vlan-zero-lan', field: 'id', hint: /VLAN 1/,
  },
  {
    name: 'an IPv4 pool tagged with a VLAN whose only network is IPv6',
    build: edgeSite('ile-tag-family', {
      vlans: { lan6: vlan('ile-tag-family-lan6', { id: 10, cidr: 'fd00:10::/64' }) },
      pools: { vips: { first: '10.20.0.240', last: '10.20.0.250', vlan: 10 } },
    }),
    layer: 'inventory', path: 'inventory/site/ile-tag-family', field: 'pools.vips',
  },
  // Taints and workload roles as Helm values and node labels write them.
  {
    name: "a host's taints written as an object of taints by key",
    build: edgeSite('ile-taint-map', {}, { taints: { dedicated: 'pi:NoSchedule' } as any }),
    layer: 'inventory', path: 'inventory/host/ile-taint-map-node', field: 'taints', hint: /taints: \[\{ key: 'dedicated', value: 'pi', effect: 'NoSchedule' \}\]/,
  },
  {
    name: "a host's one taint not in a list",
    build: edgeSite('ile-taint-one', {}, { taints: { key: 'dedicated', value: 'pi', effect: 'NoSchedule' } as any }),
    layer: 'inventory', path: 'inventory/host/ile-taint-one-node', field: 'taints', hint: /taints: \[\{ key: 'dedicated'/,
  },
  {
    name: 'a workload role written as its whole node label',
    build: edgeSite('ile-role-label', {}, { workloadRoles: ['role.homelab.dev/media'] }),
    layer: 'inventory', path: 'inventory/host/ile-role-label-node', field: 'workloadRoles[0]', hint: /write 'media'/,
  },
  {
    name: "a host's one GPU not in a list",
    build: edgeSite('ile-gpu-one', {}, { gpus: { vendor: 'intel' } as any }),
    layer: 'inventory', path: 'inventory/host/ile-gpu-one-node', field: 'gpus', hint: /gpus: \[\{ vendor: 'intel' \}\]/,
  },
  // K3s facts as its docs and the server print them.
  {
    name: "a K3s join token written where its file's path belongs",
    build: edgeSite('ile-k3s-token', {}, {}, undefined, { preinstalled: [k3s({ tokenFile: 'K10f00d::server:0123456789abcdef' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].tokenFile', hint: /rotate/,
  },
  {
    name: 'a K3s join token from an agenix secret on hosts not said to run NixOS',
    build: edgeSite('ile-k3s-agenix', {}, {}, undefined, { preinstalled: [k3s({ agenixToken: 'k3s-token' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].agenixToken', hint: /nixos: true/,
  },
  {
    name: 'a K3s join token given both as an agenix secret and as a token file',
    build: edgeSite('ile-k3s-both', {}, {}, undefined, { preinstalled: [k3s({ nixos: true, agenixToken: 'k3s-token', tokenFile: '/run/agenix/k3s-token' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].agenixToken', hint: /give one of them/,
  },
  {
    name: "files of the hosts' NixOS configurations for K3s on hosts not said to run NixOS",
    build: edgeSite('ile-k3s-files', {}, {}, undefined, { preinstalled: [k3s({ nixosFiles: { storage: 'hosts/storage/k8s-server.nix' } })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].nixosFiles', hint: /nixos: true/,
  },
  {
    name: 'a command that deploys NixOS hosts for K3s on hosts not said to run NixOS',
    build: edgeSite('ile-k3s-deploy', {}, {}, undefined, { preinstalled: [k3s({ nixosDeployCommand: 'just deploy {host}' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].nixosDeployCommand', hint: /nixos: true/,
  },
  {
    name: 'a command that deploys NixOS hosts for K3s without naming the host',
    build: edgeSite('ile-k3s-deploy-host', {}, {}, undefined, { preinstalled: [k3s({ nixos: true, nixosDeployCommand: 'just deploy' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].nixosDeployCommand', hint: /'just deploy \{host\}'/,
  },
  {
    name: "a NixOS file for K3s keyed by a host the cluster does not have",
    build: edgeSite('ile-k3s-file-host', {}, {}, undefined, { preinstalled: [k3s({ nixos: true, nixosFiles: { nowhere: 'hosts/nowhere/k8s.nix' } })] }),
    layer: 'props', path: 'edge', field: /nixosFiles\.nowhere$/, hint: /key each file by a host of the cluster/,
  },
  {
    name: "an agenix secret's name with a space",
    build: edgeSite('ile-k3s-agenix-name', {}, {}, undefined, { preinstalled: [k3s({ nixos: true, agenixToken: 'k3s token' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].agenixToken', hint: /agenixToken: 'k3s-token'/,
  },
  {
    name: "a K3s server URL written as the server's address",
    build: edgeSite('ile-k3s-url', {}, {}, undefined, { preinstalled: [k3s({ serverUrl: '10.20.0.5' })] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].serverUrl', hint: /serverUrl: 'https:\/\/10\.20\.0\.5:6443'/,
  },
  // Addresses no other machine reaches, and switches and sizes written as text.
  {
    name: "a host's IPv6 address copied from its link-local address",
    build: edgeSite('ile-v6-link', {}, { ipv6Address: 'fe80::5' }),
    layer: 'inventory', path: 'inventory/host/ile-v6-link-node', field: 'ipv6Address', hint: /scope global/,
  },
  {
    name: "a host's address from the IPv4 link-local range",
    build: edgeSite('ile-v4-link', {}, { address: '169.254.10.5' }),
    layer: 'inventory', path: 'inventory/host/ile-v4-link-node', field: 'address', hint: /scope global/,
  },
  {
    name: "a pool's autoAssign written as text",
    build: edgeSite('ile-auto', { pools: { vips: { first: '10.20.0.240', last: '10.20.0.250', autoAssign: 'true' as any } } }),
    layer: 'inventory', path: 'inventory/site/ile-auto/pools/vips', field: 'autoAssign', hint: /autoAssign: true/,
  },
  {
    name: "a ZFS pool's size written as zpool list prints it",
    build: edgeSite('ile-zfs-size', {}, { zfsPools: { tank: { media: 'hdd', sizeTerabytes: '4TB' as any } } }),
    layer: 'inventory', path: 'inventory/host/ile-zfs-size-node/zfsPools/tank', field: 'sizeTerabytes', hint: /sizeTerabytes: 4 /,
  },
];
