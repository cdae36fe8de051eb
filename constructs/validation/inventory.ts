import { GPU_RESOURCE } from '../app/gpu';
import { LONGHORN_DRIVER } from './longhorn-parameters';
import { checkAttachmentAddresses } from './attachment-addresses';
import { checkAttachmentVlans } from './attachment-vlans';
import type { GpuVendor } from '../inventory/gpu';
import type { Host } from '../inventory/host';
import { checkLoadBalancerAddresses } from './addresses';
import { checkComponentPlacements } from './component-placements';
import { checkTailnetNames } from './tailnet-names';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { article } from '../inventory/problems';
import { isClusterScoped } from '../synth/kinds';
import type { NamedCheck } from './check';
import { DNS1123_LABEL, HOSTNAME, IANA_SERVICE_NAME, LABEL_VALUE, nameProblem, nameRuleOf, NameRule } from './dns-names';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { notedHostPorts } from './host-port-use';
import { checkHostServicePorts } from './host-service-ports';
import { hostPorts, hostPortsClash, HostPortUse } from './host-port-rules';
import { indexOf, ObjectIndex } from './object-index';
import { singleWriterClaims } from './policy';
import { admittedPodTemplates, containersOf, makesPods, podTemplates, PodTemplate } from './pod-spec';
import { routeHosts } from './route-hosts';
import { gatewayPortsOf, routesMeet } from './route-ports';
import { ClusterNodes, hostsOfNode, schedulableHosts, schedulableHostsOfSpec } from './scheduling';
import { checkSiteInventory } from './site-inventory';
import { checkPodSpreading } from './pod-spreading';
import { checkPlacementPatches } from './placement-patches';
import { checkNfsExportCapacity } from './nfs-export-capacity';
import { oversizedZfsRequests } from './zfs-pool-capacity';
import { foreignLabelHint } from '../inventory/foreign-labels';
import { workloadRoleLabel } from '../inventory/node-labels';

const layer = 'inventory' as const;

/**
 * The hint for a pod template whose `nodeSelector` asks for a label no host of the cluster carries (one another tool
 * writes on the nodes, such as node-feature-discovery's): select a workload role of the inventory instead. Undefined
 * for any other placement that fails. Pure.
 */
function foreignSelectorHint(template: PodTemplate, field: string, chart: SynthesizedCluster['chart']): string | undefined {
  if (field !== 'nodeSelector') {
    return undefined;
  }
  const known = new Set(chart.hosts.flatMap((host) => Object.keys(chart.nodeLabels(host))));
  const foreign = Object.keys(stringMap(template.spec.nodeSelector)).find((key) => !known.has(key));
  return foreign === undefined ? undefined
    : `no host carries the label ${foreign}: ${foreignLabelHint(foreign, (role) => `select it: nodeSelector: { '${workloadRoleLabel(role)}': 'true' }`)}`;
}

/**
 * Some host of the cluster matches each pod template's (and KubeVirt VM's) node name, node selector and affinity,
 * and its taints are tolerated; and some host matches each PersistentVolume's node affinity.
 */
