import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Construct } from 'constructs';
import { loadAll } from 'js-yaml';
import type { Finding } from '../../constructs';
import { kustomizeBuildEach } from './kustomize';
import { filesOnlyBuild } from './kustomize-files';
import { aboutTheLab, sitesInMemory } from './synth';

// What a correct lab's output does once applied, read from what kustomize builds of its folders: the probes and
// Services against the ports its pods declare, and its network policies against the peers that must get in.

/** A manifest as kustomize prints it. */
export type Manifest = { kind: string; apiVersion: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

/** The findings of a lab as its owner reads them, one line each. */
export function shownFindings(define: (scope: Construct) => void): string[] {
  return aboutTheLab(sitesInMemory(define).findings).map((f: Finding) => `${f.severity} ${f.constructPath} ${f.field}`);
}

const builtInThisFile = new Map<(scope: Construct) => void, Map<string, Manifest[]>>();

/** What `kubectl kustomize` builds of each folder of the lab's output that holds a kustomization.yaml, by folder; built once per test file, as each build runs kustomize. */
export function kustomized(define: (scope: Construct) => void): Map<string, Manifest[]> {
  kustomizeLabs([define]);
  return builtInThisFile.get(define)!;
}

/**
 * Builds the folders of every lab of `defines` not built yet in this file, all side by side in one batch: each
 * build is mostly kubectl's start, which one lab after another would add up.
 */
export function kustomizeLabs(defines: ReadonlyArray<(scope: Construct) => void>): void {
  const labs = [...new Set(defines)].filter((define) => !builtInThisFile.has(define)).map((define) => {
    const result = sitesInMemory(define);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'correct-labs-out-'));
    for (const [file, text] of result.files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const folders = [...result.files.keys()].filter((file) => file.endsWith('/kustomization.yaml')).map((file) => path.dirname(file)).sort();
    return { define, root, folders };
  });
  // A folder that lists only files of its own is built in process, as kubectl would build it (see
  // kustomize-files.ts); kubectl builds the others, all in one batch.
  const inProcess = new Map(labs.flatMap(({ root, folders }) => folders.map((folder) => path.join(root, folder)))
    .map((folder) => [folder, filesOnlyBuild(folder) as Manifest[] | undefined]));
  const byKubectl = [...inProcess].filter(([, objects]) => objects === undefined).map(([folder]) => folder);
  const printed = new Map(kustomizeBuildEach(byKubectl).map((text, i) => [byKubectl[i], (loadAll(text) as Manifest[]).filter((m) => m !== null)]));
  for (const { define, root, folders } of labs) {
    builtInThisFile.set(define, new Map(folders.map((folder) => {
      const full = path.join(root, folder);
      return [folder, inProcess.get(full) ?? printed.get(full)!];
    })));
  }
}

/** Every object kustomize builds of the lab's folders (of cluster folder `cluster` alone, e.g. `fleet/home`, where given), once each. */
export function objectsOf(define: (scope: Construct) => void, cluster?: string): Manifest[] {
  const seen = new Map<string, Manifest>();
  for (const [folder, manifests] of kustomized(define)) {
    if (cluster !== undefined && folder !== cluster && !folder.startsWith(`${cluster}/`)) {
      continue;
    }
    manifests.forEach((m) => seen.set(`${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`, m));
  }
  return [...seen.values()];
}

/** A pod template of the output, with the object that holds it. */
export interface Pod { readonly namespace: string; readonly owner: string; readonly labels: Record<string, string>; readonly spec: any }

export function podsOf(objects: Manifest[]): Pod[] {
  return objects.flatMap((o): Pod[] => {
    const template = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind) ? o.spec?.template
      : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template
        : o.kind === 'VirtualMachine' ? o.spec?.template : undefined;
    return template === undefined ? [] : [{ namespace: o.metadata.namespace ?? '', owner: `${o.kind} ${o.metadata.name}`, labels: template.metadata?.labels ?? {}, spec: template.spec }];
  });
}

/** The containers of a pod that serve: its containers and native sidecars. */
export const servingContainers = (pod: Pod): any[] => [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always')];

/** Each probe of the output whose port no port of its container declares. */
export function probesOffPorts(objects: Manifest[]): string[] {
  return podsOf(objects).flatMap((pod) => servingContainers(pod).flatMap((c: any) => ['readinessProbe', 'livenessProbe', 'startupProbe'].flatMap((kind) => {
    const probe = c[kind];
    const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
    const declared = (c.ports ?? []).some((p: any) => p.containerPort === port || p.name === port);
    return port === undefined || declared ? [] : [`${pod.owner} ${c.name} ${kind} ${port}`];
  })));
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean =>
  selector !== undefined && Object.entries(selector).every(([k, v]) => labels[k.replace(/^k8s:/, '')] === v);

/** The container port a Service port reaches on `pod`, or undefined when none of the pod's ports is it. */
function targetOf(pod: Pod, servicePort: any): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  const port = servingContainers(pod).flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === target || p.containerPort === target);
  return port?.containerPort;
}

/** Each Service of the output that selects no pod, or whose port reaches none of a selected pod's ports. */
export function servicesOffPods(objects: Manifest[]): string[] {
  const pods = podsOf(objects);
  return objects.filter((o) => o.kind === 'Service' && o.spec?.selector !== undefined).flatMap((service) => {
    const selected = pods.filter((p) => p.namespace === service.metadata.namespace && selects(service.spec.selector, p.labels));
    if (selected.length === 0) {
      return [`Service ${service.metadata.namespace}/${service.metadata.name} selects no pod`];
    }
    // A VM's pod runs its guest, whose ports the template does not declare; a pod on its host's network serves the node's.
    return selected.filter((p) => !p.owner.startsWith('VirtualMachine') && p.spec.hostNetwork !== true).flatMap((pod) => (service.spec.ports ?? [])
      .filter((port: any) => targetOf(pod, port) === undefined)
      .map((port: any) => `Service ${service.metadata.namespace}/${service.metadata.name} port ${port.port} reaches no port of ${pod.owner}`));
  });
}

