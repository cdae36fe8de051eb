import type { Host, Taint } from '../inventory/host';
import { isRefusedNodeSelectorTerm } from './affinity-rules';
import { isRefusedSelectorMap } from './selector-rules';
import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { expressionMatches, fields, Fields, list, stringMap, text } from './manifest';
import type { PodTemplate } from './pod-spec';
import { workloadRoleLabel } from '../inventory/node-labels';

/** A cluster's nodes as the scheduler sees them: its hosts, and the taints each carries (the inventory's and the distribution's). */
export interface ClusterNodes {
  /** The cluster's hosts, in inventory order. */
  readonly hosts: readonly Host<any, any>[];
  /** The taints of one of them as a node of the cluster. */
  nodeTaints(host: Host<any, any>): readonly Taint[];
  /** The labels of one of them as a node of the cluster (the distribution's values included). @default - the inventory's {@link nodeLabels} */
  nodeLabels?(host: Host<any, any>): Readonly<Record<string, string>>;
}

const nodeLabelCache = new WeakMap<Host<any, any>, Readonly<Record<string, string>>>();

/** The labels a host carries as a Kubernetes node. */
export function nodeLabels(host: Host<any, any>): Record<string, string> {
  return { ...cachedNodeLabels(host) };
}

/** {@link nodeLabels}, made once per host for the scheduling checks, which ask for every pod template. */
function cachedNodeLabels(host: Host<any, any>): Readonly<Record<string, string>> {
  let labels = nodeLabelCache.get(host);
  if (!labels) {
    labels = computeNodeLabels(host);
    nodeLabelCache.set(host, labels);
  }
  return labels;
}

function computeNodeLabels(host: Host<any, any>): Record<string, string> {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': host.nodeName,
    'kubernetes.io/arch': host.arch,
    'kubernetes.io/os': 'linux',
  };
  for (const role of host.roles) {
    if (role === 'control-plane') {
      labels['node-role.kubernetes.io/control-plane'] = '';
    }
  }
  // The owner labels the node with its workload roles (a step of the cluster's README).
  for (const role of host.workloadRoles) {
    labels[workloadRoleLabel(role)] = 'true';
  }
  return labels;
}

/** The labels `host` carries as a node of `nodes`' cluster. */
function labelsOn(nodes: ClusterNodes, host: Host<any, any>): Readonly<Record<string, string>> {
  return nodes.nodeLabels?.(host) ?? cachedNodeLabels(host);
}

function matchesTerm(labels: Readonly<Record<string, string>>, host: Host<any, any>, term: Fields): boolean {
  for (const expression of list(term.matchExpressions)) {
    if (!expressionMatches(labels, expression)) {
      return false;
    }
  }
  const matchFields = list(term.matchFields);
  if (matchFields.length === 0) {
    return true;
  }
  const byField = { 'metadata.name': host.nodeName };
  return matchFields.every((e) => expressionMatches(byField, e));
}

function tolerates(tolerations: readonly Fields[], taint: Taint): boolean {
  return tolerations.some((t) => {
    const keyMatches = t.key === undefined || t.key === '' ? t.operator === 'Exists' : t.key === taint.key;
    const valueMatches = t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
    const effectMatches = t.effect === undefined || t.effect === '' || t.effect === taint.effect;
    return keyMatches && valueMatches && effectMatches;
  });
}

/**
 * The hosts of `hosts` that are the one Kubernetes node `host` is: those of its node name. Two hosts named
 * alike are one mistake, reported on the site's hosts; until it is fixed a pod pinned to that name may land
 * on either, so what the node has (a GPU, a ZFS pool) is what either of them has. Pure.
 */
export function hostsOfNode(host: Host<any, any>, hosts: readonly Host<any, any>[]): Host<any, any>[] {
  return hosts.filter((h) => h.nodeName === host.nodeName);
}

/** Which hosts a pod template can be scheduled on, and which pod-spec field ruled the rest out first. */
export interface Schedulable {
  /** Hosts that match every requirement, in inventory order. */
  readonly hosts: Host<any, any>[];
  /** When no host is left: the field (relative to the pod spec) that removed the last ones, and why. */
  readonly blocker?: { readonly field: string; readonly reason: string };
}

