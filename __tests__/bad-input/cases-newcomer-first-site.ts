import { App as CdkApp } from 'cdk8s';
import {
  App, AppVolume, ClusterChart, externalHost, flux, host, localPathStorage, metalLb, nfsStorage, site, talos, traefik, vlan,
} from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A first home lab described from scratch after reading the README alone: a NUC with an NVIDIA GPU and a ZFS
// pool, a Raspberry Pi, a NAS outside the cluster, one VLAN with its gateway, an address pool, an NFS export,
// a Talos cluster, and a few apps pinned by host, role and GPU. Each case changes one thing the way someone
// coming from spec sheets, Ansible inventories, Talos or k3s config files writes it.

/** What a case changes in the lab: facts of each machine, of the VLAN and site, the cluster's props, the apps. */
interface Change {
  readonly nuc?: Record<string, unknown>;
  readonly pi?: Record<string, unknown>;
  readonly piName?: string;
  readonly nas?: Record<string, unknown>;
  readonly nasName?: string;
  readonly lan?: Record<string, unknown>;
  readonly site?: (parts: { nuc: any; pi: any }) => Record<string, unknown>;
  readonly cluster?: (parts: { nuc: any; pi: any; home: any }) => Record<string, unknown>;
  readonly apps?: (cluster: ClusterChart, parts: { nuc: any; pi: any; home: any }) => void;
  readonly other?: (app: CdkApp, parts: { nuc: any; pi: any; home: any }) => void;
}

/** The lab `home` with `change` applied, built into `app`; cluster `home`. */
function firstSite(change: Change = {}) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const nas = externalHost(change.nasName ?? 'nas', {
      address: '192.168.1.5', os: 'TrueNAS SCALE', ports: { nfs: 2049, smb: 445 }, hardware: { cores: 4, memoryGigabytes: 16 }, ...change.nas,
    } as any);
    const lan = vlan('lan', { id: 10, cidr: '192.168.1.0/24', gateway: '192.168.1.1', purpose: 'home network', ...change.lan } as any);
    const nuc = host('nuc', {
      arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', cores: 8, memoryGigabytes: 32,
      disks: [{ media: 'nvme', sizeGigabytes: 1000 }], gpus: [{ vendor: 'nvidia', model: 'RTX 3060' }],
      zfsPools: { tank: { media: 'hdd', sizeTerabytes: 4 } }, workloadRoles: ['media'], ...change.nuc,
    } as any);
    const pi = host(change.piName ?? 'pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11', cores: 4, memoryGigabytes: 8, ...change.pi } as any);
    const home: any = site('home', {
      domain: 'home.example.com', hosts: [nuc, pi], externalHosts: { nas }, vlans: { lan },
      git: { url: 'https://git.example.com/me/home.git' },
      pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
      nfs: { media: { server: '192.168.1.5', path: '/mnt/tank/media' } },
      ...change.site?.({ nuc, pi }),
    } as any);
    const parts = { nuc, pi, home };
    const cluster = new ClusterChart(app, 'home', {
      site: home, hosts: [nuc, pi], gitops: flux(),
      storage: { fast: localPathStorage(), bulk: (nuc.zfs as any).tank, shared: nfsStorage(home.nfs.media) },
      routes: traefik({ address: home.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }),
      preinstalled: [talos({ clusterSubnets: ['192.168.1.0/24'], bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })],
      ...change.cluster?.(parts),
    } as any);
    (change.apps ?? defaultApps)(cluster, parts);
    change.other?.(app, parts);
  });
}

function defaultApps(cluster: ClusterChart, parts: { pi: any }): void {
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' }, placement: { host: parts.pi } });
  jellyfin(cluster);
}

function jellyfin(cluster: ClusterChart, props: Record<string, unknown> = {}): void {
  new App(cluster, 'jellyfin', {
    image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }], gpu: { vendor: 'nvidia' }, route: { host: 'jellyfin' },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
      media: { volume: AppVolume.claim({ tier: 'bulk', size: '500Gi' }), mountPath: '/media' },
    },
    placement: { workloadRole: 'media' },
    ...props,
  } as any);
}

