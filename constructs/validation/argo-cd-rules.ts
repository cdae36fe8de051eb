import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, text } from './manifest';
import { checkIgnoreDifferences } from './argo-cd-ignore-differences';
import { goDurationText, parsedGoDuration, spokenDurationMilliseconds } from './go-duration';

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
  checkRetryBackoff(fields(object.manifest.spec), 'spec', add);
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
  const template = fields(fields(fields(object.manifest.spec).template).spec);
  checkIgnoreDifferences(template.ignoreDifferences, 'spec.template.spec.ignoreDifferences', add);
  checkRetryBackoff(template, 'spec.template.spec', add);
}

/**
 * The durations of a sync's retries (`syncPolicy.retry.backoff.duration` and `maxDuration`), which the schema
 * takes as any text: Argo CD reads a bare number as seconds and anything else with Go's time.ParseDuration, and a
 * duration it cannot read (`5 seconds`, `1d`) fails every retry of the sync with that parse error.
 */
function checkRetryBackoff(spec: Record<string, unknown>, at: string, add: AddFinding): void {
  const backoff = fields(fields(fields(spec.syncPolicy).retry).backoff);
  for (const key of ['duration', 'maxDuration'] as const) {
    const value = text(backoff[key]);
    if (value === undefined || /^\d+$/.test(value) || parsedGoDuration(value) !== undefined) {
      continue;
    }
    const meant = spokenDurationMilliseconds(value);
    add(`${at}.syncPolicy.retry.backoff.${key}`, `${key} ${JSON.stringify(value)} is no duration Argo CD reads (a number of seconds, or Go's 30s, 5m, 1h), so every retry of the sync fails to parse it`,
      meant !== undefined ? `write ${key}: '${goDurationText(meant)}'` : `write it in hours, minutes and seconds, e.g. ${key}: '${key === 'duration' ? '5s' : '3m'}'`);
  }
}
