import { parseIpv4, tryParseCidr } from './ip';
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
    if (!network) {
      this.problems.push({ field: 'cidr', message: `${describeValue(props?.cidr)} is not a CIDR block`, hint: 'write the network as address/prefix, e.g. 192.168.64.0/20' });
    }
    this.prefixLength = network?.prefix ?? NaN;
    this.gateway = props?.gateway;
    this.purpose = props?.purpose;
    if (props?.gateway !== undefined && network && !this.contains(props.gateway)) {
      this.problems.push({ field: 'gateway', message: `gateway ${describeValue(props.gateway)} is outside ${props.cidr}`, hint: `give a gateway inside ${props.cidr}` });
    }
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
