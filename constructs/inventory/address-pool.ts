import { processRecord } from '../synth/process-records';
import { addressBeforePrefix } from './ip';
import { familyName, ipAddressProblem, IpFamily, parseIpAddress } from './ip-address';
import { Fact, PendingFact, PendingFacts } from './placeholder';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { specialIpKind } from '../validation/special-ips';
import { DNS1123_SUBDOMAIN, nameMeant, nameProblem } from '../validation/dns-names';
import { isVlanId, Vlan } from './vlan';

/** Facts about a range of addresses that load balancers may take. */
export interface AddressPoolProps {
  /**
   * First address of the range, inclusive: IPv4 (`192.168.8.50`) or IPv6 (`fd00:8::50`, kept in RFC 5952's
   * compressed lowercase form); may be a placeholder. A pool holds addresses of one family.
   */
  readonly first: Fact<string>;
  /** Last address of the range, inclusive, of the family of `first` (e.g. `192.168.8.79`); may be a placeholder. */
  readonly last: Fact<string>;
  /**
   * Whether MetalLB may hand out addresses of this pool to Services that ask for none in particular.
   * @default false — addresses are only given out when a Service names one with `at()`.
   */
  readonly autoAssign?: boolean;
  /**
   * VLAN the pool lives on (its id): MetalLB then announces its addresses only from the hosts with a leg
   * on that VLAN. @default - unspecified: announced from every node
   */
  readonly vlan?: number;
}

/** An address taken from a pool: the only way a chart spells a load-balancer IP. */
export class PoolAddress {
  /** @internal */
  constructor(
    /** The pool this address belongs to. */
    public readonly pool: AddressPool,
    /** The address: dotted IPv4, or IPv6 in RFC 5952's form. */
    public readonly address: string,
  ) {}

  public toString(): string {
    return this.address;
  }
}

/** A named range of IPv4 or IPv6 addresses reserved for load balancers (MetalLB, Cilium LB-IPAM, …). */
export class AddressPool implements InventoryObject {
  /** First address as a number, inclusive; `NaN` when `first` is no IPv4 address (see `firstValue`). */
  public readonly firstNumber: number;
  /** Last address as a number, inclusive; `NaN` when `last` is no IPv4 address (see `lastValue`). */
  public readonly lastNumber: number;
  /** The pool's address family; `undefined` when its bounds are no addresses of one family. */
  public readonly family?: IpFamily;
  /** First address as a number of either family, inclusive; `undefined` when the bounds are unsound. */
  public readonly firstValue?: bigint;
  /** Last address as a number of either family, inclusive; `undefined` when the bounds are unsound. */
  public readonly lastValue?: bigint;
  /** Whether the pool hands out addresses to Services that name none. */
  public readonly autoAssign: boolean;
  /** VLAN id, when known. */
  public readonly vlan?: number;
  /** Problems in the pool's facts and in the addresses taken from it. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the pool is, for findings. */
  public readonly inventoryPath: string;
  /** First address of the range, as written (a placeholder's stand-in value). */
  public readonly first: string;
  /** Last address of the range, as written (a placeholder's stand-in value). */
  public readonly last: string;
  private readonly facts: PendingFacts;
  private readonly boundsReported: boolean;
  /** Problems of the addresses at() took, by address. */
  private readonly addressProblems = new Map<PoolAddress, InventoryProblem>();

