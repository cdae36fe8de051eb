import { ipv4ToNumber, parseCidr } from './ip';

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
export class Vlan {
  /** 802.1Q VLAN id. */
  public readonly id: number;
  /** Network in CIDR notation. */
  public readonly cidr: string;
  /** Default gateway, when the VLAN routes. */
  public readonly gateway?: string;
  /** Prefix length of the network, e.g. 20. */
  public readonly prefixLength: number;
  /** Purpose text. */
  public readonly purpose?: string;

  constructor(public readonly name: string, props: VlanProps) {
    if (!Number.isInteger(props.id) || props.id < 1 || props.id > 4094) {
      throw new Error(`VLAN "${name}": id ${props.id} is not within 1–4094`);
    }
    this.id = props.id;
    this.cidr = props.cidr;
    this.prefixLength = parseCidr(props.cidr).prefix;
    this.gateway = props.gateway;
    this.purpose = props.purpose;
    if (props.gateway && !this.contains(props.gateway)) {
      throw new Error(`VLAN "${name}": gateway ${props.gateway} is outside ${props.cidr}`);
    }
  }

  /** Whether the dotted address lies in this VLAN's network. */
  public contains(address: string): boolean {
    const { first, last } = parseCidr(this.cidr);
    const value = ipv4ToNumber(address);
    return value >= first && value <= last;
  }

  /** An address of this VLAN with the network's prefix, e.g. `192.168.64.2/20`; throws when outside. */
  public interfaceAddress(address: string): string {
    if (!this.contains(address)) {
      throw new Error(`address ${address} is outside VLAN "${this.name}" (${this.cidr})`);
    }
    return `${address}/${this.prefixLength}`;
  }
}
