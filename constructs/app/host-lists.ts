import type { PropProblem } from '../validation/known-props';
import { imageTag } from './image-tag';
import type { ProbeProps, ProbesProps } from './probes';
import { NEXTCLOUD_IMAGE } from './wopi-hosts';
import { HOMEPAGE_IMAGE, ZULIP_IMAGE } from './household-app-images';
import { imageRows } from './image-rows';

// Some images answer only requests whose Host is on a list they are given, and refuse every other: a route's host
// the list leaves out reaches an app that refuses each page, and an HTTP probe, whose Host the kubelet makes the
// pod's own address unless told another, fails for ever.

/** The host of an absolute http(s) URL, in lower case; undefined for anything else (a path, a reference). */
export function urlHost(value: string): string | undefined {
  const url = /^https?:\/\/(?:[^@/?#]*@)?([a-z0-9.-]+?)\.?(?::\d{1,5})?(?=[/?#]|$)/i.exec(value);
  return url?.[1].toLowerCase();
}

/** netbox-docker's images of NetBox, on Docker Hub, quay.io and GitHub's registry. */
const NETBOX_IMAGE = /^(?:(?:docker\.io|quay\.io)\/netboxcommunity\/netbox|netboxcommunity\/netbox|ghcr\.io\/netbox-community\/netbox)(?=[:@]|$)/;

/**
 * Whether Django's ALLOWED_HOSTS entry takes `host`: `*` any name, `.lab.example` that domain and every name under
 * it, another entry its name alone, in any case. Pure.
 */
function djangoTakes(entry: string, host: string): boolean {
  const pattern = entry.toLowerCase();
  return pattern === '*' || pattern === host || (pattern.startsWith('.') && (host.endsWith(pattern) || host === pattern.slice(1)));
}

/**
 * Whether Zulip's `EXTERNAL_HOST` takes `host`: the name written, without its port, and the names under it (the
 * subdomains of its organizations), as Zulip adds both to Django's ALLOWED_HOSTS. Pure.
 */
function zulipTakes(entry: string, host: string): boolean {
  const external = entry.toLowerCase().replace(/:\d{1,5}$/, '');
  return host === external || host.endsWith(`.${external}`);
}

/**
 * Images that answer only requests whose Host is on a list they are given, and refuse the others: Nextcloud's
 * `NEXTCLOUD_TRUSTED_DOMAINS` (the `trusted_domains` its entrypoint writes as it installs, space-separated),
 * Homepage's `HOMEPAGE_ALLOWED_HOSTS` (comma-separated; from v1.0 it refuses every host but its own localhost
 * without it, so there the variable left out is the same mistake) and NetBox's `ALLOWED_HOSTS` (netbox-docker's
 * configuration.py splits it at spaces into Django's list, `*` unless set, and adds `localhost` for its health check),
 * and Zulip's `SETTING_EXTERNAL_HOST`, one name, which Zulip makes its Django ALLOWED_HOSTS with the names under it
 * (unless `SETTING_REALM_HOSTS` or `SETTING_ALLOWED_HOSTS` add more, which leave the list unknown).
 */
const HOST_LIST_VARIABLES: ReadonlyArray<{
  readonly image: RegExp; readonly name: string; readonly app: string; readonly separator: ' ' | ','; readonly refusal: string;
  /** Whether the image's tag names a release that refuses every other host when the variable is not set. */
  readonly requiredFrom?: (tag: string | undefined) => boolean;
  /** Whether an entry of the list takes a host (in lower case). @default - {@link listTakes} */
  readonly takes?: (entry: string, host: string) => boolean;
  /**
   * The hosts the image adds to the list itself, for its own health check, which an HTTP probe may name as its
   * Host; those of an image that names none are not known, and its probes are not judged. @default - not known
   */
  readonly ownHosts?: readonly string[];
  /** Whether the variable holds one name rather than a list, so a hint writes the route's host in place of it. @default false */
  readonly oneName?: boolean;
  /** Variables that widen what the image answers beyond the list, with which the list is not judged. @default none */
  readonly widenedBy?: readonly string[];
}> = [
  {
    image: NEXTCLOUD_IMAGE, name: 'NEXTCLOUD_TRUSTED_DOMAINS', app: 'Nextcloud', separator: ' ',
    refusal: 'it answers every request at any other host with "Access through untrusted domain"',
  },
  {
    image: HOMEPAGE_IMAGE, name: 'HOMEPAGE_ALLOWED_HOSTS', app: 'Homepage', separator: ',',
    refusal: 'from v1.0 it answers every request at any other host with "Host validation failed"',
    requiredFrom: (tag) => !/^v?0\./.test(tag ?? ''),
  },
  {
    image: NETBOX_IMAGE, name: 'ALLOWED_HOSTS', app: 'NetBox', separator: ' ', takes: djangoTakes, ownHosts: ['localhost'],
    refusal: 'Django answers every request at any other host with 400 Bad Request',
  },
  {
    image: ZULIP_IMAGE, name: 'SETTING_EXTERNAL_HOST', app: 'Zulip', separator: ',', takes: zulipTakes, oneName: true,
    widenedBy: ['SETTING_REALM_HOSTS', 'SETTING_ALLOWED_HOSTS'],
    refusal: 'Zulip lets Django answer only that name and the names under it, and every request at another host gets 400 Bad Request',
  },
];

/** Whether `host` is one that an entry of a host list takes: the host itself, with a port or not, or a `*` pattern over it. Pure. */
function listTakes(entry: string, host: string): boolean {
  const written = entry.toLowerCase().replace(/:\d{1,5}$/, '');
  const pattern = new RegExp(`^${written.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pattern.test(host);
}

/**
 * The route hosts that the host list of `image`'s {@link HOST_LIST_VARIABLES} in `env` leaves out: one problem on
 * `env.<NAME>` whose hint writes the list with them (an entry written as a URL, which matches no Host, as its host).
 * Pure.
 */
export function hostListProblems(env: Readonly<Record<string, unknown>>, routeHosts: readonly string[], image: unknown): PropProblem[] {
  const known = typeof image === 'string' ? imageRows(HOST_LIST_VARIABLES, image)[0] : undefined;
  if (known === undefined || typeof image !== 'string') {
    return [];
  }
  const value = env[known.name];
  if (known.widenedBy?.some((name) => env[name] !== undefined) === true) {
    return [];
  }
  if (value === undefined && known.requiredFrom?.(imageTag(image)) !== true) {
    return [];
  }
  if (value !== undefined && typeof value !== 'string') {
    return [];
  }
  const entries = known.oneName === true ? [(value ?? '').trim()] : (value ?? '').split(known.separator === ' ' ? /\s+/ : /\s*,\s*/).filter((entry) => entry !== '');
  const other = known.separator === ' ' ? ',' : ' ';
  const joined = known.oneName === true ? undefined : entries.find((entry) => entry.includes(other));
  if (joined !== undefined) {
    const names = (value ?? '').split(/[\s,]+/).filter((name) => name !== '');
    return [{
      field: `env.${known.name}`,
      message: `${known.name} ${JSON.stringify(value)} is split at ${known.separator === ' ' ? 'spaces' : 'commas'} alone, so "${joined}" is one name, which no request carries: ${known.refusal}`,
      hint: `separate the names with ${known.separator === ' ' ? 'spaces' : 'commas'}: ${known.name}: '${names.join(known.separator)}'`,
    }];
  }
  const takes = known.takes ?? listTakes;
  const hosts = routeHosts.map((host) => host.toLowerCase());
  const missing = hosts.filter((host) => !entries.some((entry) => takes(entry, host)));
  if (missing.length === 0) {
    return [];
  }
  const kept = entries.map((entry) => urlHost(entry) ?? entry);
  const list = known.oneName === true ? missing[0] : [...kept, ...missing.filter((host) => !kept.some((entry) => takes(entry, host)))].join(known.separator);
  return [{
    field: `env.${known.name}`,
    message: value === undefined
      ? `${known.app}'s image "${image}" is given no ${known.name}, and the app's route serves ${missing.join(', ')}: ${known.refusal}`
      : known.oneName === true
        ? `${known.name} ${JSON.stringify(value)} takes neither ${missing.join(', ')}, which the app's route serves, nor a domain above it: ${known.refusal}`
        : `${known.name} ${JSON.stringify(value)} leaves out ${missing.join(', ')}, which the app's route serves: ${known.refusal}`,
    hint: known.oneName === true
      ? `name the route's host, as the browser sends it: ${known.name}: '${list}'`
      : `list the route's host${missing.length > 1 ? 's' : ''}, as the browser sends ${missing.length > 1 ? 'them' : 'it'}: ${known.name}: '${list}'`,
  }];
}

/**
 * The HTTP probes (`probes.<name>.httpPath`) of an image whose host list ({@link HOST_LIST_VARIABLES} with `ownHosts`)
 * `env` narrows, whose Host the list does not take: without `httpHost` the kubelet sends the pod's address, which only
 * `*` takes. One problem on each such probe's `httpPath` (or `httpHost`), whose hint names a host the image adds to
 * its list itself. Pure.
 */
export function hostListProbeProblems(image: unknown, env: Readonly<Record<string, unknown>>, probes: ProbesProps | undefined): PropProblem[] {
  const known = typeof image === 'string' ? imageRows(HOST_LIST_VARIABLES, image)[0] : undefined;
  const own = known?.ownHosts;
  const value = known === undefined ? undefined : env[known.name];
  if (known === undefined || own === undefined || typeof value !== 'string' || probes === null || typeof probes !== 'object') {
    return [];
  }
  const takes = known.takes ?? listTakes;
  const entries = [...value.split(known.separator === ' ' ? /\s+/ : /\s*,\s*/).filter((entry) => entry !== ''), ...own];
  return (['readiness', 'liveness', 'startup'] as const).flatMap((name) => {
    const probe: ProbeProps | false | undefined = probes[name];
    if (!probe || typeof probe.httpPath !== 'string' || probe.command !== undefined) {
      return [];
    }
    const host = probe.httpHost?.toLowerCase();
    if (host === undefined ? entries.includes('*') : entries.some((entry) => takes(entry, host))) {
      return [];
    }
    return [{
      field: `probes.${name}.${host === undefined ? 'httpPath' : 'httpHost'}`,
      message: `the ${name} probe asks ${probe.httpPath} with the Host ${host ?? "the kubelet sends by itself, the pod's own address"}, which ${known.name} `
        + `(${JSON.stringify(value)}) does not take: ${known.refusal}, so the probe fails at every try`,
      hint: `send a Host the list takes, as the image's own health check does: httpHost: '${own[0]}'`,
    }];
  });
}
