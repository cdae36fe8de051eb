import { Construct } from 'constructs';
import { NetworkAttachmentDefinition } from '../../imports/k8s.cni.cncf.io';
import type { Bridge } from '../inventory/bridge';
import { ClusterChart } from '../platform/cluster-chart';
import { reportFinding } from '../validation/finding';
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
    const known = attachmentsOf(ClusterChart.of(this));
    const key = attachmentKey(props);
    const earlier = known.get(key);
    if (earlier !== undefined) {
      // The same object twice: the VMs on the bridge use the one made first.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'bridge',
        message: `NetworkAttachmentDefinition ${this.namespace}/${this.networkName} of bridge ${props.bridge.name} is made by ${earlier.node.path} already`,
        hint: 'leave this one out: the VMs and pods on the bridge in that namespace share the one attachment (make it before the VMs to have them use yours)',
      });
      return;
    }
    known.set(key, this);
    new NetworkAttachmentDefinition(this, 'attachment', {
      metadata: { name: this.networkName, namespace: this.namespace },
      spec: { config: bridgeCniConfig(props.bridge) },
    });
  }
}

/** The bridge attachments of each cluster, by namespace, name and CNI configuration. */
const attachments = new WeakMap<ClusterChart, Map<string, BridgeNetwork>>();

function attachmentsOf(cluster: ClusterChart): Map<string, BridgeNetwork> {
  const known = attachments.get(cluster) ?? new Map<string, BridgeNetwork>();
  attachments.set(cluster, known);
  return known;
}

/** What makes two attachments one object of one content: their namespace, name and CNI configuration. Pure. */
function attachmentKey(props: BridgeNetworkProps): string {
  return JSON.stringify([props.namespace, props.name ?? (props.bridge.vlan ? `${props.bridge.vlan.name}-vlan-bridge` : props.bridge.name), bridgeCniConfig(props.bridge)]);
}

/**
 * The attachment of `bridge` in `namespace` on `cluster`, made under `scope` as `id` unless a VM or the
 * chart made it before: VMs on one bridge in one namespace share it, as a NetworkAttachmentDefinition is
 * one object there.
 */
export function sharedBridgeNetwork(cluster: ClusterChart, scope: Construct, id: string, props: BridgeNetworkProps): BridgeNetwork {
  return attachmentsOf(cluster).get(attachmentKey(props)) ?? new BridgeNetwork(scope, id, props);
}
