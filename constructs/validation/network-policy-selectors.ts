import type { SynthesizedCluster } from '../synth/collect';
import { outputShowsPodsOf } from './called-services';
import type { Finding } from './finding';
import { fields, type Fields, labelSelectorMatches, list, namespaceOf, objectFinding } from './manifest';
import { podTemplatesIn } from './pod-spec';

// A NetworkPolicy written by hand names its pods by label. Written with the labels a Helm chart or a compose
// file gives (`app: sonarr`) where the pods carry others (`app.kubernetes.io/name: sonarr`), it selects none:
// the pods it was written for keep no policy (an app exempt from its own for it is then open to every pod),
// and a rule's peer admits no one. The API server takes it, and nothing says so.

/** The labels a selector of `namespace` could have meant: those of each of its pod templates, at most three. */
function labelsHint(labelSets: ReadonlyArray<Record<string, string>>, namespace: string): string {
  const shown = labelSets.slice(0, 3).map((labels) => `{ ${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  return `select the pods by labels they carry; the pods of namespace ${namespace} carry ${shown.join(', ')}${labelSets.length > 3 ? ', …' : ''}`;
}

/**
 * NetworkPolicies whose `spec.podSelector`, or a rule peer's `podSelector` of the policy's own namespace (no
 * `namespaceSelector`), is not empty and matches no pod template of a namespace whose pods the output shows:
 * a warning on that selector, with the labels the namespace's pods carry as the hint.
 */
export function checkNetworkPolicySelectors(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const shown = new Map<string, boolean>();
  for (const policy of cluster.objects) {
    if (policy.manifest.kind !== 'NetworkPolicy') {
      continue;
    }
    const namespace = namespaceOf(policy);
    if (!shown.has(namespace)) {
      shown.set(namespace, outputShowsPodsOf(cluster, namespace));
    }
    const templates = podTemplatesIn(cluster.objects, namespace);
    if (!shown.get(namespace) || templates.length === 0) {
      continue;
    }
    const selectsNone = (selector: Fields) => Object.keys(selector).length > 0
      && !templates.some((template) => labelSelectorMatches(selector, template.labels));
    const spec = fields(policy.manifest.spec);
    const hint = labelsHint(templates.map((t) => t.labels), namespace);
    if (spec.podSelector !== undefined && selectsNone(fields(spec.podSelector))) {
      findings.push(objectFinding(policy, {
        layer: 'references', severity: 'warning', field: 'spec.podSelector',
        message: `selects no pod of namespace "${namespace}" (${JSON.stringify(spec.podSelector)}): the pods it was written for keep no policy of it`,
        hint,
      }));
    }
    for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
      list(spec[direction]).forEach((rule, i) => list(rule[peersKey]).forEach((peer, j) => {
        if (peer.podSelector !== undefined && peer.namespaceSelector === undefined && selectsNone(fields(peer.podSelector))) {
          findings.push(objectFinding(policy, {
            layer: 'references', severity: 'warning', field: `spec.${direction}[${i}].${peersKey}[${j}].podSelector`,
            message: `matches no pod of namespace "${namespace}" (${JSON.stringify(peer.podSelector)}): the rule ${direction === 'ingress' ? 'admits' : 'lets out to'} no one through this peer`,
            hint,
          }));
        }
      }));
    }
  }
  return findings;
}
