import { processRecord } from '../synth/process-records';
import { Bridge, BridgeProps, DEVICE_NAME, deviceVlanProblem } from './bridge';
import { Gpu, GpuSpec, GpuVendor, modelVendor } from './gpu';
import { addressMeant, canonicalIp, ipAddressProblem, parseIpAddress } from './ip-address';
import { Fact, factValue, isPlaceholder, PendingFact, PendingFacts } from './placeholder';
import { builtInObjectProblem, describeValue, InventoryObject, InventoryProblem, nameAndFacts, objectText, withNameProblem } from './problems';
import { Vlan } from './vlan';
import { ZfsPool, ZfsPoolProps } from './zfs-pool';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, externalNameProblem, HOSTNAME, LABEL_VALUE, nameMeant, nameProblem, NameRule } from '../validation/dns-names';
import { specialIpKind } from '../validation/special-ips';
import { nonPublicAddressKind } from './public-address';
import { qualifiedNameProblem } from '../validation/syntax';
import { closestName } from '../validation/closest-name';
import { factWithValue, habitFact, writtenAmount } from './fact-habits';
import { workloadRoleLabel } from './node-labels';
import { DEVICE_ID, UsbDeviceProps, VmHostDevice, vmDeviceResourceName } from './vm-host-device';

/** A node's name: a DNS subdomain that also fits the 63 characters of its `kubernetes.io/hostname` label. */
const NODE_NAME: NameRule = { ...DNS1123_SUBDOMAIN, title: 'a node name (an RFC 1123 subdomain of at most 63 characters)', maxLength: 63 };

/** CPU architecture, as the `kubernetes.io/arch` node label spells it. */
export type Arch = 'amd64' | 'arm64';

/** What a node does in its cluster. */
export type NodeRole = 'control-plane' | 'worker';

/** A taint on a node, as `kubectl taint` sets it. */
export interface Taint {
  /** Taint key, e.g. `dedicated`. */
  readonly key: string;
  /** Taint value. @default - none */
  readonly value?: string;
  /** What the taint does to pods that do not tolerate it. */
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A disk of a machine, for the inventory's record of its hardware. */
export interface HostDisk {
  /** Kind of disk. */
  readonly media: 'hdd' | 'ssd' | 'nvme';
  /** Size in gigabytes (as sold: 512 for a 512 GB disk). */
  readonly sizeGigabytes: number;
}

/** A network interface of a host on a VLAN besides the one its address is on, e.g. the VLAN subinterface `eno1.8`. */
export interface VlanInterfaceProps {
  /** The VLAN the interface is on. */
  readonly vlan: Vlan;
  /** The interface's device name, e.g. `eno1.8`; may be a placeholder. */
  readonly device: Fact<string>;
}

/** A host's interface on a VLAN. */
export interface VlanInterface {
  /** The VLAN the interface is on. */
  readonly vlan: Vlan;
  /** Device name. */
  readonly device: string;
}

/** Facts about one Kubernetes node. */
export interface HostProps<P extends string = string, B extends string = string, U extends string = string> {
  /** CPU architecture; may be a placeholder. */
  readonly arch: Fact<Arch>;
  /** Roles in its cluster. @default ['worker'] */
  readonly roles?: NodeRole[];
  /**
   * Address on the home network (or the public address of a VPS), IPv4 (`192.168.1.10`) or, for a host
   * on an IPv6-only network, IPv6 (`fd00::10`); may be a placeholder.
   */
  readonly address: Fact<string>;
  /**
   * The host's IPv6 address beside its IPv4 `address`, on a dual-stack network (`fd00::10`): network
   * policies that name the node admit both, and it is a machine address no pool may cover. Kept in
   * RFC 5952's compressed lowercase form. @default - none (the host has `address` only)
   */
  readonly ipv6Address?: Fact<string>;
  /** Public address, IPv4 or IPv6, for hosts reachable from the internet. @default - none */
  readonly publicAddress?: Fact<string>;
  /** The node's name in Kubernetes (`kubernetes.io/hostname`). @default - the host name */
  readonly nodeName?: Fact<string>;
  /**
   * CPU cores (threads, as `nproc` counts them), which the pods' requests are checked against; may be a
   * placeholder, whose stand-in is checked against until the owner gives the real count. @default - unknown
   */
  readonly cores?: Fact<number>;
  /**
   * Memory in gigabytes, which the pods' requests are checked against; may be a placeholder, whose stand-in
   * is checked against until the owner gives the real amount. @default - unknown
   */
  readonly memoryGigabytes?: Fact<number>;
  /** CPU model, e.g. `Intel Core i7-6700`. @default - unknown */
  readonly cpuModel?: string;
  /** Disks. @default [] */
  readonly disks?: HostDisk[];
  /** Hardware model, e.g. `HP EliteDesk 800 G2`. @default - unknown */
  readonly model?: string;
  /** GPUs in the host; a vendor or model may be a placeholder. @default [] */
  readonly gpus?: GpuSpec[];
  /** ZFS pools by pool name. @default {} */
  readonly zfsPools?: Record<P, ZfsPoolProps>;
  /**
   * USB devices plugged into the host that a KubeVirt VM may be given (a Zigbee or Z-Wave stick), by a name of
   * lower-case letters, digits and '-': `{ zigbee: { vendorId: '10c4', productId: 'ea60' } }`, the `ID` that
   * `lsusb` shows. A VM refers to one as `host.usb.zigbee`. @default {}
   */
  readonly usbDevices?: Record<U, UsbDeviceProps>;
  /** Linux bridges by device name. @default {} */
  readonly bridges?: Record<B, BridgeProps>;
  /**
   * Interfaces on VLANs other than the one of `address` (a load balancer answers for a VLAN's addresses
   * only from a host with a leg on it). @default []
   */
  readonly vlanInterfaces?: VlanInterfaceProps[];
  /** Taints that keep ordinary workloads away. @default [] */
  readonly taints?: Taint[];
  /**
   * Workload roles the host is set aside for (e.g. `monitoring`, `ci-cd`).
   * Placement by role pins a workload to the hosts that list it.
   * @default []
   */
  readonly workloadRoles?: string[];
  /**
   * Other things the host provides, e.g. `registry`, `nfs-server`, `docker`. `docker-swarm` says Docker runs
   * there in swarm mode (Dokploy's, for one): Docker's socket and data folder are there as with `docker`, and it
   * holds ports 2377, 7946 and 4789 of the host, so a platform component or a pod on the host network that needs
   * one of them is refused. @default []
   */
  readonly services?: string[];
  /**
   * Why the host is a node of more than one cluster (e.g. a sandbox cluster beside the main one on the same
   * machine). Without it, a host in two clusters fails synthesis: two clusters would fight over its kubelet.
   * @default - the host belongs to at most one cluster
   */
  readonly shared?: string;
}

/** A Kubernetes node of the inventory. Its pools, bridges and USB devices are typed: `n5.zfs.ai`, `n5.bridges.bridge64`, `n5.usb.zigbee`. */
export class Host<P extends string = string, B extends string = string, U extends string = string> implements InventoryObject {
  /** CPU architecture. */
  public readonly arch: Arch;
  /** Roles in its cluster. */
  public readonly roles: readonly NodeRole[];
  /** Home-network address, IPv4 or IPv6 (in RFC 5952's form). */
  public readonly address: string;
  /** IPv6 address beside an IPv4 `address`, on a dual-stack network. */
  public readonly ipv6Address?: string;
  /** Every home-network address of the host: `address`, then `ipv6Address` when it has one. */
  public readonly addresses: readonly string[];
  /** Whether `address` is a placeholder's stand-in, not yet the host's real address. */
  public readonly addressIsPlaceholder: boolean;
  /** Public address, when reachable from the internet. */
  public readonly publicAddress?: string;
  /** Node name in Kubernetes. */
  public readonly nodeName: string;
  /** CPU cores, when known (a value that is no positive number is the host's error, and not known). */
  public readonly cores?: number;
  /** Memory in gigabytes, when known (a value that is no positive number is the host's error, and not known). */
  public readonly memoryGigabytes?: number;
  /** Which of `cores` and `memoryGigabytes` are placeholders' stand-ins, not yet the host's real amounts. */
  public readonly placeholderSizes: readonly ('cores' | 'memoryGigabytes')[];
  /** CPU model, when known. */
  public readonly cpuModel?: string;
  /** Disks. */
  public readonly disks: readonly HostDisk[];
  /** Hardware model, when known. */
  public readonly model?: string;
  /** GPUs. */
  public readonly gpus: readonly Gpu[];
  /**
   * Whether `gpus` was written in a form reported as this host's problem (a vendor that is none, a GPU as text):
   * a workload asking for a GPU is answered by that problem, not by another on the workload.
   * @internal
   */
  public readonly gpusMisdeclared: boolean;
  /** ZFS pools by name. */
  public readonly zfs: Readonly<Record<P, ZfsPool>>;
  /** Bridges by device name. */
  public readonly bridges: Readonly<Record<B, Bridge>>;
  /** USB devices a VM may be given, by name; malformed ones are reported and left out. */
  public readonly usb: Readonly<Record<U, VmHostDevice>>;
  /** Interfaces on VLANs besides the one of the address; malformed ones are reported and left out. */
  public readonly vlanInterfaces: readonly VlanInterface[];
  /** Taints. */
  public readonly taints: readonly Taint[];
  /** Workload roles. */
  public readonly workloadRoles: readonly string[];
  /** Other services the host provides. */
  public readonly services: readonly string[];
  /** Why the host may be a node of more than one cluster, when it may. */
  public readonly shared?: string;
  /** Problems in the host's facts. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the host is, for findings. */
  public readonly inventoryPath: string;
  private readonly facts: PendingFacts;
  /** Where each placeholder for the name of an interface on a VLAN is set, with that VLAN's id. */
  private readonly interfaceFacts: { readonly where: string; readonly vlan: number }[] = [];

