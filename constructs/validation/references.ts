import { bundleSources, namespacesOfObjects, trustBundleConfigMaps, trustBundleTargets, trustNamespaceOf, unselectedBundleHint } from './trust-bundles';
import { checkInstanceSecretKeys } from './instance-secret-keys';
import { checkN8nQueueProcesses } from './n8n-queue-processes';
import { checkAuthentikOutpostPaths } from './authentik-outpost-paths';
import { checkRebootDaemons } from './reboot-daemons';
import { checkDeschedulerPolicies } from './descheduler-policy';
import { closestName, missingKeyHint } from './closest-name';
import { checkRecoveryArchives } from './cnpg-recovery-archive';
import { checkCnpgNamedObjects } from './cnpg-named-objects';
import { checkServiceAccountNames } from './service-account-names';
import { checkKubectlTokens } from './kubectl-tokens';
import { checkKubectlRolloutRules } from './kubectl-rollout-rules';
import { checkStatefulPodNames } from './stateful-pod-names';
import { checkMongoSrvUrls } from './mongodb-srv';
import { checkSqlIdentifiers } from './sql-identifiers';
import { checkPsqlCommandVariables } from './psql-command-variables';
import { checkRedisSentinels } from './redis-sentinel';
import { checkSharedSecrets } from './shared-secrets';
import { checkSynapseDatabaseLocale } from './synapse-database-locale';
import { checkRelaySenderDomains } from './relay-sender-domains';
import { checkHomepageKubernetes } from './homepage-kubernetes';
import { checkScrapeDiscoveryAccounts } from './scrape-discovery-accounts';
import { checkNamedConfigFiles } from './named-config-files';
import { checkCaFileVariables } from './ca-file-variables';
import { checkGatusConfigPath } from './gatus-config-path';
import { checkGatusStorage } from './gatus-storage';
import { checkConfigFileVariables } from './config-file-variables';
import { checkFrigateTlsRoutes } from './frigate-tls-routes';
import { checkAutheliaConfig } from './authelia-config';
import { checkTraefikPlugins } from './traefik-plugins';
import { checkCrowdSecTraefikLogs } from './crowdsec-traefik-logs';
import { checkArgoCdProjectKinds } from './argo-cd-project-kinds';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { madeForNamedNamespace, namedNamespaceFindings } from './named-namespaces';
import { checkAcmeChallenges } from './acme-challenges';
import { checkExternalDnsAnnotations } from './external-dns-annotations';
import { checkOperatorDatabaseTiers } from './operator-database-tiers';
import { checkAutoscalerTargets } from './autoscalers';
import { checkDisruptionBudgets } from './disruption-budgets';
import { checkLimitRanges } from './limit-ranges';
import { checkPodLimitRanges } from './pod-limit-ranges';
import { checkQuotaResources } from './quota-resources';
import { checkQuotaObjects } from './quota-objects';
import { checkClaimLimitRanges } from './claim-limit-ranges';
import { checkNamespacedBindings } from './namespaced-bindings';
import { checkFluxReferences } from './flux-references';
import { checkSyncSources } from './sync-sources';
import { checkArgoCdHooks } from './argo-cd-hooks';
import { checkSubstitutionPlaceholders } from './substitution-placeholders';
import { checkForeignEngineAnnotations } from './foreign-engine-annotations';
import { checkIngressControllerAnnotations } from './ingress-controller-annotations';
import { checkSecretProviderClasses } from './secret-provider-classes';
import { checkMiddlewareReferences } from './middleware-references';
import { checkRouteMatchers } from './route-matchers';
import { checkVolumeSnapshotClasses } from './volume-snapshot-classes';
import { checkNfsClaimFolders } from './nfs-claim-folders';
import { staticNfsClaimNamespaceFindings } from '../services/static-nfs-volume';
import { checkComponentSecrets } from './component-secrets';
import { checkRunnerControllerNamespace } from './runner-controller-namespace';
import type { ServicePortMade } from '../platform/component';
import { checkMonitorTargets } from './monitor-targets';
import { checkGrafanaDashboards } from './grafana-dashboards';
import { checkAlertRoutes } from './alert-routes';
import { checkConfigFileHosts } from './config-file-hosts';
import { checkHeadscaleDomains } from './headscale-domains';
import { checkHeadscaleServerUrl } from './headscale-server-url';
import { checkHeadscaleDatabase } from './headscale-database';
import { checkHeadscaleListeners } from './headscale-listeners';
import { checkGarageSecretFiles } from './garage-secret-files';
import { checkSecretMountFiles } from './secret-mount-files';
import { checkDhcpOptionServers } from './dhcp-option-servers';
import { checkRuleWindows } from './rule-windows';
import { clusterScopeResolver, unscopedCrdHint } from './kind-scope';
import { isUnpersistedKind } from './unpersisted-kinds';
import type { NamedCheck } from './check';
import { chartValueReferences } from './chart-claims';
import { declaredExternalSecrets, externalIndexOf, externalSecretsToCreate } from './external';
import { keysReportedOnProps, subPathProps, unknownKeyFindings } from '../secrets/secret-keys';
import { checkSecretProducers, SecretProducer, secretProducers } from './secret-producers';
import { claimModeChecker } from './claim-modes';
import { RETIRED_CERT_MANAGER_PREFIX } from './networking-rules';
import { gatewayShimIssuer, SHIM_ANNOTATIONS, shimListeners } from './certificate-shim';
import { checkCiliumGatewayListeners } from './cilium-gateway-listeners';
import type { Finding } from './finding';
import { fields, Fields, keyOf, labelSelectorMatches, list, namespaceOf, objectFinding, selectorMatches, stringMap, text } from './manifest';
import { indexOf, ObjectIndex } from './object-index';
import { platformReading } from './platform-reading';
import { checkOpenAiBaseUrls } from './openai-base-urls';
import { quantityValue } from './quantity';
import { isEnvVarName } from './syntax';
import { volsyncMovers } from './volsync-movers';
import { backupSecretRefs } from './backup-secret-refs';
import { checkCsiSecretParameterPairs, csiSecretRefs } from './csi-secret-refs';
import { checkCsiVolumeHandles } from './csi-volume-handles';
import { checkNfsSubdirPathPatterns } from './nfs-subdir-path-patterns';
import { checkBackupTargets } from './backup-targets';
import { gatewayClassesOf, kindsWithoutCrd } from './provided';
import { admittedPodTemplates, claimsOfRunningWorkloads, containersOf, PodTemplate, podTemplates, podTemplatesSelectedBy, vmPodLabels } from './pod-spec';
import { attachmentsOf, MULTUS_ANNOTATION } from './attachment-vlans';
import type { VmPodLabels } from './pod-spec';
import { checkVmHostDevices } from './vm-host-devices';
import { checkProviderConfigRefs } from './provider-config-refs';
import { checkVmLiveMigration } from './vm-live-migration';
import { checkCephPools } from './ceph-pools';
import { checkCephStorageClasses } from './ceph-storage-classes';
import { checkLonghornParameters } from './longhorn-parameters';
import { checkDomainMappings } from './knative-domain-mappings';
import { checkControlPlaneReplicas } from './control-plane-replicas';

const layer = 'references' as const;

/** A Service selects at least one pod template of its namespace, and each targetPort is a port of one. */
export function checkServiceSelectors(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const vmsByNamespace = new Map<string, VmPodLabels[]>();
  for (const vm of vmPodLabels(cluster.objects)) {
    vmsByNamespace.set(vm.namespace, [...(vmsByNamespace.get(vm.namespace) ?? []), vm]);
  }
  for (const service of indexOf(cluster.objects).of('Service')) {
    const spec = fields(service.manifest.spec);
    const selector = stringMap(spec.selector);
    if (spec.type === 'ExternalName' || isEmpty(selector)) {
      continue;
    }
    const selected = podTemplatesSelectedBy(cluster.objects, namespaceOf(service), selector);
    const selectedVms = (vmsByNamespace.get(namespaceOf(service)) ?? []).filter((vm) => selectorMatches(selector, vm.labels));
    if (selectedVms.length > 0 && selected.length === 0) {
      findings.push(...vmServicePortFindings(service, selectedVms));
      continue;
    }
    if (selected.length === 0) {
      findings.push(objectFinding(service, {
        layer, severity: 'error', field: 'spec.selector',
        message: `selects no pod template in namespace "${namespaceOf(service)}" (${JSON.stringify(selector)})`,
        hint: 'make the selector match the labels of the workload\'s pod template',
      }));
      continue;
    }
    const served = servedPorts(selected);
    list(spec.ports).forEach((port, index) => {
      const target = port.targetPort ?? port.port;
      const protocol = port.protocol ?? 'TCP';
      if (!served.has(servedPortKey(protocol, target))) {
        findings.push(objectFinding(service, {
          layer, severity: 'error', field: `spec.ports[${index}].targetPort`,
          message: `${protocol} port ${String(target)} is not a container port of the selected pods`,
          hint: 'target a containerPort (by number or name) that the selected containers declare',
        }));
      }
    });
  }
  return findings;
}

/** A port of a VM's interface (`spec.template.spec.domain.devices.interfaces[].ports[]`), as KubeVirt reads it. */
interface VmPort {
  readonly name?: string;
  readonly port: unknown;
  readonly protocol: unknown;
}

/**
 * The ports a VM's pod serves a Service on. KubeVirt declares each port listed on an interface as a port of the
 * virt-launcher pod, which a named `targetPort` resolves against; the masquerade interface on the pod network
 * forwards every port to the guest when it lists none, and only those it lists otherwise.
 */
function vmServedPorts(vm: VmPodLabels): { readonly named: readonly VmPort[]; readonly forwardsEveryPort: boolean } {
  const template = fields(fields(fields(vm.object.manifest.spec).template).spec);
  const podNetworks = list(template.networks).filter((network) => network.pod !== undefined).map((network) => network.name);
  const interfaces = list(fields(fields(template.domain).devices).interfaces);
  const named = interfaces.flatMap((iface) => list(iface.ports).map((p): VmPort => ({ name: text(p.name), port: p.port, protocol: p.protocol ?? 'TCP' })));
  const podInterface = interfaces.find((iface) => podNetworks.includes(iface.name));
  const forwardsEveryPort = podInterface === undefined || podInterface.masquerade === undefined || list(podInterface.ports).length === 0;
  return { named, forwardsEveryPort };
}

/**
 * A Service that selects only VMs: each `targetPort` by name is a port an interface of a selected VM lists, and one
 * by number is one the VM's masquerade interface forwards. Otherwise the Service's endpoints reach nothing in the
 * guest, and the API server takes it all the same.
 */
function vmServicePortFindings(service: SynthesizedObject, vms: readonly VmPodLabels[]): Finding[] {
  const served = vms.map(vmServedPorts);
  const findings: Finding[] = [];
  list(fields(service.manifest.spec).ports).forEach((port, index) => {
    const target = port.targetPort ?? port.port;
    const protocol = port.protocol ?? 'TCP';
    const listed = served.flatMap((s) => s.named).filter((p) => p.protocol === protocol);
    const reached = typeof target === 'string'
      ? listed.some((p) => p.name === target)
      : served.some((s) => s.forwardsEveryPort) || listed.some((p) => p.port === target);
    if (reached) {
      return;
    }
    const ports = listed.map((p) => `${p.name ?? 'unnamed'} ${String(p.port)}`).join(', ');
    findings.push(objectFinding(service, {
      layer, severity: 'error', field: `spec.ports[${index}].targetPort`,
      message: typeof target === 'string'
        ? `${String(protocol)} port ${target} is no port the interfaces of the selected VM list (${ports === '' ? 'they list none' : ports}), so the Service resolves it on no pod and reaches nothing`
        : `${String(protocol)} port ${String(target)} is not among the ports the selected VM's masquerade interface forwards to the guest (${ports}), so the Service reaches nothing there`,
      hint: typeof target === 'string'
        ? `target the guest's port by number, or list it on the VM's interface: ports: [{ name: '${target}', port: <the guest's port> }]`
        : `list it on the VM's interface too (ports: [{ name: 'http', port: ${String(target)} }]), or leave out the interface's ports, which forwards every port`,
    }));
  });
  return findings;
}

/**
 * The ports the running containers of `templates` (containers, and init containers that keep running) serve, as
 * {@link servedPortKey}s by number and by name: gathered once per Service, which may have thousands of ports.
 */
function servedPorts(templates: readonly PodTemplate[]): Set<string> {
  const served = new Set<string>();
  for (const template of templates) {
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, init } = containerRefs[c];
      if (init && container.restartPolicy !== 'Always') {
        continue;
      }
      for (const p of list(container.ports)) {
        const protocol = p.protocol ?? 'TCP';
        served.add(servedPortKey(protocol, p.containerPort));
        if (typeof p.name === 'string') {
          served.add(servedPortKey(protocol, p.name));
        }
      }
    }
  }
  return served;
}

/** The key of a container's port by protocol and number (or name), as a Service's `targetPort` names it. */
function servedPortKey(protocol: unknown, target: unknown): string {
  return `${String(protocol)} ${typeof target === 'number' ? String(target) : `name ${String(target)}`}`;
}

/** Whether `record` has no key. */
function isEmpty(record: object): boolean {
  // for-in lists no keys (Object.keys would); the record is plain JSON.
  for (const _ in record) {
    return false;
  }
  return true;
}

