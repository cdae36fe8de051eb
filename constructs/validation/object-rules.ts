import { checkObjectStoreEndpoints } from './object-store-endpoints';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { AddFinding, fields, Fields, labelSelectorMatches, list, objectAdder, objectFinding, selectorMatches, stringMap, text } from './manifest';
import { externalNameProblem, IANA_SERVICE_NAME, LABEL_VALUE, nameProblem } from './dns-names';
import { checkGatedPodFields } from './gated-fields';
import { checkChartInstallVersion } from './chart-installs';
import { checkImageAutomationObject } from './flux-image-automation';
import { checkFluxAlert, checkFluxReceiver } from './flux-notification-rules';
import { checkGatewayListeners } from './gateway-listener-rules';
import { formatNodePortRange, inNodePortRange, NodePortRange } from '../services/node-ports';
import { helmRepositoryUrlProblem } from '../platform/chart-source';
import {
  checkCsiDriverObject, checkCustomResourceDefinitionName, checkFlowSchema, checkLease, checkPriorityLevel, checkLimitRange, checkPersistentVolume, checkPriorityClass, checkSecretType, checkStorageClass, missingTypedKeys,
  SYSTEM_PRIORITY_CLASSES,
} from './kind-rules';
import { checkAdmissionPolicy, checkAdmissionPolicyBinding, checkWebhookConfiguration } from './admission-config-rules';
import { checkApiService } from './api-service-rules';
import { checkApplication, checkApplicationSet } from './argo-cd-rules';
import { checkAutoscaler } from './autoscaler-rules';
import { checkBackupOperatorObject, isBackupOperatorObject } from './backup-operator-rules';
import { checkCnpgCrdRules } from './cnpg-crd-rules';
import { checkCertificate, checkIssuer } from './cert-manager-rules';
import { checkPodSecurityLabels } from './pod-security-labels';
import { checkCertificateSigningRequest } from './certificate-request-rules';
import { checkCiliumPolicy } from './cilium-rules';
import { checkClaimSpec } from './claim-rules';
import { checkCustomResourceDefinitionSpec } from './crd-definition-rules';
import { checkCustomResourceDefinitionVersions } from './crd-rules';
import { checkStructuralSchemas } from './crd-structural-schema';
import { checkTrustBundle } from './trust-bundle-rules';
import { checkDataSize, checkSealedDataSize } from './data-size';
import { checkEndpoints, checkEndpointSlice } from './endpoint-rules';
import { checkEvent } from './event-rules';
import { checkExternalSecret } from './external-secrets-rules';
import { checkVaultStore } from './vault-store-rules';
import { checkConstraintTemplate } from './gatekeeper-rules';
import { checkIngressClass } from './ingress-class-rules';
import { checkKnativeWorkload, knativeSettings, KnativeSettings } from './knative-rules';
import { checkDataVolumeSpec, checkVirtualMachine } from './kubevirt-rules';
import { clusterScopeResolver } from './kind-scope';
import { checkFinalizers, checkMetadata } from './metadata-rules';
import { ADVERTISEMENT_KINDS, checkAddressPools, checkAdvertisement, checkLegacyMetalLbConfig } from './metallb-rules';
import { BgpConfiguration, bgpConfiguration, checkBgpAdvertisement, checkBgpPeer } from './metallb-bgp-rules';
import { checkIngressPaths, checkNetworkPolicyRules, checkRetiredIngressAnnotations } from './networking-rules';
import { podTemplates, PodTemplate, templateKindOf } from './pod-spec';
import { AdmittedPriority, checkPriorityFields, KnownPriorityClasses } from './pod-rules';
import { indexOf } from './object-index';
import { checkRoleBinding, checkRoleRules } from './rbac-rules';
import { reportedNfsSources } from './reported-nfs-exports';
import { checkPrometheusRule } from './prometheus-rules';
import { checkResourceQuota } from './resource-quota-rules';
import { checkRuntimeClass } from './runtime-class-rules';
import { checkSealedTemplateIdentity, checkSealedValuesReused, checkSealingScope } from './sealed-secrets-rules';
import { VALUES_CHECKED_NOTE } from '../secrets/secret-keys';
import { isIpAddress } from './schema/formats';
import { externalIpProblem } from './special-ips';
import { checkLabelSelector, checkSelectorMap } from './selector-rules';
import { checkServiceAccountSecrets } from './service-account-secrets';
import { checkServiceFields } from './service-rules';
import { dataKeyProblem, metadataKeyProblem } from './syntax';
import { checkDisruptionBudget, checkWorkloadFields } from './workload-rules';
import { checkConnector, checkTailscaleRoutes } from './tailnet-routes';
import { checkUpgradePlan } from './upgrade-plan-rules';

const layer = 'schema' as const;