  constructor(
    /** Pool name, used as the MetalLB IPAddressPool name. */
    public readonly name: string,
    props: AddressPoolProps,
    /** Name of the site the pool belongs to. @default - a pool on its own */
    siteName?: string,
    /**
     * @internal Whether the site reported the pool's bounds already (it was written in a form none can be
     * read from): the pool then reports nothing more about them, nor about addresses taken from it.
     */
    boundsReported = false,
    /** @internal The ids of the site's VLANs by name, for a pool tagged with a VLAN's name. */
    siteVlanIds: ReadonlyMap<string, number> = new Map(),
  ) {
    this.inventoryPath = siteName ? `inventory/site/${siteName}/pools/${name}` : `inventory/pool/${name}`;
    if (siteName !== undefined) {
      DECLARED_POOLS.add({ pool: this, siteName });
    }
    this.facts = new PendingFacts(`pool ${name}`, this.problems);
    const writtenFirst = this.facts.read(props?.first, 'first') as string;
    const writtenLast = this.facts.read(props?.last, 'last') as string;
    const first = parseIpAddress(writtenFirst);
    const last = parseIpAddress(writtenLast);
    // MetalLB and Cilium are given the range as the pool writes it: one spelling for each address.
    this.first = first?.text ?? writtenFirst;
    this.last = last?.text ?? writtenLast;
    this.boundsReported = boundsReported;
    for (const [field, example] of boundsReported ? [] : [['first', '192.168.8.50'], ['last', '192.168.8.79']] as const) {
      const problem = ipAddressProblem(this[field], `write it dotted, e.g. ${example}, or in IPv6 notation, e.g. fd00:8::${example.split('.')[3]}`, `${field} address`);
      if (problem) {
        this.problems.push({ field, ...problem });
      }
    }
    // MetalLB takes such a range, and announces from it addresses no machine but the node sends packets to.
    for (const field of boundsReported ? [] : ['first', 'last'] as const) {
      const kind = specialIpKind(this[field]);
      if (kind !== undefined) {
        this.problems.push({
          field, message: `${field} address ${this[field]} is ${kind}, which no other machine sends packets to: a Service given it is reached from nowhere`,
          hint: "give addresses of the hosts' network that its DHCP server does not hand out, e.g. 192.168.1.240 to 192.168.1.250 (on a cluster in Docker, addresses of the cluster's Docker network)",
        });
        break;
      }
    }
    const sound = first !== undefined && last !== undefined && first.family === last.family;
    if (first !== undefined && last !== undefined && !sound) {
      this.problems.push({
        field: 'last', message: `the pool's first address ${this.first} is ${familyName(first.family)} and its last ${this.last} ${familyName(last.family)}`,
        hint: 'a pool holds addresses of one family: declare one pool for each, and give a dual-stack Service an address of each',
      });
    } else if (sound && first.value > last.value) {
      this.problems.push({ field: 'last', message: `the pool is reversed: first ${this.first} comes after last ${this.last}`, hint: 'swap first and last' });
    }
    this.family = sound ? first.family : undefined;
    this.firstValue = sound ? first.value : undefined;
    this.lastValue = sound ? last.value : undefined;
    this.firstNumber = first?.family === 4 ? Number(first.value) : NaN;
    this.lastNumber = last?.family === 4 ? Number(last.value) : NaN;
    const nameIssue = nameProblem(name, DNS1123_SUBDOMAIN);
    if (nameIssue) {
      this.problems.push({ field: 'name', message: `pool name ${nameIssue}`, hint: `name the pool as MetalLB names its IPAddressPool: lower case, digits, '-' and '.', e.g. ${(typeof name === 'string' ? nameMeant(name, DNS1123_SUBDOMAIN) : undefined) ?? 'vips'}` });
    }
    if (props?.vlan !== undefined && !isVlanId(props.vlan)) {
      this.problems.push({ field: 'vlan', ...poolVlanTagProblem(props.vlan, siteVlanIds) });
    }
    if (props?.autoAssign !== undefined && typeof props.autoAssign !== 'boolean') {
      const meant = typeof props.autoAssign === 'string' && /^\s*(true|yes|on)\s*$/i.test(props.autoAssign);
      this.problems.push({ field: 'autoAssign', message: `autoAssign ${describeValue(props.autoAssign)} is not true or false`, hint: `write autoAssign: ${meant} (a switch, not text)` });
    }
    // MetalLB's IPAddressPool takes a boolean: a switch written otherwise is the pool's one error above, not also the object's.
    this.autoAssign = props?.autoAssign === true;
    this.vlan = props?.vlan;
  }

  /**
   * Whether the pool's bounds are sound. A pool whose bounds are wrong reports that once (or its site
   * does), not once for every address taken from it.
   */
  public get bounded(): boolean {
    return !this.boundsReported && !this.problems.some((p) => p.field === 'first' || p.field === 'last');
  }

  /** The range in MetalLB's `first-last` notation. */
  public get range(): string {
    return `${this.first}-${this.last}`;
  }

  /** Whether the address lies inside the pool (an address of the other family never does). */
  public contains(address: string): boolean {
    const parsed = parseIpAddress(address);
    return parsed !== undefined && parsed.family === this.family && parsed.value >= this.firstValue! && parsed.value <= this.lastValue!;
  }

  /** Facts of this pool that are still placeholders, including addresses taken with a placeholder. */
  public get placeholders(): readonly PendingFact[] {
    return this.facts.list;
  }

  /**
   * Takes one address of the pool. An address outside the pool is recorded as a problem of the pool (and
   * fails synthesis), so a chart cannot ask for an address the network does not route to its load balancer.
   * The address may be a placeholder; it is then listed with the pool's facts to fill in.
   */
  public at(fact: Fact<string>): PoolAddress {
    const written = this.facts.read(fact, `address ${String(fact)}`) as string;
    const problem = ipAddressProblem(written, `take an address between ${this.first} and ${this.last}`, '', this.family);
    // Whatever is wrong with the address (none, the other family, outside the range), the prop that uses
    // it is where the user wrote it and reports it; the pool keeps it only for an address nothing uses.
    const field = `at(${describeValue(written)})`;
    if (problem && parseIpAddress(written) === undefined) {
      // The address without its prefix, so the objects that carry it repeat no error the prop has already.
      const address = addressBeforePrefix(written) ?? String(written);
      return this.recorded(new PoolAddress(this, address), { field, address, ...problem });
    }
    const address = parseIpAddress(written)!.text;
    const outside = problem ?? this.outsideProblem(address);
    return this.recorded(new PoolAddress(this, address), outside && { field, address, ...outside });
  }

