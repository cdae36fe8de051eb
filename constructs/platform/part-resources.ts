import type { ResourcesProps } from '../app/resources';
import { kubernetesResourcesForm, resourcesProblems } from '../app/resources';
import { describeValue } from '../inventory/problems';
import type { ComponentSize } from './component-resources';
import { withResourceValues } from './component-resources';
import { RESOURCES_SHAPE } from '../validation/app-props-shape';
import { closestName, propProblems, type PropProblem, type PropRules } from '../validation/known-props';
import { quantityValue } from '../validation/quantity';

// A platform component runs several containers (Prometheus, Grafana, the operator…) that the library sizes
// itself. The `resources` option of its factory lets a user resize each of them, by the name of the part,
// in the one form an App's `resources` take, checked the same way. A part's amounts are merged key by key
// into the default: `{ memoryRequest: '4Gi' }` keeps the default CPU request, and lifts the default memory
// limit to 4Gi when it was lower, so a default never makes the result one the API server refuses.

/**
 * Requests and limits of a platform component's containers, by the part each sizes (e.g. `prometheus`,
 * `grafana`), each as an App's `resources`: CPU as cores or millicores (`250m`), memory with a binary unit
 * (`4Gi`). A part left out keeps the library's size; a part given replaces the default key by key (a
 * `memoryRequest` alone keeps the default CPU request, and a default memory limit below it is raised to it).
 */
export type PartResources<Part extends string> = { readonly [P in Part]?: ResourcesProps };

/** The shape of a `resources` option keyed by parts: checked by {@link partResourcesProblems}, so `'any'` here. */
export const PART_RESOURCES_SHAPE = 'any';

/**
 * Problems with the `resources` option at `field` of a component whose parts are `parts`: something other
 * than an object, a part it does not have (the hint lists those it has), a key no part takes (Kubernetes'
 * `requests`/`limits` form is answered with the flat form), and the amounts of each part as an App's
 * `resources` are checked (units, a request above its limit). Pure.
 */
export function partResourcesProblems(resources: unknown, field: string, sizedParts: readonly string[] | Readonly<Partial<Record<string, SizedPart>>>): PropProblem[] {
  if (resources === undefined) {
    return [];
  }
  const parts = Array.isArray(sizedParts) ? sizedParts as readonly string[] : Object.keys(sizedParts);
  const sizeOf = (part: string) => (Array.isArray(sizedParts) ? undefined : (sizedParts as Readonly<Partial<Record<string, SizedPart>>>)[part]?.size);
  // The hint writes the prop as it stands in the user's code: its last key, not the dotted field.
  const prop = field.split('.').pop();
  const example = `${prop}: { ${parts[0]}: { memoryRequest: '256Mi', memoryLimit: '1Gi' } }`;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    return [{
      field, message: `${field} is ${describeValue(resources)}, not the sizes of the component's parts`,
      hint: `give each part its requests and limits, e.g. ${example}; the parts are ${parts.join(', ')}`,
    }];
  }
  const written = resources as Record<string, unknown>;
  const form = kubernetesResourcesForm(written);
  if (form !== undefined) {
    return [{
      field, message: `${field} is written in Kubernetes' form (requests, limits) for the whole component; it is keyed by the component's parts`,
      hint: `size each part in the flat form, e.g. ${example}; the parts are ${parts.join(', ')}`,
    }];
  }
  const flat = Object.keys(written).filter((key) => key in RESOURCES_SHAPE && !parts.includes(key));
  if (flat.length > 0) {
    // One size for the whole component, as `localPathStorage({ resources })` takes it: one mistake, one error.
    const amounts = flat.map((key) => `${key}: ${JSON.stringify(String(written[key])).replace(/^"|"$/g, "'")}`).join(', ');
    return [{
      field, message: `${field} gives ${flat.join(', ')} for the whole component; it is keyed by the component's parts, so they would be ignored`,
      hint: `write them under the part they size, e.g. ${prop}: { ${parts[0]}: { ${amounts} } }; the parts are ${parts.join(', ')}`,
    }];
  }
  return Object.entries(written).flatMap(([part, value]) => parts.includes(part) ? partProblems(value, `${field}.${part}`, sizeOf(part)) : [{
    field: `${field}.${part}`, message: `the component has no part "${part}" to size; ${field}.${part} would be ignored`,
    hint: `${closestName(part, parts) !== undefined ? `did you mean "${closestName(part, parts)}"? ` : ''}the parts are ${parts.join(', ')}`,
  }]);
}

/**
 * Parts sized in `resources` (at `field`) that the component's options do not run, each with why (`idle`,
 * by part, e.g. `hubbleRelay: 'Hubble Relay runs only with hubble.relay'`): the size would be ignored. Pure.
 */
