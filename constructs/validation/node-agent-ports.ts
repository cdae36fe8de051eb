import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { hostPorts } from './host-port-rules';
import { objectFinding } from './manifest';
import { podTemplates } from './pod-spec';
import { schedulableHosts } from './scheduling';
import { distributionNodePorts } from '../platform/distribution-ports';

/**
 * TCP ports the kubelet binds on every node, whatever the distribution: its API on every address, its
 * health check on localhost (which still keeps a pod from binding the port on every address).
 * kube-proxy's 10256 and 10249 are left out: a CNI that replaces kube-proxy (Cilium) leaves them free.
 */
export const KUBELET_PORTS: ReadonlyMap<number, string> = new Map([
  [10250, "the kubelet's API"],
  [10248, "the kubelet's health check (on localhost)"],
]);

/**
 * A pod on the host network (or with a host port) does not bind a port the kubelet of every node holds, nor a
 * UDP port the tunnels of the distribution's pod network bind on every node (K3s' Flannel VXLAN on 8472, its
 * wireguard-native backend on 51820: a WireGuard endpoint of the lab's own there), nor a TCP port of a distribution
 * declared by name (RKE2's supervisor on 9345 and the API server on 6443 of its servers, MicroK8s' 16443), on a
 * node it may run on: its bind fails and it restarts in a loop. One pass over the pod templates.
 */
export function checkNodeAgentPorts(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const tunnels = cluster.chart.policyEnforcement.nodeUdpPorts ?? {};
  const own = distributionNodePorts(cluster.chart.platform.preinstalled);
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    // Asked only of a pod that binds a control-plane port of the distribution.
    const onControlPlane = () => schedulableHosts(template, cluster.chart).hosts.some((h) => h.roles.includes('control-plane'));
    for (const use of hostPorts(template)) {
      const controlPlane = use.protocol === 'TCP' ? own?.controlPlane[use.port] : undefined;
      const everyNode = use.protocol === 'TCP' ? KUBELET_PORTS.get(use.port) ?? own?.everyNode[use.port] : use.protocol === 'UDP' ? tunnels[use.port] : undefined;
      const agent = everyNode ?? (controlPlane !== undefined && onControlPlane() ? controlPlane : undefined);
      if (agent !== undefined) {
        findings.push(objectFinding(template.object, {
          layer: 'inventory', severity: 'error', field: use.field,
          message: `port ${use.protocol}/${use.port} of every ${everyNode === undefined ? 'control-plane node (where the pod may run)' : 'node'} is taken by ${agent}, so the pod cannot bind it`,
          hint: everyNode === undefined ? 'have the process listen on another port, or place the pod on hosts without the control-plane role' : 'have the process listen on another port',
        }));
      }
    }
  }
  return findings;
}
