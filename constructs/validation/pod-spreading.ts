import type { Host } from '../inventory/host';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, Fields, labelSelectorMatches, list, objectFinding, stringMap, text } from './manifest';
import { podTemplates, PodTemplate } from './pod-spec';
import { hostPorts } from './host-port-rules';
import { stalledSurge } from './rollout-surge';
import { isZero } from './workload-rules';
import { isRefusedLabelSelector } from './selector-rules';
import { nodeLabels, schedulableHosts } from './scheduling';
import { podsShownIn } from './shown-pods';

const layer = 'inventory' as const;
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Label prefixes that only a cloud provider or the inventory puts on nodes. A home lab's nodes carry a key
 * of these only when the inventory says so; other keys (a distribution's own labels) are not judged.
 */
const INVENTORY_DECIDED_PREFIXES = ['topology.kubernetes.io/', 'kubernetes.io/', 'node-role.kubernetes.io/', 'role.homelab.dev/'];

/**
 * Hard spreading the cluster's hosts can meet: a required pod anti-affinity of a workload's pods with
 * each other on `kubernetes.io/hostname` needs a host per replica (as a port each pod takes on its node does), and a topology spread constraint with
 * `whenUnsatisfiable: DoNotSchedule` filters out every node without its key (the scheduler's "missing
 * required label"), so a key no host carries leaves the pods Pending, and `minDomains` beyond the domains the
 * hosts make holds each to `maxSkew` pods (replicas that fill them all stall a rollout, as below). A required pod affinity on `kubernetes.io/hostname` to another
 * workload's pods needs a host both can run on. A Deployment that already fills every
 * host (or every place such a spread leaves) that way, or whose pods hold ports of their host (on the host's network, or with a `hostPort`), which
 * a second pod of it cannot bind beside the first, and whose rollout must add a pod before it takes one down
 * never finishes a rollout: the
 * added pod has no host, and no old pod may go first (a warning: the pods that run keep running); so does a
 * DaemonSet of such pods that starts each node's new pod beside the old one. A pod selector of such a term or
 * constraint that picks no pod of a namespace whose workloads the output shows is an error: it does nothing,
 * or, for a pod affinity, keeps the pod Pending.
 */
export function checkPodSpreading(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const templates = podTemplates(cluster.objects);
  for (const template of templates) {
    const { hosts, blocker } = schedulableHosts(template, cluster.chart);
    if (blocker) {
      // No host at all is reported by the placement check.
      continue;
    }
    const antiAffinity = list(fields(fields(template.spec.affinity).podAntiAffinity).requiredDuringSchedulingIgnoredDuringExecution);
    const ownHostEach = antiAffinity.map((term) => text(term.topologyKey) === HOSTNAME_LABEL && selectsItsOwnPods(term, template));
    // A pod that takes a port of its node (hostNetwork, hostPort) keeps a second one of its kind off that node as well.
    const ownHostBy = ownHostEach.includes(true) ? 'a required pod anti-affinity' : hostPorts(template).map((use) => `host port ${use.protocol}/${use.port}`)[0];
    if (ownHostBy !== undefined && template.object.manifest.kind === 'DaemonSet') {
      findings.push(...stalledDaemonSetRollout(template, ownHostBy));
    } else if (template.replicas === hosts.length && ownHostBy !== undefined) {
      findings.push(...stalledRollout(template, `${template.replicas} replicas each hold one of the ${hosts.length} host(s) that can run them (${ownHostBy} keeps a second pod off a host)`, 'run fewer replicas than hosts'));
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
    // A selector that picks no pod makes a term or constraint do nothing, or keep the pod Pending for good.
    const affinity = fields(template.spec.affinity);
    for (const [kind, effect] of [['podAffinity', 'waits for such a pod, so it stays Pending'], ['podAntiAffinity', 'keeps the pods apart from nothing']] as const) {
      list(fields(affinity[kind]).requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
        const none = term.namespaceSelector === undefined ? selectsNoPod(term.labelSelector, Array.isArray(term.namespaces) && term.namespaces.length > 0 ? term.namespaces.map(String) : [template.namespace], templates, cluster) : undefined;
        if (none) {
          findings.push(selectsNothing(template, `affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}].labelSelector`, none, effect));
        }
      });
    }
    list(template.spec.topologySpreadConstraints).forEach((constraint, i) => {
      const none = constraint.matchLabelKeys === undefined ? selectsNoPod(constraint.labelSelector, [template.namespace], templates, cluster) : undefined;
      if (none) {
        findings.push(selectsNothing(template, `topologySpreadConstraints[${i}].labelSelector`, none, 'spreads nothing, not even these pods'));
      }
    });
    list(fields(fields(template.spec.affinity).podAffinity).requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      const apart = hostsApart(term, template, hosts, templates, cluster);
      if (apart) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
          message: `must run on the host of a pod of ${apart.partners}, which runs only on ${apart.theirs}, while this pod can only run on ${hosts.map((h) => h.name).join(', ')}: it stays Pending`,
          hint: 'place both on a host they can share (placement), or make the affinity preferred (preferredDuringSchedulingIgnoredDuringExecution)',
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
        return;
      }
      const domains = constraint.whenUnsatisfiable === 'DoNotSchedule' && judged ? tooFewDomains(constraint, key, hosts, template) : undefined;
      const fit = domains === undefined ? undefined : domains * Number(constraint.maxSkew);
      // Filled to the last place, the pods leave none for a pod the rollout adds, unless matchLabelKeys (pod-template-hash) counts each revision apart.
      const countsRevisionsApart = Array.isArray(constraint.matchLabelKeys) && constraint.matchLabelKeys.length > 0;
      if (domains !== undefined && template.replicas === fit && !countsRevisionsApart) {
        findings.push(...stalledRollout(template, `${template.replicas} replicas fill the ${domains} domain(s) of ${key} that the hosts make (${hosts.map((h) => h.name).join(', ')}) `
          + `to maxSkew ${String(constraint.maxSkew)} each, as minDomains ${String(constraint.minDomains)} beyond them holds each domain to that`, 'leave minDomains out'));
      }
      if (domains !== undefined && fit !== undefined && template.replicas > fit) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.topologySpreadConstraints[${i}].minDomains`,
          message: `minDomains ${String(constraint.minDomains)} asks for more domains of ${key} than the ${domains} that the hosts able to run the pods make `
            + `(${hosts.map((h) => h.name).join(', ')}), so each holds at most maxSkew ${String(constraint.maxSkew)} pod(s): ${fit} of the ${template.replicas} replicas fit, and the others stay Pending`,
          hint: `ask for at most ${domains} domains, run at most ${fit} replicas, or leave minDomains out`,
        }));
      }
    });
  }
  return findings;
}

/**
 * The domains (node label values of `key`) the hosts able to run a template make, when a spread of its own pods
 * asks for more of them (`minDomains`) and its replicas do not fit: the scheduler then counts the missing
 * domains as holding none of the pods, so each domain may hold at most `maxSkew` of them, and the replicas fill
 * every place or more. Undefined otherwise. Pure.
 */
function tooFewDomains(constraint: Fields, key: string, hosts: readonly Host<any, any>[], template: PodTemplate): number | undefined {
  const { minDomains, maxSkew } = constraint;
  if (typeof minDomains !== 'number' || typeof maxSkew !== 'number' || maxSkew < 1 || constraint.labelSelector === undefined
    || !labelSelectorMatches(fields(constraint.labelSelector), template.labels)) {
    return undefined;
  }
  const domains = new Set(hosts.map((h) => nodeLabels(h)[key]).filter((value) => value !== undefined)).size;
  return domains < minDomains && template.replicas >= domains * maxSkew ? domains : undefined;
}

/**
 * A Deployment whose pods fill every place its hosts leave them (`filled` says how), whose rollout must surge
 * first: every rollout stalls. `lastResort` is the hint's way out that changes the spreading.
 */
function stalledRollout(template: PodTemplate, filled: string, lastResort: string): Finding[] {
  const manifest = template.object.manifest;
  const surge = manifest.kind === 'Deployment' ? stalledSurge(fields(fields(manifest.spec).strategy), template.replicas) : 0;
  if (surge === 0) {
    return [];
  }
  return [objectFinding(template.object, {
    layer, severity: 'warning', field: 'spec.strategy',
    message: `${filled}, and the rolling update must start `
      + `${surge} new pod(s) before it may stop an old one: the new pod has no host left, so every rollout stalls`,
    hint: 'let the rollout stop a pod first: strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }, '
      + `or strategy: { type: Recreate } (an App's strategy: 'Recreate'); or ${lastResort}`,
  })];
}

