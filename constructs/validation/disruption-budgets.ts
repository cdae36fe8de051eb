import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { autoscaledMinimums } from './autoscalers';
import type { AutoscaledMinimum } from './autoscalers';
import type { Finding } from './finding';
import { fields, labelSelectorMatches, namespaceOf, objectFinding } from './manifest';
import { indexOf } from './object-index';
import { podsShownIn } from './shown-pods';
import { PodTemplate, podTemplateIndexIn, podTemplates } from './pod-spec';
import { isRefusedLabelSelector } from './selector-rules';
import { isZero, scaledCount } from './workload-rules';

const layer = 'references' as const;

/**
 * What PodDisruptionBudgets do to evictions (and so to `kubectl drain` and node upgrades), beyond each
 * budget's own fields: the eviction API refuses every pod that more than one budget covers ("This pod has
 * more than one PodDisruptionBudget, which the eviction subresource does not support"), so a second budget
 * over a workload is an error, reported on the budget that is not the workload's own (an `App` makes one
 * for two replicas or more). A budget that lets no pod go (`maxUnavailable: 0`, or a `minAvailable` of
 * at least the replicas it covers, an autoscaled workload's at the fewest its autoscaler scales it to) is a
 * warning: it blocks every drain until someone deletes it. A budget
 * that selects no pod of its namespace (or, having no selector, none at all) protects nothing, and is an error as a
 * Service's selector is.
 */
export function checkDisruptionBudgets(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const budgetsOf = new Map<PodTemplate, SynthesizedObject[]>();
  const minimums = autoscaledMinimums(cluster.objects);
  for (const budget of indexOf(cluster.objects).of('PodDisruptionBudget')) {
    if (budget.manifest.apiVersion !== 'policy/v1') {
      continue;
    }
    const spec = fields(budget.manifest.spec);
    // In policy/v1 a budget without a selector selects no pod (an empty one, `{}`, selects every pod of the namespace).
    const unselected = spec.selector === undefined || spec.selector === null;
    const covered = unselected ? [] : podTemplateIndexIn(cluster.objects, namespaceOf(budget)).selectedBy(fields(spec.selector));
    for (const template of covered) {
      const budgets = budgetsOf.get(template);
      if (budgets) {
        budgets.push(budget);
      } else {
        budgetsOf.set(template, [budget]);
      }
    }
    const namespace = namespaceOf(budget) ?? '';
    if (unselected) {
      findings.push(objectFinding(budget, {
        layer, severity: 'error', field: 'spec.selector',
        message: 'has no selector, and a policy/v1 budget without one selects no pod, so it protects nothing from a drain',
        hint: "select the workload's pods by the labels of its pod template, e.g. selector: { matchLabels: { 'app.kubernetes.io/name': '<app>' } }",
      }));
      continue;
    }
    // Judged where the output shows every workload of the namespace: not where a chart or an operator makes pods.
    if (covered.length === 0 && !isRefusedLabelSelector(spec.selector) && podsShownIn(cluster)(namespace)) {
      const elsewhere = podTemplates(cluster.objects).find((t) => t.namespace !== namespace && labelSelectorMatches(fields(spec.selector), t.labels));
      findings.push(objectFinding(budget, {
        layer, severity: 'error', field: 'spec.selector',
        message: `selects no pod template in namespace "${namespace}" (${JSON.stringify(spec.selector ?? null)}), so it protects nothing from a drain`,
        hint: elsewhere !== undefined
          ? `a budget covers the pods of its own namespace: put it in namespace ${elsewhere.namespace}, where ${describe(elsewhere)} runs`
          : "make the selector match the labels of the workload's pod template (an App's pods carry app.kubernetes.io/name: <app>)",
      }));
      continue;
    }
    const blocking = blockingReason(spec, covered.reduce((sum, t) => sum + (minimums.get(t.object)?.replicas ?? t.replicas), 0));
    if (covered.length > 0 && blocking !== undefined) {
      findings.push(objectFinding(budget, {
        layer, severity: 'warning', field: blocking.field,
        message: `${blocking.message}${autoscaledBy(covered, minimums)}, so no pod of ${covered.map(describe).join(', ')} may be evicted: every node drain and upgrade waits on it`,
        hint: covered.some((t) => minimums.has(t.object))
          ? "allow at least one pod to go (maxUnavailable: 1), or raise the autoscaler's minimum above minAvailable"
          : 'allow at least one pod to go (maxUnavailable: 1), or scale the workload above minAvailable',
      }));
    }
  }
  const reported = new Set<SynthesizedObject>();
  for (const [template, budgets] of budgetsOf) {
    if (budgets.length < 2) {
      continue;
    }
    const own = budgets.filter((b) => isOwnBudget(cluster, b, template));
    const [kept, ...extra] = [...own, ...budgets.filter((b) => !own.includes(b))];
    for (const budget of extra.filter((b) => !reported.has(b))) {
      reported.add(budget);
      findings.push(objectFinding(budget, {
        layer, severity: 'error', field: 'spec.selector',
        message: `covers the pods of ${describe(template)}, which ${kept.manifest.metadata.name} (${kept.constructPath}) covers already; the eviction API refuses a pod under two budgets, so no drain could move it`,
        hint: own.includes(kept)
          ? 'leave this budget out: the app makes its own (maxUnavailable: 1) when it has two replicas or more'
          : 'keep one budget per pod: narrow one selector, or merge the two',
      }));
    }
  }
  return findings;
}

/** Why a budget lets no pod of `replicas` go, with its field; undefined when it lets one go. */
function blockingReason(spec: Record<string, unknown>, replicas: number): { field: string; message: string } | undefined {
  if (spec.maxUnavailable !== undefined && isZero(spec.maxUnavailable)) {
    return { field: 'spec.maxUnavailable', message: `maxUnavailable is ${String(spec.maxUnavailable)}` };
  }
  const minimum = scaledCount(spec.minAvailable, replicas, true);
  if (minimum !== undefined && minimum >= replicas) {
    return { field: 'spec.minAvailable', message: `minAvailable ${String(spec.minAvailable)} is at least the ${replicas} replica${replicas === 1 ? '' : 's'} it covers` };
  }
  return undefined;
}

/** Where an autoscaler sets the count a budget is measured against, the words that say so. */
function autoscaledBy(covered: readonly PodTemplate[], minimums: ReadonlyMap<SynthesizedObject, AutoscaledMinimum>): string {
  const by = covered.flatMap((t) => minimums.get(t.object)?.by ?? []);
  return by.length === 0 ? '' : ` at the fewest pods ${by.join(' and ')} scales to`;
}

/** Whether the budget was made beside the workload by the same construct below the cluster (an `App`'s own budget). */
function isOwnBudget(cluster: SynthesizedCluster, budget: SynthesizedObject, template: PodTemplate): boolean {
  const parent = parentPath(budget.constructPath);
  return parent !== cluster.chart.node.path && parent === parentPath(template.object.constructPath);
}

function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

function describe(template: PodTemplate): string {
  return `${template.object.manifest.kind} ${template.namespace}/${template.object.manifest.metadata.name}`;
}
