import { App as CdkApp } from 'cdk8s';
import { ClusterChart, ClusterChartProps, HomeAssistantVm, HomeAssistantVmProps, host, HostProps, metalLb, site, SiteProps, talos, TalosProps, vlan, Vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The networks of the inventory agree with each other: a host's address and its bridges lie on networks
// the site declares, a Talos cluster runs on networks its nodes have, and a VM's routes do not take a
// VLAN of the site for the pod network.

/** The two VLANs of a site `id`: `lan` (VLAN 10, 10.30.0.0/24) and `iot` (VLAN 20, 10.31.0.0/24). */
function vlansOf(id: string): { lan: Vlan; iot: Vlan } {
  return {
    lan: vlan(`${id}-lan`, { id: 10, cidr: '10.30.0.0/24', gateway: '10.30.0.1' }),
    iot: vlan(`${id}-iot`, { id: 20, cidr: '10.31.0.0/24', gateway: '10.31.0.1' }),
  };
}

interface NetLab {
  /** Extra facts of the host `<id>-node` (10.30.0.5, a ZFS pool `vms`, a bridge `br20` on the IoT VLAN). */
  readonly node?: (vlans: { lan: Vlan; iot: Vlan }) => Partial<HostProps>;
  /** Facts of a second host `<id>-worker` of the site and the cluster. @default - the cluster has one host */
  readonly worker?: Partial<HostProps>;
  /** Name of the second host. @default `<id>-worker` */
  readonly workerName?: string;
  /** Extra facts of the site. */
  readonly site?: (vlans: { lan: Vlan; iot: Vlan }) => Partial<SiteProps<string, string, string, string>>;
  /** Extra props of the cluster `edge`. */
  readonly cluster?: Partial<ClusterChartProps>;
  /** Adds to the cluster. */
  readonly build?: (edge: ClusterChart, node: ReturnType<typeof host>) => void;
}

/** A site `id` with VLANs `lan` and `iot`, one host `<id>-node` on the LAN with a bridge on the IoT VLAN, and a cluster `edge`. */
function netLab(id: string, options: NetLab = {}) {
  return guarded((_c: unknown, app: CdkApp) => {
    const vlans = vlansOf(id);
    const machine = host(`${id}-node`, {
      arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.30.0.5',
      zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: vlans.iot, uplink: 'eno1.20' } },
      ...options.node?.(vlans),
    } as HostProps);
    const hosts = options.worker ? [machine, host(options.workerName ?? `${id}-worker`, { arch: 'amd64', address: '10.30.0.6', ...options.worker } as HostProps)] : [machine];
    const written = site(id, {
      domain: `${id}.test`, hosts, vlans, pools: { vips: { first: '10.30.0.240', last: '10.30.0.250' } },
      git: { url: 'https://git.example/lab.git' }, ...options.site?.(vlans),
    } as SiteProps<string, string, string, string>);
    const edge = labCluster(app, 'edge', {
      site: written, hosts, storage: { vms: (machine.zfs as any).vms }, loadBalancer: metalLb({ pools: [written.pools.vips] }), ...options.cluster,
    });
    options.build?.(edge, machine);
  });
}

/** The lab of `netLab` as a Talos cluster with `options` (Talos' own pod network). */
const talosLab = (id: string, options: Partial<TalosProps>, lab: NetLab = {}) =>
  netLab(id, { ...lab, cluster: { preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true, ...options })] } });

/** Home Assistant's VM at 10.31.0.2 on the lab's IoT bridge, with `props` over the defaults (`iot` merged into its own). */
const homeAssistant = (id: string, props: Record<string, unknown>, lab: NetLab = {}) => netLab(id, {
  ...lab,
  build: (edge, node) => new HomeAssistantVm(edge, 'home-assistant', {
    disk: (node.zfs as any).vms.existingVolume('ha', { size: '64Gi' }), ...props,
    iot: { bridge: (node.bridges as any).br20, address: '10.31.0.2', ...props.iot as object },
  } as HomeAssistantVmProps),
});