  constructor(
    /** Inventory name of the host. */
    public readonly name: string,
    props: HostProps<P, B, U>,
  ) {
    this.inventoryPath = `inventory/host/${name}`;
    this.facts = new PendingFacts(`host ${name}`, this.problems);
    const given = props ?? ({} as HostProps<P, B, U>);
    // Placeholders stand in for facts the owner has not given yet; the host works with their values.
    props = {
      ...given,
      arch: this.facts.read(given.arch, 'arch'),
      address: this.facts.read(given.address, 'address'),
      ...(given.ipv6Address !== undefined ? { ipv6Address: this.facts.read(given.ipv6Address, 'ipv6Address') } : {}),
      ...(given.publicAddress !== undefined ? { publicAddress: this.facts.read(given.publicAddress, 'publicAddress') } : {}),
      ...(given.nodeName !== undefined ? { nodeName: this.facts.read(given.nodeName, 'nodeName') } : {}),
      ...(given.cores !== undefined ? { cores: this.facts.read(given.cores, 'cores') } : {}),
      ...(given.memoryGigabytes !== undefined ? { memoryGigabytes: this.facts.read(given.memoryGigabytes, 'memoryGigabytes') } : {}),
      ...(Array.isArray(given.vlanInterfaces) ? {
        vlanInterfaces: given.vlanInterfaces.map((link, index) => {
          const device = this.facts.read(link?.device, `vlanInterfaces[${index}].device`);
          if (isPlaceholder(link?.device) && link.vlan instanceof Vlan) {
            this.interfaceFacts.push({ where: this.facts.list[this.facts.list.length - 1].where, vlan: link.vlan.id });
          }
          return { ...link, device };
        }),
      } : {}),
      ...(Array.isArray(given.gpus) ? {
        // An entry that is no object (a vendor written alone) is left as given, for the check to name it.
        gpus: given.gpus.map((gpu, index) => (typeof gpu !== 'object' || gpu === null ? gpu : {
          ...gpu,
          vendor: this.facts.read(gpu.vendor, `gpus[${index}].vendor`),
          model: this.facts.read(gpu.model, `gpus[${index}].model`),
        })),
      } : {}),
    } as HostProps<P, B, U>;
    this.problems.push(...hostProblems(name, props));
    this.shared = props.shared;
    this.arch = props.arch as Arch;
    // Roles written as another tool names them are reported (hostProblems) and taken as meant, so that is the one error.
    this.roles = rolesMeant(props.roles);
    // The same IPv6 address may be written many ways; the objects built from it carry one. One written with a
    // prefix or leading zeros is reported (hostProblems) and taken as meant, so that is the one error.
    this.address = canonicalIp(addressMeant(props.address) ?? props.address as string);
    this.ipv6Address = props.ipv6Address === undefined ? undefined : canonicalIp(props.ipv6Address as string);
    this.addresses = this.ipv6Address === undefined ? [this.address] : [this.address, this.ipv6Address];
    this.addressIsPlaceholder = isPlaceholder(given.address);
    this.publicAddress = props.publicAddress === undefined ? undefined : canonicalIp(props.publicAddress as string);
    this.nodeName = (props.nodeName as string | undefined) ?? name;
    // An amount that is no positive number ('32GB', 0) is reported (sizeProblems); the checks that weigh pods against
    // hosts read it as not known rather than count with it.
    this.cores = statedAmount(props.cores);
    this.memoryGigabytes = statedAmount(props.memoryGigabytes);
    this.placeholderSizes = (['cores', 'memoryGigabytes'] as const).filter((field) => isPlaceholder(given[field]));
    this.cpuModel = props.cpuModel;
    // Only well-formed disks are kept: the others are reported, and the README lists these.
    this.disks = Array.isArray(props.disks) ? props.disks.filter((d) => DISK_MEDIA.includes(d?.media as string) && typeof d.sizeGigabytes === 'number') : [];
    this.model = props.model;
    // An entry that is no object is reported (gpusMisdeclared); the GPUs the cluster reads are objects.
    this.gpus = Array.isArray(props.gpus) ? (props.gpus as unknown[]).filter((gpu): gpu is Gpu => typeof gpu === 'object' && gpu !== null) : [];
    this.gpusMisdeclared = props.gpus !== undefined
      && (!Array.isArray(props.gpus) || props.gpus.some((gpu) => typeof gpu !== 'object' || gpu === null || !VENDORS.includes(gpu.vendor as string)));
    this.vlanInterfaces = Array.isArray(props.vlanInterfaces)
      ? props.vlanInterfaces.filter((link) => link?.vlan instanceof Vlan && typeof link.device === 'string' && DEVICE_NAME.test(link.device)) as VlanInterface[]
      : [];
    // A taint written wrong (as text, with an effect no node takes) is the host's one error, not also one on
    // every workload it would keep off the host.
    this.taints = Array.isArray(props.taints) ? props.taints.filter((t) => t !== null && typeof t === 'object' && EFFECTS.includes(t.effect)) : [];
    // One role written bare ('media') is reported (hostProblems) and still placed by, so it is the one error.
    this.workloadRoles = Array.isArray(props.workloadRoles) ? props.workloadRoles : typeof props.workloadRoles === 'string' ? [props.workloadRoles] : [];
    this.services = Array.isArray(props.services) ? props.services.filter((service) => typeof service === 'string') : [];
    const pools = {} as Record<P, ZfsPool>;
    const listed = zfsPoolsByName(props.zfsPools);
    const bareNames: unknown[] = listed !== undefined ? (props.zfsPools as unknown[]).filter((p) => typeof p === 'string') : [];
    for (const [pool, poolProps] of Object.entries<ZfsPoolProps>(listed ?? props.zfsPools ?? ({} as Record<P, ZfsPoolProps>))) {
      const made = new ZfsPool(this as Host<any, any>, pool, poolProps);
      if (bareNames.includes(pool)) {
        // A pool listed by its name alone has no facts yet: the list's error on zfsPools writes them.
        made.problems.splice(0, made.problems.length, ...made.problems.filter((p) => p.field !== 'media'));
      }
      pools[pool as P] = made;
    }
    this.zfs = pools;
    const bridges = {} as Record<B, Bridge>;
    // Bridges listed (`['br0']`) are that one error (hostProblems): they are keyed by their names, as meant.
    for (const [bridge, bridgeProps] of Object.entries<BridgeProps>(bridgesByName(props.bridges) as Record<B, BridgeProps> | undefined ?? ({} as Record<B, BridgeProps>))) {
      bridges[bridge as B] = new Bridge(this, bridge, bridgeProps);
    }
    this.bridges = bridges;
    const usb = {} as Record<U, VmHostDevice>;
    for (const [device, facts] of Object.entries<UsbDeviceProps>(isUsbRecord(props.usbDevices) ? props.usbDevices : {} as Record<U, UsbDeviceProps>)) {
      if (usbDeviceProblems(device, facts).length === 0) {
        usb[device as U] = {
          host: this, name: device, bus: 'usb', vendorId: facts.vendorId.toLowerCase(), productId: facts.productId.toLowerCase(),
          resourceName: vmDeviceResourceName('usb', facts.vendorId, facts.productId),
        };
      }
    }
    this.usb = usb;
  }

