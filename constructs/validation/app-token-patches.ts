import type { IConstruct } from 'constructs';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';
import { objectFinding } from './manifest';
import { admittedPodTemplates } from './pod-spec';

const TOKENLESS_NOTE = `${NOTE_TYPE_PREFIX}tokenless-pods`;

/**
 * Notes that the workload `object` of an App renders pods without a service account token: the App was
 * given no `serviceAccount`, the typed option that mounts one (and says why).
 */
export function noteTokenlessPods(object: IConstruct): void {
  object.node.addMetadata(TOKENLESS_NOTE, true);
}

/**
 * An App's pods mount no service account token unless the App's `serviceAccount` says why they talk to the
 * Kubernetes API; a JSON patch that turns `automountServiceAccountToken` on behind it would give them the
 * namespace's default account token without a reason or rules. Only the objects an App rendered are judged:
 * the pods of platform controllers, which read the API, are theirs to configure.
 */
export function checkTokenPatches(cluster: SynthesizedCluster): Finding[] {
  const tokenless = new Set(cluster.notes.filter((note) => note.type === TOKENLESS_NOTE).map((note) => note.constructPath));
  if (tokenless.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const template of admittedPodTemplates(cluster.objects.filter((object) => tokenless.has(object.constructPath)))) {
    if (template.spec.automountServiceAccountToken === true) {
      findings.push(objectFinding(template.object, {
        layer: 'policy', severity: 'error', field: `${template.specPath}.automountServiceAccountToken`,
        message: "mounts a service account token, which the App's pods only get with its serviceAccount option",
        hint: "give the App serviceAccount: { reason: '…', rules: [...] } (its own account, with what it may do) and drop the patch",
      }));
    }
  }
  return findings;
}
