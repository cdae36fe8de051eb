import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { statedNetworkNamespaces } from '../platform/component-network';
import type { Finding } from './finding';
import { fields, type Fields, labelSelectorMatches, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf, type ObjectIndex } from './object-index';
import { hiddenPodNamespaces } from './installed-namespaces';
import { containersOf, makesPods, podPort, type PodTemplate, podTemplates, podTemplatesSelectedBy } from './pod-spec';
import { namespaceLabels, policyAdmission, type PolicyPod, type PolicyTarget } from './policy-admission';
import { rejectedEndpointFindings, rejectedProbeFindings } from './monitor-endpoints';
import { refusedProberFindings } from './prober-policies';
import { platformReading } from './platform-reading';

// A ServiceMonitor or PodMonitor the API server takes may still scrape nothing: its selector matches no
// Service (or pod) of the namespaces it looks in (its own, unless `namespaceSelector` says otherwise), its
// endpoint names a port the targets lack, the targets' NetworkPolicy refuses Prometheus on that port, or
// another monitor scrapes that port already (an App's own, rendered from its `metrics` prop).
// Prometheus then shows no target, or a target that times out, and no alert says why.

const layer = 'references' as const;

/** The release name of the library's monitoring stack, which names Prometheus' pods. */
const STACK = 'kube-prometheus-stack';

