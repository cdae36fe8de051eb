// A compose file reaches another service by its name; in Kubernetes a Service's short name resolves only
// inside its own namespace, and an App's namespace defaults to its id, so the name compose used often
// points at nothing.

/** Where a value names a host: the host, and the value with another host put in its place. */
interface NamedHost {
  readonly host: string;
  readonly replaced: (host: string) => string;
}

/** Variable names that hold a host, where a bare word is a host name rather than a setting (`DB_TYPE: postgres`). */
export const HOST_VARIABLE = /HOST|SERVER|ADDR|URL|URI|ENDPOINT|UPSTREAM/i;

/**
 * The host an environment value of variable `name` names, when it is one: the host of a URL
 * (`redis://redis:6379`), a name with its port (`postgres:5432`), or, under a name that holds a host
 * (`DB_HOST`), a bare name (`postgres`). Pure.
 */
export function namedHost(name: string, value: string): NamedHost | undefined {
  const url = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?)([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?=[:/?#]|$)/i.exec(value);
  if (url) {
    return { host: url[2].toLowerCase(), replaced: (host) => `${url[1]}${host}${value.slice(url[0].length)}` };
  }
  const bare = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(:\d{1,5})?$/.exec(value);
  return bare && (bare[3] !== undefined || HOST_VARIABLE.test(name)) ? { host: bare[1], replaced: (host) => `${host}${bare[3] ?? ''}` } : undefined;
}

/** A variable that names another namespace's app by the short name that does not resolve from its own. */
export interface ShortHostName {
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * The variables of `env` (name → text) of an app in `namespace` that name, by its short name, an app of
 * another namespace (`appNamespaces`: app name → its namespace) that has no namesake in `namespace`. Pure.
 */
export function shortHostNames(env: ReadonlyArray<readonly [string, string]>, namespace: string, appNamespaces: ReadonlyMap<string, readonly string[]>): ShortHostName[] {
  return env.flatMap(([name, value]) => {
    const named = namedHost(name, value);
    const namespaces = named === undefined ? undefined : appNamespaces.get(named.host);
    if (named === undefined || namespaces === undefined || namespaces.includes(namespace) || namespaces.length !== 1) {
      return [];
    }
    const fullName = `${named.host}.${namespaces[0]}`;
    return [{
      name,
      message: `env ${name} names "${named.host}", the app of namespace "${namespaces[0]}", by its short name, which resolves only in namespace "${namespaces[0]}", not in this app's "${namespace}"`,
      hint: `write ${name}: '${named.replaced(fullName)}' (or ${named.host}.${namespaces[0]}.svc.cluster.local), or put the two apps in one namespace`,
    }];
  });
}