/**
 * A DaemonSet holds a host with each pod by itself; one whose pods each keep a second off their host and whose
 * rolling update starts the new pod beside the old one (`maxSurge`, where `maxUnavailable` must then be 0)
 * never finishes a rollout: Kubernetes' documentation asks for `maxSurge: 0` with host ports.
 */
function stalledDaemonSetRollout(template: PodTemplate, ownHostBy: string): Finding[] {
  const strategy = fields(fields(template.object.manifest.spec).updateStrategy);
  const surge = fields(strategy.rollingUpdate).maxSurge;
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate' || surge === undefined || isZero(surge)) {
    return [];
  }
  return [objectFinding(template.object, {
    layer, severity: 'warning', field: 'spec.updateStrategy.rollingUpdate.maxSurge',
    message: `starts each node's new pod beside the old one (maxSurge ${String(surge)}), but ${ownHostBy} keeps a second pod off a host: the new pod never starts, so every rollout stalls`,
    hint: 'let the rollout stop the old pod first: leave maxSurge out (the DaemonSet default, with maxUnavailable: 1)',
  })];
}

/**
 * The namespaces where a pod selector of a scheduling term picks no pod of the output, when the output shows
 * every workload of them (not where a chart or an operator makes pods) and the selector is one the API server
 * takes; undefined when it picks one, or that is not known. Pure.
 */