import { backendRefs, type BackendRef, GATEWAY_ROUTE_KINDS } from './backend-refs';
import { nonHttpPortRouteProblem, nonHttpProtocolOf } from './non-http-ports';
import { statefulOrdinals } from './stateful-ordinals';

/** Route kinds that carry UDP; every other route carries TCP (HTTP, TLS or plain TCP). */
const UDP_ROUTE_KINDS: readonly string[] = ['UDPRoute', 'IngressRouteUDP'];
/** Route kinds that carry HTTP (over TCP), to a Service port that speaks it. */
const HTTP_ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'IngressRoute', 'Ingress'];

/**
 * Route backends (HTTPRoute, TCPRoute, IngressRoute, Ingress, …) name an existing Service and one of its
 * ports, of the protocol the route carries.
 */
export function checkRouteBackends(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const chartServices = chartServicesByNamespace(cluster);
  const findings: Finding[] = [];
  for (const ref of backendRefs(index)) {
    const name = text(ref.name) ?? '';
    const service = index.find('Service', ref.namespace, name);
    const made = service ? undefined : chartServices.get(ref.namespace);
    if (made !== undefined) {
      findings.push(...chartServiceFindings(ref, name, made));
      continue;
    }
    if (!service && external.services.has(keyOf(ref.namespace, name))) {
      continue;
    }
    if (!service) {
      // An App's namespace defaults to its id: the Service of another app is most often there.
      const elsewhere = index.of('Service').filter((s) => s.manifest.metadata.name === name).map((s) => namespaceOf(s)).sort();
      findings.push(objectFinding(ref.route, {
        layer, severity: 'error', field: `${ref.field}.name`,
        message: `backend Service "${name}" does not exist in namespace "${ref.namespace}"`,
        hint: elsewhere.length > 0
          ? `Service "${name}" is in namespace ${elsewhere.map((ns) => `"${ns}"`).join(', ')}, and a route sends only to Services of its own namespace: `
            + `put the two apps in one namespace (namespace: '${ref.namespace}' on the app ${name})`
          : 'route to a Service this cluster declares, or declareExternal(scope, { services: [...] }) for one a Helm release makes',
      }));
      continue;
    }
    const ports = list(fields(service.manifest.spec).ports);
    if (ref.port === undefined) {
      findings.push(objectFinding(ref.route, {
        layer, severity: 'error', field: `${ref.field}.port`, message: `names no port of Service "${name}"`,
        hint: `use one of: ${ports.map((p) => p.port).join(', ')}`,
      }));
    } else {
      const carries = UDP_ROUTE_KINDS.includes(ref.route.manifest.kind) ? 'UDP' : 'TCP';
      // A number a Service serves on both protocols (DNS' 53) names the port of the protocol the route carries.
      const named = ports.filter((p) => p.port === ref.port || (typeof ref.port === 'string' && p.name === ref.port));
      const port = named.find((p) => (text(p.protocol) ?? 'TCP') === carries) ?? named[0];
      const protocol = text(port?.protocol) ?? 'TCP';
      if (!port) {
        findings.push(objectFinding(ref.route, {
          layer, severity: 'error', field: `${ref.field}.port`,
          message: `port ${String(ref.port)} is not a port of Service "${name}"`,
          hint: `use one of: ${ports.map((p) => (p.name ? `${p.port} (${String(p.name)})` : String(p.port))).join(', ') || '(it has none)'}`,
        }));
      } else if (protocol !== carries) {
        findings.push(objectFinding(ref.route, {
          layer, severity: 'error', field: `${ref.field}.port`,
          message: `port ${String(ref.port)} of Service "${name}" is ${protocol}, and the ${ref.route.manifest.kind} carries ${carries}`,
          hint: `route to a ${carries} port of the Service`,
        }));
      } else if (HTTP_ROUTE_KINDS.includes(ref.route.manifest.kind) && nonHttpProtocolOf(port.port, port.name) !== undefined) {
        const written = `${String(port.port)}${typeof port.name === 'string' ? ` (${port.name})` : ''} of Service "${name}"`;
        findings.push(objectFinding(ref.route, {
          layer, severity: 'error', field: `${ref.field}.port`, ...nonHttpPortRouteProblem(written, nonHttpProtocolOf(port.port, port.name)!, ref.route.manifest.kind),
        }));
      }
    }
  }
  findings.push(...domainMappingTargets(index, external));
  return findings;
}

/**
 * The Services the charts of each namespace make, where every component of the namespace states them
 * (`services`): a namespace that one component leaves unstated is taken on trust.
 */
function chartServicesByNamespace(cluster: SynthesizedCluster): Map<string, { readonly components: string[]; readonly services: Map<string, readonly ServicePortMade[]> }> {
  const byNamespace = new Map<string, { components: string[]; services: Map<string, readonly ServicePortMade[]> }>();
  const unstated = new Set(platformReading(cluster).components.filter((c) => c.props.services === undefined).map((c) => c.namespace));
  for (const component of platformReading(cluster).components) {
    if (unstated.has(component.namespace)) {
      continue;
    }
    const entry = byNamespace.get(component.namespace) ?? { components: [] as string[], services: new Map<string, readonly ServicePortMade[]>() };
    entry.components.push(component.name);
    for (const [name, ports] of Object.entries(component.props.services ?? {})) {
      entry.services.set(name, ports);
    }
    byNamespace.set(component.namespace, entry);
  }
  return byNamespace;
}

/** A route's backend in a namespace whose Services charts make: a Service they make, on a port it has. */
function chartServiceFindings(ref: BackendRef, name: string, made: { readonly components: string[]; readonly services: ReadonlyMap<string, readonly ServicePortMade[]> }): Finding[] {
  const ports = made.services.get(name);
  const of = `component${made.components.length > 1 ? 's' : ''} ${made.components.join(', ')}`;
  if (ports === undefined) {
    const known = [...made.services.keys()];
    const near = closestName(name, known) ?? known.find((k) => k.endsWith(`-${name}`));
    return [objectFinding(ref.route, {
      layer, severity: 'error', field: `${ref.field}.name`,
      message: `Service "${name}" is none that the chart of ${of} makes in namespace "${ref.namespace}": the route would send every request to nothing`,
      hint: `${near ? `name it as the chart does: serviceName: '${near}'; ` : ''}its Services: ${known.map((k) => `${k} (${made.services.get(k)!.map((p) => p.port).join(', ')})`).join(', ')}`,
    })];
  }
  if (ref.port !== undefined && !ports.some((p) => p.port === ref.port || p.name === ref.port)) {
    return [objectFinding(ref.route, {
      layer, severity: 'error', field: `${ref.field}.port`,
      message: `port ${String(ref.port)} is not a port of Service "${name}", which the chart of ${of} makes${ports.length === 1 ? ` with port ${ports[0].port} alone` : ''} (a pod's port is reached through it)`,
      hint: `use one of: ${ports.map((p) => `${p.port} (${p.name})`).join(', ')}`,
    })];
  }
  return [];
}

/**
 * A Knative DomainMapping maps its host to an existing Knative Service: Knative takes one that names none
 * and leaves the host unserved.
 */
function domainMappingTargets(index: ReturnType<typeof indexOf>, external: ReturnType<typeof externalIndexOf>): Finding[] {
  const findings: Finding[] = [];
  for (const mapping of index.of('DomainMapping')) {
    const ref = fields(fields(mapping.manifest.spec).ref);
    if ((text(ref.kind) ?? 'Service') !== 'Service' || !(text(ref.apiVersion) ?? 'serving.knative.dev/v1').startsWith('serving.knative.dev/')) {
      continue;
    }
    const namespace = text(ref.namespace) ?? namespaceOf(mapping);
    const name = text(ref.name) ?? '';
    const knativeServices = index.of('Service').filter((s) => String(s.manifest.apiVersion).startsWith('serving.knative.dev/') && namespaceOf(s) === namespace);
    if (knativeServices.some((s) => s.manifest.metadata?.name === name) || external.services.has(keyOf(namespace, name))) {
      continue;
    }
    findings.push(objectFinding(mapping, {
      layer, severity: 'error', field: 'spec.ref.name',
      message: `Knative Service "${name}" does not exist in namespace "${namespace}", so Knative serves the mapped host from nothing`,
      hint: `name a Knative Service of namespace ${namespace}${knativeServices.length > 0 ? ` (${knativeServices.map((s) => String(s.manifest.metadata?.name)).join(', ')})` : ''}, or route an App to the host: route: { host }`,
    }));
  }
  return findings;
}

/** Where a Gateway API route that names no Gateway of the cluster should attach: a Gateway it has, else how to get one. */
function gatewayParentHint(cluster: SynthesizedCluster, gateways: readonly SynthesizedObject[]): string {
  return gateways.length > 0
    ? `attach to a Gateway of the cluster: ${gateways.map((g) => `name: '${String(g.manifest.metadata?.name)}', namespace: '${namespaceOf(g)}'`).join('; or ')}`
    : `cluster "${cluster.chart.clusterName}" has no Gateway (its routes flavor is ${cluster.chart.routes.name}): route an App by its route: { host }, or give the cluster routes: gatewayApi({ gatewayClassName })`;
}

/** Gateway API routes attach to an existing Gateway, to a listener it has, from a namespace it admits. */
export function checkGatewayParents(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const route of index.of(...GATEWAY_ROUTE_KINDS)) {
    list(fields(route.manifest.spec).parentRefs).forEach((ref, i) => {
      if ((ref.kind ?? 'Gateway') !== 'Gateway' || (ref.group ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io') {
        return;
      }
      const field = `spec.parentRefs[${i}]`;
      const namespace = text(ref.namespace) ?? namespaceOf(route);
      const name = text(ref.name) ?? '';
      const gateway = index.find('Gateway', namespace, name);
      if (!gateway) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${field}.name`,
          message: `Gateway "${name}" does not exist in namespace "${namespace}"`,
          hint: gatewayParentHint(cluster, index.of('Gateway')),
        }));
        return;
      }
      const listeners = list(fields(gateway.manifest.spec).listeners)
        .filter((l) => ref.sectionName === undefined || l.name === ref.sectionName)
        .filter((l) => ref.port === undefined || l.port === ref.port);
      if (listeners.length === 0) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${field}.${ref.sectionName !== undefined ? 'sectionName' : 'port'}`,
          message: `Gateway ${namespace}/${name} has no listener ${String(ref.sectionName ?? '')}${ref.port !== undefined ? ` on port ${String(ref.port)}` : ''}`,
          hint: `listeners: ${list(fields(gateway.manifest.spec).listeners).map((l) => `${String(l.name)}:${String(l.port)}`).join(', ')}`,
        }));
        return;
      }
      const routeNamespace = namespaceOf(route);
      const admits = listeners.some((l) => listenerAdmits(l, namespace, routeNamespace, namespaceLabels(index, routeNamespace)));
      const selected = listeners.filter((l) => text(fields(fields(l.allowedRoutes).namespaces).from) === 'Selector');
      if (!admits && selected.length > 0) {
        // Gateway API marks the route NotAllowedByListeners: it stays detached, and its host answers nothing.
        const named = selected.flatMap((l) => selectorNamespaces(fields(fields(fields(l.allowedRoutes).namespaces).selector)));
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${field}.namespace`,
          message: `the listeners of Gateway ${namespace}/${name} admit routes of ${named.length > 0 ? `namespaces ${named.map((n) => `"${n}"`).join(', ')}` : 'the namespaces their selector picks'}, `
            + `not of "${routeNamespace}", so the route is not attached (NotAllowedByListeners)`,
          hint: `add "${routeNamespace}" to gatewayApi({ routeNamespaces }), or leave routeNamespaces out to admit every namespace`,
        }));
      } else if (!admits) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${field}.namespace`,
          message: `the listeners of Gateway ${namespace}/${name} only admit routes of namespace "${namespace}"`,
          hint: 'allow routes from other namespaces on the listener (allowedRoutes.namespaces.from: All)',
        }));
      } else {
        findings.push(...unservedHostnames(route, listeners, `${namespace}/${name}`));
      }
    });
  }
  return findings;
}

/**
 * Whether a route's hostname and a listener's intersect as Gateway API matches them: a `*.` label is a suffix
 * match of one label or more (`*.example.com` takes `a.b.example.com`, not `example.com`), and a listener with
 * no hostname takes every host.
 */
function hostnamesIntersect(routeHost: string, listenerHost: string | undefined): boolean {
  if (listenerHost === undefined) {
    return true;
  }
  const [route, listener] = [routeHost.toLowerCase(), listenerHost.toLowerCase()];
  const under = (host: string, wildcard: string) => host.endsWith(wildcard.slice(1));
  if (route.startsWith('*.') && listener.startsWith('*.')) {
    return under(route, listener) || under(listener, route) || route === listener;
  }
  return route === listener || (listener.startsWith('*.') && under(route, listener)) || (route.startsWith('*.') && under(listener, route));
}

/**
 * A route's hostnames that no listener it attaches to serves: Gateway API drops each (with none left, the
 * route is not attached: NoMatchingListenerHostname), so the host answers nothing.
 */