/** The labels the Prometheus operator gives the pods of the stack's Prometheus. */
export function prometheusPodLabels(release: string): Record<string, string> {
  const name = `${release}-prometheus`;
  return { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': name, 'operator.prometheus.io/name': name, prometheus: name };
}

/** One thing a monitor may select: a Service (by its labels) or a pod template, in a namespace. */
interface Target {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  /** The ports a scrape endpoint may name, each with the pod ports it reaches. */
  readonly ports: ReadonlyArray<{ readonly name: string; readonly reaches: ReadonlyArray<{ readonly pod: PodTemplate; readonly target: PolicyTarget }> }>;
  /** The pod templates behind it: a Service's selected pods, or the pod itself. */
  readonly pods: readonly PodTemplate[];
}

/** The Services of the cluster as a ServiceMonitor selects them, with the pod ports each named port forwards to. */
function serviceTargets(cluster: SynthesizedCluster, index: ObjectIndex): Target[] {
  return index.of('Service').map((service) => {
    const spec = fields(service.manifest.spec);
    const namespace = namespaceOf(service);
    const selector = stringMap(spec.selector);
    const pods = Object.keys(selector).length === 0 ? [] : podTemplatesSelectedBy(cluster.objects, namespace, selector);
    return {
      namespace, name: text(fields(service.manifest.metadata).name) ?? '', labels: stringMap(fields(service.manifest.metadata).labels), pods,
      ports: list(spec.ports).flatMap((port) => {
        const name = text(port.name);
        const targetPort = port.targetPort ?? port.port;
        const protocol = text(port.protocol) ?? 'TCP';
        return name === undefined ? [] : [{ name, reaches: pods.flatMap((pod) => podPort(pod, targetPort, protocol)) }];
      }),
    };
  });
}

/** The pod templates of the cluster as a PodMonitor selects them (those whose pods run), with their named container ports. */
function podTargets(cluster: SynthesizedCluster): Target[] {
  return podTemplates(cluster.objects).filter(makesPods).map((pod) => ({
    namespace: pod.namespace, name: `${String(pod.object.manifest.kind)} ${text(fields(pod.object.manifest.metadata).name) ?? ''}`, labels: pod.labels, pods: [pod],
    ports: containersOf(pod).flatMap((ref) => list(ref.container.ports)).flatMap((port) => {
      const name = text(port.name);
      return name === undefined ? [] : [{ name, reaches: podPort(pod, name, text(port.protocol) ?? 'TCP') }];
    }),
  }));
}

/** The namespaces a monitor in `own` looks in: its own, those `namespaceSelector.matchNames` lists, or all (`any`). */
function watchedNamespaces(spec: Fields, own: string): readonly string[] | 'any' {
  const selector = fields(spec.namespaceSelector);
  if (selector.any === true) {
    return 'any';
  }
  const names = Array.isArray(selector.matchNames) ? selector.matchNames.filter((n): n is string => typeof n === 'string') : [];
  return names.length > 0 ? names : [own];
}

/** How each monitor kind names its selected objects and its endpoints. */
const MONITOR_KINDS = {
  ServiceMonitor: { endpoints: 'endpoints', what: 'Service' },
  PodMonitor: { endpoints: 'podMetricsEndpoints', what: 'pod' },
} as const;

/**
 * The objects the stack's Prometheus reads, each with the prefix of the keys of its values that narrow which it
 * reads (`<prefix>Selector`, `<prefix>NamespaceSelector`) and what is lost when it does not read one.
 */
const READ_KINDS: Readonly<Record<string, { readonly prefix: string; readonly lost: string }>> = {
  ServiceMonitor: { prefix: 'serviceMonitor', lost: 'it would scrape nothing' },
  PodMonitor: { prefix: 'podMonitor', lost: 'it would scrape nothing' },
  PrometheusRule: { prefix: 'rule', lost: 'its rules would never be evaluated and its alerts never fire' },
  Probe: { prefix: 'probe', lost: 'it would probe nothing' },
  ScrapeConfig: { prefix: 'scrapeConfig', lost: 'it would scrape nothing' },
};

/**
 * ServiceMonitors and PodMonitors that select nothing of the namespaces they look in, that name a port their
 * targets lack or one another monitor scrapes already, whose every target's NetworkPolicy refuses the
 * stack's Prometheus on the scraped port, or whose endpoints the operator rejects (see monitor-endpoints.ts);
 * and those monitors and PrometheusRules the stack's Prometheus does not read.
 * Namespaces whose pods and Services a chart makes (components, chart releases) are not judged: the output
 * does not show them.
 */
export function checkMonitorTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const read = index.of(...Object.keys(READ_KINDS)).filter((m) => m.manifest.apiVersion.startsWith('monitoring.coreos.com/'));
  if (read.length === 0) {
    return [];
  }
  const monitors = read.filter((m) => m.manifest.kind in MONITOR_KINDS);
  const unseen = new Set([
    ...hiddenPodNamespaces(index).map((h) => h.namespace), ...platformReading(cluster).namespaces, ...statedNetworkNamespaces(cluster.chart.namespaces),
  ]);
  const stack = cluster.chart.platform.get(STACK);
  const prometheusSpec = fields(fields(stack?.values.prometheus).prometheusSpec);
  const prometheus: PolicyPod | undefined = stack === undefined ? undefined
    : { namespace: stack.namespace, namespaceLabels: namespaceLabels(index, stack.namespace), labels: prometheusPodLabels(stack.name) };
  const targetsOf = { ServiceMonitor: () => serviceTargets(cluster, index), PodMonitor: () => podTargets(cluster) };
  const cache = new Map<string, Target[]>();
  const findings: Finding[] = read.filter((r) => !(r.manifest.kind in MONITOR_KINDS))
    .flatMap((r) => unwatchedMonitor(index, r, prometheusSpec) ?? (r.manifest.kind === 'Probe' ? rejectedProbeFindings(r, prometheusSpec) : []));
  const scraped = new Map<string, SynthesizedObject>();
  // An App's own monitor comes first: a second one written by hand beside it is the one to drop.
  for (const monitor of [...monitors.filter(renderedByApp), ...monitors.filter((m) => !renderedByApp(m))]) {
    const kind = monitor.manifest.kind as keyof typeof MONITOR_KINDS;
    const targets = cache.get(kind) ?? targetsOf[kind]();
    cache.set(kind, targets);
    const unwatched = unwatchedMonitor(index, monitor, prometheusSpec);
    findings.push(...unwatched ? [unwatched] : [...rejectedEndpointFindings(monitor, MONITOR_KINDS[monitor.manifest.kind as keyof typeof MONITOR_KINDS].endpoints, prometheusSpec), ...monitorFindings(index, monitor, targets, unseen, prometheus, scraped)]);
  }
  if (prometheus !== undefined) {
    findings.push(...refusedProberFindings(cluster, index, prometheus, unseen));
  }
  return findings;
}

/**
 * The finding on a monitor or rule the stack's Prometheus never reads, where its values narrow what it reads
 * (`prometheus.prometheusSpec.serviceMonitorSelector`, `serviceMonitorNamespaceSelector`, and the pairs of
 * PodMonitors and PrometheusRules): the object's labels or its namespace's do not match. Unset, the library's
 * values read them all.
 */