function selectsNoPod(selector: unknown, namespaces: readonly string[], templates: readonly PodTemplate[], cluster: SynthesizedCluster): string[] | undefined {
  if (selector === undefined || isRefusedLabelSelector(selector) || namespaces.some((n) => !podsShownIn(cluster)(n))) {
    return undefined;
  }
  const picked = templates.some((t) => namespaces.includes(t.namespace) && labelSelectorMatches(fields(selector), t.labels));
  return picked ? undefined : [...namespaces];
}

/** The error on a pod selector of a scheduling term of `template` at `field` (below the pod spec) that picks no pod of `namespaces`. */
function selectsNothing(template: PodTemplate, field: string, namespaces: readonly string[], effect: string): Finding {
  return objectFinding(template.object, {
    layer, severity: 'error', field: `${template.specPath}.${field}`,
    message: `selects no pod of namespace ${namespaces.join(', ')}, so it ${effect}`,
    hint: `select the pods by the labels of their template (these pods carry ${Object.entries(template.labels).map(([k, v]) => `${k}: ${v}`).join(', ') || 'no labels'})`,
  });
}

/**
 * Where a required pod affinity on `kubernetes.io/hostname` asks for the host of pods of the output (of
 * another workload) that can run on none of the hosts `hosts` of the template: the workloads it selects and
 * the hosts they run on. Undefined when they share a host, or the selected pods are not known here (a
 * chart's, a namespace selector's, the template's own: the first of a group may start alone). Pure.
 */
function hostsApart(term: Fields, template: PodTemplate, hosts: readonly Host<any, any>[], templates: readonly PodTemplate[], cluster: SynthesizedCluster): { partners: string; theirs: string } | undefined {
  if (text(term.topologyKey) !== HOSTNAME_LABEL || term.labelSelector === undefined || term.namespaceSelector !== undefined || selectsItsOwnPods(term, template)) {
    return undefined;
  }
  const namespaces = Array.isArray(term.namespaces) && term.namespaces.length > 0 ? term.namespaces : [template.namespace];
  const partners = templates.filter((t) => t !== template && namespaces.includes(t.namespace) && labelSelectorMatches(fields(term.labelSelector), t.labels));
  const theirs = new Set(partners.flatMap((t) => schedulableHosts(t, cluster.chart).hosts));
  // A partner that can run nowhere is reported as such.
  if (partners.length === 0 || theirs.size === 0 || hosts.some((h) => theirs.has(h))) {
    return undefined;
  }
  return {
    partners: partners.map((t) => `${t.object.manifest.kind} ${t.namespace}/${String(t.object.manifest.metadata.name)}`).join(', '),
    theirs: [...theirs].map((h) => h.name).join(', '),
  };
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
