import type { SynthesizedCluster } from '../synth/collect';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { yamlMapping } from './yaml-mapping';
import { closestName } from './closest-name';
import { routeHosts } from './route-hosts';

// Authelia validates its configuration.yml as it starts and exits on any error, so a pod of it whose file breaks
// one of these rules never becomes ready, and every route behind its forward-auth answers 500 meanwhile. Read in
// Authelia's own validator (internal/configuration/validator): an access-control subject names a `user:` or a
// `group:` (or an `oauth2:client:`), a rule's policy is one of four, a `bypass` rule names no subject (a bypassed
// request has no user to match), and each session cookie's `authelia_url` is an https URL inside the cookie's domain.

/** Authelia's images, Docker Hub's and GitHub's. */
const AUTHELIA_IMAGE = /^((docker\.io\/)?authelia|ghcr\.io\/authelia)\/authelia(?=[:@]|$)/;

/** The policies an access-control rule may name. */
const POLICIES = ['bypass', 'deny', 'one_factor', 'two_factor'];

/** What a subject starts with. */
const SUBJECT_PREFIX = /^(user|group|oauth2:client):./;

/** A mistake of one setting of Authelia's configuration file. */
export interface AutheliaMistake {
  /** The setting, as a path in the file (`access_control.rules[0].subject`). */
  readonly setting: string;
  /** What Authelia does with it. */
  readonly message: string;
  /** The setting as Authelia takes it. */
  readonly hint: string;
}

/** A rule's `subject`, in any of its forms (one text, a list, a list of lists), as one list. Pure. */
function subjectsOf(subject: unknown): string[] {
  if (typeof subject === 'string') {
    return [subject];
  }
  return Array.isArray(subject) ? subject.flatMap(subjectsOf) : [];
}

/** The mistakes of `access_control.rules`. Pure. */
function ruleMistakes(config: Record<string, unknown>): AutheliaMistake[] {
  return list(fields(config.access_control).rules).flatMap((rule, i) => {
    const at = `access_control.rules[${i}]`;
    const mistakes: AutheliaMistake[] = [];
    const policy = rule.policy;
    if (typeof policy === 'string' && !POLICIES.includes(policy)) {
      const meant = policy.toLowerCase().replace(/[-\s]/g, '_').replace(/^(2fa|2_factor|mfa)$/, 'two_factor').replace(/^(1fa|1_factor)$/, 'one_factor');
      mistakes.push({
        setting: `${at}.policy`, message: `policy "${policy}" is none of Authelia's (${POLICIES.join(', ')}): it exits at its start with "option 'policy' must be one of"`,
        hint: POLICIES.includes(meant) ? `write policy: ${meant}` : `write one of ${POLICIES.join(', ')}`,
      });
    }
    const subjects = subjectsOf(rule.subject);
    for (const subject of subjects.filter((s) => !SUBJECT_PREFIX.test(s))) {
      mistakes.push({
        setting: `${at}.subject`, message: `subject "${subject}" names neither a user nor a group: Authelia exits at its start with "must start with 'user:' or 'group:'"`,
        hint: `write the kind before the name: subject: 'group:${subject}' for a group of its users (or 'user:${subject}' for one user)`,
      });
    }
    if (policy === 'bypass' && subjects.length > 0) {
      mistakes.push({
        setting: `${at}.subject`, message: 'a bypass rule names a subject: a bypassed request signs nobody in, so there is no user to match, and Authelia exits at its start',
        hint: 'drop the subject for everyone, or give the rule one_factor or two_factor to let those subjects in after signing in',
      });
    }
    return mistakes;
  });
}

/** The host of `url`, or undefined when it is no absolute URL. Pure. */
function hostOf(url: string): { readonly host: string; readonly protocol: string } | undefined {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname.toLowerCase(), protocol: parsed.protocol };
  } catch {
    return undefined;
  }
}