/**
 * What the API server rejects (or silently drops) object by object although the schema allows it: label and
 * annotation keys that are no qualified names, the metadata of every object (a namespace on a cluster-scoped
 * kind, annotation size, finalizers), pod template label values that are no label values, Service ports
 * missing (unless headless or ExternalName), external IPs that are no single address or a special one (loopback,
 * link-local), ports outside 1–65535, repeated, or unnamed where a Service has several, node ports outside the cluster's range,
 * and the rules of each kind (Ingress and NetworkPolicy, claims and PersistentVolumes, ConfigMap and Secret
 * keys, sizes and types, LimitRanges, label selectors, workload selectors, restart policies and fields,
 * PodDisruptionBudgets, RBAC roles and bindings, autoscalers, StorageClasses, PriorityClasses, CRD names,
 * IngressClasses, ResourceQuotas, RuntimeClasses, Endpoints and EndpointSlices, Events, APIServices, CSIDrivers, ServiceAccounts' Secret lists, webhook configurations,
 * ValidatingAdmissionPolicies and their bindings, the keys and size of the Secret a SealedSecret makes), and what
 * the webhooks of cert-manager (Certificates and issuers), KubeVirt (VirtualMachines), Knative Serving (Services and
 * Configurations), trust-manager (Bundles), MetalLB (IPAddressPools and advertisements), the External Secrets Operator (ExternalSecrets, and Vault SecretStores and ClusterSecretStores) and
 * Gatekeeper (ConstraintTemplates) and the Prometheus operator (PrometheusRules) refuse, the CRD rules of
 * CloudNativePG's Clusters and Poolers (see `checkCnpgCrdRules`), the schedules and retention
 * of backup operators' resources (see `checkBackupOperatorObject`), the rules of a Cilium policy its agent refuses, and the Application
 * destinations Argo CD refuses to sync, the SealedSecrets whose scope the Sealed Secrets controller cannot
 * unseal, the Flux image policies and automations that never update an image, and the system-upgrade-controller
 * Plans that upgrade no node (see `checkUpgradePlan`).
 */
