import { FLUX_VALIDATED_RELEASE } from '../../platform/flux-release';
import { groupOf } from './served-kinds';

/** A kind whose upstream CRD the schema set leaves out, and why its objects go unchecked by schema. */
export interface SchemaGap {
  /** API group of the kind, e.g. `pkg.crossplane.io`. */
  readonly group: string;
  /** The kind, e.g. `DeploymentRuntimeConfig`. */
  readonly kind: string;
  /** Why the schema set has no CRD for it, for the README and for whoever adds it. */
  readonly reason: string;
  /**
   * The API versions the kind's CRD serves, where its release is known without the CRD file: an object of
   * another version is refused by the API server (no matches for kind), which the schema layer reports.
   * @default - not known: any version is taken
   */
  readonly servedAs?: readonly string[];
  /** Which CRD serves {@link servedAs}, for the message, e.g. `notification-controller's CRD in Flux v2.9.0`. */
  readonly servedBy?: string;
}

/** Which of Flux's CRDs serves a kind, in the release whose objects are checked. */
const fluxCrd = (controller: string) => `${controller} CRD in Flux ${FLUX_VALIDATED_RELEASE}`;

/**
 * Kinds whose CRDs the upstream schema set deliberately leaves out: kinds the library writes, whose own
 * constructs write them in a fixed, tested shape, and Flux's kinds of controllers whose CRDs were not
 * collected, whose served API versions are known from Flux's release. The schema layer does not warn of them
 * on every synthesis as it does of a kind nobody knows (a hand-written object of such a kind goes unchecked by
 * schema too, as the README says, but for its API version); a kind missing here is still listed in that warning.
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
    reason: "Flux's notification-controller CRDs are not in the schema set (only source-, kustomize- and helm-controller's); written by flux()'s notifications, whose options are checked instead, and by hand",
    // v1beta3 since Flux 2.2; Flux 2.9 removed v1beta2.
    servedAs: ['notification.toolkit.fluxcd.io/v1beta3'], servedBy: fluxCrd("notification-controller's"),
  })),
  {
    group: 'notification.toolkit.fluxcd.io', kind: 'Receiver',
    reason: "Flux's notification-controller CRDs are not in the schema set; written by hand, its references and Secret checked by the references layer",
    servedAs: ['notification.toolkit.fluxcd.io/v1'], servedBy: fluxCrd("notification-controller's"),
  },
  {
    group: 'upgrade.cattle.io', kind: 'Plan',
    reason: "system-upgrade-controller's CRD is not in the schema set; written by hand, each Plan read as the controller reads it by the Plan checks (upgrade-plan-rules.ts)",
    // The controller has served its one version since its first release.
    servedAs: ['upgrade.cattle.io/v1'], servedBy: "system-upgrade-controller's CRD",
  },
  // Flux 2.7 made these v1 (image-reflector- and image-automation-controller 1.0.0); Flux 2.9 (1.2.0) removed v1beta2.
  ...['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'].map((kind) => ({
    group: 'image.toolkit.fluxcd.io', kind,
    reason: "Flux's image automation CRDs are not in the schema set (flux bootstrap installs them only with --components-extra); written by hand, read by the image automation checks",
    servedAs: ['image.toolkit.fluxcd.io/v1'], servedBy: fluxCrd("the image automation controllers'"),
  })),
];

/** The gap of `apiVersion`'s group and `kind`, whatever the version; none for a kind the set should have. */
export function schemaGapOf(apiVersion: string, kind: string): SchemaGap | undefined {
  const group = groupOf(apiVersion);
  return SCHEMA_GAPS.find((gap) => gap.group === group && gap.kind === kind);
}