function unservedHostnames(route: SynthesizedObject, listeners: readonly Fields[], gateway: string): Finding[] {
  const listenerHosts = listeners.map((l) => text(l.hostname));
  const hostnames = fields(route.manifest.spec).hostnames;
  return (Array.isArray(hostnames) ? hostnames as unknown[] : []).flatMap((host, j) => {
    const hostname = text(host);
    if (hostname === undefined || listenerHosts.some((listener) => hostnamesIntersect(hostname, listener))) {
      return [];
    }
    return [objectFinding(route, {
      layer, severity: 'error', field: `spec.hostnames[${j}]`,
      message: `no listener of Gateway ${gateway} it attaches to serves host ${hostname} (they take ${listenerHosts.join(', ')}): Gateway API drops the host, and with no host left does not attach the route (NoMatchingListenerHostname)`,
      hint: `give a host under a listener's hostname (${listenerHosts.map((l) => l!.replace(/^\*\./, '<name>.')).join(', ')}), or add a listener for ${hostname} to the Gateway`,
    })];
  });
}

/**
 * Whether a Gateway listener admits routes of `routeNamespace` by its `allowedRoutes.namespaces`: `All`,
 * `Same` (the Gateway's), or `Selector` over the namespace's labels. A listener that says nothing is taken to
 * admit the route, as this check always has.
 */
function listenerAdmits(listener: Fields, gatewayNamespace: string, routeNamespace: string, labels: Record<string, string>): boolean {
  const namespaces = fields(fields(listener.allowedRoutes).namespaces);
  switch (text(namespaces.from)) {
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'Selector':
      return labelSelectorMatches(fields(namespaces.selector), labels);
    default:
      return true;
  }
}

/** The labels of a namespace: those its object declares, and the name label Kubernetes gives every namespace. */
function namespaceLabels(index: ObjectIndex, namespace: string): Record<string, string> {
  const object = index.find('Namespace', '', namespace);
  return { ...stringMap(fields(object?.manifest.metadata).labels), 'kubernetes.io/metadata.name': namespace };
}

/** The namespace names a selector lists on the name label (`In`), for findings. */
function selectorNamespaces(selector: Fields): string[] {
  const byName = stringMap(selector.matchLabels)['kubernetes.io/metadata.name'];
  const listed = list(selector.matchExpressions).filter((e) => e.key === 'kubernetes.io/metadata.name' && e.operator === 'In')
    .flatMap((e) => (Array.isArray(e.values) ? e.values.map(String) : []));
  return [...(byName ? [byName] : []), ...listed];
}

/**
 * The claims the StatefulSets of the output make from their templates, `<template>-<StatefulSet>-<ordinal>`
 * for each of their replicas, by {@link keyOf}: another pod (a backup Job) may mount one by that name.
 */
function statefulSetClaimKeys(index: ObjectIndex): Set<string> {
  const keys = new Set<string>();
  for (const statefulSet of index.of('StatefulSet')) {
    const spec = fields(statefulSet.manifest.spec);
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    for (const template of list(spec.volumeClaimTemplates)) {
      for (const ordinal of statefulOrdinals(replicas)) {
        keys.add(keyOf(namespaceOf(statefulSet), `${text(fields(template.metadata).name) ?? ''}-${text(fields(statefulSet.manifest.metadata).name) ?? ''}-${ordinal}`));
      }
    }
  }
  return keys;
}

/**
 * Claims that pods and VMs mount, that VolumeSnapshots take and that claims are cloned from exist (as a claim, a
 * DataVolume, a claim template or a StatefulSet's claim of it, or declared external), and so do the VolumeSnapshots
 * and VolSync ReplicationDestinations claims are restored from: each in the namespace of the object that names it,
 * the only one its controller looks in; and VolSync's restores fit what they restore, into no claim in use (see
 * `replicationDestinationFindings`).
 */
/**
 * A claim used as the other kind of volume than its `volumeMode`: a raw block device (`Block`, a StaticZfsVolume's
 * default) mounted as a folder by `volumeMounts`, or a file system attached as a device by `volumeDevices`. The API
 * server takes the pod, and the kubelet never starts it. Claims are looked up in the cluster's index.
 */
function claimVolumeModeFindings(template: PodTemplate, index: ObjectIndex): Finding[] {
  const containers = [...list(template.spec.containers), ...list(template.spec.initContainers)];
  const findings: Finding[] = [];
  list(template.spec.volumes).forEach((volume, i) => {
    const claimName = text(fields(volume.persistentVolumeClaim).claimName);
    const claim = claimName === undefined ? undefined : index.find('PersistentVolumeClaim', template.namespace, claimName);
    if (claim === undefined) {
      return;
    }
    const block = fields(claim.manifest.spec).volumeMode === 'Block';
    // Reported on the volume, which an App's finding names by the persistence entry that made it.
    const field = `${template.specPath}.volumes[${i}].persistentVolumeClaim.claimName`;
    for (const container of containers) {
      const mount = list(container.volumeMounts).find((m) => m.name === volume.name);
      const device = list(container.volumeDevices).find((d) => d.name === volume.name);
      if (block && mount !== undefined) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field,
          message: `claim "${claimName}" is a raw block device (volumeMode: Block), which container "${String(container.name)}" cannot mount as a folder at ${String(mount.mountPath)}: the kubelet would never start the pod`,
          hint: "import the volume as a file system (a StaticZfsVolume's volumeMode: 'Filesystem', for a dataset or a formatted zvol), or attach the claim as a device (volumeDevices), as a VM's disk is",
        }));
        return;
      }
      if (!block && device !== undefined) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field,
          message: `claim "${claimName}" is a file system (volumeMode: Filesystem), which container "${String(container.name)}" cannot attach as a block device at ${String(device.devicePath)}: the kubelet would never start the pod`,
          hint: "claim a raw block volume (volumeMode: 'Block'), or mount the claim as a folder with volumeMounts",
        }));
        return;
      }
    }
  });
  return findings;
}

export function checkClaims(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const statefulSetClaims = statefulSetClaimKeys(index);
  const external = externalIndexOf(cluster);
  const findings: Finding[] = [];
  const exists = (namespace: string, name: string) => external.claims.has(keyOf(namespace, name)) || statefulSetClaims.has(keyOf(namespace, name))
    || index.find('PersistentVolumeClaim', namespace, name) !== undefined || index.find('DataVolume', namespace, name) !== undefined;
  const problem = (field: string, namespace: string, name: string, hint = 'mount a claim the chart declares, or declareExternal(scope, { claims: [...] }) for one made outside this repository') => ({
    layer, severity: 'error' as const, field, message: `claim "${name}" does not exist in namespace "${namespace}"`, hint,
  });
  // A StatefulSet's claims are named `<template>-<StatefulSet>-<ordinal>`, which a claim written after the app misses.
  const statefulSetClaim = (namespace: string, name: string): string | undefined => {
    const meant = statefulSetClaimMeant(index, namespace, name);
    return meant === undefined ? undefined
      : `StatefulSet ${meant.statefulSet} names the claim of each pod ${meant.template}-${meant.statefulSet}-<ordinal>: mount the first pod's as AppVolume.existingClaim('${meant.template}-${meant.statefulSet}-0')`;
  };
  const missing = (object: SynthesizedObject, field: string, name: string, extra: string[] = []): void => {
    const namespace = namespaceOf(object);
    if (!extra.includes(name) && !exists(namespace, name)) {
      const other = namespaceHolding(index, 'PersistentVolumeClaim', namespace, name);
      const hint = statefulSetClaim(namespace, name) ?? (other === undefined ? undefined
        : `namespace ${other} has claim "${name}", and a pod mounts claims of its own namespace only: run this ${object.manifest.kind} in namespace ${other} (an App's namespace: '${other}')`);
      findings.push(objectFinding(object, hint ? problem(field, namespace, name, hint) : problem(field, namespace, name)));
    }
  };
  // Claims a Helm chart mounts from its values, which the output shows no pod of.
  for (const { constructPath, field, name, namespace = '' } of chartValueReferences(cluster, 'PersistentVolumeClaim')) {
    if (!exists(namespace, name)) {
      findings.push({
        ...problem(field, namespace, name, `leave the value out so that the chart makes its claim, make the claim in namespace ${namespace} `
          + `(a PersistentVolumeClaim, or an App's AppVolume.claim({ tier, size, claimName: '${name}' })), or declareExternal(scope, { claims: [...] }) for one made outside this repository`),
        constructPath,
      });
    }
  }
  const inUse = claimsOfRunningWorkloads(cluster.objects);
  // A Knative Service's revisions mount the claims of its template like any workload's pods.
  const templates = admittedPodTemplates(cluster.objects);
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const claimTemplates = list(fields(template.object.manifest.spec).volumeClaimTemplates).map((t) => text(fields(t.metadata).name) ?? '');
    list(template.spec.volumes).forEach((volume, i) => {
      const claim = fields(volume.persistentVolumeClaim);
      // An empty claim name is refused by the API server, and reported as such: it names no claim to look for.
      if (volume.persistentVolumeClaim !== undefined && claim.claimName !== '') {
        missing(template.object, `${template.specPath}.volumes[${i}].persistentVolumeClaim.claimName`, text(claim.claimName) ?? '', claimTemplates);
      }
    });
    findings.push(...claimVolumeModeFindings(template, index));
  }
  for (const vm of index.of('VirtualMachine')) {
    const spec = fields(vm.manifest.spec);
    const templates = list(spec.dataVolumeTemplates).map((t) => text(fields(t.metadata).name) ?? '');
    list(fields(fields(spec.template).spec).volumes).forEach((volume, i) => {
      const field = `spec.template.spec.volumes[${i}]`;
      if (volume.persistentVolumeClaim !== undefined) {
        missing(vm, `${field}.persistentVolumeClaim.claimName`, text(fields(volume.persistentVolumeClaim).claimName) ?? '', templates);
      }
      if (volume.dataVolume !== undefined) {
        missing(vm, `${field}.dataVolume.name`, text(fields(volume.dataVolume).name) ?? '', templates);
      }
    });
  }
  findings.push(...staticNfsClaimNamespaceFindings(cluster));
  findings.push(...snapshotReferenceFindings(index, exists, (namespace, name) => external.volumeSnapshots.has(keyOf(namespace, name))
    || index.find('VolumeSnapshot', namespace, name) !== undefined));
  findings.push(...replicationDestinationFindings(index, inUse, exists));
  return findings;
}

/**
 * VolSync's ReplicationDestinations, each mover as a restore of what a ReplicationSource of its namespace backs up
 * to the same repository: the volume it restores into (its `capacity`, or its `destinationPVC`) holds at least the
 * source claim, or the restore stops when the volume is full; and a `destinationPVC` is no claim a running workload
 * (`inUse`, by namespace and claim) mounts, as the mover would write the restore under the app while it runs.
 */