  /**
   * The host's GPU `index` (of `gpus`) as a device a KubeVirt VM may be given whole (PCI passthrough), by
   * its `pciId`. The host binds it to `vfio-pci`, so no container of the host can use it meanwhile. A GPU
   * the host lacks, or one without `pciId`, is reported on the VM that is given it.
   */
  public vmGpu(index = 0): VmHostDevice {
    const gpu = this.gpus[index] as Gpu | undefined;
    const match = typeof gpu?.pciId === 'string' ? PCI_ID.exec(gpu.pciId.trim()) : null;
    const name = `gpus[${index}]`;
    if (match === null) {
      return {
        host: this, name, bus: 'pci', vendorId: '', productId: '', resourceName: '',
        problem: gpu === undefined
          ? { message: `host ${this.name} has no GPU ${name}: it lists ${this.gpus.length} GPU${this.gpus.length === 1 ? '' : 's'}`, hint: this.gpus.length > 0 ? `give ${this.name}.vmGpu(${this.gpus.length - 1}) or a lower index, or list the GPU in the host's gpus` : `list the GPU in the host's gpus with its pciId, e.g. gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }]` }
          : { message: `GPU ${name} of host ${this.name} has no pciId, which KubeVirt selects a GPU by to pass it to a VM`, hint: `give it as lspci -nn shows it in brackets after the GPU's name: gpus: [{ vendor: '${gpu.vendor}', pciId: '${PCI_ID_EXAMPLE[gpu.vendor] ?? '10de:2504'}' }]` },
      };
    }
    return { host: this, name, bus: 'pci', vendorId: match[1].toLowerCase(), productId: match[2].toLowerCase(), resourceName: vmDeviceResourceName('pci', match[1], match[2]) };
  }

  /** Facts of this host that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /**
   * The placeholders a cluster reads: the name of an interface on a VLAN only when the cluster announces
   * addresses on that VLAN's interfaces (`interfaceVlans`, by id), the others always.
   */
  public placeholdersRead(interfaceVlans: readonly number[]): readonly PendingFact[] {
    const unread = new Set(this.interfaceFacts.filter((f) => !interfaceVlans.includes(f.vlan)).map((f) => f.where));
    return this.facts.list.filter((fact) => !unread.has(fact.where));
  }

  /** Whether the host has at least one GPU of the vendor. */
  public hasGpu(vendor: GpuVendor): boolean {
    return this.gpus.some((gpu) => gpu.vendor === vendor);
  }

  /** How many GPUs of the vendor the host has. */
  public gpuCount(vendor: GpuVendor): number {
    return this.gpus.filter((gpu) => gpu.vendor === vendor).reduce((n, gpu) => n + (gpu.count ?? 1), 0);
  }

  /**
   * How many devices of the host KubeVirt advertises as `resourceName` for VMs: its USB devices of those IDs
   * (KubeVirt tells sticks of one chip apart by nothing else), or its GPUs of that PCI ID.
   */
  public vmDeviceCount(resourceName: string): number {
    const usb = Object.values<VmHostDevice>(this.usb).filter((d) => d.resourceName === resourceName).length;
    const pci = this.gpus.filter((gpu) => {
      const match = typeof gpu.pciId === 'string' ? PCI_ID.exec(gpu.pciId.trim()) : null;
      return match !== null && vmDeviceResourceName('pci', match[1], match[2]) === resourceName;
    }).reduce((n, gpu) => n + (gpu.count ?? 1), 0);
    return usb + pci;
  }

  /** Whether the host has a ZFS pool of that name. */
  public hasZfsPool(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.zfs, name);
  }
}

/** `{ key, value, effect }` for a taint written as `kubectl taint` takes it (`dedicated=iot:NoSchedule`), for a hint. Pure. */
function taintObjectHint(text: string): string {
  const match = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(text.trim());
  if (!match) {
    return "{ key: 'dedicated', value: 'iot', effect: 'NoSchedule' }";
  }
  return `{ key: '${match[1]}'${match[2] === undefined ? '' : `, value: '${match[2]}'`}, effect: '${match[3]}' }`;
}

/**
 * `field` written as the list of the one object `value` is (`gpus: [{ vendor: 'intel' }]`), or of the objects
 * it keys by name (`disks: { nvme0: { … } }`), for a hint; undefined for anything else. Pure.
 */
function oneItemHint(field: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const entries = Object.values(value);
  if (entries.length > 0 && entries.every((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry))) {
    return `write ${field}: [${entries.map((entry) => objectText(entry as Record<string, unknown>)).join(', ')}], a list: its entries have no names`;
  }
  return entries.length > 0 ? `write ${field}: [${objectText(value as Record<string, unknown>)}], a list of one` : undefined;
}

/**
 * Bridges keyed by name when written as a list of names or of `{ name, … }` (`bridges: ['br0']`, as
 * `ip link` lists them), each without its `name`; else `bridges` itself. Pure.
 */
function bridgesByName(bridges: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(bridges)) {
    return bridges as Record<string, unknown> | undefined;
  }
  return Object.fromEntries(bridges.flatMap((entry) => {
    if (typeof entry === 'string') {
      return [[entry, {}]];
    }
    const { name, ...facts } = typeof entry === 'object' && entry !== null ? entry as Record<string, unknown> : {} as Record<string, unknown>;
    return typeof name === 'string' ? [[name, facts]] : [];
  }));
}

/**
 * The taints `taints` stands for, written as the list's items, for a hint: one taint object; one taint as
 * `kubectl taint` writes it (`dedicated=pi:NoSchedule`); or taints by key as a Helm values file writes
 * them (`{ dedicated: 'pi:NoSchedule' }`). Pure.
 */
function taintListHint(taints: unknown): string {
  if (typeof taints === 'string') {
    return taintObjectHint(taints);
  }
  const record = typeof taints === 'object' && taints !== null ? taints as Record<string, unknown> : undefined;
  if (record === undefined || 'key' in record || 'effect' in record) {
    return record ? objectText(record) : taintObjectHint('');
  }
  return Object.entries(record).map(([key, value]) => taintObjectHint(typeof value === 'string' && value.includes(':') ? `${key}=${value}` : `${key}=${String(value)}:NoSchedule`)).join(', ');
}

/**
 * ZFS pools written as a list of pools that carry their names (`[{ name: 'tank', media: 'hdd' }]`, as an
 * Ansible variable holds them), keyed by those names; undefined when `pools` is no such list. The list is
 * reported on `zfsPools` and its pools stay the host's, so the one mistake is said once. Pure.
 */
function zfsPoolsByName(pools: unknown): Record<string, ZfsPoolProps> | undefined {
  if (!Array.isArray(pools) || !pools.every((p) => typeof p === 'string' || (typeof p === 'object' && p !== null && typeof p.name === 'string'))) {
    return undefined;
  }
  // A bare name (`['tank']`, as `zpool list -H -o name` prints them) is a pool whose facts are still to write.
  return Object.fromEntries(pools.map((p) => (typeof p === 'string' ? [p, {} as ZfsPoolProps] : [p.name, (({ name: _, ...facts }) => facts)(p) as ZfsPoolProps])));
}

/** Declares a Kubernetes node of the inventory. */
export function host<P extends string = never, B extends string = never, U extends string = never>(name: string, props: HostProps<P, B, U>): Host<P, B, U> {
  const given = nameAndFacts('host', name, props);
  if (typeof given.name === 'string') {
    DECLARED_HOST_NAMES.add(given.name);
  }
  return withNameProblem(new Host<P, B, U>(given.name, given.props), given.problem);
}

/** The names of the hosts declared in this process: a host is no construct, so the tree cannot tell of them. */
const DECLARED_HOST_NAMES = processRecord(new Set<string>());

/**
 * How to pass the host that `name`, written where a host object belongs, names: the host declared under that
 * name in any letter case (`'Mini'` for `host('mini', …)`), else the one it is a typo of; undefined when no host
 * is so named or near it.
 */
export function hostNamedHint(name: string): string | undefined {
  const names = [...DECLARED_HOST_NAMES];
  const wanted = name.trim().toLowerCase();
  const declared = names.find((declaredName) => declaredName.toLowerCase() === wanted);
  const passObject = 'pass the host object that host() returned (the const it is kept in), not its name';
  if (declared !== undefined) {
    return `"${name}" names host('${declared}', …) of the inventory: ${passObject}`;
  }
  // A misspelt name (`laptpo`) is answered with the host it is closest to, as a typo of a prop is.
  const meant = closestName(name.trim(), names);
  return meant === undefined ? undefined : `"${name}" names no host of the inventory; did you mean host('${meant}', …)? ${passObject}`;
}

/** A machine's hardware, for the record: what the README says of a machine outside Kubernetes. */
export interface MachineHardware {
  /** Hardware model, e.g. `Synology DS920+`. @default - unknown */
  readonly model?: string;
  /** CPU model, e.g. `Intel Celeron J4125`. @default - unknown */
  readonly cpuModel?: string;
  /** CPU cores, counted as a host's `cores` are: threads, as nproc counts them. @default - unknown */
  readonly cores?: number;
  /** Memory in gigabytes. @default - unknown */
  readonly memoryGigabytes?: number;
  /** Disks. @default - unknown */
  readonly disks?: HostDisk[];
}

