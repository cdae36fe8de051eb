import type { SecretReference } from '../secrets/secret-reference';
import { oneOf, type PropProblem, type PropShape } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/secret-reference-shape';

/** API version of notification-controller's Provider and Alert. */
export const NOTIFICATION_API = 'notification.toolkit.fluxcd.io/v1beta3';

/**
 * The kinds of Flux notification Provider whose whole address is one URL, a credential in itself (a
 * Slack, Discord, Teams or Google Chat incoming webhook holds its token in its path): `generic` posts
 * Flux's event as JSON to any webhook (ntfy, Gotify and bridges read it).
 */
export const FLUX_NOTIFICATION_PROVIDERS = ['generic', 'slack', 'discord', 'msteams', 'googlechat', 'rocket'] as const;

/** A kind of Flux notification Provider, see {@link FLUX_NOTIFICATION_PROVIDERS}. */
export type FluxNotificationProvider = typeof FLUX_NOTIFICATION_PROVIDERS[number];

/** The kinds of Flux object the engine writes, whose events an Alert can forward. */
export const FLUX_EVENT_SOURCE_KINDS = ['GitRepository', 'HelmRepository', 'OCIRepository', 'HelmChart', 'Kustomization', 'HelmRelease'] as const;

/** A kind of Flux object whose events are forwarded, see {@link FLUX_EVENT_SOURCE_KINDS}. */
export type FluxEventSourceKind = typeof FLUX_EVENT_SOURCE_KINDS[number];

/** The key of the Provider's Secret that notification-controller reads the address from. */
export const PROVIDER_ADDRESS_KEY = 'address';

/** Where Flux's own events (failed fetches, applies and Helm upgrades) are sent. */
export interface FluxNotifications {
  /** The kind of service the events are posted to, which says the format. */
  readonly provider: FluxNotificationProvider;
  /**
   * The URL the events are posted to: key `address` of a Secret in Flux's namespace (a SealedSecret's
   * `key('address')`), which notification-controller reads itself, so the URL is never in Git.
   */
  readonly address: SecretReference;
  /**
   * The least severity forwarded: `'error'` sends failures only, `'info'` every reconciliation too.
   * @default 'error'
   */
  readonly eventSeverity?: 'info' | 'error';
  /**
   * The kinds of Flux object whose events are forwarded, every object of each kind the cluster has: the
   * sources and Kustomizations in Flux's namespace, the HelmReleases in their components' namespaces.
   * @default - every kind the engine writes: GitRepository, HelmRepository, OCIRepository, HelmChart, Kustomization, HelmRelease
   */
  readonly eventSources?: readonly FluxEventSourceKind[];
}

/** `FluxNotifications`, for callers the type checker does not see. */
export const FLUX_NOTIFICATIONS_SHAPE = {
  provider: oneOf(...FLUX_NOTIFICATION_PROVIDERS), address: SECRET_REFERENCE, eventSeverity: oneOf('info', 'error'), eventSources: { '[]': oneOf(...FLUX_EVENT_SOURCE_KINDS) },
} as const satisfies Record<keyof FluxNotifications, PropShape>;

/** What is wrong with `notifications` for Flux in `namespace`, beyond the shape: the Secret the Provider cannot read. Pure. */
export function fluxNotificationProblems(notifications: FluxNotifications | undefined, namespace: string): PropProblem[] {
  // Anything but one object (a list of them too) is the shape check's one error, not one per missing key.
  if (notifications === null || typeof notifications !== 'object' || Array.isArray(notifications)) {
    return [];
  }
  const problems: PropProblem[] = [];
  // Required keys the shape check does not ask for inside the object: without them the Provider has no
  // type or no address, and there is nothing to render.
  if (notifications.provider === undefined) {
    problems.push({
      field: 'notifications.provider', message: 'notifications.provider is missing: the Provider would have no type, so nothing says how to post the events',
      hint: `name the service, one of ${FLUX_NOTIFICATION_PROVIDERS.join(', ')}, e.g. notifications: { provider: 'discord', address: sealed.key('${PROVIDER_ADDRESS_KEY}') }`,
    });
  }
  if (notifications.address === undefined) {
    problems.push({
      field: 'notifications.address', message: 'notifications.address is missing: the Provider would have no URL to post the events to',
      hint: `seal the URL as key ${PROVIDER_ADDRESS_KEY} of a Secret in Flux's namespace ${namespace} and pass it: address: sealed.key('${PROVIDER_ADDRESS_KEY}')`,
    });
  }
  const address = notifications.address;
  if (address !== null && typeof address === 'object' && typeof address.secretName === 'string') {
    if (address.namespace !== undefined && address.namespace !== namespace) {
      problems.push({
        field: 'notifications.address', message: `notifications.address is a key of Secret ${address.namespace}/${address.secretName}, but a Provider reads Secrets of its own namespace ${namespace} only`,
        hint: `seal the address as a Secret of namespace ${namespace}`,
      });
    }
    if (address.key !== PROVIDER_ADDRESS_KEY) {
      problems.push({
        field: 'notifications.address', message: `notifications.address is key ${address.key} of Secret ${address.secretName}, but notification-controller reads the address from key ${PROVIDER_ADDRESS_KEY} only`,
        hint: `seal the URL as key ${PROVIDER_ADDRESS_KEY}, e.g. sealedSecret.key('${PROVIDER_ADDRESS_KEY}')`,
      });
    }
  }
  if (Array.isArray(notifications.eventSources) && notifications.eventSources.length === 0) {
    problems.push({
      field: 'notifications.eventSources', message: 'notifications.eventSources is empty: the Alert would forward no event, and Flux refuses an Alert without sources',
      hint: `name at least one kind (${FLUX_EVENT_SOURCE_KINDS.join(', ')}), or leave eventSources out for all of them`,
    });
  }
  return problems;
}