function replicationDestinationFindings(index: ObjectIndex, inUse: ReadonlyMap<string, string>, claimExists: (namespace: string, name: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  const sizeOf = (claim: SynthesizedObject | undefined) => text(fields(fields(fields(claim?.manifest.spec).resources).requests).storage);
  // Each ReplicationSource by namespace, mover and repository, the first of each.
  const sources = new Map<string, SynthesizedObject>();
  for (const source of index.of('ReplicationSource')) {
    for (const { path, mover } of volsyncMovers(source)) {
      const key = `${keyOf(namespaceOf(source), path)}/${String(mover.repository)}`;
      if (mover.repository !== undefined && !sources.has(key)) {
        sources.set(key, source);
      }
    }
  }
  for (const destination of index.of('ReplicationDestination')) {
    const namespace = namespaceOf(destination);
    for (const { path, mover } of volsyncMovers(destination)) {
      const target = text(mover.destinationPVC);
      const user = target === undefined ? undefined : inUse.get(keyOf(namespace, target));
      if (target !== undefined && !claimExists(namespace, target)) {
        // VolSync writes into a destinationPVC it is given and makes none of that name: the mover waits for it.
        const other = namespaceHolding(index, 'PersistentVolumeClaim', namespace, target);
        findings.push(objectFinding(destination, {
          layer, severity: 'error', field: `${path}.destinationPVC`,
          message: `restores into claim "${target}", which namespace "${namespace}" does not have${other ? ` (namespace "${other}" has one)` : ''}: VolSync makes no claim it is given by name, so the restore waits for it and never runs`,
          hint: `leave destinationPVC out and give the ${path.slice('spec.'.length)} mover a capacity and accessModes, and VolSync makes a volume of its own in ${namespace}; `
            + `or make the claim "${target}" in namespace ${namespace}`,
        }));
        continue;
      }
      if (user !== undefined) {
        findings.push(objectFinding(destination, {
          layer, severity: 'error', field: `${path}.destinationPVC`,
          message: `restores into claim "${target}", which ${user} mounts: VolSync's mover writes the restore under the app while it runs (or, on another node, waits for a ReadWriteOnce volume the app keeps)`,
          hint: `restore into a claim of its own: leave destinationPVC out and give the ${path.slice('spec.'.length)} mover a capacity, then fill the app's claim from it with `
            + `dataSourceRef: { apiGroup: 'volsync.backube', kind: 'ReplicationDestination', name: '${String(destination.manifest.metadata.name)}' }; or scale ${user} to 0 before the restore`,
        }));
      }
      const repository = text(mover.repository);
      const source = repository === undefined ? undefined : sources.get(`${keyOf(namespace, path)}/${repository}`);
      const sourceName = text(fields(source?.manifest.spec).sourcePVC);
      const origin = sourceName === undefined ? undefined : index.find('PersistentVolumeClaim', namespace, sourceName);
      const [field, size] = target !== undefined ? [`${path}.destinationPVC`, sizeOf(index.find('PersistentVolumeClaim', namespace, target))] : [`${path}.capacity`, text(mover.capacity)];
      const [bytes, originBytes] = [quantityValue(size), quantityValue(sizeOf(origin))];
      if (bytes !== undefined && originBytes !== undefined && bytes < originBytes && user === undefined) {
        findings.push(objectFinding(destination, {
          layer, severity: 'error', field,
          message: `restores into ${target === undefined ? 'a volume' : `claim "${target}"`} of ${size}, less than the ${sizeOf(origin)} of claim "${sourceName}" that ReplicationSource `
            + `${String(source!.manifest.metadata.name)} backs up to repository ${repository}: the restore stops when the volume is full`,
          hint: target === undefined ? `give the volume at least the source claim's size: capacity: '${sizeOf(origin)}'` : `restore into a claim of at least ${sizeOf(origin)}`,
        }));
      }
    }
  }
  return findings;
}

/**
 * The claim template of a StatefulSet of `namespace` that a claim name written after the app means (`data`,
 * `postgres-data`, `data-postgres` for template `data` of StatefulSet `postgres`), whose claims are named
 * `<template>-<StatefulSet>-<ordinal>`, for hints. Pure.
 */
function statefulSetClaimMeant(index: ObjectIndex, namespace: string, name: string): { statefulSet: string; template: string } | undefined {
  for (const set of index.of('StatefulSet').filter((o) => namespaceOf(o) === namespace)) {
    const statefulSet = String(set.manifest.metadata.name);
    const template = list(fields(set.manifest.spec).volumeClaimTemplates).map((t) => text(fields(t.metadata).name) ?? '')
      .find((t) => [t, `${statefulSet}-${t}`, `${t}-${statefulSet}`].includes(name));
    if (template !== undefined) {
      return { statefulSet, template };
    }
  }
  return undefined;
}

/** Another namespace than `namespace` that has a `kind` named `name` (the first by name), for hints. */
function namespaceHolding(index: ObjectIndex, kind: string, namespace: string, name: string): string | undefined {
  return index.of(kind).filter((o) => o.manifest.metadata.name === name && namespaceOf(o) !== namespace).map((o) => namespaceOf(o)).sort()[0];
}

/**
 * A VolumeSnapshot's source claim, and a claim's data source (a claim to clone, a VolumeSnapshot to restore), that
 * its namespace lacks: the snapshot is never taken, the claim stays Pending. The hint names the namespace that
 * has one of that name, where a restore into another namespace meant it.
 */
function snapshotReferenceFindings(index: ObjectIndex, claimExists: (namespace: string, name: string) => boolean,
  snapshotExists: (namespace: string, name: string) => boolean): Finding[] {
  // `known`: the object meant is known, so `make` is the whole hint.
  const finding = (object: SynthesizedObject, field: string, kind: string, name: string, make: string, known = false): Finding => {
    const namespace = namespaceOf(object);
    const other = namespaceHolding(index, kind, namespace, name);
    return objectFinding(object, {
      layer, severity: 'error', field,
      message: `${kind} "${name}" does not exist in namespace "${namespace}"${other ? ` (namespace "${other}" has one)` : ''}, the only namespace its controller looks in`,
      hint: other
        ? `put this ${object.manifest.kind} in namespace ${other}, beside the ${kind}`
        : kind === 'ReplicationDestination' || known ? make
          : `${make}, or declareExternal(scope, { ${kind === 'VolumeSnapshot' ? 'volumeSnapshots' : 'claims'}: [{ namespace: '${namespace}', name: '${name}' }] }) for one made outside this repository`,
    });
  };
  const findings: Finding[] = [];
  // VolSync's ReplicationSource copies its sourcePVC as a VolumeSnapshot does.
  const sources: Array<[SynthesizedObject, string, string | undefined]> = [
    ...index.of('VolumeSnapshot').map((o): [SynthesizedObject, string, string | undefined] => [o, 'spec.source.persistentVolumeClaimName', text(fields(fields(o.manifest.spec).source).persistentVolumeClaimName)]),
    ...index.of('ReplicationSource').filter((o) => volsyncMovers(o).length > 0)
      .map((o): [SynthesizedObject, string, string | undefined] => [o, 'spec.sourcePVC', text(fields(o.manifest.spec).sourcePVC)]),
  ];
  for (const [snapshot, field, claim] of sources) {
    if (claim !== undefined && claim !== '' && !claimExists(namespaceOf(snapshot), claim)) {
      // The claim of a StatefulSet's pod (a database's data) is named after its template, the StatefulSet and the pod's ordinal.
      const meant = statefulSetClaimMeant(index, namespaceOf(snapshot), claim);
      const claims = index.of('PersistentVolumeClaim').filter((o) => namespaceOf(o) === namespaceOf(snapshot)).map((o) => String(o.manifest.metadata.name)).sort();
      findings.push(finding(snapshot, field, 'PersistentVolumeClaim', claim, meant !== undefined
        ? `StatefulSet ${meant.statefulSet} names the claim of each pod ${meant.template}-${meant.statefulSet}-<ordinal>: name the first pod's, ${field.replace(/^.*\./, '')}: '${meant.template}-${meant.statefulSet}-0'`
        : `name a claim of namespace ${namespaceOf(snapshot)}${claims.length > 0 ? ` (it has ${claims.join(', ')})` : ''}`, meant !== undefined));
    }
  }
  for (const claim of index.of('PersistentVolumeClaim')) {
    const spec = fields(claim.manifest.spec);
    const key = spec.dataSourceRef !== undefined ? 'dataSourceRef' : 'dataSource';
    const source = fields(spec[key]);
    const name = text(source.name) ?? '';
    // A source in another namespace is the API server's to refuse (see claim-rules): it is looked for there.
    if (name === '' || source.namespace !== undefined) {
      continue;
    }
    const group = text(source.apiGroup) ?? '';
    if (source.kind === 'PersistentVolumeClaim' && group === '' && !claimExists(namespaceOf(claim), name)) {
      findings.push(finding(claim, `spec.${key}.name`, 'PersistentVolumeClaim', name, `clone a claim of namespace ${namespaceOf(claim)}`));
    } else if (source.kind === 'VolumeSnapshot' && group === 'snapshot.storage.k8s.io' && !snapshotExists(namespaceOf(claim), name)) {
      findings.push(finding(claim, `spec.${key}.name`, 'VolumeSnapshot', name, `restore from a VolumeSnapshot of namespace ${namespaceOf(claim)}`));
    } else if (source.kind === 'ReplicationDestination' && group === 'volsync.backube' && index.find('ReplicationDestination', namespaceOf(claim), name) === undefined) {
      // VolSync's volume populator fills the claim from that object's latest copy, and waits for it until then.
      findings.push(finding(claim, `spec.${key}.name`, 'ReplicationDestination', name,
        `make the ReplicationDestination ${name} in namespace ${namespaceOf(claim)} (VolSync fills the claim from its latest copy, and the claim waits for it until then)`));
    } else {
      findings.push(...restoreFindings(index, claim, source));
    }
  }
  return findings;
}

/**
 * A claim cloned from a claim of the output, or restored from a VolumeSnapshot of one, asks for at least that
 * claim's size, and of a StorageClass of the same driver: a driver provisions a volume only from its own volumes
 * and snapshots, never one smaller than what it copies, so the claim would stay Pending.
 */
function restoreFindings(index: ObjectIndex, claim: SynthesizedObject, source: Fields): Finding[] {
  const namespace = namespaceOf(claim);
  const snapshot = source.kind === 'VolumeSnapshot' ? index.find('VolumeSnapshot', namespace, text(source.name) ?? '') : undefined;
  const originName = snapshot ? text(fields(fields(snapshot.manifest.spec).source).persistentVolumeClaimName) : source.kind === 'PersistentVolumeClaim' ? text(source.name) : undefined;
  const origin = originName === undefined ? undefined : index.find('PersistentVolumeClaim', namespace, originName);
  if (origin === undefined) {
    return [];
  }
  const sizeOf = (o: SynthesizedObject) => text(fields(fields(fields(o.manifest.spec).resources).requests).storage);
  const provisionerOf = (o: SynthesizedObject) => {
    const className = text(fields(o.manifest.spec).storageClassName);
    return text(className === undefined ? undefined : index.find('StorageClass', '', className)?.manifest.provisioner);
  };
  const what = snapshot ? `VolumeSnapshot "${text(source.name)}" of claim "${originName}"` : `claim "${originName}"`;
  const findings: Finding[] = [];
  const [size, originSize] = [quantityValue(sizeOf(claim)), quantityValue(sizeOf(origin))];
  if (size !== undefined && originSize !== undefined && size < originSize) {
    findings.push(objectFinding(claim, {
      layer, severity: 'error', field: 'spec.resources.requests.storage',
      message: `asks for ${sizeOf(claim)}, less than the ${sizeOf(origin)} of ${what} it is filled from: the driver makes no volume smaller than what it copies, so the claim stays Pending`,
      hint: `ask for at least ${sizeOf(origin)}: storage: '${sizeOf(origin)}'`,
    }));
  }
  const [provisioner, originProvisioner] = [provisionerOf(claim), provisionerOf(origin)];
  if (provisioner !== undefined && originProvisioner !== undefined && provisioner !== originProvisioner) {
    findings.push(objectFinding(claim, {
      layer, severity: 'error', field: 'spec.storageClassName',
      message: `is a volume of ${provisioner}, filled from ${what}, a volume of ${originProvisioner}: a driver makes volumes only from its own volumes and snapshots, so the claim stays Pending`,
      hint: `restore into the StorageClass of claim "${originName}": storageClassName: '${text(fields(origin.manifest.spec).storageClassName)}', and copy the data to another class with an app that mounts both claims`,
    }));
  }
  return findings;
}

/**
 * Claims name their StorageClass rather than leave it to the cluster's default. Whether the class they name
 * exists is a "provided by" check (`checkProvidedStorageClasses`), so a missing class is one error.
 */
export function checkStorageClasses(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  const claimSpecs: Array<[SynthesizedObject, string, Fields]> = [
    ...index.of('PersistentVolumeClaim').map((o): [SynthesizedObject, string, Fields] => [o, 'spec', fields(o.manifest.spec)]),
    ...index.of('StatefulSet').flatMap((o) => list(fields(o.manifest.spec).volumeClaimTemplates)
      .map((t, i): [SynthesizedObject, string, Fields] => [o, `spec.volumeClaimTemplates[${i}].spec`, fields(t.spec)])),
    ...index.of('DataVolume').flatMap((o) => dataVolumeClaimSpecs(o, fields(o.manifest.spec), 'spec')),
    // KubeVirt makes a DataVolume of each of a VM's templates, and CDI its claim.
    ...index.of('VirtualMachine').filter((o) => String(o.manifest.apiVersion).startsWith('kubevirt.io/')).flatMap((o) => list(fields(o.manifest.spec).dataVolumeTemplates)
      .flatMap((t, i) => dataVolumeClaimSpecs(o, fields(t.spec), `spec.dataVolumeTemplates[${i}].spec`))),
  ];
  const unservedModes = claimModeChecker(cluster);
  for (const [object, path, spec] of claimSpecs) {
    findings.push(...unservedModes(object, path, spec));
    const metadataPath = path.replace(/spec$/, 'metadata');
    const annotatedClass = text(fields(claimMetadata(object, path).annotations)[BETA_CLASS_ANNOTATION]);
    if (annotatedClass !== undefined) {
      // The PersistentVolume controller still reads it, but the API server warns, and every check of the claim's
      // class (a tier of the cluster, a class it provides, a node-local class) reads storageClassName alone.
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: `${metadataPath}.annotations.${BETA_CLASS_ANNOTATION}`,
        message: `names its StorageClass "${annotatedClass}" by the annotation Kubernetes 1.8 replaced with storageClassName, which the API server warns of and the library's checks of the class do not read`,
        hint: `drop the annotation and write ${path}.storageClassName: ${JSON.stringify(typeof spec.storageClassName === 'string' ? spec.storageClassName : annotatedClass)}, or ask for a storage tier of the cluster`,
      }));
      continue;
    }
    // '' binds to a pre-provisioned PersistentVolume, no class involved.
    if (typeof spec.storageClassName !== 'string') {
      findings.push(objectFinding(object, {
        layer, severity: 'warning', field: `${path}.storageClassName`,
        message: 'names no StorageClass, so it depends on which class the cluster marks as default',
        hint: 'ask for a storage tier of the cluster',
      }));
    }
  }
  return [...findings, ...secondDefaultClassFindings(index)];
}

/** The annotation that named a claim's StorageClass before `storageClassName`. */
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const CLAIM_TEMPLATE_SPEC = /^spec\.volumeClaimTemplates\[(\d+)\]\.spec$/;

/** The metadata of the claim whose spec is at `path` of `object`: a claim's own, or a StatefulSet's claim template's; else none. */
function claimMetadata(object: SynthesizedObject, path: string): Fields {
  if (path === 'spec') {
    return fields(object.manifest.metadata);
  }
  const template = CLAIM_TEMPLATE_SPEC.exec(path);
  return template === null ? {} : fields(list(fields(object.manifest.spec).volumeClaimTemplates)[Number(template[1])]?.metadata);
}

/** The claim a DataVolume's spec (at `path` of `object`) asks CDI for: its `storage` or older `pvc`. */
function dataVolumeClaimSpecs(object: SynthesizedObject, spec: Fields, path: string): Array<[SynthesizedObject, string, Fields]> {
  return ['pvc', 'storage'].filter((k) => spec[k] !== undefined).map((k) => [object, `${path}.${k}`, fields(spec[k])]);
}

