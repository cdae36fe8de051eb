import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';
import { fields, objectFinding } from './manifest';
import { podTemplates } from './pod-spec';
import { schedulableHosts } from './scheduling';

const PLACED_NOTE = `${NOTE_TYPE_PREFIX}placed-pods`;

/**
 * Notes that the workload `object` of an App renders pods its `placement` keeps to the nodes `nodeNames`
 * (a node selector or a required node affinity), so that the rendered pods can be held to them.
 */
export function notePlacedPods(object: IConstruct, nodeNames: readonly string[]): void {
  object.node.addMetadata(PLACED_NOTE, nodeNames);
}

/**
 * An App's pods run where its `placement` says. A JSON patch that sets the pod's `affinity` or `nodeSelector`
 * as a whole (`JsonPatch.add('/spec/template/spec/affinity', { podAntiAffinity })`, meant to add a term)
 * replaces what the placement rendered there, and the pods may then land on hosts the placement ruled out:
 * an arm64-only image on an amd64 node, an app away from its disk. Pure.
 */
export function checkPlacementPatches(cluster: SynthesizedCluster): Finding[] {
  const placed = new Map(cluster.notes.filter((note) => note.type === PLACED_NOTE).map((note) => [note.constructPath, note.data as readonly string[]]));
  if (placed.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects.filter((object) => placed.has(object.constructPath)))) {
    const allowed = placed.get(template.object.constructPath)!;
    const { hosts, blocker } = schedulableHosts(template, cluster.chart);
    const outside = hosts.filter((h) => !allowed.includes(h.nodeName));
    if (blocker || outside.length === 0) {
      continue;
    }
    const affinity = fields(template.spec.affinity);
    const field = template.spec.affinity !== undefined && fields(affinity.nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution === undefined ? 'affinity' : 'nodeSelector';
    findings.push(objectFinding(template.object, {
      layer: 'inventory', severity: 'error', field: `${template.specPath}.${field}`,
      message: `the pods may run on ${outside.map((h) => h.name).join(', ')}, which the app's placement rules out (it allows ${allowed.join(', ')}): `
        + `a JSON patch replaced the ${field} the placement rendered`,
      hint: field === 'affinity'
        ? "patch only the part you add, which keeps the placement's node affinity: JsonPatch.add('/spec/template/spec/affinity/podAntiAffinity', { … })"
        : "patch only the key you add, which keeps the placement's: JsonPatch.add('/spec/template/spec/nodeSelector/<key>', '<value>')",
    }));
  }
  return findings;
}
