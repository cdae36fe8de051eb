import type { IConstruct } from 'constructs';

// What a cluster's distribution runs itself that a user may install again as a chart: K3s' packaged CoreDNS,
// Traefik, local-path provisioner and metrics-server, Talos' CoreDNS. The distribution declares them when it
// checks its cluster; a chart release of the cluster asks here whether its chart is one of them.

/** A component a distribution runs itself, as a chart would install it again. */
export interface BuiltInChart {
  /** Names of the charts that install it (`coredns`). */
  readonly charts: readonly string[];
  /** What runs already, for the message, e.g. `K3s' packaged CoreDNS (Service kube-dns in kube-system)`. */
  readonly what: string;
  /** What two of it would do, for the message. */
  readonly clash: string;
  /** The hint: drop the release, or switch the distribution's own off where it can be. */
  readonly hint: string;
}

const builtIns = new WeakMap<IConstruct, readonly BuiltInChart[]>();

/** Declares what the distribution of `cluster` runs itself; called by the distribution's cluster check. */
export function declareBuiltInCharts(cluster: IConstruct, charts: readonly BuiltInChart[]): void {
  builtIns.set(cluster, charts);
}

/** The built-in of the distribution of `cluster` that `chart` installs again, if any. */
export function builtInChartOf(cluster: IConstruct, chart: string): BuiltInChart | undefined {
  return builtIns.get(cluster)?.find((builtIn) => builtIn.charts.includes(chart));
}