/** The annotations that mark a StorageClass the default, the current one and the beta one Kubernetes still reads. */
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/**
 * A second StorageClass marked the default: the API server gives a claim that names no class (a chart's) the
 * one made last, so which one depends on the order the classes reached the cluster, not on the repository.
 * A second PriorityClass marked `globalDefault` is refused outright by the API server's priority admission.
 */
function secondDefaultClassFindings(index: ObjectIndex): Finding[] {
  const storageDefaults = index.of('StorageClass').flatMap((storageClass) => {
    const annotations = stringMap(fields(storageClass.manifest.metadata).annotations);
    const marked = DEFAULT_CLASS_ANNOTATIONS.find((annotation) => annotations[annotation] === 'true');
    return marked === undefined ? [] : [{ object: storageClass, field: `metadata.annotations.${marked}` }];
  });
  const firstStorage = text(storageDefaults[0]?.object.manifest.metadata.name);
  const priorityDefaults = index.of('PriorityClass').filter((priorityClass) => priorityClass.manifest.globalDefault === true)
    .map((priorityClass) => ({ object: priorityClass, field: 'globalDefault' }));
  const firstPriority = text(priorityDefaults[0]?.object.manifest.metadata.name);
  return [
    ...storageDefaults.slice(1).map(({ object, field }) => objectFinding(object, {
      layer, severity: 'error', field,
      message: `StorageClass ${text(object.manifest.metadata.name)} is marked the default, as StorageClass ${firstStorage} is: a claim that names no class (a chart's) gets whichever of them reached the cluster last`,
      hint: `mark one StorageClass the default: drop the annotation here or on ${firstStorage}`,
    })),
    ...priorityDefaults.slice(1).map(({ object, field }) => objectFinding(object, {
      layer, severity: 'error', field,
      message: `PriorityClass ${text(object.manifest.metadata.name)} is marked globalDefault, as PriorityClass ${firstPriority} is: the API server refuses a second default PriorityClass`,
      hint: `mark one PriorityClass globalDefault: drop globalDefault here or on ${firstPriority} (a pod names any other class with priorityClassName)`,
    })),
  ];
}

/** Keys of a Secret or ConfigMap that an object of the chart provides; undefined when not knowable. */
type Provided = Map<string, ReadonlySet<string> | undefined>;

function providedSecrets(producers: readonly SecretProducer[]): Provided {
  return new Map(producers.map((p) => [keyOf(p.namespace, p.name), p.keys && new Set(p.keys)]));
}

/**
 * The keys of ConfigMap `name` where Kubernetes itself publishes it in every namespace: kube-controller-manager's
 * `kube-root-ca.crt`, the cluster's CA as `ca.crt`, which a projected token volume reads beside its token. Pure.
 */
function publishedConfigMapKeys(name: string): ReadonlySet<string> | undefined {
  return name === 'kube-root-ca.crt' ? new Set(['ca.crt']) : undefined;
}

/**
 * The ConfigMaps the cluster will have, by `namespace/name`, with their keys: those of the output, and those a
 * trust-manager Bundle writes where its selector reaches (one the repository writes wins). Pure.
 */
export function madeConfigMaps(index: ObjectIndex, objects: readonly SynthesizedObject[]): ReadonlyMap<string, ReadonlySet<string>> {
  const bundled = trustBundleConfigMaps(index, namespacesOfObjects(index, objects));
  return new Map([...bundled, ...providedConfigMaps(index)]);
}

function providedConfigMaps(index: ObjectIndex): Map<string, Set<string>> {
  return new Map(index.of('ConfigMap').map((c) => [
    keyOf(namespaceOf(c), c.manifest.metadata.name),
    new Set([...Object.keys(fields(c.manifest.data)), ...Object.keys(fields(c.manifest.binaryData))]),
  ]));
}

/** A reference to a Secret or ConfigMap, optionally to one key of it. */
interface ObjectRef {
  readonly object: SynthesizedObject;
  readonly kind: 'Secret' | 'ConfigMap';
  readonly field: string;
  readonly name: unknown;
  readonly key?: unknown;
  readonly optional: boolean;
  /** How to make the object when it is missing, where that is more than declaring it. @default - declare it */
  readonly makeHint?: string;
  /** Field that names the key. @default - `<field>.key` */
  readonly keyField?: string;
  /** The prefix of an `envFrom` entry, which reads every key as a variable: the kubelet skips a key that is no variable name. @default - no envFrom entry */
  readonly envFromPrefix?: string;
  /** Only the key is checked here: the object's own reference reports it missing. @default false */
  readonly keyOnly?: boolean;
  /**
   * A missing object is reported only where one of its name is made or declared in another namespace: the
   * reader looks in one namespace of its own, and the one elsewhere was meant for it. A Secret that a
   * component's step has the owner create (a CA issuer's key pair) is not known here. @default false
   */
  readonly missingOnlyWhenElsewhere?: boolean;
  /** Secret types the consumer reads; a Secret of another type is ignored by it. @default - any type */
  readonly secretTypes?: readonly string[];
  /** Namespace the reference names, for a reference that names one. @default - the object's own */
  readonly namespace?: string;
  /**
   * Keys of which the reader takes the first the object has, for a reader that looks for its data under one of
   * several names (KubeVirt's cloud-init `userdata` or `userData`), and what it reads from them. @default - none
   */
  readonly oneOfKeys?: { readonly keys: readonly string[]; readonly what: string; readonly hint: string };
  /** The mount whose sub-path names the key, for a key a Secret volume's mount reads. @default - not a mount */
  readonly mount?: { readonly container: string; readonly volume: string; readonly subPath: string };
}

/** The Secret types the kubelet pulls images with; it skips an image pull Secret of any other type. */
const PULL_SECRET_TYPES: readonly string[] = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'];

/** Why Secret `name` of `type` pulls no image, where a pod or a chart's values name it to pull with. Pure. */
function pullSecretTypeProblem(name: string, type: string): { message: string; hint: string } {
  return {
    message: `Secret "${name}" is of type ${type}, and the kubelet pulls images only with a Secret of type ${PULL_SECRET_TYPES.join(' or ')}; it would pull without credentials`,
    hint: `make the Secret of type ${PULL_SECRET_TYPES[0]} with the key .dockerconfigjson (kubectl create secret docker-registry prints one)`,
  };
}

