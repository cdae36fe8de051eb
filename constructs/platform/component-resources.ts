import { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import type { ResourcesProps } from '../app/resources';
import { limitAbove, requestWithin } from '../app/resources';
import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { reportFinding } from '../validation/finding';

// The resources policy checks the pod templates in the output, and a chart's pods are rendered by Helm in
// the cluster, out of its sight. So each component states its resources as a fact: where the library sets
// requests and a memory limit (chart values keys confirmed at the pinned version, or patches of upstream
// files), and why the rest keep the chart's own. A values key the chart does not have is silently ignored
// by Helm, so a key that could not be confirmed is a stated reason, never a guess.

/** Annotation on a component's install object that says why its containers keep the chart's own resources. */
export const CHART_DEFAULT_RESOURCES_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}chart-default-resources`;

/** How a platform component's containers get CPU and memory requests and a memory limit. */
export interface ComponentResources {
  /**
   * Where the library sets them, e.g. `['values.controller.resources', 'values.speaker.resources']` or
   * `['install.containerPatches.DaemonSet/kube-multus-ds']`. @default [] — set nowhere
   */
  readonly setAt?: readonly string[];
  /**
   * Why the containers not covered by `setAt` keep the requests and limits of the chart (or of the upstream
   * files), e.g. that its values keys could not be confirmed at the pinned version. Written on the
   * component's install object as `security.homelab.dev/chart-default-resources`.
   * @default - none: `setAt` covers every container
   */
  readonly chartDefault?: string;
}

/**
 * Sizes of one component's containers, in the units of an App's `resources`: CPU as cores or millicores
 * (`10m`), memory with a binary unit (`64Mi`).
 */
export interface ComponentSize {
  /** CPU the scheduler reserves for each container, e.g. `10m`. */
  readonly cpuRequest: string;
  /** Memory the scheduler reserves for each container, e.g. `32Mi`. */
  readonly memoryRequest: string;
  /** Memory ceiling of each container, which is OOM-killed above it, e.g. `128Mi`. */
  readonly memoryLimit: string;
}

/** Why a chart keeps its own resources when the library could not confirm its values keys. Pure. */
export function unconfirmedKeys(chart: string, version: string): string {
  return `this library has not confirmed the resources keys of chart ${chart} ${version} (Helm ignores a wrong key), so the chart's own requests and limits apply`;
}

/**
 * Why a chart keeps its own resources when its defaults, read at the pinned version, already give each
 * container requests and a memory limit (`keys`, the values that hold them). Pure.
 */
export function chartSizesItself(chart: string, version: string, keys: readonly string[]): string {
  return `chart ${chart} ${version} gives each of its containers CPU and memory requests and a memory limit itself (${keys.join(', ')})`;
}

/**
 * `size`, with what the user asked for in its place (`override`, as an App's `resources`), in Kubernetes'
 * form. A default never makes the result invalid: a request the user raised lifts the default limit with
 * it, and a limit the user lowered caps the default request. Pure; `override` must be checked first, as an
 * App's `resources` are (`resourcesProblems`).
 */
export function resourceRequirements(size: ComponentSize, given: ResourcesProps = {}): Record<string, Record<string, string>> {
  // null, as a JavaScript caller writes for no sizes, is the component's own size.
  const override: ResourcesProps = given ?? {};
  return {
    requests: {
      cpu: override.cpuRequest ?? requestWithin(size.cpuRequest, override.cpuLimit),
      memory: override.memoryRequest ?? requestWithin(size.memoryRequest, override.memoryLimit),
    },
    limits: {
      memory: override.memoryLimit ?? limitAbove(size.memoryLimit, override.memoryRequest),
      ...(override.cpuLimit !== undefined ? { cpu: override.cpuLimit } : {}),
    },
  };
}

/**
 * `values` with each of `keys` (dotted, e.g. `controller.resources`) set to the requirements of
 * {@link resourceRequirements}; the values around them are kept. Pure.
 */
export function withResourceValues(values: Record<string, unknown>, keys: readonly string[], size: ComponentSize, override?: ResourcesProps): Record<string, unknown> {
  const requirements = resourceRequirements(size, override);
  const set = (at: Record<string, unknown>, path: readonly string[]): Record<string, unknown> => {
    const [head, ...rest] = path;
    const inner = at[head];
    const child = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner as Record<string, unknown> : {};
    return { ...at, [head]: rest.length === 0 ? requirements : set(child, rest) };
  };
  return keys.reduce((result, key) => set(result, key.split('.')), values);
}

/** Kinds of install objects the GitOps engines render for a component: the objects the reason is written on. */
const INSTALL_KINDS = new Set(['HelmRelease', 'Application', 'Kustomization', 'HelmChart']);

/**
 * Writes why the component's containers keep the chart's own resources on the install objects the engine
 * rendered under `scope`, so the exemption shows where the install is.
 */
export function annotateChartDefaultResources(scope: Construct, resources: ComponentResources | undefined): void {
  if (resources?.chartDefault === undefined) {
    return;
  }
  for (const object of scope.node.findAll()) {
    if (ApiObject.isApiObject(object) && INSTALL_KINDS.has(object.kind)) {
      object.metadata.addAnnotation(CHART_DEFAULT_RESOURCES_ANNOTATION, resources.chartDefault);
    }
  }
}

/**
 * Whether a resources fact is stated: where the library sets them (a list, empty for a component without
 * containers), or a reason that says something. Pure.
 */
export function hasResourcesFact(resources: ComponentResources | undefined): boolean {
  if (resources === null || typeof resources !== 'object') {
    return false;
  }
  const setAt: unknown = resources.setAt;
  const reason: unknown = resources.chartDefault;
  if (setAt !== undefined && !(Array.isArray(setAt) && setAt.every((at) => typeof at === 'string' && at.trim() !== ''))) {
    return false;
  }
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '')) {
    return false;
  }
  return setAt !== undefined || reason !== undefined;
}

/** A platform component as this check needs it. */
export interface ResourcesComponent {
  /** Its name. */
  readonly name: string;
  /** Its props, of which the resources fact. */
  readonly props: { readonly resources?: ComponentResources };
}

/**
 * Reports on `reportAt` each component that does not state its resources: its pods come from a chart or
 * upstream files, which the resources check of the output cannot see, so without the fact nothing says
 * whether they have requests and a memory limit.
 */
export function checkComponentResources(components: readonly ResourcesComponent[], reportAt: IConstruct): void {
  for (const component of components.filter((c) => !hasResourcesFact(c.props.resources))) {
    reportFinding(reportAt, {
      layer: 'policy', severity: 'error', field: `components.${component.name}.resources`,
      message: `component "${component.name}" states neither where its containers get CPU and memory requests and a memory limit nor why they keep the chart's own, so nothing checks that its pods have them`,
      hint: `set them through values keys the chart has (withResourceValues(values, ['resources'], size)) and say where: resources: { setAt: ['values.resources'] }, or state why not: resources: { chartDefault: '…' } (written to its install as ${CHART_DEFAULT_RESOURCES_ANNOTATION})`,
    });
  }
}
