import { DNS1123_SUBDOMAIN, DNS_NAME, nameProblem } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';
import { describeValue } from '../inventory/problems';
import { itemsOfText, listText, splitEntryHint } from '../validation/text-lists';
import { isUrlWithScheme } from '../validation/urls';
import { isIpAddress } from '../validation/schema/formats';
import { privateAcmeServerProblems } from './private-acme-server';

// What cert-manager would take but never act on: a domain with its wildcard already written (the
// certificate then asks for `*.*.domain`, which no CA signs), an ACME server given by name, an issuer
// without a solver. Each is named on the prop as the user wrote it.

/** A domain written as a URL: a scheme, a path or a port. */
const URL_PARTS = /^[a-z][a-z0-9+.-]*:\/\/|[/:]/i;

/**
 * The problems of a WildcardCertificate's `domain`: a DNS name the certificate puts `*.` in front of
 * itself, so without `*.`, a scheme or a path. Pure.
 */
export function certificateDomainProblems(domain: unknown, field = 'domain'): PropProblem[] {
  if (typeof domain !== 'string') {
    return [{ field, message: `${field} is ${describeValue(domain)}, not a DNS name`, hint: "give the domain, e.g. 'lab.example.com'" }];
  }
  if (domain.startsWith('*.')) {
    const bare = domain.replace(/^(\*\.)+/, '');
    return [{
      field, message: `domain "${domain}" starts with *., which the certificate adds itself: it would ask for *.${domain}, which no CA signs`,
      hint: `give the domain alone: domain: '${bare}' covers *.${bare} and ${bare}`,
    }];
  }
  if (URL_PARTS.test(domain)) {
    const host = domain.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/:].*$/, '');
    return [{
      field, message: `domain "${domain}" is a URL, not a DNS name: a certificate names hosts, without scheme, port or path`,
      hint: `give the host name alone: domain: '${host}'`,
    }];
  }
  if (isIpAddress(domain)) {
    // An address passes as a DNS name of digit labels, and cert-manager would ask for *.<address>, which no CA signs.
    return [{
      field, message: `domain "${domain}" is an IP address, not a DNS name: a wildcard certificate covers the names one label under a domain, and no CA signs *.${domain}`,
      hint: `give the DNS name routes live under, e.g. the site's domain, and point its names at ${domain} in DNS; a certificate for the address itself is a Certificate with ipAddresses: ['${domain}'] from a caIssuer (public ACME CAs issue none for a home lab's address)`,
    }];
  }
  const problem = nameProblem(domain, DNS_NAME);
  return problem ? [{ field, message: `domain ${problem}`, hint: domainHint(domain) }] : [];
}

/** What to write instead of a domain that is no DNS name: the same name without the root's dot, in lower case. Pure. */
function domainHint(domain: string): string {
  const fixed = domain.replace(/\.+$/, '').toLowerCase();
  return fixed !== domain && nameProblem(fixed, DNS_NAME) === undefined
    ? `write it as a certificate names it, without the trailing dot and in lower case: domain: '${fixed}'`
    : "give labels of lower-case letters, digits and '-', separated by dots, e.g. 'lab.example.com'";
}

/**
 * The problems of a DNS-01 solver's `dnsZones`, each on `dnsZones[i]`: cert-manager picks the solver for a
 * name under one of its zones, compared as written, so a zone written as a URL, as a wildcard or with the
 * root's dot is under no name, and the solver is never picked. Pure.
 */
export function dnsZoneProblems(zones: unknown): PropProblem[] {
  if (!Array.isArray(zones)) {
    return zones === undefined ? [] : [{ field: 'dnsZones', message: `dnsZones is ${describeValue(zones)}, not a list`, hint: "list the zones, e.g. dnsZones: ['example.com']" }];
  }
  return zones.flatMap((zone, i): PropProblem[] => {
    if (typeof zone === 'string' && nameProblem(zone, DNS_NAME) === undefined) {
      return [];
    }
    const bare = typeof zone === 'string' ? zone.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/:].*$/, '').replace(/^(\*\.)+/, '').replace(/\.+$/, '').toLowerCase() : '';
    return [{
      field: `dnsZones[${i}]`, message: `zone ${describeValue(zone)} is not a DNS name, so no name is under it and cert-manager never picks this solver`,
      hint: nameProblem(bare, DNS_NAME) === undefined ? `give the zone as Cloudflare names it: '${bare}'` : "give the zone as Cloudflare names it, e.g. 'example.com'",
    }];
  });
}

/** What an ACME issuer is given, as far as its checks read it. */
export interface AcmeIssuerInput {
  readonly server?: unknown;
  readonly email?: unknown;
  readonly solvers?: unknown;
  readonly accountKeySecretName?: unknown;
  readonly caBundle?: unknown;
}