function unwatchedMonitor(index: ObjectIndex, monitor: SynthesizedObject, prometheusSpec: Fields): Finding | undefined {
  const { prefix, lost } = READ_KINDS[monitor.manifest.kind];
  const namespace = namespaceOf(monitor);
  const labels = stringMap(fields(monitor.manifest.metadata).labels);
  const selector = prometheusSpec[`${prefix}Selector`];
  const namespaceSelector = prometheusSpec[`${prefix}NamespaceSelector`];
  const at = `prometheus.prometheusSpec.${prefix}`;
  if (selector !== undefined && selector !== null && !labelSelectorMatches(fields(selector), labels)) {
    return objectFinding(monitor, {
      layer, severity: 'error', field: 'metadata.labels',
      message: `the stack's Prometheus reads only ${String(monitor.manifest.kind)}s labelled ${JSON.stringify(selector)} (${at}Selector of its values), and this one is not: ${lost}`,
      hint: `label the ${String(monitor.manifest.kind)} to match, or drop ${at}Selector from addValues to read every ${String(monitor.manifest.kind)}`,
    });
  }
  if (namespaceSelector !== undefined && namespaceSelector !== null && !labelSelectorMatches(fields(namespaceSelector), namespaceLabels(index, namespace))) {
    return objectFinding(monitor, {
      layer, severity: 'error', field: 'metadata.namespace',
      message: `the stack's Prometheus reads ${String(monitor.manifest.kind)}s only in namespaces labelled ${JSON.stringify(namespaceSelector)} (${at}NamespaceSelector of its values), and namespace "${namespace}" is not: ${lost}`,
      hint: `drop ${at}NamespaceSelector from addValues, as the stack's own values read every namespace; or put the ${String(monitor.manifest.kind)} in a namespace that carries those labels`,
    });
  }
  return undefined;
}

/** Whether an App rendered the monitor from its `metrics` prop. */
function renderedByApp(monitor: SynthesizedObject): boolean {
  return /\/(service|pod)-monitor$/.test(monitor.constructPath);
}

