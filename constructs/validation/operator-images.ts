import type { SynthesizedCluster } from '../synth/collect';
import { FLOATING_IMAGE_ANNOTATION } from '../app/security';
import type { Finding } from './finding';
import { fields, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';

// An operator runs the image its custom resource names on every instance it manages, and rolls them all onto it when
// it changes: a moving tag there (`quay.io/ceph/ceph:latest`, `…/postgresql:16`) moves every monitor, OSD or database
// instance onto whatever build the registry points the tag at next, at the operator's next reconcile, as a pod's
// moving tag would at its next start. Pods' images are checked where the pods are; these fields are the operators'.

/** A field of an operator's custom resource that names the image of the instances it runs. */
interface OperatorImageField {
  readonly group: string;
  readonly kind: string;
  readonly path: readonly string[];
}

/** The image fields of the operators' resources a lab writes by hand. */
const OPERATOR_IMAGE_FIELDS: readonly OperatorImageField[] = [
  { group: 'ceph.rook.io', kind: 'CephCluster', path: ['spec', 'cephVersion', 'image'] },
  { group: 'postgresql.cnpg.io', kind: 'Cluster', path: ['spec', 'imageName'] },
  { group: 'k8s.mariadb.com', kind: 'MariaDB', path: ['spec', 'image'] },
  { group: 'dragonflydb.io', kind: 'Dragonfly', path: ['spec', 'image'] },
];

/**
 * Each image an operator's resource names that `imageProblem` (the pods' rule for moving tags) finds floating: an
 * error on its field, whose hint pins it or states why with the exemption's annotation on the resource. A resource
 * that carries that annotation is left alone.
 */
export function operatorImageFindings(cluster: SynthesizedCluster, imageProblem: (image: string) => { message: string; hint: string } | undefined): Finding[] {
  const index = indexOf(cluster.objects);
  return OPERATOR_IMAGE_FIELDS.flatMap((field) => index.of(field.kind).flatMap((object) => {
    if (text(object.manifest.apiVersion)?.split('/')[0] !== field.group || stringMap(fields(object.manifest.metadata).annotations)[FLOATING_IMAGE_ANNOTATION] !== undefined) {
      return [];
    }
    const image = text(field.path.reduce<unknown>((value, key) => fields(value)[key], object.manifest));
    const problem = image === undefined ? undefined : imageProblem(image);
    return problem === undefined ? [] : [objectFinding(object, {
      layer: 'policy', severity: 'error', field: field.path.join('.'),
      message: `${problem.message}: the operator moves every instance it runs onto each new build of it`,
      hint: `pin a version tag (e.g. :1.2.3) or a digest (@sha256:...), or state why it follows the moving tag in the ${object.manifest.kind}'s annotation ${FLOATING_IMAGE_ANNOTATION}: '…'`,
    })];
  }));
}