/** A mailbox as an ACME server takes it for its account: something, `@`, a dotted domain. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

/** A directory of Let's Encrypt, production or staging. */
const LETS_ENCRYPT_DIRECTORY = /^https:\/\/acme(-staging)?-v02\.api\.letsencrypt\.org\//;

/**
 * Domains of a contact address Let's Encrypt refuses ("contact email has forbidden domain"): the
 * documentation domains example.com, .net and .org, which examples are written with.
 */
const FORBIDDEN_CONTACT_DOMAIN = /^example\.(com|net|org)$/;

/**
 * The problems of an ACME account's contact `email` that the directory `server` refuses at registration, with
 * the field `field`: what is no e-mail address (a blank copied with it, a name without its domain), and at
 * Let's Encrypt a mailbox of a documentation domain (`you@example.com` copied from an example); the issuer
 * or resolver then gets no certificate at all. Other ACME servers (step-ca) take any address. `required`: an
 * address must be given (cert-manager's issuer); else none is as good as one. Pure.
 */
export function acmeContactProblems(email: unknown, server: unknown, field: string, required: boolean): PropProblem[] {
  if (email === undefined || email === null) {
    // Nothing given is no misspelt address: the message says what is missing, not that `undefined` is no mailbox.
    return required ? [{
      field, message: 'no email is given: the ACME account is registered with a contact address, which acmeIssuer() requires',
      hint: "add the mailbox of the account's contact: email: 'certs@<your domain>'",
    }] : [];
  }
  if (typeof email === 'string' && /^mailto:/i.test(email)) {
    // The contact is written as a URI by the ACME client itself: a second scheme makes one the server refuses.
    return [{
      field, message: `email "${email}" is written as a URI; the ACME client adds mailto: itself, so the server is sent "mailto:${email}", which it refuses to register`,
      hint: `give the mailbox alone: email: '${email.replace(/^mailto:/i, '')}'`,
    }];
  }
  if (typeof email !== 'string' || !EMAIL.test(email)) {
    return [{
      field, message: `email ${describeValue(email)} is not an e-mail address; the ACME server refuses to register the account`,
      hint: "give the mailbox of the account's contact, e.g. 'ops@<your domain>'",
    }];
  }
  if (typeof server !== 'string' || !LETS_ENCRYPT_DIRECTORY.test(server)) {
    return [];
  }
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return FORBIDDEN_CONTACT_DOMAIN.test(domain) ? [{
    field, message: `email "${email}" is at ${domain}, a domain kept for documentation; Let's Encrypt refuses to register an account with it, so no certificate is ever issued`,
    hint: 'give a mailbox you read, of a domain that receives mail: the ACME account\'s contact',
  }] : [];
}

/** Whether `value` is what a solver factory (`cloudflareDns01()`, `http01Ingress()`) returns. */
function isSolver(value: unknown): boolean {
  const entry = (value as { solver?: unknown } | null | undefined)?.solver;
  return typeof entry === 'object' && entry !== null;
}

/** How `given` reads in a message: one solver, solvers by name (their Secrets' keys are not written out), or the value. */
function solversText(given: unknown): string {
  if (isSolver(given)) {
    return 'one solver';
  }
  const named = typeof given === 'object' && given !== null ? Object.keys(given) : [];
  return named.length > 0 && Object.values(given as object).every(isSolver) ? `an object of solvers by name (${named.join(', ')})` : describeValue(given);
}

/** The solvers of `given`, one solver or an object of them by name, as the calls that make them. */
function solverCalls(given: unknown): string {
  const solvers = isSolver(given) ? [given] : typeof given === 'object' && given !== null ? Object.values(given).filter(isSolver) : [];
  const calls = solvers.map((solver) => ('http01' in (solver as { solver: object }).solver ? "http01Ingress('<ingress class>')" : 'cloudflareDns01({ apiToken })'));
  return calls.length > 0 ? calls.join(', ') : "cloudflareDns01({ apiToken }) or http01Ingress('<ingress class>')";
}

/** Let's Encrypt's ACME v2 hosts, production and staging, each with the directory URL cert-manager registers at. */
const LETS_ENCRYPT_DIRECTORIES: Readonly<Record<string, string>> = {
  'acme-v02.api.letsencrypt.org': 'LETSENCRYPT_PRODUCTION',
  'acme-staging-v02.api.letsencrypt.org': 'LETSENCRYPT_STAGING',
};

/** Let's Encrypt's ACME v1 hosts, switched off in 2021. */
const LETS_ENCRYPT_V1_HOSTS: ReadonlySet<string> = new Set(['acme-v01.api.letsencrypt.org', 'acme-staging.api.letsencrypt.org']);