/** Facts about a machine outside Kubernetes that cluster workloads talk to. */
export interface ExternalHostProps {
  /** Address on the home network, IPv4 or IPv6; may be a placeholder. */
  readonly address: Fact<string>;
  /** DNS name, when it differs from `<name>.<site domain>`. @default - `<name>.<site domain>` */
  readonly dnsName?: Fact<string>;
  /**
   * Ports of the services it offers, by service name (e.g. `{ osaurus: 8080 }`); a port the owner has not given
   * yet is a placeholder, listed with the others. @default {}
   */
  readonly ports?: Record<string, Fact<number>>;
  /** Hardware model, CPU, memory and disks, for the record. @default - unknown */
  readonly hardware?: MachineHardware;
  /** Operating system, e.g. `Debian`. @default - unknown */
  readonly os?: string;
}

/** A machine outside the clusters (an inference Mac, a NAS), referenced by ExternalName Services. */
export class ExternalHost implements InventoryObject {
  /** Home-network address, IPv4 or IPv6 (in RFC 5952's form). */
  public readonly address: string;
  /** Explicit DNS name, if any. */
  public readonly dnsName?: string;
  /** Service ports by name. */
  public readonly ports: Readonly<Record<string, number>>;
  /** Hardware, when known. */
  public readonly hardware?: ExternalHostProps['hardware'];
  /** Operating system, when known. */
  public readonly os?: string;
  /** Problems in the machine's facts and in the ports asked of it. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the machine is, for findings. */
  public readonly inventoryPath: string;

  private readonly facts: PendingFacts;

  constructor(public readonly name: string, props: ExternalHostProps) {
    this.inventoryPath = `inventory/external-host/${name}`;
    this.facts = new PendingFacts(`external host ${name}`, this.problems);
    const address = this.facts.read(props?.address, 'address');
    // A machine named where its address belongs (`nas.local`) has both facts: the name is its dnsName.
    const named = typeof address === 'string' && props?.dnsName === undefined && /[a-z]/i.test(address) && nameProblem(address.trim().toLowerCase(), HOSTNAME) === undefined;
    const addressProblem = ipAddressProblem(address, named
      ? `give the machine's IP address here, e.g. 192.168.4.14, and its name as dnsName: '${String(address).trim()}'`
      : 'write the address dotted, e.g. 192.168.4.14, or in IPv6 notation, e.g. fd00::14');
    if (addressProblem) {
      this.problems.push({ field: 'address', ...addressProblem });
    }
    this.address = canonicalIp(addressMeant(address) ?? address as string);
    this.dnsName = this.facts.read(props?.dnsName, 'dnsName');
    this.problems.push(...externalHostProblems(this.dnsName, props?.hardware), ...externalHostFactProblems(name, props));
    this.ports = isRecord(props?.ports)
      ? Object.fromEntries(Object.entries(props.ports).map(([service, port]) => [service, this.facts.read(port as Fact<number>, `ports.${service}`)]))
      : {};
    this.hardware = props?.hardware;
    this.os = props?.os;
  }

  /** Facts of this machine that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /**
   * The port of a named service; a service the inventory does not list is recorded as a problem (port 0). A port
   * that is no port number (`'x'`, `70000`) is the machine's problem already: it gives 0 too, so that what a chart
   * builds from it (a Service, an egress rule) adds no second error for each construct that asks for it.
   */
  public port(service: string): number {
    const port = Object.prototype.hasOwnProperty.call(this.ports, service) ? this.ports[service] : undefined;
    if (port !== undefined && !isPortNumber(port)) {
      return 0;
    }
    if (port === undefined && this.problems.some((p) => p.field === 'ports')) {
      // Ports that are no object of ports by name are the machine's problem already: no second one for each service asked.
      return 0;
    }
    if (port === undefined) {
      const known = Object.keys(this.ports);
      this.problems.push({
        field: `ports.${service}`, message: `external host "${this.name}" lists no port for "${service}"`,
        hint: known.length > 0 ? `add it to the host's ports (it lists ${known.join(', ')})` : 'add it to the host\'s ports in the inventory',
      });
      return 0;
    }
    return port;
  }
}

/** Whether `value` is a TCP or UDP port number, 1 to 65535. Pure. */
function isPortNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

/** Declares a machine outside the clusters. */
export function externalHost(name: string, props: ExternalHostProps): ExternalHost {
  return new ExternalHost(name, props);
}

const ARCHES: readonly string[] = ['amd64', 'arm64'];
const ROLES: readonly string[] = ['control-plane', 'worker'];

/** The architectures as `uname -m`, Docker platforms and distributions name them, by their kubernetes.io/arch name. */
const ARCH_SPELLINGS: Readonly<Record<string, Arch>> = {
  'x86_64': 'amd64', 'x86-64': 'amd64', 'x64': 'amd64', 'amd64': 'amd64', 'linux/amd64': 'amd64',
  'aarch64': 'arm64', 'arm64': 'arm64', 'armv8': 'arm64', 'arm64v8': 'arm64', 'arm64/v8': 'arm64', 'linux/arm64': 'arm64',
};

/** The architecture `arch` names as `uname -m`, Docker or a distribution writes it (`aarch64` is arm64), or undefined. Pure. */
export function archMeant(arch: unknown): Arch | undefined {
  return typeof arch === 'string' ? ARCH_SPELLINGS[arch.trim().toLowerCase()] : undefined;
}

/** 32-bit ARM as `uname -m`, Debian and Kubernetes name it, which no node of the inventory is. */
const ARM_32_BIT = /^(arm|armhf|armel|armv[5-7]\w*|arm32\w*|linux\/arm(\/v[5-7])?)$/i;

/** A node's roles as older Kubernetes (master), k3s and k0s (server, agent, controller) name them. */
const ROLE_SPELLINGS: Readonly<Record<string, string>> = {
  'master': 'control-plane', 'server': 'control-plane', 'controller': 'control-plane', 'controlplane': 'control-plane', 'control_plane': 'control-plane',
  'control-plane': 'control-plane', 'agent': 'worker', 'node': 'worker', 'workers': 'worker', 'worker': 'worker',
};

/**
 * The roles a host is a node of, as its `roles` means them: one role written as text (`'server'`, K3s' word,
 * which runs workloads too) or a role by another tool's name (`['master']`) is the role it stands for; roles
 * that are no list are the default, `['worker']`. Pure.
 */
function rolesMeant(roles: unknown): NodeRole[] {
  const meant = (role: unknown) => (typeof role === 'string' ? ROLE_SPELLINGS[role.trim().toLowerCase()] ?? role : role) as NodeRole;
  if (typeof roles === 'string') {
    const role = meant(roles);
    return role === 'control-plane' ? ['control-plane', 'worker'] : [role];
  }
  return Array.isArray(roles) ? roles.map(meant) : ['worker'];
}

/** Keys other tools give a node's labels: the inventory derives them, so they are answered with what sets them. */
export const LABEL_KEYS: readonly string[] = ['labels', 'nodeLabels', 'node-labels', 'node_labels', 'nodeLabel'];
export const LABELS_HINT = 'the node labels come from the host\'s facts (kubernetes.io/hostname, arch, roles): to set a host aside for some apps, '
  + "give it workloadRoles: ['media'] (the label role.homelab.dev/media=true) and place the apps with placement: { workloadRole: 'media' }";
const VENDORS: readonly string[] = ['nvidia', 'amd', 'intel'];
const EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const DISK_MEDIA: readonly string[] = ['hdd', 'ssd', 'nvme'];
const HOST_PROPS: readonly string[] = [
  'arch', 'roles', 'address', 'ipv6Address', 'publicAddress', 'nodeName', 'cores', 'memoryGigabytes', 'gpus', 'zfsPools', 'bridges',
  'vlanInterfaces', 'taints', 'workloadRoles', 'services', 'shared', 'model', 'cpuModel', 'disks', 'usbDevices',
];

/** A PCI vendor and device ID as `lspci -nn` shows it in brackets: `10de:2504`. */
const PCI_ID = /^\[?([0-9a-f]{4}):([0-9a-f]{4})\]?$/i;

/** A PCI ID of each maker's GPUs, for hints: the vendor part is the maker's own. */
const PCI_ID_EXAMPLE: Readonly<Record<string, string>> = { nvidia: '10de:2504', amd: '1002:73ff', intel: '8086:3e92' };

