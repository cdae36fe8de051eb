import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';

/** A Flux Kustomization's `healthCheckExprs` entry: when objects of one kind count as ready. */
export interface FluxHealthCheckExpr {
  /** apiVersion of the kind, e.g. `pkg.crossplane.io/v1`. */
  readonly apiVersion: string;
  /** The kind, e.g. `Provider`. */
  readonly kind: string;
  /** CEL expression, true once an object of the kind has settled. */
  readonly current: string;
  /** CEL expression, true once an object of the kind can no longer settle without a change. @default - none: a failure shows as the layer's timeout */
  readonly failed?: string;
}

/** A CEL test that the object has condition `type` with status `True`; false while it has no conditions yet. */
function conditionTrue(type: string): string {
  return `status.?conditions.orValue([]).exists(c, c.type == '${type}' && c.status == 'True')`;
}

/**
 * Kinds the library puts in a layer that Flux waits for, whose readiness kstatus cannot see (no `Ready`
 * condition, or none until the controller first looks at the object), while a later layer uses what they
 * bring. Without them the layer counts as ready at once, and the next one fails its first dry run until
 * its retry. None has a `failed` expression where a failed condition is also what a healthy object shows
 * while it starts (a Provider's Healthy, a KnativeServing's Ready): Flux would stop the wait there.
 */
export const FLUX_HEALTH_CHECK_EXPRS: readonly FluxHealthCheckExpr[] = [
  // A package's CRDs exist once its revision is installed and its controller runs.
  ...['Provider', 'Function'].map((kind) => ({
    apiVersion: 'pkg.crossplane.io/v1', kind, current: `${conditionTrue('Installed')} && ${conditionTrue('Healthy')}`,
  })),
  // Crossplane serves the composite kind once Established, the claim kind once Offered.
  {
    apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition',
    current: `${conditionTrue('Established')} && (!has(spec.claimNames) || ${conditionTrue('Offered')})`,
  },
  // Gatekeeper sets `created` once the constraint's CRD exists; a Rego that does not compile is reported per pod.
  {
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate',
    current: 'status.?created.orValue(false)',
    failed: 'status.?byPod.orValue([]).exists(p, p.?errors.orValue([]).size() > 0)',
  },
  // The operator installs Knative's CRDs and controllers; Ready has no value until it first reconciles.
  ...['KnativeServing', 'KnativeEventing'].map((kind) => ({ apiVersion: 'operator.knative.dev/v1beta1', kind, current: conditionTrue('Ready') })),
  // virt-operator and the CDI operator set Available once the components their CR asks for run; they set
  // no Ready, and Degraded is also what they report while those components start.
  { apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', current: conditionTrue('Available') },
  { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'CDI', current: conditionTrue('Available') },
];

/** `<group>/<kind>` of an apiVersion and kind: Flux picks an expression by group and kind, whatever the version. */
function groupKind(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''}/${kind}`;
}

/** The health check expressions for the given kinds (say, the custom resources a chart renders), in the order of {@link FLUX_HEALTH_CHECK_EXPRS}. */
export function healthCheckExprsOfKinds(kinds: readonly { readonly apiVersion: string; readonly kind: string }[]): FluxHealthCheckExpr[] {
  const present = new Set(kinds.map((k) => groupKind(k.apiVersion, k.kind)));
  return FLUX_HEALTH_CHECK_EXPRS.filter((check) => present.has(groupKind(check.apiVersion, check.kind)));
}

/**
 * The health check expressions for the kinds of the objects below `root` (a cluster), in the order of
 * {@link FLUX_HEALTH_CHECK_EXPRS}: a cluster without such objects carries none.
 */
export function healthCheckExprsFor(root: IConstruct): FluxHealthCheckExpr[] {
  return healthCheckExprsOfKinds(root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject));
}
