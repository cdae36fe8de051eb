import { ipv4ToNumber, numberToIpv4 } from './ip';
import { Fact, PendingFact, PendingFacts } from './placeholder';

/** Facts about a range of addresses that load balancers may take. */
export interface AddressPoolProps {
  /** First address of the range, inclusive (e.g. `192.168.8.50`); may be a placeholder. */
  readonly first: Fact<string>;
  /** Last address of the range, inclusive (e.g. `192.168.8.79`); may be a placeholder. */
  readonly last: Fact<string>;
  /**
   * Whether MetalLB may hand out addresses of this pool to Services that ask for none in particular.
   * @default false — addresses are only given out when a Service names one with `at()`.
   */
  readonly autoAssign?: boolean;
  /** VLAN the pool lives on, for documentation and L2 announcement. @default - unspecified */
  readonly vlan?: number;
}

/** An address taken from a pool: the only way a chart spells a load-balancer IP. */
export class PoolAddress {
  /** @internal */
  constructor(
    /** The pool this address belongs to. */
    public readonly pool: AddressPool,
    /** The dotted IPv4 address. */
    public readonly address: string,
  ) {}

  public toString(): string {
    return this.address;
  }
}

/** A named range of IPv4 addresses reserved for load balancers (MetalLB, Cilium LB-IPAM, …). */
export class AddressPool {
  /** First address as a number, inclusive. */
  public readonly firstNumber: number;
  /** Last address as a number, inclusive. */
  public readonly lastNumber: number;
  /** Whether the pool hands out addresses to Services that name none. */
  public readonly autoAssign: boolean;
  /** VLAN id, when known. */
  public readonly vlan?: number;
  /** First address of the range. */
  public readonly first: string;
  /** Last address of the range. */
  public readonly last: string;
  private readonly facts: PendingFacts;

  constructor(
    /** Pool name, used as the MetalLB IPAddressPool name. */
    public readonly name: string,
    props: AddressPoolProps,
  ) {
    this.facts = new PendingFacts(`pool ${name}`);
    this.first = this.facts.read(props.first, 'first');
    this.last = this.facts.read(props.last, 'last');
    this.firstNumber = ipv4ToNumber(this.first);
    this.lastNumber = ipv4ToNumber(this.last);
    if (this.firstNumber > this.lastNumber) {
      throw new Error(`address pool "${name}": first ${this.first} is after last ${this.last}`);
    }
    this.autoAssign = props.autoAssign ?? false;
    this.vlan = props.vlan;
  }

  /** The range in MetalLB's `first-last` notation. */
  public get range(): string {
    return `${this.first}-${this.last}`;
  }

  /** Whether the dotted address lies inside the pool. */
  public contains(address: string): boolean {
    const value = ipv4ToNumber(address);
    return value >= this.firstNumber && value <= this.lastNumber;
  }

  /** Facts of this pool that are still placeholders, including addresses taken with a placeholder. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /**
   * Takes one address of the pool. Throws when the address lies outside it, so a chart cannot
   * ask for an address the network does not route to its load balancer. The address may be a
   * placeholder; it is then listed with the pool's facts to fill in.
   */
  public at(fact: Fact<string>): PoolAddress {
    const address = this.facts.read(fact, `address ${String(fact)}`);
    if (!this.contains(address)) {
      throw new Error(`address ${address} is outside pool "${this.name}" (${this.range})`);
    }
    return new PoolAddress(this, numberToIpv4(ipv4ToNumber(address)));
  }
}
