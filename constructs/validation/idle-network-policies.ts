import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { externalIndexOf } from './external';
import { hiddenPodNamespaces } from './installed-namespaces';
import { type Fields, fields, labelSelectorMatches, list, namespaceOf, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { governsWholeNamespace } from './namespace-policies';
import { podTemplatesIn, vmPodLabels } from './pod-spec';

/**
 * API groups whose objects make no pods: in a namespace that holds only these beside its workloads, the
 * output shows every pod the namespace will run. Any other custom resource may be an operator's (a
 * CloudNativePG Cluster, a MariaDB), whose pods no file shows.
 */
const GROUPS_WITHOUT_PODS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'autoscaling', 'bitnami.com', 'traefik.io',
  'gateway.networking.k8s.io', 'cert-manager.io', 'monitoring.coreos.com', 'external-secrets.io', 'secrets-store.csi.x-k8s.io',
  'k8s.cni.cncf.io', 'cilium.io', 'metallb.io', 'kubevirt.io', 'cdi.kubevirt.io',
]);

/** Labels a controller puts on the pods it makes, which their template does not carry: a selector of them is not judged. */
const CONTROLLER_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index',
  'job-name', 'controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index',
]);

function namesControllerLabel(selector: Fields): boolean {
  return [...Object.keys(fields(selector.matchLabels)), ...list(selector.matchExpressions).map((e) => text(e.key) ?? '')].some((key) => CONTROLLER_LABELS.has(key));
}

/** How to select pods that exist: by the `app.kubernetes.io/name` their templates carry, or their labels. */
function selectorHint(templates: ReadonlyArray<{ readonly labels: Record<string, string> }>): string {
  const names = [...new Set(templates.map((template) => template.labels['app.kubernetes.io/name']).filter((name): name is string => name !== undefined))].sort();
  return names.length > 0
    ? `select the pods it is for by the labels their template has (app.kubernetes.io/name: ${names.join(' or ')})`
    : `make the selector match the labels of the pod template it is for (${templates.slice(0, 3).map((t) => JSON.stringify(t.labels)).join(', ')})`;
}

function groupOf(object: SynthesizedObject): string {
  const apiVersion = text(object.manifest.apiVersion) ?? '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Hand-written NetworkPolicies whose `podSelector` selects no pod of a namespace whose pods the output all
 * shows (made by the output, with no chart's, operator's or external Service's pods): a policy left behind
 * by an app renamed (its pods now carry another `app.kubernetes.io/name`) or moved, or written with the labels
 * a Helm chart gives (`app: sonarr`), which governs nothing, so the traffic it was to let in is refused by the
 * app's own policy. One error on `spec.podSelector`, as a Service that selects no pod is one on its selector.
 * A rule's peer of the policy's own namespace (no `namespaceSelector`) that selects no pod there admits, or
 * lets out to, no one through that peer: a warning on the peer's `podSelector`.
 */
export function idleNetworkPolicies(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const policies = index.of('NetworkPolicy');
  if (policies.length === 0) {
    return [];
  }
  const unseen = new Set(hiddenPodNamespaces(index).map((hidden) => hidden.namespace));
  // A namespace made outside the output (kube-system, a preinstalled component's), and one with a Service declared
  // external (one a ServiceRoute fronts, made by a chart or by hand), hold pods the output does not show.
  const external = externalIndexOf(cluster);
  external.namespaces.forEach((namespace) => unseen.add(namespace));
  external.services.forEach((service) => unseen.add(service.slice(0, service.indexOf('/'))));
  for (const object of cluster.objects) {
    if (!GROUPS_WITHOUT_PODS.has(groupOf(object))) {
      unseen.add(namespaceOf(object));
    }
  }
  const vms = vmPodLabels(cluster.objects);
  const findings: Finding[] = [];
  for (const policy of policies) {
    const namespace = namespaceOf(policy);
    const templates = podTemplatesIn(cluster.objects, namespace);
    if (unseen.has(namespace) || templates.length === 0) {
      continue;
    }
    const selectsNone = (selector: Fields) => !namesControllerLabel(selector)
      && !templates.some((template) => labelSelectorMatches(selector, template.labels))
      && !vms.some((vm) => vm.namespace === namespace && labelSelectorMatches(selector, vm.labels));
    const spec = fields(policy.manifest.spec);
    const selector = fields(spec.podSelector);
    // A policy of every pod of its namespace (`podSelector: {}`) selects them all, however many there are.
    if (!governsWholeNamespace(policy) && selectsNone(selector)) {
      findings.push(objectFinding(policy, {
        layer: 'policy', severity: 'error', field: 'spec.podSelector',
        message: `selects no pod of namespace "${namespace}" (${JSON.stringify(selector)}), so it governs nothing: the traffic it lets in stays refused`,
        hint: `${selectorHint(templates)}, or delete the policy if its app is gone`,
      }));
    }
    for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
      list(spec[direction]).forEach((rule, i) => list(rule[peersKey]).forEach((peer, j) => {
        const peerSelector = fields(peer.podSelector);
        if (peer.podSelector !== undefined && peer.namespaceSelector === undefined && Object.keys(peerSelector).length > 0 && selectsNone(peerSelector)) {
          findings.push(objectFinding(policy, {
            layer: 'policy', severity: 'warning', field: `spec.${direction}[${i}].${peersKey}[${j}].podSelector`,
            message: `matches no pod of namespace "${namespace}" (${JSON.stringify(peer.podSelector)}): the rule ${direction === 'ingress' ? 'admits' : 'lets out to'} no one through this peer`,
            hint: selectorHint(templates),
          }));
        }
      }));
    }
  }
  return findings;
}
