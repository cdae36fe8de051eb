import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as yaml from 'js-yaml';
import {
  VirtualMachine, VirtualMachineSpecTemplateSpecDomainMemoryGuest, VirtualMachineSpecTemplateSpecDomainResourcesLimits,
  VirtualMachineSpecTemplateSpecDomainResourcesRequests, VirtualMachineSpecTemplateSpecReadinessProbeTcpSocketPort,
} from '../../imports/kubevirt.io';
import { missingProbesReason } from '../app/probe-exemption';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { APP_NAME_LABEL } from '../app/app';
import { appNetworkPolicy, peerProblems } from '../app/network';
import type { AppPeer } from '../app/props';
import { RenderedObject } from '../app/rendered-object';
import type { PoolAddress } from '../inventory/address-pool';
import { Bridge } from '../inventory/bridge';
import { parseIpBlock } from '../inventory/ip';
import { formatIpAddress, ipAddressProblem, parseIpAddress } from '../inventory/ip-address';
import { describeValue } from '../inventory/problems';
import { ExistingZfsVolume, existingVolumeProblems, ZfsPool } from '../inventory/zfs-pool';
import { networkBounds, Vlan } from '../inventory/vlan';
import { ClusterChart } from '../platform/cluster-chart';
import type { RouteIntent } from '../platform/route-flavor';
import { claimRoutePaths, intentPaths } from '../platform/route-claims';
import { ROUTE_HOST_REQUIRED } from '../validation/app-props-shape';
import { splitEntryHint } from '../validation/text-lists';
import { reportFinding } from '../validation/finding';
import { leaveOwnerAction } from '../synth/owner-action';
import { sharedBridgeNetwork } from './bridge-network';
import { routeHostPropProblems } from '../app/route-host';
import { routeIntentProblems } from '../app/route-props';
import { routeBodyLimit } from '../platform/body-size';
import { onePortRouteProblems, rootOnlyRouteProblems } from './route-fields';
import { poolWithoutTierProblem, rejectTierProblem, StaticZfsVolume } from './static-zfs-volume';
import { type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { labelMapProblems } from '../validation/label-map';
import { DNS1035_LABEL, nameMeant, nameProblem } from '../validation/dns-names';
import { sizeProblem } from '../app/quantities';
import { quantityValue } from '../validation/quantity';
import { HOME_ASSISTANT_VM_PROPS_SHAPE } from '../validation/service-props-shapes';
import type { VmHostDevice } from '../inventory/vm-host-device';
import { permitVmHostDevices } from '../platform/kubevirt-host-devices';
import { claimedDeviceProblems, hostDeviceProblems } from './vm-host-device-props';
import { noteVmMemoryChecked } from '../validation/host-capacity';

/** Port of Home Assistant's web UI. */
export const HOME_ASSISTANT_PORT = 8123;

/** Where the VM's KubeVirt masquerade network routes: the pod side of the NAT. */
const MASQUERADE_GATEWAY = '10.0.2.1';

/**
 * The VM's two networks and the guest's names for its interfaces on them: the pod network `default`
 * (KubeVirt's own name for it) is the guest's eth0, the IoT VLAN `iot-vlan` its eth1, as a VM with two
 * NICs names them, so the guest's own network settings keep the names they know.
 */
const VM_NETWORKS = {
  pod: { network: 'default', guestInterface: 'eth0' },
  iot: { network: 'iot-vlan', guestInterface: 'eth1' },
} as const;

/** The VM's interface on a host bridge, with a static address. */
export interface VmBridgeInterfaceProps {
  /** The host bridge (`n5.bridges.bridge64`); its VLAN gives the prefix length and the default gateway. */
  readonly bridge: Bridge;
  /** The VM's address on that VLAN, of the VLAN's family: e.g. `192.168.64.2`, or `fd00:64::2` on an IPv6 VLAN. */
  readonly address: string;
  /** Default gateway, of the address's family. @default - the VLAN's gateway */
  readonly gateway?: string;
  /** MAC address of the interface, in either case (written in lower case, as cloud-init matches it). @default - derived from the address (stableMacAddress) */
  readonly macAddress?: string;
}

/** The firmware a VM boots with: UEFI (without Secure Boot) or legacy BIOS. */
export type VmFirmware = 'efi' | 'bios';

/** Options of the Home Assistant VM. */
export interface HomeAssistantVmProps {
  /** Namespace of the VM, its disk claim and network. @default 'vms' */
  readonly namespace?: string;
  /** The existing root disk: `n5.zfs.vms.existingVolume('HomeAssistant', { size: '256Gi' })`. */
  readonly disk: ExistingZfsVolume;
  /** Virtual CPU cores. @default 2 */
  readonly cores?: number;
  /** Guest memory. @default '4Gi' */
  readonly memory?: string;
  /** The IoT interface (bridge binding) that finds devices by mDNS, SSDP and ARP. */
  readonly iot: VmBridgeInterfaceProps;
  /**
   * MAC address of the pod (masquerade) interface, e.g. the existing VM's so that the guest's network
   * configuration, which matches interfaces by MAC, still finds it.
   * @default - derived from the IoT address (stableMacAddress with prefix 1)
   */
  readonly podMacAddress?: string;
  /** DNS servers of the guest, from the inventory. @default - the IoT gateway */
  readonly nameservers?: Array<PoolAddress | string>;
  /**
   * Cluster networks (pods, Services) the guest reaches through its pod interface; everything else
   * leaves through the IoT gateway.
   * @default ['10.244.0.0/16', '10.96.0.0/12'] — kube-router's pod and Service ranges on k0s
   */
  readonly clusterNetworks?: string[];
  /**
   * IPv4 addresses outside the cluster networks that the guest also reaches through its pod interface:
   * load-balancer addresses of this cluster whose services it calls, e.g. the ingress controller's, where an
   * OAuth provider it logs in through answers (`site.pools.ingress.at('…')`). kube-proxy answers them inside
   * the cluster, so the calls stay on the pod network instead of leaving through the IoT gateway. Each is a
   * host route (/32) via KubeVirt's masquerade gateway.
   * @default [] — only the cluster networks go through the pod interface
   */
  readonly podRouteAddresses?: Array<PoolAddress | string>;
  /** Expose the web UI through the cluster's ingress. @default - no route */
  readonly route?: RouteIntent;
  /** Apps and namespaces whose pods may reach the web UI besides the ingress controller. @default [] */
  readonly allowFrom?: AppPeer[];
  /**
   * Whether the guest runs the QEMU guest agent: the liveness probe then pings it,
   * and KubeVirt restarts a VM whose guest stops answering. The web UI is no liveness check, since it is
   * down for minutes while Home Assistant updates.
   * @default false — no liveness probe, recorded on the VM as `security.homelab.dev/missing-probes`
   */
  readonly guestAgent?: boolean;
  /**
   * How the guest boots: `efi` (UEFI without Secure Boot, as Home Assistant OS boots, its images being unsigned)
   * or `bios` (legacy BIOS). An existing disk boots only with the firmware it was installed under, so this is
   * the existing VM's (`virsh dumpxml` shows `firmware='efi'` or a `<loader>` for UEFI).
   * @default 'efi'
   */
  readonly firmware?: VmFirmware;
  /**
   * Labels of the VM and of the pod that runs it, besides `app.kubernetes.io/name` (the VM's name, which
   * its Service selects), e.g. the `app: homeassistant` an existing selector or dashboard looks for.
   * @default - `app.kubernetes.io/name` only
   */
  readonly labels?: Record<string, string>;
  /**
   * Devices of the VM's host passed through to the guest: a Zigbee, Z-Wave or Bluetooth stick declared in the
   * inventory (`n5.usb.zigbee`), or a GPU with its PCI ID (`n5.vmGpu()`). Each must be of the host the VM runs
   * on, the host of its disk's pool. The cluster's KubeVirt CR then permits them (`permitVmHostDevices`).
   * @default [] — no host device
   */
  readonly hostDevices?: VmHostDevice[];
}

/** Why a VM without the guest agent goes without a liveness probe. */
const NO_GUEST_AGENT = 'no guest agent to ping, and the web UI is down for minutes while Home Assistant updates, so a TCP check would restart the VM';

/**
 * The VM's id names the VirtualMachine, its Service (an RFC 1035 label) and the label
 * `app.kubernetes.io/name` of every object it makes: one problem on the id, not one per object. Pure.
 */
function vmIdProblems(id: string): PropProblem[] {
  const problem = nameProblem(id, DNS1035_LABEL);
  const meant = problem === undefined ? undefined : nameMeant(id.replace(/^[^a-zA-Z]+/, ''), DNS1035_LABEL);
  return problem === undefined ? [] : [{
    field: 'id', message: `the VM's id names the VirtualMachine, its Service and their label app.kubernetes.io/name: ${problem}`,
    hint: `give the VM an id of lower-case letters, digits and '-', starting with a letter, at most 63 characters${meant === undefined ? '' : `, e.g. '${meant}'`}`,
  }];
}

/**
 * Both interfaces with one MAC address (copied from the libvirt VM's one interface, or one given the address the
 * other takes by default, derived from the IoT address): the guest's network configuration picks each interface by
 * its MAC, so it could not tell the IoT leg from the pod network's, and would give both the IoT address and route. Pure.
 */
function sharedMacProblems(iotMac: unknown, podMac: unknown, iotAddress: unknown): PropProblem[] {
  const derived = typeof iotAddress === 'string' && parseIpAddress(iotAddress) !== undefined;
  const iot = typeof iotMac === 'string' ? iotMac.toLowerCase() : iotMac === undefined && derived ? stableMacAddress(iotAddress as string) : undefined;
  const pod = typeof podMac === 'string' ? podMac.toLowerCase() : podMac === undefined && derived ? stableMacAddress(iotAddress as string, 1) : undefined;
  if (iot === undefined || iot !== pod) {
    return [];
  }
  const [field, other] = typeof podMac === 'string' ? ['podMacAddress', typeof iotMac === 'string' ? "the IoT interface's macAddress too" : "also the IoT interface's, which is derived from iot.address"]
    : ['iot.macAddress', "also the pod interface's, which is derived from iot.address"];
  return [{
    field, message: `${field} ${pod} is ${other}; each interface of the VM needs its own`,
    hint: `give the ${field === 'podMacAddress' ? 'pod network' : 'IoT'} interface an address of its own, or leave ${field} out for a stable one derived from the IoT address`,
  }];
}

/** The IoT addresses of each cluster's VMs, with the construct path of the VM that holds each. */
const iotAddresses = new WeakMap<ClusterChart, Map<string, string>>();

/**
 * An IoT address another VM of the cluster holds already: both guests would answer for it on the VLAN, and
 * their bridge interfaces, whose MAC address is derived from it, would have one MAC address too.
 */
function sharedIotAddressProblems(cluster: ClusterChart, address: string, vm: string): PropProblem[] {
  const held = iotAddresses.get(cluster) ?? new Map<string, string>();
  iotAddresses.set(cluster, held);
  const owner = held.get(address);
  if (owner === undefined) {
    held.set(address, vm);
    return [];
  }
  return [{
    field: 'iot.address', message: `address ${address} is the IoT address of VM ${owner} already; two guests on one address (and one MAC address derived from it) cut each other off the VLAN`,
    hint: 'give each VM an address of its own on the VLAN',
  }];
}

/** What KubeVirt refuses in an interface's MAC address: anything but six colon-separated hex bytes, or a multicast address. */
function macProblems(mac: string | undefined, field: string): Array<{ field: string; message: string; hint: string }> {
  if (mac === undefined) {
    return [];
  }
  // Windows writes a MAC with dashes and Cisco in dotted groups of four: the same six bytes.
  const digits = typeof mac === 'string' && /^([0-9a-f]{2}-){5}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i.test(mac) ? mac.replace(/[-.]/g, '').toLowerCase() : undefined;
  const hint = digits !== undefined ? `write it with colons: '${digits.match(/../g)!.join(':')}'`
    : "give six hex bytes separated by colons, e.g. '52:54:00:12:34:56' (virsh domiflist <vm> shows the libvirt VM's)";
  if (typeof mac !== 'string' || !/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(mac)) {
    return [{ field, message: `${describeValue(mac)} is not a MAC address`, hint }];
  }
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1
    ? [{ field, message: `${mac} is a multicast address, which no interface may have`, hint: 'give a unicast address: the first byte even' }]
    : [];
}

/**
 * A stable, locally administered unicast MAC address for an IP address (`02:xx:` + the last four address
 * bytes: all of an IPv4 address, the interface part's end of an IPv6 one), so the guest's interface keeps
 * its identity across restarts. Pure.
 */
export function stableMacAddress(address: string, prefix = 0): string {
  const value = parseIpAddress(address)?.value ?? 0n;
  const bytes = [2, prefix, ...[24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The guest's netplan (cloud-init network config v2): DHCP on the pod side, static on the IoT side. */
export function homeAssistantNetworkData(options: {
  readonly podMac: string;
  readonly iotMac: string;
  readonly iotAddress: string;
  readonly gateway?: string;
  readonly nameservers: string[];
  readonly clusterNetworks: string[];
  /** Single addresses routed through the pod interface as well. @default [] */
  readonly podRouteAddresses?: readonly string[];
}): string {
  const data = {
    version: 2,
    ethernets: {
      [VM_NETWORKS.pod.guestInterface]: {
        match: { macaddress: options.podMac },
        'set-name': VM_NETWORKS.pod.guestInterface,
        dhcp4: true,
        'dhcp4-overrides': { 'use-routes': false, 'use-dns': false },
        routes: [...options.clusterNetworks, ...(options.podRouteAddresses ?? []).map((address) => `${address}/32`)].map((to) => ({ to, via: MASQUERADE_GATEWAY })),
      },
      [VM_NETWORKS.iot.guestInterface]: {
        match: { macaddress: options.iotMac },
        'set-name': VM_NETWORKS.iot.guestInterface,
        addresses: [options.iotAddress],
        ...(options.gateway ? { routes: [{ to: 'default', via: options.gateway }] } : {}),
        nameservers: { addresses: options.nameservers },
      },
    },
  };
  return yaml.dump(data, { lineWidth: -1, sortKeys: false });
}

/**
 * The problems of the VM's IoT address: no IP address, or one outside the VLAN its bridge carries (the
 * VM would answer on no address its neighbours route to); a gateway of the other family (no default
 * route of the address's family). Pure.
 */
/**
 * Nameservers that are no address: the guest's network configuration lists resolvers by address only,
 * so a host name (`dns.google`) or a typo leaves the guest without DNS. Pool addresses are addresses already.
 */
function nameserverProblems(nameservers: unknown): PropProblem[] {
  if (!Array.isArray(nameservers)) {
    return []; // the props' shape reports it
  }
  return nameservers.flatMap((nameserver, i) => {
    const address = typeof nameserver === 'object' && nameserver !== null && typeof (nameserver as PoolAddress).address === 'string'
      ? (nameserver as PoolAddress).address : nameserver;
    const problem = ipAddressProblem(address, "give the resolver's IPv4 or IPv6 address, e.g. '192.168.64.1' or 'fd00:64::1', or an address of a pool: site.pools.dns.at('…')", 'nameserver');
    // Several resolvers in one text, as resolv.conf or a router's form lists them, are the list's entries.
    const split = problem ? splitEntryHint('nameservers', nameservers, i, (item) => parseIpAddress(item) !== undefined) : undefined;
    return problem ? [{ field: `nameservers[${i}]`, ...problem, ...(split ? { message: `nameserver ${describeValue(nameserver)} holds several addresses in one text`, hint: split } : {}) }] : [];
  });
}

/**
 * Addresses routed through the pod interface that are no IPv4 address (the pod interface has IPv4 only), or
 * that lie on the IoT interface's VLAN: the guest reaches its neighbours there on the link, and a host route
 * to the pod network would take one of them out of its reach. Pool addresses are addresses already. Pure.
 */
function podRouteAddressProblems(addresses: unknown, iotVlan: Vlan | undefined): PropProblem[] {
  return (Array.isArray(addresses) ? addresses : []).flatMap((entry, i): PropProblem[] => {
    const address = typeof entry === 'object' && entry !== null && typeof (entry as PoolAddress).address === 'string' ? (entry as PoolAddress).address : entry;
    const field = `podRouteAddresses[${i}]`;
    const problem = ipAddressProblem(address, "give a load-balancer address of this cluster, e.g. site.pools.ingress.at('192.168.8.50')", 'pod route address', 4);
    if (problem) {
      return [{ field, ...problem, ...(parseIpAddress(address)?.family === 6 ? { hint: "the pod interface has IPv4 only: give the service's IPv4 load-balancer address, or leave it out" } : {}) }];
    }
    return iotVlan !== undefined && iotVlan.contains(address as string) ? [{
      field,
      message: `pod route address ${address as string} is on VLAN "${iotVlan.name}" (${iotVlan.cidr}), the IoT interface's own network: a route to the pod interface would take that neighbour out of the guest's reach`,
      hint: "give only addresses of this cluster's load balancers, which are off the IoT VLAN, or leave it out",
    }] : [];
  });
}

/**
 * A bridge of another host than the disk's pool: the VM runs where its volume is pinned, and there the
 * bridge CNI would make a bridge of that name with no uplink, so the guest's IoT interface reaches nothing. Pure.
 */
function bridgeHostProblems(disk: unknown, iot: VmBridgeInterfaceProps): PropProblem[] {
  const pool = disk instanceof Object ? (disk as Partial<ExistingZfsVolume>).pool : undefined;
  const bridge = iot.bridge;
  if (!(pool instanceof ZfsPool) || !(bridge instanceof Bridge) || bridge.host === pool.host) {
    return [];
  }
  return [{
    field: 'iot.bridge',
    message: `bridge ${bridge.name} is on host ${bridge.host.name}, but the VM runs on ${pool.host.name}, where its disk's pool ${pool.name} is; there the bridge CNI would make a ${bridge.name} with no uplink`,
    hint: `declare the bridge on ${pool.host.name} (bridges: { ${bridge.name}: { vlan } }) and pass ${pool.host.name}.bridges.${bridge.name}, or take the disk from a pool of ${bridge.host.name}`,
  }];
}

/**
 * Nameservers that are the network or broadcast address of a VLAN (the subnet-router anycast address of an
 * IPv6 one): no resolver answers there, so the guest would resolve no name. Pure.
 */
function nameserverVlanProblems(nameservers: unknown, vlans: readonly Vlan[]): PropProblem[] {
  return (Array.isArray(nameservers) ? nameservers : []).flatMap((nameserver, i): PropProblem[] => {
    const address = typeof nameserver === 'string' ? nameserver : (nameserver as PoolAddress | undefined)?.address;
    if (typeof address !== 'string' || parseIpAddress(address) === undefined) {
      return [];
    }
    const vlan = vlans.find((v) => v.reservedRole(address) !== undefined && v.reservedRole(address) !== 'gateway');
    return vlan === undefined ? [] : [{
      field: `nameservers[${i}]`,
      message: `nameserver ${address} is the ${vlan.reservedRole(address)} of VLAN "${vlan.name}" (${vlan.cidr}), where no resolver answers: the guest would resolve no name`,
      hint: `give the resolver's own address${vlan.gateway !== undefined ? ` (e.g. ${vlan.gateway}, the VLAN's gateway, if it answers DNS)` : ''}, or leave nameservers out to use the gateway`,
    }];
  });
}

function iotAddressProblems(iot: VmBridgeInterfaceProps): PropProblem[] {
  const problem = ipAddressProblem(iot.address, "give the VM's address on the bridge's VLAN, e.g. '192.168.64.2', or 'fd00:64::2' on an IPv6 VLAN");
  if (problem) {
    return [{ field: 'iot.address', ...problem }];
  }
  const vlan = iot.bridge?.vlan;
  if (vlan && !vlan.contains(iot.address)) {
    return [{
      field: 'iot.address',
      message: `address ${iot.address} is outside VLAN "${vlan.name}" (${vlan.cidr}), which bridge ${iot.bridge.name} carries`,
      hint: `take an address of ${vlan.cidr}`,
    }];
  }
  // The network and broadcast addresses are no machine's, and the gateway is the router's: the guest
  // would answer ARP for its neighbours' router, or hold an address nothing delivers to.
  const role = vlan?.reservedRole(iot.address);
  if (vlan && role !== undefined) {
    const network = vlan.network!;
    const free = [1n, 2n, 3n].map((n) => formatIpAddress(network.family, network.first + n)).find((a) => vlan.reservedRole(a) === undefined && a !== iot.address);
    return [{
      field: 'iot.address',
      message: `address ${iot.address} is the ${role} of VLAN "${vlan.name}" (${vlan.cidr}), which no VM can hold`,
      hint: `take a free address of ${vlan.cidr} for the VM${free !== undefined ? `, e.g. ${free}` : ''}`,
    }];
  }
  const gateway = iot.gateway === undefined ? undefined
    : ipAddressProblem(iot.gateway, "give the router's address on the VLAN, of the VM address's family", 'gateway', parseIpAddress(iot.address)!.family);
  if (gateway) {
    return [{ field: 'iot.gateway', ...gateway }];
  }
  // A default route via an address off the VLAN is no route: the guest cannot reach it on the link.
  if (vlan && iot.gateway !== undefined && !vlan.contains(iot.gateway)) {
    return [{
      field: 'iot.gateway',
      message: `gateway ${iot.gateway} is outside VLAN "${vlan.name}" (${vlan.cidr}), so the guest cannot reach it`,
      hint: vlan.gateway !== undefined ? `leave gateway out for the VLAN's own (${vlan.gateway}), or give a router on ${vlan.cidr}` : `give a router's address on ${vlan.cidr}`,
    }];
  }
  // A default route via the VM's own address, or via an address no machine holds, leads nowhere.
  const gatewayRole = vlan && iot.gateway !== undefined ? (parseIpAddress(iot.gateway)?.value === parseIpAddress(iot.address)?.value ? "VM's own address" : vlan.reservedRole(iot.gateway)) : undefined;
  if (vlan && gatewayRole !== undefined && gatewayRole !== 'gateway') {
    return [{
      field: 'iot.gateway',
      message: `gateway ${iot.gateway} is the ${gatewayRole}${gatewayRole.startsWith('VM') ? '' : ` of VLAN "${vlan.name}" (${vlan.cidr})`}, so the guest's default route leads nowhere`,
      hint: vlan.gateway !== undefined ? `leave gateway out for the VLAN's own (${vlan.gateway}), or give the router's address on ${vlan.cidr}` : `give the router's address on ${vlan.cidr}`,
    }];
  }
  return [];
}

/**
 * Cluster networks that take in a VLAN of the site: the guest routes them to its pod interface, so the
 * machines of that VLAN (its own IoT neighbours, among them) would be out of its reach. Pure.
 */
function clusterNetworkVlanProblems(networks: readonly string[] | undefined, vlans: readonly Vlan[]): PropProblem[] {
  const written = networks ?? DEFAULT_CLUSTER_NETWORKS;
  return written.flatMap((network, i): PropProblem[] => {
    const bounds = networkBounds(network);
    const taken = vlans.filter((v) => bounds !== undefined && v.network !== undefined && v.network.family === bounds.family
      && v.network.first <= bounds.last && bounds.first <= v.network.last);
    return taken.length === 0 ? [] : [{
      field: networks === undefined ? 'clusterNetworks' : `clusterNetworks[${i}]`,
      message: `${networks === undefined ? `the default cluster network ${network}` : `"${network}"`} takes in ${taken.map((v) => `VLAN ${v.id} (${v.name}, ${v.cidr})`).join(', ')}: `
        + "the guest would route its addresses to the pod interface, out of the VM's reach on the LAN",
      hint: networks === undefined
        ? "give the cluster's own pod and Service ranges, which no VLAN of the site is in: clusterNetworks: ['<pods>', '<Services>']"
        : "give only the cluster's pod and Service ranges, e.g. '10.244.0.0/16' and '10.96.0.0/12', which no VLAN of the site may be in",
    }];
  });
}

/** The cluster networks the guest routes to its pod interface unless told: kube-router's pod and Service ranges on k0s. */
const DEFAULT_CLUSTER_NETWORKS: readonly string[] = ['10.244.0.0/16', '10.96.0.0/12'];

/** Cluster networks that are no CIDR block: the guest routes networks to its pod interface, and an address without its prefix is a typo for one. Pure. */
function clusterNetworkProblems(networks: unknown): PropProblem[] {
  return (Array.isArray(networks) ? networks : []).flatMap((network, i): PropProblem[] =>
    typeof network !== 'string' || parseIpBlock(network) !== undefined ? [] : [{
      field: `clusterNetworks[${i}]`, message: `${describeValue(network)} is no CIDR block`,
      hint: "write the network as address/prefix, e.g. '10.244.0.0/16' for the pods and '10.96.0.0/12' for the Services",
    }]);
}

/**
 * The guest's memory, its request and limit, when it is more than the host the disk's pool pins the VM to
 * has (`memoryGigabytes`, counted in GiB as the pods' check counts it): the VM would never start there.
 * A warning, as a pod's request above its hosts is. Pure.
 */
function memoryOverHost(memory: string, pool: ZfsPool): { message: string; hint: string } | undefined {
  const host = pool.host;
  const wanted = quantityValue(memory);
  if (host.memoryGigabytes === undefined || wanted === undefined || wanted <= host.memoryGigabytes * 2 ** 30) {
    return undefined;
  }
  return {
    message: `the guest's memory ${memory} is more than host ${host.name} has (${host.memoryGigabytes} GB), where the disk's pool ${pool.name} runs the VM; it would never be scheduled`,
    hint: `give the guest less than the host has, e.g. memory: '${Math.max(1, Math.floor(host.memoryGigabytes / 2))}Gi', or take the disk from a pool of a larger host`,
  };
}

/**
 * Home Assistant as a KubeVirt VM: EFI without Secure Boot, its existing zvol imported as a
 * static volume for the root disk, a masquerade interface on the pod network and a bridge interface on
 * the IoT VLAN through Multus, a static address by cloud-init, and a Service (and route) for 8123.
 */
export class HomeAssistantVm extends Construct {
  /** Name of the VM, its Service and route. */
  public readonly name: string;
  /** Namespace of the VM. */
  public readonly namespace: string;
  /** The VirtualMachine. */
  public readonly virtualMachine: VirtualMachine;
  /** The Service in front of the web UI. */
  public readonly service: ApiObject;

  constructor(scope: Construct, id: string, props: HomeAssistantVmProps) {
    super(scope, id);
    requireProps(this, 'HomeAssistantVm', props, HOME_ASSISTANT_VM_PROPS_SHAPE, {
      required: [
        ['disk', "pass the existing root disk: disk: myHost.zfs.<pool>.existingVolume('<name>', { size: '256Gi' })"],
        ['iot', "give the IoT interface: iot: { bridge: myHost.bridges.<name>, address: '<address on that VLAN>' }"],
        // In plain JavaScript, a bridge name the host does not have reads as undefined.
        ['iot.bridge', "give a bridge of the inventory, one its host declares (bridges: { br64: { vlan } }): iot: { bridge: myHost.bridges.br64 }"],
        ['iot.address', "give the VM's address on the bridge's VLAN, e.g. iot: { address: '192.168.64.2' }"],
        ROUTE_HOST_REQUIRED,
      ],
    });
    rejectPropProblems(this, 'HomeAssistantVm', [
      ...vmIdProblems(id),
      ...existingVolumeProblems(props.disk, 'disk'),
      ...iotAddressProblems(props.iot),
      ...bridgeHostProblems(props.disk, props.iot),
      ...[props.memory === undefined ? undefined : sizeProblem(props.memory, 'memory')].flatMap((problem) => (problem ? [{ field: 'memory', ...problem }] : [])),
      ...peerProblems(props.allowFrom, 'allowFrom', false, this.node.scopes.find((scope) => scope instanceof ClusterChart)),
      ...macProblems(props.iot.macAddress, 'iot.macAddress'),
      ...macProblems(props.podMacAddress, 'podMacAddress'),
      ...sharedMacProblems(props.iot.macAddress, props.podMacAddress, props.iot.address),
      ...nameserverProblems(props.nameservers),
      ...clusterNetworkProblems(props.clusterNetworks),
      ...podRouteAddressProblems(props.podRouteAddresses, props.iot.bridge?.vlan),
      // Checked on the prop, once, rather than on the VM, its pod template and the objects that carry them.
      ...labelMapProblems(props.labels, 'labels'),
    ]);
    const cluster = ClusterChart.of(this);
    rejectPropProblems(this, 'HomeAssistantVm', hostDeviceProblems(props.hostDevices, props.disk, cluster.hosts));
    const hostDevices = props.hostDevices ?? [];
    rejectPropProblems(this, 'HomeAssistantVm', claimedDeviceProblems(cluster, hostDevices, this.node.path));
    permitVmHostDevices(this, hostDevices);
    rejectPropProblems(this, 'HomeAssistantVm', [
      ...clusterNetworkVlanProblems(props.clusterNetworks, Object.values(cluster.site.vlans)),
      ...nameserverVlanProblems(props.nameservers, [...(props.iot.bridge?.vlan ? [props.iot.bridge.vlan] : []), ...Object.values(cluster.site.vlans)]),
      ...sharedIotAddressProblems(cluster, props.iot.address, this.node.path),
      // The route's props are judged as an App's are, on the prop rather than on the route object rendered from them.
      ...(props.route ? [...routeHostPropProblems(props.route.host, (label) => cluster.hostname(label), cluster.domain, 'route.host'), ...routeIntentProblems(props.route, 'route')] : []),
      ...rootOnlyRouteProblems(props.route, 'Home Assistant', 'serves its frontend, API and websocket from the root of its host name, and has no setting for a prefix'),
      ...onePortRouteProblems(props.route, 'Home Assistant', HOME_ASSISTANT_PORT),
    ]);
    rejectTierProblem(this, 'HomeAssistantVm', poolWithoutTierProblem(cluster, props.disk, 'disk'));
    this.name = id;
    this.namespace = props.namespace ?? 'vms';
    const labels = { [APP_NAME_LABEL]: this.name };
    cluster.namespaces.ensure(this.namespace, {
      podSecurity: 'privileged',
      reason: `${this.name}: KubeVirt's virt-launcher runs QEMU with the devices and capabilities a VM needs`,
    });

    const disk = new StaticZfsVolume(this, 'disk', {
      volume: props.disk, namespace: this.namespace, claimName: `${this.name}-disk`, labels,
    });
    const network = sharedBridgeNetwork(cluster, this, 'iot-network', { bridge: props.iot.bridge, namespace: this.namespace });

    const vlan = props.iot.bridge.vlan;
    // A VLAN the inventory refused (`vlan: 64`) is its finding already, on the bridge.
    if (!vlan && !props.iot.bridge.problems.some((p) => p.field === 'vlan')) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: 'iot.bridge',
        message: `bridge ${props.iot.bridge.name} of host ${props.iot.bridge.host.name} carries no VLAN, so the address has no prefix`,
        hint: 'give the bridge its `vlan` in the inventory',
      });
    }
    const iotAddress = vlan ? vlan.interfaceAddress(props.iot.address) : `${props.iot.address}/32`;
    const gateway = props.iot.gateway ?? vlan?.gateway;
    // In lower case: cloud-init matches the guest's interfaces by MAC as written, and the kernel lists them in lower case.
    const iotMac = props.iot.macAddress?.toLowerCase() ?? stableMacAddress(props.iot.address);
    const podMac = props.podMacAddress?.toLowerCase() ?? stableMacAddress(props.iot.address, 1);
    const nameservers = (props.nameservers ?? (gateway ? [gateway] : [])).map((n) => (typeof n === 'string' ? n : n.address));

    const memory = props.memory ?? '4Gi';
    const overHost = memoryOverHost(memory, props.disk.pool);
    noteVmMemoryChecked(this);
    if (overHost !== undefined) {
      reportFinding(this, { layer: 'inventory', severity: 'warning', field: 'memory', ...overHost });
    }
    if (props.labels?.[APP_NAME_LABEL] !== undefined) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `labels.${APP_NAME_LABEL}`,
        message: `${APP_NAME_LABEL} is the VM's name, which its Service selects`, hint: 'name the VM by its id, or give the label under another key',
      });
    }
    const vmLabels = { ...props.labels, ...labels };
    const missingProbes = missingProbesReason([{ container: this.name, missing: props.guestAgent ? [] : ['liveness'], switchedOff: false }], NO_GUEST_AGENT, false);
    const annotations = missingProbes === undefined ? undefined : { [`${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.probes}`]: missingProbes };
    this.virtualMachine = new VirtualMachine(this, 'vm', {
      metadata: { name: this.name, namespace: this.namespace, labels: vmLabels, annotations },
      spec: {
        runStrategy: 'Always',
        template: {
          metadata: { labels: vmLabels, annotations },
          spec: {
            // Traffic waits for the web UI; the Service's endpoints follow the VMI's readiness.
            readinessProbe: { tcpSocket: { port: VirtualMachineSpecTemplateSpecReadinessProbeTcpSocketPort.fromNumber(HOME_ASSISTANT_PORT) }, initialDelaySeconds: 60, periodSeconds: 10, failureThreshold: 3 },
            // KubeVirt's guest agent probe: no port, the agent answers over its virtio channel.
            livenessProbe: props.guestAgent ? { guestAgentPing: {}, initialDelaySeconds: 120, periodSeconds: 30, failureThreshold: 6 } : undefined,
            domain: {
              cpu: { cores: props.cores ?? 2 },
              memory: { guest: VirtualMachineSpecTemplateSpecDomainMemoryGuest.fromString(memory) },
              // The guest's memory is its limit too: KubeVirt adds the launcher's overhead to the pod's
              // request and limit, so the VM cannot take more of the node than it was given.
              resources: {
                requests: { memory: VirtualMachineSpecTemplateSpecDomainResourcesRequests.fromString(memory) },
                limits: { memory: VirtualMachineSpecTemplateSpecDomainResourcesLimits.fromString(memory) },
              },
              // Home Assistant OS boots by UEFI; its images are not signed for Secure Boot. BIOS is KubeVirt's own default.
              firmware: (props.firmware ?? 'efi') === 'efi' ? { bootloader: { efi: { secureBoot: false } } } : undefined,
              devices: {
                disks: [
                  { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 },
                  { name: 'cloudinit', disk: { bus: 'virtio' } },
                ],
                interfaces: [
                  { name: VM_NETWORKS.pod.network, masquerade: {}, macAddress: podMac },
                  { name: VM_NETWORKS.iot.network, bridge: {}, macAddress: iotMac },
                ],
                // A GPU too goes under hostDevices, a PCI device passed whole: `gpus` would need KubeVirt's GPU gate as well.
                hostDevices: hostDevices.length > 0
                  ? hostDevices.map((device, i) => ({ name: device.bus === 'usb' ? device.name : `gpu${i}`, deviceName: device.resourceName }))
                  : undefined,
              },
            },
            networks: [
              { name: VM_NETWORKS.pod.network, pod: {} },
              { name: VM_NETWORKS.iot.network, multus: { networkName: `${network.namespace}/${network.networkName}` } },
            ],
            volumes: [
              { name: 'root', persistentVolumeClaim: { claimName: disk.claim.name } },
              {
                name: 'cloudinit',
                cloudInitNoCloud: {
                  networkData: homeAssistantNetworkData({
                    podMac, iotMac, iotAddress, gateway, nameservers,
                    clusterNetworks: props.clusterNetworks ?? [...DEFAULT_CLUSTER_NETWORKS],
                    podRouteAddresses: (props.podRouteAddresses ?? []).map((a) => (typeof a === 'string' ? a : a.address)),
                  }),
                },
              },
            ],
          },
        },
      },
    });

    this.service = new ApiObject(this, 'service', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        selector: labels,
        ports: [{ name: 'http', port: HOME_ASSISTANT_PORT, targetPort: HOME_ASSISTANT_PORT }],
      },
    });
    // The VM's pod gets the same default-deny ingress as an app: the ingress controller on 8123 when routed.
    const policy = appNetworkPolicy({
      name: this.name, namespace: this.namespace, labels, podLabels: labels,
      ports: [{ name: 'http', port: HOME_ASSISTANT_PORT }],
      routedServicePorts: props.route ? [HOME_ASSISTANT_PORT] : [],
      exposedToAll: [], ingressPeer: cluster.routes.ingressPeer, knative: false, allowFrom: props.allowFrom ?? [], egress: 'any',
    });
    new RenderedObject(this, 'network-policy', { ...policy.typeFor(cluster.networkPolicy), metadata: policy.metadata }, () => policy.bodyFor(cluster.networkPolicy));
    const hostname = props.route ? cluster.hostname(props.route.host) : undefined;
    if (props.route && hostname !== undefined
      && claimRoutePaths(this, cluster, { hostname, paths: intentPaths(props.route, 'route'), hostField: 'route.host', route: 'route' })) {
      cluster.routes.renderRoute(this, {
        name: this.name,
        namespace: this.namespace,
        hostname,
        path: props.route.path ?? '/',
        serviceName: this.name,
        servicePort: HOME_ASSISTANT_PORT,
        maxBodySize: routeBodyLimit(props.route.maxBodySize),
        labels,
        annotations: cluster.dnsAnnotations(),
      });
      // Home Assistant refuses a request that carries X-Forwarded-For (as every request through the ingress
      // does) from a peer it does not trust as a proxy: a bare 400, whatever its configuration otherwise says.
      // The ingress controller reaches the guest from the pod network, through the masquerade gateway.
      const proxies = [...(props.clusterNetworks ?? DEFAULT_CLUSTER_NETWORKS), MASQUERADE_GATEWAY];
      leaveOwnerAction(this, {
        kind: 'manual',
        action: `Home Assistant answers 400 Bad Request to every request through the ingress (https://${hostname}) until it trusts the ingress controller as a proxy: `
          + `in its configuration.yaml, under http:, set use_x_forwarded_for: true and add ${proxies.join(', ')} to trusted_proxies `
          + `(the cluster networks the ingress controller reaches the guest from, and KubeVirt's masquerade gateway; keep the entries already there); `
          + 'the disk is the existing one, so this can be done before the cutover, in the VM that runs it now, and restarted there; '
          + `its log names the refused proxy ("Received X-Forwarded-For header from an untrusted proxy")`,
        // The configuration.yaml block, as file text to merge into the guest's own.
        command: ['http:', '  use_x_forwarded_for: true', '  trusted_proxies:', ...proxies.map((proxy) => `    - ${proxy}`)].join('\n'),
      });
    }
  }
}