/** A USB device's name: it names the VM's device, so a DNS label. */
const USB_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function isUsbRecord(value: unknown): value is Record<string, UsbDeviceProps> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What is wrong with one USB device of a host (`usbDevices.<name>`). Pure. */
function usbDeviceProblems(name: string, facts: unknown): Array<{ field: string; message: string; hint: string }> {
  const at = `usbDevices.${name}`;
  const problems: Array<{ field: string; message: string; hint: string }> = [];
  if (!USB_NAME.test(name)) {
    problems.push({ field: at, message: `USB device name "${name}" names the VM's device, and is not lower-case letters, digits and '-'`, hint: `name it e.g. '${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'zigbee'}'` });
  }
  if (facts === null || typeof facts !== 'object') {
    const id = typeof facts === 'string' ? /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(facts.trim()) : null;
    problems.push({ field: at, message: `USB device ${describeValue(facts)} is not a device's facts`, hint: id ? `write { vendorId: '${id[1].toLowerCase()}', productId: '${id[2].toLowerCase()}' }` : "write { vendorId: '10c4', productId: 'ea60' }, the ID lsusb shows" });
    return problems;
  }
  const record = facts as Record<string, unknown>;
  const written = typeof record.id === 'string' ? /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(record.id.trim()) : null;
  for (const key of Object.keys(record).filter((k) => !['vendorId', 'productId', 'model'].includes(k))) {
    problems.push({ field: `${at}.${key}`, message: `"${key}" is not a fact of a USB device`, hint: written && key === 'id' ? `write vendorId: '${written[1].toLowerCase()}', productId: '${written[2].toLowerCase()}'` : 'its facts are vendorId, productId, model' });
  }
  for (const field of ['vendorId', 'productId'] as const) {
    if (written && record[field] === undefined) {
      continue; // the `id` written instead is the one mistake
    }
    if (typeof record[field] !== 'string' || !DEVICE_ID.test(record[field] as string)) {
      problems.push({ field: `${at}.${field}`, message: `${field} ${describeValue(record[field])} is not four hex digits`, hint: `give the ${field === 'vendorId' ? 'part before' : 'part after'} the colon of the ID lsusb shows, e.g. ${field === 'vendorId' ? "'10c4'" : "'ea60'"}` });
    }
  }
  return problems;
}

/** What is wrong with a host's facts; pure, so a host can be declared at module load without throwing. */
/**
 * Reports each key of the list entry `entry` (at `field`, e.g. `gpus[0]`) that is none of `known`, and
 * returns the known keys they look like a typo of: a misspelt key is the one mistake, so the missing
 * value it leaves is not reported again.
 */
function entryKeyProblems(add: (field: string, message: string, hint: string) => void, field: string, entry: unknown, known: readonly string[]): Set<string> {
  const misspelt = new Set<string>();
  if (typeof entry !== 'object' || entry === null) {
    return misspelt;
  }
  for (const key of Object.keys(entry)) {
    if (!known.includes(key)) {
      const habit = habitFact(key, (entry as Record<string, unknown>)[key], known);
      const near = habit?.fact ?? closestName(key, known);
      if (near !== undefined && (entry as Record<string, unknown>)[near] === undefined) {
        misspelt.add(near);
      }
      add(`${field}.${key}`, `"${key}" is not a fact of ${field.replace(/\[\d+\]$/, '')}`, habit?.hint ?? (near !== undefined ? `did you mean "${near}"?` : `its facts are ${known.join(', ')}`));
    }
  }
  return misspelt;
}

/** A host's `cores` or `memoryGigabytes` as a number, when it is a positive one; `undefined` otherwise. Pure. */
function statedAmount(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined;
}

/** A machine's `cores` and `memoryGigabytes`, where given, are positive numbers (`'16GB'` is not); fields under `at`. */
function sizeProblems(facts: { readonly cores?: unknown; readonly memoryGigabytes?: unknown }, at: string, add: (field: string, message: string, hint: string) => void): void {
  for (const field of ['cores', 'memoryGigabytes'] as const) {
    const value = facts[field];
    if (value !== undefined && (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))) {
      const written = writtenAmount(value, field === 'cores' ? 'count' : 'gigabytes');
      add(`${at}${field}`, `${field} ${describeValue(value)} is not a positive number`,
        written !== undefined ? `write ${field}: ${written} (a number${field === 'cores' ? '' : ' of gigabytes'})` : `give ${field === 'cores' ? 'the number of CPU cores' : 'the memory in gigabytes, e.g. 32'}`);
    } else if (field === 'cores' && typeof value === 'number' && !Number.isInteger(value)) {
      add(`${at}cores`, `cores ${value} is not a whole number`, `give the number of CPU cores (threads, as nproc counts them): cores: ${Math.ceil(value)}`);
    } else if (field === 'memoryGigabytes' && typeof value === 'number' && value > MOST_MEMORY_GIGABYTES) {
      // free -m and a hypervisor's form give megabytes: 16384 is 16 GiB, not 16 TB.
      add(`${at}memoryGigabytes`, `memoryGigabytes ${value} is more than ${MOST_MEMORY_GIGABYTES / 1024} TB of memory, megabytes rather than gigabytes`,
        `write the memory in gigabytes: memoryGigabytes: ${Math.round(value / 1024)}`);
    }
  }
}

/** The most memory a machine of a home lab plausibly has, in gigabytes; more is megabytes written as gigabytes. */
const MOST_MEMORY_GIGABYTES = 4096;

/** Facts of an external host's `hardware`: the host facts it keeps. */
const HARDWARE_FACTS: readonly string[] = ['model', 'cpuModel', 'cores', 'memoryGigabytes', 'disks'];

/** An external host's DNS name is one (lower case, no scheme or port) and its hardware facts are known ones. Pure. */
function externalHostProblems(dnsName: unknown, hardware: unknown): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  // It becomes an ExternalName Service's target, which must be a lower-case DNS name.
  const dnsProblem = dnsName === undefined ? undefined : typeof dnsName === 'string' ? externalNameProblem(dnsName) : `${describeValue(dnsName)} is not text`;
  if (dnsProblem !== undefined) {
    add('dnsName', `dnsName ${dnsProblem}`, typeof dnsName === 'string' && parseIpAddress(dnsName.replace(/\.$/, '')) !== undefined
      ? "the address is the machine's address; give dnsName its DNS name, or leave it out for <name>.<site domain>, which the site's DNS must then answer"
      : "write the machine's DNS name alone, in lower case, without scheme, port or path, e.g. nas.lab.example.com");
  }
  if (hardware !== undefined && (typeof hardware !== 'object' || hardware === null || Array.isArray(hardware))) {
    add('hardware', `hardware ${describeValue(hardware)} is not an object`, `give its facts, e.g. hardware: { model: 'Synology DS920+', memoryGigabytes: 8 }`);
    return problems;
  }
  for (const key of Object.keys(hardware ?? {})) {
    if (!HARDWARE_FACTS.includes(key)) {
      const habit = habitFact(key, (hardware as Record<string, unknown>)[key], HARDWARE_FACTS);
      const near = closestName(key, HARDWARE_FACTS);
      add(`hardware.${key}`, `"${key}" is not a hardware fact`, habit?.hint ?? (near !== undefined ? `did you mean "${near}"?` : `use one of ${HARDWARE_FACTS.join(', ')}`));
    }
  }
  sizeProblems((hardware ?? {}) as Record<string, unknown>, 'hardware.', add);
  return problems;
}

/** The facts `externalHost()` reads. */
const EXTERNAL_HOST_PROPS: readonly string[] = ['address', 'dnsName', 'ports', 'hardware', 'os'];

/** A service name of an external host's `ports`: one word, as a chart names it in `port('…')` (`nfs`, `otlpGrpc`). */
const PORT_SERVICE_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;

function isRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is wrong with an external host's name, ports, operating system and the keys it was given: facts it
 * does not have would be ignored, and its name is the first label of its DNS name when no dnsName is given. Pure.
 */