/** Where an env var's value, and an `envFrom` entry, name a Secret or ConfigMap; made once, not for every env var. */
const ENV_VALUE_SOURCES = [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const;
const ENV_FROM_SOURCES = [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const;

function configRefs(cluster: SynthesizedCluster, index: ObjectIndex): ObjectRef[] {
  const refs: ObjectRef[] = [];
  // A Knative Service's revisions read the Secrets and ConfigMaps of its template like any workload's pods.
  for (let n = 0, templates = admittedPodTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const object = template.object;
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      list(container.env).forEach((env, i) => {
        const from = fields(env.valueFrom);
        for (const [source, kind] of ENV_VALUE_SOURCES) {
          if (from[source] !== undefined) {
            const ref = fields(from[source]);
            refs.push({ object, kind, field: `${path}.env[${i}].valueFrom.${source}`, name: ref.name, key: ref.key, optional: ref.optional === true });
          }
        }
      });
      list(container.envFrom).forEach((env, i) => {
        for (const [source, kind] of ENV_FROM_SOURCES) {
          if (env[source] !== undefined) {
            const ref = fields(env[source]);
            refs.push({ object, kind, field: `${path}.envFrom[${i}].${source}`, name: ref.name, optional: ref.optional === true, envFromPrefix: text(env.prefix) ?? '' });
          }
        }
      });
    }
    list(template.spec.volumes).forEach((volume, i) => {
      const field = `${template.specPath}.volumes[${i}]`;
      if (volume.secret !== undefined) {
        const secret = fields(volume.secret);
        refs.push({ object, kind: 'Secret', field: `${field}.secret.secretName`, name: secret.secretName, optional: secret.optional === true });
        refs.push(...volumeKeyRefs(template, volume, field, { kind: 'Secret', source: 'secret', name: secret.secretName, optional: secret.optional === true, items: secret.items }));
      }
      if (volume.configMap !== undefined) {
        const configMap = fields(volume.configMap);
        refs.push({ object, kind: 'ConfigMap', field: `${field}.configMap.name`, name: configMap.name, optional: configMap.optional === true });
        refs.push(...volumeKeyRefs(template, volume, field, { kind: 'ConfigMap', source: 'configMap', name: configMap.name, optional: configMap.optional === true, items: configMap.items }));
      }
      list(fields(volume.projected).sources).forEach((source, j) => {
        for (const [key, kind] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
          if (source[key] !== undefined) {
            const ref = fields(source[key]);
            refs.push({ object, kind, field: `${field}.projected.sources[${j}].${key}.name`, name: ref.name, optional: ref.optional === true });
          }
        }
      });
    });
    list(template.spec.imagePullSecrets).forEach((ref, i) => {
      refs.push({ object, kind: 'Secret', field: `${template.specPath}.imagePullSecrets[${i}].name`, name: ref.name, optional: false, secretTypes: PULL_SECRET_TYPES });
    });
  }
  // A Gateway of a class nothing provides is one error, on its class (see provided.ts): no implementation
  // serves it, so the certificate it would read is no second mistake yet.
  const gatewayClasses = index.of('Gateway').length === 0 ? undefined : gatewayClassesOf(cluster);
  for (const gateway of index.of('Gateway')) {
    const className = text(fields(gateway.manifest.spec).gatewayClassName);
    if (className !== undefined && !gatewayClasses!.has(className)) {
      continue;
    }
    // cert-manager's gateway-shim makes the Secrets of the TLS listeners of a Gateway that names its issuer by
    // annotation (whose issuer the provided-issuers check asks for), those with a hostname; it skips the others.
    const shimmed = gatewayShimIssuer(gateway.manifest.metadata) === undefined ? [] : shimListeners(gateway.manifest.spec);
    list(fields(gateway.manifest.spec).listeners).forEach((listener, i) => {
      const shim = shimmed.find((l) => l.index === i);
      if (shim?.hostname !== undefined) {
        return;
      }
      list(fields(listener.tls).certificateRefs).forEach((ref, j) => {
        if ((ref.kind ?? 'Secret') === 'Secret' && ref.namespace === undefined) {
          // A Gateway's certificate is issued, not written: say how to have cert-manager make it where the Gateway reads it.
          const makeHint = shim !== undefined
            ? `give the listener the host name its certificate is for (hostname: '<name>.${cluster.chart.domain}'): cert-manager makes the certificates of an annotated Gateway's listeners that have one, and skips the others`
            : `make it with new WildcardCertificate(this, 'gateway-certificate', { issuer: '<ClusterIssuer name>', `
              + `namespace: '${namespaceOf(gateway)}', secretName: '${text(ref.name) ?? ''}', replicate: false }), or declare a SealedSecret, SopsSecret or ExternalSecret of that name`;
          refs.push({ object: gateway, kind: 'Secret', field: `spec.listeners[${i}].tls.certificateRefs[${j}].name`, name: ref.name, optional: false, makeHint });
        }
      });
    });
  }
  for (const ingress of index.of('Ingress')) {
    // A TLS Secret asked of cert-manager by its old annotation is that annotation's error (checkRetiredIngressAnnotations).
    if (Object.keys(stringMap(fields(ingress.manifest.metadata).annotations)).some((key) => key.startsWith(RETIRED_CERT_MANAGER_PREFIX))) {
      continue;
    }
    // cert-manager's ingress-shim makes the TLS Secrets of an Ingress that names its issuer by annotation (whose
    // issuer the provided-issuers check asks for).
    const annotations = stringMap(fields(ingress.manifest.metadata).annotations);
    if (SHIM_ANNOTATIONS.some(([annotation]) => annotations[annotation] !== undefined)) {
      continue;
    }
    list(fields(ingress.manifest.spec).tls).forEach((tls, i) => {
      if (tls.secretName !== undefined) {
        refs.push({ object: ingress, kind: 'Secret', field: `spec.tls[${i}].secretName`, name: tls.secretName, optional: false });
      }
    });
  }
  // Traefik reads an IngressRoute's certificate from the route's namespace, and serves its own self-signed
  // default certificate where that Secret is missing, which every browser refuses.
  for (const route of index.of('IngressRoute').filter((r) => r.manifest.apiVersion.startsWith('traefik.'))) {
    const tls = fields(fields(route.manifest.spec).tls);
    if (tls.secretName !== undefined) {
      refs.push({ object: route, kind: 'Secret', field: 'spec.tls.secretName', name: tls.secretName, optional: false });
    }
  }
  // A KubeVirt VM's cloud-init data kept in a Secret, and its Secret and ConfigMap volumes: virt-launcher reads them
  // from the VM's namespace as it starts, and a missing one keeps the VM from starting.
  for (const vm of index.of('VirtualMachine').filter((o) => o.manifest.apiVersion.startsWith('kubevirt.io/'))) {
    list(fields(fields(fields(vm.manifest.spec).template).spec).volumes).forEach((volume, i) => {
      const at = `spec.template.spec.volumes[${i}]`;
      for (const source of ['cloudInitNoCloud', 'cloudInitConfigDrive'] as const) {
        for (const ref of ['secretRef', 'networkDataSecretRef'] as const) {
          const name = fields(fields(volume[source])[ref]).name;
          if (name !== undefined) {
            refs.push({ object: vm, kind: 'Secret', field: `${at}.${source}.${ref}.name`, name, optional: false, oneOfKeys: CLOUD_INIT_SECRET_KEYS[ref] });
          }
        }
      }
      if (fields(volume.secret).secretName !== undefined) {
        refs.push({ object: vm, kind: 'Secret', field: `${at}.secret.secretName`, name: fields(volume.secret).secretName, optional: fields(volume.secret).optional === true });
      }
      if (fields(volume.configMap).name !== undefined) {
        refs.push({ object: vm, kind: 'ConfigMap', field: `${at}.configMap.name`, name: fields(volume.configMap).name, optional: fields(volume.configMap).optional === true });
      }
    });
  }
  // A system-upgrade-controller Plan's Secrets, which it mounts into each upgrade job: the controller finds a Plan
  // invalid while one of them is missing from its namespace, and applies it to no node.
  for (const plan of index.of('Plan').filter((o) => o.manifest.apiVersion.startsWith('upgrade.cattle.io/'))) {
    list(fields(plan.manifest.spec).secrets).forEach((secret, i) => {
      const name = text(secret.name) ?? '';
      const makeHint = `the controller finds the Plan invalid, and upgrades no node, until Secret "${name}" exists in namespace "${namespaceOf(plan)}": declare a SealedSecret, `
        + `SopsSecret or ExternalSecret of that name there, or declareExternal(scope, { secrets: [{ namespace: '${namespaceOf(plan)}', name: '${name}' }] }) for one made by hand`;
      refs.push({ object: plan, kind: 'Secret', field: `spec.secrets[${i}].name`, name: secret.name, optional: false, makeHint });
    });
  }
  // A Crossplane ProviderConfig with Secret credentials: its Provider fails every managed resource until
  // the Secret exists. A cluster-scoped one names the Secret's namespace; a namespaced one reads its own.
  for (const config of index.of('ProviderConfig', 'ClusterProviderConfig')) {
    const credentials = fields(fields(config.manifest.spec).credentials);
    const secretRef = fields(credentials.secretRef);
    if (text(credentials.source) === 'Secret' && secretRef.name !== undefined) {
      refs.push({
        object: config, kind: 'Secret', field: 'spec.credentials.secretRef.name', keyField: 'spec.credentials.secretRef.key',
        name: secretRef.name, key: secretRef.key, optional: false, namespace: text(secretRef.namespace),
      });
    }
  }
  // A ServiceMonitor's or PodMonitor's endpoint reads its credentials and TLS files from Secrets (and
  // ConfigMaps) of the monitor's namespace: the operator leaves out a monitor whose Secret or key is missing.
  for (const monitor of index.of('ServiceMonitor', 'PodMonitor').filter((m) => m.manifest.apiVersion.startsWith('monitoring.coreos.com/'))) {
    const endpointsKey = monitor.manifest.kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
    list(fields(monitor.manifest.spec)[endpointsKey]).forEach((endpoint, i) => {
      for (const [path, kind] of MONITOR_ENDPOINT_REFS) {
        const ref = fields(path.split('.').reduce<unknown>((value, step) => fields(value)[step], endpoint));
        if (ref.name !== undefined) {
          const field = `spec.${endpointsKey}[${i}].${path}`;
          refs.push({ object: monitor, kind, field: `${field}.name`, keyField: `${field}.key`, name: ref.name, key: ref.key, optional: ref.optional === true });
        }
      }
    });
  }
  // trust-manager reads the Secrets and ConfigMaps a Bundle's sources name from its trust namespace alone, and
  // leaves the Bundle unsynced while one is missing there.
  const trustNamespace = index.of('Bundle').length === 0 ? undefined : trustNamespaceOf(index);
  // A ConfigMap named like a Bundle's target is written by trust-manager itself in the trust namespace too, whatever its
  // keys: such a source is judged by the Bundle's own rules (trust-bundle-rules), not as an object of the output.
  const bundleTargets = trustNamespace === undefined ? new Set<string>() : new Set(trustBundleTargets(index).map((target) => target.name));
  for (const bundle of trustNamespace === undefined ? [] : index.of('Bundle').filter((b) => b.manifest.apiVersion.startsWith('trust.cert-manager.io/'))) {
    for (const source of bundleSources(bundle.manifest).filter((s) => !(s.kind === 'ConfigMap' && bundleTargets.has(String(s.name))))) {
      refs.push({
        object: bundle, kind: source.kind, field: source.field, keyField: source.field.replace(/\.name$/, '.key'), name: source.name, key: source.key, optional: false,
        namespace: trustNamespace, missingOnlyWhenElsewhere: true,
      });
    }
  }
  refs.push(...backupSecretRefs(index).map((ref): ObjectRef => ({ ...ref, kind: 'Secret', optional: false })));
  // The CSI sidecars and the kubelet read the Secret a StorageClass or a CSI volume names when they provision or mount.
  refs.push(...csiSecretRefs(index).map((ref): ObjectRef => ({ ...ref, kind: 'Secret', optional: false })));
  // notification-controller reads a Secret of the object's own namespace at one key: a Provider its address, a
  // Receiver the token its webhook path is made from and payloads are checked with (a Receiver without it never
  // becomes ready). A `generic-oidc` Receiver checks a caller's OIDC token instead of its own.
  for (const notifier of index.of('Provider', 'Receiver').filter((o) => o.manifest.apiVersion.startsWith('notification.toolkit.fluxcd.io/'))) {
    const spec = fields(notifier.manifest.spec);
    const secretRef = fields(spec.secretRef);
    const key = notifier.manifest.kind === 'Provider' ? 'address' : 'token';
    if (secretRef.name !== undefined && !(key === 'token' && spec.type === 'generic-oidc')) {
      refs.push({ object: notifier, kind: 'Secret', field: 'spec.secretRef.name', keyField: `spec.secretRef (key ${key})`, name: secretRef.name, key, optional: false });
    }
  }
  return refs;
}

/**
 * The keys virt-launcher reads a VM's cloud-init data from in the Secret each reference names, the first it finds
 * (`user-data`, the file's name on the NoCloud disk, is none of them: the guest boots without the data).
 */
const CLOUD_INIT_SECRET_KEYS = {
  secretRef: { keys: ['userdata', 'userData'], what: 'cloud-init user data', hint: "keep the user data under key userdata (stringData: { userdata: '#cloud-config\\n...' })" },
  networkDataSecretRef: { keys: ['networkdata', 'networkData'], what: 'cloud-init network data', hint: "keep the network data under key networkdata (stringData: { networkdata: 'version: 2\\n...' })" },
} as const;

/** The fields of a monitor's endpoint that select a key of a Secret or ConfigMap of the monitor's namespace. */
const MONITOR_ENDPOINT_REFS: ReadonlyArray<readonly [string, 'Secret' | 'ConfigMap']> = [
  ['basicAuth.username', 'Secret'], ['basicAuth.password', 'Secret'], ['bearerTokenSecret', 'Secret'], ['authorization.credentials', 'Secret'],
  ['oauth2.clientId.secret', 'Secret'], ['oauth2.clientId.configMap', 'ConfigMap'], ['oauth2.clientSecret', 'Secret'],
  ['tlsConfig.ca.secret', 'Secret'], ['tlsConfig.ca.configMap', 'ConfigMap'], ['tlsConfig.cert.secret', 'Secret'], ['tlsConfig.cert.configMap', 'ConfigMap'], ['tlsConfig.keySecret', 'Secret'],
];

/** The Secret or ConfigMap a volume holds the keys of, as the volume names it. */
interface KeyVolumeSource {
  readonly kind: 'Secret' | 'ConfigMap';
  /** The volume's field of it: `secret` or `configMap`. */
  readonly source: 'secret' | 'configMap';
  readonly name: unknown;
  readonly optional: boolean;
  readonly items: unknown;
}

/**
 * The keys a Secret or ConfigMap volume reads: each of its `items`, or else the first step of each `subPath`
 * mounted from it (the volume holds one file per key, and the kubelet cannot make a sub-path in it). The
 * kubelet fails the mount, or the container, on a key the object does not hold.
 */
function volumeKeyRefs(template: PodTemplate, volume: Fields, field: string, from: KeyVolumeSource): ObjectRef[] {
  const base = { object: template.object, kind: from.kind, name: from.name, optional: from.optional, keyOnly: true };
  const items = list(from.items);
  if (items.length > 0) {
    return items.map((item, j) => ({ ...base, field: `${field}.${from.source}.items[${j}]`, key: item.key }));
  }
  const refs: ObjectRef[] = [];
  for (const { container, path } of containersOf(template)) {
    list(container.volumeMounts).forEach((mount, i) => {
      const subPath = text(mount.subPath);
      if (mount.name === volume.name && subPath !== undefined && subPath !== '') {
        const keyField = `${path}.volumeMounts[${i}].subPath`;
        refs.push({ ...base, field: keyField, keyField, key: subPath.split('/')[0], mount: { container: text(container.name) ?? '', volume: text(volume.name) ?? '', subPath } });
      }
    });
  }
  return refs;
}

/**
 * How to read `name`, which is no `kind` of `namespace`, where the repository has it as the other kind there
 * (a ConfigMap mounted as a Secret) or as `kind` in other namespaces (a pod reads neither from another
 * namespace); undefined when it has it nowhere. `provided` and `declared` hold `<namespace>/<name>` keys. Pure.
 */
function madeElsewhereHint(
  kind: 'Secret' | 'ConfigMap', name: string, namespace: string,
  provided: Readonly<Record<'Secret' | 'ConfigMap', ReadonlyMap<string, unknown>>>, declared: Readonly<Record<'Secret' | 'ConfigMap', ReadonlySet<string>>>,
  namedNamespace = false,
): string | undefined {
  const other = kind === 'Secret' ? 'ConfigMap' : 'Secret';
  const has = (k: 'Secret' | 'ConfigMap', key: string) => provided[k].has(key) || declared[k].has(key);
  if (has(other, keyOf(namespace, name))) {
    return `"${name}" of namespace "${namespace}" is a ${other}, not a ${kind}: read it as one (${other === 'ConfigMap'
      ? `AppVolume.configMap('${name}'), or an env value { configMapName: '${name}', key: '…' }` : `AppVolume.secret('${name}'), or an env value <secret construct>.key('…')`})`;
  }
  const namespaces = [...new Set([...provided[kind].keys(), ...declared[kind]].filter((k) => k.endsWith(`/${name}`)).map((k) => k.slice(0, -name.length - 1)))].sort();
  if (namespaces.length > 0 && namedNamespace) {
    // A reference that names the namespace (a cluster-scoped ProviderConfig's secretRef) may name the other one.
    return `${kind} "${name}" is made in namespace ${namespaces.map((n) => `"${n}"`).join(', ')}: name that namespace in the reference (namespace: '${namespaces[0]}'), or make it in namespace "${namespace}"`;
  }
  return namespaces.length === 0 ? undefined
    : `${kind} "${name}" is made in namespace ${namespaces.map((n) => `"${n}"`).join(', ')}, and a pod reads ${kind}s of its own namespace only: `
      + `make it in namespace "${namespace}" too, or run the pod in ${namespaces.length === 1 ? `"${namespaces[0]}"` : 'that namespace'}`;
}

/**
 * Why `name` is no `kind` of `namespace`, for the hint: the object of the namespace one letter off it
 * (`meant`), or the same name as the other kind or in other namespaces (`elsewhere`, see
 * {@link madeElsewhereHint}), else `makeHint` or how to make or declare it. Pure.
 */
function missingObjectHint(
  kind: 'Secret' | 'ConfigMap', name: string, namespace: string,
  provided: Readonly<Record<'Secret' | 'ConfigMap', ReadonlyMap<string, unknown>>>, declared: Readonly<Record<'Secret' | 'ConfigMap', ReadonlySet<string>>>,
  makeHint?: string,
  namedNamespace = false,
): { meant?: string; oneLetterOff?: string; elsewhere?: string; hint: string } {
  const makers = kind === 'Secret' ? 'a SealedSecret, SopsSecret or ExternalSecret' : 'a ConfigMap';
  // A name written wrong is most often one letter off the object the repository makes beside it.
  const inNamespace = [...provided[kind].keys(), ...declared[kind]].filter((k) => k.startsWith(`${namespace}/`)).map((k) => k.slice(namespace.length + 1));
  const meant = closestName(name, inNamespace);
  // Only a name one letter off is surely a typo: names of one namespace share their app's prefix.
  const oneLetterOff = closestName(name, inNamespace, 1);
  const elsewhere = madeElsewhereHint(kind, name, namespace, provided, declared, namedNamespace);
  const hint = meant !== undefined ? `did you mean "${meant}", the ${kind} of namespace "${namespace}"?`
    : makeHint ?? elsewhere
      // The entry written out: a `[...]` left the user to find how an entry is spelt.
      ?? `declare ${makers} in the chart, or declareExternal(scope, { ${kind === 'Secret' ? 'secrets' : 'configMaps'}: [{ namespace: '${namespace}', name: '${name}' }] }) when it is made outside this repository`;
  return { meant, oneLetterOff, elsewhere, hint };
}

/**
 * For a Secret (`namespace/name`) made by hand only because a `SecretReference.external` names it, the
 * Secret of its namespace one letter off (or that it is the short form of) which the repository makes or
 * which is declared made by hand by name: a bootstrap Secret's name misspelt in the reference would add a
 * second Secret to make by hand, and the app would never read the one made. A Secret of the repository whose
 * keys are known and lack the key the reference reads (`lldap-tls`, a certificate's, for LLDAP's `jwt-secret`
 * in `lldap`) is another Secret, not the one meant.
 */
function handMadeSecretTypos(cluster: SynthesizedCluster, made: ReadonlyMap<string, ReadonlySet<string> | undefined>): (key: string, secretKey: unknown) => { name: string; how: string } | undefined {
  const byName = new Set(declaredExternalSecrets(cluster).map((secret) => keyOf(secret.namespace, secret.name)));
  const byReferenceOnly = new Set(externalSecretsToCreate(cluster).map((secret) => keyOf(secret.namespace, secret.name)).filter((key) => !byName.has(key)));
  return (key, secretKey) => {
    if (!byReferenceOnly.has(key)) {
      return undefined;
    }
    const namespace = key.slice(0, key.indexOf('/'));
    const names = (keys: Iterable<string>) => [...keys].filter((k) => k.startsWith(`${namespace}/`)).map((k) => k.slice(namespace.length + 1));
    const lacksKey = (name: string) => typeof secretKey === 'string' && made.get(keyOf(namespace, name))?.has(secretKey) === false;
    const madeNames = names(made.keys()).filter((name) => !lacksKey(name));
    // One letter: names of one namespace share their app's prefix (`paperless-db-app` beside `paperless-db-s3`), and a
    // wider guess would call every other Secret of the app the one meant.
    const meant = closestName(key.slice(namespace.length + 1), [...madeNames, ...names(byName)], 1);
    return meant === undefined ? undefined
      : { name: meant, how: madeNames.includes(meant) ? 'made by the repository' : 'declared made by hand (declareExternal)' };
  };
}

/**
 * Secret and ConfigMap references resolve to something the chart declares (Secret, SealedSecret,
 * ExternalSecret, cert-manager Certificate, ConfigMap) or declares external, and name a key it has.
 */
export function checkConfigReferences(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const producers = secretProducers(index);
  const provided = { Secret: providedSecrets(producers), ConfigMap: madeConfigMaps(index, cluster.objects) };
  const secretTypes = new Map(producers.map((p) => [keyOf(p.namespace, p.name), p.type]));
  const declared = { Secret: external.secrets, ConfigMap: external.configMaps };
  const findings: Finding[] = [];
  const missingSecretKeys = new Set<string>();
  // A key an App's env reads is reported on that prop (env.<NAME>) when it rendered the pod, not here.
  const reportedOnProps = keysReportedOnProps(cluster);
  // A key a Secret volume's mount reads by its sub-path is reported on the prop that wrote the sub-path, where one did.
  const subPathProp = subPathProps(cluster);
  const handMadeTypo = handMadeSecretTypos(cluster, provided.Secret);
  for (const ref of configRefs(cluster, index)) {
    const namespace = ref.namespace ?? namespaceOf(ref.object);
    const name = text(ref.name) ?? '';
    const key = keyOf(namespace, name);
    // A Secret this repository makes is checked for its keys even where a reference calls it external.
    // An object the repository makes may have keys it cannot tell (undefined); Kubernetes publishes kube-root-ca.crt itself.
    const published = ref.kind === 'ConfigMap' && !provided.ConfigMap.has(key) ? publishedConfigMapKeys(name) : undefined;
    if (!provided[ref.kind].has(key) && published === undefined) {
      if (declared[ref.kind].has(key) || ref.keyOnly) {
        const meant = ref.kind === 'Secret' ? handMadeTypo(key, ref.key) : undefined;
        if (meant !== undefined) {
          findings.push(objectFinding(ref.object, {
            layer, severity: 'error', field: ref.field,
            message: `Secret "${name}" is to be made by hand only because this reference names it, and Secret "${meant.name}" of namespace "${namespace}" is ${meant.how}`,
            hint: `did you mean "${meant.name}"? If "${name}" is made by hand as well, declare it by name: declareExternal(scope, { secrets: [{ namespace: '${namespace}', name: '${name}' }] })`,
          }));
        }
        continue;
      }
      const bundleHint = ref.kind === 'ConfigMap' ? unselectedBundleHint(index, name, namespace) : undefined;
      const { oneLetterOff, elsewhere, hint } = missingObjectHint(ref.kind, name, namespace, provided, declared, bundleHint ?? ref.makeHint, ref.namespace !== undefined);
      if (ref.missingOnlyWhenElsewhere && elsewhere === undefined) {
        continue;
      }
      // optional: true lets the pod start without the object: one made later by hand is a warning to declare
      // it, but a name one letter off an object of the namespace, or of another namespace's object, is a
      // mistake the app never gets past.
      const missing = `${ref.kind} "${name}" does not exist in namespace "${namespace}"`;
      findings.push(objectFinding(ref.object, {
        layer, severity: ref.optional && oneLetterOff === undefined && elsewhere === undefined ? 'warning' : 'error', field: ref.field,
        message: ref.optional ? `${missing}, and optional: true starts the pod without it, unnoticed` : missing, hint,
      }));
      continue;
    }
    const keys = published ?? provided[ref.kind].get(key);
    // optional: true lets the object be missing; the keys of one that is there are read (or skipped) all the same.
    const skipped = ref.envFromPrefix === undefined || !keys ? [] : [...keys].filter((k) => !isEnvVarName(`${ref.envFromPrefix}${k}`)).sort();
    if (skipped.length > 0) {
      // The pod starts, and the kubelet leaves the keys out with an event nobody reads: the app misses them.
      findings.push(objectFinding(ref.object, {
        layer, severity: 'error', field: ref.field,
        message: `${ref.kind} "${name}" has key${skipped.length > 1 ? 's' : ''} ${skipped.map((k) => `"${k}"`).join(', ')}, which start${skipped.length > 1 ? '' : 's'} with a digit and so ${skipped.length > 1 ? 'are' : 'is'} `
          + 'no environment variable name: the kubelet skips such a key of an envFrom entry, and the container starts without it',
        hint: `rename the key (e.g. ${skipped[0].replace(/^[0-9]/, (d) => `_${d}`)}), give the entry a prefix that starts with a letter (prefix: 'APP_'), or read it with env: [{ name, valueFrom: { ${ref.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef'}: { name: '${name}', key: '${skipped[0]}' } } }]`,
      }));
    }
    if (ref.optional) {
      continue;
    }
    const type = secretTypes.get(key);
    if (ref.secretTypes && type !== undefined && !ref.secretTypes.includes(type)) {
      findings.push(objectFinding(ref.object, { layer, severity: 'error', field: ref.field, ...pullSecretTypeProblem(name, type) }));
    }
    if (ref.oneOfKeys !== undefined && keys && !ref.oneOfKeys.keys.some((k) => keys.has(k))) {
      findings.push(objectFinding(ref.object, {
        layer, severity: 'error', field: ref.field,
        message: `Secret "${name}" has no key ${ref.oneOfKeys.keys.join(' or ')}, the only ones the ${ref.oneOfKeys.what} is read from (it has ${[...keys].sort().join(', ') || 'no key'}): the guest boots without it`,
        hint: ref.oneOfKeys.hint,
      }));
    }
    if (ref.key !== undefined && keys && !keys.has(text(ref.key) ?? '')) {
      if (ref.kind === 'Secret') {
        missingSecretKeys.add(`${key}/${text(ref.key) ?? ''}`);
        if (reportedOnProps(ref.object.constructPath, namespace, name, text(ref.key) ?? '')) {
          continue;
        }
      }
      const problem = { layer, severity: 'error' as const, message: `${ref.kind} "${name}" has no key "${String(ref.key)}"`, hint: missingKeyHint(text(ref.key) ?? '', [...keys].sort()) };
      const prop = ref.mount && subPathProp(ref.object.constructPath, ref.mount);
      findings.push(prop ? { ...problem, ...prop } : objectFinding(ref.object, { ...problem, field: ref.keyField ?? `${ref.field}.key` }));
    }
  }
  // Secrets a Helm chart reads from its values (`existingSecret`), which the output shows no pod of.
  for (const { constructPath, field, name, namespace = '', pullSecret, keys: keysRead = [] } of chartValueReferences(cluster, 'Secret')) {
    const type = secretTypes.get(keyOf(namespace, name));
    const held = provided.Secret.get(keyOf(namespace, name));
    const missingKeys = held === undefined ? [] : keysRead.filter((k) => !held.has(k));
    if (missingKeys.length > 0) {
      // The chart mounts each key by name, and the kubelet starts no pod whose Secret lacks one.
      findings.push({
        layer, severity: 'error', constructPath, field,
        message: `the chart's pods mount key${keysRead.length > 1 ? 's' : ''} ${keysRead.join(', ')} of Secret "${name}", which has no ${missingKeys.join(' or ')}: the kubelet starts none of them ("couldn't find key")`,
        hint: `add ${missingKeys.join(', ')} to the Secret "${name}" (${[...held ?? []].sort().join(', ') || 'no key'} now), an empty value for one the chart does not use`,
      });
    }
    if (!provided.Secret.has(keyOf(namespace, name)) && !declared.Secret.has(keyOf(namespace, name))) {
      const { hint } = missingObjectHint('Secret', name, namespace, provided, declared);
      findings.push({
        layer, severity: 'error', constructPath, field, hint,
        message: `Secret "${name}" does not exist in namespace "${namespace}", and the chart's pods would ${pullSecret ? 'pull their images without credentials' : 'wait for it'}`,
      });
    } else if (pullSecret && type !== undefined && !PULL_SECRET_TYPES.includes(type)) {
      findings.push({ layer, severity: 'error', constructPath, field, ...pullSecretTypeProblem(name, type) });
    }
  }
  // A key asked of a secret construct that a pod reads is reported above, on the pod's field, and only there.
  findings.push(...unknownKeyFindings(cluster, missingSecretKeys));
  for (const externalSecret of index.of('ExternalSecret')) {
    const store = fields(fields(externalSecret.manifest.spec).secretStoreRef);
    const name = text(store.name) ?? '';
    const kind = text(store.kind) ?? 'SecretStore';
    const exists = kind === 'ClusterSecretStore'
      ? index.find('ClusterSecretStore', '', name) || external.clusterSecretStores.has(name)
      : index.find('SecretStore', namespaceOf(externalSecret), name) || external.secretStores.has(keyOf(namespaceOf(externalSecret), name));
    if (!exists) {
      // The store of the name is there as the other kind: the reference's kind is the mistake.
      const otherKind = kind === 'ClusterSecretStore'
        ? (index.find('SecretStore', namespaceOf(externalSecret), name) || external.secretStores.has(keyOf(namespaceOf(externalSecret), name))) && 'SecretStore'
        : (index.find('ClusterSecretStore', '', name) || external.clusterSecretStores.has(name)) && 'ClusterSecretStore';
      // A SecretStore serves the ExternalSecrets of its own namespace only; one of the name elsewhere is the mistake.
      const storeNamespaces = kind === 'SecretStore' ? [...new Set([
        ...index.of('SecretStore').filter((o) => o.manifest.metadata.name === name).map((o) => namespaceOf(o)),
        ...[...external.secretStores].filter((k) => k.endsWith(`/${name}`)).map((k) => k.slice(0, -name.length - 1)),
      ])].sort() : [];
      findings.push(objectFinding(externalSecret, {
        layer, severity: 'error', field: 'spec.secretStoreRef.name',
        message: `${kind} "${name}" does not exist${kind === 'SecretStore' ? ` in namespace "${namespaceOf(externalSecret)}"` : ''}`,
        hint: otherKind
          ? `"${name}" is a ${otherKind}${otherKind === 'SecretStore' ? ` of namespace "${namespaceOf(externalSecret)}"` : ''}: reference it as one, store: { name: '${name}'${otherKind === 'SecretStore' ? ", kind: 'SecretStore'" : ''} } (an ExternalSecret's store is a ClusterSecretStore unless its kind says otherwise)`
          : storeNamespaces.length > 0
            ? `SecretStore "${name}" is in namespace ${storeNamespaces.map((n) => `"${n}"`).join(', ')}, and a SecretStore serves the ExternalSecrets of its own namespace only: `
              + `make a SecretStore in namespace "${namespaceOf(externalSecret)}", or a ClusterSecretStore (store: { name: '${name}' } reads one), which serves every namespace`
            : `declare the store, or declareExternal(scope, { ${kind === 'ClusterSecretStore' ? 'clusterSecretStores' : 'secretStores'}: [...] })`,
      }));
    }
  }
  return findings;
}


/** NetworkAttachmentDefinitions that VMs and pods attach to exist or are declared external. */
export function checkNetworkAttachments(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const findings: Finding[] = [];
  // A BridgeNetwork's definition is named after the bridge's VLAN, not the bridge: the hint names those made.
  const made = [...index.of('NetworkAttachmentDefinition').map((o) => keyOf(namespaceOf(o), o.manifest.metadata.name)), ...external.networkAttachments].sort();
  const check = (object: SynthesizedObject, field: string, reference: string, defaultNamespace: string) => {
    const [namespace, name] = reference.includes('/') ? reference.split('/', 2) : [defaultNamespace, reference];
    const bare = name.split('@')[0];
    if (!index.find('NetworkAttachmentDefinition', namespace, bare) && !external.networkAttachments.has(keyOf(namespace, bare))) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field,
        message: `NetworkAttachmentDefinition "${namespace}/${bare}" does not exist`,
        hint: made.length > 0
          ? `name one the cluster has (${made.join(', ')}; a BridgeNetwork's is its networkName, <VLAN name>-vlan-bridge unless given, not its bridge's name), or declareExternal(scope, { networkAttachments: [...] })`
          : 'attach to a bridge network the chart declares, or declareExternal(scope, { networkAttachments: [...] })',
      }));
    }
  };
  // Interfaces on one Multus network share its segment: a MAC address given twice there reaches one of them only.
  const macOwners = new Map<string, string>();
  for (const vm of index.of('VirtualMachine')) {
    const template = fields(fields(fields(vm.manifest.spec).template).spec);
    const networks = list(template.networks);
    networks.forEach((network, i) => {
      if (network.multus !== undefined) {
        check(vm, `spec.template.spec.networks[${i}].multus.networkName`, text(fields(network.multus).networkName) ?? '', namespaceOf(vm));
      }
    });
    list(fields(fields(template.domain).devices).interfaces).forEach((iface, i) => {
      const reference = text(fields(networks.find((n) => n.name === iface.name)?.multus).networkName);
      const mac = text(iface.macAddress)?.toLowerCase().replace(/-/g, ':');
      if (reference === undefined || mac === undefined || mac === '') {
        return;
      }
      const segment = reference.includes('/') ? reference.split('@')[0] : `${namespaceOf(vm)}/${reference.split('@')[0]}`;
      const owner = `VirtualMachine ${namespaceOf(vm)}/${vm.manifest.metadata.name} (interface ${String(iface.name)})`;
      const first = macOwners.get(`${segment} ${mac}`);
      if (first === undefined) {
        macOwners.set(`${segment} ${mac}`, owner);
        return;
      }
      findings.push(objectFinding(vm, {
        layer, severity: 'error', field: `spec.template.spec.domain.devices.interfaces[${i}].macAddress`,
        message: `MAC address ${mac} on network ${segment} is ${first}'s already; the bridge delivers its frames to one of the two`,
        hint: 'give each interface an address of its own (02:… marks a locally administered one), or leave macAddress out for one KubeVirt picks',
      }));
    });
  }
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    // Both forms of the annotation: `iot,lan@eth2` and the JSON list `[{"name": "iot", "ips": [...]}]`.
    const attached = attachmentsOf(template);
    const field = `${template.specPath.replace(/\.spec$/, '')}.metadata.annotations.${MULTUS_ANNOTATION}`;
    for (const reference of attached) {
      check(template.object, field, reference, template.namespace);
    }
    if (attached.length > 0 && template.spec.hostNetwork === true) {
      // Multus leaves a pod on the host's network alone: no CNI runs for it, so it gets none of the interfaces.
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field,
        message: `the pod runs on the host's network (hostNetwork: true), where Multus adds no interface: ${attached.join(', ')} would never be attached`,
        hint: "keep one of the two: the Multus attachment on the pod network (leave hostNetwork out; the attachment's interface reaches the VLAN and its broadcasts), or the host's network without the annotation",
      }));
    }
  }
  return findings;
}