const onNuc = (name: string, nuc: Record<string, unknown>, field: string, hint?: RegExp): BadInput =>
  ({ name, build: firstSite({ nuc }), layer: 'inventory', path: 'inventory/host/nuc', field, hint });
const onNas = (name: string, nas: Record<string, unknown>, field: string, hint?: RegExp, nasName?: string): BadInput =>
  ({ name, build: firstSite({ nas, nasName }), layer: 'inventory', path: `inventory/external-host/${nasName ?? 'nas'}`, field, hint });

export const CASES: BadInput[] = [
  // Hardware as a spec sheet, an Ansible inventory or a Talos config writes it: one error, the fact written out.
  onNuc("memory: '32GB' as a spec sheet writes it", { memoryGigabytes: undefined, memory: '32GB' }, 'memory', /write memoryGigabytes: 32$/),
  onNuc('memory: 32 under its short name', { memoryGigabytes: undefined, memory: 32 }, 'memory', /write memoryGigabytes: 32$/),
  onNuc("memoryGigabytes: '32GB' with its unit", { memoryGigabytes: '32GB' }, 'memoryGigabytes', /memoryGigabytes: 32 /),
  onNuc("cpu: '8 cores'", { cores: undefined, cpu: '8 cores' }, 'cpu', /write cores: 8$/),
  onNuc("a disk's size: '2TB'", { disks: [{ media: 'nvme', size: '2TB' }] }, 'disks[0].size', /write sizeGigabytes: 2000$/),
  onNuc("a disk's sizeGigabytes: '1TB'", { disks: [{ media: 'nvme', sizeGigabytes: '1TB' }] }, 'disks[0].sizeGigabytes', /sizeGigabytes: 1000 /),
  onNuc("a disk's type: 'nvme' as lsblk calls it", { disks: [{ type: 'nvme', sizeGigabytes: 1000 }] }, 'disks[0].type', /write media: 'nvme'$/),
  { name: "a ZFS pool's size: '4T' as zpool list shows it", build: firstSite({ nuc: { zfsPools: { tank: { media: 'hdd', size: '4T' } } } }), layer: 'inventory', path: 'inventory/host/nuc/zfsPools/tank', field: 'size', hint: /write sizeTerabytes: 4$/ },
  { name: "Ansible's ansible_host for the address is one error", build: firstSite({ pi: { address: undefined, ansible_host: '192.168.1.11' } }), layer: 'inventory', path: 'inventory/host/pi', field: 'ansible_host', hint: /write address: '192\.168\.1\.11'$/ },
  { name: "Talos' machineType: 'controlplane'", build: firstSite({ pi: { roles: undefined, machineType: 'controlplane' } }), layer: 'inventory', path: 'inventory/host/pi', field: 'machineType', hint: /roles: \['control-plane', 'worker'\]/ },
  onNuc("GPU vendor misspelt 'nvdia' is one error on the host", { gpus: [{ vendor: 'nvdia' }] }, 'gpus[0].vendor', /write vendor: 'nvidia'$/),
  onNuc("GPU vendor in capitals 'NVIDIA'", { gpus: [{ vendor: 'NVIDIA' }] }, 'gpus[0].vendor', /vendor: 'nvidia' \(lower case\)/),
  onNuc('ZFS pools as a list of named pools', { zfsPools: [{ name: 'tank', media: 'hdd', sizeTerabytes: 4 }] }, 'zfsPools', /zfsPools: \{ tank: \{ media: 'hdd', sizeTerabytes: 4 \} \}/),
  onNuc("workloadRoles: 'media' as one word", { workloadRoles: 'media' }, 'workloadRoles', /workloadRoles: \['media'\]/),
  onNuc("arch 'x86_64' as uname prints it", { arch: 'x86_64' }, 'arch'),
  onNuc('role master as older k3s and kubeadm called it', { roles: ['master', 'worker'] }, 'roles[0]'),
  onNuc('address with its prefix, as ip addr prints it', { address: '192.168.1.10/24' }, 'address', /192\.168\.1\.10$/),
  // Host names.
  { name: 'host named in capitals', build: firstSite({ piName: 'PI' }), layer: 'inventory', path: 'inventory/host/PI', field: 'name' },
  { name: 'host named with an underscore', build: firstSite({ piName: 'pi_4' }), layer: 'inventory', path: 'inventory/host/pi_4', field: 'name' },
  { name: 'two hosts with one name', build: firstSite({ piName: 'nuc' }), layer: 'inventory', path: 'home', field: 'site.hosts[1].name' },
  { name: 'site hosts given as an object of hosts', build: firstSite({ site: ({ nuc, pi }) => ({ hosts: { nuc, pi } }) }), layer: 'inventory', path: 'inventory/site/home', field: 'hosts', hint: /hosts: \[nuc, pi\]/ },
  // The NAS outside the cluster.
  onNas('external host port name with a space', { ports: { 'nfs server': 2049 } }, 'ports.nfs server', /'nfs-server'/),
  onNas('external host os given as a version number', { os: 22.04 }, 'os', /os: 'Ubuntu 22\.04'/),
  onNas('external host ports given as a list of numbers', { ports: [2049, 445] }, 'ports', /ports: \{ nfs: 2049/),
  onNas("external host with Ansible's ansible_host", { ansible_host: '192.168.1.5' }, 'ansible_host', /write address: '192\.168\.1\.5'$/),
  onNas("external host hardware memory: '16GB'", { hardware: { memory: '16GB' } }, 'hardware.memory', /write memoryGigabytes: 16$/),
  onNas('external host named in capitals with no dnsName', {}, 'name', /'nas', or give dnsName/, 'NAS'),
  // The network.
  { name: 'VLAN gateway written as the network', build: firstSite({ lan: { gateway: '192.168.1.0/24' } }), layer: 'inventory', path: 'inventory/vlan/lan', field: 'gateway', hint: /gateway: '192\.168\.1\.1'/ },
  { name: 'VLAN gateway written with its prefix', build: firstSite({ lan: { gateway: '192.168.1.1/24' } }), layer: 'inventory', path: 'inventory/vlan/lan', field: 'gateway', hint: /gateway: '192\.168\.1\.1'/ },
  { name: 'VLAN cidr written as the router address with its prefix', build: firstSite({ lan: { cidr: '192.168.1.1/24', gateway: undefined } }), layer: 'inventory', path: 'inventory/vlan/lan', field: 'cidr' },
  { name: 'VLAN network written with a dotted netmask', build: firstSite({ lan: { cidr: '192.168.1.0/255.255.255.0' } }), layer: 'inventory', path: 'inventory/vlan/lan', field: 'cidr', hint: /cidr: '192\.168\.1\.0\/24'/ },
  { name: 'VLAN network as subnet and netmask, as a router UI shows it', build: firstSite({ lan: { cidr: undefined, subnet: '192.168.1.0', netmask: '255.255.255.0' } }), layer: 'inventory', path: 'inventory/vlan/lan', field: 'subnet', hint: /cidr: '192\.168\.1\.0\/24'/ },
  { name: 'address pool with the start and end of a DHCP range', build: firstSite({ site: () => ({ pools: { vips: { start: '192.168.1.240', end: '192.168.1.250' } } }) }), layer: 'inventory', path: 'inventory/site/home', field: 'pools.vips', hint: /first: '192\.168\.1\.240', last: '192\.168\.1\.250'/ },
  { name: 'host on the address of the gateway', build: firstSite({ pi: { address: '192.168.1.1' } }), layer: 'inventory', path: 'home', field: 'site.hosts[1].address', hint: /the gateway is the router's/ },
  { name: 'host on the broadcast address', build: firstSite({ pi: { address: '192.168.1.255' } }), layer: 'inventory', path: 'home', field: 'site.hosts[1].address' },
  { name: 'address pool written as a CIDR block', build: firstSite({ site: () => ({ pools: { vips: '192.168.1.240/29' } }) }), layer: 'inventory', path: 'inventory/site/home', field: 'pools.vips' },
  {
    name: 'address pool that covers the gateway',
    build: firstSite({ site: () => ({ pools: { vips: { first: '192.168.1.1', last: '192.168.1.4' } } }), cluster: ({ home }) => ({ routes: traefik({ address: home.pools.vips.at('192.168.1.2') }) }) }),
    layer: 'inventory', path: 'inventory/site/home', field: 'pools.vips',
  },
  { name: 'Git URL with an IPv6 host without brackets', build: firstSite({ site: () => ({ git: { url: 'https://fd00::5/me/home.git' } }) }), layer: 'inventory', path: 'inventory/site/home', field: 'git.url', hint: /'https:\/\/\[fd00::5\]\/me\/home\.git'/ },
  { name: 'Talos cluster whose hosts are all workers', build: firstSite({ nuc: { roles: ['worker'] } }), layer: 'inventory', path: 'home', field: 'hosts', hint: /roles: \['control-plane', 'worker'\]/ },
  { name: 'Talos clusterSubnets with host bits set', build: firstSite({ cluster: () => ({ preinstalled: [talos({ clusterSubnets: ['10.244.1.0/16'], bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] }) }), layer: 'props', path: 'home', field: 'preinstalled[0].clusterSubnets[0]', hint: /'10\.244\.0\.0\/16'/ },
  // Storage.
  { name: 'NFS export path written relative', build: firstSite({ site: () => ({ nfs: { media: { server: '192.168.1.5', path: 'mnt/tank/media' } } }) }), layer: 'inventory', path: 'inventory/site/home/nfs/media', field: 'path' },
  { name: 'app volume on a misspelt tier', build: firstSite({ apps: (c) => jellyfin(c, { persistence: { media: { volume: AppVolume.claim({ tier: 'blk', size: '500Gi' }), mountPath: '/media' } } }) }), layer: 'references', path: 'jellyfin', field: 'persistence.media.volume.claim.tier', hint: /bulk/ },
  { name: "app volume size: '2TB'", build: firstSite({ apps: (c) => jellyfin(c, { persistence: { media: { volume: AppVolume.claim({ tier: 'bulk', size: '2TB' }), mountPath: '/media' } } }) }), layer: 'props', path: 'jellyfin', field: 'persistence.media.volume.claim.size', hint: /'2Ti'/ },
  // Placements.
  { name: 'workload role misspelt in a placement', build: firstSite({ apps: (c) => jellyfin(c, { placement: { workloadRole: 'meda' } }) }), layer: 'inventory', path: 'jellyfin', field: 'placement.workloadRole', hint: /did you mean "media"\?/ },
  { name: "placement on arch 'arm'", build: firstSite({ apps: (c) => jellyfin(c, { gpu: undefined, placement: { arch: 'arm' } }) }), layer: 'inventory', path: 'jellyfin', field: 'placement.arch' },
  { name: 'app pinned to a host not in the cluster', build: firstSite({ cluster: ({ nuc }) => ({ hosts: [nuc] }) }), layer: 'inventory', path: 'web', field: 'placement.host' },
  {
    name: 'a node in two clusters',
    build: firstSite({ other: (app, { pi, home }) => new ClusterChart(app, 'sandbox', { site: home, hosts: [pi], routes: traefik({ nodePorts: true }), gitops: flux() }) }),
    layer: 'inventory', path: 'sandbox', field: 'hosts[0]', hint: /shared/,
  },
];

/** Cases whose mistake must be the only error of their synthesis. */
export const ONE_ERROR_CASES: readonly string[] = [
  "Ansible's ansible_host for the address is one error", "a disk's size: '2TB'", "a disk's type: 'nvme' as lsblk calls it",
  "GPU vendor misspelt 'nvdia' is one error on the host", "GPU vendor in capitals 'NVIDIA'", "workloadRoles: 'media' as one word",
  'site hosts given as an object of hosts', 'workload role misspelt in a placement',
  'VLAN network as subnet and netmask, as a router UI shows it', 'ZFS pools as a list of named pools', 'address pool with the start and end of a DHCP range',
];
