import { numberToIpv4, parseIpBlock, parseIpv4, tryParseCidr } from './ip';
import { describeValue, InventoryObject, InventoryProblem } from './problems';

/** Facts about one VLAN of the site. */
export interface VlanProps {
  /** 802.1Q VLAN id (1–4094). */
  readonly id: number;
  /** Network in CIDR notation, e.g. `192.168.64.0/20`. */
  readonly cidr: string;
  /** Default gateway on this VLAN. @default - none (an isolated segment) */
  readonly gateway?: string;
  /** What the VLAN is for, as the site's documentation says it. @default - none */
  readonly purpose?: string;
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
  /** Purpose text. */
  public readonly purpose?: string;
  /** Problems in the VLAN's facts and in the addresses asked of it. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the VLAN is, for findings. */
  public readonly inventoryPath: string;

  constructor(public readonly name: string, props: VlanProps) {
    this.inventoryPath = `inventory/vlan/${name}`;
    if (!Number.isInteger(props?.id) || props.id < 1 || props.id > 4094) {
      this.problems.push({ field: 'id', message: `VLAN id ${describeValue(props?.id)} is not within 1–4094`, hint: 'use the 802.1Q id the switch carries' });
    }
    this.id = props?.id;
    this.cidr = props?.cidr;
    const network = tryParseCidr(props?.cidr);
    const cidrIssue = vlanCidrProblem(props?.cidr);
    if (cidrIssue) {
      this.problems.push({ field: 'cidr', ...cidrIssue });
    }
    this.prefixLength = network?.prefix ?? NaN;
    this.gateway = props?.gateway;
    this.purpose = props?.purpose;
    if (props?.gateway !== undefined && network && !this.contains(props.gateway)) {
      this.problems.push({ field: 'gateway', message: `gateway ${describeValue(props.gateway)} is outside ${props.cidr}`, hint: `give a gateway inside ${props.cidr}` });
    } else if (props?.gateway !== undefined && network && this.boundaryRole(props.gateway) !== undefined) {
      this.problems.push({
        field: 'gateway', message: `gateway ${props.gateway} is the ${this.boundaryRole(props.gateway)} of ${props.cidr}, which no machine can hold`,
        hint: `give the router's own address on the VLAN, e.g. ${numberToIpv4(network.first + 1)}`,
      });
    }
  }

  /**
   * What `address` is on this VLAN that no load balancer may take, for findings: `network address`,
   * `broadcast address` or `gateway`; else `undefined`.
   */
  public reservedRole(address: string): string | undefined {
    const value = parseIpv4(address);
    return this.boundaryRole(address) ?? (value !== undefined && parseIpv4(this.gateway) === value ? 'gateway' : undefined);
  }

  /** `network address` or `broadcast address` when `address` is one of this VLAN's (a /31 or /32 has neither, RFC 3021). */
  private boundaryRole(address: string): string | undefined {
    const network = tryParseCidr(this.cidr);
    const value = parseIpv4(address);
    if (network === undefined || value === undefined || network.prefix > 30) {
      return undefined;
    }
    return value === network.first ? 'network address' : value === network.last ? 'broadcast address' : undefined;
  }

  /** Whether the dotted address lies in this VLAN's network. */
  public contains(address: string): boolean {
    const network = tryParseCidr(this.cidr);
    const value = parseIpv4(address);
    return network !== undefined && value !== undefined && value >= network.first && value <= network.last;
  }

  /**
   * An address of this VLAN with the network's prefix, e.g. `192.168.64.2/20`. An address outside the
   * VLAN is recorded as a problem of the VLAN and fails synthesis.
   */
  public interfaceAddress(address: string): string {
    if (!this.contains(address)) {
      this.problems.push({ field: `interfaceAddress(${describeValue(address)})`, message: `address ${describeValue(address)} is outside VLAN "${this.name}" (${this.cidr})`, hint: `take an address of ${this.cidr}` });
    }
    return `${address}/${this.prefixLength}`;
  }
}

/**
 * Why a VLAN's network is none the inventory can use: text that is no block, an IPv6 network (the
 * inventory's addresses are IPv4), or an address with host bits set (`192.168.1.1/24`, the gateway's
 * interface address copied from a router), where the network itself belongs. Pure.
 */
function vlanCidrProblem(cidr: unknown): { readonly message: string; readonly hint: string } | undefined {
  const network = tryParseCidr(cidr);
  if (network === undefined) {
    return parseIpBlock(cidr)?.family === 6
      ? { message: `${describeValue(cidr)} is an IPv6 network; a VLAN of the inventory is described by its IPv4 network, as its hosts', pools' and gateway's addresses are IPv4`, hint: 'write the VLAN\'s IPv4 network, e.g. 192.168.64.0/20' }
      : { message: `${describeValue(cidr)} is not a CIDR block`, hint: 'write the network as address/prefix, e.g. 192.168.64.0/20' };
  }
  const [address] = String(cidr).split('/');
  if (parseIpv4(address) === network.first) {
    return undefined;
  }
  const written = `${numberToIpv4(network.first)}/${network.prefix}`;
  return {
    message: `${describeValue(cidr)} has host bits set: the VLAN's network is ${written}`,
    hint: `write cidr: '${written}'${network.prefix <= 30 ? `, and give ${address} as the VLAN's gateway if it is the router's address` : ''}`,
  };
}
