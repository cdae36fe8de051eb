import { Construct } from 'constructs';
import { NetworkAttachmentDefinition } from '../../imports/k8s.cni.cncf.io';
import type { Bridge } from '../inventory/bridge';
import { requireProps } from '../validation/known-props';
import { BRIDGE_NETWORK_PROPS_SHAPE } from '../validation/service-props-shapes';

/** Options of a Multus network on a host bridge. */
export interface BridgeNetworkProps {
  /** The host bridge: `n5.bridges.bridge64`. */
  readonly bridge: Bridge;
  /** Namespace the attachment is defined in (the namespace of the VMs or pods that use it). */
  readonly namespace: string;
  /** Name of the NetworkAttachmentDefinition. @default - `<vlan name>-vlan-bridge`, else the bridge name */
  readonly name?: string;
}

/**
 * The CNI configuration of a bridge attachment: layer 2 only (the guest sets its own address, no IPAM),
 * no address on the host side, and MAC spoof checking so a guest cannot send as another machine.
 */
export function bridgeCniConfig(bridge: Bridge): string {
  return JSON.stringify({
    cniVersion: '0.3.1',
    type: 'bridge',
    bridge: bridge.name,
    disableContainerInterface: true,
    macspoofchk: true,
  });
}

/** A Multus `NetworkAttachmentDefinition` that puts an interface on a host bridge (a VM's IoT VLAN, say). */
export class BridgeNetwork extends Construct {
  /** Name of the NetworkAttachmentDefinition, as VMs reference it. */
  public readonly networkName: string;
  /** Namespace of the NetworkAttachmentDefinition. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: BridgeNetworkProps) {
    super(scope, id);
    requireProps(this, 'BridgeNetwork', props, BRIDGE_NETWORK_PROPS_SHAPE, {
      required: [
        ['bridge', "pass a bridge of the inventory: bridge: myHost.bridges.<name>"],
        ['namespace', "give the namespace of the VMs or pods that use the attachment"],
      ],
    });
    this.networkName = props.name ?? (props.bridge.vlan ? `${props.bridge.vlan.name}-vlan-bridge` : props.bridge.name);
    this.namespace = props.namespace;
    new NetworkAttachmentDefinition(this, 'attachment', {
      metadata: { name: this.networkName, namespace: this.namespace },
      spec: { config: bridgeCniConfig(props.bridge) },
    });
  }
}

/** The bridge attachments of each cluster, by namespace, name and CNI configuration. */
const attachments = new WeakMap<Construct, Map<string, BridgeNetwork>>();

/**
 * The attachment of `bridge` in `namespace` on `cluster`, made under `scope` as `id` by the first VM that asks
 * for it: VMs on one bridge in one namespace share it, as a NetworkAttachmentDefinition is one object there.
 */
export function sharedBridgeNetwork(cluster: Construct, scope: Construct, id: string, props: BridgeNetworkProps): BridgeNetwork {
  const known = attachments.get(cluster) ?? new Map<string, BridgeNetwork>();
  attachments.set(cluster, known);
  const key = JSON.stringify([props.namespace, props.name ?? (props.bridge?.vlan ? `${props.bridge.vlan.name}-vlan-bridge` : props.bridge?.name), props.bridge ? bridgeCniConfig(props.bridge) : '']);
  const network = known.get(key) ?? new BridgeNetwork(scope, id, props);
  known.set(key, network);
  return network;
}
