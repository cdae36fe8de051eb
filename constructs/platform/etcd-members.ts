import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';

/**
 * A warning on the cluster's `hosts` when exactly two of them have the control-plane role and each runs a
 * member of one etcd (`etcd`, as messages name it): etcd needs a majority of its members, so the loss of
 * either stops the API server, which one control plane alone would survive no worse and three would survive.
 * `otherWay` ends the hint with a way out of the distribution's own, if it has one.
 */
export function reportTwoEtcdMembers(cluster: ClusterChart, etcd: string, otherWay?: string): void {
  const servers = cluster.hosts.filter((h) => h.roles.includes('control-plane'));
  if (servers.length !== 2) {
    return;
  }
  reportFinding(cluster, {
    layer: 'props', severity: 'warning', field: 'hosts',
    message: `cluster "${cluster.clusterName}" has two control-plane hosts (${servers.map((h) => h.name).join(', ')}), and ${etcd} needs a majority of its members: either one down stops the API server, so two are no safer than one`,
    hint: `give the control-plane role to one host or to three${otherWay === undefined ? '' : `, ${otherWay}`}`,
  });
}
