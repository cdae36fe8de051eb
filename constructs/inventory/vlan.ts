import { formatIpBlock, networkOf, parseIpBlock } from './ip';
import { canonicalIp, familyName, formatIpAddress, IpFamily, parseIpAddress } from './ip-address';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { closestName } from '../validation/closest-name';

/** Facts about one VLAN of the site. */
export interface VlanProps {
  /** 802.1Q VLAN id (1–4094). */
  readonly id: number;
  /** Network in CIDR notation, IPv4 (`192.168.64.0/20`) or IPv6 (`fd00:64::/64`). */
  readonly cidr: string;
  /**
   * Default gateway on this VLAN, of the network's family.
   * @default - not recorded: an isolated segment, or one whose router the inventory leaves out (the README says "not given")
   */
  readonly gateway?: string;
  /** What the VLAN is for, as the site's documentation says it. @default - none */
  readonly purpose?: string;
}

/** A VLAN of the site, with its addressing. */
/** The bounds of a VLAN's network, of either family. */
export interface VlanNetwork {
  /** 4 or 6. */
  readonly family: IpFamily;
  /** First address (the network address), as a number. */
  readonly first: bigint;
  /** Last address, as a number. */
  readonly last: bigint;
  /** Prefix length. */
  readonly prefix: number;
}

/** The bounds of a network written `address/prefix`, host bits cleared; `undefined` for text that is none. Pure. */
export function networkBounds(cidr: unknown): VlanNetwork | undefined {
  const block = parseIpBlock(cidr);
  if (block === undefined) {
    return undefined;
  }
  const first = networkOf(block);
  return { family: block.family, first, last: first + (1n << BigInt(block.bits - block.prefix)) - 1n, prefix: block.prefix };
}

/** A VLAN of the site, with its addressing. */
export class Vlan implements InventoryObject {
  /** 802.1Q VLAN id. */
  public readonly id: number;
  /** Network in CIDR notation. */
  public readonly cidr: string;
  /** Default gateway, when the VLAN routes. */
  public readonly gateway?: string;
  /** Prefix length of the network, e.g. 20; `NaN` when `cidr` is no CIDR block. */
  public readonly prefixLength: number;
  /** The network's bounds and family; `undefined` when `cidr` is no CIDR block. */
  public readonly network?: VlanNetwork;
  /** Purpose text. */
  public readonly purpose?: string;
  /** Problems in the VLAN's facts and in the addresses asked of it. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the VLAN is, for findings. */
  public readonly inventoryPath: string;

  constructor(public readonly name: string, props: VlanProps) {
    this.inventoryPath = `inventory/vlan/${name}`;
    const idAsText = typeof props?.id === 'string' && /^\s*\d+\s*$/.test(props.id) ? Number(props.id) : undefined;
    if (idAsText !== undefined && isVlanId(idAsText)) {
      // A router UI or a YAML file gives the id as text; the inventory counts with it.
      this.problems.push({ field: 'id', message: `VLAN id ${describeValue(props?.id)} is text, not a number`, hint: `write it as a number: id: ${idAsText}` });
    } else if (!isVlanId(props?.id)) {
      this.problems.push({
        field: 'id', message: `VLAN id ${describeValue(props?.id)} is not within 1–4094`,
        hint: props?.id === 0 ? 'VLAN 0 is no VLAN (802.1Q keeps it for priority tags): give the id the switch carries the network on; an untagged LAN is usually VLAN 1'
          : 'use the 802.1Q id the switch carries',
      });
    }
    this.id = props?.id;
    const network = networkBounds(props?.cidr);
    const unknown = unknownVlanFacts(props);
    this.problems.push(...unknown);
    // A network under another tool's name (`network`, `subnet`) is one mistake, said once, on that name.
    const cidrIssue = unknown.some((p) => p.hint.startsWith('write cidr:')) ? undefined : vlanCidrProblem(props?.cidr);
    if (cidrIssue) {
      this.problems.push({ field: 'cidr', ...cidrIssue });
    }
    // An IPv6 network is written as RFC 5952 writes it, so objects built from it carry one spelling.
    this.cidr = network?.family === 6 && !cidrIssue ? `${formatIpAddress(6, network.first)}/${network.prefix}` : props?.cidr;
    this.network = network;
    this.prefixLength = network?.prefix ?? NaN;
    this.gateway = props?.gateway === undefined ? undefined : canonicalIp(props.gateway);
    this.purpose = props?.purpose;
    if (props?.purpose !== undefined && typeof props.purpose !== 'string') {
      this.problems.push({ field: 'purpose', message: `purpose ${describeValue(props.purpose)} is not text`, hint: "say in words what the VLAN carries, e.g. purpose: 'IoT devices'" });
    }
    const gatewayIssue = props?.gateway === undefined ? undefined : gatewayFormProblem(props.gateway, network);
    if (gatewayIssue) {
      this.problems.push({ field: 'gateway', ...gatewayIssue });
    } else if (props?.gateway !== undefined && network && !this.contains(props.gateway)) {
      this.problems.push({ field: 'gateway', message: `gateway ${describeValue(props.gateway)} is outside ${props.cidr}`, hint: `give a gateway inside ${props.cidr}` });
    } else if (props?.gateway !== undefined && network && this.boundaryRole(props.gateway) !== undefined) {
      this.problems.push({
        field: 'gateway', message: `gateway ${props.gateway} is the ${this.boundaryRole(props.gateway)} of ${props.cidr}, which no machine can hold`,
        hint: `give the router's own address on the VLAN, e.g. ${formatIpAddress(network.family, network.first + 1n)}`,
      });
    }
  }

