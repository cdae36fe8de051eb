import type { SynthesizedObject } from '../synth/collect';
import { LabeledIndex } from './label-index';
import { fields, Fields, list, namespaceOf, stringMap, text } from './manifest';
import type { PolicyTarget } from './policy-admission';

/** What a workload kind that embeds a pod template is to its pods: where the template is, and what the API server takes in it. */
export interface TemplateKind {
  /** Field path of the pod template (metadata + spec) inside the object. */
  readonly path: readonly string[];
  /** The kind's apiVersion: a custom resource may reuse a kind's name, and its rules are not the workload's. */
  readonly apiVersion: string;
  /** The restart policies the API server takes for its pods. @default - any of Always, OnFailure and Never */
  readonly restartPolicies?: readonly string[];
  /** Whether its pods run for ever, so that they take no `activeDeadlineSeconds`. @default false */
  readonly keepsPodsRunning?: boolean;
  /**
   * Whether the kind makes pods itself. A PodTemplate holds a template that other controllers copy: its pods are
   * checked as any workload's, but none runs with its labels. @default true
   */
  readonly makesPods?: boolean;
  /** Whether `spec.replicas` counts its pods (1 when left out). @default false: one pod (per node, for a DaemonSet) */
  readonly replicated?: boolean;
}

/**
 * Every workload kind that embeds a pod template, with where it keeps it: the one table every check of pod
 * templates reads, so that a kind added here gets every check of container names, ports, probes, volumes, Pod
 * Security and resources at once.
 */
export const TEMPLATE_KINDS: Readonly<Record<string, TemplateKind>> = {
  Deployment: { path: ['spec', 'template'], apiVersion: 'apps/v1', restartPolicies: ['Always'], keepsPodsRunning: true, replicated: true },
  StatefulSet: { path: ['spec', 'template'], apiVersion: 'apps/v1', restartPolicies: ['Always'], keepsPodsRunning: true, replicated: true },
  DaemonSet: { path: ['spec', 'template'], apiVersion: 'apps/v1', restartPolicies: ['Always'], keepsPodsRunning: true },
  ReplicaSet: { path: ['spec', 'template'], apiVersion: 'apps/v1', restartPolicies: ['Always'], keepsPodsRunning: true, replicated: true },
  ReplicationController: { path: ['spec', 'template'], apiVersion: 'v1', restartPolicies: ['Always'], keepsPodsRunning: true, replicated: true },
  Job: { path: ['spec', 'template'], apiVersion: 'batch/v1', restartPolicies: ['OnFailure', 'Never'] },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], apiVersion: 'batch/v1', restartPolicies: ['OnFailure', 'Never'] },
  PodTemplate: { path: ['template'], apiVersion: 'v1', makesPods: false },
};

/** The workload kind of `manifest` as {@link TEMPLATE_KINDS} has it, when it is that kind at its own apiVersion. */
export function templateKindOf(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): TemplateKind | undefined {
  const entry = typeof manifest.kind === 'string' ? TEMPLATE_KINDS[manifest.kind] : undefined;
  return entry !== undefined && entry.apiVersion === manifest.apiVersion ? entry : undefined;
}

/** Field path of each workload kind's pod spec (`spec.template.spec`, …), joined once. */
const SPEC_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TEMPLATE_KINDS).map(([kind, { path }]) => [kind, [...path, 'spec'].join('.')]),
);

/** A pod template of a workload (or a bare Pod), with what checks need to know about it. */
export interface PodTemplate {
  /** The workload object. */
  readonly object: SynthesizedObject;
  /** Namespace the pods run in. */
  readonly namespace: string;
  /** Field path of the pod spec inside the object, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** The pod spec. */
  readonly spec: Fields;
  /** Labels of the pods. */
  readonly labels: Record<string, string>;
  /** Annotations of the pods. */
  readonly annotations: Record<string, string>;
  /** Pods that exist at once; a DaemonSet's count is per node, so 1; a PodTemplate's, which makes none, 0. */
  readonly replicas: number;
}

/** A container of a pod template, with its field path. */
export interface ContainerRef {
  /** The container. */
  readonly container: Fields;
  /** Field path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  /** Whether it is an init container. */
  readonly init: boolean;
}

/**
 * Whether a container runs as long as the pod does: a main container, or a native sidecar (an init container
 * with `restartPolicy: Always`), which serves ports and needs probes as a main container does. Pure.
 */
export function runsWithPod(ref: ContainerRef): boolean {
  return !ref.init || ref.container.restartPolicy === 'Always';
}

const templateCache = new WeakMap<readonly SynthesizedObject[], PodTemplate[]>();

