import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';

/** How messages count the members of an etcd: in words up to six. */
const ETCD_MEMBER_COUNTS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/**
 * A warning on the cluster's `hosts` when an even number of them have the control-plane role and each runs a
 * member of one etcd (`etcd`, as messages name it): etcd needs a majority of its members, so an even number
 * survives the loss of no more members than one fewer would (two none, as one; four one, as three), while each
 * member more is one more to fail and to wait for on every write. The hint names the hosts to retire one of,
 * or the host to add. `otherWay` ends the hint with a way out of the distribution's own, if it has one. Four or more
 * of which another finding already tells one to leave the role (`toldToLeave`: a board too small for a server) are
 * not told of again: that finding's way out leaves an odd number.
 */
export function reportEvenEtcdMembers(cluster: ClusterChart, etcd: string, otherWay?: string, toldToLeave: ReadonlyArray<{ readonly name: string }> = []): void {
  const servers = cluster.hosts.filter((h) => h.roles.includes('control-plane'));
  const count = servers.length;
  if (count < 2 || count % 2 !== 0 || (count >= 4 && toldToLeave.length > 0)) {
    return;
  }
  const names = servers.map((h) => h.name).join(', ');
  const inWords = (n: number) => ETCD_MEMBER_COUNTS[n] ?? String(n);
  const more = otherWay === undefined ? '' : `, ${otherWay}`;
  if (count === 2) {
    reportFinding(cluster, {
      layer: 'props', severity: 'warning', field: 'hosts',
      message: `cluster "${cluster.clusterName}" has two control-plane hosts (${names}), and ${etcd} needs a majority of its members: either one down stops the API server, so two are no safer than one`,
      hint: `give the control-plane role to one host or to three${more}`,
    });
    return;
  }
  // A host of the cluster without the role, which could take it as the odd member.
  const candidate = cluster.hosts.find((h) => !h.roles.includes('control-plane'));
  const tolerated = count / 2 - 1;
  reportFinding(cluster, {
    layer: 'props', severity: 'warning', field: 'hosts',
    message: `cluster "${cluster.clusterName}" has ${inWords(count)} control-plane hosts (${names}), and ${etcd} needs a majority of its members (${count / 2 + 1} of ${count}): `
      + `it survives the loss of ${inWords(tolerated)}, as ${inWords(count - 1)} would, and the ${count === 4 ? 'fourth' : 'last'} member is one more to fail and to wait for on every write`,
    hint: `retire one of ${names} to keep ${inWords(count - 1)} (the machine a new one replaces: drop it from hosts, or give it roles: ['worker'])`
      + `, or give the role to a ${count === 4 ? 'fifth' : 'further'} host${candidate === undefined ? '' : `: roles: ['control-plane', 'worker'] on ${candidate.name}`}${more}`,
  });
}