/** Every namespaced object names a namespace, and that namespace is declared (or built in, or external). */
export function checkNamespaces(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const findings: Finding[] = [];
  // Thousands of objects share a handful of namespaces: each is looked up once.
  const declared = new Map<string, boolean>();
  const isDeclared = (namespace: string): boolean => {
    let known = declared.get(namespace);
    if (known === undefined) {
      known = !!index.find('Namespace', '', namespace) || external.namespaces.has(namespace) || platformReading(cluster).hasNamespace(namespace)
        // A component refused for its options is reported once, on the option: what names its namespace waits for it.
        || cluster.chart.platform.refusedNamespaces.includes(namespace);
      declared.set(namespace, known);
    }
    return known;
  };
  const madeForNamed = madeForNamedNamespace(cluster);
  let withoutCrd: ReturnType<typeof kindsWithoutCrd> | undefined;
  const scopeOf = clusterScopeResolver(cluster);
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    if (isUnpersistedKind(object.manifest)) {
      // Its namespace is not what is wrong: no namespace or scope would make the server keep it.
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'kind',
        message: `${String(object.manifest.kind)} is a request the API server answers and does not keep, so applying it from Git stores nothing and the GitOps engine finds it missing on every sync`,
        hint: `leave it out of the repository: create it when you need its answer (kubectl create -f …), or grant what it asks with RBAC objects`,
      }));
      continue;
    }
    const scope = scopeOf(object.manifest);
    if (scope === 'Cluster') {
      continue;
    }
    const namespace = text(fields(object.manifest.metadata).namespace);
    if (namespace === undefined && scope === 'unknown') {
      findings.push(objectFinding(object, {
        layer, severity: 'warning', field: 'metadata.namespace',
        message: `has no namespace, and nothing the library knows of kind ${String(object.manifest.kind)} says whether it is cluster-scoped; `
          + 'if its CRD makes it namespaced, it lands in whatever namespace kubectl or the GitOps engine defaults to',
        hint: "declare the scope of the provider's kinds as its CRDs give it: crds: [{ group, kinds, scope: 'Cluster' }]",
      }));
    } else if (namespace === undefined) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'metadata.namespace',
        message: 'has no namespace, so it would land in whatever namespace kubectl or the GitOps engine defaults to',
        hint: unscopedCrdHint(cluster.chart.platform, object.manifest) ?? 'give every namespaced object an explicit namespace',
      }));
    } else if (!isDeclared(namespace) && !madeForNamed(object.constructPath, namespace)
      // An object of a kind nothing installs is one error of provided-crds, whose hint names the choice that brings
      // the kind and the namespace with it (a Flux Kustomization in flux-system without gitops: flux()).
      && !(withoutCrd ??= kindsWithoutCrd(cluster))(text(object.manifest.apiVersion) ?? '', text(object.manifest.kind) ?? '')) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'metadata.namespace',
        message: `namespace "${namespace}" is not declared in cluster "${cluster.chart.clusterName}"`,
        hint: 'declare it with cluster.namespaces.ensure(), or declareExternal(scope, { namespaces: [...] })',
      }));
    }
  }
  findings.push(...namedNamespaceFindings(cluster, isDeclared, () => [
    ...index.of('Namespace').map((ns) => text(fields(ns.manifest.metadata).name) ?? ''), ...external.namespaces, ...platformReading(cluster).namespaces,
  ]));
  return findings;
}