  /**
   * @internal The problem recorded for `address` when at() took it outside the pool (or of the other
   * family), taken off the pool's record: the construct that uses the address reports it on its prop (an
   * App's `loadBalancer.address`), and the pool's record would say the same again.
   */
  public takeAddressProblem(address: PoolAddress): { message: string; hint: string } | undefined {
    const problem = this.addressProblems.get(address);
    if (problem === undefined) {
      return undefined;
    }
    // An address used twice is reported at each use; the pool's record goes with the first.
    const index = this.problems.indexOf(problem);
    if (index >= 0) {
      this.problems.splice(index, 1);
    }
    return { message: problem.message, hint: problem.hint };
  }

  /** Records `problem`, if any, as the pool's and as that of `address`; returns `address`. */
  private recorded(address: PoolAddress, problem: InventoryProblem | undefined): PoolAddress {
    if (problem) {
      this.problems.push(problem);
      this.addressProblems.set(address, problem);
    }
    return address;
  }

  /** The problem of `address` when it lies outside the pool (whose bounds are sound), or undefined. */
  private outsideProblem(address: string): { message: string; hint: string } | undefined {
    return this.bounded && !this.contains(address) ? {
      message: `address ${address} is outside pool "${this.name}" (${this.range})`,
      hint: `take an address between ${this.first} and ${this.last}, or widen the pool in the site's inventory`,
    } : undefined;
  }
}

/**
 * Why a pool's `vlan` is no VLAN id, and the id to write: the VLAN itself (`vlan: vlans.vips`, as a host's
 * `vlanInterfaces` take it) or its name on the site (`vlan: 'iot'`, of `siteVlanIds`) stands for its id, and
 * so does the id written as text. Pure.
 */
function poolVlanTagProblem(tag: unknown, siteVlanIds: ReadonlyMap<string, number>): { readonly message: string; readonly hint: string } {
  if (tag instanceof Vlan) {
    return { message: `vlan is VLAN "${tag.name}" itself, where a pool is tagged with its id`, hint: `write vlan: ${isVlanId(tag.id) ? tag.id : '<its id>'} (or vlan: ${tag.name}.id)` };
  }
  const named = typeof tag === 'string' ? siteVlanIds.get(tag.trim()) : undefined;
  if (named !== undefined) {
    return { message: `vlan "${String(tag)}" is the name of the site's VLAN, where a pool is tagged with its id`, hint: `write vlan: ${named}` };
  }
  const written = typeof tag === 'string' && /^\s*\d+\s*$/.test(tag) ? Number(tag) : undefined;
  return {
    message: `vlan ${describeValue(tag)} is not a VLAN id`,
    hint: isVlanId(written) ? `write vlan: ${written} (a number)` : 'give the id as a number of 1–4094, e.g. vlan: 8',
  };
}

/** The pools of the sites declared in this process: a pool is no construct, so the tree cannot tell of them. */
const DECLARED_POOLS = processRecord(new Set<{ readonly pool: AddressPool; readonly siteName: string }>());

/**
 * How to pass the pool that `name`, written where a pool object belongs, names: a pool of a declared site of
 * that name in any letter case (`'vips'` for `site('home', { pools: { vips } })`); undefined when none is.
 */
export function poolNamedHint(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  const declared = [...DECLARED_POOLS].find(({ pool }) => typeof pool.name === 'string' && pool.name.toLowerCase() === wanted);
  return declared === undefined ? undefined
    : `"${name}" names pool ${declared.pool.name} of site('${declared.siteName}', …): pass the pool object, <site>.pools.${declared.pool.name}, where <site> is the const that site is kept in`;
}

/**
 * How to pass the address `text`, written where an address taken from a pool belongs: from the pool of a
 * declared site that holds it, with `at`; undefined when no pool holds it.
 */
export function poolAddressNamedHint(text: string): string | undefined {
  const address = text.trim();
  const pools = [...DECLARED_POOLS].filter(({ pool }) => pool.bounded);
  const declared = pools.find(({ pool }) => pool.contains(address));
  if (declared !== undefined) {
    return `take the address from pool ${declared.pool.name} of site('${declared.siteName}', …), which holds it: <site>.pools.${declared.pool.name}.at('${address}'), where <site> is the const that site is kept in`;
  }
  // An address no pool holds: the load balancer would not hand it out, so either the pool grows or the address changes.
  return parseIpAddress(address) === undefined || pools.length === 0 ? undefined
    : `no pool of the inventory holds ${address}: take an address its site's pool holds, <site>.pools.<pool>.at('<address>'), or widen that pool in the site's inventory to hold it`;
}