/** What is wrong with one monitor: its selector, then each endpoint's port, repeat and NetworkPolicy. */
function monitorFindings(
  index: ObjectIndex, monitor: SynthesizedObject, targets: readonly Target[], unseen: ReadonlySet<string>, prometheus: PolicyPod | undefined, scraped: Map<string, SynthesizedObject>,
): Finding[] {
  const { endpoints: endpointsKey, what } = MONITOR_KINDS[monitor.manifest.kind as keyof typeof MONITOR_KINDS];
  const spec = fields(monitor.manifest.spec);
  const own = namespaceOf(monitor);
  const watched = watchedNamespaces(spec, own);
  const selector = fields(spec.selector);
  const matching = targets.filter((t) => labelSelectorMatches(selector, t.labels));
  const selected = watched === 'any' ? matching : matching.filter((t) => watched.includes(t.namespace));
  if (selected.length === 0) {
    const elsewhere = matching.filter((t) => !unseen.has(t.namespace));
    if (watched === 'any' || (watched.some((n) => unseen.has(n)) && elsewhere.length === 0)) {
      return [];
    }
    const places = watched.join(', ');
    const hint = elsewhere.length > 0
      ? `a ${what} of namespace ${elsewhere[0].namespace} matches (${elsewhere[0].name}): put the ${String(monitor.manifest.kind)} in namespace ${elsewhere[0].namespace}, `
        + `or look there from here: namespaceSelector: { matchNames: ['${elsewhere[0].namespace}'] }`
      : `match the labels of the ${what}s to scrape; those of namespace ${watched[0]}: ${targets.filter((t) => t.namespace === watched[0]).map((t) => `${t.name} ${JSON.stringify(t.labels)}`).join('; ') || '(none)'}`;
    return [objectFinding(monitor, {
      layer, severity: 'error', field: 'spec.selector',
      message: `selects no ${what} in namespace${watched.length > 1 ? 's' : ''} ${places} (${JSON.stringify(selector)}), the only place${watched.length > 1 ? 's' : ''} it looks: Prometheus would scrape nothing`,
      hint,
    })];
  }
  const findings: Finding[] = [];
  list(spec[endpointsKey]).forEach((endpoint, i) => {
    const port = endpoint.port;
    if (typeof port !== 'string') {
      findings.push(...unmatchedTargetPort(monitor, endpoint, `spec.${endpointsKey}[${i}].targetPort`, selected));
      return;
    }
    const field = `spec.${endpointsKey}[${i}].port`;
    const ports = selected.flatMap((t) => t.ports.filter((p) => p.name === port));
    if (ports.length === 0) {
      const names = [...new Set(selected.flatMap((t) => t.ports.map((p) => p.name)))];
      findings.push(objectFinding(monitor, {
        layer, severity: 'error', field,
        message: `no selected ${what} has a port named "${port}" (${selected.map((t) => `${t.namespace}/${t.name}`).join(', ')}): Prometheus would scrape nothing`,
        hint: `name a port of the ${what}: ${names.map((n) => `'${n}'`).join(', ') || `(none: give the ${what}'s port a name)`}`,
      }));
      return;
    }
    const keys = selected.filter((t) => t.ports.some((p) => p.name === port)).map((t) => `${String(monitor.manifest.kind)} ${t.namespace}/${t.name}:${port}${text(endpoint.path) ?? '/metrics'}?${JSON.stringify(endpoint.params ?? {})}`);
    const earlier = keys.map((key) => scraped.get(key)).find((m) => m !== undefined && m !== monitor);
    keys.forEach((key) => scraped.has(key) || scraped.set(key, monitor));
    if (earlier !== undefined) {
      findings.push(objectFinding(monitor, {
        layer, severity: 'error', field,
        message: `port "${port}" of ${selected[0].namespace}/${selected[0].name} (path ${text(endpoint.path) ?? '/metrics'}) is scraped already by ${String(earlier.manifest.kind)} ${namespaceOf(earlier)}/${text(fields(earlier.manifest.metadata).name) ?? ''}: `
          + 'Prometheus would take every sample twice, under one job, and its rules would count the target twice',
        hint: renderedByApp(earlier)
          ? `drop this ${String(monitor.manifest.kind)}: the App's metrics prop renders one for that port (its path and interval are metrics.path and metrics.interval)`
          : `keep one monitor per port: drop this endpoint, or merge it into ${text(fields(earlier.manifest.metadata).name) ?? 'the other monitor'}`,
      }));
      return;
    }
    const reaches = ports.flatMap((p) => p.reaches);
    const refused = prometheus !== undefined && reaches.length > 0 && reaches.every(({ pod, target }) => policyAdmission(
      index, 'ingress', prometheus, { namespace: pod.namespace, namespaceLabels: namespaceLabels(index, pod.namespace), labels: pod.labels }, target,
    ) === 'refuses');
    if (refused) {
      const { pod, target } = reaches[0];
      findings.push(objectFinding(monitor, {
        layer, severity: 'error', field,
        message: `the NetworkPolicy of the pods behind port "${port}" (${String(pod.object.manifest.kind)} ${pod.namespace}/${text(fields(pod.object.manifest.metadata).name) ?? ''}, port ${target.port}) `
          + `admits nothing from Prometheus in namespace ${prometheus.namespace}: every scrape would time out and the target show as down`,
        hint: `for an App, scrape it through its own prop, which opens the port to Prometheus and renders the monitor: metrics: { port: '${target.name ?? port}' }; `
          + `or admit Prometheus' namespace on that port: allowFrom: [{ namespace: '${prometheus.namespace}' }]; for a policy written by hand, add an ingress rule that admits it`,
      }));
    }
  });
  return findings;
}

/**
 * A scrape endpoint that names the container port of the targets' pods (`targetPort`, by name or number) where it
 * names no port of the Service or pod (`port`): the Prometheus operator then keeps only the targets of that
 * container port, so one that no container of the pods has scrapes nothing. Pods of no known template leave it unjudged.
 */
function unmatchedTargetPort(monitor: SynthesizedObject, endpoint: Fields, field: string, selected: readonly Target[]): Finding[] {
  const targetPort = endpoint.targetPort;
  const pods = selected.flatMap((t) => t.pods);
  if ((typeof targetPort !== 'string' && typeof targetPort !== 'number') || pods.length === 0) {
    return [];
  }
  const containerPorts = pods.flatMap((pod) => containersOf(pod).flatMap((ref) => list(ref.container.ports)));
  if (containerPorts.some((p) => (typeof targetPort === 'number' ? p.containerPort === targetPort : p.name === targetPort))) {
    return [];
  }
  const known = [...new Set(containerPorts.map((p) => (typeof targetPort === 'number' ? String(p.containerPort) : text(p.name))).filter((p): p is string => p !== undefined))];
  const behind = [...new Set(pods.map((pod) => `${String(pod.object.manifest.kind)} ${pod.namespace}/${text(fields(pod.object.manifest.metadata).name) ?? ''}`))].join(', ');
  return [objectFinding(monitor, {
    layer, severity: 'error', field,
    message: `targetPort ${JSON.stringify(targetPort)} is no container port of the pods behind the selected targets (${behind}): the Prometheus operator keeps only the targets of that container port, so Prometheus would scrape nothing`,
    hint: `${known.length > 0 ? `name one of their container ports (${known.map((p) => (typeof targetPort === 'number' ? p : `'${p}'`)).join(', ')}), ` : ''}or name the ${String(monitor.manifest.kind) === 'PodMonitor' ? "pod's" : "Service's"} port instead: port: '<name>' (targetPort is deprecated)`,
  })];
}
