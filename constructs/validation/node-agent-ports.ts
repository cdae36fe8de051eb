import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { hostPorts } from './host-port-rules';
import { objectFinding } from './manifest';
import { podTemplates } from './pod-spec';

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
 * wireguard-native backend on 51820: a WireGuard endpoint of the lab's own there): its bind fails and it restarts
 * in a loop. One pass over the pod templates.
 */
export function checkNodeAgentPorts(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const tunnels = cluster.chart.policyEnforcement.nodeUdpPorts ?? {};
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    for (const use of hostPorts(template)) {
      const agent = use.protocol === 'TCP' ? KUBELET_PORTS.get(use.port) : use.protocol === 'UDP' ? tunnels[use.port] : undefined;
      if (agent !== undefined) {
        findings.push(objectFinding(template.object, {
          layer: 'inventory', severity: 'error', field: use.field,
          message: `port ${use.protocol}/${use.port} of every node is taken by ${agent}, so the pod cannot bind it`,
          hint: 'have the process listen on another port',
        }));
      }
    }
  }
  return findings;
}