  /**
   * What `address` is on this VLAN that no load balancer may take, for findings: `network address`,
   * `broadcast address`, `subnet-router anycast address` (IPv6) or `gateway`; else `undefined`.
   */
  public reservedRole(address: string): string | undefined {
    const value = parseIpAddress(address);
    const gateway = parseIpAddress(this.gateway);
    return this.boundaryRole(address) ?? (value !== undefined && value.family === gateway?.family && value.value === gateway.value ? 'gateway' : undefined);
  }

  /**
   * The address of this VLAN no machine holds at its boundary: the network and broadcast address of an
   * IPv4 network (a /31 or /32 has neither, RFC 3021); the subnet-router anycast address of an IPv6 one,
   * which every router of the link answers (RFC 4291; a /127 or /128 has none, RFC 6164).
   */
  private boundaryRole(address: string): string | undefined {
    const network = this.network;
    const value = parseIpAddress(address);
    if (network === undefined || value === undefined || value.family !== network.family || network.prefix > (network.family === 4 ? 30 : 126)) {
      return undefined;
    }
    if (network.family === 6) {
      return value.value === network.first ? 'subnet-router anycast address' : undefined;
    }
    return value.value === network.first ? 'network address' : value.value === network.last ? 'broadcast address' : undefined;
  }

  /** Whether the address lies in this VLAN's network (an address of the other family never does). */
  public contains(address: string): boolean {
    const network = this.network;
    const value = parseIpAddress(address);
    return network !== undefined && value !== undefined && value.family === network.family && value.value >= network.first && value.value <= network.last;
  }

  /**
   * An address of this VLAN with the network's prefix, e.g. `192.168.64.2/20`. An address outside the
   * VLAN is recorded as a problem of the VLAN and fails synthesis.
   */
  public interfaceAddress(address: string): string {
    if (!this.contains(address)) {
      this.problems.push({ field: `interfaceAddress(${describeValue(address)})`, message: `address ${describeValue(address)} is outside VLAN "${this.name}" (${this.cidr})`, hint: `take an address of ${this.cidr}` });
    }
    return `${canonicalIp(address)}/${this.prefixLength}`;
  }
}

/**
 * The VLAN a pool tagged `id` is on. A dual-stack VLAN is declared as two VLANs of one id, one network of
 * each family, so the one of the pool's family is it; otherwise (a pool of the other family, bounds that
 * are no addresses) the first VLAN of that id, which the findings then name. Pure.
 */
export function vlanWithId(vlans: readonly Vlan[], id: number | undefined, family: IpFamily | undefined): Vlan | undefined {
  const tagged = vlans.filter((v) => v.id === id);
  return tagged.find((v) => v.network?.family === family) ?? tagged[0];
}

/** Whether two VLANs are one declared twice: one id and one family (a dual-stack VLAN has a network of each). Pure. */
export function sameVlan(a: Vlan, b: Vlan): boolean {
  return a !== b && a.id === b.id && a.network?.family === b.network?.family;
}

/**
 * Why a VLAN's network is none the inventory can use: text that is no block, or an address with host bits
 * set (`192.168.1.1/24`, the gateway's interface address copied from a router), where the network itself
 * belongs. IPv4 and IPv6 networks alike. Pure.
 */
/** Whether a value is an 802.1Q VLAN id, 1–4094. Pure. */
export function isVlanId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 4094;
}

/** The facts `vlan()` reads. */
const VLAN_FACTS: readonly string[] = ['id', 'cidr', 'gateway', 'purpose'];

