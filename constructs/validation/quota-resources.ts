import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { containerLimitsOf } from './kind-rules';
import { fields, Fields, list, namespaceOf, objectFinding } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

const layer = 'references' as const;

/** A resource a container must state: `requests` or `limits` of `cpu` or `memory`. */
interface StatedResource {
  readonly kind: 'requests' | 'limits';
  readonly resource: string;
}

/**
 * What each compute resource name of a quota's `hard` makes every container state (`cpu` is `requests.cpu`).
 * The API server asks this of cpu and memory only: a quota on ephemeral storage counts what containers
 * state and lets the others through.
 */
function statedResource(name: string): StatedResource | undefined {
  const match = /^(?:(requests|limits)\.)?(cpu|memory)$/.exec(name);
  return match ? { kind: (match[1] ?? 'requests') as StatedResource['kind'], resource: match[2] } : undefined;
}

/**
 * A ResourceQuota on a compute resource makes the API server refuse every pod of its namespace with a
 * container that does not state that resource ("must specify limits.cpu"), unless a LimitRange of the
 * namespace gives containers a default for it. The workload is accepted and its pods are refused, so the
 * error is on the workload, naming the quota. Quotas with scopes (which pods they count depends on the
 * pod) are left out.
 */
export function checkQuotaResources(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const index = indexOf(cluster.objects);
  const quotas = index.of('ResourceQuota').filter((q) => q.manifest.apiVersion === 'v1' && !hasScopes(fields(q.manifest.spec)));
  if (quotas.length === 0) {
    return findings;
  }
  const limitRanges = index.of('LimitRange').filter((r) => r.manifest.apiVersion === 'v1');
  for (const template of podTemplates(cluster.objects)) {
    const missing = quotas.filter((q) => namespaceOf(q) === template.namespace).flatMap((quota) => {
      const defaults = limitRanges.filter((r) => namespaceOf(r) === template.namespace);
      return Object.keys(fields(fields(quota.manifest.spec).hard))
        .map(statedResource)
        .filter((r): r is StatedResource => r !== undefined && !defaulted(defaults, r))
        .flatMap((required) => containersOf(template)
          .filter(({ container }) => !states(fields(container.resources), required))
          .map(({ path }) => ({ quota, required, path })));
    });
    if (missing.length > 0) {
      const { quota, required, path } = missing[0];
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: `${path}.resources`,
        message: `ResourceQuota ${template.namespace}/${quota.manifest.metadata.name} counts ${required.kind}.${required.resource}, `
          + `and this container states none, so the API server refuses every pod of it ("must specify ${required.kind}.${required.resource}")`,
        hint: `give every container a ${required.resource} ${required.kind === 'requests' ? 'request' : 'limit'}${appProp(required) ? ` (an App's ${appProp(required)})` : ''}, `
          + `or add a LimitRange to namespace ${template.namespace} that gives containers a default`,
      }));
    }
  }
  return findings;
}

/** Whether a quota counts some pods alone (`scopes` or a `scopeSelector`). Pure. */
export function hasScopes(spec: Fields): boolean {
  return (Array.isArray(spec.scopes) && spec.scopes.length > 0) || spec.scopeSelector !== undefined;
}

/** The `App` prop that states a resource (`resources.cpuLimit`), where it has one. */
export function appResourceProp(kind: 'requests' | 'limits', name: string): string | undefined {
  const resource = { cpu: 'cpu', memory: 'memory' }[name as 'cpu' | 'memory'];
  return resource && `resources.${resource}${kind === 'requests' ? 'Request' : 'Limit'}`;
}

function appProp(required: StatedResource): string | undefined {
  return appResourceProp(required.kind, required.resource);
}

/** Whether a container's resources state `required`; a limit alone states the request too (the API server copies it). */
function states(resources: Fields, required: StatedResource): boolean {
  return fields(resources.limits)[required.resource] !== undefined
    || (required.kind === 'requests' && fields(resources.requests)[required.resource] !== undefined);
}

/** Whether a Container LimitRange gives containers that state nothing the resource, as the API server stores its defaults. */
function defaulted(limitRanges: readonly SynthesizedObject[], required: StatedResource): boolean {
  return limitRanges.some((range) => list(fields(range.manifest.spec).limits).some((limit) => {
    const stored = limit.type === 'Container' ? containerLimitsOf(limit) : undefined;
    return stored !== undefined && (required.kind === 'limits' ? stored.default : stored.defaultRequest)[required.resource] !== undefined;
  }));
}
