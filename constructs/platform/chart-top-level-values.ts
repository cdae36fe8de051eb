import { describeValue } from '../inventory/problems';
import { closestName } from '../validation/closest-name';
import type { PropProblem } from '../validation/known-props';

// Helm ignores a values key its chart does not read, so a misspelt one (`speker:` for `speaker:`) installs the
// chart without what the user asked for, and without a word. For the charts the library pins, the top-level
// keys of the chart's values.yaml are listed here, as read in the chart's repository; a key of `addValues` that
// is none of them but is a near miss of one is refused with the key it was meant to be, and so is a key of the
// chart's earlier releases that posts still copy (Traefik 1's `ssl`, MetalLB's `configInline`), with what replaced it.

/** The top-level values keys of one chart the library pins, and where they were read. */
export interface ChartTopLevelValues {
  /** The chart version the library pins, which the keys are checked for: a new pin needs them read again. */
  readonly version: string;
  /** Where the keys were read: the chart's values.yaml, and the version of the file when it is not the pin's. */
  readonly read: string;
  /** The top-level keys of the chart's values.yaml, commented ones it documents included, and its subcharts'. */
  readonly keys: readonly string[];
  /**
   * Keys the chart reads only one level down, under each part they are for (`resources` as `controller.resources`
   * and `speaker.resources`), by the key, with the paths the chart reads it at: written at the top, as a chart of
   * one part takes them, they reach no template. @default - none
   */
  readonly nestedKeys?: Readonly<Record<string, readonly string[]>>;
  /**
   * Top-level keys of the chart's earlier releases that posts still copy and that the pinned release no longer
   * reads (or refuses), by the key, with what to write in their place. @default - none
   */
  readonly retiredKeys?: Readonly<Record<string, string>>;
}

