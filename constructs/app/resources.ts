import type { k8s } from 'cdk8s-plus-30';
import { quantity } from './plain';
import { cpuProblem, dockerSizeMeant, parseCpu, parseSize, QuantityProblem, sizeProblem } from './quantities';
import type { ForeignForm, PropProblem } from '../validation/known-props';
import { quantityValue } from '../validation/quantity';

/** Compute resources of the main container. */
export interface ResourcesProps {
  /** CPU the scheduler reserves, e.g. `100m`. @default '50m' */
  readonly cpuRequest?: string;
  /**
   * CPU ceiling. Unset by default on purpose: a CPU limit throttles bursty home-lab apps (transcodes,
   * page loads) while the host sits idle.
   * @default - no CPU limit
   */
  readonly cpuLimit?: string;
  /** Memory the scheduler reserves, e.g. `256Mi`. @default '128Mi' */
  readonly memoryRequest?: string;
  /** Memory ceiling; the container is OOM-killed above it. @default '512Mi', or `memoryRequest` when that is larger */
  readonly memoryLimit?: string;
}

/** The defaults: small requests that let many apps share a host, and a memory limit that contains leaks. */
export const DEFAULT_RESOURCES: Required<Omit<ResourcesProps, 'cpuLimit'>> = {
  cpuRequest: '50m',
  memoryRequest: '128Mi',
  memoryLimit: '512Mi',
};

/** How each prop of `ResourcesProps` is checked: CPU as cores or millicores, memory as a size with a unit. */
const RESOURCE_CHECKS: Readonly<Record<keyof ResourcesProps, (value: unknown) => QuantityProblem | undefined>> = {
  cpuRequest: cpuProblem, cpuLimit: cpuProblem, memoryRequest: (value) => sizeProblem(value, 'memoryRequest'), memoryLimit: (value) => sizeProblem(value, 'memoryLimit'),
};

/** What is wrong with `value` as the resource amount `prop` (a CPU or a memory amount); undefined when nothing is. */
export function resourceAmountProblem(prop: keyof ResourcesProps, value: unknown): QuantityProblem | undefined {
  return RESOURCE_CHECKS[prop](value);
}

/**
 * Resources a construct built from props of its own (Ollama's `memoryRequest`), with the prop each amount
 * was written as: findings about them name those props rather than an App's `resources`.
 */
const WRITTEN_AS = new WeakMap<ResourcesProps, (prop: keyof ResourcesProps) => string>();

/**
 * Marks `resources` as built from the props `fieldOf` names (`(prop) => prop` for a construct whose
 * `memoryRequest` is a prop of its own), and returns it.
 */
export function resourcesWrittenAs(resources: ResourcesProps, fieldOf: (prop: keyof ResourcesProps) => string): ResourcesProps {
  WRITTEN_AS.set(resources, fieldOf);
  return resources;
}

/**
 * The prop a finding about the amount `prop` of `resources`, given as props at `field` (`resources`,
 * `containers.proxy.resources`), names: `<field>.<prop>`, or the construct's own prop for resources marked
 * with {@link resourcesWrittenAs} (Ollama's `memoryRequest`).
 */
export function resourcePropField(resources: ResourcesProps | undefined, field: string, prop: keyof ResourcesProps): string {
  const fieldOf = resources === undefined ? undefined : WRITTEN_AS.get(resources);
  return fieldOf ? fieldOf(prop) : `${field}.${prop}`;
}

/**
 * Problems with the resources of a container given as props at `field` (`resources`,
 * `sidecars[0].resources`), each on the prop the user wrote (`sidecars[0].resources.memoryLimit`, or the
 * construct's own prop for resources marked with {@link resourcesWrittenAs}).
 */
export function resourcesProblems(resources: unknown, field: string): PropProblem[] {
  if (resources === null || typeof resources !== 'object') {
    return []; // the props' shape reports it
  }
  const fieldOf = (prop: keyof ResourcesProps) => resourcePropField(resources as ResourcesProps, field, prop);
  const amounts = (Object.keys(RESOURCE_CHECKS) as Array<keyof ResourcesProps>).flatMap((prop) => {
    const value = (resources as Record<string, unknown>)[prop];
    const problem = value === undefined ? undefined : resourceAmountProblem(prop, value);
    return problem ? [{ field: fieldOf(prop), ...problem }] : [];
  });
  return amounts.length > 0 ? amounts : requestAboveLimitProblems(resources as ResourcesProps, fieldOf);
}

/** Each request of `ResourcesProps` with its limit, and the resource they bound. */
const PAIRS = [['cpuRequest', 'cpuLimit', 'cpu'], ['memoryRequest', 'memoryLimit', 'memory']] as const;

/**
 * A request above its limit, which the API server refuses ("must be less than or equal to cpu limit"),
 * reported on the request at `fieldOf(prop)`, the key the user wrote. Amounts must be checked first. Pure.
 */
export function requestAboveLimitProblems(resources: ResourcesProps, fieldOf: (prop: keyof ResourcesProps) => string): PropProblem[] {
  return PAIRS.flatMap(([requestProp, limitProp, resource]) => {
    const [request, limit] = [resources[requestProp], resources[limitProp]];
    const [requested, limited] = [quantityValue(request), quantityValue(limit)];
    return requested !== undefined && limited !== undefined && requested > limited ? [{
      field: fieldOf(requestProp),
      message: `the ${resource} request ${String(request)} is above the ${resource} limit ${String(limit)}, which the API server refuses`,
      hint: `make ${fieldOf(requestProp)} at most ${String(limit)}, or raise ${fieldOf(limitProp)} to at least ${String(request)}`,
    }] : [];
  });
}

