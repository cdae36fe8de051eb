import { AddFinding, Fields, fields, text } from './manifest';

// What cert-manager's webhook refuses in a DNS-01 provider's settings although the CRD schema takes them
// (ValidateACMEChallengeSolverDNS01, ValidateSecretKeySelector): the schema asks for a Secret reference's name
// and for the provider's own fields, but an empty text passes it, and a reference's key is not asked for at all.
// cert-manager reads no default key of a provider's Secret.

/** The Secret references of each DNS-01 provider, each of which must name a Secret and a key of it. */
const PROVIDER_SECRETS: Readonly<Record<string, readonly string[]>> = {
  akamai: ['accessTokenSecretRef', 'clientSecretSecretRef', 'clientTokenSecretRef'],
  azureDNS: ['clientSecretSecretRef'],
  cloudDNS: ['serviceAccountSecretRef'],
  route53: ['accessKeyIDSecretRef'],
  acmeDNS: ['accountSecretRef'],
  digitalocean: ['tokenSecretRef'],
};
/** The text fields of each DNS-01 provider that the webhook refuses empty, with what each holds. */
const PROVIDER_TEXTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  akamai: { serviceConsumerDomain: 'the host of its API client, e.g. akab-xxxx.luna.akamaiapis.net' },
  azureDNS: { subscriptionID: 'the Azure subscription of the zone', resourceGroupName: 'the resource group of the zone' },
  cloudDNS: { project: 'the Google Cloud project of the zone' },
  acmeDNS: { host: 'the URL of the acme-dns server, e.g. https://acme-dns.lab.example' },
  rfc2136: { nameserver: 'the DNS server the updates go to, e.g. 10.0.4.53:53' },
  webhook: { solverName: 'the solver name the webhook serves' },
};

const given = (record: Fields, key: string): boolean => record[key] !== undefined && record[key] !== null;
const empty = (value: unknown): boolean => (text(value) ?? '').trim() === '';

/** The providers of the DNS-01 challenge at `at` (`spec.acme.solvers[i].dns01`). Pure: reports through `add`. */
export function checkDns01ProviderFields(dns01: Fields, at: string, add: AddFinding): void {
  for (const [provider, refs] of Object.entries(PROVIDER_SECRETS)) {
    const settings = fields(dns01[provider]);
    for (const ref of given(dns01, provider) ? refs : []) {
      checkSecretKey(settings, ref, `${at}.${provider}`, add);
    }
  }
  for (const [provider, texts] of Object.entries(PROVIDER_TEXTS)) {
    const settings = fields(dns01[provider]);
    for (const [key, what] of given(dns01, provider) ? Object.entries(texts) : []) {
      // A missing field is the schema's to report; an empty one the webhook's alone.
      if (settings[key] !== undefined && empty(settings[key])) {
        add(`${at}.${provider}.${key}`, `the ${provider} DNS-01 provider's ${key} is empty`, `give ${key}: ${what}`);
      }
    }
  }
  if (given(dns01, 'rfc2136')) {
    checkTsigKey(fields(dns01.rfc2136), `${at}.rfc2136`, add);
  }
}

/** The Secret reference `ref` of `settings`, where given, names a Secret and a key of it. */
function checkSecretKey(settings: Fields, ref: string, at: string, add: AddFinding): void {
  if (!given(settings, ref)) {
    return;
  }
  const selector = fields(settings[ref]);
  if (selector.name === '') {
    add(`${at}.${ref}.name`, `${ref} names no Secret: its name is empty`, 'give the Secret, in the namespace cert-manager reads it from, that holds the credential');
  }
  if (empty(selector.key)) {
    add(`${at}.${ref}.key`, `${ref} names no key of its Secret, and cert-manager reads no default key`, `give the key the credential is stored under, e.g. ${ref}: { name: '${text(selector.name) || 'dns-credentials'}', key: 'token' }`);
  }
}

/**
 * An RFC 2136 provider signs its updates with a TSIG key: a key name with a Secret reference of name and key,
 * or neither. A reference without the key's name, and a key's name without a whole reference, are refused.
 */
function checkTsigKey(rfc2136: Fields, at: string, add: AddFinding): void {
  const secret = fields(rfc2136.tsigSecretSecretRef);
  const wholeSecret = !empty(secret.name) && !empty(secret.key);
  if (!empty(rfc2136.tsigKeyName) && !wholeSecret) {
    add(`${at}.tsigSecretSecretRef`, `the TSIG key ${JSON.stringify(rfc2136.tsigKeyName)} has no secret: tsigSecretSecretRef must name a Secret and its key`,
      "give tsigSecretSecretRef: { name: 'tsig-secret', key: 'tsig-secret-key' }, the Secret holding the key's base64 secret");
  } else if (empty(rfc2136.tsigKeyName) && wholeSecret) {
    add(`${at}.tsigKeyName`, 'the TSIG secret is given without the name of its key', "give tsigKeyName, the key's name in the DNS server's configuration, e.g. tsigKeyName: 'cert-manager'");
  }
}