/** Keys a chart of one workload takes at its top and a chart of several parts takes under each part. */
const PART_KEYS = ['resources', 'nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'podAnnotations', 'logLevel'] as const;

/** Each of {@link PART_KEYS} under each of `parts`, read at `parts`' paths. */
const underParts = (parts: readonly string[], keys: readonly string[] = PART_KEYS): Record<string, string[]> =>
  Object.fromEntries(keys.map((key) => [key, parts.map((part) => `${part}.${key}`)]));

/** Top-level values keys by chart name. */
export const CHART_TOP_LEVEL_VALUES: Readonly<Record<string, ChartTopLevelValues>> = {
  kubevirt: {
    version: '0.8.0',
    read: 'suse-edge/charts charts/kubevirt/0.8.0/values.yaml',
    keys: ['operator', 'kubevirt', 'hookImage', 'hookRestartPolicy', 'hookSecurityContext'],
  },
  cdi: {
    version: '0.8.0',
    read: 'suse-edge/charts charts/cdi/0.8.0/values.yaml',
    keys: ['deployment', 'cdi', 'hookImage', 'hookRestartPolicy', 'hookSecurityContext'],
  },
  'zfs-localpv': {
    version: '2.8.0',
    read: 'openebs/zfs-localpv deploy/helm/charts/values.yaml of the 2.9 line (zfs-driver 2.9.1-prerelease), the nearest after 2.8.0 that could be read; `crds` is also its CRDs subchart',
    keys: [
      'imagePullSecrets', 'feature', 'rbac', 'loggingLabels', 'zfsNode', 'zfsController', 'zfsPlugin', 'role', 'serviceAccount',
      'analytics', 'backupGC', 'zfs', 'crds', 'enableHelmMetaLabels',
    ],
  },
  metallb: {
    version: '0.15.2',
    read: 'metallb/metallb charts/metallb/values.yaml of a release after 0.15.2 (with tls and frr-k8s as the default BGP backend); `crds` and `frr-k8s` are also its subcharts',
    keys: [
      'imagePullSecrets', 'nameOverride', 'fullnameOverride', 'loadBalancerClass', 'rbac', 'tls', 'prometheus', 'controller', 'speaker',
      'crds', 'frrk8s', 'frr-k8s', 'networkpolicies',
    ],
    nestedKeys: underParts(['controller', 'speaker']),
    retiredKeys: {
      configInline: "MetalLB 0.13 moved its configuration into custom resources, and the chart's templates fail on configInline: loadBalancer: metalLb({ pools }) writes the IPAddressPool and the L2Advertisement in its place",
      existingConfigMap: "MetalLB 0.13 no longer reads a ConfigMap: loadBalancer: metalLb({ pools }) writes the IPAddressPool and the L2Advertisement in its place",
      psp: 'Kubernetes 1.25 removed PodSecurityPolicy, and the chart with it: the namespace\'s Pod Security level, which the library sets, replaced it',
    },
  },
  traefik: {
    version: '41.3.0',
    read: 'traefik/traefik-helm-chart traefik/values.yaml of a release before 41.3.0 (Traefik 3, with the Knative and Ingress NGINX providers and the Hub MCP gateway), the nearest that could be read',
    keys: [
      'image', 'commonLabels', 'deployment', 'podDisruptionBudget', 'ingressClass', 'core', 'experimental', 'gateway', 'gatewayClass', 'api',
      'ingressRoute', 'updateStrategy', 'readinessProbe', 'livenessProbe', 'startupProbe', 'providers', 'volumes', 'additionalVolumeMounts',
      'logs', 'metrics', 'ocsp', 'tracing', 'additionalArguments', 'env', 'envFrom', 'ports', 'tlsOptions', 'tlsStore', 'service',
      'autoscaling', 'persistence', 'certificatesResolvers', 'hostNetwork', 'rbac', 'podSecurityPolicy', 'serviceAccount',
      'serviceAccountAnnotations', 'resources', 'affinity', 'nodeSelector', 'tolerations', 'topologySpreadConstraints', 'priorityClassName',
      'securityContext', 'podSecurityContext', 'extraObjects', 'namespaceOverride', 'instanceLabelOverride', 'versionOverride', 'hub', 'oci_meta',
    ],
    // The values of Traefik 1's chart (the stable repository's), which posts of 2018 to 2020 configure.
    retiredKeys: {
      ssl: 'TLS on websecure and the redirect of web to it are ports.websecure.http.tls and ports.web.http.redirections, which the library sets',
      acme: 'the chart reads certificatesResolvers.<name>.acme, which traefik({ acme }) writes, or a ClusterIssuer of cert-manager',
      dashboard: 'the chart reads ingressRoute.dashboard (enabled, matchRule, entryPoints) and api.dashboard',
      kubernetes: 'the chart reads providers.kubernetesIngress and providers.kubernetesCRD (their ingressClass, namespaces, labelSelector)',
      serviceType: 'the chart reads service.type',
      loadBalancerIP: "write traefik({ address }), which asks the cluster's load balancer for that address",
      whiteListSourceRange: 'the chart reads service.spec.loadBalancerSourceRanges, or a Middleware with ipAllowList on the routes',
      externalTrafficPolicy: 'the chart reads service.spec.externalTrafficPolicy',
      imageTag: 'the chart reads image.tag (the library pins the image the chart release runs)',
      replicas: 'the chart reads deployment.replicas',
      accessLogs: 'the chart reads logs.access',
      debug: 'the chart reads logs.general.level: DEBUG',
    },
  },
  'cert-manager': {
    version: 'v1.21.1',
    read: 'cert-manager/cert-manager deploy/charts/cert-manager/values.yaml of the 1.x line with crds.enabled, the keys it documents in comments (+docs:property) included',
    keys: [
      'installCRDs', 'crds', 'replicaCount', 'strategy', 'podDisruptionBudget', 'featureGates', 'maxConcurrentChallenges', 'image',
      'clusterResourceNamespace', 'namespace', 'fullnameOverride', 'nameOverride', 'serviceAccount', 'automountServiceAccountToken',
      'enableCertificateOwnerRef', 'config', 'dns01RecursiveNameservers', 'dns01RecursiveNameserversOnly', 'disableAutoApproval',
      'approveSignerNames', 'extraArgs', 'extraEnv', 'resources', 'securityContext', 'containerSecurityContext', 'volumes', 'volumeMounts',
      'deploymentAnnotations', 'podAnnotations', 'podLabels', 'serviceAnnotations', 'serviceLabels', 'serviceIPFamilyPolicy', 'serviceIPFamilies',
      'podDnsPolicy', 'podDnsConfig', 'hostAliases', 'nodeSelector', 'ingressShim', 'http_proxy', 'https_proxy', 'no_proxy', 'affinity',
      'tolerations', 'topologySpreadConstraints', 'livenessProbe', 'enableServiceLinks', 'prometheus', 'webhook', 'cainjector', 'acmesolver',
      'startupapicheck', 'extraObjects', 'creator', 'enabled',
    ],
  },
  'ingress-nginx': {
    version: '4.13.7',
    read: 'kubernetes/ingress-nginx charts/ingress-nginx/values.yaml of a release after 4.13.7 (controller v1.15), the nearest that could be read; `nameOverride` and `fullnameOverride` are the keys it documents in comments',
    keys: [
      'nameOverride', 'fullnameOverride', 'namespaceOverride', 'commonLabels', 'controller', 'revisionHistoryLimit', 'defaultBackend', 'rbac',
      'serviceAccount', 'imagePullSecrets', 'tcp', 'udp', 'portNamePrefix', 'dhParam',
    ],
    // The controller's log level is one of its extraArgs (`v`), not a key of its own.
    nestedKeys: underParts(['controller'], [...PART_KEYS.filter((key) => key !== 'logLevel'), 'replicaCount', 'service', 'config', 'extraArgs', 'ingressClassResource', 'metrics', 'hostNetwork', 'kind']),
  },
  'kube-prometheus-stack': {
    version: '80.2.2',
    read: 'prometheus-community/helm-charts charts/kube-prometheus-stack/values.yaml of a release before 80.2.2 (Alertmanager v0.28, Thanos v0.39), the nearest that could be read; `additionalPrometheusRules` is documented in comments, and `crds`, `kube-state-metrics`, `prometheus-node-exporter`, `prometheus-windows-exporter` and `grafana` are also its subcharts',
    keys: [
      'nameOverride', 'namespaceOverride', 'kubeTargetVersionOverride', 'kubeVersionOverride', 'fullnameOverride', 'commonLabels', 'crds',
      'customRules', 'defaultRules', 'additionalPrometheusRules', 'additionalPrometheusRulesMap', 'windowsMonitoring', 'prometheus-windows-exporter',
      'alertmanager', 'grafana', 'kubernetesServiceMonitors', 'kubeApiServer', 'kubelet', 'kubeControllerManager', 'coreDns', 'kubeDns', 'kubeEtcd',
      'kubeScheduler', 'kubeProxy', 'kubeStateMetrics', 'kube-state-metrics', 'nodeExporter', 'prometheus-node-exporter', 'prometheusOperator',
      'prometheus', 'thanosRuler', 'cleanPrometheusOperatorObjectNames', 'extraManifests',
    ],
    nestedKeys: underParts(['prometheus.prometheusSpec'], ['retention', 'retentionSize', 'storageSpec', 'scrapeInterval', 'evaluationInterval', 'replicas']),
  },
  cilium: {
    version: '1.17.5',
    read: 'cilium/cilium install/kubernetes/cilium/values.yaml of a tree named for 1.17.3 (Envoy 1.33, with underlayProtocol), the nearest that could be read; the keys it documents in comments (kubeProxyReplacement, devices, labels…) included',
    keys: [
      'namespaceOverride', 'commonLabels', 'upgradeCompatibility', 'debug', 'rbac', 'imagePullSecrets', 'iptablesRandomFully',
      'kubeConfigPath', 'k8sServiceHostRef', 'k8sServiceHost', 'k8sServicePort', 'k8sServiceLookupConfigMapName',
      'k8sServiceLookupNamespace', 'k8sClientRateLimit', 'k8sClientExponentialBackoff', 'cluster', 'serviceAccounts',
      'terminationGracePeriodSeconds', 'agent', 'name', 'rollOutCiliumPods', 'image', 'scheduling', 'affinity', 'nodeSelector',
      'tolerations', 'priorityClassName', 'dnsPolicy', 'extraContainers', 'extraInitContainers', 'extraArgs', 'extraEnv',
      'extraHostPathMounts', 'extraVolumes', 'extraVolumeMounts', 'extraConfig', 'annotations', 'podSecurityContext', 'podAnnotations',
      'podLabels', 'resources', 'initResources', 'securityContext', 'updateStrategy', 'aksbyocni', 'autoDirectNodeRoutes',
      'directRoutingSkipUnreachable', 'annotateK8sNode', 'azure', 'alibabacloud', 'bandwidthManager', 'nat46x64Gateway', 'l2announcements',
      'l2podAnnouncements', 'bgpControlPlane', 'pmtuDiscovery', 'bpf', 'bpfClockProbe', 'cleanBpfState', 'cleanState', 'waitForKubeProxy',
      'cni', 'connectivityProbeFrequencyRatio', 'conntrackGCInterval', 'conntrackGCMaxInterval', 'crdWaitTimeout', 'customCalls', 'daemon',
      'devices', 'enableRuntimeDeviceDetection', 'forceDeviceDetection', 'disableIptablesFeederRules', 'egressMasqueradeInterfaces',
      'enableIdentityMark', 'enableK8sEndpointSlice', 'enableCiliumEndpointSlice', 'ciliumEndpointSlice', 'identityManagementMode',
      'envoyConfig', 'ingressController', 'gatewayAPI', 'enableXTSocketFallback', 'encryption', 'endpointHealthChecking', 'endpointRoutes',
      'k8sNetworkPolicy', 'endpointLockdownOnMapOverflow', 'eni', 'externalIPs', 'fragmentTracking', 'gke', 'healthChecking', 'healthPort',
      'healthCheckICMPFailureThreshold', 'hostFirewall', 'hostPort', 'socketLB', 'certgen', 'hubble', 'identityAllocationMode',
      'identityChangeGracePeriod', 'installNoConntrackIptablesRules', 'ipam', 'defaultLBServiceIPAM', 'nodeIPAM', 'apiRateLimit',
      'ipMasqAgent', 'iptablesLockTimeout', 'ipv4', 'ipv6', 'k8s', 'keepDeprecatedLabels', 'keepDeprecatedProbes', 'startupProbe',
      'livenessProbe', 'readinessProbe', 'kubeProxyReplacement', 'kubeProxyReplacementHealthzBindAddr', 'l2NeighDiscovery', 'l7Proxy',
      'localRedirectPolicy', 'labels', 'logOptions', 'logSystemLoad', 'maglev', 'enableIPv4Masquerade', 'enableIPv6Masquerade',
      'enableMasqueradeRouteSource', 'enableIPv4BIGTCP', 'enableIPv6BIGTCP', 'nat', 'egressGateway', 'vtep', 'ipv4NativeRoutingCIDR',
      'ipv6NativeRoutingCIDR', 'monitor', 'loadBalancer', 'nodePort', 'policyAuditMode', 'policyEnforcementMode', 'policyCIDRMatchMode',
      'pprof', 'prometheus', 'dashboards', 'envoy', 'nodeSelectorLabels', 'nodeLabels', 'resourceQuotas', 'sessionAffinity',
      'secretsNamespaceAnnotations', 'sleepAfterInit', 'svcSourceRangeCheck', 'synchronizeK8sNodes', 'tls', 'tunnelProtocol',
      'underlayProtocol', 'routingMode', 'tunnelPort', 'tunnelSourcePortRange', 'serviceNoBackendResponse', 'MTU', 'disableEndpointCRD',
      'wellKnownIdentities', 'etcd', 'operator', 'nodeinit', 'preflight', 'enableCriticalPriorityClass', 'disableEnvoyVersionCheck',
      'clustermesh', 'cgroup', 'sysctlfix', 'dnsPolicyUnloadOnShutdown', 'agentNotReadyTaintKey', 'dnsProxy', 'sctp',
      'enableNonDefaultDenyPolicies', 'authentication',
    ],
  },
};

/** Values every chart takes: Helm hands `global` to the chart and each of its subcharts. */
const HELM_KEYS: readonly string[] = ['global'];

/**
 * The top-level keys of `values` that chart `chart` at `version` does not have and that are near misses of one
 * it has (`speker` for `speaker`, `Controller` for `controller`), each with the key meant, or keys of its
 * earlier releases (see {@link ChartTopLevelValues.retiredKeys}), each with what replaced it. A chart or version not
 * listed in {@link CHART_TOP_LEVEL_VALUES} is not checked, nor is a key far from every known one (a key the
 * chart's release has that the listed file had not). Pure.
 */
export function misspeltTopLevelValueProblems(chart: string, version: string, values: Record<string, unknown>): PropProblem[] {
  const known = Object.prototype.hasOwnProperty.call(CHART_TOP_LEVEL_VALUES, chart) ? CHART_TOP_LEVEL_VALUES[chart] : undefined;
  if (known === undefined || known.version !== version || values === null || typeof values !== 'object') {
    return [];
  }
  const keys = [...HELM_KEYS, ...known.keys];
  return Object.keys(values).filter((key) => !keys.includes(key)).flatMap((key) => {
    const retired = Object.prototype.hasOwnProperty.call(known.retiredKeys ?? {}, key) ? known.retiredKeys![key] : undefined;
    if (retired !== undefined) {
      return [{
        field: `addValues.${key}`,
        message: `chart ${chart} ${version} no longer has the top-level value ${describeValue(key)} of its earlier releases: the release would run without ${describeValue(values[key])}`,
        hint: `drop ${key}: ${retired}`,
      }];
    }
    const nested = Object.prototype.hasOwnProperty.call(known.nestedKeys ?? {}, key) ? known.nestedKeys![key] : undefined;
    if (nested !== undefined) {
      const nest = (path: string) => path.split('.').reduceRight((inner, step) => `{ ${step}: ${inner} }`, '…');
      return [{
        field: `addValues.${key}`,
        message: `chart ${chart} ${version} has no top-level value ${describeValue(key)}: Helm ignores it, and the release would run without ${describeValue(values[key])}; the chart reads ${key} under ${nested.join(' and ')}`,
        hint: `nest it under the part it is for, as values.yaml does: ${nested.map(nest).join(' or ')}`,
      }];
    }
    if (key === chart && values[key] !== null && typeof values[key] === 'object') {
      // An umbrella chart's values, which nest a subchart's under its name, or a HelmChartConfig copied whole.
      return [{
        field: `addValues.${key}`,
        message: `chart ${chart} ${version} has no top-level value ${describeValue(key)}: its values are written one level too deep, under the chart's own name, as an umbrella chart nests a subchart's; Helm ignores them, and the release would run without them`,
        hint: `give the keys inside it directly: addValues(${summary(values[key] as Record<string, unknown>)})`,
      }];
    }
    const meant = closestName(key, keys);
    return meant === undefined ? [] : [{
      field: `addValues.${key}`,
      message: `chart ${chart} ${version} has no top-level value ${describeValue(key)}: Helm ignores it, and the release would run without ${describeValue(values[key])}`,
      hint: `did you mean ${meant}? Helm reads only the keys of the chart's values.yaml, nested as it nests them`,
    }];
  });
}

/** `values` as a short object literal of its keys, for a hint: `{ speaker: …, controller: … }`. */
function summary(values: Record<string, unknown>): string {
  const keys = Object.keys(values);
  return keys.length === 0 ? '{}' : `{ ${keys.slice(0, 3).map((key) => `${/^[a-zA-Z_$][a-zA-Z0-9_$]*$/.test(key) ? key : `'${key}'`}: …`).join(', ')}${keys.length > 3 ? ', …' : ''} }`;
}
