import type { PropProblem } from '../validation/known-props';

// Duplicati's server refuses a request whose Host header is a name it has not been told to allow ("The host header
// sent by the client is not allowed"; 400 "Invalid Hostname" from 2.1): its official image answers IP addresses and
// localhost alone until `DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES` (or `--webservice-allowed-hostnames`) lists the
// name, `*` allowing any. A route hands the server its own host name, so the web interface refuses every visit by
// it. The list may also be saved in the server's settings database from its web interface (reached on localhost
// through a port-forward), so an unset list is a warning; a list written out that leaves a route's host out is an error.

/** Duplicati's official image, on Docker Hub or GitHub's registry. */
const DUPLICATI_IMAGE = /^((docker\.io|ghcr\.io)\/)?duplicati\/duplicati(?=[:@]|$)/;

/** The variable and the server's flag (with its older spelling) that list the allowed host names. */
const VARIABLE = 'DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES';
const FLAG = /^--webservice-allowed-?hostnames=(.*)$/;

/** Whether an entry of the list allows `host`: `*`, the name itself, or a `*.` pattern of its parent domain. Pure. */
function allows(entry: string, host: string): boolean {
  return entry === '*' || entry === host || (entry.startsWith('*.') && host.endsWith(entry.slice(1)));
}

/**
 * Duplicati's official image behind a route whose host names its web server does not allow: the list written in
 * `env` or as a flag of the command line (which wins) that leaves a route's host out, an error on that variable or
 * word; no list at all, a warning on `env`. A list read from a ConfigMap or a Secret, another image and an app
 * without routes are left alone. Pure.
 */
export function duplicatiHostnameProblems(
  image: unknown, env: Readonly<Record<string, unknown>>, command: unknown, args: unknown, routeHosts: readonly string[],
): Array<PropProblem & { readonly severity: 'error' | 'warning' }> {
  if (typeof image !== 'string' || !DUPLICATI_IMAGE.test(image) || routeHosts.length === 0) {
    return [];
  }
  const flags = (['command', 'args'] as const).flatMap((key) => {
    const line: unknown[] = Array.isArray(key === 'command' ? command : args) ? (key === 'command' ? command : args) as unknown[] : [];
    return line.flatMap((word, i) => (typeof word === 'string' && FLAG.test(word) ? [{ field: `${key}[${i}]`, value: FLAG.exec(word)![1] }] : []));
  });
  const flag = flags[flags.length - 1];
  const written = flag !== undefined ? flag.value : env[VARIABLE];
  const field = flag !== undefined ? flag.field : `env.${VARIABLE}`;
  const wanted = routeHosts.join(';');
  if (written === undefined) {
    return [{
      severity: 'warning', field: 'env',
      message: `Duplicati answers requests by IP address and localhost alone until it is told which host names to allow, and ${VARIABLE} is not set: every visit to ${routeHosts.join(', ')} through the route gets "The host header sent by the client is not allowed", unless the list is saved in its settings database`,
      hint: `allow the route's host: env: { ${VARIABLE}: '${wanted}' }`,
    }];
  }
  if (typeof written !== 'string') {
    return [];
  }
  const entries = written.split(/[;,\s]+/).map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  const refused = routeHosts.filter((host) => !entries.some((entry) => allows(entry, host.toLowerCase())));
  return refused.length === 0 ? [] : [{
    severity: 'error', field,
    message: `Duplicati allows the host names "${written}", which leave out ${refused.join(', ')}, the host its route serves it at: every visit there gets "The host header sent by the client is not allowed" and the web interface never loads`,
    hint: flag !== undefined
      ? `list the route's host, host names separated by ';': '--webservice-allowed-hostnames=${[...entries, ...refused].join(';')}'`
      : `list the route's host, host names separated by ';': ${VARIABLE}: '${[...entries, ...refused].join(';')}'`,
  }];
}