/** Who may reach a pod: the ingress controller (by its namespace, or Cilium's `ingress` entity) or an app of a namespace. */
export type Peer = { readonly namespace: string; readonly app?: string } | 'cilium-ingress';

/** Whether a rule of a policy of `namespace` takes `peer`: no peer (anyone), its namespace (and pods), pods of the policy's own namespace, or Cilium's entity. */
function ruleTakes(rule: any, peer: Peer, namespace: string): boolean {
  if (rule.from === undefined && rule.fromEndpoints === undefined && rule.fromEntities === undefined && rule.fromCIDR === undefined) {
    return true;
  }
  if (peer === 'cilium-ingress') {
    return (rule.fromEntities ?? []).some((e: string) => e === 'ingress' || e === 'all');
  }
  // A selector that names no label of the key takes every pod (or namespace) there.
  const named = (labels: Record<string, string> | undefined, key: string, value: string | undefined) => value === undefined || labels?.[key] === undefined || labels[key] === value;
  // A pod selector without a namespace selector takes pods of the policy's own namespace alone.
  return (rule.from ?? []).some((from: any) => ((from.namespaceSelector !== undefined
      && (Object.keys(from.namespaceSelector).length === 0 || named(from.namespaceSelector.matchLabels, 'kubernetes.io/metadata.name', peer.namespace)))
      || (from.namespaceSelector === undefined && from.podSelector !== undefined && peer.namespace === namespace))
      && named(from.podSelector?.matchLabels, 'app.kubernetes.io/name', peer.app))
    // So does a Cilium endpoint selector without the namespace's label.
    || (rule.fromEndpoints ?? []).some((e: any) => (e.matchLabels?.['k8s:io.kubernetes.pod.namespace'] === undefined ? peer.namespace === namespace
      : e.matchLabels['k8s:io.kubernetes.pod.namespace'] === peer.namespace) && named(e.matchLabels, 'k8s:app.kubernetes.io/name', peer.app));
}

/** Whether a rule's ports take `port` (none listed: every port). */
function rulePortTakes(rule: any, port: number): boolean {
  const ports = rule.ports ?? (rule.toPorts ?? []).flatMap((p: any) => p.ports ?? []);
  return ports.length === 0 || ports.some((p: any) => Number(p.port) === port);
}

/** Whether the policies of the pods of app `app` (or of the pods of these labels) in `namespace` admit `peer` on `port` (no policy selecting them: all do). */
export function admits(objects: Manifest[], namespace: string, app: string | Record<string, string>, port: number, peer: Peer): boolean {
  const labels = typeof app === 'string' ? { 'app.kubernetes.io/name': app } : app;
  const policies = objects.filter((o) => (o.kind === 'NetworkPolicy' || o.kind === 'CiliumNetworkPolicy') && o.metadata.namespace === namespace
    && (Object.keys(o.spec?.podSelector?.matchLabels ?? o.spec?.endpointSelector?.matchLabels ?? {}).length === 0
      || selects(o.spec?.podSelector?.matchLabels ?? o.spec?.endpointSelector?.matchLabels, labels)));
  return policies.length === 0 || policies.some((p) => (p.spec.ingress ?? []).some((rule: any) => ruleTakes(rule, peer, namespace) && rulePortTakes(rule, port)));
}

/** Each routed backend (IngressRoute, Ingress, HTTPRoute) whose pods' policies keep `ingress` out on the port the route reaches. */
export function routesRefused(objects: Manifest[], ingress: Peer): string[] {
  const pods = podsOf(objects);
  const backends = objects.flatMap((o) => {
    const namespace = o.metadata.namespace ?? '';
    if (o.kind === 'IngressRoute') {
      return (o.spec.routes ?? []).flatMap((r: any) => (r.services ?? []).map((s: any) => ({ namespace, name: s.name, port: s.port })));
    }
    if (o.kind === 'Ingress') {
      return (o.spec.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => ({ namespace, name: p.backend.service.name, port: p.backend.service.port.number ?? p.backend.service.port.name })));
    }
    if (o.kind === 'HTTPRoute') {
      return (o.spec.rules ?? []).flatMap((r: any) => (r.backendRefs ?? []).map((b: any) => ({ namespace, name: b.name, port: b.port })));
    }
    return [];
  });
  return backends.flatMap((backend) => {
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.namespace === backend.namespace && o.metadata.name === backend.name);
    const servicePort = (service?.spec?.ports ?? []).find((p: any) => p.port === backend.port || p.name === backend.port);
    if (service === undefined || servicePort === undefined) {
      return [`route to ${backend.namespace}/${backend.name}:${backend.port} has no Service port`];
    }
    return pods.filter((p) => p.namespace === backend.namespace && selects(service.spec.selector, p.labels)).flatMap((pod) => {
      const port = targetOf(pod, servicePort) ?? (typeof servicePort.targetPort === 'number' ? servicePort.targetPort : servicePort.port);
      return admits(objects, pod.namespace, pod.labels, port, ingress) ? [] : [`${pod.owner} refuses the ingress on ${port}`];
    });
  });
}

/** Each cluster folder of the lab's output that holds a kustomization.yaml. */
export const foldersOf = (define: (scope: Construct) => void): string[] => [...kustomized(define).keys()];
