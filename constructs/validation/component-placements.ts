import type { Host } from '../inventory/host';
import { workloadRoleLabel } from '../inventory/node-labels';
import type { RolePlacement } from '../platform/node-role';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';

// A platform component's chart is rendered by the GitOps engine, not here, so the placement checks of pod
// templates never see its pods. Its factory keeps the placements its options gave (`placements`), and they
// are checked here against the cluster's hosts: a placement no host matches leaves every pod Pending.

const ROLE_PREFIX = workloadRoleLabel('');
const HOSTNAME = 'kubernetes.io/hostname';
const ARCH = 'kubernetes.io/arch';

/**
 * Whether `host` carries every label of `nodeSelector`, as far as the inventory knows its labels (name,
 * architecture, workload roles); undefined when the selector names a label the inventory does not set, which
 * the owner may have put on the node by hand. Pure.
 */
export function hostMatches(host: Host<any, any>, nodeSelector: Readonly<Record<string, string>>): boolean | undefined {
  let matches = true;
  for (const [key, value] of Object.entries(nodeSelector)) {
    if (key === HOSTNAME) {
      matches &&= host.nodeName === value;
    } else if (key === ARCH) {
      matches &&= host.arch === value;
    } else if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) {
      matches &&= value === 'true' && host.workloadRoles.includes(key.slice(ROLE_PREFIX.length));
    } else {
      return undefined;
    }
  }
  return matches;
}

/** What a placement asks for, in words, e.g. `host "nas"` or `role "monitoring" on arm64`. Pure. */
function describePlacement(nodeSelector: Readonly<Record<string, string>>): string {
  const host = nodeSelector[HOSTNAME];
  const roles = Object.keys(nodeSelector).filter((key) => key.startsWith(ROLE_PREFIX)).map((key) => `"${key.slice(ROLE_PREFIX.length)}"`);
  const arch = nodeSelector[ARCH] ? ` on ${nodeSelector[ARCH]}` : '';
  return host !== undefined ? `host "${host}"` : `role ${roles.join(' and ')}${arch}`;
}

/** The cluster's hosts and the roles each has, for hints, e.g. `nuc (amd64), pi (arm64: monitoring)`. Pure. */
function describeHosts(hosts: readonly Host<any, any>[]): string {
  return hosts.map((h) => `${h.nodeName} (${h.arch}${h.workloadRoles.length > 0 ? `: ${h.workloadRoles.join(', ')}` : ''})`).join(', ') || '(none)';
}

/** The problem of one placement in a cluster of `hosts`, as message and hint; undefined when some host matches. Pure. */
export function placementProblem(placement: RolePlacement, hosts: readonly Host<any, any>[], clusterName: string): { message: string; hint: string } | undefined {
  const matches = hosts.map((host) => hostMatches(host, placement.nodeSelector));
  if (matches.some((match) => match !== false)) {
    return undefined;
  }
  const wanted = describePlacement(placement.nodeSelector);
  return {
    message: `${wanted} matches no host of cluster "${clusterName}", so every pod of it would stay Pending`,
    hint: `place it on a host of this cluster: ${describeHosts(hosts)}; give a host the role in the inventory (workloadRoles), `
      + 'or use rolePlacement(cluster.hosts, role) or hostPlacement(host) with one of them',
  };
}

/** Every placement a platform component's options gave matches some host of the cluster. */
export function checkComponentPlacements(cluster: SynthesizedCluster): Finding[] {
  const platform = cluster.chart.platform;
  const findings: Finding[] = [];
  for (const component of platform.components) {
    for (const [option, placement] of Object.entries(component.props.placements ?? {})) {
      const problem = placementProblem(placement, cluster.chart.hosts, cluster.chart.clusterName);
      if (problem) {
        findings.push({ layer: 'inventory', severity: 'error', constructPath: platform.node.path, field: `components.${component.name}.${option}`, ...problem });
      }
    }
  }
  return findings;
}