/** The mistakes of `session.cookies`: an `authelia_url` outside its cookie's domain or not on https. Pure. */
function cookieMistakes(config: Record<string, unknown>): AutheliaMistake[] {
  return list(fields(config.session).cookies).flatMap((cookie, i) => {
    const domain = text(cookie.domain)?.toLowerCase().replace(/^\./, '');
    const url = text(cookie.authelia_url);
    const parsed = url === undefined ? undefined : hostOf(url);
    if (domain === undefined || url === undefined || parsed === undefined) {
      return [];
    }
    const at = `session.cookies[${i}].authelia_url`;
    if (parsed.host !== domain && !parsed.host.endsWith(`.${domain}`)) {
      return [{
        setting: at, message: `authelia_url ${url} lies outside the cookie's domain ${domain}: Authelia exits at its start ("does not share a cookie scope"), as the cookie it sets at its portal would never reach the apps`,
        hint: `serve the portal under the domain (https://auth.${domain}) or give the cookie the domain both share`,
      }];
    }
    return parsed.protocol === 'https:' ? [] : [{
      setting: at, message: `authelia_url ${url} is not https: Authelia exits at its start ("does not have a secure scheme"), as its session cookie is sent over TLS alone`,
      hint: `write https://${parsed.host}, as the route serves it`,
    }];
  });
}

/** The session cookies' domains, lowercase and without a leading dot. Pure. */
function cookieDomainsOf(config: Record<string, unknown>): string[] {
  return list(fields(config.session).cookies).flatMap((cookie) => {
    const domain = text(cookie.domain)?.toLowerCase().replace(/^\./, '');
    return domain === undefined ? [] : [domain];
  });
}

/** Whether `name` is `domain` or a name under it. Pure. */
const liesUnderCookieDomain = (name: string, domain: string) => name === domain || name.endsWith(`.${domain}`);

/**
 * A cookie domain of one label (`lan`, `com`), which no browser stores a cookie for and Authelia refuses at its start;
 * and an access-control rule whose domains all lie outside every cookie's domain: the portal's cookie never reaches
 * them, so each request there is sent to sign in again, round and round. Pure.
 */
function cookieScopeMistakes(config: Record<string, unknown>): AutheliaMistake[] {
  const domains = cookieDomainsOf(config);
  const singleLabel: AutheliaMistake[] = list(fields(config.session).cookies).flatMap((cookie, i) => {
    const domain = text(cookie.domain)?.toLowerCase().replace(/^\./, '');
    return domain === undefined || domain.includes('.') ? [] : [{
      setting: `session.cookies[${i}].domain`, message: `cookie domain "${domain}" is a single label: browsers store no cookie for it, and Authelia exits at its start ("must have at least a single period")`,
      hint: 'give the domain the apps share, the site\'s domain (e.g. home.example.com), not its top-level label',
    }];
  });
  if (domains.length === 0 || singleLabel.length > 0) {
    return singleLabel;
  }
  return list(fields(config.access_control).rules).flatMap((rule, i) => {
    const names = (typeof rule.domain === 'string' ? [rule.domain] : Array.isArray(rule.domain) ? rule.domain : []).filter((d): d is string => typeof d === 'string')
      .map((d) => d.toLowerCase().replace(/^\*\./, ''));
    if (names.length === 0 || names.some((name) => domains.some((domain) => liesUnderCookieDomain(name, domain)))) {
      return [];
    }
    return [{
      setting: `access_control.rules[${i}].domain`,
      message: `${names.join(', ')} lies outside the session cookies' domain (${domains.join(', ')}): the portal's cookie never reaches it, so each request there is sent back to sign in`,
      hint: `write the rule for a host under ${domains[0]}, or give the cookie a domain both the portal and this host lie under`,
    }];
  });
}

/** Whether `host` is the machine's own loopback, where an OAuth client may take its code over http. Pure. */
const isLoopbackRedirectHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/**
 * An OpenID Connect client's `redirect_uris` on http: the app sends the https URL its route serves, and Authelia
 * compares redirect URIs character by character, so every sign-in ends in "invalid_request". Pure.
 */
