import { AddFinding, fields, Fields, list } from './manifest';
import { containersOf, PodTemplate } from './pod-spec';
import { KUBERNETES_VERSION } from './schema/sources';

/** The Kubernetes release the output is validated for, e.g. `1.30`. */
const RELEASE = KUBERNETES_VERSION.replace(/^v|\.0$/g, '');

/**
 * A field of Kubernetes 1.30's schema whose feature gate is off by default there: the API server drops it
 * from what it stores (dropDisabledFields), or resets it to its default, rather than refusing it, so the object
 * is applied without what the field asked for, and a GitOps engine sees it differ from Git at every sync.
 */
export interface GatedField {
  /** The feature gate, e.g. `UserNamespacesSupport`. */
  readonly gate: string;
  /** Its stage in 1.30, and the release that turns it on by default. */
  readonly stage: string;
  /** What the field asked for, which the pods then run without. */
  readonly lost: string;
  /** The value the API server writes in the field's place, where it keeps the field. @default - it drops the field */
  readonly resetTo?: string;
}

/** A pod's `hostUsers` (user namespaces): beta in 1.30 but off until 1.33. */
const USER_NAMESPACES: GatedField = { gate: 'UserNamespacesSupport', stage: 'beta and off by default, on from 1.33', lost: 'the pod runs in the host\'s user namespace, its root the host\'s root' };
const AFFINITY_LABEL_KEYS: GatedField = { gate: 'MatchLabelKeysInPodAffinity', stage: 'alpha, on from 1.31', lost: 'the term matches pods of every revision, not only its own' };
/** A mount's `recursiveReadOnly`: alpha in 1.30 (checked with the mount's other fields). */
export const RECURSIVE_READ_ONLY: GatedField = { gate: 'RecursiveReadOnlyMounts', stage: 'alpha, on from 1.31', lost: 'the mounts below the read-only mount stay writable' };
const IN_PLACE_RESIZE: GatedField = { gate: 'InPlacePodVerticalScaling', stage: 'alpha, on from 1.33', lost: 'a change of resources restarts nothing in place, as the policy asked' };
const RESOURCE_CLAIMS: GatedField = { gate: 'DynamicResourceAllocation', stage: 'alpha, on from 1.34', lost: 'the pod gets none of the devices it claims' };
const VOLUME_ATTRIBUTES_CLASS: GatedField = { gate: 'VolumeAttributesClass', stage: 'alpha, and off by default until 1.34', lost: 'the volume is made and kept without the attributes of that class' };
const JOB_MANAGED_BY: GatedField = { gate: 'JobManagedBy', stage: 'alpha, on from 1.32', lost: "Kubernetes' own Job controller runs the Job, not the controller it names" };
const JOB_SUCCESS_POLICY: GatedField = { gate: 'JobSuccessPolicy', stage: 'alpha, on from 1.31', lost: 'the Job succeeds only once all its completions do, not when a rule of the policy is met' };
const STATEFUL_SET_MAX_UNAVAILABLE: GatedField = { gate: 'MaxUnavailableStatefulSet', stage: 'alpha, on from 1.35', lost: 'the rollout replaces one pod at a time' };
/** A container's `procMount`, which the API server resets to Default rather than drop (a stored object kept it). */
const PROC_MOUNT_TYPE: GatedField = { gate: 'ProcMountType', stage: 'alpha, on from 1.33', lost: "the container's /proc stays masked", resetTo: 'Default' };
const TRUST_BUNDLE_PROJECTION: GatedField = { gate: 'ClusterTrustBundleProjection', stage: 'alpha, and still off by default as a beta from 1.33', lost: 'the volume holds no file of the trust bundle' };
/** A Service's `trafficDistribution`: alpha in 1.30, on from 1.31. */
export const TRAFFIC_DISTRIBUTION: GatedField = { gate: 'ServiceTrafficDistribution', stage: 'alpha, on from 1.31', lost: 'traffic goes to every endpoint, near or not' };

/** A CustomResourceDefinition version's `selectableFields`: alpha in 1.30, on from 1.31. */
export const CUSTOM_RESOURCE_FIELD_SELECTORS: GatedField = {
  gate: 'CustomResourceFieldSelectors', stage: 'alpha, on from 1.31', lost: 'the API server refuses a field selector on those fields, as on any field of a custom resource but its name and namespace',
};

/** The message and hint of a gated field set at `field`. Pure. */
export function gatedFieldFinding(field: string, gated: GatedField): { message: string; hint: string } {
  const name = field.replace(/^.*\./, '').replace(/\[\d+\]$/, '');
  return {
    message: `Kubernetes ${RELEASE} ${gated.resetTo === undefined ? `drops ${name}` : `resets ${name} to ${gated.resetTo}`} unless its API server runs with the feature gate ${gated.gate} (${gated.stage}): `
      + `${gated.lost}, and the engine finds the object changed at every sync`,
    hint: `leave ${name} out, as Kubernetes ${RELEASE}, the release the output is written for, drops it`,
  };
}

