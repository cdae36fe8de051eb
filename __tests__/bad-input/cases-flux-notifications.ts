import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Where Flux's events go (flux({ notifications })): the Provider reads one key of a Secret of its own
// namespace, and the webhook URL is never written out.

/** A cluster `edge` of the lab whose Flux sends its events as `notifications` says. */
const notifying = (notifications: unknown) => guarded((_c: ClusterChart, app: CdkApp) =>
  labCluster(app, 'edge', { gitops: homelab.flux({ notifications: notifications as homelab.FluxNotifications }) }));
/** A case on the prop `field` of the engine's notifications, whose hint must match `hint`. */
const onNotifications = (name: string, notifications: unknown, field: string, hint: RegExp): BadInput =>
  ({ name, build: notifying(notifications), layer: 'props', path: 'edge', field: `gitops.notifications.${field}`, hint });
const sealed = (namespace: string, key: string) => new homelab.SecretReference(namespace, 'flux-events', key, 'sealed-secret');

export const CASES: BadInput[] = [
  onNotifications('Flux notification URL as key url', { provider: 'slack', address: sealed('flux-system', 'url') }, 'address', /key\('address'\)/),
  onNotifications('Flux notification URL in the monitoring namespace', { provider: 'discord', address: sealed('monitoring', 'address') }, 'address', /namespace flux-system/),
  onNotifications('Flux notification provider telegram', { provider: 'telegram', address: sealed('flux-system', 'address') }, 'provider', /generic/),
  onNotifications('Flux notification URL written out', { provider: 'slack', address: 'https://hooks.slack.com/services/T0/B0/abc' }, 'address', /SecretReference/),
  onNotifications('Flux notifications with no event sources', { provider: 'slack', address: sealed('flux-system', 'address'), eventSources: [] }, 'eventSources', /leave eventSources out/),
  {
    name: 'Flux notification Secret nobody makes', layer: 'references', path: 'edge/flux/notification-provider', field: 'spec.secretRef.name', hint: /SealedSecret/,
    build: notifying({ provider: 'msteams', address: sealed('flux-system', 'address') }),
  },
];