function externalHostFactProblems(name: string, props: ExternalHostProps | undefined): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  const nameText = typeof name === 'string' ? nameProblem(name, DNS1123_LABEL) : `${describeValue(name)} is not text`;
  if (props?.dnsName === undefined && nameText !== undefined) {
    add('name', `name ${nameText}, and with no dnsName the machine is reached as <name>.<site domain>`,
      `name it in lower case as its DNS name begins, e.g. '${(typeof name === 'string' ? nameMeant(name, DNS1123_LABEL) : undefined) ?? 'nas'}', or give dnsName`);
  }
  for (const key of Object.keys(props ?? {}).filter((k) => !EXTERNAL_HOST_PROPS.includes(k))) {
    const given = (props as unknown as Record<string, unknown>)[key];
    const habit = habitFact(key, given, EXTERNAL_HOST_PROPS) ?? habitFact(key, given, HARDWARE_FACTS);
    const near = closestName(key, EXTERNAL_HOST_PROPS);
    const hint = habit === undefined ? (near !== undefined ? `did you mean "${near}"?` : `an external host has ${EXTERNAL_HOST_PROPS.join(', ')}`)
      : HARDWARE_FACTS.includes(habit.fact) ? `write it under hardware: hardware: { ${habit.hint.replace(/^write /, '')} }` : habit.hint;
    add(key, `"${key}" is not a fact of an external host; it would be ignored`, hint);
  }
  const ports: unknown = props?.ports;
  if (ports !== undefined && !isRecord(ports)) {
    // Ports listed as a Service or compose lists them ({ name, port }): the object they stand for.
    const named = Array.isArray(ports) ? ports.flatMap((entry) => (isRecord(entry) && typeof entry.name === 'string' && entry.port !== undefined ? [[entry.name, Number(entry.port)] as const] : [])) : [];
    add('ports', `ports ${describeValue(ports)} is not an object of ports by service name`, Array.isArray(ports) && named.length === ports.length && named.length > 0
      ? `write ports: ${objectText(Object.fromEntries(named))}` : 'name each port by its service, e.g. ports: { nfs: 2049, smb: 445 }');
  }
  for (const [service, written] of Object.entries(isRecord(ports) ? ports : {})) {
    const port = factValue(written as Fact<number>);
    if (!PORT_SERVICE_NAME.test(service)) {
      const word = service.trim().replace(/\s+/g, '-');
      add(`ports.${service}`, `service name ${describeValue(service)} is not one word, and charts name the port by it (host.port('…'))`,
        PORT_SERVICE_NAME.test(word) ? `write it as one word, e.g. '${word}'` : "name the service with letters, digits, '-', '_' or '.', e.g. 'nfs'");
    }
    if (!isPortNumber(port)) {
      const written = typeof port === 'string' && /^\s*\d+\s*$/.test(port) ? Number(port) : undefined;
      add(`ports.${service}`, `port ${describeValue(port)} is not ${written !== undefined ? 'a number' : 'within 1–65535'}`,
        written !== undefined && written >= 1 && written <= 65535 ? `write it as a number, without quotes: ${service}: ${written}` : 'give the TCP port the service listens on');
    }
  }
  const os: unknown = props?.os;
  if (os !== undefined && (typeof os !== 'string' || os.trim() === '')) {
    add('os', `os ${describeValue(os)} is not the name of an operating system`, `write the system's name as text, e.g. os: '${typeof os === 'number' ? `Ubuntu ${os}` : 'Debian 12'}'`);
  }
  return problems;
}