export function checkPlacement(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const { blocker } = schedulableHosts(template, cluster.chart);
    // A placement the app was told about already (no host meets it, or the distribution taints every one it allows).
    if (blocker && !reportedAbove(cluster, template.object.constructPath, PLACEMENT_FIELDS)) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: `${template.specPath}.${blocker.field}`,
        message: `cannot be scheduled in cluster "${cluster.chart.clusterName}": ${blocker.reason}`,
        hint: foreignSelectorHint(template, blocker.field, cluster.chart)
          ?? `hosts of this cluster: ${describeHosts(cluster.chart)}; place workloads through the inventory (placement: { host: ... })`,
      }));
    }
  }
  // A VM's virt-launcher pod takes the node selector, affinity and tolerations of the VM's template.
  for (const vm of cluster.objects) {
    if (vm.manifest.kind !== 'VirtualMachine' || !String(vm.manifest.apiVersion).startsWith('kubevirt.io/')) {
      continue;
    }
    const { blocker } = schedulableHostsOfSpec(fields(fields(fields(vm.manifest.spec).template).spec), cluster.chart);
    if (blocker && !reportedAbove(cluster, vm.constructPath, PLACEMENT_FIELDS)) {
      findings.push(objectFinding(vm, {
        layer, severity: 'error', field: `spec.template.spec.${blocker.field}`,
        message: `the VM cannot be scheduled in cluster "${cluster.chart.clusterName}": ${blocker.reason}`,
        hint: `hosts of this cluster: ${describeHosts(cluster.chart)}; name one as its node's labels say, e.g. nodeSelector: { 'kubernetes.io/hostname': '${cluster.chart.hosts[0]?.nodeName ?? 'node'}' }`,
      }));
    }
  }
  findings.push(...checkPlacementPatches(cluster));
  // A volume's node affinity says which nodes hold its disk (a local volume); taints keep pods away, not disks.
  const disks: ClusterNodes = { hosts: cluster.chart.hosts, nodeTaints: () => [] };
  for (const volume of cluster.objects) {
    const spec = fields(volume.manifest.spec);
    // A ZFS volume's node is judged with its pool.
    if (volume.manifest.kind !== 'PersistentVolume' || fields(spec.csi).driver === ZFS_PROVISIONER) {
      continue;
    }
    const required = fields(spec.nodeAffinity).required;
    const { blocker } = schedulableHostsOfSpec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } }, disks);
    if (blocker) {
      findings.push(objectFinding(volume, {
        layer, severity: 'error', field: 'spec.nodeAffinity.required',
        message: `no host of cluster "${cluster.chart.clusterName}" matches the volume's node affinity, so no node holds its disk and a pod that mounts it is never scheduled`,
        hint: `name the host that holds the disk (kubernetes.io/hostname), or add that host to the cluster's hosts; hosts of this cluster: ${describeHosts(cluster.chart)}`,
      }));
    }
  }
  return findings;
}

function describeHosts(nodes: ClusterNodes): string {
  return nodes.hosts.map((h) => {
    const taints = nodes.nodeTaints(h);
    return `${h.name} (${h.arch}${h.gpus.length ? `, ${h.gpus.map((g) => g.vendor).join('+')} GPU` : ''}`
      + `${taints.length ? `, tainted ${taints.map((t) => t.key).join(',')}` : ''})`;
  }).join(', ') || '(none)';
}

/** Vendor names as people write them, for messages. */
export const GPU_VENDOR_NAMES: Readonly<Record<GpuVendor, string>> = { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel' };

/** The props of an app or service that decide where its pods run (a GPU among them). */
const PLACEMENT_FIELDS: readonly string[] = [
  'placement', 'placement.host', 'placement.hosts', 'placement.gpu', 'placement.zfsPool', 'placement.workloadRole', 'placement.arch', 'gpu',
];

/** Whether a construct at or above `constructPath` reported a finding about one of `fields` (so a check need not repeat it). */
function reportedAbove(cluster: SynthesizedCluster, constructPath: string, fields: readonly string[]): boolean {
  return cluster.notes.some((note) => note.type === `${NOTE_TYPE_PREFIX}finding` && fields.includes((note.data as { field?: string }).field ?? '')
    && (constructPath === note.constructPath || constructPath.startsWith(`${note.constructPath}/`)));
}

const GPU_VENDOR_OF_RESOURCE = new Map<string, GpuVendor>(Object.entries(GPU_RESOURCE).map(([vendor, resource]) => [resource, vendor as GpuVendor]));

/** A GPU extended resource is only requested by pods that can only land on hosts with a GPU of that vendor. */
export function checkGpus(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  // A Knative Service's revisions ask for the GPUs of its template like any workload's pods.
  for (let n = 0, templates = admittedPodTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const hosts = schedulableHosts(template, cluster.chart).hosts;
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      const resources = fields(container.resources);
      const requested = new Set([...Object.keys(fields(resources.limits)), ...Object.keys(fields(resources.requests))]);
      for (const resource of requested) {
        const vendor = GPU_VENDOR_OF_RESOURCE.get(resource);
        if (vendor === undefined) {
          continue;
        }
        const without = hosts.filter((h) => !hostsOfNode(h, cluster.chart.hosts).some((node) => node.hasGpu(vendor)));
        // An app whose placement no host meets (no host has its GPU, its role, ...) has been told so, and is pinned nowhere.
        if (hosts.length > 0 && without.length > 0 && !reportedAbove(cluster, template.object.constructPath, PLACEMENT_FIELDS)) {
          const name = GPU_VENDOR_NAMES[vendor];
          const withGpu = cluster.chart.hosts.filter((h) => h.hasGpu(vendor)).map((h) => h.name);
          findings.push(objectFinding(template.object, {
            layer, severity: 'error', field: `${path}.resources.limits.${resource}`,
            message: `asks for ${article(name)} ${name} GPU but may be scheduled on hosts without one: ${without.map((h) => h.name).join(', ')}`,
            hint: withGpu.length > 0
              ? `pin the pod to the hosts with one (${withGpu.join(', ')}); an App does that itself with gpu: { vendor: '${vendor}' }`
              : `no host of cluster "${cluster.chart.clusterName}" has ${article(name)} ${name} GPU; add it to a host's gpus in the inventory, or drop the request`,
          }));
        }
      }
    }
  }
  return findings;
}

