// The values keys the library writes for each chart it installs, as confirmed against the chart's own
// values.yaml (or its templates or helm-docs values table) at the pinned version or the nearest one that
// could be read. Helm ignores a key the chart does not read, so a key missing here fails the test instead
// of silently dropping a size, a security setting or a feature. A key is a path of the values; a value
// written under it (a map such as `configs.cm`, a list such as `tolerations`) is the chart's to read.

/** The values keys of one chart that were confirmed, and where. */
export interface ConfirmedChartKeys {
  /** The chart version the library pins; a new pin needs its keys confirmed again. */
  readonly version: string;
  /** Where the keys are read: repository and path of the chart's values.yaml (or templates). */
  readonly source: string;
  /**
   * How far the keys were checked: `read: …` names the keys seen and the chart version of the file they were
   * seen in; otherwise they were not read in this review and stand as the library's own reading, listed so
   * that a change to them is seen.
   */
  readonly checked: string;
  /** Dotted key paths the chart reads; a value written at or under one of them is confirmed. */
  readonly keys: readonly string[];
}

const RESOURCES = (...parts: string[]): string[] => parts.map((part) => (part === '' ? 'resources' : `${part}.resources`));
const PLACEMENT = (...parts: string[]): string[] => parts.flatMap((part) => [`${part}.nodeSelector`, `${part}.tolerations`]);