const schedulableCache = new WeakMap<PodTemplate, { readonly nodes: ClusterNodes; readonly schedulable: Schedulable }>();

/**
 * Hosts of a cluster that a pod template can land on: they are the node its `nodeName` names, match its
 * nodeSelector and required node affinity, and it tolerates their NoSchedule/NoExecute taints. Pure; the inventory is the node list.
 * Several checks and the README ask this of every template, so the answer is kept per template and
 * host list; treat it as read-only.
 */
export function schedulableHosts(template: PodTemplate, nodes: ClusterNodes): Schedulable {
  const cached = schedulableCache.get(template);
  if (cached && cached.nodes === nodes) {
    return cached.schedulable;
  }
  const schedulable = schedulableHostsOfSpec(template.spec, nodes);
  schedulableCache.set(template, { nodes, schedulable });
  return schedulable;
}

/** {@link schedulableHosts} of a pod spec that is no object of the cluster (one a Helm chart renders), uncached. Pure. */
export function schedulableHostsOfSpec(spec: Fields, nodes: ClusterNodes): Schedulable {
  // Each requirement narrows the hosts left; the first that leaves none is the blocker. Most templates
  // state few requirements, so a requirement that is absent costs no pass.
  let hosts = [...nodes.hosts];
  // A pod given its node by name skips the scheduler: the kubelet of that node admits it, and no other node
  // ever runs it. A name the API server refuses is reported as such; it is not judged for placement too.
  const nodeName = text(spec.nodeName);
  const boundByName = nodeName !== undefined && nodeName !== '' && nameProblem(nodeName, DNS1123_SUBDOMAIN) === undefined;
  if (boundByName) {
    const left = hosts.filter((h) => h.nodeName === nodeName);
    if (left.length === 0 && hosts.length > 0) {
      return blocked('nodeName', `no host of the cluster is the node ${nodeName}, so the pod is bound to a node that never runs it`);
    }
    hosts = left;
  }
  const selector = stringMap(spec.nodeSelector);
  const selectorKeys = Object.keys(selector);
  // A selector the API server refuses is reported as such; it is not judged for placement too.
  if (selectorKeys.length > 0 && !isRefusedSelectorMap(selector)) {
    const left = hosts.filter((h) => {
      const labels = labelsOn(nodes, h);
      return selectorKeys.every((k) => labels[k] === selector[k]);
    });
    if (left.length === 0 && hosts.length > 0) {
      return blocked('nodeSelector', `no host matches nodeSelector ${JSON.stringify(selector)}`);
    }
    hosts = left;
  }
  const required = fields(fields(fields(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  // A term the API server refuses is reported as such; it is not judged for placement too.
  const terms = list(required.nodeSelectorTerms).filter((term) => !isRefusedNodeSelectorTerm(term));
  if (terms.length > 0) {
    const left = hosts.filter((h) => terms.some((term) => matchesTerm(labelsOn(nodes, h), h, term)));
    if (left.length === 0 && hosts.length > 0) {
      return blocked('affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution', 'no host that is left matches the required node affinity');
    }
    hosts = left;
  }
  if (hosts.some((h) => nodes.nodeTaints(h).length > 0)) {
    const tolerations = list(spec.tolerations);
    // Past the scheduler, the kubelet refuses a pod only for the NoExecute taints it does not tolerate.
    const binding = (t: Taint) => (boundByName ? t.effect === 'NoExecute' : t.effect !== 'PreferNoSchedule');
    const left = hosts.filter((h) => nodes.nodeTaints(h).filter(binding).every((t) => tolerates(tolerations, t)));
    if (left.length === 0 && hosts.length > 0) {
      return blocked('tolerations', 'every host that is left has a taint the pod does not tolerate');
    }
    hosts = left;
  }
  return { hosts };
}

function blocked(field: string, reason: string): Schedulable {
  return { hosts: [], blocker: { field, reason } };
}