export function idlePartProblems(resources: unknown, field: string, idle: Readonly<Record<string, string>>): PropProblem[] {
  if (resources === null || typeof resources !== 'object') {
    return [];
  }
  return Object.entries(idle).filter(([part]) => (resources as Record<string, unknown>)[part] !== undefined).map(([part, why]) => ({
    field: `${field}.${part}`, message: `${field}.${part} sizes a part these options do not run (${why}), so it would be ignored`,
    hint: `leave ${field}.${part} out, or turn the part on`,
  }));
}

/** A part's requests and limits may be written as Kubernetes writes them: one error, with this library's form. */
const RESOURCES_RULES: PropRules = { foreignForms: [['', kubernetesResourcesForm]] };

/** Problems with the resources of one part at `field`, as an App's `resources` (its shape, then its amounts, then the least it starts with). Pure. */
function partProblems(value: unknown, field: string, size: ComponentSize | undefined): PropProblem[] {
  if (value === undefined) {
    return [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{
      field, message: `${field} is ${describeValue(value)}, not the part's requests and limits`,
      hint: `write ${field.split('.').pop()}: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' } (memory with a binary unit, CPU in cores or millicores)`,
    }];
  }
  const shape = propProblems('resources', value, RESOURCES_SHAPE, RESOURCES_RULES)
    .map((problem) => ({ ...problem, field: problem.field === 'resources' ? field : `${field}.${problem.field}`, message: problem.message.replace(/^resources has no prop/, `${field} has no prop`), hint: problem.hint.replace(/write resources: /, `write ${field.split('.').pop()}: `) }));
  if (shape.length > 0) {
    return shape;
  }
  return size === undefined ? resourcesProblems(value, field) : componentSizeProblems(value, field, size);
}

/**
 * Problems with the one size of a component's containers at `field` (`metalLb({ resources })`), as an
 * App's `resources`, and a memory limit under what they hold at rest ({@link leastMemoryProblems}); `size`
 * is the library's. Pure.
 */
export function componentSizeProblems(resources: unknown, field: string, size: ComponentSize): PropProblem[] {
  const amounts = resourcesProblems(resources, field);
  return amounts.length > 0 ? amounts : leastMemoryProblems(resources, field, size);
}

/**
 * A memory limit given in `resources` (at `field`, well formed) under half of the memory the library
 * requests for the container (`size`), which is what it holds at rest: the kernel would kill it as it starts
 * or loads its state (OOMKilled), over and over, and the component would never serve. Pure.
 */
export function leastMemoryProblems(resources: unknown, field: string, size: ComponentSize): PropProblem[] {
  const limit = (resources as ResourcesProps | undefined)?.memoryLimit;
  const [limited, atRest] = [quantityValue(limit), quantityValue(size.memoryRequest)];
  if (limited === undefined || atRest === undefined || limited * 2 >= atRest) {
    return [];
  }
  const least = `${Math.ceil(atRest / 2 / 2 ** 20)}Mi`;
  return [{
    field: `${field}.memoryLimit`,
    message: `the memory limit ${String(limit)} is under half of the ${size.memoryRequest} this library requests for it, the memory it holds at rest: it would be killed as it starts (OOMKilled), over and over`,
    hint: `give it at least ${least}, e.g. memoryLimit: '${size.memoryLimit}'; to make room on a small node, lower memoryRequest instead, which the scheduler reserves`,
  }];
}

/** One part of a component: the chart's values keys of its containers' resources, and the library's size of them. */
export interface SizedPart {
  /** Dotted values keys, e.g. `['prometheus.prometheusSpec.resources']`. */
  readonly keys: readonly string[];
  /** The library's size of the part's containers, which the user's resources replace key by key. */
  readonly size: ComponentSize;
}

/**
 * `values` with the resources of each of `parts` set at its keys: the user's `resources` of the part merged
 * key by key into its size. Pure; `resources` must be checked first ({@link partResourcesProblems}).
 */
export function withPartResources<Part extends string>(values: Record<string, unknown>, parts: Readonly<Partial<Record<Part, SizedPart>>>, resources: PartResources<Part> = {}): Record<string, unknown> {
  // null, as a JavaScript caller writes for no sizes, is the parts' own sizes.
  const given: PartResources<Part> = resources ?? {};
  return (Object.entries(parts) as Array<[Part, SizedPart]>).reduce((result, [part, { keys, size }]) => withResourceValues(result, keys, size, given[part]), values);
}

/** The values keys of every part, for a component's resources fact (`setAt`). Pure. */
export function partValuesKeys(parts: Readonly<Partial<Record<string, SizedPart>>>): string[] {
  return Object.values(parts).flatMap((part) => (part?.keys ?? []).map((key) => `values.${key}`));
}
