import type { SynthesizedObject } from '../synth/collect';
import { LabeledIndex } from './label-index';
import { fields, Fields, list, namespaceOf, stringMap, text } from './manifest';

/** Where each workload kind keeps its pod template (metadata + spec), as field paths. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Field path of each workload kind's pod spec (`spec.template.spec`, …), joined once. */
const SPEC_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TEMPLATE_PATHS).map(([kind, path]) => [kind, [...path, 'spec'].join('.')]),
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
  /** Pods that exist at once; a DaemonSet's count is per node, so 1. */
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

const byNamespaceCache = new WeakMap<readonly SynthesizedObject[], Map<string, PodTemplate[]>>();

/** The pod templates of one namespace, grouped once per list so selector checks stay linear. */
export function podTemplatesIn(objects: readonly SynthesizedObject[], namespace: string): PodTemplate[] {
  let byNamespace = byNamespaceCache.get(objects);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const template of podTemplates(objects)) {
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
 * other checks leave Knative's templates alone, as Knative fills in what they would miss (a container's
 * name, a probe's port).
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
    const path = kind === 'Pod' ? [] : TEMPLATE_PATHS[kind];
    if (!path) {
      continue;
    }
    const template = path.reduce<Fields>((value, key) => fields(value[key]), object.manifest);
    const metadata = fields(template.metadata);
    const replicas = kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet'
      ? numberOr(fields(object.manifest.spec).replicas, 1)
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