/** Facts a VLAN does not have; one holding a CIDR block while `cidr` is missing is the network, misnamed. Pure. */
function unknownVlanFacts(props: VlanProps | undefined): InventoryProblem[] {
  const given = Object.entries(props ?? {}) as Array<[string, unknown]>;
  // A network written as an address and a dotted netmask (subnet: '192.168.1.0', netmask: '255.255.255.0', as
  // ifupdown and router UIs write it) is one mistake, said on the address with the block they stand for.
  const mask = props?.cidr === undefined ? given.find(([key, value]) => !VLAN_FACTS.includes(key) && maskPrefix(value) !== undefined) : undefined;
  const maskedAddress = mask && given.find(([key, value]) => key !== mask[0] && !VLAN_FACTS.includes(key) && parseIpAddress(value)?.family === 4);
  return given.filter(([key]) => !VLAN_FACTS.includes(key) && !(maskedAddress && key === mask![0])).map(([key, value]) => {
    const near = closestName(key, VLAN_FACTS);
    return {
      field: key, message: `"${key}" is not a fact of a VLAN; it would be ignored`,
      hint: props?.cidr === undefined && parseIpBlock(value) !== undefined ? `write cidr: '${String(value)}'`
        : maskedAddress && key === maskedAddress[0] ? `write cidr: '${String(value)}/${maskPrefix(mask![1])}' (${mask![0]} ${String(mask![1])} is /${maskPrefix(mask![1])})`
          : near !== undefined ? `did you mean "${near}"?` : `a VLAN has ${VLAN_FACTS.join(', ')}`,
    };
  });
}

/** The prefix length a dotted IPv4 netmask stands for (`255.255.255.0` is 24), or undefined when it is none. Pure. */
function maskPrefix(mask: unknown): number | undefined {
  const value = typeof mask === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(mask) ? parseIpAddress(mask) : undefined;
  if (value === undefined || value.family !== 4) {
    return undefined;
  }
  const bits = value.value.toString(2).padStart(32, '0');
  return /^1+0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined;
}

/**
 * Why `gateway` is not written as one address: a CIDR block (the VLAN's network written again, or the
 * router's address with its prefix) or text that is no address. The router's address is the hint. Pure.
 */
function gatewayFormProblem(gateway: unknown, network: VlanNetwork | undefined): { readonly message: string; readonly hint: string } | undefined {
  if (parseIpAddress(gateway) !== undefined) {
    return undefined;
  }
  const block = parseIpBlock(gateway);
  if (block !== undefined) {
    const address = String(gateway).split('/')[0];
    const isNetwork = networkOf(block) === block.address;
    const router = isNetwork ? formatIpAddress(block.family, block.address + 1n) : address;
    return {
      message: `gateway ${describeValue(gateway)} is ${isNetwork ? 'a network' : 'an address with a network prefix'}, where the router's address belongs`,
      hint: `write gateway: '${router}'${isNetwork ? " (or whichever address the router has)" : ''}; the network goes in cidr`,
    };
  }
  const example = network ? formatIpAddress(network.family, network.first + 1n) : '192.168.1.1';
  return { message: `gateway ${describeValue(gateway)} is not an IP address`, hint: `write the router's address on the VLAN, e.g. '${example}'` };
}

function vlanCidrProblem(cidr: unknown): { readonly message: string; readonly hint: string } | undefined {
  const block = parseIpBlock(cidr);
  const [base, mask] = typeof cidr === 'string' ? cidr.split('/') : [];
  if (block === undefined && maskPrefix(mask) !== undefined && parseIpAddress(base) !== undefined) {
    return { message: `${describeValue(cidr)} gives its netmask dotted, where a CIDR block has the prefix length`, hint: `write cidr: '${base}/${maskPrefix(mask)}'` };
  }
  const family = parseIpAddress(base)?.family;
  if (block === undefined && family !== undefined && /^\d+$/.test(mask ?? '') && Number(mask) > (family === 4 ? 32 : 128)) {
    // A prefix past the address's width (a /33 for a /23 or /24) is a slip of the keyboard.
    return { message: `${describeValue(cidr)} has a prefix of ${mask} bits, but an ${familyName(family)} address has ${family === 4 ? 32 : 128}`, hint: `write the network's prefix length, at most /${family === 4 ? 32 : 128}, e.g. ${base}/${family === 4 ? 24 : 64}` };
  }
  if (block === undefined) {
    return { message: `${describeValue(cidr)} is not a CIDR block`, hint: 'write the network as address/prefix, e.g. 192.168.64.0/20 or fd00:64::/64' };
  }
  const network = networkOf(block);
  if (block.address === network) {
    return undefined;
  }
  const address = String(cidr).split('/')[0];
  const written = formatIpBlock(block.family, network, block.prefix);
  return {
    message: `${describeValue(cidr)} has host bits set: the VLAN's network is ${written}`,
    hint: `write cidr: '${written}'${block.prefix <= (block.family === 4 ? 30 : 126) ? `, and give ${address} as the VLAN's gateway if it is the router's address` : ''}`,
  };
}
