import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { hostPorts } from './host-port-rules';
import { objectFinding } from './manifest';
import { podTemplates } from './pod-spec';
import { schedulableHosts, schedulableHostsOfSpec } from './scheduling';
import { platformReading } from './platform-reading';
import { distributionNodePorts, type DistributionNodePorts } from '../platform/distribution-ports';

/**
 * TCP ports the kubelet binds on every node, whatever the distribution: its API on every address, its
 * health check on localhost (which still keeps a pod from binding the port on every address).
 * kube-proxy's 10256 and 10249 are left out: a CNI that replaces kube-proxy (Cilium) leaves them free.
 */
export const KUBELET_PORTS: ReadonlyMap<number, string> = new Map([
  [10250, "the kubelet's API"],
  [10248, "the kubelet's health check (on localhost)"],
]);

/** What holds a port of a node, and whether it does on every node or on the control-plane nodes alone. */
export interface NodePortHolder {
  /** The process that holds the port, e.g. `the kubelet's API`. */
  readonly agent: string;
  /** Where it holds it. */
  readonly where: 'node' | 'control-plane node';
}

/**
 * What holds `protocol`/`port` on a node: the kubelet (TCP, every node), the pod network's tunnels (UDP,
 * `udpTunnels`, every node) or the distribution's own processes (`distribution`: on every node, or on
 * control-plane nodes, which count when `onControlPlane()` says the node may be one); undefined when the port is
 * free of them. Pure.
 */
export function nodePortHolder(
  port: number, protocol: string, distribution: DistributionNodePorts | undefined, udpTunnels: Readonly<Record<number, string>>, onControlPlane: () => boolean,
): NodePortHolder | undefined {
  const controlPlane = protocol === 'TCP' ? distribution?.controlPlane[port] : undefined;
  const everyNode = protocol === 'TCP' ? KUBELET_PORTS.get(port) ?? distribution?.everyNode[port] : protocol === 'UDP' ? udpTunnels[port] : undefined;
  const agent = everyNode ?? (controlPlane !== undefined && onControlPlane() ? controlPlane : undefined);
  return agent === undefined ? undefined : { agent, where: everyNode === undefined ? 'control-plane node' : 'node' };
}

/**
 * A pod on the host network (or with a host port) does not bind a port the kubelet of every node holds, nor a
 * UDP port the tunnels of the distribution's pod network bind on every node (K3s' Flannel VXLAN on 8472, its
 * wireguard-native backend on 51820: a WireGuard endpoint of the lab's own there), nor a TCP port of a distribution
 * declared by name (RKE2's supervisor on 9345 and the API server on 6443 of its servers, MicroK8s' 16443), on a
 * node it may run on: its bind fails and it restarts in a loop. One pass over the pod templates, and the ports the
 * platform components' node pods bind (MetalLB's speakers' memberlist), which no template of the output shows.
 */
export function checkNodeAgentPorts(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const tunnels = cluster.chart.policyEnforcement.nodeUdpPorts ?? {};
  const own = distributionNodePorts(cluster.chart.platform.preinstalled);
  const holderOf = (port: number, protocol: string, onControlPlane: () => boolean) => nodePortHolder(port, protocol, own, tunnels, onControlPlane);
  // A component's chart runs its node pods on every host without a taint, as host-service-ports reads them too.
  const untainted = schedulableHostsOfSpec({}, cluster.chart).hosts;
  for (const component of platformReading(cluster).components) {
    (component.props.hostPorts ?? []).forEach((request, i) => {
      const protocol = request.protocol ?? 'TCP';
      const held = holderOf(request.port, protocol, () => untainted.some((h) => h.roles.includes('control-plane')));
      if (held !== undefined) {
        findings.push({
          layer: 'inventory', severity: 'error', constructPath: component.node.path, field: `hostPorts[${i}]`,
          message: `platform component ${component.name} binds ${protocol}/${request.port} on the nodes it runs on, and on every ${held.where} ${held.agent} holds that port: its pods there restart in a loop`,
          hint: request.setBy ? `give it a port the nodes leave free with ${request.setBy}` : 'leave the component out of the cluster, or keep it off those nodes',
        });
      }
    });
  }
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    // Asked only of a pod that binds a control-plane port of the distribution.
    const onControlPlane = () => schedulableHosts(template, cluster.chart).hosts.some((h) => h.roles.includes('control-plane'));
    for (const use of hostPorts(template)) {
      const held = holderOf(use.port, use.protocol, onControlPlane);
      if (held !== undefined) {
        findings.push(objectFinding(template.object, {
          layer: 'inventory', severity: 'error', field: use.field,
          message: `port ${use.protocol}/${use.port} of every ${held.where === 'node' ? 'node' : 'control-plane node (where the pod may run)'} is taken by ${held.agent}, so the pod cannot bind it`,
          hint: held.where === 'node' ? 'have the process listen on another port' : 'have the process listen on another port, or place the pod on hosts without the control-plane role',
        }));
      }
    }
  }
  return findings;
}
