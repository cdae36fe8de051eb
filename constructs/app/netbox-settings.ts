import type { PropProblem } from '../validation/known-props';

// NetBox's image (netbox-docker) builds Django's ALLOWED_HOSTS from the variable split at spaces, as its
// configuration.py does (`environ.get('ALLOWED_HOSTS', '*').split(' ')`), and adds `localhost` for its own health
// check. Django answers 400 Bad Request to a request whose Host no entry matches: an entry matches its name exactly
// (without the port, in any case), `.lab.example` that domain and every name under it, and `*` any name. So
// `netbox.lab.example,localhost`, written as Django's own list or another app's variable is written, is one name no
// request carries, and a route whose host the list leaves out reaches a NetBox that refuses every page.

/** netbox-docker's images, on Docker Hub, quay.io and GitHub's registry. */
const NETBOX_IMAGE = /^(?:(?:docker\.io|quay\.io)\/netboxcommunity\/netbox|netboxcommunity\/netbox|ghcr\.io\/netbox-community\/netbox)(?=[:@]|$)/;

/** Whether Django's ALLOWED_HOSTS entry `entry` admits requests for `host`. Pure. */
function admits(entry: string, host: string): boolean {
  const pattern = entry.toLowerCase();
  const name = host.toLowerCase();
  return pattern === '*' || pattern === name || (pattern.startsWith('.') && (name.endsWith(pattern) || name === pattern.slice(1)));
}

/**
 * NetBox's ALLOWED_HOSTS written with commas (one name that no request carries), or leaving out a host a route
 * serves the app at (`routeHosts`, full names): one problem on `env.ALLOWED_HOSTS`. Nothing for another image, an
 * app that serves no port, or a value that is no text (a Secret's, which synthesis does not read). Pure.
 */
export function netboxAllowedHostsProblems(image: unknown, env: Readonly<Record<string, unknown>>, routeHosts: readonly string[], servesPorts: boolean): PropProblem[] {
  const value = env.ALLOWED_HOSTS;
  if (typeof image !== 'string' || !NETBOX_IMAGE.test(image) || !servesPorts || typeof value !== 'string') {
    return [];
  }
  const entries = value.split(' ').filter((entry) => entry !== '');
  const field = 'env.ALLOWED_HOSTS';
  if (entries.some((entry) => entry.includes(','))) {
    const names = value.split(/[\s,]+/).filter((name) => name !== '');
    return [{
      field,
      message: `ALLOWED_HOSTS is ${JSON.stringify(value)}, and NetBox's image splits it at spaces alone: "${entries.find((e) => e.includes(','))}" is one name, `
        + 'which no request carries, so Django answers 400 Bad Request to every request by the names meant',
      hint: `separate the names with spaces: ALLOWED_HOSTS: '${names.join(' ')}'`,
    }];
  }
  const refused = routeHosts.filter((host) => !entries.some((entry) => admits(entry, host)));
  return refused.length === 0 ? [] : [{
    field,
    message: `ALLOWED_HOSTS (${JSON.stringify(value)}) leaves out ${refused.join(', ')}, the host ${refused.length === 1 ? 'a route serves' : 'routes serve'} NetBox at: `
      + 'Django answers 400 Bad Request to every request by that name',
    hint: `add it, separated by a space: ALLOWED_HOSTS: '${[...entries, ...refused].join(' ')}'`,
  }];
}