export function checkObjectRules(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const scopeOf = clusterScopeResolver(cluster);
  let knative: KnativeSettings | undefined;
  const sealed: SynthesizedObject[] = [];
  let plans: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  let bgp: BgpConfiguration | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const metadata = fields(object.manifest.metadata);
    checkKeys(metadata.labels, 'labels', 'metadata', object, findings);
    checkKeys(metadata.annotations, 'annotations', 'metadata', object, findings);
    checkMetadata(object, metadata, findings, metadata.namespace !== undefined && scopeOf(object.manifest) === 'Cluster');
    const kind = object.manifest.kind;
    const group = object.manifest.apiVersion;
    if (kind === 'HelmRelease' || kind === 'HelmChart' || kind === 'Application') {
      checkChartInstallVersion(object.manifest, adderFor(object, findings));
    } else if ((kind === 'ImagePolicy' || kind === 'ImageUpdateAutomation') && group.startsWith('image.toolkit.fluxcd.io/')) {
      // The output folder as the repository names it (`dist`): the cluster's folder is the path's end.
      const outputPath = cluster.chart.repositoryPath().slice(0, -cluster.folder.length).replace(/\/+$/, '');
      checkImageAutomationObject(object.manifest, outputPath, adderFor(object, findings));
    }
    if (kind === 'Service') {
      checkService(object, cluster.chart.nodePortRange, adderFor(object, findings));
      if (group.startsWith('serving.knative.dev/')) {
        checkKnativeWorkload(object, knative ??= knativeSettings(all), adderFor(object, findings));
      }
    } else if (kind === 'Configuration' && group.startsWith('serving.knative.dev/')) {
      checkKnativeWorkload(object, knative ??= knativeSettings(all), adderFor(object, findings));
    } else if (kind === 'VirtualMachine' && group.startsWith('kubevirt.io/')) {
      checkVirtualMachine(object, adderFor(object, findings));
    } else if (kind === 'DataVolume' && group.startsWith('cdi.kubevirt.io/')) {
      checkDataVolumeSpec(fields(object.manifest.spec), 'spec', adderFor(object, findings));
    } else if (kind === 'Ingress' && object.manifest.apiVersion === 'networking.k8s.io/v1') {
      checkIngressPaths(object, adderFor(object, findings));
      checkRetiredIngressAnnotations(object, adderFor(object, findings));
    } else if (kind === 'NetworkPolicy' && object.manifest.apiVersion === 'networking.k8s.io/v1') {
      checkNetworkPolicyRules(object, adderFor(object, findings));
    } else if (kind === 'PersistentVolumeClaim' && object.manifest.apiVersion === 'v1') {
      checkClaimSpec(fields(object.manifest.spec), 'spec', adderFor(object, findings));
    } else if (kind === 'PodDisruptionBudget' && object.manifest.apiVersion === 'policy/v1') {
      const add = adderFor(object, findings);
      checkDisruptionBudget(object, add);
      checkLabelSelector(fields(object.manifest.spec).selector, 'spec.selector', add);
    } else if ((kind === 'ConfigMap' || kind === 'Secret') && object.manifest.apiVersion === 'v1') {
      const maps = kind === 'ConfigMap' ? ['data', 'binaryData'] as const : ['data', 'stringData'] as const;
      checkDataKeys(object, maps, findings);
      checkDataSize(object, adderFor(object, findings));
      if (kind === 'Secret') {
        checkSecretType(object, adderFor(object, findings));
      } else {
        checkLegacyMetalLbConfig(object, adderFor(object, findings));
        checkObjectStoreEndpoints(object, adderFor(object, findings));
      }
    } else if ((kind === 'Role' || kind === 'ClusterRole') && group === 'rbac.authorization.k8s.io/v1') {
      checkRoleRules(object, adderFor(object, findings));
    } else if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && group === 'rbac.authorization.k8s.io/v1') {
      checkRoleBinding(object, adderFor(object, findings));
    } else if (kind === 'HorizontalPodAutoscaler' && (group === 'autoscaling/v2' || group === 'autoscaling/v1')) {
      checkAutoscaler(object, adderFor(object, findings));
    } else if (kind === 'StorageClass' && group === 'storage.k8s.io/v1') {
      checkStorageClass(object, adderFor(object, findings));
    } else if (kind === 'PersistentVolume' && group === 'v1') {
      checkPersistentVolume(object, adderFor(object, findings), reportedNfsSources(cluster.chart.site));
    } else if (kind === 'LimitRange' && group === 'v1') {
      checkLimitRange(object, adderFor(object, findings));
    } else if (kind === 'PriorityClass' && group === 'scheduling.k8s.io/v1') {
      checkPriorityClass(object, adderFor(object, findings));
    } else if (kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io/v1') {
      const add = adderFor(object, findings);
      checkCustomResourceDefinitionName(object, add);
      checkCustomResourceDefinitionSpec(object, add);
      checkCustomResourceDefinitionVersions(object, add);
      checkStructuralSchemas(object, add);
    } else if (kind === 'CertificateSigningRequest' && group === 'certificates.k8s.io/v1') {
      checkCertificateSigningRequest(object, adderFor(object, findings));
    } else if (kind === 'IngressClass' && group === 'networking.k8s.io/v1') {
      checkIngressClass(object, adderFor(object, findings));
    } else if (kind === 'ResourceQuota' && group === 'v1') {
      checkResourceQuota(object, adderFor(object, findings));
    } else if (kind === 'RuntimeClass' && group === 'node.k8s.io/v1') {
      checkRuntimeClass(object, adderFor(object, findings));
    } else if (kind === 'Endpoints' && group === 'v1') {
      checkEndpoints(object, adderFor(object, findings));
    } else if (kind === 'EndpointSlice' && group === 'discovery.k8s.io/v1') {
      checkEndpointSlice(object, adderFor(object, findings));
    } else if (kind === 'Event' && (group === 'v1' || group === 'events.k8s.io/v1')) {
      checkEvent(object, adderFor(object, findings));
    } else if (kind === 'Namespace' && group === 'v1') {
      const add = adderFor(object, findings);
      checkPodSecurityLabels(stringMap(fields(object.manifest.metadata).labels), add);
      if (Array.isArray(fields(object.manifest.spec).finalizers)) {
        checkFinalizers(fields(object.manifest.spec).finalizers as unknown[], 'spec.finalizers', true, add);
      }
    } else if (kind === 'FlowSchema' && group === 'flowcontrol.apiserver.k8s.io/v1') {
      checkFlowSchema(object, adderFor(object, findings));
    } else if (kind === 'PriorityLevelConfiguration' && group === 'flowcontrol.apiserver.k8s.io/v1') {
      checkPriorityLevel(object, adderFor(object, findings));
    } else if (kind === 'APIService' && group === 'apiregistration.k8s.io/v1') {
      checkApiService(object, adderFor(object, findings));
    } else if (kind === 'Bundle' && group.startsWith('trust.cert-manager.io/')) {
      checkTrustBundle(object, adderFor(object, findings));
    } else if (kind === 'Lease' && group === 'coordination.k8s.io/v1') {
      checkLease(object, adderFor(object, findings));
    } else if (kind === 'ServiceAccount' && group === 'v1') {
      checkServiceAccountSecrets(object, adderFor(object, findings));
    } else if (kind === 'CSIDriver' && group === 'storage.k8s.io/v1') {
      checkCsiDriverObject(object, adderFor(object, findings));
    } else if ((kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') && group === 'admissionregistration.k8s.io/v1') {
      checkWebhookConfiguration(object, adderFor(object, findings));
    } else if (kind === 'ValidatingAdmissionPolicy' && group === 'admissionregistration.k8s.io/v1') {
      checkAdmissionPolicy(object, adderFor(object, findings));
    } else if (kind === 'ValidatingAdmissionPolicyBinding' && group === 'admissionregistration.k8s.io/v1') {
      checkAdmissionPolicyBinding(object, adderFor(object, findings));
    } else if (kind === 'Certificate' && group === 'cert-manager.io/v1') {
      checkCertificate(object, adderFor(object, findings));
    } else if ((kind === 'Issuer' || kind === 'ClusterIssuer') && group === 'cert-manager.io/v1') {
      checkIssuer(object, adderFor(object, findings));
    } else if (kind === 'HelmRepository' && group.startsWith('source.toolkit.fluxcd.io/')) {
      const spec = fields(object.manifest.spec);
      const problem = typeof spec.url === 'string' ? helmRepositoryUrlProblem(spec.url, spec.type === 'oci') : undefined;
      if (problem) {
        adderFor(object, findings)('spec.url', problem.message, problem.hint);
      }
    } else if (kind === 'Gateway' && group.startsWith('gateway.networking.k8s.io/')) {
      checkGatewayListeners(object, adderFor(object, findings));
    } else if (kind === 'Alert' && group === 'notification.toolkit.fluxcd.io/v1beta3') {
      checkFluxAlert(object, adderFor(object, findings));
    } else if (kind === 'Receiver' && group === 'notification.toolkit.fluxcd.io/v1') {
      checkFluxReceiver(object, adderFor(object, findings));
    } else if (kind === 'ExternalSecret' && group.startsWith('external-secrets.io/')) {
      checkExternalSecret(object, adderFor(object, findings));
    } else if ((kind === 'SecretStore' || kind === 'ClusterSecretStore') && group.startsWith('external-secrets.io/')) {
      checkVaultStore(object, adderFor(object, findings));
    } else if (kind === 'ConstraintTemplate' && group.startsWith('templates.gatekeeper.sh/')) {
      checkConstraintTemplate(object, adderFor(object, findings));
    } else if ((kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') && group === 'cilium.io/v2') {
      checkCiliumPolicy(object, adderFor(object, findings));
    } else if (kind === 'Connector' && group.startsWith('tailscale.com/')) {
      checkConnector(object, adderFor(object, findings));
    } else if (kind === 'Application' && group === 'argoproj.io/v1alpha1') {
      checkApplication(object, adderFor(object, findings));
    } else if (kind === 'ApplicationSet' && group === 'argoproj.io/v1alpha1') {
      checkApplicationSet(object, adderFor(object, findings));
    } else if (ADVERTISEMENT_KINDS.has(kind) && group.startsWith('metallb.io/')) {
      checkAdvertisement(object, adderFor(object, findings));
      if (kind === 'BGPAdvertisement') {
        bgp ??= bgpConfiguration(cluster);
        checkBgpAdvertisement(object, bgp, adderFor(object, findings));
      }
    } else if (kind === 'BGPPeer' && group.startsWith('metallb.io/')) {
      checkBgpPeer(object, adderFor(object, findings));
    } else if (kind === 'Plan' && group.startsWith('upgrade.cattle.io/')) {
      plans ??= upgradePlanNames(cluster);
      checkUpgradePlan(object, plans.get(text(metadata.namespace) ?? 'default') ?? new Set(), cluster.chart, adderFor(object, findings));
    } else if (kind === 'PrometheusRule' && group === 'monitoring.coreos.com/v1') {
      checkPrometheusRule(object, adderFor(object, findings));
    } else if (kind === 'Pooler' && group.startsWith('postgresql.cnpg.io/')) {
      checkCnpgCrdRules(kind, fields(object.manifest.spec), adderFor(object, findings));
    } else if (isBackupOperatorObject(object)) {
      checkBackupOperatorObject(object, adderFor(object, findings));
    } else if (kind === 'SealedSecret' && group.startsWith('bitnami.com/')) {
      const add = adderFor(object, findings);
      checkSealedKeys(object, add);
      checkSealedDataSize(object, add);
      checkSealingScope(object, add);
      checkSealedTemplateIdentity(object, add);
      sealed.push(object);
    }
  }
  if (sealed.length > 1) {
    // A secret construct notes the values it checked on itself, and renders its object as its child.
    const secretConstructs = new Set(cluster.notes.filter((note) => note.type === VALUES_CHECKED_NOTE).map((note) => note.constructPath));
    const parentOf = (object: SynthesizedObject) => object.constructPath.replace(/\/[^/]*$/, '');
    findings.push(...checkSealedValuesReused(sealed, (object) => (secretConstructs.has(parentOf(object)) ? parentOf(object) : undefined)));
  }
  checkAddressPools(cluster, (object) => adderFor(object, findings));
  const priorityClasses = knownPriorityClasses(cluster.objects);
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const add = adderFor(template.object, findings);
    checkWorkloadFields(template, add);
    checkPriorityFields(template.spec, template.specPath, priorityClasses, add);
    checkGatedPodFields(template, add);
    checkTailscaleRoutes(template, add);
    if (template.object.manifest.kind === 'Pod') {
      continue;
    }
    checkWorkloadSelector(template, add);
    checkRestartPolicy(template, add);
    const metadataPath = template.specPath.replace(/\.spec$/, '.metadata').replace(/^spec$/, 'metadata');
    const labels = template.labels;
    const objectMetadata = fields(template.object.manifest.metadata);
    const objectLabels = fields(objectMetadata.labels);
    // for-in lists no entries: the labels of every pod template are read.
    for (const key in labels) {
      const value = labels[key];
      // Object labels are checked by the names check already; a value the pods share with the object is reported once.
      const problem = objectLabels[key] === value ? undefined : nameProblem(value, LABEL_VALUE);
      if (problem) {
        add(`${metadataPath}.labels.${key}`, problem, "use at most 63 letters, digits, '-', '_' and '.', beginning and ending with a letter or digit");
      }
    }
    // Keys the object itself carries were checked with the object.
    const objectAnnotations = fields(objectMetadata.annotations);
    checkKeys(labels, 'labels', metadataPath, template.object, findings, objectLabels);
    checkKeys(template.annotations, 'annotations', metadataPath, template.object, findings, objectAnnotations);
  }
  return findings;
}

