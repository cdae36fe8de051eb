import { groupOf } from './served-kinds';

/** A kind whose upstream CRD the schema set leaves out, and why its objects go unchecked by schema. */
export interface SchemaGap {
  /** API group of the kind, e.g. `pkg.crossplane.io`. */
  readonly group: string;
  /** The kind, e.g. `DeploymentRuntimeConfig`. */
  readonly kind: string;
  /** Why the schema set has no CRD for it, for the README and for whoever adds it. */
  readonly reason: string;
}

/**
 * Kinds the library writes whose CRDs the upstream schema set deliberately leaves out. The library's own
 * constructs write them in a fixed, tested shape, so the schema layer does not warn of them on every
 * synthesis as it does of a kind nobody knows (a hand-written object of such a kind goes unchecked by
 * schema too, as the README says); a kind missing here is still listed in that warning.
 */
export const SCHEMA_GAPS: readonly SchemaGap[] = [
  {
    group: 'pkg.crossplane.io', kind: 'DeploymentRuntimeConfig',
    reason: 'left out of the Crossplane CRD subset for its size (it embeds a whole Deployment schema); written by CrossplaneProviders and CrossplanePostgres only',
  },
  ...['KnativeServing', 'KnativeEventing'].map((kind) => ({
    group: 'operator.knative.dev', kind,
    reason: 'the Knative Operator\'s CRDs are not in the schema set (only Serving\'s and Eventing\'s own); written by Knative only',
  })),
  {
    group: 'networking.internal.knative.dev', kind: 'ClusterDomainClaim',
    reason: 'Knative Serving\'s networking CRDs are not in the schema set (only its serving.knative.dev kinds); written by App beside its DomainMappings only',
  },
  ...['Provider', 'Alert'].map((kind) => ({
    group: 'notification.toolkit.fluxcd.io', kind,
    reason: "Flux's notification-controller CRDs are not in the schema set (only source-, kustomize- and helm-controller's); written by flux()'s notifications only, whose options are checked instead",
  })),
];

/** The gap of `apiVersion`'s group and `kind`, whatever the version; none for a kind the set should have. */
export function schemaGapOf(apiVersion: string, kind: string): SchemaGap | undefined {
  const group = groupOf(apiVersion);
  return SCHEMA_GAPS.find((gap) => gap.group === group && gap.kind === kind);
}
