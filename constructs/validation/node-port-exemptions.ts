import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, stringMap } from './manifest';
import { podTemplatesSelectedBy } from './pod-spec';

const NODE_PORT_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.nodePort}`;

function declares(annotations: Record<string, string>): boolean {
  return (annotations[NODE_PORT_ANNOTATION] ?? '').trim() !== '';
}

/**
 * A NodePort Service opens its ports on every node, outside the cluster's network policies: it needs the
 * `nodePort` exemption, however it was written. An App's `exemptions.nodePort` records it on the pods its
 * Service selects; a hand-written Service (or an App's Service patched to NodePort) declares it with the
 * same annotation, on itself or on a pod template it selects.
 */
export function checkNodePortExemptions(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const { manifest } = object;
    if (manifest.kind !== 'Service' || manifest.apiVersion !== 'v1') {
      continue;
    }
    const spec = fields(manifest.spec);
    if (spec.type !== 'NodePort' || declares(stringMap(fields(manifest.metadata).annotations))) {
      continue;
    }
    const selector = stringMap(spec.selector);
    const selected = Object.keys(selector).length === 0 ? [] : podTemplatesSelectedBy(cluster.objects, namespaceOf(object), selector);
    if (selected.some((template) => declares(template.annotations))) {
      continue;
    }
    findings.push(objectFinding(object, {
      layer: 'policy', severity: 'error', field: 'spec.type',
      message: 'opens its ports on every node (type NodePort), and no exemption declares it',
      hint: `state why: exemptions: { nodePort: '…' } on the App whose pods it reaches, or the annotation ${NODE_PORT_ANNOTATION}: '…' on the Service; `
        + 'or reach the pods through a route or a LoadBalancer Service instead',
    }));
  }
  return findings;
}