/** The PriorityClasses of the cluster and Kubernetes' own, by name, and what a pod of no class gets. */
function knownPriorityClasses(objects: readonly SynthesizedObject[]): KnownPriorityClasses {
  const byName = new Map<string, AdmittedPriority>(Object.entries(SYSTEM_PRIORITY_CLASSES).map(([name, value]) => [name, { name, value, preemptionPolicy: 'PreemptLowerPriority' }]));
  let fallback: AdmittedPriority = { value: 0, preemptionPolicy: 'PreemptLowerPriority' };
  for (const priorityClass of indexOf(objects).of('PriorityClass')) {
    const name = text(fields(priorityClass.manifest.metadata).name);
    const value = priorityClass.manifest.value;
    if (name === undefined || typeof value !== 'number' || priorityClass.manifest.apiVersion !== 'scheduling.k8s.io/v1') {
      continue;
    }
    const admitted = { name, value, preemptionPolicy: priorityClass.manifest.preemptionPolicy === 'Never' ? 'Never' : 'PreemptLowerPriority' };
    byName.set(name, admitted);
    // A second default is refused on its own; the pods get the first's.
    if (priorityClass.manifest.globalDefault === true && fallback.name === undefined) {
      fallback = admitted;
    }
  }
  return { byName, fallback };
}

