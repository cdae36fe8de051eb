import { AddFinding, Fields, text } from './manifest';
import { containersOf, PodTemplate } from './pod-spec';
import { quantityValue } from './quantity';

/** The container resources the downward API can give; huge pages by size, e.g. `limits.hugepages-2Mi`. */
const FIELD_RESOURCES: ReadonlySet<string> = new Set(['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage']);
const HUGE_PAGE_FIELD_RESOURCE = /^(limits|requests)\.hugepages-/;
/** The divisors the API server takes for CPU, and for memory, ephemeral storage and huge pages. */
const CPU_DIVISORS = ['1m', '1'];
const SIZE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/**
 * A container resource read through the downward API, by an env var or by a file of a downwardAPI volume
 * (`inVolume`), as the API server takes it (validateContainerResourceFieldSelector): a volume's file names
 * the container whose resource it gives, the resource is one the downward API gives, and its divisor one
 * the API server takes for that resource (1 or 1m for CPU, 1 or a unit such as 1Ki or 1M for sizes: a
 * divisor of 1Mi for CPU would give 0 cores). A container name the pod lacks passes the API server, but the
 * kubelet then fails to start the container (env) or to mount the volume. Pure: reports through `add`.
 */
export function checkResourceFieldRef(ref: Fields, path: string, template: PodTemplate, inVolume: boolean, add: AddFinding): void {
  const containerName = text(ref.containerName);
  if (inVolume && (containerName === undefined || containerName === '')) {
    add(`${path}.containerName`, 'a downwardAPI volume file that reads a resource names the container it reads it from',
      `set containerName${containerNamesHint(template)}`);
    return;
  }
  if (containerName !== undefined && containerName !== '' && !containersOf(template).some((c) => c.container.name === containerName)) {
    add(`${path}.containerName`, `the pod has no container "${containerName}", so the kubelet cannot read its resources and the pod never starts`,
      `name a container of the pod${containerNamesHint(template)}`);
    return;
  }
  const resource = ref.resource;
  if (typeof resource !== 'string') {
    return;
  }
  if (!FIELD_RESOURCES.has(resource) && !HUGE_PAGE_FIELD_RESOURCE.test(resource)) {
    add(`${path}.resource`, `"${resource}" is no resource the downward API gives`, `use one of ${[...FIELD_RESOURCES].join(', ')}, or limits.hugepages-<size>`);
    return;
  }
  const divisor = quantityValue(ref.divisor);
  if (divisor === undefined || divisor === 0) {
    return;
  }
  const allowed = resource.endsWith('.cpu') ? CPU_DIVISORS : SIZE_DIVISORS;
  if (!allowed.some((unit) => quantityValue(unit) === divisor)) {
    add(`${path}.divisor`, `divisor ${String(ref.divisor)} does not fit ${resource}`, `use one of ${allowed.join(', ')}`);
  }
}

/** The pod's container names, for a hint: `: web, sidecar`, or nothing when it has none. */
function containerNamesHint(template: PodTemplate): string {
  const names = containersOf(template).map((c) => text(c.container.name)).filter((name): name is string => name !== undefined);
  return names.length > 0 ? ` to one of the pod's containers: ${names.join(', ')}` : '';
}
