import type { GpuVendor } from './gpu';
import { article } from './problems';
import { closestName } from '../validation/closest-name';
import { qualifiedNameProblem } from '../validation/syntax';
import { workloadRoleLabel } from './node-labels';
import { foreignLabelHint } from './foreign-labels';

const GPU_VENDOR_TITLES: Readonly<Record<string, string>> = { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel' };
import { archMeant, type Arch, type Host, type Taint } from './host';
import type { ZfsPool } from './zfs-pool';

/** Where a workload may run, stated as intent; every field narrows the set of hosts. */
export interface PlacementProps {
  /** Run on exactly this host. @default - any host */
  readonly host?: Host<any, any>;
  /** Run on one of these hosts. @default - any host */
  readonly hosts?: Host<any, any>[];
  /** Run on a host that has a GPU of this vendor. @default - no GPU needed */
  readonly gpu?: GpuVendor;
  /** Run on the host that has this ZFS pool (local volumes cannot move). @default - no pool needed */
  readonly zfsPool?: ZfsPool;
  /** Run on a host set aside for this workload role (e.g. `monitoring`). @default - no role needed */
  readonly workloadRole?: string;
  /** Run on hosts of this CPU architecture. @default - any architecture */
  readonly arch?: Arch;
  /** Among the allowed hosts, prefer this one. @default - no preference */
  readonly preferredHost?: Host<any, any>;
}

/** The outcome of matching a placement against a cluster's hosts. */
export interface ResolvedPlacement {
  /** Hosts the workload may run on, in inventory order. */
  readonly candidates: Host<any, any>[];
  /** Whether any requirement was stated (so the rendering must pin the workload). */
  readonly constrained: boolean;
  /** Host to prefer, when given and allowed. */
  readonly preferred?: Host<any, any>;
  /** Taints of the candidate hosts, which the workload must tolerate to land there. */
  readonly tolerations: Taint[];
  /** Requirements that no host of the cluster meets, described for an error message. */
  readonly unmet: UnmetRequirement[];
  /** Sub-fields of the placement that cannot be met as written (an empty host list, a preference outside the allowed hosts). */
  readonly misplaced: PlacementProblem[];
}

/** A requirement of a placement that no host of the cluster meets. */
export interface UnmetRequirement {
  /** What no host has, e.g. `workload role monitoring`. */
  readonly text: string;
  /** The sub-field of {@link PlacementProps} it comes from; none when each is met alone but no host meets them together. */
  readonly field?: keyof PlacementProps;
  /** What the hosts have instead, when that points at a likely typo. @default - the cluster's hosts are listed */
  readonly hint?: string;
}

/** A sub-field of a placement that cannot be met as written. */
export interface PlacementProblem {
  /** The sub-field of {@link PlacementProps}. */
  readonly field: 'hosts' | 'preferredHost';
  /** What is wrong with it. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/** Matches placement intent against the hosts of a cluster. Pure: the inventory decides. */
export function resolvePlacement(clusterHosts: readonly Host<any, any>[], placement: PlacementProps = {}): ResolvedPlacement {
  const requirements: Array<[string, (h: Host<any, any>) => boolean, keyof PlacementProps]> = [];
  if (placement.host) {
    const wanted = placement.host;
    requirements.push([`host ${wanted.name}`, (h) => h === wanted, 'host']);
  }
  const misplaced: PlacementProblem[] = [];
  if (placement.hosts && placement.hosts.length === 0) {
    // An empty list would allow no host at all; it is the list that is wrong, not the cluster.
    misplaced.push({ field: 'hosts', message: 'lists no host, so the workload could run nowhere', hint: 'list the hosts it may run on, or leave hosts out to allow any host' });
  } else if (placement.hosts) {
    const wanted = placement.hosts;
    requirements.push([`one of hosts ${wanted.map((h) => h.name).join(', ')}`, (h) => wanted.includes(h), 'hosts']);
    // Listed beside hosts of the cluster, a host of none is dropped without a word; listed alone, it is the unmet requirement.
    const outside = wanted.filter((h) => !clusterHosts.includes(h));
    if (outside.length > 0 && outside.length < wanted.length) {
      misplaced.push({
        field: 'hosts', message: `lists ${outside.map((h) => `host ${h.name}`).join(', ')}, which ${outside.length === 1 ? 'is' : 'are'} no host of the cluster, so the workload never runs there`,
        hint: `add ${outside.map((h) => h.name).join(', ')} to the cluster's hosts, or leave ${outside.length === 1 ? 'it' : 'them'} out of the list`,
      });
    }
  }
  if (placement.gpu) {
    const vendor = placement.gpu;
    const name = GPU_VENDOR_TITLES[vendor] ?? String(vendor);
    requirements.push([`${article(name)} ${name} GPU`, (h) => h.hasGpu(vendor), 'gpu']);
  }
  if (placement.zfsPool) {
    const pool = placement.zfsPool;
    requirements.push([`ZFS pool ${pool.name} of host ${pool.host.name}`, (h) => h === pool.host, 'zfsPool']);
  }
  if (placement.workloadRole) {
    const role = placement.workloadRole;
    requirements.push([`workload role ${role}`, (h) => h.workloadRoles.includes(role), 'workloadRole']);
  }
  if (placement.arch) {
    const arch = placement.arch;
    requirements.push([`arch ${arch}`, (h) => h.arch === arch, 'arch']);
  }
  // A GPU no host has because a host's GPU was misdeclared is that host's problem, reported on it, and nothing else is.
  const excused = clusterHosts.some((h) => h.gpusMisdeclared) && requirements.some(([, test, field]) => field === 'gpu' && !clusterHosts.some(test));
  const unmet: UnmetRequirement[] = excused ? [] : requirements.filter(([, test]) => !clusterHosts.some(test))
    .map(([text, , field]) => ({ text, field, hint: unmetHint(field, placement, clusterHosts) }));
  const candidates = clusterHosts.filter((h) => requirements.every(([, test]) => test(h)));
  if (!excused && unmet.length === 0 && candidates.length === 0 && requirements.length > 0) {
    // Each requirement is met alone: the hosts that meet each show which one to change.
    unmet.push({
      text: requirements.map(([text]) => text).join(' and '),
      hint: `no host meets them together; ${requirements.map(([text, test]) => `${text}: ${clusterHosts.filter(test).map((h) => h.name).join(', ')}`).join('; ')}`,
    });
  }
  const preferred = placement.preferredHost && candidates.includes(placement.preferredHost) ? placement.preferredHost : undefined;
  if (placement.preferredHost && !preferred && candidates.length > 0) {
    misplaced.push({
      field: 'preferredHost', message: `host ${placement.preferredHost.name} is not among the hosts the placement allows`,
      hint: `prefer one of: ${candidates.map((h) => h.name).join(', ')}`,
    });
  }
  const constrained = requirements.length > 0;
  const tolerations = constrained ? uniqueTaints(candidates.flatMap((h) => h.taints)) : [];
  return { candidates, constrained, preferred, tolerations, unmet, misplaced };
}

/** What the cluster's hosts have of what an unmet requirement `field` asks for: roles, GPUs or arches; undefined for the others. Pure. */
function unmetHint(field: keyof PlacementProps, placement: PlacementProps, hosts: readonly Host<any, any>[]): string | undefined {
  if (field === 'workloadRole') {
    return workloadRoleHint(placement.workloadRole, hosts);
  }
  if (field === 'gpu') {
    const equipped = hosts.filter((h) => h.gpus.length > 0);
    // The vendor asked for is the one to list: an Intel GPU listed as NVIDIA's would still leave it unmet.
    const vendor = typeof placement.gpu === 'string' ? placement.gpu : 'nvidia';
    return equipped.length === 0
      ? `no host of this cluster has a GPU: list it in the host's gpus, e.g. gpus: [{ vendor: '${vendor}' }]`
      : `GPUs of this cluster's hosts: ${equipped.map((h) => `${h.name} (${[...new Set(h.gpus.map((g) => g.vendor))].join(', ')})`).join(', ')}; ask for one of these vendors, or list the GPU in its host's gpus`;
  }
  if (field === 'arch') {
    const arches = [...new Set(hosts.map((h) => h.arch))];
    // `aarch64`, as `uname -m` says it, is no typo of arm64: it is that arch's other name.
    const spelled = archMeant(placement.arch);
    const near = spelled !== undefined && arches.includes(spelled) ? spelled : typeof placement.arch === 'string' ? closestName(placement.arch, arches) : undefined;
    return `${near !== undefined ? `did you mean '${near}'? ` : ''}arches of this cluster's hosts: ${arches.map((a) => `${a} (${hosts.filter((h) => h.arch === a).map((h) => h.name).join(', ')})`).join(', ')}`;
  }
  return undefined;
}

/** The workload roles the cluster's hosts have, with the one `role` looks like a typo of first. Pure. */
function workloadRoleHint(role: unknown, hosts: readonly Host<any, any>[]): string {
  const roles = [...new Set(hosts.flatMap((h) => h.workloadRoles))];
  if (typeof role === 'string' && qualifiedNameProblem(workloadRoleLabel(role)) !== undefined) {
    // A node label written as the role (node-feature-discovery's): it cannot be a role, so listing it as one is no way out.
    return foreignLabelHint(role, (own) => `place the app with placement: { workloadRole: '${own}' }${roles.length > 0 ? ` (roles of this cluster's hosts: ${roles.join(', ')})` : ''}`);
  }
  if (roles.length === 0) {
    const example = typeof role === 'string' && role.trim() !== '' ? role.trim() : 'monitoring';
    return `no host of this cluster has a workload role: list it in a host's workloadRoles, e.g. workloadRoles: ['${example}']`;
  }
  const near = typeof role === 'string' ? closestName(role, roles) : undefined;
  const held = roles.map((r) => `${r} (${hosts.filter((h) => h.workloadRoles.includes(r)).map((h) => h.name).join(', ')})`).join(', ');
  return `${near !== undefined ? `did you mean "${near}"? ` : ''}workload roles of this cluster's hosts: ${held}`;
}

function uniqueTaints(taints: Taint[]): Taint[] {
  const seen = new Map<string, Taint>();
  for (const taint of taints) {
    seen.set(`${taint.key}=${taint.value ?? ''}:${taint.effect}`, taint);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
}