/** What a check of `object` calls to report an error about it. */
/** The names of the cluster's system-upgrade-controller Plans, by namespace. */
function upgradePlanNames(cluster: SynthesizedCluster): ReadonlyMap<string, ReadonlySet<string>> {
  const byNamespace = new Map<string, Set<string>>();
  for (const { manifest } of cluster.objects) {
    if (manifest.kind === 'Plan' && String(manifest.apiVersion).startsWith('upgrade.cattle.io/')) {
      const metadata = fields(manifest.metadata);
      const namespace = text(metadata.namespace) ?? 'default';
      byNamespace.set(namespace, (byNamespace.get(namespace) ?? new Set()).add(text(metadata.name) ?? ''));
    }
  }
  return byNamespace;
}

function adderFor(object: SynthesizedObject, findings: Finding[]): AddFinding {
  return objectAdder(object, layer, findings);
}

/** Workload kinds of `apps/v1`, whose selector is required and must select their own pod template. */
const SELECTING_KINDS: ReadonlySet<unknown> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * A pod template's restart policy is one its workload kind takes; a Job's must be set, as the default
 * (`Always`) is not one, and be Never where the Job has a pod failure policy, which judges each failed pod,
 * or a backoff limit per index, which counts each failed pod against its index.
 */
function checkRestartPolicy(template: PodTemplate, add: AddFinding): void {
  const kind = String(template.object.manifest.kind);
  const jobSpec = jobSpecOf(template);
  const countsFailures = jobSpec?.podFailurePolicy !== undefined ? 'podFailurePolicy' : jobSpec?.backoffLimitPerIndex !== undefined ? 'backoffLimitPerIndex' : undefined;
  const allowed = countsFailures !== undefined ? ['Never'] : templateKindOf(template.object.manifest)?.restartPolicies;
  const policy = template.spec.restartPolicy;
  if (allowed !== undefined && policy === undefined && !allowed.includes('Always')) {
    add(`${template.specPath}.restartPolicy`, `a ${kind}'s pods need a restartPolicy`, `set ${allowed.join(' or ')}`);
  } else if (allowed !== undefined && policy !== undefined && !allowed.includes(policy as string)) {
    add(`${template.specPath}.restartPolicy`, countsFailures === 'podFailurePolicy'
      ? `a Job with a podFailurePolicy judges each failed pod, so its pods fail rather than restart; restartPolicy ${JSON.stringify(policy)} is refused`
      : countsFailures === 'backoffLimitPerIndex'
        ? `a Job with a backoffLimitPerIndex counts each failed pod against its index, so its pods fail rather than restart; restartPolicy ${JSON.stringify(policy)} is refused`
        : `a ${kind}'s pods cannot have restartPolicy ${JSON.stringify(policy)}`,
    countsFailures !== undefined ? `set restartPolicy: Never, or drop the ${countsFailures}` : `use ${allowed.join(' or ')}, or leave it out`);
  }
}