/** Confirmed values keys by chart name. */
export const CONFIRMED_CHART_KEYS: Record<string, ConfirmedChartKeys> = {
  'argo-cd': {
    version: '8.1.3',
    source: 'argoproj/argo-helm charts/argo-cd README.md (helm-docs table of values.yaml) of the 8.x line',
    checked: 'read: crds.{install,keep}, configs.{params,cm,rbac}, configs.ssh.extraHosts, dex.enabled, redis-ha.{enabled,hardAntiAffinity,haproxy.hardAntiAffinity}, *.replicas and *.resources of controller, repoServer, server, applicationSet, notifications, redis and redisSecretInit in the values table of an 8.x README (its latest highlighted upgrade is 8.0.0, Argo CD v3.0, which renames none of these keys), not at 8.1.3 itself',
    keys: [
      'crds.install', 'crds.keep', 'configs.params', 'configs.cm', 'configs.rbac', 'configs.ssh.extraHosts', 'dex.enabled',
      'redis-ha.enabled', 'redis-ha.hardAntiAffinity', 'redis-ha.haproxy.hardAntiAffinity',
      'controller.replicas', 'server.replicas', 'repoServer.replicas', 'applicationSet.replicas',
      ...RESOURCES('controller', 'repoServer', 'server', 'applicationSet', 'notifications', 'redis', 'redisSecretInit'),
    ],
  },
  'gitlab-agent': {
    version: '2.12.2',
    source: 'gitlab-org/charts/gitlab-agent templates/deployment.yaml of the 2.x line (a copy in uundedd/cluster k8s/gitlab-agent): .Values.replicas, .config.kasAddress, .config.kasCaCert, .config.secretName, .podSecurityContext, .securityContext, .resources',
    checked: 'read: each key in templates/deployment.yaml of the 2.x line (the Deployment named -v2); config.kasCaCert (--kas-ca-cert-file from a ConfigMap) replaced config.caCert, removed in GitLab 17.0',
    keys: ['config.kasAddress', 'config.kasCaCert', 'config.secretName', 'replicas', 'podSecurityContext', 'securityContext', 'resources'],
  },
  'kube-prometheus-stack': {
    version: '80.2.2',
    source: 'prometheus-community/helm-charts charts/kube-prometheus-stack/values.yaml (7x line, Thanos v0.39); grafana/helm-charts charts/grafana/README.md for the grafana subchart',
    checked: 'read: crds.enabled, alertmanagerSpec.{nodeSelector,tolerations,resources}, prometheusOperator.{nodeSelector,tolerations,resources}, prometheusConfigReloader.resources, admissionWebhooks.patch.resources and prometheusSpec.{retention,retentionSize,resources,*SelectorNilUsesHelmValues} in values.yaml; alertmanager.config (Alertmanager\'s own configuration, with route.receiver and receivers) and alertmanagerSpec.secrets (Secrets of the namespace mounted under /etc/alertmanager/secrets/) in values.yaml; prometheusSpec.storageSpec.volumeClaimTemplate (the Prometheus CRD\'s storage, a PersistentVolumeClaim template, under values.yaml\'s "Prometheus StorageSpec for persistent data") in copies of values.yaml and in values files of releases 51.x to 77.x, not at 80.2.2 itself; grafana.additionalDataSources (a list, rendered by the chart\'s own grafana datasources ConfigMap) in values.yaml; grafana\'s admin.existingSecret/userKey/passwordKey, envValueFrom (a map of variable name to valueFrom), sidecar.resources, resources, nodeSelector and tolerations in its README; grafana\'s persistence.{enabled,type (pvc),accessModes,size,storageClassName} and deploymentStrategy (RollingUpdate by default) in its README and copies of its values.yaml; credentials: grafana\'s adminPassword defaulted to prom-operator until chart 79, which draws a random one instead (UPGRADE.md), both replaced by admin.existingSecret, and neither chart sets grafana.ini security.secret_key, so Grafana falls back to its published default key (replaced by GF_SECURITY_SECRET_KEY through envValueFrom). kube*.enabled, kube-state-metrics and node-exporter keys are the subcharts\' top-level keys, not read. '
      + 'UPGRADE.md from 70.x to 81.x (Prometheus Operator updates, the Ingress API cleanup of 73, rule object names in 75, the Grafana password in 79) renames none of these keys; '
      + 'the chart\'s values.schema.json (a stored copy whose chart version was not identified) checks types only, with no additionalProperties: '
      + 'alertmanagerSpec.{secrets,tolerations} arrays, alertmanagerSpec.{nodeSelector,resources} objects, alertmanager.config.route.receiver a string and receivers an array',
    keys: [
      'crds.enabled', 'kubeControllerManager.enabled', 'kubeEtcd.enabled', 'kubeProxy.enabled', 'kubeScheduler.enabled',
      ...PLACEMENT('prometheusOperator', 'prometheus.prometheusSpec', 'alertmanager.alertmanagerSpec', 'grafana', 'kube-state-metrics'),
      'prometheus.prometheusSpec.retention', 'prometheus.prometheusSpec.retentionSize', 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate',
      'grafana.persistence.enabled', 'grafana.persistence.type', 'grafana.persistence.accessModes', 'grafana.persistence.size', 'grafana.persistence.storageClassName', 'grafana.deploymentStrategy',
      'prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues', 'prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues',
      'prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues', 'prometheus.prometheusSpec.probeSelectorNilUsesHelmValues',
      'prometheus.prometheusSpec.scrapeConfigSelectorNilUsesHelmValues',
      'grafana.admin.existingSecret', 'grafana.admin.userKey', 'grafana.admin.passwordKey', 'grafana.additionalDataSources', 'grafana.envValueFrom',
      'alertmanager.config.route.receiver', 'alertmanager.config.receivers', 'alertmanager.alertmanagerSpec.secrets',
      ...RESOURCES('prometheus.prometheusSpec', 'alertmanager.alertmanagerSpec', 'prometheusOperator', 'prometheusOperator.prometheusConfigReloader',
        'prometheusOperator.admissionWebhooks.patch', 'grafana', 'grafana.sidecar', 'kube-state-metrics', 'prometheus-node-exporter'),
    ],
  },
  cilium: {
    version: '1.17.5',
    source: 'cilium/cilium install/kubernetes/cilium/README.md (helm-docs table of values.yaml), Documentation/network/l2-announcements.rst and the 1.19 upgrade notes',
    checked: 'read: every key in the values table of the 1.19 development line, whose keys 1.17.5 has too: ipam.mode, kubeProxyReplacement (string or boolean), k8sServiceHost/Port, operator.{replicas,resources}, securityContext.capabilities.{ciliumAgent,cleanCiliumState}, cgroup.{autoMount.enabled,hostRoot}, gatewayAPI.{enabled,enableAlpn,enableAppProtocol}, k8sClientRateLimit.{qps,burst}, encryption.{enabled,type}, hubble.{enabled,relay.enabled,relay.resources,ui.enabled,ui.backend.resources,ui.frontend.resources}, resources, envoy.resources, initResources (the agent\'s init containers), rollOutCiliumPods and {operator,envoy,hubble.relay,hubble.ui}.rollOutPods (each `false` by default: roll the part\'s pods when cilium-config changes); l2announcements.lease* (commented out of values.yaml, hence not in the table) in the chart\'s L2 announcements guide; externalIPs.enabled (enable-external-ips) deprecated in 1.18 and removed in 1.19 by the upgrade notes, so read at 1.17; not read at 1.17.5 itself; policyCIDRMatchMode (policy-cidr-match-mode, the entities CIDR selectors may select: nodes) in Documentation/security/policy/language.rst, section Selecting nodes with CIDR / ipBlock, which names the Helm value; gatewayAPI.xffNumTrustedHops (gateway-api-xff-num-trusted-hops, the operator\'s xff_num_trusted_hops of every Gateway listener, pull request 30662 of March 2024, so in 1.16 and later) in the values table. '
      + 'values.schema.json of a later development line sets no additionalProperties at any level, so only types are checked: kubeProxyReplacement string or boolean, '
      + 'k8sServicePort string or integer, k8sClientRateLimit.{qps,burst} null or integer, initResources an object, l2announcements only its enabled boolean (the lease* keys pass unchecked)',
    keys: [
      'ipam.mode', 'kubeProxyReplacement', 'k8sServiceHost', 'k8sServicePort', 'operator.replicas', 'securityContext.capabilities.ciliumAgent',
      'securityContext.capabilities.cleanCiliumState', 'cgroup.autoMount.enabled', 'cgroup.hostRoot', 'gatewayAPI.enabled', 'gatewayAPI.enableAlpn',
      'gatewayAPI.enableAppProtocol', 'gatewayAPI.xffNumTrustedHops', 'l2announcements.enabled', 'externalIPs.enabled', 'k8sClientRateLimit.qps', 'k8sClientRateLimit.burst',
      'l2announcements.leaseDuration', 'l2announcements.leaseRenewDeadline', 'l2announcements.leaseRetryPeriod', 'encryption.enabled', 'encryption.type', 'hubble.enabled', 'hubble.relay.enabled', 'hubble.ui.enabled', 'initResources',
      'rollOutCiliumPods', 'operator.rollOutPods', 'envoy.rollOutPods', 'hubble.relay.rollOutPods', 'hubble.ui.rollOutPods', 'policyCIDRMatchMode',
      ...RESOURCES('', 'envoy', 'operator', 'hubble.relay', 'hubble.ui.backend', 'hubble.ui.frontend'),
    ],
  },
  'cert-manager': {
    version: 'v1.21.1',
    source: 'cert-manager/cert-manager deploy/charts/cert-manager/values.yaml',
    checked: 'read: crds.{enabled,keep}, extraArgs (a list of controller flags), config (the controller\'s ControllerConfiguration, apiVersion and kind included), resources, webhook.resources, cainjector.resources and startupapicheck.resources in values.yaml of the 1.17 line or later (it lists feature gates "as of v1.17.0"), not at v1.21.1 itself; '
      + 'values.schema.json of a recent release (with verticalPodAutoscaler and dns01RecursiveNameservers values) has additionalProperties false at every level: '
      + 'config, crds, extraArgs (an array), resources, webhook, cainjector and startupapicheck among its top-level properties, resources among cainjector\'s',
    keys: ['crds.enabled', 'crds.keep', 'extraArgs', 'config', ...RESOURCES('', 'webhook', 'cainjector', 'startupapicheck')],
  },
  crossplane: {
    version: '1.20.0',
    source: 'crossplane/crossplane cluster/charts/crossplane/values.yaml and README.md',
    checked: 'read: each key in the chart\'s values table (1.x line); podSecurityContextCrossplane and podSecurityContextRBACManager (objects, default {}) in values tables of several 1.x releases, not at 1.20.0 itself',
    keys: [
      'args', 'resourcesCrossplane', 'resourcesRBACManager', 'securityContextCrossplane', 'securityContextRBACManager',
      'podSecurityContextCrossplane', 'podSecurityContextRBACManager',
    ],
  },
  'csi-driver-nfs': {
    version: 'v4.11.0',
    source: 'kubernetes-csi/csi-driver-nfs charts/v4.11.0/csi-driver-nfs/values.yaml',
    checked: 'read: storageClass.create, externalSnapshotter.enabled and controller.enableSnapshotter (default true, the csi-snapshotter sidecar of the controller) '
      + 'in values.yaml of v4.11.0 itself (controller.resources and node.resources there are maps by container, left to the chart)',
    keys: ['externalSnapshotter.enabled', 'storageClass.create', 'controller.enableSnapshotter'],
  },
  'external-dns': {
    version: '1.18.0',
    source: 'kubernetes-sigs/external-dns charts/external-dns/README.md, the helm-docs values table of chart 1.18.0',
    checked: 'read: each key in the values table at 1.18.0; the DNSEndpoint CRD comes from the chart\'s crds/ folder, which no value turns on or off (so no `crd.create`); '
      + 'a stored values.schema.json (not of 1.18.0) allows additional top-level properties and types extraArgs as unique strings (or null), domainFilters, env and sources as arrays, policy as sync or upsert-only; '
      + 'managedRecordTypes (a list, "Record types to manage (default: A, AAAA, CNAME)") read in the values table of a later README, added in chart 1.15.1 by its changelog',
    keys: [
      'provider.name', 'provider.webhook.image', 'provider.webhook.env', 'provider.webhook.securityContext', 'provider.webhook.resources',
      'env', 'extraArgs', 'domainFilters', 'policy', 'registry', 'txtOwnerId', 'sources', 'resources', 'managedRecordTypes',
    ],
  },
  'external-secrets': {
    version: '0.17.0',
    source: 'external-secrets/external-secrets deploy/charts/external-secrets/values.yaml',
    checked: 'read: installCRDs, resources, webhook.resources and certController.resources in values.yaml of a release after 0.17.0 (with genericTargets), not at 0.17.0 itself; values.schema.json of a later release checks types only (no additionalProperties): installCRDs a boolean, certController.resources an object',
    keys: ['installCRDs', ...RESOURCES('', 'webhook', 'certController')],
  },
  gatekeeper: {
    version: '3.18.2',
    source: 'open-policy-agent/gatekeeper charts/gatekeeper/values.yaml, templates/namespace-post-install.yaml and the validating webhook template; pkg/webhook (the --exempt-namespace flag)',
    checked: 'read: replicas, auditInterval, controllerManager.{exemptNamespaces,resources}, audit.resources and postInstall.labelNamespace.extraNamespaces in values.yaml and templates of the 3.22 line; extraNamespaces is in the chart since 3.9 and labelled without pod security labels since 3.11 (chart pull requests 2029 and 2451). --exempt-namespace only allows the label admission.gatekeeper.sh/ignore, which the webhooks\' namespace selector skips',
    keys: ['replicas', 'auditInterval', 'controllerManager.exemptNamespaces', 'postInstall.labelNamespace.extraNamespaces', ...RESOURCES('controllerManager', 'audit')],
  },
  'ingress-nginx': {
    version: '4.13.7',
    source: 'kubernetes/ingress-nginx charts/ingress-nginx/README.md (helm-docs table) and templates/_helpers.tpl',
    checked: 'read: each key in the values table of 4.7, controller.image.runAsNonRoot and seccompProfile in the table of the 4.12 line and in the helper that renders the controller\'s security context; controller.ingressClass as --ingress-class and ingressClassResource.controllerValue as --controller-class in _params.tpl of the 4.7 line or later; not at 4.13.7 itself',
    keys: [
      'controller.replicaCount', 'controller.ingressClass', 'controller.ingressClassResource', 'controller.allowSnippetAnnotations',
      'controller.metrics.enabled', 'controller.image.allowPrivilegeEscalation', 'controller.image.runAsNonRoot', 'controller.image.seccompProfile',
      'controller.service.type', 'controller.service.annotations', 'controller.service.externalTrafficPolicy', 'controller.service.loadBalancerClass',
      'controller.service.ipFamilies', 'controller.service.ipFamilyPolicy',
      ...RESOURCES('controller', 'controller.admissionWebhooks.createSecretJob', 'controller.admissionWebhooks.patchWebhookJob'),
    ],
  },
  loki: {
    version: '6.29.0',
    source: 'grafana/loki production/helm/loki/values.yaml and its reference table',
    checked: 'read: loki.{podSecurityContext,containerSecurityContext} and gateway.{podSecurityContext,containerSecurityContext,resources} in the values table of the 6.x line; loki.limits_config.retention_period, loki.compactor.{working_directory,compaction_interval,retention_enabled,retention_delete_delay,delete_request_store} and singleBinary.persistence.{size,storageClass} in single-binary values files written for the 6.x line (the chart passes loki.compactor and loki.limits_config through to Loki\'s config); the rest are the chart\'s documented single-binary keys, not read at 6.29.0; '
      + 'CHANGELOG.md up to 6.26 renames none of these keys (6.0 moved lokiCanary to the top level, where it is written); the chart\'s values.schema.json constrains only loki.rulerConfig; '
      + 'loki.storage.bucketNames.{chunks,ruler,admin} and loki.storage.s3.{endpoint,region,s3ForcePathStyle,insecure} in values.yaml of the 6.x line (Loki 3.4), which loki.commonStorageConfig renders; '
      + 'singleBinary.extraEnvFrom in the values table of the 6.x line',
    keys: [
      'deploymentMode', 'loki.auth_enabled', 'loki.commonConfig.replication_factor', 'loki.schemaConfig', 'loki.storage.type',
      'loki.podSecurityContext', 'loki.containerSecurityContext', 'gateway.podSecurityContext', 'gateway.containerSecurityContext',
      'singleBinary.replicas', 'singleBinary.persistence.enabled', 'backend.replicas', 'read.replicas', 'write.replicas',
      'chunksCache.enabled', 'resultsCache.enabled', 'lokiCanary.enabled', 'test.enabled',
      'singleBinary.persistence.size', 'singleBinary.persistence.storageClass',
      'loki.limits_config.retention_period', 'loki.compactor.working_directory', 'loki.compactor.compaction_interval',
      'loki.compactor.retention_enabled', 'loki.compactor.retention_delete_delay', 'loki.compactor.delete_request_store',
      'loki.storage.bucketNames.chunks', 'loki.storage.bucketNames.ruler', 'loki.storage.bucketNames.admin',
      'loki.storage.s3.endpoint', 'loki.storage.s3.region', 'loki.storage.s3.s3ForcePathStyle', 'loki.storage.s3.insecure', 'singleBinary.extraEnvFrom',
      ...PLACEMENT('singleBinary', 'gateway'), ...RESOURCES('singleBinary', 'gateway'),
    ],
  },
  metallb: {
    version: '0.15.2',
    source: 'metallb/metallb charts/metallb/values.yaml',
    checked: 'read: speaker.ignoreExcludeLB in a recent values.yaml (beside the BGP debounce timeout) and in copies of it; crds.enabled (a boolean), speaker.frr.enabled (a required boolean) and speaker.resources (an object) in values.schema.json of a recent release, which sets no additionalProperties and, its controller definition standing outside `properties`, checks nothing under controller; speaker.memberlist.mlBindPort (7946, beside enabled, mlBindAddrOverride and mlSecretKeyPath) in a recent values.yaml and in older ones; not at 0.15.2 itself',
    keys: ['crds.enabled', 'speaker.frr.enabled', 'speaker.ignoreExcludeLB', 'speaker.memberlist.mlBindPort', ...RESOURCES('controller', 'speaker')],
  },
  'nvidia-device-plugin': {
    version: '0.17.2',
    source: 'NVIDIA/k8s-device-plugin deployments/helm/nvidia-device-plugin/values.yaml',
    checked: 'read: resources, affinity, tolerations (whose default, CriticalAddonsOnly and nvidia.com/gpu, the component keeps) and runtimeClassName in values.yaml of a release after 0.17 (with cdi.*), not at 0.17.2 itself',
    keys: ['affinity', 'tolerations', 'runtimeClassName', 'resources'],
  },
  'opentelemetry-collector': {
    version: '0.108.0',
    source: 'open-telemetry/opentelemetry-helm-charts charts/opentelemetry-collector templates/_pod.tpl, templates/deployment.yaml and templates/_config.tpl',
    checked: 'read: podSecurityContext, securityContext, image.repository/tag, resources, tolerations and presets.{logsCollection,kubeletMetrics,kubernetesAttributes} in _pod.tpl, mode and replicaCount in deployment.yaml, podAnnotations in _pod.tpl, presets.{clusterMetrics,kubernetesEvents} in _config.tpl, all of a line near 0.108 (configMap.create, useGOMEMLIMIT); config is the collector\'s own configuration, merged by the chart; not at 0.108.0 itself; '
      + 'UPGRADING.md up to 0.89 (where image.repository became required, as written) renames none of these keys; values.schema.json has additionalProperties false at the top level (read in an early release only)',
    keys: ['mode', 'image', 'presets', 'config', 'podSecurityContext', 'securityContext', 'resources', 'tolerations', 'replicaCount', 'podAnnotations'],
  },
  'kubelet-csr-approver': {
    version: '1.2.11',
    source: 'postfinance/kubelet-csr-approver charts/kubelet-csr-approver/values.yaml and templates/deployment.yaml',
    checked: 'read: providerRegex, providerIpPrefixes and bypassDnsResolution (the PROVIDER_REGEX, PROVIDER_IP_PREFIXES and BYPASS_DNS_RESOLUTION variables), podSecurityContext, securityContext and resources in deployment.yaml of chart 0.2.4 and values.yaml of a later release; the deployment joins providerIpPrefixes with commas (so a list) and quotes bypassDnsResolution; not at 1.2.11 itself',
    keys: ['providerRegex', 'providerIpPrefixes', 'bypassDnsResolution', 'podSecurityContext', 'securityContext', 'resources'],
  },
  renovate: {
    version: '37.36.1',
    source: 'renovatebot/helm-charts charts/renovate/README.md (helm-docs table), templates/cronjob.yaml and templates/config.yaml',
    checked: 'read: renovate.config, renovate.securityContext (the container\'s), securityContext (the pod\'s), resources, existingSecret in the values table; '
      + 'each key in templates/cronjob.yaml of a 37.x release (with dind and renovate.existingConfigFile): cronjob.schedule and cronjob.concurrencyPolicy on the CronJob, '
      + 'existingSecret as the container\'s envFrom Secret, renovate.securityContext on the container, securityContext, nodeSelector and tolerations on the pod; '
      + 'renovate.config is a string templates/config.yaml writes as config.json; not at 37.36.1 itself',
    keys: [
      'cronjob.schedule', 'cronjob.concurrencyPolicy', 'existingSecret', 'renovate.config', 'renovate.securityContext',
      'securityContext', 'resources', 'nodeSelector', 'tolerations',
    ],
  },
  'sealed-secrets': {
    version: '2.17.2',
    source: 'bitnami-labs/sealed-secrets helm/sealed-secrets/values.yaml and templates/deployment.yaml',
    checked: 'read: fullnameOverride, resources, podSecurityContext and containerSecurityContext in values.yaml of the 2.x line; the deployment renders each security context without its `enabled` key only while `enabled` (default true) stays set, which the library leaves (again in templates/deployment.yaml of a later 2.x release, with additionalVolumes and rateLimit); not at 2.17.2 itself',
    keys: ['fullnameOverride', 'podSecurityContext', 'containerSecurityContext', 'resources'],
  },
  'kubernetes-replicator': {
    version: '2.12.1',
    source: 'mittwald/kubernetes-replicator deploy/helm-chart/kubernetes-replicator/values.yaml, templates/deployment.yaml and templates/_helpers.tpl',
    checked: 'read: podSecurityContext, securityContext and resources in deployment.yaml, grantClusterAdmin in _helpers.tpl (binds cluster-admin instead of the chart\'s own role) of chart 2.12.4, and each of them (grantClusterAdmin a boolean, default false) in values.yaml of a 2.x release; not at 2.12.1 itself',
    keys: ['grantClusterAdmin', 'podSecurityContext', 'securityContext', 'resources'],
  },
  reloader: {
    version: '2.2.9',
    source: 'stakater/Reloader deployments/kubernetes/chart/reloader/values.yaml and templates/deployment.yaml',
    checked: 'read: reloader.reloadStrategy (default, env-vars or annotations; passed as --reload-strategy), reloader.readOnlyRootFileSystem (adds readOnlyRootFilesystem and an emptyDir at /tmp), reloader.deployment.securityContext (the pod\'s), reloader.deployment.containerSecurityContext and reloader.deployment.resources in deployment.yaml and values.yaml of a 1.0 release; the 2.x documentation still names reloadStrategy: annotations; not at 2.2.9 itself',
    keys: ['reloader.reloadStrategy', 'reloader.readOnlyRootFileSystem', 'reloader.deployment.securityContext', 'reloader.deployment.containerSecurityContext', 'reloader.deployment.resources'],
  },
  'secrets-store-csi-driver': {
    version: '1.4.7',
    source: 'kubernetes-sigs/secrets-store-csi-driver charts/secrets-store-csi-driver/values.yaml and templates/secrets-store-csi-driver.yaml',
    checked: 'read: linux.{driver,registrar,livenessProbe}.resources, linux.tolerations, enableSecretRotation (a boolean) and rotationPollInterval (a duration string, empty by default) in the DaemonSet template and values.yaml, syncSecret.enabled (the RBAC that lets the driver write Secrets) in values.yaml, of the 1.0 line; the chart has no values.schema.json; not at 1.4.7 itself',
    keys: ['syncSecret.enabled', 'enableSecretRotation', 'rotationPollInterval', 'linux.tolerations', ...RESOURCES('linux.driver', 'linux.registrar', 'linux.livenessProbe')],
  },
  vault: {
    version: '0.29.1',
    source: 'hashicorp/vault-helm values.yaml, templates/_helpers.tpl and test/unit/csi-daemonset.bats',
    checked: 'read: csi.resources (0.13 line), csi.agent.resources and csi.pod.tolerations in the chart\'s values table (0.2x line) and its csi-daemonset test; '
      + 'server.enabled, injector.enabled and csi.enabled (booleans), csi.resources (an object) and csi.pod.tolerations (null, a list or a string) in values.schema.json of an earlier line, '
      + 'which sets no additionalProperties: false, so a key it lacks (csi.agent) still installs; not at 0.29.1 itself; '
      + 'csi.volumes and csi.volumeMounts (lists, rendered with toYaml into the pod\'s volumes and into both the provider\'s and the agent\'s volumeMounts) '
      + 'in values.yaml and templates/csi-daemonset.yaml of the 0.2x line (vault-csi-provider 1.5, the image of 0.29.x), whose SecretProviderClass parameter vaultCACertPath is a path on the provider\'s disk',
    keys: ['server.enabled', 'injector.enabled', 'csi.enabled', 'csi.resources', 'csi.agent.resources', 'csi.pod.tolerations', 'csi.volumes', 'csi.volumeMounts'],
  },
  'tailscale-operator': {
    version: '1.90.9',
    source: 'tailscale/tailscale cmd/k8s-operator/deploy/chart/values.yaml and templates/deployment.yaml',
    checked: 'read: oauthSecretVolume (the operator\'s oauth volume, files /oauth/client_id and /oauth/client_secret), operatorConfig.resources and proxyConfig.defaultProxyClass (PROXY_DEFAULT_CLASS) in templates/deployment.yaml of the 1.9x line (with oauth.audience), not at 1.90.9 itself',
    keys: ['oauthSecretVolume', 'operatorConfig.resources', 'proxyConfig.defaultProxyClass'],
  },
  'trivy-operator': {
    version: '0.18.0',
    source: 'aquasecurity/trivy-operator deploy/helm/values.yaml, templates/config.yaml, templates/configmaps/trivy-operator-config.yaml and values.schema.json',
    checked: 'read: trivyOperator.scanJobPodTemplatePodSecurityContext, scanJobTolerations and operator.infraAssessmentScannerEnabled in copies of values.yaml; '
      + 'trivyOperator.{scanJobTolerations,scanJobNodeSelector,scanJobPodTemplatePodSecurityContext} written as JSON into the operator\'s ConfigMap by templates/config.yaml of a 2023 release (with nodeCollector and builtInTrivyServer); '
      + 'operator.infraAssessmentScannerEnabled (OPERATOR_INFRA_ASSESSMENT_SCANNER_ENABLED) in the operator ConfigMap of a later release, whose values.schema.json allows additional properties; '
      + 'operator.scanJobsConcurrentLimit (10, the most scan jobs the operator creates at once) in values.yaml of a later release, a key the operator has read since its first releases; not at 0.18.0 itself',
    keys: [
      'operator.infraAssessmentScannerEnabled', 'operator.scanJobsConcurrentLimit', 'podSecurityContext', 'resources', 'nodeSelector', 'tolerations',
      'trivyOperator.scanJobNodeSelector', 'trivyOperator.scanJobTolerations', 'trivyOperator.scanJobPodTemplatePodSecurityContext',
    ],
  },
  'weave-gitops': {
    version: '4.0.36',
    source: 'weaveworks/weave-gitops charts/gitops-server/values.yaml',
    checked: 'read: each key in values.yaml of the 4.0 line (image v0.21.2): adminUser.{create,createSecret,username}, networkPolicy.create, service.port (a number, 9001) and resources; the chart has no values.schema.json; not at 4.0.36 itself',
    keys: ['adminUser.create', 'adminUser.createSecret', 'adminUser.username', 'networkPolicy.create', 'service.port', 'resources'],
  },
  'zfs-localpv': {
    version: '2.8.0',
    source: 'openebs/zfs-localpv deploy/helm/charts/README.md, charts/crds/values.yaml and Chart.yaml',
    checked: 'read: zfsNode.{kubeletDir,nodeSelector,resources}, zfsController.resources in the README table and in values.yaml of the 2.9 line (plugin 2.9.1-prerelease); crds.* is the crds subchart (condition crds.enabled) with zfsLocalPv.enabled and csi.volumeSnapshots.enabled, in its values.yaml and the parent\'s; not at 2.8.0 itself',
    keys: ['crds.csi.volumeSnapshots.enabled', 'crds.zfsLocalPv.enabled', 'zfsNode.kubeletDir', 'zfsNode.nodeSelector', ...RESOURCES('zfsController', 'zfsNode')],
  },
  'gha-runner-scale-set-controller': {
    version: '0.9.3',
    source: 'actions/actions-runner-controller charts/gha-runner-scale-set-controller/values.yaml',
    checked: 'read: each key in values.yaml of an earlier 0.x release (with flags.logLevel and watchSingleNamespace), not at 0.9.3 itself',
    keys: ['podSecurityContext', 'securityContext', 'resources', 'nodeSelector', 'tolerations'],
  },
  'gha-runner-scale-set': {
    version: '0.9.3',
    source: 'actions/actions-runner-controller charts/gha-runner-scale-set/values.yaml',
    checked: 'read: each key in values.yaml; the listener container must be named `listener` to be merged, as the library names it; '
      + 'in templates/autoscalingrunnerset.yaml of a later release, githubConfigUrl, githubConfigSecret (a Secret\'s name when a string), minRunners and maxRunners (numbers), '
      + 'listenerTemplate as given, and every key of template.spec but containers, volumes, initContainers and serviceAccountName copied to the runner pod; not at 0.9.3 itself; '
      + 'in templates/_helpers.tpl of 0.9.x releases, controllerServiceAccount.name and .namespace read in place of the lookup of the controller\'s Deployment, '
      + 'and containerMode.type dind adding the privileged docker:dind container and merging the runner container named `runner`',
    keys: ['githubConfigUrl', 'githubConfigSecret', 'minRunners', 'maxRunners', 'template.spec', 'listenerTemplate.spec', 'controllerServiceAccount.name', 'controllerServiceAccount.namespace', 'containerMode.type'],
  },
  kubevirt: {
    version: '0.8.0',
    source: 'suse-edge/charts charts/kubevirt/0.8.0/values.yaml',
    checked: 'read: each key at 0.8.0 itself',
    keys: ['kubevirt.configuration', 'kubevirt.uninstallStrategy', 'kubevirt.workloads.nodePlacement', 'operator.resources'],
  },
  cdi: {
    version: '0.8.0',
    source: 'suse-edge/charts charts/cdi/0.8.0/values.yaml',
    checked: 'read: each key at 0.8.0 itself',
    keys: ['cdi.uninstallStrategy', 'deployment.resources'],
  },
  traefik: {
    version: '41.3.0',
    source: 'traefik/traefik-helm-chart traefik/VALUES.md (helm-docs table of values.yaml)',
    checked: 'read: each key in the values table of chart 37.3 (Traefik v3.6); a custom entry point (ports.ssh) takes the same keys as ports.web; '
      + 'tlsStore maps a name to the spec of a TLSStore its template writes as given (defaultCertificate, certificates)',
    keys: [
      'api.dashboard', 'certificatesResolvers', 'env', 'ingressClass.enabled', 'ingressClass.isDefaultClass', 'ingressClass.name',
      'ingressRoute.dashboard.enabled', 'ingressRoute.dashboard.entryPoints', 'ingressRoute.dashboard.matchRule',
      'metrics.prometheus.addEntryPointsLabels', 'metrics.prometheus.addServicesLabels', 'metrics.prometheus.entryPoint',
      'persistence.enabled', 'persistence.accessMode', 'persistence.path', 'persistence.size', 'persistence.storageClass',
      'podSecurityContext', 'ports', 'providers.kubernetesCRD.enabled', 'providers.kubernetesIngress.enabled', 'resources',
      'service.annotations', 'service.spec', 'service.type', 'tlsStore', 'updateStrategy',
    ],
  },
  'knative-operator': {
    version: 'v1.22.2',
    source: 'knative/operator config/charts/knative-operator/values.yaml',
    checked: 'read: values.yaml of the chart (a template of the release process): knative_operator.{knative_operator,operator_webhook}.resources '
      + '(requests and limits the chart sets itself, which the component keeps), affinity, tolerations and containerSecurityContext, no seccomp profile; '
      + 'the library writes no value; not at v1.22.2 itself',
    keys: [],
  },
  'matrix-synapse': {
    version: '3.12.2',
    source: 'ananace/personal-charts charts/matrix-synapse/values.yaml and templates/{_helpers.tpl,deployment.yaml,secrets.yaml} (the chart\'s GitHub mirror)',
    checked: 'read: serverName, publicServerName, synapse.labels, persistence.storageClass and ingress.enabled in an earlier values.yaml of the chart; '
      + 'postgresql.enabled, redis.enabled, externalPostgresql.{host,port,username,database,existingSecret,existingSecretPasswordKey} and '
      + 'externalRedis.{host,port,existingSecret,existingSecretPasswordKey} in values.yaml of the 3.x line (bundled PostgreSQL and Redis under postgresql.auth and redis.auth); '
      + 'in its templates, the deployment gives Synapse POSTGRES_PASSWORD and REDIS_PASSWORD from the external Secrets, secrets.yaml writes placeholders the container '
      + 'replaces with sed, and the password helper asks for externalPostgresql.password only without an existing Secret, while it requires postgresql.auth.password for '
      + 'the bundled PostgreSQL; none of these files read at 3.12.2 itself. '
      + 'Credentials, from values.yaml and templates/secrets.yaml: config.registrationSharedSecret defaults to randAlphaNum 24 drawn on every render, '
      + 'config.macaroonSecretKey is unset ("strongly recommended to set"), so Synapse derives its macaroon key from that registration secret; '
      + 'config.turnSecret and config.recaptcha.privateKey are unset; signingkey.job keeps its Secret (helm.sh/resource-policy keep). '
      + 'extraConfig (arbitrary Synapse config), synapse.extraVolumes and synapse.extraVolumeMounts read in values.yaml of the 3.x line; '
      + 'config.registrationSharedSecret (no value reads it from an existing Secret), synapse.extraEnv (env entries of the main container) and '
      + 'synapse.extraCommands (shell lines the container runs after it has written its Secret\'s config to /synapse/config/conf.d/secrets.yaml '
      + 'and before it starts Synapse) read in values.yaml and templates/deployment.yaml of the 3.x line; '
      + 'persistence.size (10Gi, the media claim beside persistence.storageClass) in values.yaml of the 3.x line; '
      + 'extraConfig.macaroon_secret_key_path is Synapse\'s own option (Synapse 1.121.0 changelog), which the chart passes through; '
      + 'signingkey.job.generateImage.{repository,tag} and signingkey.job.publishImage.{repository,tag} in values.yaml of the 2.x line '
      + '(repositories matrixdotorg/synapse and bitnami/kubectl, tags commented out) and in templates/signing-key-job.yaml of a later release, '
      + 'which writes each as repository:tag with `default "latest"`; the publish container runs `sh -c` with `kubectl auth can-i` and the '
      + 'chart\'s scripts/signing-key.sh (kubectl get and patch, base64, tr, date, sleep); '
      + 'synapse.strategy (the main Deployment\'s strategy, written as given; RollingUpdate by default, which the chart\'s own comment says gets stuck '
      + 'with a ReadWriteOnce media claim, persistence.accessMode\'s default) and synapse.startupProbe (failureThreshold 12 on httpGet /health, '
      + 'written into the main container as given, merged with the chart\'s own) in values.yaml and templates/deployment.yaml of the 3.x line; not at 3.12.2 itself',
    keys: [
      'serverName', 'publicServerName', 'synapse.labels', 'persistence.storageClass', 'ingress.enabled', 'postgresql.enabled', 'redis.enabled',
      'externalPostgresql.host', 'externalPostgresql.port', 'externalPostgresql.username', 'externalPostgresql.database',
      'externalPostgresql.existingSecret', 'externalPostgresql.existingSecretPasswordKey',
      'externalRedis.host', 'externalRedis.port', 'externalRedis.existingSecret', 'externalRedis.existingSecretPasswordKey',
      'extraConfig', 'synapse.extraVolumes', 'synapse.extraVolumeMounts',
      'config.registrationSharedSecret', 'synapse.extraEnv', 'synapse.extraCommands', 'persistence.size',
      'synapse.strategy.type', 'synapse.startupProbe.failureThreshold',
      'synapse.startupProbe.httpGet.path', 'synapse.startupProbe.httpGet.port',
      'signingkey.job.generateImage.repository', 'signingkey.job.generateImage.tag',
      'signingkey.job.publishImage.repository', 'signingkey.job.publishImage.tag',
    ],
  },
  gitlab: {
    version: '8.11.2',
    source: 'gitlab-org/charts/gitlab values.yaml, requirements.yaml, CHANGELOG.md and templates/_helpers.tpl (gitlab.commonPodLabels merges global.pod.labels into every pod\'s labels), read in a GitHub mirror of the chart (integratop/gitlab-org-charts-mirror); bitnami/charts bitnami/postgresql and bitnami/redis README.md',
    checked: 'read: certmanager.install, nginx-ingress.enabled, prometheus.install and gitlab-runner.install, the conditions of the bundled charts, in requirements.yaml of the 8.10 line; '
      + 'the CHANGELOG has installCertmanager replace certmanager.install only in 9.0.0 (merge request 4246, with certmanager.install read first until 9.3), '
      + 'so 8.11.2 reads certmanager.install alone, and 8.11.0 moves the bundled charts to Bitnami redis 18.19.4 and postgresql 12.12.10; '
      + 'global.pod.labels in the chart\'s helpers; postgresql.primary.podLabels and redis.master.podLabels in the Bitnami postgresql and redis values tables (of other releases than the redis 18.19.4 and postgresql 12.12.10 that 8.11.2 bundles); the rest are the chart\'s documented top-level switches, not read at 8.11.2; '
      + 'image.repository and metrics.image.repository of the bundled postgresql and redis are the Bitnami charts\' keys of an image\'s repository '
      + '(their values tables), which GitLab\'s notice on Bitnami\'s move (gitlab-org/charts/gitlab issue 6089) has unpatched charts of GitLab 17.11 '
      + 'and earlier point at the legacy repository; '
      + 'gitlab.gitaly.persistence.size (50Gi) and minio.persistence.size (10Gi) in the tables of the chart\'s Gitaly and MinIO documentation, '
      + 'postgresql.primary.persistence.size (8Gi) in the Bitnami postgresql values table; not read at 8.11.2; '
      + 'global.edition (ee by default, or ce), the edition of the images, in the chart\'s values.yaml and its globals documentation, not read at 8.11.2',
    keys: [
      'global.edition', 'global.hosts.domain', 'global.hosts.https', 'global.ingress.enabled', 'global.ingress.configureCertmanager', 'global.pod.labels',
      'certmanager.install', 'nginx-ingress.enabled', 'prometheus.install', 'gitlab-runner.install', 'postgresql.primary.podLabels', 'redis.master.podLabels',
      'postgresql.image.repository', 'postgresql.metrics.image.repository', 'redis.image.repository', 'redis.metrics.image.repository',
      'gitlab.gitaly.persistence.size', 'minio.persistence.size', 'postgresql.primary.persistence.size',
    ],
  },
  harbor: {
    version: '1.17.1',
    source: 'goharbor/harbor-helm values.yaml',
    checked: 'read: each key in a values.yaml of the 1.17 line or later (with core.gdpr.auditLogsCompliant, new with Harbor 2.13), not at 1.17.1 itself: existingSecretAdminPassword (key HARBOR_ADMIN_PASSWORD by default), externalURL, expose.{type,tls.enabled,ingress.className,ingress.hosts.core}, persistence.persistentVolumeClaim.{registry,jobservice.jobLog,database,redis,trivy}.{size,storageClass}, nodeSelector and tolerations of core, database.internal, exporter, jobservice, nginx, portal, redis.internal, registry and trivy; '
      + 'the internal secrets from an existing Secret: existingSecretSecretKey (key secretKey, 16 characters), core.existingSecret (key secret), '
      + 'core.existingXsrfSecret with core.existingXsrfSecretKey (default CSRF_KEY), core.secretName (tls.crt, tls.key of the token signer), '
      + 'jobservice.existingSecret with jobservice.existingSecretKey (default JOBSERVICE_SECRET), registry.existingSecret with '
      + 'registry.existingSecretKey (default REGISTRY_HTTP_SECRET), registry.credentials.existingSecret (keys REGISTRY_PASSWD and '
      + 'REGISTRY_HTPASSWD) and registry.credentials.username; database.internal.password has no existing-Secret value, so the '
      + 'password reaches the database, core and the exporter through core.extraEnvVars, database.internal.extraEnvVars and '
      + 'exporter.extraEnvVars (lists of container env entries, default []); '
      + 'templates/exporter/exporter-dpl.yaml of a later release renders the exporter only with metrics.enabled (default false, which the library leaves), '
      + 'so exporter.* wait for it, and writes a second env list after its own when exporter.extraEnvVars is set',
    keys: [
      'existingSecretAdminPassword', 'externalURL', 'expose.type', 'expose.tls.enabled', 'expose.ingress.className', 'expose.ingress.hosts.core',
      'persistence.persistentVolumeClaim',
      ...PLACEMENT('core', 'database.internal', 'exporter', 'jobservice', 'nginx', 'portal', 'redis.internal', 'registry', 'trivy'),
      'existingSecretSecretKey', 'core.existingSecret', 'core.existingXsrfSecret', 'core.existingXsrfSecretKey', 'core.secretName',
      'jobservice.existingSecret', 'jobservice.existingSecretKey', 'registry.existingSecret', 'registry.existingSecretKey',
      'registry.credentials.existingSecret', 'registry.credentials.username',
      'core.extraEnvVars', 'database.internal.extraEnvVars', 'exporter.extraEnvVars',
    ],
  },
};
