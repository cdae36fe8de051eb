import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { manifestOf } from '../interop/api-object-json';
import { reportFinding } from '../validation/finding';
import { type ContainerLimits, containerLimitsOf } from '../validation/kind-rules';
import { admittedResources } from '../validation/limit-ranges';
import { quantityValue } from '../validation/quantity';
import { KNATIVE_QUEUE_SIDECAR_MEMORY } from './knative';
import { type TemplateContainer, type WorkloadTemplate, workloadTemplates } from './workload-templates';

/** The amounts of a ResourceQuota's `hard` this check adds up: what pods are charged, and how many there are. */
export type QuotaAmount = 'requests.memory' | 'limits.memory' | 'requests.cpu' | 'limits.cpu' | 'pods';

const AMOUNTS: readonly QuotaAmount[] = ['requests.memory', 'limits.memory', 'requests.cpu', 'limits.cpu', 'pods'];

/** `hard` names `cpu` and `memory` for their requests. */
const ALIASES: Readonly<Record<string, QuotaAmount>> = { cpu: 'requests.cpu', memory: 'requests.memory' };

/** One amount of a quota that the namespace's own workloads exceed at their largest scale. */
export interface QuotaOverrun {
  /** The amount. */
  readonly amount: QuotaAmount;
  /** Its key in `hard`, e.g. `cpu` for `requests.cpu`. */
  readonly key: string;
  /** What the workloads need, as written for a reader (`6Gi`, `2500m`, `12`). */
  readonly needed: string;
  /** The workloads counted, each with its pods (`Deployment web ×2 +1 during a rollout`). */
  readonly workloads: string;
}

/**
 * The amounts of `hard` that the pods of `templates` exceed together, each template at its largest
 * scale plus the pods a rollout adds before it takes one down: the API server refuses the pods past the
 * quota, so some never start, or a rollout stalls. A pod is charged the larger of its containers' sum and
 * its largest init container (they run one at a time); a container is charged what the API server admits
 * it with under the namespace's `Container` LimitRange items `ranges` (see `admittedResources`); Knative adds its queue-proxy's memory to every pod of a Knative Service. Pure.
 */
export function quotaOverruns(templates: readonly WorkloadTemplate[], hard: Readonly<Record<string, unknown>>, ranges: readonly ContainerLimits[]): QuotaOverrun[] {
  const overruns: QuotaOverrun[] = [];
  const workloads = templates.map((t) => `${t.kind} ${t.name} ×${t.maxPods}${t.surgePods > 0 ? ` +${t.surgePods} during a rollout` : ''}`
    + (knative(t) ? ` with Knative's queue-proxy (${KNATIVE_QUEUE_SIDECAR_MEMORY.requests}, limit ${KNATIVE_QUEUE_SIDECAR_MEMORY.limits})` : '')).join(', ');
  for (const [name, written] of Object.entries(hard)) {
    const amount = ALIASES[name] ?? (AMOUNTS.includes(name as QuotaAmount) ? name as QuotaAmount : undefined);
    const limit = quantityValue(written);
    if (amount === undefined || limit === undefined) {
      continue;
    }
    const needed = templates.reduce((total, t) => total + (t.maxPods + t.surgePods) * (amount === 'pods' ? 1 : podCharge(t, amount, ranges)), 0);
    // Quantities in thousandths (CPU in millicores) add up with rounding error.
    if (needed > limit * (1 + 1e-9)) {
      overruns.push({ amount, key: name, needed: shown(amount, needed), workloads });
    }
  }
  return overruns;
}

/** An amount of a quota that a LimitRange's default alone exceeds. */
export interface DefaultOverrun {
  /** Its key in `hard`, e.g. `limits.memory`. */
  readonly key: string;
  /** The resource, `memory` or `cpu`. */
  readonly resource: string;
  /** The LimitRange field that gives it: `default` for a limit, `defaultRequest` for a request. */
  readonly field: 'default' | 'defaultRequest';
  /** What a container that states none gets, as written. */
  readonly given: string;
}

/**
 * The amounts of `hard` that one container stating no requests or limits already exceeds, as the Container
 * LimitRange items `ranges` fill them in: the quota refuses every pod with such a container (a `kubectl run`,
 * a chart that states no resources), whatever the namespace's own workloads state. Pure.
 */
export function defaultOverruns(hard: Readonly<Record<string, unknown>>, ranges: readonly ContainerLimits[]): DefaultOverrun[] {
  const admitted = admittedResources({}, ranges);
  return Object.entries(hard).flatMap(([key, written]) => {
    const amount = ALIASES[key] ?? (AMOUNTS.includes(key as QuotaAmount) ? key as QuotaAmount : undefined);
    if (amount === undefined || amount === 'pods') {
      return [];
    }
    const [kind, resource] = amount.split('.') as ['requests' | 'limits', string];
    const given = admitted[kind][resource];
    const [each, total] = [quantityValue(given), quantityValue(written)];
    return each !== undefined && total !== undefined && each > total * (1 + 1e-9)
      ? [{ key, resource, field: kind === 'limits' ? 'default' : 'defaultRequest', given: String(given) } as const] : [];
  });
}

