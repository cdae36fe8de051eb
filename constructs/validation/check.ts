import type { SynthesizedCluster } from '../synth/collect';
import type { ClusterFacts } from './cluster-facts';
import type { Finding, ValidationLayer } from './finding';

/**
 * A check over one cluster's synthesized objects.
 *
 * Checks walk the objects and pod templates with index loops (`for (let n = 0, all = …; n < all.length; n++)`)
 * rather than for-of: each check runs once per cluster, mostly before V8 optimizes it, and there a for-of
 * loop allocates an iterator result for every object of the cluster.
 */
export type ClusterCheck = (cluster: SynthesizedCluster) => Finding[];

/**
 * A check across the clusters of a run (site-wide rules), over the facts each cluster left: an
 * incremental synth runs it from the kept facts of the clusters it does not rebuild.
 */
export type FleetCheck = (clusters: readonly ClusterFacts[]) => Finding[];

/** A check with the name the summary prints and the layer it belongs to. */
export interface NamedCheck {
  /** Short name, e.g. `service-selectors`. */
  readonly name: string;
  /** The layer whose findings it reports. */
  readonly layer: ValidationLayer;
  /** The check. */
  readonly check: ClusterCheck;
}

/** A check across clusters, with its name and layer. */
export interface NamedFleetCheck {
  /** Short name; a fleet check may share it with the cluster check that does the rest of the rule. */
  readonly name: string;
  /** The layer whose findings it reports. */
  readonly layer: ValidationLayer;
  /** The check. */
  readonly fleet: FleetCheck;
}