/**
 * Renders the main container's resources; `extraLimits` carries extended resources such as GPUs,
 * which Kubernetes only accepts as limits.
 */
export function renderResources(props: ResourcesProps = {}, extraLimits: Record<string, number> = {}): k8s.ResourceRequirements {
  const limits: Record<string, k8s.Quantity> = {
    memory: quantity(parseSize(props.memoryLimit ?? limitAbove(DEFAULT_RESOURCES.memoryLimit, props.memoryRequest), 'memoryLimit')),
  };
  if (props.cpuLimit) {
    limits.cpu = quantity(parseCpu(props.cpuLimit, 'cpuLimit'));
  }
  for (const [resource, count] of Object.entries(extraLimits)) {
    limits[resource] = quantity(count);
  }
  return {
    requests: {
      cpu: quantity(parseCpu(props.cpuRequest ?? requestWithin(DEFAULT_RESOURCES.cpuRequest, props.cpuLimit), 'cpuRequest')),
      memory: quantity(parseSize(props.memoryRequest ?? requestWithin(DEFAULT_RESOURCES.memoryRequest, props.memoryLimit), 'memoryRequest')),
    },
    limits,
  };
}

/**
 * A default limit that is not below the request the user gave, for the same reason as {@link requestWithin}:
 * `memoryRequest: '1Gi'` alone gets a limit of 1Gi rather than a default 512Mi the API server refuses.
 */
export function limitAbove(defaultLimit: string, request: string | undefined): string {
  const wanted = quantityValue(defaultLimit);
  const asked = quantityValue(request);
  // A request that is no text (`32` for '32Gi') is reported where it was written; the default stays.
  return typeof request === 'string' && wanted !== undefined && asked !== undefined && asked > wanted ? request : defaultLimit;
}

/**
 * A default request that stays within the limit the user gave: the API server refuses a request above its
 * limit, and a default must never be what makes an object invalid. An explicit request is never changed.
 */
export function requestWithin(defaultRequest: string, limit: string | undefined): string {
  const wanted = quantityValue(defaultRequest);
  const allowed = quantityValue(limit);
  // A limit that is no text (`32` for '32Gi') is reported where it was written; the default stays.
  return typeof limit === 'string' && wanted !== undefined && allowed !== undefined && allowed > 0 && wanted > allowed ? limit : defaultRequest;
}

/**
 * Kubernetes' `requests` and `limits` of a resource, and compose's `deploy.resources` (`reservations` and
 * `limits` of `cpus` and `memory`), by the prop of `ResourcesProps` each is written as here.
 */
const FOREIGN_AMOUNTS = [
  ['requests', 'cpu', 'cpuRequest'], ['reservations', 'cpus', 'cpuRequest'], ['requests', 'memory', 'memoryRequest'], ['reservations', 'memory', 'memoryRequest'],
  ['limits', 'cpu', 'cpuLimit'], ['limits', 'cpus', 'cpuLimit'], ['limits', 'memory', 'memoryLimit'],
] as const;

/** The groups of amounts of either form. */
const AMOUNT_GROUPS = ['requests', 'reservations', 'limits'] as const;

/**
 * `resources` written in Kubernetes' form (`{ requests: { cpu }, limits: { memory } }`) or compose's
 * (`{ limits: { cpus, memory }, reservations: { memory } }`, whose memory is in docker's binary units): one
 * problem whose hint writes the same amounts in the flat form of `ResourcesProps`; undefined for resources in
 * that form. Pure.
 */
export function kubernetesResourcesForm(resources: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const keys = AMOUNT_GROUPS.filter((key) => resources[key] !== undefined);
  if (keys.length === 0) {
    return undefined;
  }
  const group = (key: string): Record<string, unknown> => {
    const amounts = resources[key];
    return amounts !== null && typeof amounts === 'object' ? amounts as Record<string, unknown> : {};
  };
  const compose = resources.reservations !== undefined || keys.some((key) => group(key).cpus !== undefined);
  const written = FOREIGN_AMOUNTS.flatMap(([key, resource, prop]) => {
    const value = group(key)[resource];
    const meant = compose && resource === 'memory' ? dockerSizeMeant(value, true) ?? value : value;
    return value === undefined ? [] : [`${prop}: ${JSON.stringify(String(meant)).replace(/^"|"$/g, "'")}`];
  });
  // Other resources (a GPU, ephemeral storage, compose's pids and devices) have props of their own, or none.
  const others = keys.flatMap((key) => Object.keys(group(key)).filter((r) => !['cpu', 'cpus', 'memory'].includes(r)).map((r) => `${key}.${r}`));
  return {
    message: `resources are written in ${compose ? "compose's form (deploy.resources: " : "Kubernetes' form ("}${keys.join(' and ')}), which is not read here; they would be ignored`,
    hint: `resources are flat here: write resources: { ${written.length > 0 ? written.join(', ') : "cpuRequest: '250m', memoryLimit: '512Mi'"} }`
      + (compose && keys.some((key) => group(key).memory !== undefined) ? " (docker's M and G are Mi and Gi)" : '')
      + (others.length > 0 ? `; ${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} no prop in resources (a GPU is gpu: { vendor, count })` : ''),
    keys,
  };
}
