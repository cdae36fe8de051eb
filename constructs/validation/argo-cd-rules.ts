import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, text } from './manifest';
import { checkIgnoreDifferences } from './argo-cd-ignore-differences';

// What Argo CD's application controller refuses in an Application although the CRD schema allows it
// (util/argo/argo.go: ValidateDestination, ValidatePermissions): the Application gets an InvalidSpecError
// condition and is never synced.

/** The address of the cluster Argo CD runs in, its default destination. */
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The addresses of the API server in the cluster's own DNS, with any scheme, port or path. */
const IN_CLUSTER_SPELLINGS = /^(https?:\/\/)?kubernetes(\.default(\.svc(\.cluster\.local)?)?)?\.?(:\d+)?(\/.*)?$/i;

/** An Application's destination names its cluster one way: by `server` or by `name`, not both, and not neither. */
export function checkApplication(object: SynthesizedObject, add: AddFinding): void {
  checkIgnoreDifferences(fields(object.manifest.spec).ignoreDifferences, 'spec.ignoreDifferences', add);
  const destination = fields(fields(object.manifest.spec).destination);
  const server = text(destination.server) ?? '';
  const name = text(destination.name) ?? '';
  if (server !== '' && name !== '') {
    add('spec.destination.name', `the destination names its cluster twice, as server ${server} and as name ${JSON.stringify(name)}, so Argo CD refuses to sync the Application`,
      `keep one of them: server: ${server}, or name: ${name}`);
  } else if (server !== '' && server.replace(/\/+$/, '') !== IN_CLUSTER && IN_CLUSTER_SPELLINGS.test(server)) {
    // Argo CD finds a cluster by its server written as registered; the one it runs in is registered as IN_CLUSTER only.
    add('spec.destination.server', `server ${server} is the cluster Argo CD runs in written another way, and Argo CD knows that cluster only as ${IN_CLUSTER}: `
      + 'it finds no cluster of this address, so it refuses to sync the Application',
    `write server: ${IN_CLUSTER} (or name: in-cluster)`);
  } else if (server === '' && name === '') {
    add('spec.destination.server', 'the destination names no cluster, so Argo CD refuses to sync the Application',
      `give server: ${IN_CLUSTER} for the cluster Argo CD runs in, or the name of a cluster registered with Argo CD`);
  }
}

/** An ApplicationSet's template, whose Applications Argo CD reads as it reads one written out. */
export function checkApplicationSet(object: SynthesizedObject, add: AddFinding): void {
  checkIgnoreDifferences(fields(fields(fields(object.manifest.spec).template).spec).ignoreDifferences, 'spec.template.spec.ignoreDifferences', add);
}
