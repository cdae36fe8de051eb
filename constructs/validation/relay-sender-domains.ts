import type { SynthesizedCluster } from '../synth/collect';
import { POSTFIX_RELAY_IMAGE } from '../app/postfix-relay-image';
import { calledService } from './app-calls';
import type { Finding } from './finding';
import { fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates, podTemplatesSelectedBy } from './pod-spec';

// boky/postfix takes mail only from the sender domains ALLOWED_SENDER_DOMAINS lists (a `check_sender_access` table
// and `reject` after it, for every client): an app pointed at the relay with a sender address of another domain (the
// provider's own, `me@gmail.com`, or the app's default) has every mail refused, which most apps only write to their log.

/** Where an app's env names its SMTP server and its sender: the address, or (Nextcloud's MAIL_DOMAIN) its domain alone. */
interface SenderSetting {
  readonly host: string;
  readonly from: string;
  /** Whether `from` holds the domain alone. @default false */
  readonly domainOnly?: boolean;
}

/** The SMTP server and sender variables of the apps a relay usually serves. */
const SENDER_SETTINGS: readonly SenderSetting[] = [
  { host: 'SMTP_HOST', from: 'SMTP_FROM' }, // Vaultwarden
  { host: 'SMTP_HOST', from: 'MAIL_DOMAIN', domainOnly: true }, // Nextcloud's image (MAIL_FROM_ADDRESS is the part before the @)
  { host: 'PAPERLESS_EMAIL_HOST', from: 'PAPERLESS_EMAIL_FROM' },
  { host: 'AUTHENTIK_EMAIL__HOST', from: 'AUTHENTIK_EMAIL__FROM' },
  { host: 'GITEA__mailer__SMTP_ADDR', from: 'GITEA__mailer__FROM' },
  { host: 'FORGEJO__mailer__SMTP_ADDR', from: 'FORGEJO__mailer__FROM' },
  { host: 'GF_SMTP_HOST', from: 'GF_SMTP_FROM_ADDRESS' },
  { host: 'mail__options__host', from: 'mail__from' }, // Ghost
];

/** The domain of a sender as written (`Vault <vault@example.com>`, `vault@example.com`), in lower case, or undefined. Pure. */
export function senderDomain(value: string, domainOnly = false): string | undefined {
  const domain = domainOnly ? value.trim() : /@([^@\s<>"]+)>?\s*$/.exec(value)?.[1];
  return domain === undefined || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain) ? undefined : domain.toLowerCase().replace(/\.$/, '');
}

/** Whether `domain` is one of `allowed` or under one of them (a subdomain is given the benefit of the doubt). Pure. */
function allowedSender(domain: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

/**
 * Apps whose SMTP server variable calls a Service of a boky/postfix relay and whose sender's domain its
 * ALLOWED_SENDER_DOMAINS leaves out: one error on the sender's variable, whose hint writes a sender of an allowed
 * domain or adds the domain to the relay. Values read from a ConfigMap or a Secret, on either side, are left alone.
 */
export function checkRelaySenderDomains(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const caller of podTemplates(cluster.objects)) {
    for (const { container, path, init } of containersOf(caller)) {
      const entries = list(container.env);
      const written = (name: string) => {
        const position = entries.findIndex((e) => e.name === name);
        const value = position < 0 ? undefined : text(entries[position].value);
        return value === undefined ? undefined : { position, value };
      };
      for (const setting of SENDER_SETTINGS) {
        const host = written(setting.host);
        const from = written(setting.from);
        const domain = from === undefined ? undefined : senderDomain(from.value, setting.domainOnly);
        const called = host === undefined || domain === undefined || init ? undefined : calledService(setting.host, host.value, caller.namespace);
        const service = called === undefined ? undefined : index.find('Service', called.namespace, called.name);
        const selector = stringMap(fields(service?.manifest.spec).selector);
        if (called === undefined || service === undefined || Object.keys(selector).length === 0) {
          continue;
        }
        const relays = podTemplatesSelectedBy(cluster.objects, called.namespace, selector).flatMap(containersOf)
          .filter((ref) => !ref.init && POSTFIX_RELAY_IMAGE.test(text(ref.container.image) ?? '') && list(ref.container.envFrom).length === 0);
        for (const relay of relays) {
          const allowed = text(list(relay.container.env).find((e) => e.name === 'ALLOWED_SENDER_DOMAINS')?.value)?.split(/\s+/).filter((d) => d !== '').map((d) => d.toLowerCase()) ?? [];
          if (allowed.length === 0 || allowedSender(domain!, allowed)) {
            continue;
          }
          findings.push(objectFinding(caller.object, {
            layer: 'references', severity: 'error', field: `${path}.env[${from!.position}]`,
            message: `${setting.from} sends as ${domain}, but the Postfix relay ${called.name}.${called.namespace} (${setting.host}) takes mail only from `
              + `the sender domains of its ALLOWED_SENDER_DOMAINS (${allowed.join(' ')}): it refuses every mail this app sends`,
            hint: `send as an address of ${allowed[0]}${setting.domainOnly ? ` (${setting.from}: '${allowed[0]}')` : ` (${setting.from}: 'noreply@${allowed[0]}')`}, `
              + `or add ${domain} to the relay's ALLOWED_SENDER_DOMAINS, separated by a space (and let its provider and DNS, SPF and DKIM, send for it)`,
          }));
          break;
        }
      }
    }
  }
  return findings;
}
