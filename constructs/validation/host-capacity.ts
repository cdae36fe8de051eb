import type { IConstruct } from 'constructs';
import type { Host } from '../inventory/host';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import { containersOf, PodTemplate } from './pod-spec';
import { quantityValue } from './quantity';
import { schedulableHosts, schedulableHostsOfSpec } from './scheduling';
import { hostMatches } from './component-placements';

/** A resource the inventory states per host, as the scheduler counts it. */
interface Capacity {
  /** The resource name in `resources.requests`. */
  readonly resource: 'memory' | 'cpu';
  /** What a host has, in the quantity's unit (bytes, cores); undefined when the inventory does not say. */
  readonly of: (host: Host<any, any>) => number | undefined;
  /** A host's amount, for messages. */
  readonly describe: (host: Host<any, any>) => string;
  /** An amount in the quantity's unit, for messages. */
  readonly amount: (value: number) => string;
}

const GIB = 2 ** 30;

/** How a host's amount is qualified in a message: a placeholder's stand-in may be what makes the pod not fit. */
function standIn(host: Host<any, any>, field: 'cores' | 'memoryGigabytes'): string {
  return host.placeholderSizes.includes(field) ? ' (a placeholder\'s stand-in: give the real amount)' : '';
}

/** Memory (`memoryGigabytes`) and CPU (`cores`) of the inventory's hosts. */
const CAPACITIES: readonly Capacity[] = [
  {
    resource: 'memory', of: (h) => (h.memoryGigabytes === undefined ? undefined : h.memoryGigabytes * GIB),
    describe: (h) => `${h.memoryGigabytes} GB${standIn(h, 'memoryGigabytes')}`, amount: (v) => `${Math.round((v / GIB) * 100) / 100} GiB`,
  },
  { resource: 'cpu', of: (h) => h.cores, describe: (h) => `${h.cores} cores${standIn(h, 'cores')}`, amount: (v) => `${Math.round(v * 1000) / 1000} cores` },
];

/** The host of `hosts` with the most of `capacity`, when the inventory states it for every one of them. */
function largest(hosts: readonly Host<any, any>[], capacity: Capacity): Host<any, any> | undefined {
  if (hosts.length === 0 || hosts.some((h) => capacity.of(h) === undefined)) {
    return undefined;
  }
  return hosts.reduce((best, h) => (capacity.of(h)! > capacity.of(best)! ? h : best));
}

/**
 * Warnings for a pod template whose requests of memory or CPU exceed every host it may run on: a container
 * that asks for more than the largest host, or a pod whose containers together do (the scheduler places
 * the pod as a whole: its app containers' sum, or its largest init container when that is more); and for
 * replicas of such pods more than the hosts hold side by side.
 */
