import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { servicesOfNamespace } from './called-services';
import { externalIndexOf } from './external';
import { hiddenPodNamespaces } from './installed-namespaces';
import { namespaceOf, text } from './manifest';
import { indexOf } from './object-index';

// Checks that a selector picks some pod (a NetworkPolicy's, a PodDisruptionBudget's, a scheduling term's)
// judge only a namespace whose pods the output all shows: elsewhere the pod may come from an install or an
// operator the output does not spell out. One answer to that question, for all of them.

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

function groupOf(object: SynthesizedObject): string {
  const apiVersion = text(object.manifest.apiVersion) ?? '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

const shownByCluster = new WeakMap<SynthesizedCluster, (namespace: string) => boolean>();

/**
 * Whether the output shows every pod namespace `namespace` of `cluster` runs: no chart install, operator
 * resource or Knative install puts pods there (nor any object of an API group that may make pods), no component
 * of the cluster or anything outside the output fills it, and no Service of it is declared external. Worked
 * out once per cluster.
 */
export function podsShownIn(cluster: SynthesizedCluster): (namespace: string) => boolean {
  let shown = shownByCluster.get(cluster);
  if (shown === undefined) {
    const unseen = new Set(hiddenPodNamespaces(indexOf(cluster.objects)).map((hidden) => hidden.namespace));
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
    const answers = new Map<string, boolean>();
    shown = (namespace) => {
      let answer = answers.get(namespace);
      if (answer === undefined) {
        answer = !unseen.has(namespace) && servicesOfNamespace(cluster, namespace) !== undefined;
        answers.set(namespace, answer);
      }
      return answer;
    };
    shownByCluster.set(cluster, shown);
  }
  return shown;
}
