import { quantityValue } from './quantity';

/**
 * Whether the API server lets a container's request of `resource` stay below its limit
 * (IsOvercommitAllowed): only native resources (`cpu`, `memory`, `ephemeral-storage`, names under
 * `kubernetes.io/`) do. Huge pages and a device plugin's extended resources are handed out whole, so
 * their request must equal their limit. Pure.
 */
export function isOvercommittable(resource: string): boolean {
  const native = !resource.includes('/') || resource.includes('kubernetes.io/');
  return native && !resource.startsWith('hugepages-');
}

/** The page size of a `hugepages-<size>` resource in bytes (`hugepages-2Mi` is 2097152); undefined for any other. */
export function hugePageSize(resource: string): number | undefined {
  if (!resource.startsWith('hugepages-')) {
    return undefined;
  }
  const size = quantityValue(resource.slice('hugepages-'.length));
  return size !== undefined && size > 0 ? size : undefined;
}

/** What is wrong with a container's amount of huge pages; undefined when it is whole pages or no quantity. */
export function hugePageAmountProblem(resource: string, amount: unknown): string | undefined {
  const [size, value] = [hugePageSize(resource), quantityValue(amount)];
  if (size === undefined || value === undefined || (value > 0 && value % size === 0)) {
    return undefined;
  }
  return `${String(amount)} of ${resource} is not a whole number of ${resource.slice('hugepages-'.length)} pages, which the API server refuses `
    + `("is not positive integer multiple of ${resource.slice('hugepages-'.length)}")`;
}

/** A problem with the request and limit of one resource that is handed out whole, at `field`. */
export interface ExclusiveResourceProblem {
  /** `requests.<resource>` or `limits.<resource>`, under the container's `resources`. */
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * The problems the API server finds with the huge pages and extended resources of one container's `requests`
 * and `limits` (ValidateResourceRequirements): a request needs a limit, and equal to it; a huge-page amount
 * is a whole number of pages, and a device plugin's a whole number of devices. One problem per resource, on
 * the amount the user wrote last (the request when it differs from its limit). Pure.
 */
export function exclusiveResourceProblems(requests: Readonly<Record<string, unknown>>, limits: Readonly<Record<string, unknown>>): ExclusiveResourceProblem[] {
  const problems: ExclusiveResourceProblem[] = [];
  const names = new Set([...Object.keys(limits), ...Object.keys(requests)]);
  for (const resource of names) {
    if (isOvercommittable(resource)) {
      continue;
    }
    const [request, limit] = [requests[resource], limits[resource]];
    const pages = limit !== undefined ? hugePageAmountProblem(resource, limit) : undefined;
    const requestPages = request !== undefined ? hugePageAmountProblem(resource, request) : undefined;
    const example = hugePageSize(resource) !== undefined ? `e.g. ${resource.slice('hugepages-'.length)} or a multiple of it` : 'e.g. 1';
    if (pages) {
      problems.push({ field: `limits.${resource}`, message: pages, hint: `give ${resource} in whole pages, ${example}` });
    } else if (limit !== undefined && isFractionalDevice(resource, limit)) {
      problems.push({
        field: `limits.${resource}`,
        message: `${String(limit)} of ${resource} is no whole number, and a device plugin's resource is handed out in whole devices ("must be an integer")`,
        hint: `ask for whole devices, e.g. ${resource}: 1; devices shared between pods are advertised by their plugin as several (time-slicing)`,
      });
    } else if (request !== undefined && limit === undefined) {
      problems.push({
        field: `limits.${resource}`,
        message: `${resource} is requested without a limit, and the API server requires a limit for a resource handed out whole ("Limit must be set for non overcommitable resources")`,
        hint: `give ${resource} as a limit of ${String(request)} (the request may then be left out)`,
      });
    } else if (request !== undefined && !sameAmount(request, limit)) {
      problems.push({
        field: `requests.${resource}`,
        message: `the request ${String(request)} of ${resource} differs from its limit ${String(limit)}, and ${resource} is handed out whole, so the API server `
          + `requires them equal ("must be equal to ${resource} limit of ${String(limit)}")`,
        hint: `leave the request out (it is then the limit), or make it ${String(limit)}`,
      });
    } else if (requestPages) {
      problems.push({ field: `requests.${resource}`, message: requestPages, hint: `give ${resource} in whole pages, ${example}` });
    }
  }
  return problems;
}

/** Whether `amount` of an extended resource (not huge pages, which are memory) is a fraction of a device. */
function isFractionalDevice(resource: string, amount: unknown): boolean {
  const value = quantityValue(amount);
  return !resource.startsWith('hugepages-') && value !== undefined && !Number.isInteger(value);
}

/** Whether two quantities are the same amount (`1Gi` and `1024Mi` are); one that is no quantity is left to the schema checks. */
function sameAmount(a: unknown, b: unknown): boolean {
  const [x, y] = [quantityValue(a), quantityValue(b)];
  return x === undefined || y === undefined || x === y;
}