/** The Job spec a pod template belongs to: a Job's own, or the one a CronJob creates; undefined for other kinds. */
function jobSpecOf(template: PodTemplate): Fields | undefined {
  const { apiVersion, kind, spec } = template.object.manifest;
  if (apiVersion !== 'batch/v1') {
    return undefined;
  }
  return kind === 'Job' ? fields(spec) : kind === 'CronJob' ? fields(fields(fields(spec).jobTemplate).spec) : undefined;
}

/**
 * An `apps/v1` workload's selector, and that of a Job with `manualSelector: true` (whose selector the API
 * server does not generate): given, selecting the labels of its own pod template, and, for the apps/v1
 * kinds, not empty.
 */
function checkWorkloadSelector(template: PodTemplate, add: AddFinding): void {
  const manifest = template.object.manifest;
  const spec = fields(manifest.spec);
  if (manifest.kind === 'ReplicationController' && manifest.apiVersion === 'v1') {
    checkControllerSelector(spec.selector, template, add);
    return;
  }
  const manualJob = manifest.kind === 'Job' && manifest.apiVersion === 'batch/v1' && spec.manualSelector === true;
  if (!manualJob && (!SELECTING_KINDS.has(manifest.kind) || manifest.apiVersion !== 'apps/v1')) {
    return;
  }
  if (spec.selector === undefined) {
    // The schema requires an apps/v1 workload's selector and says so; a Job's it leaves optional.
    if (manualJob) {
      add('spec.selector', 'a Job with manualSelector: true needs its selector: the API server then generates none', 'give spec.selector matching the pod template\'s labels, or drop manualSelector');
    }
    return;
  }
  const selector = fields(spec.selector);
  checkLabelSelector(selector, 'spec.selector', add);
  // A Job may select every pod; the apps/v1 kinds may not.
  if (!manualJob && Object.keys(fields(selector.matchLabels)).length === 0 && list(selector.matchExpressions).length === 0) {
    add('spec.selector', `the selector is empty; the API server refuses a ${String(manifest.kind)} that selects every pod`, 'select the pods by their labels: selector: { matchLabels: { … } }');
  } else if (!labelSelectorMatches(selector, template.labels)) {
    add('spec.selector', "the selector does not select the pod template's labels; the API server refuses it",
      `make spec.selector select the labels of spec.template.metadata.labels${manualJob ? ', or drop manualSelector and the selector' : ''}`);
  }
}

/**
 * A ReplicationController's selector is a plain map, which the API server fills with the pod template's labels
 * when it is left out or empty; the selector it ends with must not be empty and must select those labels.
 */
function checkControllerSelector(selector: unknown, template: PodTemplate, add: AddFinding): void {
  const map = stringMap(selector);
  checkSelectorMap(selector, 'spec.selector', add);
  if (Object.keys(map).length === 0 && Object.keys(template.labels).length === 0) {
    add('spec.selector', 'a ReplicationController without a selector takes its pod template\'s labels as one, and the template has none; the API server refuses an empty selector',
      "label the pods and select them: template: { metadata: { labels: { app: 'web' } } }, selector: { app: 'web' }");
  } else if (Object.keys(map).length > 0 && !selectorMatches(map, template.labels)) {
    add('spec.selector', "the selector does not select the pod template's labels; the API server refuses it",
      'make spec.selector a subset of spec.template.metadata.labels, or leave it out to select them all');
  }
}

/**
 * Reports keys of the labels or annotations `map` (`which`) of the metadata at `metadataPath` in `object` that
 * are no keys of theirs (see `metadataKeyProblem`), but for keys of `checked` (the object's own map of the
 * same name, checked with the object). Takes the object rather than a callback: it runs for every object.
 */
function checkKeys(
  map: unknown, which: 'labels' | 'annotations', metadataPath: string, object: SynthesizedObject, findings: Finding[], checked?: Fields,
): void {
  const record = fields(map);
  // for-in lists no keys (Object.keys would, for the labels and annotations of every object); manifests are
  // plain JSON, whose for-in keys are Object.keys'.
  for (const key in record) {
    if (checked !== undefined && hasOwn(checked, key)) {
      continue;
    }
    const problem = metadataKeyProblem(key, which);
    if (problem) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: `${metadataPath}.${which}.${key}`, message: problem,
        hint: 'write keys as [prefix/]name: an optional lower-case DNS prefix and a name of letters, digits, - _ . (e.g. app.kubernetes.io/name)',
      }));
    }
  }
}

