import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { namesAccount } from './rbac-groups';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';

// A scraper or log shipper whose configuration discovers its targets through the Kubernetes API (Prometheus'
// `kubernetes_sd_configs`, as vmagent and Promtail read it too; Alloy's `discovery.kubernetes` and the components that
// watch the API) calls that API with its pod's ServiceAccount token. A pod that has none (an App without
// `serviceAccount`) or runs as its namespace's `default` account, which nothing lets read pods or nodes, discovers no
// target: it scrapes or ships nothing, and says so only in its own log.

/** The images of scrapers and log shippers that read such a configuration from a mounted file. */
const DISCOVERING_IMAGE = /^(((docker\.io|quay\.io)\/)?victoriametrics\/vmagent|((docker\.io\/)?prom|quay\.io\/prometheus)\/prometheus|(docker\.io\/)?grafana\/(alloy|agent|promtail))(?=[:@]|$)/;

/** A YAML configuration's Kubernetes discovery (`kubernetes_sd_configs:`), as Prometheus, vmagent and Promtail read it. */
const YAML_DISCOVERY = /^[ \t]*(-[ \t]+)?kubernetes_sd_configs[ \t]*:/m;
/** An Alloy block that watches the Kubernetes API. */
const ALLOY_DISCOVERY = /^[ \t]*(discovery\.kubernetes|loki\.source\.kubernetes(_events)?|prometheus\.operator\.[a-z_]+)[ \t]+"[^"]*"[ \t]*\{/m;
/** A discovery that names its API server or a kubeconfig, which may bring credentials of its own. */
const OWN_CREDENTIALS = /^[ \t]*(-[ \t]+)?(api_server|kubeconfig_file)[ \t]*[:=]/m;

/** The API resources each discovery role lists and watches, as Prometheus' and Alloy's docs give them. */
const ROLE_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  node: ['nodes'], pod: ['pods'], service: ['services'], endpoints: ['endpoints', 'services', 'pods'], endpointslice: ['services', 'pods'], ingress: [],
};

/** What a file discovers through the Kubernetes API, or undefined where it discovers nothing there or brings its own credentials. Pure. */
export function kubernetesDiscovery(file: string): { readonly setting: string; readonly roles: readonly string[] } | undefined {
  const setting = YAML_DISCOVERY.test(file) ? 'kubernetes_sd_configs' : ALLOY_DISCOVERY.exec(file)?.[1];
  if (setting === undefined || OWN_CREDENTIALS.test(file)) {
    return undefined;
  }
  const roles = [...file.matchAll(/^[ \t]*(?:-[ \t]+)?role[ \t]*(?::|=)[ \t]*["']?([a-z]+)["']?/gm)].map((m) => m[1]).filter((role) => role in ROLE_RESOURCES);
  return { setting, roles: [...new Set(roles)] };
}

/** The cluster rules the roles need, written as an App's `serviceAccount.clusterRules`. Pure. */
function rulesFor(roles: readonly string[]): string {
  const core = [...new Set((roles.length === 0 ? ['pod'] : roles).flatMap((role) => ROLE_RESOURCES[role]))];
  const rules = [
    ...(core.length === 0 ? [] : [`{ apiGroups: [''], resources: [${core.map((r) => `'${r}'`).join(', ')}], verbs: ['get', 'list', 'watch'] }`]),
    ...(roles.includes('endpointslice') ? ["{ apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] }"] : []),
    ...(roles.includes('ingress') ? ["{ apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] }"] : []),
  ];
  return `[${rules.join(', ')}]`;
}

/** Whether a RoleBinding or ClusterRoleBinding of the output binds ServiceAccount `account` of `namespace`. */
function boundAccount(cluster: SynthesizedCluster, namespace: string, account: string): boolean {
  return cluster.objects.some((object) => (object.manifest.kind === 'RoleBinding' || object.manifest.kind === 'ClusterRoleBinding')
    && list(object.manifest.subjects).some((subject) => namesAccount(subject, account, namespace, namespaceOf(object))));
}

/**
 * Pods of a scraper or log shipper whose mounted configuration discovers its targets through the Kubernetes API
 * while they have no ServiceAccount token, or run as their namespace's `default` account that no binding of the
 * output lets read anything: one error per pod template, on its service account, whose hint grants what the
 * configuration's roles list.
 */
export function checkScrapeDiscoveryAccounts(cluster: SynthesizedCluster): Finding[] {
  const told = new Set<string>();
  return imageConfigFiles(cluster, DISCOVERING_IMAGE).flatMap(({ template, configMap, key, file }): Finding[] => {
    const discovery = told.has(template.object.constructPath) ? undefined : kubernetesDiscovery(file);
    const account = text(template.spec.serviceAccountName) ?? 'default';
    const noToken = template.spec.automountServiceAccountToken === false;
    if (discovery === undefined || (!noToken && (account !== 'default' || boundAccount(cluster, template.namespace, account)))) {
      return [];
    }
    told.add(template.object.constructPath);
    return [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${template.specPath}.serviceAccountName`,
      message: `ConfigMap ${text(fields(configMap.manifest.metadata).name) ?? ''}'s ${key} discovers its targets through the Kubernetes API (${discovery.setting}), but the pods `
        + `${noToken ? 'get no ServiceAccount token' : "run as the namespace's default ServiceAccount, which may read nothing"}: every list is refused, so no target is found and nothing is scraped or shipped`,
      hint: `give the app a ServiceAccount that reads what its discovery lists: serviceAccount: { reason: 'discovers its targets through the Kubernetes API', clusterRules: ${rulesFor(discovery.roles)} }`,
    })];
  });
}