function oidcClientMistakes(config: Record<string, unknown>): AutheliaMistake[] {
  return list(fields(fields(config.identity_providers).oidc).clients).flatMap((client, i) => {
    const uris: unknown[] = Array.isArray(client.redirect_uris) ? client.redirect_uris : [];
    return uris.flatMap((uri, j) => {
      const parsed = typeof uri === 'string' ? hostOf(uri) : undefined;
      if (parsed === undefined || parsed.protocol !== 'http:' || isLoopbackRedirectHost(parsed.host)) {
        return [];
      }
      return [{
        setting: `identity_providers.oidc.clients[${i}].redirect_uris[${j}]`,
        message: `redirect URI ${String(uri)} is on http, and the app behind the route sends its https URL: Authelia compares them character by character and refuses every sign-in ("invalid_request")`,
        hint: `write ${String(uri).replace(/^http:/, 'https:')}`,
      }];
    });
  });
}

/**
 * An OpenID Connect client's `redirect_uris` at a host no route of the cluster serves but one letter or so off a host
 * one does (`grafna.` for `grafana.`): the app sends its own URL, which Authelia finds in no client's list, and every
 * sign-in ends in "invalid_request". A host near none of the routes may be another cluster's, and is left alone. Pure.
 */
function redirectHostMistakes(config: Record<string, unknown>, routed: readonly string[]): AutheliaMistake[] {
  return list(fields(fields(config.identity_providers).oidc).clients).flatMap((client, i) => {
    const uris: unknown[] = Array.isArray(client.redirect_uris) ? client.redirect_uris : [];
    return uris.flatMap((uri, j) => {
      const host = typeof uri === 'string' ? hostOf(uri)?.host.toLowerCase() : undefined;
      const meant = host === undefined || routed.includes(host) ? undefined : misspeltRoutedHost(host, routed);
      return meant === undefined ? [] : [{
        setting: `identity_providers.oidc.clients[${i}].redirect_uris[${j}]`,
        message: `redirect URI ${String(uri)} is at ${host}, which no route of the cluster serves, while ${meant} is routed: the app sends its own URL, which no client lists, and Authelia refuses every sign-in ("invalid_request")`,
        hint: `write the host the app's route serves: ${String(uri).replace(host!, meant)}`,
      }];
    });
  });
}

/** The routed host `host` misspells in its first label, under the same domain (`grafna.` for `grafana.`), if any. Pure. */
function misspeltRoutedHost(host: string, routed: readonly string[]): string | undefined {
  const dot = host.indexOf('.');
  const domain = host.slice(dot);
  const siblings = routed.filter((other) => other.slice(other.indexOf('.')) === domain).map((other) => other.slice(0, other.indexOf('.')));
  const label = dot < 0 ? undefined : closestName(host.slice(0, dot), siblings);
  return label === undefined ? undefined : `${label}${domain}`;
}

/** The mistakes of one configuration file, none when it is no YAML mapping; `routed`, the host names the cluster's routes serve. Pure. */
export function autheliaConfigMistakes(file: string, routed: readonly string[] = []): AutheliaMistake[] {
  const config = yamlMapping(file);
  return config === undefined ? [] : [
    ...ruleMistakes(config), ...cookieMistakes(config), ...cookieScopeMistakes(config), ...oidcClientMistakes(config), ...redirectHostMistakes(config, routed),
  ];
}

/**
 * Each ConfigMap file an Authelia container mounts, read as its configuration: each mistake above is an error on
 * the ConfigMap's `data.<key>`, naming the setting, once however many pods mount it.
 */
export function checkAutheliaConfig(cluster: SynthesizedCluster): Finding[] {
  const told = new Set<string>();
  const files = imageConfigFiles(cluster, AUTHELIA_IMAGE);
  const routed = files.length === 0 ? [] : [...new Set(routeHosts(cluster.objects).map((route) => route.host.toLowerCase()))];
  return files.flatMap(({ configMap, key, file }) => {
    if (told.has(`${configMap.constructPath}\n${key}`)) {
      return [];
    }
    told.add(`${configMap.constructPath}\n${key}`);
    return autheliaConfigMistakes(file, routed).map((mistake) => objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`, message: `${mistake.setting}: ${mistake.message}`, hint: mistake.hint,
    }));
  });
}