/**
 * A Let's Encrypt server URL that is not its directory (the host alone, `https://acme-v02.api.letsencrypt.org`)
 * or of its retired ACME v1: cert-manager fetches the directory from the URL as given, and the issuer never
 * becomes ready. Pure.
 */
export function letsEncryptDirectoryProblems(server: unknown): PropProblem[] {
  if (!isUrlWithScheme(server, ['https'])) {
    return [];
  }
  const url = new URL(server);
  const constant = url.hostname.includes('staging') ? 'LETSENCRYPT_STAGING' : 'LETSENCRYPT_PRODUCTION';
  if (LETS_ENCRYPT_V1_HOSTS.has(url.hostname)) {
    return [{
      field: 'server', message: `server ${JSON.stringify(server)} is Let's Encrypt's ACME v1, switched off in 2021: cert-manager cannot register the account, so the issuer issues nothing`,
      hint: `give ACME v2's directory: server: ${constant}`,
    }];
  }
  return LETS_ENCRYPT_DIRECTORIES[url.hostname] !== undefined && url.pathname !== '/directory' ? [{
    field: 'server', message: `server ${JSON.stringify(server)} is not Let's Encrypt's directory URL, which ends in /directory: cert-manager fetches the directory from the URL as given and the issuer never becomes ready`,
    hint: `give the directory: server: ${LETS_ENCRYPT_DIRECTORIES[url.hostname]} (https://${url.hostname}/directory)`,
  }] : [];
}

/**
 * A ClusterIssuer whose name says which Let's Encrypt directory it uses and whose `server` is the other one:
 * `letsencrypt-prod` on staging gives every route a certificate no browser trusts, and `letsencrypt-staging` on
 * production spends the production rate limits on tests. Routes and certificates choose an issuer by its name,
 * so the name is what the user relies on. On `issuer.server`; nothing for another server or a name that says
 * neither. Pure.
 */
export function issuerNameServerProblems(issuerName: unknown, server: unknown): PropProblem[] {
  if (typeof issuerName !== 'string' || !isUrlWithScheme(server, ['https'])) {
    return [];
  }
  const directory = LETS_ENCRYPT_DIRECTORIES[new URL(server).hostname];
  const words = issuerName.toLowerCase().split(/[^a-z0-9]+/);
  const named = words.some((word) => word === 'staging' || word === 'stage' || word === 'test')
    ? 'LETSENCRYPT_STAGING' : words.some((word) => word === 'prod' || word === 'production') ? 'LETSENCRYPT_PRODUCTION' : undefined;
  if (directory === undefined || named === undefined || named === directory) {
    return [];
  }
  const onStaging = directory === 'LETSENCRYPT_STAGING';
  return [{
    field: 'issuer.server',
    message: `ClusterIssuer "${issuerName}" is named for Let's Encrypt's ${onStaging ? 'production' : 'staging'} directory but its server is the ${onStaging ? 'staging' : 'production'} one: `
      + (onStaging ? 'every certificate it issues is signed by a test CA no browser trusts' : 'each test spends the production rate limits (5 certificates a week for one set of names)'),
    hint: `give it the server its name says, server: ${named}, or name it for the server it uses`,
  }];
}

/**
 * The problems of an ACME issuer's options, with fields relative to them (`server`): an https directory
 * URL, an e-mail address, at least one solver, an object name for the account key Secret, and for a lab's
 * own ACME server its directory and the `caBundle` it is trusted with. Pure.
 */
export function acmeIssuerProblems(props: AcmeIssuerInput): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!isUrlWithScheme(props.server, ['https'])) {
    problems.push({
      field: 'server', message: `server ${describeValue(props.server)} is not the https URL of an ACME directory, which cert-manager registers the account at`,
      hint: 'give the directory URL, e.g. LETSENCRYPT_PRODUCTION or LETSENCRYPT_STAGING (https://acme-v02.api.letsencrypt.org/directory)',
    });
  }
  problems.push(...letsEncryptDirectoryProblems(props.server));
  problems.push(...privateAcmeServerProblems(props.server, props.caBundle));
  problems.push(...acmeContactProblems(props.email, props.server, 'email', true));
  if (props.solvers !== undefined && !Array.isArray(props.solvers)) {
    // One solver, or solvers keyed by a name, where a list belongs: what was given is a solver, not none.
    problems.push({
      field: 'solvers', message: `solvers is ${solversText(props.solvers)}, not a list of solvers`,
      hint: `list them, even one: solvers: [${solverCalls(props.solvers)}]`,
    });
  } else if (!Array.isArray(props.solvers) || props.solvers.length === 0) {
    problems.push({
      field: 'solvers', message: 'an ACME issuer without solvers can prove control of no name, so it issues nothing',
      hint: "give at least one solver: cloudflareDns01({ apiToken }) (wildcards too) or http01Ingress('<ingress class>')",
    });
  } else {
    props.solvers.forEach((solver: unknown, i) => {
      const entry = (solver as { solver?: unknown } | null)?.solver;
      if (typeof entry !== 'object' || entry === null) {
        // cert-manager's own solver entry written out ({ http01: … }) lacks the Secrets and checks a factory adds.
        problems.push({
          field: `solvers[${i}]`, message: `solvers[${i}] is ${describeValue(solver)}, not a solver made by a solver factory`,
          hint: "make it with cloudflareDns01({ apiToken }) or http01Ingress('<ingress class>')",
        });
      }
    });
  }
  if (props.accountKeySecretName !== undefined
    && (typeof props.accountKeySecretName !== 'string' || nameProblem(props.accountKeySecretName, DNS1123_SUBDOMAIN) !== undefined)) {
    problems.push({
      field: 'accountKeySecretName', message: `accountKeySecretName ${describeValue(props.accountKeySecretName)} is not the name of a Secret`,
      hint: "lower-case letters, digits, '-' and '.', e.g. 'letsencrypt-account-key'; or leave it out for <issuer name>-account-key",
    });
  }
  return problems;
}

