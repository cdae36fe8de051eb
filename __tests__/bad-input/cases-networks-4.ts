import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumOnTalos, ClusterChartProps, externalHost, HomeAssistantVm, HomeAssistantVmProps, host, HostProps, k3s, K3sProps, metalLb, site, talos, vlan, Vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Every distribution runs pods and Services on ranges of its own (K3s 10.42.0.0/16 and 10.43.0.0/16, k0s
// and Talos 10.244.0.0/16 and 10.96.0.0/12, Cilium's cluster-pool 10.0.0.0/8 unless told): a VLAN of the
// site inside one is out of the pods' reach.

/** A site `id` with a LAN (VLAN 10, 192.168.30.0/24) that holds its one node, and `extra` VLANs. */
function rangeLab(id: string, extra: Record<string, Vlan>, cluster: (lan: Vlan) => Partial<ClusterChartProps>, siteExtra: Record<string, unknown> = {}, nodeAddress = '192.168.30.5') {
  return guarded((_c: unknown, app: CdkApp) => {
    const lan = vlan(`${id}-lan`, { id: 10, cidr: '192.168.30.0/24', gateway: '192.168.30.1' });
    const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: nodeAddress });
    const written = site(id, {
      domain: `${id}.test`, hosts: [node], vlans: { lan, ...extra }, pools: { vips: { first: '192.168.30.240', last: '192.168.30.250' } },
      git: { url: 'https://git.example/lab.git' }, ...siteExtra,
    });
    labCluster(app, 'edge', {
      site: written, hosts: [node], storage: {}, loadBalancer: metalLb({ pools: [written.pools.vips] }), ...cluster(lan),
    });
  });
}

/** A VLAN `cams` (id 40) on `cidr`, named for site `id`. */
const cams = (id: string, cidr: string) => ({ cams: vlan(`${id}-cams`, { id: 40, cidr }) });

/** The lab as a K3s cluster with `props`. */
const k3sLab = (id: string, cidr: string, props: K3sProps = {}) => rangeLab(id, cams(id, cidr), () => ({ preinstalled: [k3s(props)] }));

/** The lab as a k0s cluster, declared as the owner writes it, with `extra` fields. */
const k0sLab = (id: string, cidr: string, extra: Record<string, unknown> = {}) =>
  rangeLab(id, cams(id, cidr), () => ({ preinstalled: [{ source: 'k0s', distribution: 'k0s', ...extra }] }));

/** The lab as a Talos cluster whose pod network is Cilium with `options`. */
const ciliumLab = (id: string, extra: Record<string, Vlan>, options: Record<string, unknown>) => rangeLab(id, extra, () => ({
  cni: cilium({ ...ciliumOnTalos(), ...options }), preinstalled: [talos({ allowSchedulingOnControlPlanes: true })],
}));

/** Home Assistant's VM at 192.168.31.2 on an IoT VLAN (192.168.31.0/24) bridged on the node, with `nameservers`. */
const haLab = (id: string, nameservers: unknown[]) => guarded((_c: unknown, app: CdkApp) => {
  const lan = vlan(`${id}-lan`, { id: 10, cidr: '192.168.30.0/24', gateway: '192.168.30.1' });
  const iot = vlan(`${id}-iot`, { id: 20, cidr: '192.168.31.0/24', gateway: '192.168.31.1' });
  const node = host(`${id}-node`, {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.5', zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: iot, uplink: 'eno1.20' } },
  } as HostProps);
  const written = site(id, {
    domain: `${id}.test`, hosts: [node], vlans: { lan, iot }, pools: { vips: { first: '192.168.30.240', last: '192.168.30.250' } },
    git: { url: 'https://git.example/lab.git' },
  });
  const edge = labCluster(app, 'edge', { site: written, hosts: [node], storage: { vms: (node.zfs as any).vms }, loadBalancer: metalLb({ pools: [written.pools.vips] }) });
  new HomeAssistantVm(edge, 'home-assistant', {
    disk: (node.zfs as any).vms.existingVolume('ha', { size: '64Gi' }), route: { host: 'ha' }, nameservers,
    iot: { bridge: (node.bridges as any).br20, address: '192.168.31.2' },
  } as HomeAssistantVmProps);
});