/** The longest namespace an Alert's event source names: notification-controller's Alert CRD refuses a longer one. */
export const EVENT_SOURCE_NAMESPACE_MAX_LENGTH = 53;

/**
 * What the Alert of `notifications` cannot follow: the HelmReleases of a namespace among `helmNamespaces`
 * (each component's own) whose name is longer than an event source may give, which would make the API
 * server refuse the whole Alert. Flux's own `namespace` is never named. Pure.
 */
export function alertSourceProblems(notifications: FluxNotifications, namespace: string, helmNamespaces: readonly string[]): PropProblem[] {
  if (!(notifications.eventSources ?? FLUX_EVENT_SOURCE_KINDS).includes('HelmRelease')) {
    return [];
  }
  return [...new Set(helmNamespaces)].sort()
    .filter((ns) => ns !== namespace && ns.length > EVENT_SOURCE_NAMESPACE_MAX_LENGTH)
    .map((ns) => ({
      field: 'notifications.eventSources',
      message: `the Alert would follow the HelmReleases of namespace "${ns}", whose ${ns.length} characters are more than the `
        + `${EVENT_SOURCE_NAMESPACE_MAX_LENGTH} an Alert's event source may name: the API server refuses the Alert`,
      hint: `install the component of namespace "${ns}" in a namespace of at most ${EVENT_SOURCE_NAMESPACE_MAX_LENGTH} characters, `
        + 'or leave HelmRelease out of notifications.eventSources',
    }));
}

/** One entry of an Alert's `eventSources`: every object of `kind`, in `namespace` or the Alert's own. */
export interface FluxEventSource {
  /** Kind of the Flux objects whose events the Alert forwards, e.g. `Kustomization`. */
  readonly kind: FluxEventSourceKind;
  /** Every object of the kind: Alerts here follow whole kinds, never one object by name. */
  readonly name: '*';
  /** Namespace of the objects. @default - the Alert's own namespace */
  readonly namespace?: string;
}

/**
 * The Provider and Alert of `notifications`, both `name` in Flux's `namespace`; `helmNamespaces` are the
 * namespaces the cluster's HelmReleases live in (each component's own), `cluster` the cluster's folder
 * (`<site>/<cluster>`), which every event carries: a site's clusters often post to the same channel. Pure.
 */
export function fluxNotificationObjects(
  notifications: FluxNotifications, name: string, namespace: string, helmNamespaces: readonly string[], cluster: string,
): Record<string, unknown>[] {
  const kinds = notifications.eventSources ?? FLUX_EVENT_SOURCE_KINDS;
  const sources: FluxEventSource[] = FLUX_EVENT_SOURCE_KINDS.filter((kind) => kinds.includes(kind)).flatMap((kind): FluxEventSource[] => (kind === 'HelmRelease'
    ? [...new Set(helmNamespaces)].sort().map((ns) => ({ kind, name: '*', namespace: ns === namespace ? undefined : ns }))
    : [{ kind, name: '*' }]));
  return [
    {
      apiVersion: NOTIFICATION_API, kind: 'Provider',
      metadata: { name, namespace },
      spec: { type: notifications.provider, secretRef: { name: notifications.address.secretName } },
    },
    {
      apiVersion: NOTIFICATION_API, kind: 'Alert',
      metadata: { name, namespace },
      spec: {
        providerRef: { name },
        eventSeverity: notifications.eventSeverity ?? 'error',
        eventMetadata: { cluster },
        // A cluster without HelmReleases leaves that kind out; an Alert needs one source at least.
        eventSources: sources.length > 0 ? sources : [{ kind: 'Kustomization', name: '*' }],
      },
    },
  ];
}