/** Every pod template of the objects: workloads and bare Pods, in object order. Computed once per list. */
export function podTemplates(objects: readonly SynthesizedObject[]): PodTemplate[] {
  let templates = templateCache.get(objects);
  if (!templates) {
    templates = findPodTemplates(objects);
    templateCache.set(objects, templates);
  }
  return templates;
}

/** Whether pods run from the template: not a PodTemplate's, which other controllers copy. Pure. */
export function makesPods(template: PodTemplate): boolean {
  return TEMPLATE_KINDS[String(template.object.manifest.kind)]?.makesPods !== false;
}

const byNamespaceCache = new WeakMap<readonly SynthesizedObject[], Map<string, PodTemplate[]>>();

/** The pod templates of one namespace whose pods run, grouped once per list so selector checks stay linear. */
export function podTemplatesIn(objects: readonly SynthesizedObject[], namespace: string): PodTemplate[] {
  let byNamespace = byNamespaceCache.get(objects);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const template of podTemplates(objects)) {
      if (!makesPods(template)) {
        continue; // no pod runs with a PodTemplate's labels, so no selector picks it
      }
      const group = byNamespace.get(template.namespace);
      if (group) {
        group.push(template);
      } else {
        byNamespace.set(template.namespace, [template]);
      }
    }
    byNamespaceCache.set(objects, byNamespace);
  }
  return byNamespace.get(namespace) ?? [];
}

const labeledCache = new WeakMap<readonly SynthesizedObject[], Map<string, LabeledIndex<PodTemplate>>>();

/** The pod templates of one namespace indexed by label, built once per list and namespace. */
export function podTemplateIndexIn(objects: readonly SynthesizedObject[], namespace: string): LabeledIndex<PodTemplate> {
  let byNamespace = labeledCache.get(objects);
  if (!byNamespace) {
    byNamespace = new Map();
    labeledCache.set(objects, byNamespace);
  }
  let labeled = byNamespace.get(namespace);
  if (!labeled) {
    labeled = new LabeledIndex(podTemplatesIn(objects, namespace));
    byNamespace.set(namespace, labeled);
  }
  return labeled;
}

/**
 * The pod templates of one namespace whose labels match every entry of `selector`, in object order. The
 * templates are grouped by label once per list, so a check over every Service stays linear.
 */
export function podTemplatesSelectedBy(objects: readonly SynthesizedObject[], namespace: string, selector: Record<string, string>): PodTemplate[] {
  return podTemplateIndexIn(objects, namespace).selectedBy({ matchLabels: selector });
}

/**
 * The pod templates Pod Security admission judges: every workload's and bare Pod's, and those of Knative
 * Serving Services, whose revisions' pods run the template with only Knative's queue-proxy beside it. The
 * checks of the objects a pod names (claims, Secrets, ConfigMaps, SecretProviderClasses, RuntimeClasses), of
 * the GPUs and ZFS pools its hosts must have and of the calls its env makes read them too; the others leave
 * Knative's templates alone, as Knative fills in what they would miss (a container's name, a probe's port).
 */
export function admittedPodTemplates(objects: readonly SynthesizedObject[]): PodTemplate[] {
  const knative = objects.filter((object) => object.manifest.kind === 'Service' && String(object.manifest.apiVersion).startsWith('serving.knative.dev/'));
  return [...podTemplates(objects), ...knative.map((object): PodTemplate => {
    const template = fields(fields(object.manifest.spec).template);
    const metadata = fields(template.metadata);
    return {
      object, namespace: namespaceOf(object), specPath: 'spec.template.spec', spec: fields(template.spec),
      labels: stringMap(metadata.labels), annotations: stringMap(metadata.annotations), replicas: 1,
    };
  })];
}

const runningClaimsCache = new WeakMap<readonly SynthesizedObject[], ReadonlyMap<string, string>>();

/**
 * The claims that workloads which keep running mount (a Job's run to their end, and a workload scaled to 0
 * runs no pod), by `<namespace>/<claim>`, each with the first such workload as messages name it
 * (`Deployment jellyfin`); Knative Services' revisions included. A restore must not write under them.
 */
export function claimsOfRunningWorkloads(objects: readonly SynthesizedObject[]): ReadonlyMap<string, string> {
  let running = runningClaimsCache.get(objects);
  if (running === undefined) {
    const found = new Map<string, string>();
    for (const template of admittedPodTemplates(objects)) {
      const kind = String(template.object.manifest.kind);
      if (kind === 'Job' || kind === 'CronJob' || template.replicas <= 0) {
        continue;
      }
      for (const volume of list(template.spec.volumes)) {
        const claim = text(fields(volume.persistentVolumeClaim).claimName);
        if (claim !== undefined && !found.has(`${template.namespace}/${claim}`)) {
          found.set(`${template.namespace}/${claim}`, `${kind} ${String(template.object.manifest.metadata.name)}`);
        }
      }
    }
    running = found;
    runningClaimsCache.set(objects, running);
  }
  return running;
}