export function capacityFindings(cluster: SynthesizedCluster, template: PodTemplate): Finding[] {
  const findings: Finding[] = [];
  const chart = cluster.chart;
  for (const capacity of CAPACITIES) {
    const inCluster = largest(chart.hosts, capacity);
    let here: Host<any, any> | undefined | null = null;
    const hostsHere = () => (here === null ? (here = largest(schedulableHosts(template, chart).hosts, capacity)) : here);
    const warn = (field: string, requested: string, over: Host<any, any>, whole: boolean) => findings.push(objectFinding(template.object, {
      layer: 'inventory', severity: 'warning', field,
      message: `${whole ? 'its containers together request' : 'requests'} ${requested} of ${capacity.resource}; `
        + (over === inCluster ? `the largest host of cluster "${chart.clusterName}", ${over.name},` : `the largest host it may run on, ${over.name},`)
        + ` has ${capacity.describe(over)}`,
      hint: over === inCluster ? 'lower the request, or the pod will never be scheduled'
        : 'lower the request, or let the pod run on a larger host, or it will never be scheduled',
    }));
    let warned = false;
    // A container asking more than its hosts have is told that once: its limit above them follows from the request.
    const overRequested = new Set<string>();
    const { total, containers } = podRequest(template, capacity.resource);
    for (const { written, requested, path } of containers) {
      const over = inCluster !== undefined && requested > capacity.of(inCluster)! ? inCluster : hostsHere();
      if (over !== undefined && requested > capacity.of(over)!) {
        warn(`${path}.resources.requests.${capacity.resource}`, String(written), over, false);
        overRequested.add(path);
        warned = true;
      }
    }
    const over = inCluster !== undefined && total > capacity.of(inCluster)! ? inCluster : hostsHere();
    if (!warned && over !== undefined && total > capacity.of(over)!) {
      warn(`${template.specPath}.containers`, capacity.amount(total), over, true);
      warned = true;
    }
    if (!warned && template.object.manifest.kind === 'DaemonSet') {
      findings.push(...daemonSetCapacityFindings(template, capacity, schedulableHosts(template, chart).hosts, total, containers));
    }
    findings.push(...unboundLimitFindings(template, capacity, hostsHere(), overRequested));
    const packed = warned || !REPLICATED.has(template.object.manifest.kind) ? undefined : replicasThatFit(schedulableHosts(template, chart).hosts, capacity, total);
    if (packed !== undefined && template.replicas > packed.fit) {
      findings.push(objectFinding(template.object, {
        layer: 'inventory', severity: 'warning', field: 'spec.replicas',
        message: `${template.replicas} replicas request ${capacity.amount(total)} of ${capacity.resource} each; the hosts they may run on `
          + `(${packed.hosts}) hold ${packed.fit} such pod(s) even with nothing else on them, so the others are never scheduled`,
        hint: `run at most ${packed.fit} replicas, lower the request, or let the pods run on more hosts`,
      }));
    }
  }
  return findings;
}

/**
 * Warnings for a DaemonSet whose pod fits its largest host but not some smaller host it may run on: it runs one
 * pod on each of them, so its pod on a board of less memory (a Raspberry Pi of 1 GB beside boards of 8) stays
 * Pending, and the DaemonSet is never ready there. On the container that asks for more than such a host has on
 * its own, else on the pod's containers together.
 */
function daemonSetCapacityFindings(template: PodTemplate, capacity: Capacity, hosts: readonly Host<any, any>[], total: number,
  containers: ReadonlyArray<{ written: unknown; requested: number; path: string }>): Finding[] {
  const short = hosts.filter((h) => capacity.of(h) !== undefined && total > capacity.of(h)!);
  if (short.length === 0) {
    return [];
  }
  const smallest = short.reduce((least, h) => (capacity.of(h)! < capacity.of(least)! ? h : least));
  const alone = containers.find((c) => c.requested > capacity.of(smallest)!);
  const fits = hosts.filter((h) => !short.includes(h)).map((h) => h.name);
  return [objectFinding(template.object, {
    layer: 'inventory', severity: 'warning',
    field: alone !== undefined ? `${alone.path}.resources.requests.${capacity.resource}` : `${template.specPath}.containers`,
    message: `a DaemonSet runs a pod on every host it may run on, and ${alone !== undefined ? `it requests ${String(alone.written)}` : `its containers together request ${capacity.amount(total)}`} `
      + `of ${capacity.resource}: ${short.map((h) => `${h.name} has ${capacity.describe(h)}`).join(', ')}, so the pod there stays Pending and the DaemonSet is never ready`,
    hint: `lower the request to what ${smallest.name} can give, or keep the DaemonSet off ${short.map((h) => h.name).join(', ')}`
      + (fits.length > 0 ? ` (placement: { hosts: [${fits.join(', ')}] }, or a workloadRole those hosts have)` : ''),
  })];
}

/**
 * What is wrong with a limit `written` of `capacity` above all that `largestHere`, the largest host its pods may
 * run on, has (`cpu: 6000m` on a board of four cores): the limit can never bind, so it limits nothing, and the
 * owner's intent is most likely a smaller amount. Undefined when it binds or the inventory does not say.
 */
