import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';

/**
 * An error on the cluster's `hosts` when none of them has the control-plane role, for a distribution that
 * runs its API server on the cluster's own hosts (`runs`, as messages name it, e.g. "the K3s server, with
 * the API server,"); `consequence` says what its steps would do instead. A cluster whose control plane is
 * hosted elsewhere (k0smotron, a managed one) declares no such distribution and is left alone. Returns
 * whether a host has the role.
 */
export function reportNoControlPlaneHost(cluster: ClusterChart, runs: string, consequence: string): boolean {
  if (cluster.hosts.length === 0 || cluster.hosts.some((h) => h.roles.includes('control-plane'))) {
    return true;
  }
  reportFinding(cluster, {
    layer: 'inventory', severity: 'error', field: 'hosts',
    message: `no host of cluster "${cluster.clusterName}" has the role control-plane, and ${runs} runs on the control-plane nodes: ${consequence}`,
    hint: `give the host that runs the control plane roles: ['control-plane', 'worker'] in the inventory (hosts: ${cluster.hosts.map((h) => h.name).join(', ')})`,
  });
  return false;
}