const ZFS_PROVISIONER = 'zfs.csi.openebs.io';

/** The hosts a ZFS StorageClass may put volumes on (its topology), or every cluster host when unpinned. */
function zfsClassHosts(storageClass: SynthesizedObject, clusterHosts: readonly Host<any, any>[]): Host<any, any>[] {
  const names = zfsClassNodes(storageClass);
  return names.length === 0 ? [...clusterHosts] : clusterHosts.filter((h) => names.includes(h.nodeName));
}

/** The node names a ZFS StorageClass's topology pins its volumes to (none: unpinned). */
function zfsClassNodes(storageClass: SynthesizedObject): string[] {
  return list(storageClass.manifest.allowedTopologies).flatMap((t) => list(t.matchLabelExpressions))
    .filter((e) => e.key === 'kubernetes.io/hostname')
    .flatMap((e) => (Array.isArray(e.values) ? e.values.map(String) : []));
}

/**
 * ZFS volumes live on a pool of one host: the pool a StorageClass, PersistentVolume or ZFSVolume names
 * exists on every host it may use, and a pod that mounts such a claim can run on one of those hosts.
 */
export function checkZfsPools(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const hosts = cluster.chart.hosts;
  const findings: Finding[] = [];
  if (hosts.length === 0) {
    // A cluster with no host is reported on its hosts: no pool can be anywhere.
    return findings;
  }
  const poolsOfHosts = hosts.map((h) => `${h.name}: ${Object.keys(h.zfs).join(', ') || 'none'}`).join('; ');
  const requirePool = (object: SynthesizedObject, field: string, pool: string, on: readonly Host<any, any>[], pinnedTo: readonly string[] = []) => {
    const missing = on.filter((h) => !hostsOfNode(h, hosts).some((node) => node.hasZfsPool(pool)));
    if (on.length > 0 && missing.length === 0) {
      return;
    }
    // A pool of a host the site has but the cluster does not (a storage tier naming it) is named with that host.
    const elsewhere = cluster.chart.site.hosts.filter((h) => pinnedTo.includes(h.nodeName)).map((h) => h.name);
    findings.push(objectFinding(object, {
      layer, severity: 'error', field,
      message: on.length > 0 ? `ZFS pool "${pool}" does not exist on ${missing.map((h) => h.name).join(', ')}`
        : elsewhere.length > 0
          ? `ZFS pool "${pool}" is a pool of ${elsewhere.join(', ')}, which is no host of cluster "${cluster.chart.clusterName}" (its hosts: ${hosts.map((h) => h.name).join(', ')}), so no volume of it could be made`
          : `ZFS pool "${pool}" is pinned to a node that is not a host of cluster "${cluster.chart.clusterName}"`,
      hint: elsewhere.length > 0
        ? `add ${elsewhere.join(', ')} to the cluster's hosts, or give the storage tier a pool of one of its hosts (${poolsOfHosts})`
        : `pools in the inventory: ${poolsOfHosts}`,
    }));
  };
  const classHosts = new Map<string, Host<any, any>[]>();
  const classPools = new Map<string, { pool: string; hosts: Host<any, any>[] }>();
  for (const storageClass of index.of('StorageClass')) {
    if (storageClass.manifest.provisioner !== ZFS_PROVISIONER) {
      continue;
    }
    const on = zfsClassHosts(storageClass, hosts);
    const pool = text(fields(storageClass.manifest.parameters).poolname) ?? '';
    classHosts.set(storageClass.manifest.metadata.name, on);
    classPools.set(storageClass.manifest.metadata.name, { pool, hosts: on });
    requirePool(storageClass, 'parameters.poolname', pool, on, zfsClassNodes(storageClass));
  }
  findings.push(...oversizedZfsRequests(index, classPools));
  const byNodeName = (name: unknown) => hosts.filter((h) => h.nodeName === name);
  for (const volume of index.of('PersistentVolume')) {
    const csi = fields(fields(volume.manifest.spec).csi);
    if (csi.driver !== ZFS_PROVISIONER) {
      continue;
    }
    const terms = list(fields(fields(fields(volume.manifest.spec).nodeAffinity).required).nodeSelectorTerms);
    const nodes = terms.flatMap((t) => list(t.matchExpressions)).filter((e) => e.key === 'kubernetes.io/hostname')
      .flatMap((e) => (Array.isArray(e.values) ? e.values : []));
    requirePool(volume, 'spec.csi.volumeAttributes.openebs.io/poolname',
      text(fields(csi.volumeAttributes)['openebs.io/poolname']) ?? '', nodes.length === 0 ? [...hosts] : nodes.flatMap(byNodeName));
  }
  for (const zfsVolume of index.of('ZFSVolume')) {
    const spec = fields(zfsVolume.manifest.spec);
    requirePool(zfsVolume, 'spec.poolName', text(spec.poolName) ?? '', byNodeName(spec.ownerNodeID));
  }
  // A Knative Service's revisions mount the claims of its template like any workload's pods.
  for (let n = 0, templates = admittedPodTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const placeable = schedulableHosts(template, cluster.chart).hosts;
    list(template.spec.volumes).forEach((volume, i) => {
      const claimName = text(fields(volume.persistentVolumeClaim).claimName);
      const claim = claimName === undefined ? undefined : index.find('PersistentVolumeClaim', template.namespace, claimName);
      const on = classHosts.get(text(fields(claim?.manifest.spec).storageClassName) ?? '');
      // A class on no host of the cluster is reported on the class: no placement of the pod would help.
      if (on && on.length > 0 && placeable.length > 0 && !placeable.some((h) => on.includes(h))) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.volumes[${i}].persistentVolumeClaim`,
          message: `claim "${claimName}" lives on ${on.map((h) => h.name).join(', ')}, but the pod can only run on ${placeable.map((h) => h.name).join(', ')}`,
          hint: 'place the app on the host of the pool (placement: { zfsPool: host.zfs.<pool> }), or use a tier of a pool on its host',
        }));
      }
    });
  }
  return findings;
}

/**
 * A Longhorn StorageClass that asks for more replicas of each volume than the cluster has hosts: Longhorn keeps
 * each replica of a volume on a node of its own (replica soft anti-affinity is off by default), so the extra ones
 * never schedule and every volume of the class stays Degraded, its replicas short of the count asked for.
 */
export function checkLonghornReplicas(cluster: SynthesizedCluster): Finding[] {
  const hosts = cluster.chart.hosts;
  if (hosts.length === 0) {
    return [];
  }
  return indexOf(cluster.objects).of('StorageClass').flatMap((storageClass) => {
    const replicas = Number(text(fields(storageClass.manifest.parameters).numberOfReplicas));
    return storageClass.manifest.provisioner !== LONGHORN_DRIVER || !Number.isInteger(replicas) || replicas <= hosts.length ? [] : [objectFinding(storageClass, {
      layer, severity: 'error', field: 'parameters.numberOfReplicas',
      message: `numberOfReplicas "${replicas}" asks for more replicas than cluster "${cluster.chart.clusterName}" has hosts (${hosts.length}: ${hosts.map((h) => h.name).join(', ')}), and Longhorn keeps each on a node of its own: every volume of the class stays Degraded`,
      hint: `numberOfReplicas: '${Math.min(hosts.length, 3)}'`,
    })];
  });
}

/** Each route host name and path is served by one route of the cluster. */
export function checkRouteHosts(cluster: SynthesizedCluster): Finding[] {
  const seen = new Map<string, { readonly object: SynthesizedObject; readonly ports: ReadonlySet<string> | undefined }[]>();
  const findings: Finding[] = [];
  const index = indexOf(cluster.objects);
  const portsOf = new Map<SynthesizedObject, ReadonlySet<string> | undefined>();
  const warned = new Set<string>();
  for (const route of routeHosts(cluster.objects)) {
    const problem = route.schemaChecksSyntax ? undefined : nameProblem(route.host, HOSTNAME);
    if (problem) {
      findings.push(objectFinding(route.object, { layer, severity: 'error', field: route.field, message: problem, hint: 'use lower-case letters, digits, \'-\' and dots' }));
    }
    // Host names match without regard to case.
    const key = `${route.host.toLowerCase()}${route.path}${route.headers ?? ''}`;
    if (!portsOf.has(route.object)) {
      portsOf.set(route.object, gatewayPortsOf(route.object, index));
    }
    const ports = portsOf.get(route.object);
    const earlier = (seen.get(key) ?? []).filter((e) => e.object !== route.object);
    const first = earlier.find((e) => routesMeet(e.ports, ports) === 'shared')?.object;
    const apart = earlier.find((e) => routesMeet(e.ports, ports) === 'proxiesApart')?.object;
    if (first) {
      findings.push(objectFinding(route.object, {
        layer, severity: 'error', field: route.field,
        message: `${route.host}${route.path}${route.headers ?? ''} is routed already by ${first.manifest.kind} ${namespaceOf(first)}/${first.manifest.metadata.name}`,
        hint: 'give the route another host name or path',
      }));
      continue;
    }
    const pair = apart && `${apart.constructPath}\n${route.object.constructPath}`;
    if (apart && pair && !warned.has(pair)) {
      // Deliberate while a host moves from an Ingress to the Gateway: a warning, once for the two routes.
      warned.add(pair);
      findings.push(objectFinding(route.object, {
        layer, severity: 'warning', field: route.field,
        message: `${route.host}${route.path}${route.headers ?? ''} is routed by ${apart.manifest.kind} ${namespaceOf(apart)}/${apart.manifest.metadata.name} too, whose proxy serves it at an address of its own: `
          + 'clients reach the one the host\'s DNS record names, and the other answers nobody',
        hint: 'while the host moves, point its DNS record at the proxy that should answer, and drop the other route once it does',
      }));
    }
    seen.set(key, [...(seen.get(key) ?? []), { object: route.object, ports }]);
  }
  return findings;
}

/** A pod template, or a chart's pods noted by their construct, that takes a port of the hosts it may run on. */
interface Taker {
  readonly owner: string;
  readonly hosts: readonly Host<any, any>[];
  readonly use: HostPortUse;
  readonly template?: PodTemplate;
}

/**
 * Pods that can land on one host do not take the same host port (hostNetwork or hostPort). The ports that
 * pods of the platform's charts take (Traefik's hostPorts), noted by their constructs, come first.
 */
export function checkHostPorts(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  // Earlier takers by protocol and port, in order: the first that can share a host is the one reported.
  const taken = new Map<string, Taker[]>();
  const take = (key: string, taker: Taker) => {
    const takers = taken.get(key);
    if (takers) {
      takers.push(taker);
    } else {
      taken.set(key, [taker]);
    }
  };
  let index: ObjectIndex | undefined;
  for (const noted of notedHostPorts(cluster)) {
    noted.ports.forEach(({ port, protocol }) => take(`${protocol ?? 'TCP'}/${port}`, { owner: noted.owner, hosts: noted.hosts, use: { port, protocol: protocol ?? 'TCP', field: '' } }));
  }
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    if (!makesPods(template)) {
      continue; // a PodTemplate's pods run only as copies some controller makes, which take the ports then
    }
    const hosts = schedulableHosts(template, cluster.chart).hosts;
    for (const use of hostPorts(template)) {
      const key = `${use.protocol}/${use.port}`;
      const takers = taken.get(key);
      // Two ports of one pod are refused by the API server with the pod itself, which the schema layer reports.
      const clash = takers?.find((t) => t.template !== template && hostPortsClash(t.use, use) && t.hosts.some((h) => hosts.includes(h)));
      if (clash) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: use.field,
          message: `host port ${use.protocol}/${use.port} is also taken by ${clash.owner}, which can run on the same host`,
          hint: 'move one of them to another host, or use another port',
        }));
      } else if (template.object.manifest.kind !== 'DaemonSet' && template.replicas > hosts.length && hosts.length > 0
        // Replicas that share a single-writer claim are one error of single-writer-claims, on the replicas.
        && singleWriterClaims(template, index ??= indexOf(cluster.objects)).length === 0) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: use.field,
          message: `${template.replicas} replicas each need host port ${use.protocol}/${use.port}, but only ${hosts.length} host(s) can take them`,
          hint: 'lower the replicas to the number of hosts, or stop using host ports',
        }));
      }
      take(key, { owner: `${template.object.manifest.kind} ${template.namespace}/${template.object.manifest.metadata.name}`, hosts, use, template });
    }
  }
  return findings;
}

/**
 * The start of the names the GitOps engine derives from the site's name (`<site>-<cluster>`, its
 * GitRepository and sync objects) when that name is reported as no name already: those objects are the
 * user's one mistake again, under names they never wrote.
 */
function siteDerivedNamePrefix(cluster: SynthesizedCluster): string | undefined {
  const site = cluster.chart.site;
  return site.problems.some((p) => p.field === 'name') && typeof site.name === 'string' ? `${site.name}-` : undefined;
}

/** Names follow the Kubernetes naming rules: object and namespace names, label values, containers, ports. */
export function checkNames(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const report = (object: SynthesizedObject, field: string, problem: string, rule: NameRule) => {
    findings.push(objectFinding(object, { layer, severity: 'error', field, message: problem, hint: rule.hint ?? `use lower-case letters, digits and '-', at most ${rule.maxLength} characters` }));
  };
  const check = (object: SynthesizedObject, field: string, value: unknown, rule: NameRule) => {
    const problem = typeof value === 'string' ? nameProblem(value, rule) : `${field} must be a string`;
    if (problem) {
      report(object, field, problem, rule);
    }
  };
  // Namespaces and label values repeat across thousands of objects: each value is judged once.
  const judged = new Map<NameRule, Map<string, string | undefined>>();
  const problemOf = (value: string, rule: NameRule): string | undefined => {
    let answers = judged.get(rule);
    if (!answers) {
      answers = new Map();
      judged.set(rule, answers);
    }
    if (!answers.has(value)) {
      answers.set(value, nameProblem(value, rule));
    }
    return answers.get(value);
  };
  const derived = siteDerivedNamePrefix(cluster);
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const metadata = fields(object.manifest.metadata);
    if (derived === undefined || typeof metadata.name !== 'string' || !metadata.name.startsWith(derived)) {
      check(object, 'metadata.name', metadata.name, nameRuleOf(object.manifest.kind, object.manifest.apiVersion));
    }
    if (!isClusterScoped(object.manifest) && metadata.namespace !== undefined) {
      const problem = typeof metadata.namespace === 'string' ? problemOf(metadata.namespace, DNS1123_LABEL) : 'metadata.namespace must be a string';
      if (problem) {
        report(object, 'metadata.namespace', problem, DNS1123_LABEL);
      }
    }
    const labels = stringMap(metadata.labels);
    // for-in lists no keys (Object.keys would, for every object); the labels are plain JSON.
    for (const key in labels) {
      if (!Object.prototype.hasOwnProperty.call(labels, key)) {
        continue;
      }
      const problem = problemOf(labels[key], LABEL_VALUE);
      if (problem) {
        report(object, `metadata.labels.${key}`, problem, LABEL_VALUE);
      }
    }
    if (object.manifest.kind === 'Service') {
      list(fields(object.manifest.spec).ports).forEach((p, i) => {
        // A Service's port names are labels; only the container port a named targetPort refers to is an IANA name.
        if (p.name !== undefined) {
          check(object, `spec.ports[${i}].name`, p.name, DNS1123_LABEL);
        }
      });
    }
  }
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      check(template.object, `${path}.name`, container.name, DNS1123_LABEL);
      list(container.ports).forEach((p: Fields, i) => {
        if (p.name !== undefined) {
          check(template.object, `${path}.ports[${i}].name`, p.name, IANA_SERVICE_NAME);
        }
      });
    }
  }
  return findings;
}

/** The inventory checks, in the order they run. */
export const INVENTORY_CHECKS: readonly NamedCheck[] = [
  { name: 'site-inventory', layer, check: checkSiteInventory },
  { name: 'names', layer, check: checkNames },
  { name: 'placement', layer, check: checkPlacement },
  { name: 'pod-spreading', layer, check: checkPodSpreading },
  { name: 'component-placements', layer, check: checkComponentPlacements },
  { name: 'gpus', layer, check: checkGpus },
  { name: 'zfs-pools', layer, check: checkZfsPools },
  { name: 'longhorn-replicas', layer, check: checkLonghornReplicas },
  { name: 'nfs-export-capacity', layer, check: checkNfsExportCapacity },
  { name: 'load-balancer-addresses', layer, check: checkLoadBalancerAddresses },
  { name: 'tailnet-names', layer, check: checkTailnetNames },
  { name: 'route-hosts', layer, check: checkRouteHosts },
  { name: 'host-ports', layer, check: checkHostPorts },
  { name: 'host-service-ports', layer, check: checkHostServicePorts },
  { name: 'attachment-vlans', layer, check: checkAttachmentVlans },
  { name: 'attachment-addresses', layer, check: checkAttachmentAddresses },
];