/** The `Container` items of the v1 LimitRanges of `namespace` under `scope`, in construct order. */
export function containerLimitsIn(scope: IConstruct, namespace: string): ContainerLimits[] {
  return scope.node.findAll()
    .filter((construct): construct is ApiObject => construct instanceof ApiObject && construct.kind === 'LimitRange' && construct.apiVersion === 'v1')
    .map(manifestOf)
    .filter((manifest) => (manifest.metadata?.namespace ?? 'default') === namespace)
    .flatMap((manifest) => (Array.isArray(manifest.spec?.limits) ? manifest.spec.limits : []))
    .filter((item) => item?.type === 'Container')
    .map(containerLimitsOf);
}

function knative(template: WorkloadTemplate): boolean {
  return template.object.apiVersion.startsWith('serving.knative.dev/');
}

/** What one pod of `template` is charged of `amount`. */
function podCharge(template: WorkloadTemplate, amount: Exclude<QuotaAmount, 'pods'>, ranges: readonly ContainerLimits[]): number {
  const [kind, resource] = amount.split('.') as ['requests' | 'limits', string];
  const sidecar = knative(template) && resource === 'memory' ? quantityValue(KNATIVE_QUEUE_SIDECAR_MEMORY[kind]) ?? 0 : 0;
  const charge = (container: TemplateContainer) => quantityValue(admittedResources(container.resources ?? {}, ranges)[kind][resource]) ?? 0;
  return Math.max(
    template.containers.reduce((total, container) => total + charge(container), sidecar),
    ...template.initContainers.map(charge));
}

function shown(amount: QuotaAmount, value: number): string {
  if (amount === 'pods') {
    return String(value);
  }
  return amount.endsWith('cpu') ? `${Math.ceil(value * 1000)}m` : `${Math.ceil(value / 2 ** 20)}Mi`;
}

/** ResourceQuotas whose own construct checks them against its props (a Tenant's). */
const CHECKED_BY_OWNER = new WeakSet<ApiObject>();

/** Marks `quota` as checked by the construct that made it, which names its own props in findings. */
export function quotaCheckedByOwner(quota: ApiObject): void {
  CHECKED_BY_OWNER.add(quota);
}

/**
 * Reports each v1 ResourceQuota under `cluster` (written by hand, or by a construct that does not check
 * it itself) whose namespace's own workloads need more than it allows. Quotas with scopes count only
 * some pods, and are left out. Call it after every other prepare hook, when the workloads are rendered.
 */
export function checkQuotaFit(cluster: IConstruct): void {
  const quotas = cluster.node.findAll().filter((construct): construct is ApiObject => construct instanceof ApiObject
    && construct.kind === 'ResourceQuota' && construct.apiVersion === 'v1' && !CHECKED_BY_OWNER.has(construct));
  // Only a cluster with such a quota reads its workloads here: reading one applies its JSON patches, whose
  // mistakes synth reports on its own.
  const templates = quotas.length === 0 ? [] : workloadTemplates(cluster);
  for (const construct of quotas) {
    const manifest = manifestOf(construct);
    const spec = manifest.spec ?? {};
    if ((Array.isArray(spec.scopes) && spec.scopes.length > 0) || spec.scopeSelector !== undefined || typeof spec.hard !== 'object' || spec.hard === null) {
      continue;
    }
    const namespace = manifest.metadata?.namespace ?? 'default';
    const mine = templates.filter((t) => t.namespace === namespace);
    const ranges = containerLimitsIn(cluster, namespace);
    const overruns = quotaOverruns(mine, spec.hard, ranges);
    for (const over of defaultOverruns(spec.hard, ranges).filter((d) => !overruns.some((o) => o.key === d.key))) {
      reportFinding(construct, {
        layer: 'policy', severity: 'error', field: `spec.hard["${over.key}"]`,
        message: `ResourceQuota ${namespace}/${manifest.metadata?.name} allows ${String(spec.hard[over.key])} of ${over.key}, but a LimitRange of namespace ${namespace} `
          + `gives a container that states no ${over.resource} ${over.given} (its ${over.field}) on its own: the quota refuses every pod with such a container`,
        hint: `lower the LimitRange's ${over.field}.${over.resource} below ${String(spec.hard[over.key])}, or raise the quota`,
      });
    }
    for (const overrun of overruns) {
      const name = overrun.key;
      reportFinding(construct, {
        layer: 'policy', severity: 'error', field: `spec.hard["${name}"]`,
        message: `ResourceQuota ${namespace}/${manifest.metadata?.name} allows ${String(spec.hard[name])} of ${name}, but the workloads of namespace ${namespace} `
          + `need ${overrun.needed} at their largest scale (${overrun.workloads}): the API server refuses the pods past it`,
        hint: 'lower the workloads\' requests, limits or replicas, or raise the quota (a rollout that may take no pod down first adds its maxSurge pods)',
      });
    }
  }
}
