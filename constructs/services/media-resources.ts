import { requestAboveLimitProblems, resourceAmountProblem, ResourcesProps } from '../app/resources';
import type { PropProblem } from '../validation/known-props';

/** Where each amount of a media container's `resources` goes among an app's resource props. */
const AMOUNTS: ReadonlyArray<readonly [group: 'requests' | 'limits', key: 'cpu' | 'memory', prop: keyof ResourcesProps]> = [
  ['requests', 'cpu', 'cpuRequest'], ['requests', 'memory', 'memoryRequest'], ['limits', 'cpu', 'cpuLimit'], ['limits', 'memory', 'memoryLimit'],
];

/**
 * Problems with the amounts of a media container's `resources` given at `field`
 * (`containers.sonarr.resources`), each on the key the user wrote (`containers.sonarr.resources.limits.memory`),
 * judged as the app the container becomes judges them.
 */
export function mediaResourcesProblems(resources: unknown, field: string): PropProblem[] {
  const given: Partial<Record<keyof ResourcesProps, unknown>> = {};
  const amounts = AMOUNTS.flatMap(([group, key, prop]) => {
    const holder = resources !== null && typeof resources === 'object' ? (resources as Record<string, unknown>)[group] : undefined;
    const value = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined;
    given[prop] = value;
    const problem = value === undefined ? undefined : resourceAmountProblem(prop, value);
    return problem ? [{ field: `${field}.${group}.${key}`, ...problem }] : [];
  });
  const fieldOf = (prop: keyof ResourcesProps) => {
    const [group, key] = AMOUNTS.find(([, , p]) => p === prop)!;
    return `${field}.${group}.${key}`;
  };
  return amounts.length > 0 ? amounts : requestAboveLimitProblems(given as ResourcesProps, fieldOf);
}
