import type { SecretReference } from '../secrets/secret-reference';
import type { PropProblem, PropShape } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/secret-reference-shape';

/**
 * The kinds of Alertmanager receiver that take their whole address as one URL, a credential in itself
 * (a Slack, Discord or Teams incoming webhook holds its token in its path): `webhook` is Alertmanager's
 * generic webhook (ntfy, Gotify and bridges read it), the others their services' own formats.
 */
export const ALERT_RECEIVER_KINDS = ['webhook', 'slack', 'discord', 'msteams'] as const;

/** A kind of Alertmanager receiver, see {@link ALERT_RECEIVER_KINDS}. */
export type AlertReceiverKind = typeof ALERT_RECEIVER_KINDS[number];

/** Where Alertmanager sends the alerts that fire. */
export interface AlertReceiver {
  /** The receiver's kind, which says the format Alertmanager posts in. */
  readonly kind: AlertReceiverKind;
  /**
   * The URL Alertmanager posts to, a key of a Secret in the stack's namespace (a SealedSecret's
   * `key('url')`). Alertmanager reads it from the mounted file, so the URL is never in a Helm value or Git.
   */
  readonly url: SecretReference;
}

/** `AlertReceiver`, for callers the type checker does not see. */
export const ALERT_RECEIVER_SHAPE = { kind: 'string', url: SECRET_REFERENCE } as const satisfies Record<keyof AlertReceiver, PropShape>;

/** Alertmanager's config list and the field of each kind that reads the URL from a file. */
const URL_FILE_FIELDS: Readonly<Record<AlertReceiverKind, readonly [string, string]>> = {
  webhook: ['webhook_configs', 'url_file'],
  slack: ['slack_configs', 'api_url_file'],
  discord: ['discord_configs', 'webhook_url_file'],
  msteams: ['msteams_configs', 'webhook_url_file'],
};

/** The name of the receiver every alert goes to; the chart's `null` receiver keeps its Watchdog. */
export const ALERT_RECEIVER_NAME = 'owner';

/** Where the Alertmanager pod finds a key of a Secret its spec lists under `secrets`. */
function mountedSecretFile(url: SecretReference): string {
  return `/etc/alertmanager/secrets/${url.secretName}/${url.key}`;
}

/** What is wrong with `receiver` for a stack in `namespace`: its kind, and a Secret the pod cannot mount. Pure. */
export function alertReceiverProblems(receiver: AlertReceiver | undefined, namespace: string): PropProblem[] {
  if (receiver === undefined) {
    return [];
  }
  const problems: PropProblem[] = [];
  if (!(ALERT_RECEIVER_KINDS as readonly string[]).includes(receiver.kind)) {
    problems.push({
      field: 'alertReceiver.kind', message: `alertReceiver.kind "${receiver.kind}" is no receiver this stack writes`,
      hint: `use one of ${ALERT_RECEIVER_KINDS.join(', ')}; 'webhook' is Alertmanager's generic format`,
    });
  }
  if (receiver.url === undefined) {
    problems.push({
      field: 'alertReceiver.url', message: 'alertReceiver.url is missing, so Alertmanager would have nowhere to send the alerts',
      hint: `seal the receiver's URL as a key of a Secret in namespace ${namespace} and pass it: url: sealed.key('url')`,
    });
  }
  if (receiver.url?.namespace !== undefined && receiver.url.namespace !== namespace) {
    problems.push({
      field: 'alertReceiver.url', message: `alertReceiver.url is a key of Secret ${receiver.url.namespace}/${receiver.url.secretName}, but Alertmanager mounts Secrets of its own namespace ${namespace} only`,
      hint: `seal the URL as a Secret of namespace ${namespace}`,
    });
  }
  return problems;
}

/**
 * The chart's `alertmanager` values that send every alert but the Watchdog (the chart's heartbeat, which
 * stays on its `null` receiver) to `receiver`, its URL read from the Secret mounted into the pod. Pure.
 */
export function alertReceiverValues(receiver: AlertReceiver): Record<string, unknown> {
  const { route, receivers } = alertReceiverConfig(receiver.kind, mountedSecretFile(receiver.url));
  return {
    alertmanagerSpec: { secrets: [receiver.url.secretName] },
    config: { route, receivers: [{ name: 'null' }, ...receivers] },
  };
}

/**
 * The part of an Alertmanager configuration that sends every alert to one receiver of `kind`, which reads
 * its URL from the file `urlFile` (so the URL, a credential, stays out of the configuration). Pure.
 */
export function alertReceiverConfig(kind: AlertReceiverKind, urlFile: string): { route: { receiver: string }; receivers: Array<Record<string, unknown>> } {
  const [list, field] = URL_FILE_FIELDS[kind];
  return {
    route: { receiver: ALERT_RECEIVER_NAME },
    receivers: [{ name: ALERT_RECEIVER_NAME, [list]: [{ send_resolved: true, [field]: urlFile }] }],
  };
}
