import type { Host } from './host';
import type { Vlan } from './vlan';

/** Facts about a Linux bridge on a host, usually carrying one VLAN to VMs. */
export interface BridgeProps {
  /** The VLAN the bridge carries. @default - untagged */
  readonly vlan?: Vlan;
  /** The physical interface the bridge sits on, e.g. `eno1.64`. @default - unspecified */
  readonly uplink?: string;
}

/** A Linux bridge on one host. Charts reference it as `host.bridges.<name>`. */
export class Bridge {
  /** The VLAN the bridge carries, if any. */
  public readonly vlan?: Vlan;
  /** Physical uplink interface, if known. */
  public readonly uplink?: string;

  constructor(
    /** The host the bridge exists on. */
    public readonly host: Host,
    /** Bridge device name, e.g. `bridge64`. */
    public readonly name: string,
    props: BridgeProps,
  ) {
    this.vlan = props.vlan;
    this.uplink = props.uplink;
  }
}
