import { Bridge, BridgeProps } from './bridge';
import { Gpu, GpuSpec, GpuVendor } from './gpu';
import { ipv4ToNumber } from './ip';
import { Fact, PendingFact, PendingFacts } from './placeholder';
import { ZfsPool, ZfsPoolProps } from './zfs-pool';

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

/** Facts about one Kubernetes node. */
export interface HostProps<P extends string = string, B extends string = string> {
  /** CPU architecture. */
  readonly arch: Arch;
  /** Roles in its cluster. @default ['worker'] */
  readonly roles?: NodeRole[];
  /** Address on the home network (or the public address of a VPS); may be a placeholder. */
  readonly address: Fact<string>;
  /** Public address, for hosts reachable from the internet. @default - none */
  readonly publicAddress?: Fact<string>;
  /** The node's name in Kubernetes (`kubernetes.io/hostname`). @default - the host name */
  readonly nodeName?: Fact<string>;
  /** CPU cores. @default - unknown */
  readonly cores?: number;
  /** Memory in gigabytes. @default - unknown */
  readonly memoryGigabytes?: number;
  /** GPUs in the host; a vendor or model may be a placeholder. @default [] */
  readonly gpus?: GpuSpec[];
  /** ZFS pools by pool name. @default {} */
  readonly zfsPools?: Record<P, ZfsPoolProps>;
  /** Linux bridges by device name. @default {} */
  readonly bridges?: Record<B, BridgeProps>;
  /** Taints that keep ordinary workloads away. @default [] */
  readonly taints?: Taint[];
  /**
   * Workload roles the host is set aside for (seed 004's `role=monitoring`, `role=ci-cd`).
   * Placement by role pins a workload to the hosts that list it.
   * @default []
   */
  readonly workloadRoles?: string[];
  /** Other things the host provides, e.g. `registry`, `nfs-server`. @default [] */
  readonly services?: string[];
}

/** A Kubernetes node of the inventory. Its pools and bridges are typed: `n5.zfs.ai`, `n5.bridges.bridge64`. */
export class Host<P extends string = string, B extends string = string> {
  /** CPU architecture. */
  public readonly arch: Arch;
  /** Roles in its cluster. */
  public readonly roles: readonly NodeRole[];
  /** Home-network address. */
  public readonly address: string;
  /** Public address, when reachable from the internet. */
  public readonly publicAddress?: string;
  /** Node name in Kubernetes. */
  public readonly nodeName: string;
  /** CPU cores, when known. */
  public readonly cores?: number;
  /** Memory in gigabytes, when known. */
  public readonly memoryGigabytes?: number;
  /** GPUs. */
  public readonly gpus: readonly Gpu[];
  /** ZFS pools by name. */
  public readonly zfs: Readonly<Record<P, ZfsPool>>;
  /** Bridges by device name. */
  public readonly bridges: Readonly<Record<B, Bridge>>;
  /** Taints. */
  public readonly taints: readonly Taint[];
  /** Workload roles. */
  public readonly workloadRoles: readonly string[];
  /** Other services the host provides. */
  public readonly services: readonly string[];
  private readonly facts: PendingFacts;

  constructor(
    /** Inventory name of the host. */
    public readonly name: string,
    props: HostProps<P, B>,
  ) {
    this.facts = new PendingFacts(`host ${name}`);
    this.address = this.facts.read(props.address, 'address');
    ipv4ToNumber(this.address);
    this.arch = props.arch;
    this.roles = props.roles ?? ['worker'];
    this.publicAddress = this.facts.read(props.publicAddress, 'publicAddress');
    this.nodeName = this.facts.read(props.nodeName, 'nodeName') ?? name;
    this.cores = props.cores;
    this.memoryGigabytes = props.memoryGigabytes;
    this.gpus = (props.gpus ?? []).map((gpu, index) => ({
      ...gpu,
      vendor: this.facts.read(gpu.vendor, `gpus[${index}].vendor`),
      model: this.facts.read(gpu.model, `gpus[${index}].model`),
    }));
    this.taints = props.taints ?? [];
    this.workloadRoles = props.workloadRoles ?? [];
    this.services = props.services ?? [];
    const pools = {} as Record<P, ZfsPool>;
    for (const [pool, poolProps] of Object.entries<ZfsPoolProps>(props.zfsPools ?? ({} as Record<P, ZfsPoolProps>))) {
      pools[pool as P] = new ZfsPool(this, pool, poolProps);
    }
    this.zfs = pools;
    const bridges = {} as Record<B, Bridge>;
    for (const [bridge, bridgeProps] of Object.entries<BridgeProps>(props.bridges ?? ({} as Record<B, BridgeProps>))) {
      bridges[bridge as B] = new Bridge(this, bridge, bridgeProps);
    }
    this.bridges = bridges;
  }

  /** Facts of this host that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /** Whether the host has at least one GPU of the vendor. */
  public hasGpu(vendor: GpuVendor): boolean {
    return this.gpus.some((gpu) => gpu.vendor === vendor);
  }

  /** Whether the host has a ZFS pool of that name. */
  public hasZfsPool(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.zfs, name);
  }
}

/** Declares a Kubernetes node of the inventory. */
export function host<P extends string = never, B extends string = never>(name: string, props: HostProps<P, B>): Host<P, B> {
  return new Host<P, B>(name, props);
}

/** Facts about a machine outside Kubernetes that cluster workloads talk to. */
export interface ExternalHostProps {
  /** Address on the home network; may be a placeholder. */
  readonly address: Fact<string>;
  /** DNS name, when it differs from `<name>.<site domain>`. @default - `<name>.<site domain>` */
  readonly dnsName?: Fact<string>;
  /** Ports of the services it offers, by service name (e.g. `{ osaurus: 8080 }`). @default {} */
  readonly ports?: Record<string, number>;
}

/** A machine outside the clusters (an inference Mac, a NAS), referenced by ExternalName Services. */
export class ExternalHost {
  /** Home-network address. */
  public readonly address: string;
  /** Explicit DNS name, if any. */
  public readonly dnsName?: string;
  /** Service ports by name. */
  public readonly ports: Readonly<Record<string, number>>;
  private readonly facts: PendingFacts;

  constructor(public readonly name: string, props: ExternalHostProps) {
    this.facts = new PendingFacts(`external host ${name}`);
    this.address = this.facts.read(props.address, 'address');
    ipv4ToNumber(this.address);
    this.dnsName = this.facts.read(props.dnsName, 'dnsName');
    this.ports = props.ports ?? {};
  }

  /** Facts of this machine that are still placeholders. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /** The port of a named service; throws when the inventory does not list it. */
  public port(service: string): number {
    const port = this.ports[service];
    if (port === undefined) {
      throw new Error(`external host "${this.name}" lists no port for "${service}"`);
    }
    return port;
  }
}

/** Declares a machine outside the clusters. */
export function externalHost(name: string, props: ExternalHostProps): ExternalHost {
  return new ExternalHost(name, props);
}
