import type { PropProblem } from '../validation/known-props';
import { POSTFIX_RELAY_IMAGE } from './postfix-relay-image';
import { normalMountPath } from './mount-paths';

// A boky/postfix relay sends whatever reaches it as the lab's domain, through the provider's login when it has one:
// which pods reach it, and how it reaches the internet, decide whether the lab's mail arrives and whom it speaks for.
// Each may be deliberate (a relay for every namespace of a lab of one owner, a VPS whose port 25 is open), so each
// is a warning.

/** The relay's props as far as these warnings read them. */
export interface PostfixRelayProps {
  /** The main container's image. */
  readonly image?: unknown;
  /** The main container's variables, as the App's `env` takes them. */
  readonly env?: unknown;
  /** The peers the App's policy admits. */
  readonly allowFrom?: unknown;
  /** The App's volumes. */
  readonly persistence?: unknown;
}

/** Volumes that outlive the pod. */
const LASTING_VOLUMES = new Set(['claim', 'existingClaim', 'nfs', 'hostPath']);

/**
 * Where the image keeps the DKIM keys it generates: OpenDKIM's folder, and rspamd's, which signs with its own copy
 * from release 6 on. A lasting volume at one of them, or at a folder above, keeps the keys.
 */
const DKIM_KEY_FOLDERS = ['/etc/opendkim/keys', '/var/lib/rspamd/dkim'];

/** Whether a lasting volume of the main container holds one of {@link DKIM_KEY_FOLDERS}. Pure. */
function keepsDkimKeys(persistence: unknown): boolean {
  if (persistence === null || typeof persistence !== 'object') {
    return false;
  }
  return Object.values(persistence as Record<string, unknown>).some((entry) => {
    const { volume, mountPath, containers } = (entry ?? {}) as { volume?: { type?: unknown }; mountPath?: unknown; containers?: unknown };
    if (containers !== undefined || typeof mountPath !== 'string' || !LASTING_VOLUMES.has(String(volume?.type))) {
      return false;
    }
    const at = normalMountPath(mountPath);
    return DKIM_KEY_FOLDERS.some((folder) => folder === at || folder.startsWith(`${at}/`));
  });
}

/** Whether an `allowFrom` entry admits every pod of every namespace (`{}`: no namespace, no labels). Pure. */
function everyPod(peer: unknown): boolean {
  if (peer === null || typeof peer !== 'object' || 'asNetworkPeer' in peer) {
    return false;
  }
  const { namespace, podLabels } = peer as { namespace?: unknown; podLabels?: unknown };
  return namespace === undefined && (podLabels === undefined || (typeof podLabels === 'object' && podLabels !== null && Object.keys(podLabels).length === 0));
}

/** The port a `RELAYHOST` value names (`[smtp.example.com]:587`), 25 where it names none, or undefined for another form. Pure. */
export function relayHostPort(relay: string): { readonly host: string; readonly port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^\s:[\]]+)(?::(\d{1,5}))?$/.exec(relay.trim());
  return match === null ? undefined : { host: match[1].startsWith('[') ? match[1] : `[${match[1]}]`, port: match[2] === undefined ? 25 : Number(match[2]) };
}

/**
 * Warnings of a boky/postfix app: an `allowFrom` entry that admits every namespace (any pod of the cluster then mails
 * as the lab's domain), no RELAYHOST (the relay delivers itself on port 25), and a RELAYHOST with a login on port 25
 * (providers take logins on 587 or 465, and home connections' providers block 25), and DKIM keys generated at each
 * start (DKIM_AUTOGENERATE with the key folders on no lasting volume). Pure.
 */
export function postfixRelayProblems(props: PostfixRelayProps): Array<PropProblem & { readonly severity: 'warning' }> {
  if (typeof props.image !== 'string' || !POSTFIX_RELAY_IMAGE.test(props.image)) {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  const peers = Array.isArray(props.allowFrom) ? props.allowFrom : [];
  const open = peers.findIndex(everyPod);
  const problems: Array<PropProblem & { readonly severity: 'warning' }> = [];
  if (open >= 0) {
    problems.push({
      severity: 'warning', field: `allowFrom[${open}]`,
      message: 'the relay admits the pods of every namespace: any pod of the cluster, a compromised one too, may send mail as the lab\'s domain through the provider\'s login, and land the domain on blocklists',
      hint: "admit the apps that send mail alone: allowFrom: [{ namespace: 'vaultwarden' }, { namespace: 'paperless' }, …] (or egress: [relay] on each of them)",
    });
  }
  const relay = env.RELAYHOST;
  if (relay === undefined || relay === '') {
    problems.push({
      severity: 'warning', field: 'env',
      message: 'no RELAYHOST: the relay delivers each mail itself to the recipient\'s server on port 25, which most home connections\' providers block, '
        + 'and which receivers refuse from a home address (no PTR record of the domain, dynamic-address blocklists)',
      hint: "relay through the provider's submission port: env: { RELAYHOST: '[smtp.example.com]:587', RELAYHOST_USERNAME: '…', RELAYHOST_PASSWORD: SecretReference.external(…) }, "
        + "and egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 587 }] }]",
    });
  } else if (typeof relay === 'string' && env.RELAYHOST_USERNAME !== undefined) {
    const target = relayHostPort(relay);
    if (target?.port === 25) {
      problems.push({
        severity: 'warning', field: 'env.RELAYHOST',
        message: `RELAYHOST ${relay} logs in on port 25${/:\d+$/.test(relay.trim()) ? '' : ', as it names no port'}: providers take a login on submission (587, or 465), `
          + 'and most home connections\' providers block port 25, so the relay\'s queue only grows',
        hint: `RELAYHOST: '${target.host}:587' (and egress to port 587)`,
      });
    }
  }
  const autogenerate = env.DKIM_AUTOGENERATE;
  if (typeof autogenerate === 'string' && autogenerate.trim() !== '' && !keepsDkimKeys(props.persistence)) {
    problems.push({
      severity: 'warning', field: 'env.DKIM_AUTOGENERATE',
      message: 'DKIM_AUTOGENERATE makes a new DKIM key at every start where its keys are on no volume that lasts: the TXT record published for the first key '
        + 'fails every later signature, and receivers that check DKIM (and DMARC) take the mail for spam or refuse it',
      hint: "keep the keys on a claim: persistence: { dkim: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/opendkim/keys' } } "
        + '(and /var/lib/rspamd/dkim, where rspamd keeps its copy from release 6 on)',
    });
  }
  return problems;
}
