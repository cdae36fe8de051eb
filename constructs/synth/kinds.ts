/** Kinds that have no namespace. Objects of these kinds go to the cluster-scoped file. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService', 'CiliumClusterwideNetworkPolicy', 'CiliumL2AnnouncementPolicy', 'CiliumLoadBalancerIPPool',
  'ClusterDomainClaim', 'ClusterExternalSecret', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding', 'ClusterSecretStore',
  'ConstraintTemplate', 'CustomResourceDefinition', 'DeploymentRuntimeConfig', 'Provider', 'ProviderConfig', 'GatewayClass', 'IngressClass', 'MutatingWebhookConfiguration',
  'Namespace', 'PersistentVolume', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'ValidatingWebhookConfiguration',
  'VolumeSnapshotClass',
  // Kubernetes' own: admission policies, storage drivers and attachments, certificates, API priority and
  // fairness, Service address ranges, nodes and device classes.
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass', 'CertificateSigningRequest', 'ClusterTrustBundle',
  'FlowSchema', 'PriorityLevelConfiguration', 'ServiceCIDR', 'IPAddress', 'Node', 'DeviceClass', 'ResourceSlice',
  // Retired, and cluster-scoped while served: what is wrong with one is its version alone.
  'PodSecurityPolicy',
  // Kyverno's cluster-wide policies (their namespaced twins are Policy and CleanupPolicy).
  'ClusterPolicy', 'ClusterCleanupPolicy',
  // Crossplane: packages, types and compositions, and provider-kubernetes' objects and configs.
  'CompositeResourceDefinition', 'Composition', 'DeploymentRuntimeConfig', 'Function', 'Object', 'Provider',
  'ProviderConfig',
]);

/**
 * API groups whose every kind has no namespace: Gatekeeper's constraints, one kind per ConstraintTemplate,
 * and its mutations (Assign, AssignMetadata, ModifySet, AssignImage), whose kind names others share; and
 * trust-manager's Bundle, cluster-scoped though its name says nothing of it (a Bundle of another group, Fleet's,
 * is namespaced).
 */
const CLUSTER_SCOPED_GROUPS = /^((constraints|mutations)\.gatekeeper\.sh|trust\.cert-manager\.io)\//;

/**
 * Namespaced kinds that share a name with one of {@link CLUSTER_SCOPED_KINDS}, by the start of their
 * apiVersion: Flux's notification `Provider`, Crossplane's namespaced managed resources and provider
 * configs, whose groups have an `m.` label (`kubernetes.m.crossplane.io`), and an `IPAddress` or `Node` of
 * any group but Kubernetes' own (Cluster API's IPAddress is namespaced).
 */
const NAMESPACED_HOMONYMS: Readonly<Record<string, RegExp>> = {
  Provider: /^notification\.toolkit\.fluxcd\.io\//,
  Object: /^[^/]*\.m\.[^/]*\//,
  ProviderConfig: /^[^/]*\.m\.[^/]*\//,
  IPAddress: /^(?!networking\.k8s\.io\/)/,
  Node: /^(?!v1$)/,
};

/** Whether some group has a namespaced kind of this name beside a cluster-scoped one (Flux's and Crossplane's `Provider`). */
export function hasNamespacedHomonym(kind: string): boolean {
  return NAMESPACED_HOMONYMS[kind] !== undefined;
}

/**
 * Whether an object of this apiVersion and kind has no namespace: a kind of {@link CLUSTER_SCOPED_KINDS}
 * (but for a namespaced kind of another group with the same name), or a Gatekeeper constraint, whatever its
 * template calls it.
 */
export function isClusterScoped(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): boolean {
  if (typeof manifest.kind === 'string' && CLUSTER_SCOPED_KINDS.has(manifest.kind)) {
    const homonym = NAMESPACED_HOMONYMS[manifest.kind];
    return homonym === undefined || !(typeof manifest.apiVersion === 'string' && homonym.test(manifest.apiVersion));
  }
  // Asked of every object by several checks: one anchored test, no list to walk.
  return typeof manifest.apiVersion === 'string' && CLUSTER_SCOPED_GROUPS.test(manifest.apiVersion);
}

/**
 * Order of kinds inside a file: what others depend on comes first, so a reader meets a Namespace before
 * what lives in it and a claim before the pod that mounts it. Kinds not listed follow, by name.
 */
const KIND_ORDER = [
  'Namespace', 'CustomResourceDefinition', 'StorageClass', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding',
  'ClusterIssuer', 'ClusterSecretStore', 'GatewayClass', 'ResourceQuota', 'LimitRange', 'NetworkPolicy',
  'ServiceAccount', 'Role', 'RoleBinding', 'SealedSecret', 'ExternalSecret', 'SecretStore', 'Secret', 'ConfigMap',
  'ZFSVolume', 'PersistentVolumeClaim', 'DataVolume', 'NetworkAttachmentDefinition', 'Service', 'Deployment',
  'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'VirtualMachine', 'PodDisruptionBudget', 'HorizontalPodAutoscaler',
  'Certificate', 'Gateway', 'HTTPRoute', 'TCPRoute', 'UDPRoute', 'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP',
  'Middleware', 'Ingress', 'IPAddressPool', 'L2Advertisement', 'GitRepository', 'HelmRepository', 'OCIRepository',
  'HelmRelease', 'Kustomization', 'AppProject', 'Application',
];
const KIND_RANK = new Map(KIND_ORDER.map((kind, index) => [kind, index]));

/** Rank of a kind in file order. */
export function kindRank(kind: string): number {
  return KIND_RANK.get(kind) ?? KIND_ORDER.length;
}
