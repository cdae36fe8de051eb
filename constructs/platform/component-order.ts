import type { ClusterChart } from './cluster-chart';

/**
 * Orders components one after the other: each named component that the cluster installs depends on the
 * one installed before it in `order` (names the cluster does not install are skipped). For labs that
 * want their add-ons to come up in a fixed sequence.
 */
export function orderComponents(cluster: ClusterChart, order: readonly string[]): void {
  // Registered while preparing, so it runs after every platform hook added before: those may still bring a
  // component (a wildcard certificate read outside its namespace brings the replicator).
  cluster.onPrepare(() => cluster.onPlatformPrepare(() => {
    const present = order.filter((name) => cluster.platform.has(name));
    present.forEach((name, index) => {
      if (index > 0) {
        cluster.platform.get(name)!.addDependency(present[index - 1]);
      }
    });
  }));
}
