import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { KNOWN_DISTRIBUTIONS } from './cluster-ranges';
import { metricsServerComponent, RESOURCE_METRICS_API_SERVICE } from './components/metrics-server';
import { apiGroupOf, apiObjectsOf } from './triggers';

// A HorizontalPodAutoscaler's Resource metrics and KEDA's cpu and memory triggers read the resource metrics API,
// which metrics-server serves. Without it the autoscaler is taken by the API server and never scales (its status
// says it is unable to get metrics for resource cpu), so the cluster brings metrics-server unless its
// distribution serves the API (K3s' packaged one).

/** An autoscaler that reads the resource metrics API: where to report it, and the field that reads it. */
export interface ResourceMetricsReader {
  /** The construct that wrote it: an App for its `autoscaling`, else the object itself. */
  readonly scope: IConstruct;
  /** The field that reads resource metrics, of the App's props or of the object's manifest. */
  readonly field: string;
}

/** Autoscalers an App renders from its props, with the prop that wrote them. */
const PROP_AUTOSCALERS = new WeakMap<IConstruct, ResourceMetricsReader>();

/** Notes that `owner`'s prop `field` wrote `autoscaler`, so that a finding on it names the prop. */
export function noteAutoscalerProp(autoscaler: IConstruct, owner: IConstruct, field: string): void {
  PROP_AUTOSCALERS.set(autoscaler, { scope: owner, field });
}

/** Whether a metric or trigger `type` reads the resource metrics API. */
const HPA_RESOURCE_TYPES = new Set(['Resource', 'ContainerResource']);
const KEDA_RESOURCE_TYPES = new Set(['cpu', 'memory']);

/**
 * The manifest field through which an autoscaler reads resource metrics, or undefined when it reads none: an
 * `autoscaling/v1` HorizontalPodAutoscaler (CPU only), an `autoscaling/v2` one with a Resource or ContainerResource
 * metric or with none (the API server then defaults to 80% CPU), a KEDA ScaledObject with a cpu or memory
 * trigger. Pure.
 */
export function resourceMetricsField(manifest: Record<string, any>): string | undefined {
  const spec = (manifest.spec ?? {}) as Record<string, unknown>;
  const group = apiGroupOf(String(manifest.apiVersion ?? ''));
  if (manifest.kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') {
    if (manifest.apiVersion === 'autoscaling/v1') {
      return 'spec.targetCPUUtilizationPercentage';
    }
    const metrics = Array.isArray(spec.metrics) ? spec.metrics as Array<Record<string, unknown>> : [];
    if (metrics.length === 0) {
      return 'spec.metrics';
    }
    const at = metrics.findIndex((m) => HPA_RESOURCE_TYPES.has(String(m?.type)));
    return at >= 0 ? `spec.metrics[${at}].type` : undefined;
  }
  if (manifest.kind === 'ScaledObject' && group === 'keda.sh') {
    const triggers = Array.isArray(spec.triggers) ? spec.triggers as Array<Record<string, unknown>> : [];
    const at = triggers.findIndex((t) => KEDA_RESOURCE_TYPES.has(String(t?.type)));
    return at >= 0 ? `spec.triggers[${at}].type` : undefined;
  }
  return undefined;
}

/** The autoscalers below `scope` that read the resource metrics API, in construct order. */
export function resourceMetricsReaders(scope: IConstruct): ResourceMetricsReader[] {
  const autoscalers = apiObjectsOf(scope).filter((o: ApiObject) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject');
  return autoscalers.flatMap((object) => {
    const field = resourceMetricsField(object.toJson());
    return field === undefined ? [] : [PROP_AUTOSCALERS.get(object) ?? { scope: object, field }];
  });
}

/**
 * Brings metrics-server to a cluster whose autoscalers read the resource metrics API when nothing else serves
 * it; where the cluster cannot install it (K3s with its packaged one switched off, no GitOps engine), each such
 * autoscaler is an error. Runs once every app has rendered its objects, before the platform's components are
 * checked (Talos' kubelet certificates follow from metrics-server's).
 */
export function requireResourceMetricsApi(cluster: ClusterChart): void {
  if (cluster.platform.provided('apiServices').includes(RESOURCE_METRICS_API_SERVICE)) {
    return;
  }
  const readers = resourceMetricsReaders(cluster);
  if (readers.length === 0) {
    return;
  }
  const problem = unservableMetricsApi(cluster);
  if (problem === undefined) {
    cluster.platform.require(metricsServerComponent());
    return;
  }
  for (const reader of readers) {
    reportFinding(reader.scope, {
      layer: 'references', severity: 'error', field: reader.field,
      message: `this autoscaler reads the resource metrics API (${RESOURCE_METRICS_API_SERVICE}), and ${problem.why}: it would never scale`,
      hint: `${problem.fix}, or declare what serves it: preinstalled: [{ source: '…', provides: { apiServices: ['${RESOURCE_METRICS_API_SERVICE}'] } }]`,
    });
  }
}

/** Why `cluster` cannot install metrics-server itself, and what to change, or undefined when it can. */
function unservableMetricsApi(cluster: ClusterChart): { why: string; fix: string } | undefined {
  if (cluster.platform.preinstalled.some((p) => p.distribution === KNOWN_DISTRIBUTIONS.k3s.name)) {
    return {
      why: `cluster "${cluster.clusterName}" runs K3s with its packaged metrics-server switched off (k3s({ disable }) names 'metrics-server')`,
      fix: "drop 'metrics-server' from k3s({ disable })",
    };
  }
  if (cluster.gitops === undefined) {
    return {
      why: `cluster "${cluster.clusterName}" has no GitOps engine to install metrics-server, which serves it`,
      fix: 'set `gitops:` to flux(), argoCd(), k3sManifests() or another engine',
    };
  }
  return undefined;
}