/** The reference checks, in the order they run. */
export const REFERENCE_CHECKS: readonly NamedCheck[] = [
  { name: 'namespaces', layer, check: checkNamespaces },
  { name: 'service-selectors', layer, check: checkServiceSelectors },
  { name: 'monitor-targets', layer, check: checkMonitorTargets },
  { name: 'grafana-dashboards', layer, check: checkGrafanaDashboards },
  { name: 'alert-routes', layer, check: checkAlertRoutes },
  { name: 'config-file-hosts', layer, check: checkConfigFileHosts },
  { name: 'headscale-listeners', layer, check: checkHeadscaleListeners },
  { name: 'headscale-domains', layer, check: checkHeadscaleDomains },
  { name: 'headscale-server-url', layer, check: checkHeadscaleServerUrl },
  { name: 'headscale-database', layer, check: checkHeadscaleDatabase },
  { name: 'garage-secret-files', layer, check: checkGarageSecretFiles },
  { name: 'stateful-pod-names', layer, check: checkStatefulPodNames },
  { name: 'mongodb-srv-urls', layer, check: checkMongoSrvUrls },
  { name: 'sql-identifiers', layer, check: checkSqlIdentifiers },
  { name: 'psql-command-variables', layer, check: checkPsqlCommandVariables },
  { name: 'openai-base-urls', layer, check: checkOpenAiBaseUrls },
  { name: 'redis-sentinels', layer, check: checkRedisSentinels },
  { name: 'rule-windows', layer, check: checkRuleWindows },
  { name: 'reboot-daemons', layer, check: checkRebootDaemons },
  { name: 'descheduler-policies', layer, check: checkDeschedulerPolicies },
  { name: 'route-backends', layer, check: checkRouteBackends },
  { name: 'middleware-references', layer, check: checkMiddlewareReferences },
  { name: 'traefik-plugins', layer, check: checkTraefikPlugins },
  { name: 'crowdsec-traefik-logs', layer, check: checkCrowdSecTraefikLogs },
  { name: 'authentik-outpost-paths', layer, check: checkAuthentikOutpostPaths },
  { name: 'instance-secret-keys', layer, check: checkInstanceSecretKeys },
  { name: 'n8n-queue-processes', layer, check: checkN8nQueueProcesses },
  { name: 'synapse-database-locale', layer, check: checkSynapseDatabaseLocale },
  { name: 'relay-sender-domains', layer, check: checkRelaySenderDomains },
  { name: 'homepage-kubernetes', layer, check: checkHomepageKubernetes },
  { name: 'service-account-names', layer, check: checkServiceAccountNames },
  { name: 'kubectl-tokens', layer, check: checkKubectlTokens },
  { name: 'kubectl-rollout-rules', layer, check: checkKubectlRolloutRules },
  { name: 'scrape-discovery-accounts', layer, check: checkScrapeDiscoveryAccounts },
  { name: 'named-config-files', layer, check: checkNamedConfigFiles },
  { name: 'ca-file-variables', layer, check: checkCaFileVariables },
  { name: 'gatus-config-path', layer, check: checkGatusConfigPath },
  { name: 'gatus-storage', layer, check: checkGatusStorage },
  { name: 'config-file-variables', layer, check: checkConfigFileVariables },
  { name: 'frigate-tls-routes', layer, check: checkFrigateTlsRoutes },
  { name: 'authelia-config', layer, check: checkAutheliaConfig },
  { name: 'route-matchers', layer, check: checkRouteMatchers },
  { name: 'gateway-parents', layer, check: checkGatewayParents },
  { name: 'cilium-gateway-listeners', layer, check: checkCiliumGatewayListeners },
  { name: 'claims', layer, check: checkClaims },
  { name: 'storage-classes', layer, check: checkStorageClasses },
  { name: 'volume-snapshot-classes', layer, check: checkVolumeSnapshotClasses },
  { name: 'backup-targets', layer, check: checkBackupTargets },
  { name: 'recovery-archives', layer, check: checkRecoveryArchives },
  { name: 'cnpg-named-objects', layer, check: checkCnpgNamedObjects },
  { name: 'nfs-claim-folders', layer, check: checkNfsClaimFolders },
  { name: 'csi-secret-parameters', layer, check: checkCsiSecretParameterPairs },
  { name: 'csi-volume-handles', layer, check: checkCsiVolumeHandles },
  { name: 'nfs-subdir-path-patterns', layer, check: checkNfsSubdirPathPatterns },
  { name: 'operator-database-tiers', layer, check: checkOperatorDatabaseTiers },
  { name: 'secret-config-references', layer, check: checkConfigReferences },
  { name: 'secret-mount-files', layer, check: checkSecretMountFiles },
  { name: 'dhcp-option-servers', layer, check: checkDhcpOptionServers },
  { name: 'secret-provider-classes', layer, check: checkSecretProviderClasses },
  { name: 'component-secrets', layer, check: checkComponentSecrets },
  { name: 'runner-controller-namespace', layer, check: checkRunnerControllerNamespace },
  { name: 'secret-producers', layer, check: checkSecretProducers },
  { name: 'network-attachments', layer, check: checkNetworkAttachments },
  { name: 'vm-host-devices', layer, check: checkVmHostDevices },
  { name: 'provider-config-refs', layer, check: checkProviderConfigRefs },
  { name: 'vm-live-migration', layer, check: checkVmLiveMigration },
  { name: 'ceph-pools', layer, check: checkCephPools },
  { name: 'ceph-storage-classes', layer, check: checkCephStorageClasses },
  { name: 'longhorn-parameters', layer, check: checkLonghornParameters },
  { name: 'knative-domain-mappings', layer, check: checkDomainMappings },
  { name: 'control-plane-replicas', layer, check: checkControlPlaneReplicas },
  { name: 'acme-challenges', layer, check: checkAcmeChallenges },
  { name: 'external-dns-annotations', layer, check: checkExternalDnsAnnotations },
  { name: 'flux-references', layer, check: checkFluxReferences },
  { name: 'sync-sources', layer, check: checkSyncSources },
  { name: 'argo-cd-project-kinds', layer, check: checkArgoCdProjectKinds },
  { name: 'substitution-placeholders', layer, check: checkSubstitutionPlaceholders },
  { name: 'foreign-engine-annotations', layer, check: checkForeignEngineAnnotations },
  { name: 'argo-cd-hooks', layer, check: checkArgoCdHooks },
  { name: 'ingress-controller-annotations', layer, check: checkIngressControllerAnnotations },
  { name: 'disruption-budgets', layer, check: checkDisruptionBudgets },
  { name: 'autoscaler-targets', layer, check: checkAutoscalerTargets },
  { name: 'quota-resources', layer, check: checkQuotaResources },
  { name: 'limit-ranges', layer, check: checkLimitRanges },
  { name: 'quota-objects', layer, check: checkQuotaObjects },
  { name: 'claim-limit-ranges', layer, check: checkClaimLimitRanges },
  { name: 'namespaced-bindings', layer, check: checkNamespacedBindings },
  { name: 'pod-limit-ranges', layer, check: checkPodLimitRanges },
  { name: 'shared-secrets', layer, check: checkSharedSecrets },
];