export const CASES: BadInput[] = [
  {
    name: "a VLAN of a K3s cluster's site inside K3s' pod range",
    build: k3sLab('rg-k3s-pods', '10.42.7.0/24'),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /--cluster-cidr/,
  },
  {
    name: "a VLAN of a K3s cluster's site inside K3s' Service range",
    build: k3sLab('rg-k3s-svc', '10.43.0.0/24'),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /--service-cidr/,
  },
  {
    name: 'a VLAN of a K3s cluster inside the pod range its --cluster-cidr gives',
    build: k3sLab('rg-k3s-flag', '10.50.4.0/24', { extraServerFlags: ['--cluster-cidr=10.50.0.0/16'] }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /a range no VLAN of the site uses/,
  },
  {
    name: "a VLAN of a k0s cluster's site inside k0s' Service range",
    build: k0sLab('rg-k0s-svc', '10.100.0.0/24'),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /spec\.network\.serviceCIDR/,
  },
  {
    name: "a VLAN of a k0s cluster's site inside k0s' pod range",
    build: k0sLab('rg-k0s-pods', '10.244.9.0/24'),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /spec\.network\.podCIDR/,
  },
  {
    name: 'a VLAN of a k0s cluster inside the pod range its declaration gives',
    build: k0sLab('rg-k0s-given', '10.60.1.0/24', { clusterRanges: { pods: ['10.60.0.0/16'] } }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /spec\.network\.podCIDR/,
  },
  {
    name: 'a VLAN inside the Service range a declared distribution gives',
    build: rangeLab('rg-rke2', cams('rg-rke2', '172.20.0.0/24'), () => ({
      preinstalled: [{ source: 'rke2', distribution: 'RKE2', clusterRanges: { services: ['172.20.0.0/16'] } }],
    })),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /clusterRanges/,
  },
  {
    name: "a VLAN inside Cilium's default cluster-pool range (10.0.0.0/8)",
    build: ciliumLab('rg-pool', cams('rg-pool', '10.20.0.0/24'), { ipamMode: 'cluster-pool' }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /cilium\(\{ clusterPoolPodCidrs \}\)/,
  },
  {
    name: 'a VLAN inside the cluster-pool range given to Cilium',
    build: ciliumLab('rg-pool-given', cams('rg-pool-given', '10.20.0.0/24'), { ipamMode: 'cluster-pool', clusterPoolPodCidrs: ['10.20.0.0/16'] }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /clusterPoolPodCidrs/,
  },
  {
    name: "Cilium's cluster-pool ranges given with the kubernetes IPAM mode",
    build: ciliumLab('rg-pool-mode', {}, { clusterPoolPodCidrs: ['10.20.0.0/16'] }),
    layer: 'props', path: 'edge', field: /clusterPoolPodCidrs$/, hint: /ipamMode: 'cluster-pool'/,
  },
  {
    name: "Cilium's cluster-pool range that is no CIDR block",
    build: ciliumLab('rg-pool-cidr', {}, { ipamMode: 'cluster-pool', clusterPoolPodCidrs: ['10.20.0.0'] }),
    layer: 'props', path: 'edge', field: /clusterPoolPodCidrs\[0\]$/,
  },
  {
    name: 'a K3s --cluster-cidr whose value is no CIDR block',
    build: k3sLab('rg-k3s-bad', '192.168.31.0/24', { extraServerFlags: ['--cluster-cidr=10.50.0.0'] }),
    layer: 'props', path: 'edge', field: /extraServerFlags\[0\]$/, hint: /--cluster-cidr=10\.42\.0\.0\/16/,
  },
  {
    name: 'a k0s declaration whose pod range is no CIDR block',
    build: k0sLab('rg-k0s-bad', '192.168.31.0/24', { clusterRanges: { pods: ['10.60.0.0'] } }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterRanges.pods[0]',
  },
  // A resolver at a VLAN's network or broadcast address answers nothing.
  {
    name: "Home Assistant VM nameserver that is the IoT VLAN's broadcast address",
    build: haLab('rg-ha-bcast', ['192.168.31.255']),
    layer: 'props', path: 'home-assistant', field: 'nameservers[0]', hint: /192\.168\.31\.1/,
  },
  {
    name: "Home Assistant VM nameserver that is another VLAN's network address",
    build: haLab('rg-ha-net', ['1.1.1.1', '192.168.30.0']),
    layer: 'props', path: 'home-assistant', field: 'nameservers[1]',
  },
  // Machines the pods reach are unreachable inside a range as well, with or without a VLAN declared around them.
  {
    name: "an external host of a K3s cluster's site inside K3s' Service range",
    build: rangeLab('rg-ext', {}, () => ({ preinstalled: [k3s()] }), { externalHosts: { nas: externalHost('nas', { address: '10.43.0.20', ports: { nfs: 2049 } }) } }),
    layer: 'inventory', path: 'edge', field: 'site.externalHosts.nas', hint: /--service-cidr/,
  },
  {
    name: "a node of a k0s cluster at an address inside k0s' pod range",
    build: rangeLab('rg-node', {}, () => ({ preinstalled: [{ source: 'k0s', distribution: 'k0s' }] }), { vlans: {} }, '10.244.0.5'),
    layer: 'inventory', path: 'edge', field: 'hosts[0]', hint: /podCIDR/,
  },
  {
    name: "a K3s flag's value written as the entry after it",
    build: k3sLab('rg-k3s-split', '192.168.31.0/24', { extraServerFlags: ['--cluster-cidr', '10.50.0.0/16'] }),
    layer: 'props', path: 'edge', field: /extraServerFlags\[1\]$/, hint: /'--cluster-cidr=10\.50\.0\.0\/16'/,
  },
];
