import type { PropProblem } from '../validation/known-props';

// Collabora Online (CODE) edits a document only for the WOPI hosts it is told of: `aliasgroup1`, `aliasgroup2`, …
// (each the URL of one Nextcloud, with aliases after commas), or the older `domain` (a regular expression of host
// names). Nextcloud calls it from the host its route serves, and Collabora answers any other with "unauthorized
// WOPI host": a value copied from a guide, or left on a host the lab moved away from, opens no document.

/** Collabora Online's image, CODE's (`collabora/code`). */
const COLLABORA_IMAGE = /^(docker\.io\/)?collabora\/code(?=[:@]|$)/;

/** Nextcloud's images: the official one and its FPM and Apache variants (Nextcloud AIO runs its own Collabora). */
export const NEXTCLOUD_IMAGE = /^(docker\.io\/)?(library\/)?nextcloud(?=[:@]|$)/;

/** Whether `image` runs Collabora Online. Pure. */
export function runsCollabora(image: unknown): boolean {
  return typeof image === 'string' && COLLABORA_IMAGE.test(image);
}

/**
 * The host names a WOPI host setting names, lower case, with Collabora's escapes of dots undone; undefined when
 * one of them is a pattern (`.*`, a character class), which this does not read. Pure.
 */
function wopiHosts(name: string, value: string): string[] | undefined {
  const entries = name === 'domain' ? value.split('|') : value.split(',');
  const hosts: string[] = [];
  for (const entry of entries) {
    const host = entry.trim().replace(/^https?:\/\//i, '').replace(/\\\./g, '.').replace(/(:\d{1,5})?\/?$/, '').toLowerCase();
    if (!/^[a-z0-9.-]+$/.test(host)) {
      return undefined;
    }
    hosts.push(host);
  }
  return hosts;
}

/**
 * The WOPI host settings of a Collabora app's `env` (`aliasgroup<n>`, `domain`) that take none of the hosts the
 * cluster's Nextcloud routes serve (`nextcloudHosts`): one problem on the first, whose hint writes it with
 * Nextcloud's host. Nothing when no setting is given (Collabora then answers every host) or no Nextcloud is
 * routed. Pure.
 */
export function wopiHostProblems(env: Readonly<Record<string, unknown>>, nextcloudHosts: readonly string[]): PropProblem[] {
  if (nextcloudHosts.length === 0) {
    return [];
  }
  const given = Object.entries(env).flatMap(([name, value]) => ((/^aliasgroup\d+$/.test(name) || name === 'domain') && typeof value === 'string' ? [[name, value] as const] : []));
  const named: string[] = [];
  for (const [name, value] of given) {
    const hosts = wopiHosts(name, value);
    if (hosts === undefined) {
      return [];
    }
    named.push(...hosts);
  }
  const wanted = nextcloudHosts.map((host) => host.toLowerCase());
  if (given.length === 0 || wanted.some((host) => named.includes(host))) {
    return [];
  }
  const [name, value] = given[0];
  return [{
    field: `env.${name}`,
    message: `${name} ${JSON.stringify(value)} names ${[...new Set(named)].join(', ')}, and Nextcloud's route serves ${wanted.join(', ')}: `
      + 'Collabora answers WOPI requests from any other host with "unauthorized WOPI host", so no document would open',
    hint: `name the host Nextcloud is reached at: aliasgroup1: 'https://${wanted[0]}:443'`,
  }];
}