function hostProblems(name: string, props: HostProps<any, any>): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  const nodeName = props.nodeName ?? name;
  // The node name is also the value of the node's kubernetes.io/hostname label, which pins pods to it.
  const nodeNameProblem = typeof nodeName === 'string' ? nameProblem(nodeName, NODE_NAME) : 'is not text';
  // The kubelet lower-cases the machine's hostname into the node's name: a name that is sound in lower case is that.
  const lowered = typeof nodeName === 'string' && nameProblem(nodeName.toLowerCase(), NODE_NAME) === undefined ? nodeName.toLowerCase() : undefined;
  // '_' and blanks, as Windows and NetBIOS names have them, are no part of a DNS name: '-' is what stands for them.
  const dashed = typeof nodeName === 'string' && lowered === undefined ? nodeName.toLowerCase().trim().replace(/[_\s]+/g, '-') : undefined;
  const written = (name: string) => (props.nodeName === undefined ? `host('${name}', …)` : `nodeName: '${name}'`);
  if (nodeNameProblem) {
    add(props.nodeName === undefined ? 'name' : 'nodeName', `node name ${nodeNameProblem}`,
      lowered !== undefined ? `write ${written(lowered)}: the kubelet names the node after the hostname in lower case`
      : dashed !== undefined && nameProblem(dashed, NODE_NAME) === undefined
        ? `write ${written(dashed)}: a node name has no '_' or blanks (RFC 1123), so name the machine so too, in lower case`
      : props.nodeName === undefined
        ? "name the host as its node is named in Kubernetes (lower case, digits, '-' and '.'), or give nodeName"
        : "give the name the node has in Kubernetes: lower case, digits, '-' and '.'");
  }
  const misnamed = new Set<string>();
  for (const key of Object.keys(props)) {
    if (!HOST_PROPS.includes(key)) {
      const habit = habitFact(key, (props as unknown as Record<string, unknown>)[key], HOST_PROPS);
      const near = closestName(key, HOST_PROPS);
      if (habit !== undefined && (props as unknown as Record<string, unknown>)[habit.fact] === undefined) {
        misnamed.add(habit.fact);
      }
      add(key, `"${key}" is not a fact a host has`, habit?.hint ?? (LABEL_KEYS.includes(key) ? LABELS_HINT : near !== undefined ? `did you mean "${near}"?` : `use one of ${HOST_PROPS.join(', ')}`));
    }
  }
  if (!ARCHES.includes(props.arch as Arch)) {
    const meant = archMeant(props.arch);
    add('arch', `arch ${describeValue(props.arch)} is not one of ${ARCHES.join(', ')}`,
      meant !== undefined ? `write arch: '${meant}', the kubernetes.io/arch name of ${String(props.arch).trim()}`
        : typeof props.arch === 'string' && ARM_32_BIT.test(props.arch.trim())
          ? 'a node here is amd64 or arm64: a 32-bit ARM system (armv7l, armhf; kubernetes.io/arch arm) is none, so install the 64-bit one (Raspberry Pi OS 64-bit, Ubuntu arm64) and write arch: \'arm64\''
          : 'use the kubernetes.io/arch label value of the node (amd64 or arm64)');
  }
  if (props.roles !== undefined && !Array.isArray(props.roles)) {
    const written: unknown = props.roles;
    add('roles', `roles ${describeValue(written)} is not a list`, typeof written === 'string' && ROLE_SPELLINGS[written.trim().toLowerCase()] !== undefined
      ? `write ${factWithValue('roles', written)}` : "list the node's roles, e.g. ['control-plane', 'worker']");
  } else if (Array.isArray(props.roles) && props.roles.length === 0) {
    add('roles', 'the host has no role, so it is no node of any cluster', "give it control-plane, worker or both, e.g. ['worker']");
  }
  (Array.isArray(props.roles) ? props.roles : []).forEach((role, i) => {
    if (!ROLES.includes(role)) {
      const meant = typeof role === 'string' ? ROLE_SPELLINGS[role.trim().toLowerCase()] : undefined;
      add(`roles[${i}]`, `role ${describeValue(role)} is not one of ${ROLES.join(', ')}`,
        meant === undefined
          ? `list control-plane, worker or both${typeof role === 'string' && /^[a-z][a-z0-9-]*$/.test(role.trim())
            ? `; a role of the lab's own is a workload role: workloadRoles: ['${role.trim()}'], which placement: { workloadRole: '${role.trim()}' } picks` : ''}`
          : meant === role.trim().toLowerCase() ? `write '${meant}' (lower case)` : `write '${meant}': ${describeValue(role)} is what other tools call that role`);
    }
  });
  addListedTwice(props.roles, 'roles', add);
  for (const [field, hint] of [['address', 'write the home-network address dotted, e.g. 192.168.4.5, or in IPv6 notation, e.g. fd00::5'], ['publicAddress', 'write the public address dotted, or in IPv6 notation']] as const) {
    // An address written under another tool's key (ansible_host) is that key's one error.
    const problem = (field === 'publicAddress' && props.publicAddress === undefined) || misnamed.has(field) ? undefined : ipAddressProblem(props[field], hint);
    if (problem) {
      add(field, problem.message, problem.hint);
    } else if (field === 'address' && !misnamed.has(field) && specialIpKind(props.address) !== undefined) {
      add(field, `address ${props.address} is ${specialIpKind(props.address)}, which the kubelet refuses as a node's IP and no other machine reaches`,
        'give the address the host has on the home network (ip addr show scope global), e.g. 192.168.1.10');
    } else if (field === 'publicAddress' && nonPublicAddressKind(props.publicAddress as string) !== undefined) {
      // A VPS's private address (its provider's internal network) is no way in from the internet, where DNS records,
      // TURN and media servers send their clients to the public address.
      add(field, `publicAddress ${props.publicAddress} is ${nonPublicAddressKind(props.publicAddress as string)}, which no machine on the internet reaches`,
        'give the address the internet reaches the host at (its provider\'s public address, which curl -4 ifconfig.me prints on it), and its own network\'s address as address; '
          + 'leave publicAddress out for a host reached only on its network or a tailnet');
    }
  }
  if (props.ipv6Address !== undefined) {
    const problem = ipAddressProblem(props.ipv6Address, 'write the IPv6 address, e.g. fd00::5', '', 6);
    if (problem) {
      add('ipv6Address', problem.message, problem.hint);
    } else if (specialIpKind(props.ipv6Address) !== undefined) {
      add('ipv6Address', `ipv6Address ${props.ipv6Address} is ${specialIpKind(props.ipv6Address)}, which the kubelet refuses as a node's IP and no other machine reaches`,
        "give the host's global or unique-local address (ip -6 addr show scope global), e.g. fd00::5, or leave ipv6Address out");
    } else if (parseIpAddress(props.address)?.family === 6) {
      add('ipv6Address', `the host's address ${describeValue(props.address)} is IPv6 already`, 'give ipv6Address only beside an IPv4 address; a host on an IPv6-only network has its address alone');
    }
  }
  sizeProblems(props, '', add);
  if (props.usbDevices !== undefined && !isUsbRecord(props.usbDevices)) {
    add('usbDevices', `usbDevices ${describeValue(props.usbDevices)} is not keyed by name`, "key the devices by a name of your own: usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60' } }");
  }
  for (const [device, facts] of Object.entries(isUsbRecord(props.usbDevices) ? props.usbDevices : {})) {
    usbDeviceProblems(device, facts).forEach((p) => add(p.field, p.message, p.hint));
  }
  if (props.gpus !== undefined && !Array.isArray(props.gpus)) {
    add('gpus', `gpus ${describeValue(props.gpus)} is not a list`, oneItemHint('gpus', props.gpus) ?? "list the GPUs, e.g. [{ vendor: 'nvidia' }]");
  }
  (Array.isArray(props.gpus) ? props.gpus : []).forEach((gpu, i) => {
    if (typeof gpu !== 'object' || gpu === null) {
      const written: unknown = gpu;
      const vendor = typeof written === 'string' ? VENDORS.find((v) => v === written.trim().toLowerCase()) : undefined;
      add(`gpus[${i}]`, `GPU ${describeValue(gpu)} is not a GPU's facts`, `write it as an object: { vendor: '${vendor ?? 'nvidia'}' }${vendor ? '' : ' (nvidia, amd or intel)'}`);
      return;
    }
    const misspelt = entryKeyProblems(add, `gpus[${i}]`, gpu, ['vendor', 'model', 'count', 'pciId']);
    if (gpu.pciId !== undefined && (typeof gpu.pciId !== 'string' || !PCI_ID.test(gpu.pciId.trim()))) {
      const slot = typeof gpu.pciId === 'string' && /^([0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(gpu.pciId.trim());
      add(`gpus[${i}].pciId`, `pciId ${describeValue(gpu.pciId)} is not a PCI vendor and device ID${slot ? ': it is the GPU\'s slot, lspci\'s first column' : ''}`,
        `give the two IDs lspci -nn shows in brackets after the GPU's name, e.g. pciId: '${PCI_ID_EXAMPLE[gpu.vendor as string] ?? '10de:2504'}'`);
    }
    if (!misspelt.has('vendor') && !VENDORS.includes(gpu?.vendor as string)) {
      const near = typeof gpu?.vendor === 'string' ? closestName(gpu.vendor, VENDORS) : undefined;
      add(`gpus[${i}].vendor`, `GPU vendor ${describeValue(gpu?.vendor)} is not one of ${VENDORS.join(', ')}`,
        near !== undefined ? `write vendor: '${near}'${near === String(gpu.vendor).toLowerCase() ? ' (lower case)' : ''}` : 'name the maker: nvidia, amd or intel');
    } else if (!misspelt.has('vendor') && modelVendor(gpu.model) !== undefined && modelVendor(gpu.model) !== gpu.vendor) {
      // The vendor picks the device plugin and the resource pods ask for: the other maker's plugin finds no GPU.
      add(`gpus[${i}].vendor`, `GPU vendor ${describeValue(gpu.vendor)} is not the maker of its model ${describeValue(gpu.model)}, an ${modelVendor(gpu.model)} GPU`,
        `write vendor: '${modelVendor(gpu.model)}' (it picks the device plugin and the resource pods request), or correct the model`);
    }
    if (gpu?.count !== undefined && (!Number.isInteger(gpu.count) || gpu.count < 1)) {
      const written = writtenAmount(gpu.count, 'count');
      add(`gpus[${i}].count`, `GPU count ${describeValue(gpu.count)} is not a whole number of at least 1`,
        typeof gpu.count === 'string' && written !== undefined && Number.isInteger(written) ? `write count: ${written} (a number)` : 'give how many of this model the host has');
    }
  });
  if (props.workloadRoles !== undefined && !Array.isArray(props.workloadRoles)) {
    add('workloadRoles', `workloadRoles ${describeValue(props.workloadRoles)} is not a list`,
      `list the roles: workloadRoles: [${typeof props.workloadRoles === 'string' ? `'${props.workloadRoles}'` : "'monitoring'"}]`);
  }
  addListedTwice(props.workloadRoles, 'workloadRoles', add);
  (Array.isArray(props.workloadRoles) ? props.workloadRoles : []).forEach((role, i) => {
    const problem = typeof role === 'string' ? qualifiedNameProblem(workloadRoleLabel(role)) : 'is not text';
    if (problem) {
      // A role written as the whole label is that label's name part: the inventory adds the prefix itself.
      const bare = typeof role === 'string' && role.startsWith(workloadRoleLabel('')) ? role.slice(workloadRoleLabel('').length).replace(/=.*$/, '') : undefined;
      add(`workloadRoles[${i}]`, `workload role ${describeValue(role)} cannot name a node label: ${problem}`,
        bare !== undefined && qualifiedNameProblem(workloadRoleLabel(bare)) === undefined
          ? `write '${bare}': the node label ${workloadRoleLabel(bare)}=true is made from it`
          : "name the role as a label is named: letters, digits, '-', '_' and '.', e.g. 'ci-cd'");
    }
  });
  const services: unknown = props.services;
  if (services !== undefined && !(Array.isArray(services) && services.every((service) => typeof service === 'string'))) {
    // Read as a list of words: text or another value would be no service at all.
    add('services', `services ${describeValue(services)} is not a list of words`,
      `list them: services: [${typeof services === 'string' ? services.split(/[\s,]+/).filter((word) => word !== '').map((word) => `'${word}'`).join(', ') : "'nfs-server'"}]`);
  }
  for (const fact of ['model', 'cpuModel'] as const) {
    if (props[fact] !== undefined && typeof props[fact] !== 'string') {
      add(fact, `${fact} ${describeValue(props[fact])} is not text`, `write it as its maker names it, in quotes: ${fact}: '${Array.isArray(props[fact]) ? (props[fact] as unknown[]).join(' ') : String(props[fact])}'`);
    }
  }
  if (props.taints !== undefined && !Array.isArray(props.taints)) {
    add('taints', `taints ${describeValue(props.taints)} is not a list`, `write taints: [${taintListHint(props.taints)}]`);
  }
  (Array.isArray(props.taints) ? props.taints : []).forEach((taint, i, all) => {
    if (typeof taint === 'string') {
      // `kubectl taint` spells a taint as one word; the inventory takes its parts.
      add(`taints[${i}]`, `taint ${describeValue(taint)} is text, not a taint`, `write it as an object: ${taintObjectHint(taint)}`);
      return;
    }
    if (all.findIndex((other) => other?.key === taint?.key && other?.effect === taint?.effect) < i) {
      // The API server keeps one taint per key and effect on a node, and refuses a Node that has two.
      add(`taints[${i}]`, `the host has a second taint with key ${describeValue(taint?.key)} and effect ${describeValue(taint?.effect)}`,
        'keep one taint per key and effect: a node holds one value for each');
    }
    const misspelt = entryKeyProblems(add, `taints[${i}]`, taint, ['key', 'value', 'effect']);
    const keyProblem = typeof taint?.key === 'string' ? qualifiedNameProblem(taint.key) : 'is not text';
    if (keyProblem && !misspelt.has('key')) {
      add(`taints[${i}].key`, `taint key ${describeValue(taint?.key)} is not a label key: ${keyProblem}`, "write it as kubectl taint takes it, e.g. 'dedicated' or 'example.com/gpu'");
    }
    const valueProblem = taint?.value === undefined ? undefined : typeof taint.value === 'string' ? nameProblem(taint.value, LABEL_VALUE) : 'is not text';
    if (valueProblem) {
      // A taint's value follows the syntax of a label's value; kubectl refuses others.
      add(`taints[${i}].value`, `the taint value ${valueProblem} (a taint value follows the rules of one)`, "letters, digits, '-', '_' and '.', e.g. 'gpu-only'");
    }
    if (!misspelt.has('effect') && taint?.effect === undefined && taint !== null && typeof taint === 'object') {
      // kubectl taint's form key=value:Effect has the effect last, where it is easy to leave out.
      add(`taints[${i}].effect`, `taint ${describeValue(taint.key)} has no effect, which every taint needs`,
        `give effect: 'NoSchedule' (pods without a toleration are not placed there), 'PreferNoSchedule' or 'NoExecute', the part after ':' in kubectl taint's ${typeof taint.key === 'string' ? taint.key : 'key'}${typeof taint.value === 'string' ? `=${taint.value}` : ''}:NoSchedule`);
    } else if (!misspelt.has('effect') && !EFFECTS.includes(taint?.effect)) {
      const meant = typeof taint?.effect === 'string' ? EFFECTS.find((e) => e.toLowerCase() === (taint.effect as string).trim().toLowerCase()) : undefined;
      const near = typeof taint?.effect === 'string' ? closestName(taint.effect, EFFECTS) : undefined;
      add(`taints[${i}].effect`, `taint effect ${describeValue(taint?.effect)} is not one of ${EFFECTS.join(', ')}`,
        meant !== undefined ? `write effect: '${meant}': case counts`
          : near !== undefined ? `did you mean effect: '${near}'?` : `use the effect kubectl taint was given: ${EFFECTS.join(', ')}`);
    }
  });
  if (Array.isArray(props.zfsPools)) {
    const named = zfsPoolsByName(props.zfsPools);
    add('zfsPools', `zfsPools ${describeValue(props.zfsPools)} is a list; the host keys its pools by name`,
      named !== undefined && Object.keys(named).length > 0
        ? `write zfsPools: { ${Object.entries(named).map(([n, f]) => `${/^[A-Za-z_$][\w$]*$/.test(n) ? n : `'${n}'`}: { ${Object.entries(f).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ') || "media: 'hdd'"} }`).join(', ')} }`
          + (Object.values(named).some((f) => Object.keys(f).length === 0) ? ' (media is what the pool is built from: nvme, ssd or hdd)' : '')
        : "write zfsPools: { tank: { media: 'hdd' } }, keyed by the names zpool list shows");
  }
  if (Array.isArray(props.bridges)) {
    const named = bridgesByName(props.bridges) ?? {};
    add('bridges', `bridges ${describeValue(props.bridges)} is a list; the host keys its bridges by name`, Object.keys(named).length > 0
      ? `write bridges: { ${Object.entries(named).map(([n, f]) => `${/^[A-Za-z_$][\w$]*$/.test(n) ? n : `'${n}'`}: ${objectText(f as Record<string, unknown>).replace(/^\{  \}$/, '{}')}`).join(', ')} }`
      : "write bridges: { br0: { uplink: 'eno1' } }, keyed by the names ip link shows");
  }
  for (const fact of ['zfsPools', 'bridges'] as const) {
    const keyed = props[fact];
    const collection = keyed !== null && typeof keyed === 'object' && !Array.isArray(keyed) ? builtInObjectProblem(keyed, fact, true) : undefined;
    if (collection) {
      // Its entries are no keys of it: the host would have no pool or bridge at all.
      add(fact, collection.message, collection.hint);
    }
  }
  if (props.vlanInterfaces !== undefined && !Array.isArray(props.vlanInterfaces)) {
    add('vlanInterfaces', `vlanInterfaces ${describeValue(props.vlanInterfaces)} is not a list`, "list the interfaces, e.g. [{ vlan: vlans.vips, device: 'eno1.8' }]");
  }
  (Array.isArray(props.vlanInterfaces) ? props.vlanInterfaces : []).forEach((link, i, all) => {
    if (link?.vlan instanceof Vlan && all.findIndex((other) => other?.vlan === link.vlan) < i) {
      add(`vlanInterfaces[${i}].vlan`, `the host has a second interface on VLAN ${link.vlan.id}`, 'list one interface per VLAN: the one the host answers on there');
    }
    const misspelt = entryKeyProblems(add, `vlanInterfaces[${i}]`, link, ['vlan', 'device']);
    if (!misspelt.has('vlan') && !(link?.vlan instanceof Vlan)) {
      add(`vlanInterfaces[${i}].vlan`, `vlan ${describeValue(link?.vlan)} is not a VLAN of the inventory`, "declare it with vlan('name', { id, cidr }) and pass that object");
    }
    if (!misspelt.has('device') && (typeof link?.device !== 'string' || !DEVICE_NAME.test(link.device))) {
      add(`vlanInterfaces[${i}].device`, `device ${describeValue(link?.device)} is not an interface name`, "give the interface's name as `ip link` shows it, e.g. eno1.8 (at most 15 characters)");
    } else if (link?.vlan instanceof Vlan) {
      const named = deviceVlanProblem(link.device, link.vlan, `vlanInterfaces[${i}].device`);
      if (named) {
        add(named.field, named.message, named.hint);
      }
    }
  });
  if (props.disks !== undefined && !Array.isArray(props.disks)) {
    add('disks', `disks ${describeValue(props.disks)} is not a list`, oneItemHint('disks', props.disks) ?? "list the disks, e.g. [{ media: 'nvme', sizeGigabytes: 512 }]");
  }
  // Where a disk is mounted is no fact here: the apps that use its folders are placed on its host instead.
  const diskAdd = (field: string, message: string, hint: string) => add(field, message, DISK_MOUNT_KEY.test(field.slice(field.lastIndexOf('.') + 1))
    ? `the inventory keeps no disk's mount point, nor places anything by it: leave it out, and place an app that mounts a folder of this disk on ${name}: `
      + `placement: { host: ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : `<host('${name}', …)>`} }`
    : hint);
  (Array.isArray(props.disks) ? props.disks : []).forEach((disk, i) => {
    const misspelt = entryKeyProblems(diskAdd, `disks[${i}]`, disk, ['media', 'sizeGigabytes']);
    if (!misspelt.has('media') && !DISK_MEDIA.includes(disk?.media as string)) {
      const lower = typeof disk?.media === 'string' ? DISK_MEDIA.find((m) => m === (disk.media as string).trim().toLowerCase()) : undefined;
      add(`disks[${i}].media`, `disk media ${describeValue(disk?.media)} is not one of ${DISK_MEDIA.join(', ')}`,
        lower !== undefined ? `write media: '${lower}' (lower case)` : diskMediaHint(disk?.media));
    }
    if (!misspelt.has('sizeGigabytes') && (typeof disk?.sizeGigabytes !== 'number' || !(disk.sizeGigabytes > 0))) {
      const written = writtenAmount(disk?.sizeGigabytes, 'gigabytes');
      add(`disks[${i}].sizeGigabytes`, `disk size ${describeValue(disk?.sizeGigabytes)} is not a positive number`,
        written !== undefined ? `write sizeGigabytes: ${written} (gigabytes as sold, a number)` : 'give the size in gigabytes as sold, e.g. 512');
    }
  });
  if (props.shared !== undefined && (typeof props.shared !== 'string' || props.shared.trim() === '')) {
    add('shared', 'shared needs a reason', 'say why the host is a node of more than one cluster');
  }
  return problems;
}

/** Keys that give a disk's mount point, as fstab, lsblk and Ansible name it. */
const DISK_MOUNT_KEY = /^(mount|mounts|mountPath|mountpoint|mountPoint|mount_point|mountedAt|path)$/;

/** Flash a board boots from (an SD card, eMMC), which none of the disk media is, as a board's owner names it. */
const BOOT_FLASH = /^(micro-?)?sd([-_ ]?card)?$|^e?mmc$|^flash$/i;

/** How to write the media of a disk that `media` names as none of {@link DISK_MEDIA} does. Pure. */
function diskMediaHint(media: unknown): string {
  const word = typeof media === 'string' ? media.trim() : '';
  if (BOOT_FLASH.test(word)) {
    return 'the inventory has no media for an SD card or eMMC, nor places anything by it: leave the card a board boots from out of disks, '
      + "and list the disks that hold data (a USB SSD is media: 'ssd')";
  }
  return /^usb/i.test(word) ? "a USB disk is the kind of disk in its case: media: 'ssd' for a USB SSD, 'hdd' for a spinning one" : 'say what kind of disk it is: hdd, ssd or nvme';
}

/** A role of a host's `roles` or `workloadRoles` given twice: a slip (a line copied, another role meant), which no label carries twice. */
function addListedTwice(roles: unknown, field: 'roles' | 'workloadRoles', add: (field: string, message: string, hint: string) => void): void {
  const list: unknown[] = Array.isArray(roles) ? roles : [];
  list.forEach((role, i) => {
    const first = list.indexOf(role);
    if (typeof role === 'string' && first < i) {
      add(`${field}[${i}]`, `role ${role} is listed twice, as ${field}[${first}] already`,
        `list each role once: ${field}: [${[...new Set(list)].map((r) => `'${String(r)}'`).join(', ')}]`);
    }
  });
}
