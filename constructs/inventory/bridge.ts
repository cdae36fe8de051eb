import type { Host } from './host';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { closestName } from '../validation/closest-name';
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
    this.problems.push(...bridgeNameProblems(name, props));
    if (props?.vlan !== undefined && !(props.vlan instanceof Vlan)) {
      this.problems.push({ field: 'vlan', message: `vlan ${describeValue(props.vlan)} is not a VLAN of the inventory`, hint: "declare it with vlan('name', { id, cidr }) and pass that object" });
    }
    this.vlan = props?.vlan instanceof Vlan ? props.vlan : undefined;
    const uplinkVlan = this.vlan !== undefined ? deviceVlanProblem(props.uplink, this.vlan, 'uplink') : undefined;
    if (uplinkVlan) {
      this.problems.push(uplinkVlan);
    }
    this.uplink = props?.uplink;
  }
}

/** A Linux interface name: at most 15 characters (the kernel's IFNAMSIZ), no '/' or white space. */
export const DEVICE_NAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

/**
 * The problem of an interface listed on `vlan` whose name, in the `<parent>.<id>` form `ip link add … type
 * vlan id <id>`, netplan and ifupdown give a VLAN subinterface, says another VLAN (`eno1.9` on VLAN 8): one
 * of the two is a slip, and what uses the interface (a bridge's VMs, a load balancer's announcements) would
 * be on the other VLAN. Pure.
 */
export function deviceVlanProblem(device: unknown, vlan: Vlan, field: string): InventoryProblem | undefined {
  const named = typeof device === 'string' ? /^([A-Za-z0-9_-]+)\.(\d{1,4})$/.exec(device) : null;
  if (named === null || Number(named[2]) === vlan.id) {
    return undefined;
  }
  return {
    field, message: `${field.replace(/^.*\./, '')} "${device}" is by its name the subinterface of VLAN ${Number(named[2])}, listed here on VLAN ${vlan.id} (${vlan.name})`,
    hint: `write '${named[1]}.${vlan.id}', the interface on VLAN ${vlan.id}, or give the VLAN the interface carries`,
  };
}

const BRIDGE_FACTS: readonly string[] = ['vlan', 'uplink'];

/**
 * What is wrong with the bridge's device name and its uplink's, or a fact it does not have: a bridge
 * network's pods attach to the device of that name, which Linux cannot have made. Pure.
 */
function bridgeNameProblems(name: string, props: BridgeProps | undefined): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  if (!DEVICE_NAME.test(name)) {
    problems.push({
      field: 'name', message: `bridge "${name}" is not a Linux interface name (at most 15 characters, no '/' or blanks)`,
      hint: "key the bridge by its device name as ip link shows it, e.g. bridges: { br20: { vlan } }",
    });
  }
  if (props?.uplink !== undefined && (typeof props.uplink !== 'string' || !DEVICE_NAME.test(props.uplink))) {
    problems.push({ field: 'uplink', message: `uplink ${describeValue(props.uplink)} is not a Linux interface name (at most 15 characters, no '/' or blanks)`, hint: "give the interface the bridge sits on as ip link shows it, e.g. 'eno1' or 'eno1.20'" });
  }
  for (const key of Object.keys(props ?? {}).filter((k) => !BRIDGE_FACTS.includes(k))) {
    const near = closestName(key, BRIDGE_FACTS);
    problems.push({ field: key, message: `"${key}" is not a fact of a bridge; it would be ignored`, hint: near !== undefined ? `did you mean "${near}"?` : `its facts are ${BRIDGE_FACTS.join(', ')}` });
  }
  return problems;
}
