import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, text } from './manifest';

// What Argo CD's application controller refuses in an Application although the CRD schema allows it
// (util/argo/argo.go: ValidateDestination, ValidatePermissions): the Application gets an InvalidSpecError
// condition and is never synced.

/** The address of the cluster Argo CD runs in, its default destination. */
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** An Application's destination names its cluster one way: by `server` or by `name`, not both, and not neither. */
export function checkApplication(object: SynthesizedObject, add: AddFinding): void {
  const destination = fields(fields(object.manifest.spec).destination);
  const server = text(destination.server) ?? '';
  const name = text(destination.name) ?? '';
  if (server !== '' && name !== '') {
    add('spec.destination.name', `the destination names its cluster twice, as server ${server} and as name ${JSON.stringify(name)}, so Argo CD refuses to sync the Application`,
      `keep one of them: server: ${server}, or name: ${name}`);
  } else if (server === '' && name === '') {
    add('spec.destination.server', 'the destination names no cluster, so Argo CD refuses to sync the Application',
      `give server: ${IN_CLUSTER} for the cluster Argo CD runs in, or the name of a cluster registered with Argo CD`);
  }
}