function unboundLimit(written: unknown, capacity: Capacity, largestHere: Host<any, any> | undefined): { message: string; hint: string } | undefined {
  const has = largestHere === undefined ? undefined : capacity.of(largestHere);
  const limit = quantityValue(written);
  if (has === undefined || limit === undefined || limit <= has) {
    return undefined;
  }
  return {
    message: `limits ${capacity.resource} to ${String(written)}, above the ${capacity.describe(largestHere!)} of ${largestHere!.name}, the largest host it may run on: the limit never binds, so it limits nothing`,
    hint: `give a limit within ${capacity.amount(has)}${capacity.resource === 'cpu' ? ` (${Math.round(has * 1000)}m; 1000m is one core)` : ''}, or leave the ${capacity.resource} limit out`,
  };
}

/**
 * Warnings for each container of `template` whose limit never binds on `largestHere` ({@link unboundLimit}), but
 * those at `overRequested`, whose request is told already.
 */
function unboundLimitFindings(template: PodTemplate, capacity: Capacity, largestHere: Host<any, any> | undefined, overRequested: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const { container, path } of containersOf(template)) {
    const problem = overRequested.has(path) ? undefined : unboundLimit(fields(fields(container.resources).limits)[capacity.resource], capacity, largestHere);
    if (problem !== undefined) {
      findings.push(objectFinding(template.object, { layer: 'inventory', severity: 'warning', field: `${path}.resources.limits.${capacity.resource}`, ...problem }));
    }
  }
  return findings;
}

/**
 * What a pod of `template` requests of `resource` as the scheduler counts it (its app containers and sidecars
 * summed, or its largest plain init container when that is more), with each container's own request.
 */
function podRequest(template: PodTemplate, resource: Capacity['resource']): { total: number; containers: Array<{ written: unknown; requested: number; path: string }> } {
  let sum = 0;
  let largestInit = 0;
  const containers: Array<{ written: unknown; requested: number; path: string }> = [];
  for (const { container, path, init } of containersOf(template)) {
    const written = fields(fields(container.resources).requests)[resource];
    const requested = quantityValue(written);
    if (requested === undefined) {
      continue;
    }
    // A sidecar (an init container that keeps running) counts with the app containers.
    if (init && container.restartPolicy !== 'Always') {
      largestInit = Math.max(largestInit, requested);
    } else {
      sum += requested;
    }
    containers.push({ written, requested, path });
  }
  return { total: Math.max(sum, largestInit), containers };
}

/**
 * Warnings for a host whose pods together request more memory or CPU than it has, counting the workloads
 * that may run on that host only (pinned to it, or of a one-host cluster): a Deployment's or StatefulSet's
 * replicas and a DaemonSet's pod, each as the scheduler counts it. The scheduler places them one by one until
 * the host is full, and the rest stay Pending. A workload that does not fit on its own is warned about by
 * {@link capacityFindings} and left out; the warning is on the workload that the sum passes the host with.
 */
