import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { manifestOf } from '../interop/api-object-json';
import { templateKindOf } from '../validation/pod-spec';
import { stalledSurge } from '../validation/rollout-surge';

/** Knative's kinds, which keep their pod template as a Deployment does and scale by annotations. */
const KNATIVE_TEMPLATE_KINDS = new Set(['Service', 'Configuration']);

/** A pod template found in a construct tree, before synthesis. */
export interface WorkloadTemplate {
  /** The object that holds it. */
  readonly object: ApiObject;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Field path of the template, e.g. `spec.template`. */
  readonly path: string;
  /** Labels of the pods. */
  readonly labels: Record<string, string>;
  /** Containers, native sidecars included. */
  readonly containers: ReadonlyArray<TemplateContainer>;
  /** Init containers that run to completion, one at a time, before the containers. */
  readonly initContainers: ReadonlyArray<TemplateContainer>;
  /**
   * Pods of the template that can run at once: replicas for the kinds that have them (Deployments,
   * StatefulSets, ReplicaSets, ReplicationControllers), the upper scale bound for Knative Services
   * (`autoscaling.knative.dev/max-scale`, else its min-scale, at least 1), the pods a Job (a CronJob's job)
   * runs at once (`parallelism`, no more than its `completions`), 1 otherwise.
   */
  readonly maxPods: number;
  /**
   * Whether nothing bounds the pods: a Knative Service without `autoscaling.knative.dev/max-scale` (or
   * with 0), which Knative scales as far as its load asks; `maxPods` is then its lower bound.
   */
  readonly unbounded: boolean;
  /**
   * Pods a rollout must add before it may take one down: a RollingUpdate Deployment's `maxSurge`
   * (default 25 %, rounded up) when its `maxUnavailable` (default 25 %, rounded down) comes to 0. A quota
   * without room for them stalls every rollout. 0 for other kinds and strategies.
   */
  readonly surgePods: number;
}

/** The resources of a container of a pod template. */
export interface TemplateContainer {
  /** Its requests and limits, as written. @default - none written */
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}

/** An init container that keeps running beside the containers (`restartPolicy: Always`). */
function isSidecar(container: Record<string, unknown>): boolean {
  return container.restartPolicy === 'Always';
}

/** Every pod template under `scope`, from the objects as they are now (call it from a prepare hook). */
export function workloadTemplates(scope: IConstruct): WorkloadTemplate[] {
  const templates: WorkloadTemplate[] = [];
  for (const construct of scope.node.findAll()) {
    if (!(construct instanceof ApiObject)) {
      continue;
    }
    const group = construct.apiVersion.includes('/') ? construct.apiVersion.split('/')[0] : '';
    const knative = group === 'serving.knative.dev' && KNATIVE_TEMPLATE_KINDS.has(construct.kind);
    // The validation's table of where each workload kind holds its pod template; a PodTemplate runs no pod.
    const kind = templateKindOf(construct);
    const path = construct.kind === 'Pod' && group === '' ? [] : knative ? ['spec', 'template'] : kind?.makesPods === false ? undefined : kind?.path;
    if (!path) {
      continue;
    }
    const manifest = manifestOf(construct);
    const template = path.reduce<Record<string, any>>((value, key) => (value?.[key] ?? {}), manifest);
    const spec = template.spec ?? {};
    const annotations: Record<string, string> = template.metadata?.annotations ?? {};
    const replicas = typeof manifest.spec?.replicas === 'number' ? manifest.spec.replicas : 1;
    const maxScale = Number(annotations['autoscaling.knative.dev/max-scale'] ?? annotations['autoscaling.knative.dev/maxScale'] ?? 0) || 0;
    const minScale = Number(annotations['autoscaling.knative.dev/min-scale'] ?? annotations['autoscaling.knative.dev/minScale'] ?? 0) || 0;
    const maxPods = knative
      ? Math.max(maxScale || minScale, 1)
      : kind?.replicated === true ? replicas
        : group === 'batch' ? jobPods(construct.kind === 'CronJob' ? manifest.spec?.jobTemplate?.spec : manifest.spec) : 1;
    templates.push({
      object: construct,
      kind: construct.kind,
      name: manifest.metadata?.name,
      namespace: manifest.metadata?.namespace ?? 'default',
      path: path.join('.'),
      labels: template.metadata?.labels ?? {},
      // Native sidecars (init containers that keep running) count with the containers, as Kubernetes charges them.
      containers: [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter(isSidecar)],
      initContainers: (spec.initContainers ?? []).filter((container: Record<string, unknown>) => !isSidecar(container)),
      maxPods,
      unbounded: knative && maxScale <= 0,
      surgePods: construct.kind === 'Deployment' && group === 'apps' ? stalledSurge(manifest.spec?.strategy ?? {}, replicas) : 0,
    });
  }
  return templates;
}

/**
 * The pods a Job with `spec` runs at once: its `parallelism` (1 unless given), no more than its `completions`
 * when given, as the Job controller starts them; a count that is no whole number counts as the default.
 */
export function jobPods(spec: Record<string, unknown> | undefined): number {
  const count = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback);
  const parallelism = count(spec?.parallelism, 1);
  return Math.min(parallelism, count(spec?.completions, parallelism));
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Bytes of a memory quantity (`512Mi`, `1G`, `1073741824`), or undefined when it does not parse. */
export function memoryBytes(quantity: unknown): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(String(quantity ?? ''));
  if (!match) {
    return undefined;
  }
  const unit = match[2];
  return Number(match[1]) * (unit ? BINARY[unit] ?? DECIMAL[unit] : 1);
}
