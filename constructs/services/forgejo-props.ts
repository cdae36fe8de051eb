import { parseIpAddress } from '../inventory/ip-address';
import { nameProblem, DNS1123_SUBDOMAIN } from '../validation/dns-names';
import { type PropProblem, propProblems } from '../validation/known-props';
import { FORGEJO_SSH_SHAPE } from '../validation/service-props-shapes';
import { rootOnlyRouteProblems } from './route-fields';
import { movingVersionProblems, versionTagProblems } from './version-tag';

// Forgejo options that synthesize and fail only in the cluster: a tag the registry never published (the
// pull fails), a host name clone URLs or the database driver cannot use.

/** What `forgejoOptionProblems` reads of the props (shapes of the rest are checked with the props). */
interface ForgejoOptions {
  readonly version?: unknown;
  readonly ssh?: unknown;
  readonly database?: { readonly type?: unknown; readonly postgres?: { readonly host?: unknown } };
  readonly route?: { readonly path?: unknown };
  readonly exemptions?: unknown;
}

/**
 * Why `value` is not a bare host name (or address), or undefined when it is one. An IPv6 address is one as it is
 * (Forgejo puts it in brackets where it joins a port); in brackets, with or without a port after them, its bare
 * form is the address. Pure.
 */
function bareHostProblem(value: string): { readonly problem: string; readonly bare: string } | undefined {
  if (parseIpAddress(value)?.family === 6) {
    return undefined;
  }
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(value);
  const bare = bracketed !== null && parseIpAddress(bracketed[1])?.family === 6 ? bracketed[1]
    : value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/[/:].*$/, '');
  if (bare !== value) {
    return { problem: 'it carries more than a host name', bare };
  }
  return nameProblem(value.toLowerCase(), DNS1123_SUBDOMAIN) === undefined ? undefined : { problem: 'it is not a host name', bare };
}

/** The problems of Forgejo's `version`, `ssh`, route path and PostgreSQL `host`. Pure. */
export function forgejoOptionProblems(props: ForgejoOptions): PropProblem[] {
  const problems: PropProblem[] = [];
  const version = props.version;
  const referenceProblems = typeof version === 'string' && /[:/@]/.test(version) ? versionTagProblems(version, 'codeberg.org/forgejo/forgejo', { suffix: '-rootless' }) : [];
  problems.push(...referenceProblems);
  if (referenceProblems.length === 0 && typeof version === 'string' && (/^v\d/.test(version) || version.endsWith('-rootless'))) {
    const tag = version.replace(/^v(?=\d)/, '').replace(/-rootless$/, '');
    problems.push({
      field: 'version',
      message: `version "${version}" would pull codeberg.org/forgejo/forgejo:${version}-rootless, a tag Forgejo never publishes (its tags have no v, and the -rootless suffix is added here)`,
      hint: `write version: '${tag}'`,
    });
  } else if (referenceProblems.length === 0 && typeof version === 'string') {
    problems.push(...movingVersionProblems(version, 'codeberg.org/forgejo/forgejo', { suffix: '-rootless', exemptions: props.exemptions }));
  }
  // null is no SSH settings, as the construct reads it: the defaults.
  if (props.ssh !== false && props.ssh !== undefined && props.ssh !== null) {
    const shapeProblems = propProblems('Forgejo', { ssh: props.ssh }, { ssh: FORGEJO_SSH_SHAPE });
    problems.push(...shapeProblems);
    const domain = (props.ssh as { domain?: unknown }).domain;
    const bad = shapeProblems.length === 0 && typeof domain === 'string' ? bareHostProblem(domain) : undefined;
    if (bad) {
      problems.push({
        field: 'ssh.domain',
        message: `ssh.domain "${domain}" is the host name of clone URLs (ssh://git@<domain>:<port>/…), but ${bad.problem}`,
        hint: `write the host name alone${bad.bare ? `: domain: '${bad.bare}'` : ''}; the port is ssh.port`,
      });
    }
  }
  // ROOT_URL names the host alone, and Forgejo would need the prefix stripped before it even with one.
  problems.push(...rootOnlyRouteProblems(props.route, 'Forgejo', 'serves its pages, API and Git over HTTP from the root of its host name, and writes that root into every link (ROOT_URL)'));
  const host = props.database?.type === 'postgres' ? props.database.postgres?.host : undefined;
  const badHost = typeof host === 'string' ? bareHostProblem(host) : undefined;
  if (badHost) {
    const port = /:(\d+)$/.exec(host as string)?.[1];
    problems.push({
      field: 'database.postgres.host',
      message: `database.postgres.host "${host}" becomes Forgejo's HOST with the port appended, but ${badHost.problem}`,
      hint: `write the server's host name alone${badHost.bare ? `: host: '${badHost.bare}'` : ''}${port ? `, and port: ${port}` : '; the port is database.postgres.port'}`,
    });
  }
  return problems;
}