export function pinnedCapacityFindings(cluster: SynthesizedCluster, templates: readonly PodTemplate[]): Finding[] {
  const chart = cluster.chart;
  const findings: Finding[] = [];
  // A component's pods are the engine's to render: what its parts request is read from its values.
  const placed = placedComponents(chart);
  for (const capacity of CAPACITIES) {
    const used = new Map<Host<any, any>, { total: number; workloads: string[] }>();
    for (const { host, total, component, option } of pinnedComponentRequests(placed, capacity.resource)) {
      const has = capacity.of(host);
      if (has === undefined) {
        continue;
      }
      if (total > has) {
        findings.push({
          layer: 'inventory', severity: 'warning', constructPath: chart.platform.node.path, field: `components.${component}.resources`,
          message: `the parts of ${component}, which its ${option} puts on host ${host.name}, request ${capacity.amount(total)} of ${capacity.resource} together; `
            + `${host.name} has ${capacity.describe(host)}, so some of them stay Pending`,
          hint: `lower the parts' requests through the component's resources option, by part (e.g. resources: { prometheus: { ${capacity.resource}Request: '…' } }), or place it on a larger host`,
        });
        continue;
      }
      used.set(host, { total, workloads: [`${component} ${capacity.amount(total)}`] });
    }
    for (const template of templates) {
      const kind = template.object.manifest.kind;
      const hosts = REPLICATED.has(kind) || kind === 'DaemonSet' ? schedulableHosts(template, chart).hosts : [];
      const host = hosts.length === 1 ? hosts[0] : undefined;
      const has = host === undefined ? undefined : capacity.of(host);
      const pods = kind === 'DaemonSet' ? 1 : template.replicas;
      const { total, containers } = podRequest(template, capacity.resource);
      const request = pods * total;
      if (host === undefined || has === undefined || request <= 0 || request > has) {
        continue;
      }
      let sum = used.get(host);
      if (sum === undefined) {
        sum = { total: 0, workloads: [] };
        used.set(host, sum);
      }
      const metadata = fields(template.object.manifest.metadata);
      const name = `${kind} ${String(metadata.namespace ?? '')}/${String(metadata.name ?? '')}`;
      // One list per host, added to: a copy per workload would cost the square of the workloads pinned to a host.
      const workloads = sum.workloads;
      workloads.push(`${name} ${capacity.amount(request)}`);
      if (sum.total <= has && sum.total + request > has) {
        findings.push(objectFinding(template.object, {
          // On the request its owner lowers: the first container's, which an App names by its prop.
          layer: 'inventory', severity: 'warning', field: `${containers[0].path}.resources.requests.${capacity.resource}`,
          message: `the workloads that may run only on host ${host.name} request ${capacity.amount(sum.total + request)} of ${capacity.resource} together `
            + `(${workloads.join(', ')}); ${host.name} has ${capacity.describe(host)}, so this one's pods stay Pending`,
          hint: `lower the requests, or let some of these workloads run on another host (placement), or give ${host.name} its real amount in the inventory`,
        }));
      }
      sum.total += request;
    }
  }
  return findings;
}

/** A platform component placed by one of its options, with the hosts that placement allows and its sized parts. */
interface PlacedComponent {
  readonly component: string;
  /** The option that placed it, e.g. `placement`. */
  readonly option: string;
  readonly hosts: readonly Host<any, any>[];
  /** Each values key the library sizes a part at (`resources.setAt`), with the resources found there. */
  readonly parts: ReadonlyArray<{ readonly key: string; readonly resources: Record<string, unknown> }>;
}

/**
 * The platform components of `chart` installed from a Helm chart and placed by one option, with the hosts that
 * placement allows and the resources of their parts, read from their values where the library sizes them: the
 * engine renders their pods, so no pod template of the output shows them.
 */
function placedComponents(chart: SynthesizedCluster['chart']): PlacedComponent[] {
  const placed: PlacedComponent[] = [];
  for (const component of chart.platform.components) {
    const install = component.install;
    const placements = Object.entries(component.props.placements ?? {});
    if (install.type !== 'helm' || placements.length !== 1) {
      continue;
    }
    const [option, placement] = placements[0];
    const parts = (component.props.resources?.setAt ?? []).filter((key) => key.startsWith('values.')).map((key) => ({
      key,
      resources: fields(key.split('.').slice(1).reduce<unknown>((at, step) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined), install.values)),
    }));
    placed.push({ component: component.name, option, hosts: chart.hosts.filter((h) => hostMatches(h, placement.nodeSelector) === true), parts });
  }
  return placed;
}

/**
 * The placed components ({@link placedComponents}) whose placement leaves them one host of the cluster
 * (`hostPlacement(pi1)`), with what their parts request of `resource` together. A part that runs on every
 * node (node-exporter) runs on that host too.
 */
function pinnedComponentRequests(placed: readonly PlacedComponent[], resource: Capacity['resource']): Array<{ host: Host<any, any>; total: number; component: string; option: string }> {
  return placed.filter((p) => p.hosts.length === 1).map((p) => ({
    host: p.hosts[0], component: p.component, option: p.option,
    total: p.parts.reduce((sum, part) => sum + (quantityValue(fields(part.resources.requests)[resource]) ?? 0), 0),
  })).filter((p) => p.total > 0);
}

