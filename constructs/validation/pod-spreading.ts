import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, labelSelectorMatches, list, objectFinding, stringMap, text } from './manifest';
import { podTemplates, PodTemplate } from './pod-spec';
import { hostPorts } from './host-port-rules';
import { stalledSurge } from './rollout-surge';
import { nodeLabels, schedulableHosts } from './scheduling';

const layer = 'inventory' as const;
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Label prefixes that only a cloud provider or the inventory puts on nodes. A home lab's nodes carry a key
 * of these only when the inventory says so; other keys (a distribution's own labels) are not judged.
 */
const INVENTORY_DECIDED_PREFIXES = ['topology.kubernetes.io/', 'kubernetes.io/', 'node-role.kubernetes.io/', 'role.homelab.dev/'];

/**
 * Hard spreading the cluster's hosts can meet: a required pod anti-affinity of a workload's pods with
 * each other on `kubernetes.io/hostname` needs a host per replica, and a topology spread constraint with
 * `whenUnsatisfiable: DoNotSchedule` filters out every node without its key (the scheduler's "missing
 * required label"), so a key no host carries leaves the pods Pending. A Deployment that already fills every
 * host that way, or whose pods hold ports of their host (on the host's network, or with a `hostPort`), which
 * a second pod of it cannot bind beside the first, and whose rollout must add a pod before it takes one down
 * never finishes a rollout: the added pod has no host, and no old pod may go first (a warning: the pods that
 * run keep running). More such replicas than hosts are reported with the host ports.
 */
export function checkPodSpreading(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    const { hosts, blocker } = schedulableHosts(template, cluster.chart);
    if (blocker) {
      // No host at all is reported by the placement check.
      continue;
    }
    const antiAffinity = list(fields(fields(template.spec.affinity).podAntiAffinity).requiredDuringSchedulingIgnoredDuringExecution);
    const ownHostEach = antiAffinity.map((term) => text(term.topologyKey) === HOSTNAME_LABEL && selectsItsOwnPods(term, template));
    if (template.replicas === hosts.length && (ownHostEach.includes(true) || hostPorts(template).length > 0)) {
      findings.push(...stalledRollout(template, hosts.length));
    }
    ownHostEach.forEach((ownHost, i) => {
      if (ownHost && template.replicas > hosts.length) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
          message: `${template.replicas} replicas must each run on a host of their own, but only ${hosts.length} host(s) of cluster "${cluster.chart.clusterName}" `
            + `can run them (${hosts.map((h) => h.name).join(', ')}); the others stay Pending`,
          hint: `run at most ${hosts.length} replicas, or make the anti-affinity preferred (preferredDuringSchedulingIgnoredDuringExecution)`,
        }));
      }
    });
    list(template.spec.topologySpreadConstraints).forEach((constraint, i) => {
      const key = text(constraint.topologyKey) ?? '';
      const judged = INVENTORY_DECIDED_PREFIXES.some((prefix) => key.startsWith(prefix));
      if (constraint.whenUnsatisfiable === 'DoNotSchedule' && judged && hosts.length > 0 && !hosts.some((h) => key in nodeLabels(h))) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.topologySpreadConstraints[${i}].topologyKey`,
          message: `no host of cluster "${cluster.chart.clusterName}" that can run the pods carries the node label ${key}, and DoNotSchedule keeps pods off nodes without it, so they stay Pending`,
          hint: `spread on ${HOSTNAME_LABEL}, or use whenUnsatisfiable: ScheduleAnyway`,
        }));
      }
    });
  }
  return findings;
}

/** A Deployment with a pod on every host it can use, whose rollout must surge first: every rollout stalls. */
function stalledRollout(template: PodTemplate, hostCount: number): Finding[] {
  const manifest = template.object.manifest;
  const surge = manifest.kind === 'Deployment' ? stalledSurge(fields(fields(manifest.spec).strategy), template.replicas) : 0;
  if (surge === 0) {
    return [];
  }
  return [objectFinding(template.object, {
    layer, severity: 'warning', field: 'spec.strategy',
    message: `${template.replicas} replicas each hold one of the ${hostCount} host(s) that can run them, and the rolling update must start `
      + `${surge} new pod(s) before it may stop an old one: the new pod has no host left, so every rollout stalls`,
    hint: 'let the rollout stop a pod first: strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }, '
      + 'or strategy: { type: Recreate }; or run fewer replicas than hosts',
  })];
}

/** Whether a pod affinity term selects the template's own pods (its namespace, its labels). */
function selectsItsOwnPods(term: Fields, template: PodTemplate): boolean {
  const namespaces = Array.isArray(term.namespaces) ? term.namespaces : [];
  // A namespace selector is judged only when it is empty (every namespace); one that selects is not known here.
  const selector = term.namespaceSelector === undefined ? undefined : fields(term.namespaceSelector);
  const ownNamespace = selector === undefined
    ? namespaces.length === 0 || namespaces.includes(template.namespace)
    : Object.keys(stringMap(selector.matchLabels)).length === 0 && list(selector.matchExpressions).length === 0;
  return ownNamespace && term.labelSelector !== undefined && labelSelectorMatches(fields(term.labelSelector), template.labels);
}
