import type { Host } from './host';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { Vlan } from './vlan';

/** Facts about a Linux bridge on a host, usually carrying one VLAN to VMs. */
export interface BridgeProps {
  /** The VLAN the bridge carries. @default - untagged */
  readonly vlan?: Vlan;
  /** The physical interface the bridge sits on, e.g. `eno1.64`. @default - unspecified */
  readonly uplink?: string;
}

/** A Linux bridge on one host. Charts reference it as `host.bridges.<name>`. */
export class Bridge implements InventoryObject {
  /** The VLAN the bridge carries, if any. */
  public readonly vlan?: Vlan;
  /** Physical uplink interface, if known. */
  public readonly uplink?: string;
  /** Problems in the bridge's facts. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the bridge is, for findings. */
  public readonly inventoryPath: string;

  constructor(
    /** The host the bridge exists on. */
    public readonly host: Host,
    /** Bridge device name, e.g. `bridge64`. */
    public readonly name: string,
    props: BridgeProps,
  ) {
    this.inventoryPath = `inventory/host/${host.name}/bridges/${name}`;
    if (props?.vlan !== undefined && !(props.vlan instanceof Vlan)) {
      this.problems.push({ field: 'vlan', message: `vlan ${describeValue(props.vlan)} is not a VLAN of the inventory`, hint: "declare it with vlan('name', { id, cidr }) and pass that object" });
    }
    this.vlan = props?.vlan instanceof Vlan ? props.vlan : undefined;
    this.uplink = props?.uplink;
  }
}