/** Warnings for each part of a placed component whose limit never binds on the largest host its placement allows. */
export function componentLimitFindings(cluster: SynthesizedCluster): Finding[] {
  const chart = cluster.chart;
  const findings: Finding[] = [];
  for (const placed of placedComponents(chart)) {
    for (const capacity of CAPACITIES) {
      const host = largest(placed.hosts, capacity);
      for (const { key, resources } of placed.parts) {
        const problem = unboundLimit(fields(resources.limits)[capacity.resource], capacity, host);
        if (problem !== undefined) {
          findings.push({ layer: 'inventory', severity: 'warning', constructPath: chart.platform.node.path, field: `components.${placed.component}.resources`, ...problem, message: `${key}: ${problem.message}` });
        }
      }
    }
  }
  return findings;
}

/** Workloads whose replicas the scheduler places anywhere the pod fits, several on a host. */
const REPLICATED: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/**
 * How many pods requesting `request` of `capacity` the hosts hold side by side, each host a whole number of
 * them, when the inventory states the amount of every host; undefined when it does not, or nothing is requested.
 */
function replicasThatFit(hosts: readonly Host<any, any>[], capacity: Capacity, request: number): { fit: number; hosts: string } | undefined {
  if (request <= 0 || hosts.length === 0 || hosts.some((h) => capacity.of(h) === undefined)) {
    return undefined;
  }
  return {
    fit: hosts.reduce((sum, h) => sum + Math.floor(capacity.of(h)! / request), 0),
    hosts: hosts.map((h) => `${h.name}: ${capacity.describe(h)}`).join(', '),
  };
}

/** Whether a construct of `checked` is at or above `path`; the depth of a path bounds the walk. */
function checkedAbove(checked: ReadonlySet<string>, path: string): boolean {
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    if (checked.has(path.slice(0, end))) {
      return true;
    }
  }
  return false;
}

/** Note of a construct that judged its VM's memory against the host it runs on itself (on the prop it was given). */
const VM_MEMORY_CHECKED_NOTE = `${NOTE_TYPE_PREFIX}vm-memory-checked`;

/** Notes that `scope` judged the memory of the VM it renders against its host itself (reported on its props). */
export function noteVmMemoryChecked(scope: IConstruct): void {
  scope.node.addMetadata(VM_MEMORY_CHECKED_NOTE, true);
}

/**
 * Warnings for a KubeVirt VirtualMachine whose memory (its `resources.requests.memory`, or else the guest's
 * `memory.guest`, which its virt-launcher pod requests with an overhead on top) is more than every host it may
 * run on has: its pod would never be scheduled. A warning, as a pod's request above its hosts is.
 */
export function vmCapacityFindings(cluster: SynthesizedCluster): Finding[] {
  const memory = CAPACITIES[0];
  const checked = new Set(cluster.notes.filter((note) => note.type === VM_MEMORY_CHECKED_NOTE).map((note) => note.constructPath));
  const findings: Finding[] = [];
  for (const vm of cluster.objects) {
    if (vm.manifest.kind !== 'VirtualMachine' || !String(vm.manifest.apiVersion).startsWith('kubevirt.io/') || checkedAbove(checked, vm.constructPath)) {
      continue;
    }
    const spec = fields(fields(fields(vm.manifest.spec).template).spec);
    const domain = fields(spec.domain);
    const request = fields(fields(domain.resources).requests).memory;
    const [written, field] = request !== undefined ? [request, 'resources.requests.memory'] : [fields(domain.memory).guest, 'memory.guest'];
    const requested = quantityValue(written);
    const largestHere = requested === undefined ? undefined : largest(schedulableHostsOfSpec(spec, cluster.chart).hosts, memory);
    if (requested === undefined || largestHere === undefined || requested <= memory.of(largestHere)!) {
      continue;
    }
    findings.push(objectFinding(vm, {
      layer: 'inventory', severity: 'warning', field: `spec.template.spec.domain.${field}`,
      message: `the VM ${text(vm.manifest.metadata.name) ?? ''} asks for ${String(written)} of memory; the largest host it may run on, ${largestHere.name}, has ${memory.describe(largestHere)}, so its pod would never be scheduled`,
      hint: `give the guest less than the host has, e.g. '${Math.max(1, Math.floor(largestHere.memoryGigabytes! / 2))}Gi', or let the VM run on a larger host`,
    }));
  }
  return findings;
}