/** Keys of a ConfigMap's or Secret's data maps that the API server refuses, and a key in both maps of a ConfigMap. */
function checkDataKeys(object: SynthesizedObject, maps: readonly [string, string], findings: Finding[]): void {
  const [first, second] = maps.map((name) => fields(object.manifest[name]));
  const report = (field: string, message: string, hint: string) => findings.push(objectFinding(object, { layer, severity: 'error', field, message, hint }));
  for (const [name, map] of [[maps[0], first], [maps[1], second]] as const) {
    for (const key in map) {
      const problem = dataKeyProblem(key);
      if (problem) {
        report(`${name}.${key}`, problem, 'name keys with letters, digits, -, _ and . only (they become file names when mounted)');
      }
    }
  }
  if (object.manifest.kind === 'ConfigMap') {
    for (const key in second) {
      if (hasOwn(first, key)) {
        report(`${maps[1]}.${key}`, `key "${key}" is in data as well`, 'keep each key in one of data and binaryData');
      }
    }
  }
}

/**
 * Keys of the Secret a SealedSecret makes: its controller writes them as data keys, and the API server
 * refuses that Secret when a key is no data key. (An ExternalSecret's CRD checks its keys itself.)
 */
function checkSealedKeys(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const encrypted = fields(spec.encryptedData);
  for (const key in encrypted) {
    const problem = dataKeyProblem(key);
    if (problem) {
      add(`spec.encryptedData.${key}`, `${problem}; the controller could not write the Secret`, 'name keys with letters, digits, -, _ and . only (they become file names when mounted)');
    }
  }
  // The controller writes the Secret from the template and the unsealed keys; the API server then checks its type.
  const template = fields(spec.template);
  const templateData = fields(template.data);
  const missing = missingTypedKeys(template.type, (key) => encrypted[key] !== undefined || templateData[key] !== undefined);
  if (missing) {
    add('spec.template.type', `the Secret unsealed from it, of type ${String(template.type)}, needs ${missing}; the API server would refuse it`,
      `seal ${missing} into encryptedData, or drop the type`);
  }
}

