import { load } from 'js-yaml';
import { HOMEPAGE_IMAGE } from '../app/household-app-images';
import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// Homepage's kubernetes.yaml with `mode: cluster` loads the pod's own ServiceAccount token (client-node's
// loadFromCluster) to show the cluster and discover the services it links to. A pod that has no token (an App
// without `serviceAccount`, whose pods run without one) or runs as its namespace's `default` account, which may read
// nothing, shows an empty Kubernetes widget and no discovered services: the API refuses each call.

/** The `mode` of Homepage's kubernetes.yaml text `file`, or undefined where it is not YAML or sets none. Pure. */
export function homepageKubernetesMode(file: string): string | undefined {
  try {
    const mode = fields(load(file)).mode;
    return typeof mode === 'string' ? mode : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Homepage pods whose mounted kubernetes.yaml reads the cluster from inside (`mode: cluster`) while they have no
 * ServiceAccount token of their own: one error per pod template, on its service account.
 */
export function checkHomepageKubernetes(cluster: SynthesizedCluster): Finding[] {
  const told = new Set<string>();
  return imageConfigFiles(cluster, HOMEPAGE_IMAGE).flatMap(({ template, configMap, key, file }): Finding[] => {
    if (key !== 'kubernetes.yaml' || homepageKubernetesMode(file) !== 'cluster' || told.has(template.object.constructPath)) {
      return [];
    }
    const account = text(template.spec.serviceAccountName) ?? 'default';
    const noToken = template.spec.automountServiceAccountToken === false;
    if (!noToken && account !== 'default') {
      return [];
    }
    told.add(template.object.constructPath);
    return [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${template.specPath}.serviceAccountName`,
      message: `Homepage reads the cluster from inside (mode: cluster in ConfigMap ${text(fields(configMap.manifest.metadata).name) ?? ''}'s ${key}), but its pods ${noToken ? 'get no ServiceAccount token' : `run as the namespace's default ServiceAccount, which may read nothing`}: the Kubernetes widget stays empty and no service is discovered`,
      hint: "give the app a ServiceAccount that reads what Homepage shows, as its docs list it: serviceAccount: { reason: 'shows the cluster and discovers its services', clusterRules: "
        + "[{ apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list'] }, { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list'] }, "
        + "{ apiGroups: ['traefik.io'], resources: ['ingressroutes'], verbs: ['get', 'list'] }, { apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'], verbs: ['get', 'list'] }] }",
    })];
  });
}
