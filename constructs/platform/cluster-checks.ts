import type { ClusterChart } from './cluster-chart';

/**
 * A check of a platform choice against the cluster it went into (its hosts, its other choices), which its
 * factory cannot make alone: it runs once the cluster's choices are bound. `field` is the cluster prop
 * that holds the choice, e.g. `preinstalled[0]`, for the findings it reports.
 */
export type ClusterCheck = (cluster: ClusterChart, field: string) => void;

// Kept beside the choice rather than on it: a declaration such as talos()'s is a plain Preinstalled
// object whose props the cluster's props shape checks, and a method there would be an unknown prop.
const checksOf = new WeakMap<object, ClusterCheck>();

/** Gives `choice` a check against the cluster it goes into; returns `choice`. */
export function withClusterCheck<T extends object>(choice: T, check: ClusterCheck): T {
  checksOf.set(choice, check);
  return choice;
}

/** Runs the checks of `choices`, each by the cluster prop that holds it. */
export function runClusterChecks(cluster: ClusterChart, choices: ReadonlyArray<readonly [field: string, choice: unknown]>): void {
  for (const [field, choice] of choices) {
    if (typeof choice === 'object' && choice !== null) {
      checksOf.get(choice)?.(cluster, field);
    }
  }
}