/**
 * The problems of the ingress class an HTTP-01 solver names, with the field `ingressClassName`: cert-manager
 * makes its challenge Ingress of that class, and the API server refuses a class that is no object name. Pure.
 */
export function http01IngressProblems(ingressClassName: unknown): PropProblem[] {
  const problem = typeof ingressClassName === 'string' ? nameProblem(ingressClassName, DNS1123_SUBDOMAIN) : `${describeValue(ingressClassName)} is not text`;
  return problem === undefined ? [] : [{
    field: 'ingressClassName', message: `http01Ingress() was given an ingress class that is no object name: ${problem || 'it is empty'}`,
    hint: "give the IngressClass the cluster's ingress controller serves, e.g. http01Ingress('traefik') or http01Ingress('nginx')",
  }];
}

/** A DNS server as cert-manager's `--dns01-recursive-nameservers` takes it: host (or [IPv6]) and port. */
const HOST_AND_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):([0-9]{1,5})$/i;

/**
 * The problems of the name servers cert-manager asks about DNS-01 records (`dns01RecursiveNameservers`):
 * cert-manager refuses to start on a server that is neither `host:port` nor a DNS-over-HTTPS URL, so a
 * bare address would leave it crash-looping. Pure.
 */
export function dns01NameserverProblems(servers: unknown, field = 'dns01RecursiveNameservers'): PropProblem[] {
  if (servers === undefined) {
    return [];
  }
  if (!Array.isArray(servers)) {
    return [{
      field, message: `${field} is ${describeValue(servers)}, not a list of name servers`,
      hint: `write a list, even of one: ${field}: ${typeof servers === 'string' ? listText(itemsOfText(servers)) : "['1.1.1.1:53']"}`,
    }];
  }
  return servers.flatMap((server, i): PropProblem[] => {
    const at = `${field}[${i}]`;
    const match = typeof server === 'string' ? HOST_AND_PORT.exec(server) : null;
    const port = match ? Number(match[2]) : 0;
    if ((match && port >= 1 && port <= 65535) || isUrlWithScheme(server, ['https'])) {
      return [];
    }
    const bare = typeof server === 'string' && /^[a-z0-9.-]+$/i.test(server);
    const split = splitEntryHint(field, servers, i, (item) => HOST_AND_PORT.test(item) || isUrlWithScheme(item, ['https']));
    return [{
      field: at, message: `${at} is ${describeValue(server)}, not a name server as host:port or an https:// URL; cert-manager would refuse to start`,
      hint: split ?? (bare ? `add the port: '${server}:53'` : "write host and port, e.g. '1.1.1.1:53', or a DNS-over-HTTPS URL, e.g. 'https://1.1.1.1/dns-query'"),
    }];
  });
}

/**
 * The problems of the options a lab passes to `useCertManager`: its name servers, and sizes, which belong
 * to the cluster (`componentResources.certManager`), since cert-manager is installed once for every issuer
 * and certificate and these options only add flags to that release. Pure.
 */
export function useCertManagerProblems(options: unknown): PropProblem[] {
  const given = (typeof options === 'object' && options !== null ? options : {}) as { readonly resources?: unknown; readonly dns01RecursiveNameservers?: unknown };
  const sizes: PropProblem[] = given.resources === undefined ? [] : [{
    field: 'resources', message: 'useCertManager() does not size cert-manager: the release is made once for the cluster, so resources given here would be ignored',
    hint: 'size it on the cluster: new ClusterChart(…, { componentResources: { certManager: { controller: { memoryLimit: \'512Mi\' } } } })',
  }];
  return [...sizes, ...dns01NameserverProblems(given.dns01RecursiveNameservers)];
}
