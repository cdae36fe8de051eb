import { AddFinding, text } from './manifest';
import { metadataPathOf } from './pod-confinement';
import { PodTemplate } from './pod-spec';

/** The annotation by which a ReplicaSet's scale-down picks the pods it removes first (the lowest cost). */
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
/** The annotation the kubelet gives the API server's copy of a static pod, which runs on the node that made it. */
const MIRROR = 'kubernetes.io/config.mirror';

/**
 * Why a pod deletion cost is none the API server reads (GetDeletionCostFromPodAnnotations): a whole number of
 * int32, written without a plus sign or leading zeros; undefined when it is one.
 */
export function deletionCostProblem(value: string): string | undefined {
  // Go's ParseInt takes a sign and leading zeros; the API server refuses a plus sign and a leading zero first.
  if (!/^(0|[1-9][0-9]*|-[0-9]+)$/.test(value)) {
    return /^(\+|0)[0-9]/.test(value) ? 'is written with a plus sign or a leading zero' : 'is no whole number';
  }
  const cost = Number(value);
  return cost < -(2 ** 31) || cost > 2 ** 31 - 1 ? 'is outside the 32-bit range (-2147483648 to 2147483647)' : undefined;
}

/**
 * The annotations of a pod template that the API server reads itself (ValidatePodSpecificAnnotations): a pod
 * deletion cost that is a 32-bit whole number, and the mirror-pod annotation only beside the node the pod is
 * bound to. Pure: reports through `add`.
 */
export function checkPodSpecificAnnotations(template: PodTemplate, add: AddFinding): void {
  const annotations = metadataPathOf(template.specPath) + '.annotations';
  const cost = template.annotations[DELETION_COST];
  const problem = cost === undefined ? undefined : deletionCostProblem(cost);
  if (problem) {
    add(`${annotations}.${DELETION_COST}`, `pod deletion cost ${JSON.stringify(cost)} ${problem}; the API server refuses the pod ("must be a 32bit integer")`,
      'write a whole number without a plus sign or leading zeros, e.g. "-100" for pods removed first or "100" for pods kept longest');
  }
  const node = text(template.spec.nodeName);
  if (template.annotations[MIRROR] !== undefined && (node === undefined || node === '')) {
    add(`${annotations}.${MIRROR}`, `the annotation ${MIRROR} marks the API server's copy of a static pod, which needs spec.nodeName; the API server refuses it without one ("must set spec.nodeName if mirror pod annotation is set")`,
      'drop the annotation (the kubelet sets it on the copies of the static pods it runs), as a pod exported from a cluster carries it');
  }
}