function findPodTemplates(objects: readonly SynthesizedObject[]): PodTemplate[] {
  const templates: PodTemplate[] = [];
  for (let n = 0, all = objects; n < all.length; n++) {
    const object = all[n];
    const { kind } = object.manifest;
    const templateKind = kind === 'Pod' ? undefined : TEMPLATE_KINDS[kind];
    if (kind !== 'Pod' && templateKind === undefined) {
      continue;
    }
    const template = (templateKind?.path ?? []).reduce<Fields>((value, key) => fields(value[key]), object.manifest);
    const metadata = fields(template.metadata);
    const replicas = templateKind?.makesPods === false ? 0
      : templateKind?.replicated ? numberOr(fields(object.manifest.spec).replicas, 1)
        : 1;
    templates.push({
      object,
      namespace: namespaceOf(object),
      specPath: kind === 'Pod' ? 'spec' : SPEC_PATHS[kind],
      spec: fields(template.spec),
      labels: stringMap(metadata.labels),
      annotations: stringMap(metadata.annotations),
      replicas,
    });
  }
  return templates;
}

const containerCache = new WeakMap<PodTemplate, readonly ContainerRef[]>();

/** Containers and init containers of a pod template; computed once per template, shared by every check. */
export function containersOf(template: PodTemplate): readonly ContainerRef[] {
  let refs = containerCache.get(template);
  if (!refs) {
    refs = findContainers(template);
    containerCache.set(template, refs);
  }
  return refs;
}

/** The pod spec's container lists, init containers first; made once rather than for every template. */
const CONTAINER_LISTS = [['initContainers', true], ['containers', false]] as const;

function findContainers(template: PodTemplate): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const [key, init] of CONTAINER_LISTS) {
    list(template.spec[key]).forEach((container, index) => {
      refs.push({ container, path: `${template.specPath}.${key}[${index}]`, init });
    });
  }
  return refs;
}

/** The texts a container is told, each with its field: its env values (not references), its command's and its args' words. */
export function containerTexts(ref: ContainerRef): Array<{ readonly value: string; readonly field: string }> {
  const words = (key: 'command' | 'args') => (Array.isArray(ref.container[key]) ? ref.container[key] as unknown[] : [])
    .flatMap((word, i) => (typeof word === 'string' ? [{ value: word, field: `${ref.path}.${key}[${i}]` }] : []));
  return [
    ...list(ref.container.env).flatMap((variable, i) => (typeof variable.value === 'string' ? [{ value: variable.value, field: `${ref.path}.env[${i}]` }] : [])),
    ...words('command'), ...words('args'),
  ];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** Labels of the virt-launcher pods of a KubeVirt VirtualMachine, which Services select like any pod. */
export interface VmPodLabels {
  /** The VirtualMachine. */
  readonly object: SynthesizedObject;
  /** Namespace the VM runs in. */
  readonly namespace: string;
  /** Labels of `spec.template.metadata`, and those KubeVirt gives every virt-launcher pod of the VM. */
  readonly labels: Record<string, string>;
}

/**
 * The pod labels of every VirtualMachine of the objects: its template's, and the two KubeVirt sets on the
 * virt-launcher pod itself, `kubevirt.io: virt-launcher` and `vm.kubevirt.io/name` (the VM's instance, named
 * as the VM), which a Service may select the VM by.
 */
export function vmPodLabels(objects: readonly SynthesizedObject[]): VmPodLabels[] {
  return objects
    .filter((object) => object.manifest.kind === 'VirtualMachine')
    .map((object) => ({
      object,
      namespace: namespaceOf(object),
      labels: {
        ...stringMap(fields(fields(fields(object.manifest.spec).template).metadata).labels),
        'kubevirt.io': 'virt-launcher',
        'vm.kubevirt.io/name': text(fields(object.manifest.metadata).name) ?? '',
      },
    }));
}

/** The container port of `pod` that `port` (a number or a name) of `protocol` reaches, as a policy target. */
export function podPort(pod: PodTemplate, port: unknown, protocol: string): Array<{ pod: PodTemplate; target: PolicyTarget }> {
  const found = containersOf(pod).flatMap((ref) => list(ref.container.ports))
    .find((p) => (text(p.protocol) ?? 'TCP') === protocol && (typeof port === 'number' ? p.containerPort === port : p.name === port));
  return typeof found?.containerPort === 'number' ? [{ pod, target: { port: found.containerPort, name: text(found.name), protocol } }] : [];
}
