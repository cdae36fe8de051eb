import { factValue, leavePlaceholder } from '../../constructs';
import type { ClusterChart, FluxNotifications } from '../../constructs';
import { ciCdFacts } from '../../hosts/mobius';
import { sealedKey, sealedSecret } from './secrets';

/** The clusters whose Flux sends its failures on: production and staging (the sandbox is there to break). */
type NotifiedCluster = 'homelab' | 'cloud';

/** The SealedSecret that holds the URL Flux's events are posted to, key `address`, in each notified cluster. */
const EVENTS_SECRET = 'flux-system/flux-notifications';

/**
 * Where `cluster`'s Flux posts its failures: the design runs notification-controller for events and alerts
 * but names no destination, so the kind is a placeholder and the webhook URL a sealed value of the cluster.
 */
export function fluxEvents(cluster: NotifiedCluster): FluxNotifications {
  const address = cluster === 'homelab' ? sealedKey('homelab', EVENTS_SECRET, 'address') : sealedKey('cloud', EVENTS_SECRET, 'address');
  return { provider: factValue(ciCdFacts.fluxEventProvider), address };
}

/** Lists the provider's kind among the placeholders of `chart`'s README, and renders the SealedSecret of its URL. */
export function leaveFluxEvents(chart: ClusterChart, cluster: NotifiedCluster): void {
  leavePlaceholder(chart, ciCdFacts.fluxEventProvider);
  sealedSecret(chart, cluster, EVENTS_SECRET);
}