export const CASES: BadInput[] = [
  // Bridges and addresses on the site's networks.
  {
    name: 'a bridge on a VLAN the site does not declare',
    build: netLab('nw-guest', { node: () => ({ bridges: { br30: { vlan: vlan('guest', { id: 30, cidr: '10.32.0.0/24' }) } } }) }),
    layer: 'inventory', path: 'inventory/site/nw-guest', field: 'hosts[0].bridges.br30.vlan', hint: /declare the VLAN in the site's vlans/,
  },
  {
    name: "a bridge on a second vlan() of the site VLAN's id",
    build: netLab('nw-twin', { node: () => ({ bridges: { br20: { vlan: vlan('iot', { id: 20, cidr: '10.31.0.0/24' }) } } }) }),
    layer: 'inventory', path: 'inventory/site/nw-twin', field: 'hosts[0].bridges.br20.vlan', hint: /pass the site's own VLAN object, vlan: nw-twin-iot/,
  },
  {
    name: 'a host address outside every network of the site',
    build: netLab('nw-typo', { node: () => ({ address: '10.3.0.5' }) }),
    layer: 'inventory', path: 'inventory/site/nw-typo', field: 'hosts[0].address', hint: /address: '10\.30\.0\.5'/,
  },
  {
    name: 'a host IPv6 address outside the IPv6 network of the site',
    build: netLab('nw-six', {
      node: () => ({ ipv6Address: 'fd00:99::5' }),
      site: (vlans) => ({ vlans: { ...vlans, lan6: vlan('nw-six-lan6', { id: 10, cidr: 'fd00:30::/64' }) } }),
    }),
    layer: 'inventory', path: 'inventory/site/nw-six', field: 'hosts[0].ipv6Address', hint: /ipv6Address: 'fd00:30::5'/,
  },
  // clusterSubnets of talos() are the nodes' own networks; its pod and Service ranges are no VLAN of the site.
  {
    name: "Talos clusterSubnets written as the pod and Service ranges",
    build: talosLab('nw-podcidr', { clusterSubnets: ['10.244.0.0/16', '10.96.0.0/12'] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets', hint: /clusterSubnets: \['10\.30\.0\.0\/24'\]/,
  },
  {
    name: 'a Talos clusterSubnets block no node has an address in',
    build: talosLab('nw-iotnet', { clusterSubnets: ['10.30.0.0/24', '10.31.0.0/24'] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets[1]',
  },
  {
    name: 'a Talos clusterSubnets block inside another',
    build: talosLab('nw-nested', { clusterSubnets: ['10.30.0.0/24', '10.30.0.0/25'] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets[1]', hint: /leave clusterSubnets\[1\] out/,
  },
  {
    name: 'a Talos node whose address no clusterSubnets block holds',
    build: talosLab('nw-stranded', { clusterSubnets: ['10.30.0.5/32'] }, { worker: {} }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].clusterSubnets', hint: /10\.30\.0\.0\/24/,
  },
  {
    name: "a VLAN of a Talos cluster's site inside Talos' Service range",
    build: talosLab('nw-shadow', {}, { site: (vlans) => ({ vlans: { ...vlans, svc: vlan('nw-shadow-svc', { id: 30, cidr: '10.100.0.0/24' }) } }) }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.svc', hint: /10\.96\.0\.0\/12/,
  },
  {
    name: "a VLAN of a Talos cluster's site inside the pod range its podSubnets give",
    build: talosLab('nw-podsub', { podSubnets: ['10.50.0.0/16'] }, { site: (vlans) => ({ vlans: { ...vlans, cams: vlan('nw-podsub-cams', { id: 40, cidr: '10.50.4.0/24' }) } }) }),
    layer: 'inventory', path: 'edge', field: 'site.vlans.cams', hint: /podSubnets/,
  },
  // Several resolvers written as one text, as resolv.conf or a router's form lists them.
  {
    name: 'Home Assistant VM nameservers as one text with commas',
    build: homeAssistant('nw-ha-text', { nameservers: '1.1.1.1, 8.8.8.8' }),
    layer: 'props', path: 'home-assistant', field: 'nameservers', hint: /\['1\.1\.1\.1', '8\.8\.8\.8'\]/,
  },
  {
    name: 'Home Assistant VM nameservers as one entry with blanks',
    build: homeAssistant('nw-ha-entry', { nameservers: ['1.1.1.1 8.8.8.8'] }),
    layer: 'props', path: 'home-assistant', field: 'nameservers[0]', hint: /nameservers: \['1\.1\.1\.1', '8\.8\.8\.8'\]/,
  },
  {
    name: 'Talos nameservers as one text with commas',
    build: talosLab('nw-talos-text', { nameservers: '1.1.1.1, 8.8.8.8' as any }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].nameservers', hint: /\['1\.1\.1\.1', '8\.8\.8\.8'\]/,
  },
  {
    name: 'Talos nameservers as one entry with a comma',
    build: talosLab('nw-talos-entry', { nameservers: ['10.30.0.1', '1.1.1.1,8.8.8.8'] }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].nameservers[1]', hint: /nameservers: \['10\.30\.0\.1', '1\.1\.1\.1', '8\.8\.8\.8'\]/,
  },
  {
    name: 'Home Assistant VM labels that rename it for its Service',
    build: homeAssistant('nw-ha-labels', { labels: { app: 'homeassistant', 'app.kubernetes.io/name': 'hass' } }),
    layer: 'props', path: 'home-assistant', field: 'labels.app.kubernetes.io/name', hint: /another key/,
  },
  // What the VM routes where.
  {
    name: 'Home Assistant VM clusterNetworks that take in the IoT VLAN',
    build: homeAssistant('nw-ha-routes', { clusterNetworks: ['10.244.0.0/16', '10.0.0.0/8'] }),
    layer: 'props', path: 'home-assistant', field: 'clusterNetworks[1]', hint: /pod and Service ranges/,
  },
  {
    name: "Home Assistant VM default cluster networks over a VLAN of the site",
    build: homeAssistant('nw-ha-default', {}, { site: (vlans) => ({ vlans: { ...vlans, cams: vlan('nw-ha-default-cams', { id: 40, cidr: '10.244.40.0/24' }) } }) }),
    layer: 'props', path: 'home-assistant', field: 'clusterNetworks', hint: /clusterNetworks: \[/,
  },
  {
    name: "Home Assistant VM gateway that is the VM's own address",
    build: homeAssistant('nw-ha-self', { iot: { gateway: '10.31.0.2' } }),
    layer: 'props', path: 'home-assistant', field: 'iot.gateway', hint: /leave gateway out/,
  },
  // Typos in how a network or a machine is named.
  {
    name: 'a VLAN network with a /33 prefix',
    build: netLab('nw-33', { site: (vlans) => ({ vlans: { ...vlans, cams: vlan('nw-33-cams', { id: 40, cidr: '10.40.0.0/33' }) } }) }),
    layer: 'inventory', path: 'inventory/vlan/nw-33-cams', field: 'cidr', hint: /at most \/32/,
  },
  {
    name: 'a host named with capitals and an underscore',
    build: netLab('nw-nbt', { worker: {}, workerName: 'Media_PC' }),
    layer: 'inventory', path: 'inventory/host/Media_PC', field: 'name', hint: /host\('media-pc', …\)/,
  },
];
