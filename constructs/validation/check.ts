import type { SynthesizedCluster } from '../synth/collect';
import type { Finding, ValidationLayer } from './finding';

/** A check over one cluster's synthesized objects; `all` holds every cluster of the run (for site-wide rules). */
export type ClusterCheck = (cluster: SynthesizedCluster, all: readonly SynthesizedCluster[]) => Finding[];

/** A check with the name the summary prints and the layer it belongs to. */
export interface NamedCheck {
  /** Short name, e.g. `service-selectors`. */
  readonly name: string;
  /** The layer whose findings it reports. */
  readonly layer: ValidationLayer;
  /** The check. */
  readonly check: ClusterCheck;
}