function hasOwn(record: Fields, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** Service types reachable from outside the cluster, which alone take node ports and an external traffic policy. */
const EXTERNAL_SERVICE_TYPES: ReadonlySet<unknown> = new Set(['NodePort', 'LoadBalancer']);

/** The annotation that published a Service's unready pods before `publishNotReadyAddresses`. */
const TOLERATE_UNREADY_ANNOTATION = 'service.alpha.kubernetes.io/tolerate-unready-endpoints';

function checkService(object: SynthesizedObject, nodePorts: NodePortRange, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const type = spec.type ?? 'ClusterIP';
  if (fields(fields(object.manifest.metadata).annotations)[TOLERATE_UNREADY_ANNOTATION] !== undefined) {
    // kube-proxy and CoreDNS read EndpointSlices, whose controller reads the field alone.
    add(`metadata.annotations.${TOLERATE_UNREADY_ANNOTATION}`, `the annotation ${TOLERATE_UNREADY_ANNOTATION} is no longer read: the EndpointSlices that kube-proxy and CoreDNS follow list unready pods only by spec.publishNotReadyAddresses, so the pods stay unreachable until ready`,
      'drop the annotation and set spec.publishNotReadyAddresses: true (a StatefulSet\'s headless Service, whose pods find each other while they start)');
  }
  if (spec.selector !== undefined) {
    checkSelectorMap(spec.selector, 'spec.selector', add);
  }
  const clusterIp = spec.clusterIP;
  if (typeof clusterIp === 'string' && clusterIp !== '' && clusterIp !== 'None' && !isIpAddress(clusterIp)) {
    add('spec.clusterIP', `"${clusterIp}" is not an IP address`, 'leave clusterIP out (the cluster picks one), or set None for a headless Service');
  }
  if (EXTERNAL_SERVICE_TYPES.has(type) && (clusterIp === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None'))) {
    add(clusterIp === 'None' ? 'spec.clusterIP' : 'spec.clusterIPs[0]', `a ${String(type)} Service cannot be headless (clusterIP None): its node ports forward to the cluster IP`,
      'drop clusterIP, or make a headless Service of its own for the pods\' DNS names');
  }
  if (Array.isArray(spec.externalIPs)) {
    // Entries of another type are the schema layer's.
    spec.externalIPs.forEach((address: unknown, i: number) => {
      const problem = typeof address === 'string' ? externalIpProblem(address) : undefined;
      if (problem !== undefined) {
        add(`spec.externalIPs[${i}]`, problem, 'write one address per entry that reaches a node, e.g. 192.168.1.240 (not loopback or link-local)');
      }
    });
  }
  const external = EXTERNAL_SERVICE_TYPES.has(type) || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
  if (!external && spec.externalTrafficPolicy !== undefined) {
    add('spec.externalTrafficPolicy', `a ${String(type)} Service takes no externalTrafficPolicy; only a Service reachable from outside does`, 'drop externalTrafficPolicy, or make the Service a NodePort or LoadBalancer');
  }
  if (type === 'ExternalName') {
    checkExternalName(spec, add);
  }
  checkServiceFields(spec, fields(fields(object.manifest.metadata).annotations), type, add);
  if (spec.sessionAffinityConfig !== undefined && spec.sessionAffinity !== 'ClientIP') {
    add('spec.sessionAffinityConfig', `sessionAffinityConfig is only for sessionAffinity ClientIP, not ${String(spec.sessionAffinity ?? 'None')}`,
      'set sessionAffinity: ClientIP, or drop sessionAffinityConfig');
  }
  if (type !== 'LoadBalancer') {
    if (spec.loadBalancerClass !== undefined) {
      add('spec.loadBalancerClass', `a ${String(type)} Service takes no loadBalancerClass; only a LoadBalancer Service does`, 'drop loadBalancerClass, or make the Service a LoadBalancer');
    }
  }
  const ports = list(spec.ports);
  const headless = clusterIp === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
  // A Knative Service (serving.knative.dev) is a Service by kind too, with no ports of its own.
  if (object.manifest.apiVersion === 'v1' && ports.length === 0 && !headless && type !== 'ExternalName') {
    // The API server's ValidateService: only a headless or ExternalName Service forwards no port.
    add('spec.ports', `a ${String(type)} Service needs at least one port ("spec.ports: Required value")`,
      "list the ports it forwards (ports: [{ name: 'http', port: 80, targetPort: 8080 }]), or set clusterIP: None for a headless Service that only names the pods");
  }
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((port, i) => {
    if (typeof port.port === 'number' && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
      add(`spec.ports[${i}].port`, `Service port ${port.port} is not within 1–65535`, 'use a port of 1–65535');
    }
    if (!EXTERNAL_SERVICE_TYPES.has(type) && port.nodePort !== undefined && port.nodePort !== 0) {
      add(`spec.ports[${i}].nodePort`, `a ${String(type)} Service takes no node port`, 'drop nodePort, or make the Service a NodePort or LoadBalancer');
    } else if (typeof port.nodePort === 'number' && port.nodePort !== 0 && !inNodePortRange(port.nodePort, nodePorts)) {
      add(`spec.ports[${i}].nodePort`, `node port ${port.nodePort} is outside the cluster's node-port range ${formatNodePortRange(nodePorts)}`,
        "pick a port inside the range, or widen the cluster's nodePortRange (the API server's --service-node-port-range)");
    }
    if (typeof port.targetPort === 'number' && !(Number.isInteger(port.targetPort) && port.targetPort >= 1 && port.targetPort <= 65535)) {
      add(`spec.ports[${i}].targetPort`, `target port ${port.targetPort} is not within 1–65535`, "use the container's port, 1–65535, or its name");
    }
    const targetName = typeof port.targetPort === 'string' ? nameProblem(port.targetPort, IANA_SERVICE_NAME) : undefined;
    if (targetName !== undefined) {
      add(`spec.ports[${i}].targetPort`, `a named target port is a container port's name: ${targetName}`,
        "name the container's port with at most 15 lower-case letters, digits and '-', or give its number");
    }
    const name = text(port.name);
    if (ports.length > 1 && (name === undefined || name === '')) {
      add(`spec.ports[${i}].name`, 'a Service with several ports needs a name on each', 'name every port of the Service');
    }
    if (name !== undefined) {
      if (names.has(name)) {
        add(`spec.ports[${i}].name`, `port name "${name}" is used by spec.ports[${names.get(name)}] already`, 'give every port of the Service its own name');
      } else {
        names.set(name, i);
      }
    }
    const key = `${String(port.port)}/${text(port.protocol) ?? 'TCP'}`;
    if (numbers.has(key)) {
      add(`spec.ports[${i}].port`, `port ${key} is declared by spec.ports[${numbers.get(key)}] already`, 'expose each port and protocol once');
    } else {
      numbers.set(key, i);
    }
  });
}

/** An ExternalName Service points at a DNS name and has no cluster IP (nor cluster IPs). */
function checkExternalName(spec: Fields, add: AddFinding): void {
  const externalName = spec.externalName;
  if (typeof externalName !== 'string' || externalName === '') {
    add('spec.externalName', 'an ExternalName Service needs the name it points at', 'set externalName to a DNS name, e.g. nas.lab.example.com');
    return;
  }
  const problem = externalNameProblem(externalName);
  if (problem !== undefined) {
    add('spec.externalName', `externalName ${problem}`, isIpAddress(externalName)
      ? 'point it at the machine\'s DNS name; to reach an address, give the Service no type and no selector, and an EndpointSlice of the address (or externalHost() and ExternalService)'
      : 'give a DNS name only, e.g. nas.lab.example.com: no scheme, port or path');
  }
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') {
    add('spec.clusterIP', 'an ExternalName Service has no cluster IP', 'drop clusterIP: the name resolves to externalName');
  } else if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) {
    add('spec.clusterIPs', 'an ExternalName Service has no cluster IPs', 'drop clusterIPs: the name resolves to externalName');
  }
}