/** Reports the gated field at `field`. */
function reportGated(field: string, gated: GatedField, add: AddFinding): void {
  const { message, hint } = gatedFieldFinding(field, gated);
  add(field, message, hint);
}

/** Reports `key` of `spec` (at `path`) when set: a field of `gated`. */
function checkGatedKey(spec: Fields, key: string, path: string, gated: GatedField, add: AddFinding): void {
  if (spec[key] !== undefined && spec[key] !== null) {
    reportGated(`${path}.${key}`, gated, add);
  }
}

/**
 * Reports the `volumeAttributesClassName` of a claim or a PersistentVolume, which Kubernetes 1.30 drops from
 * both. `spec` is the claim's or the volume's spec, at `path`.
 */
export function checkGatedVolumeFields(spec: Fields, path: string, add: AddFinding): void {
  checkGatedKey(spec, 'volumeAttributesClassName', path, VOLUME_ATTRIBUTES_CLASS, add);
}

/** Reports a Job's `managedBy` and `successPolicy`, which Kubernetes 1.30 drops. `spec` is the Job's spec, at `path`. */
export function checkGatedJobFields(spec: Fields, path: string, add: AddFinding): void {
  checkGatedKey(spec, 'managedBy', path, JOB_MANAGED_BY, add);
  checkGatedKey(spec, 'successPolicy', path, JOB_SUCCESS_POLICY, add);
}

/** Reports a StatefulSet's `maxUnavailable`, which Kubernetes 1.30 drops. `rolling` is its rolling update, at `path`. */
export function checkGatedStatefulSetFields(rolling: Fields, path: string, add: AddFinding): void {
  checkGatedKey(rolling, 'maxUnavailable', path, STATEFUL_SET_MAX_UNAVAILABLE, add);
}

/** The pod (anti-)affinity terms of a pod spec, with their field paths. Pure. */
function affinityTerms(spec: Fields, path: string): Array<[Fields, string]> {
  const affinity = fields(spec.affinity);
  return (['podAffinity', 'podAntiAffinity'] as const).flatMap((kind) => {
    const at = `${path}.affinity.${kind}`;
    const rules = fields(affinity[kind]);
    return [
      ...list(rules.requiredDuringSchedulingIgnoredDuringExecution).map((term, i): [Fields, string] => [term, `${at}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`]),
      ...list(rules.preferredDuringSchedulingIgnoredDuringExecution).map((term, i): [Fields, string] => [fields(term.podAffinityTerm), `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`]),
    ];
  });
}

/** The trust-bundle sources of the pod's projected volumes, with their field paths. Pure. */
function trustBundleSources(spec: Fields, path: string): string[] {
  return list(spec.volumes).flatMap((volume, v) => list(fields(volume.projected).sources)
    .map((source, s) => (source.clusterTrustBundle === undefined || source.clusterTrustBundle === null ? undefined : `${path}.volumes[${v}].projected.sources[${s}].clusterTrustBundle`))
    .filter((at): at is string => at !== undefined));
}

/**
 * Reports the fields of a pod template that Kubernetes 1.30 drops because their feature gate is off by
 * default there (user namespaces, pod affinity label keys, in-place resize, resource claims of the pod and
 * of its containers, trust bundles in projected volumes, a `procMount` other than Default, which it resets);
 * a mount's `recursiveReadOnly` is checked with the mount. Pure: reports through `add`.
 */
export function checkGatedPodFields(template: PodTemplate, add: AddFinding): void {
  const { spec, specPath } = template;
  checkGatedKey(spec, 'hostUsers', specPath, USER_NAMESPACES, add);
  if (list(spec.resourceClaims).length > 0) {
    reportGated(`${specPath}.resourceClaims`, RESOURCE_CLAIMS, add);
  }
  for (const [term, at] of affinityTerms(spec, specPath)) {
    for (const key of ['matchLabelKeys', 'mismatchLabelKeys'] as const) {
      if (list(term[key]).length > 0) {
        reportGated(`${at}.${key}`, AFFINITY_LABEL_KEYS, add);
      }
    }
  }
  for (const at of trustBundleSources(spec, specPath)) {
    reportGated(at, TRUST_BUNDLE_PROJECTION, add);
  }
  for (const { container, path } of containersOf(template)) {
    if (list(container.resizePolicy).length > 0) {
      reportGated(`${path}.resizePolicy`, IN_PLACE_RESIZE, add);
    }
    if (list(fields(container.resources).claims).length > 0) {
      reportGated(`${path}.resources.claims`, RESOURCE_CLAIMS, add);
    }
    const procMount = fields(container.securityContext).procMount;
    if (typeof procMount === 'string' && procMount !== PROC_MOUNT_TYPE.resetTo) {
      reportGated(`${path}.securityContext.procMount`, PROC_MOUNT_TYPE, add);
    }
  }
}
