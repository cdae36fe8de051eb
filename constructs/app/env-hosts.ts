// A compose file reaches another service by its name; in Kubernetes a Service's short name resolves only
// inside its own namespace, and an App's namespace defaults to its id, so the name compose used often
// points at nothing.

/** Where an environment value names a host: the host as written, its port when given, and the value with another host in its place. */
export interface HostReference {
  /** The host, in lower case, without a trailing dot: `ollama`, `ollama.ai`, `ollama.ai.svc.cluster.local`, an IPv6 address in its brackets (`[fd00::10]`). */
  readonly host: string;
  /** The port written after the host. @default - none written */
  readonly port?: number;
  /** The port a URL without one calls by its scheme: 80 for `http://` and `ws://`, 443 for `https://` and `wss://`. @default - none: a port is written, or the scheme has no port of its own */
  readonly schemePort?: number;
  /** The value with `host` written in place of the one it names. */
  readonly replaced: (host: string) => string;
}

/**
 * Variable names that hold a host, where a bare word is a host name rather than a setting (`DB_TYPE: postgres`).
 * `URI` inside `SECURITY` is none: Vaultwarden's `SMTP_SECURITY: 'force_tls'` names how it speaks to the server.
 */
export const HOST_VARIABLE = /HOST|SERVER|ADDR|URL|URI(?!TY)|ENDPOINT|UPSTREAM|BROKER/i;

/** The port a client of a URL's scheme calls when the URL names none. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { http: 80, ws: 80, https: 443, wss: 443 };

/**
 * Schemes of an object store's URL, whose first part is a bucket or container rather than a host (`s3://backups/db`,
 * as Litestream, rclone and barman-cloud write a replica's place): the client reaches the store at its endpoint,
 * given apart, so the bucket's name is no Service it calls. `file://` names a path.
 */
const BUCKET_SCHEMES = new Set(['s3', 'gs', 'gcs', 'az', 'abs', 'file']);

/**
 * The host an environment value of variable `name` names, when it is one: the host of a URL
 * (`redis://redis:6379`), a name with its port (`postgres:5432`), or, under a name that holds a host
 * (`DB_HOST`), a bare name (`postgres`); an object store's URL ({@link BUCKET_SCHEMES}) names none. Pure.
 */
export function hostReference(name: string, value: string): HostReference | undefined {
  // An IPv6 address is a host in its brackets (`http://[fd00::10]:8123`), which keep its colons from the port's.
  const url = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/[\]]*@)?)(\[[0-9a-f:.]+\]|[a-z0-9.-]+?)\.?(?::(\d{1,5}))?(?=[/?#]|$)/i.exec(value);
  const bare = url ? undefined : /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+?)\.?(?::(\d{1,5}))?$/i.exec(value);
  const [, scheme, host, port] = url ?? [undefined, '', ...(bare ?? []).slice(1)];
  // A number alone is no host name (a DNS label of a Service begins with a letter): `03:00` is a time of day (Kometa's KOMETA_TIME).
  if (host === undefined || /^\d+$/.test(host) || (bare && port === undefined && !HOST_VARIABLE.test(name)) || BUCKET_SCHEMES.has(scheme!.slice(0, scheme!.indexOf(':')).toLowerCase())) {
    return undefined;
  }
  const rest = value.slice(scheme!.length + host.length);
  const schemePort = url && port === undefined ? SCHEME_PORTS[scheme!.slice(0, scheme!.indexOf(':')).toLowerCase()] : undefined;
  return { host: host.toLowerCase(), port: port === undefined ? undefined : Number(port), schemePort, replaced: (other) => `${scheme}${other}${rest}` };
}

/** Separators of a list of hosts or URLs in one value: commas (etcd's endpoints), semicolons (Open WebUI's `OPENAI_API_BASE_URLS`). */
const LIST_SEPARATORS = [',', ';'] as const;

/** A host or a URL, as an item of such a list. */
const HOST_OR_URL = /^([a-z][a-z0-9+.-]*:\/\/)?[a-z0-9.-]+(:\d{1,5})?(?=[/?#]|$)/i;

/**
 * The values one per host that `value` holds when it names several: a URL whose authority lists them
 * (MongoDB's seed list, `mongodb://mongo-0.mongo-headless:27017,mongo-1.mongo-headless:27017/app`), each as the URL
 * with that host alone, or a list of hosts or URLs split by commas (`redis-0:26379,redis-1:26379`, etcd's endpoints)
 * or by semicolons (Open WebUI's `http://vllm:8000/v1;http://localai:8080/v1`); `[value]` for a value of one host or
 * none. Pure.
 */
export function eachHostOf(value: string): string[] {
  if (!LIST_SEPARATORS.some((separator) => value.includes(separator)) || /\s/.test(value)) {
    return [value];
  }
  const seeds = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/[\]]*@)?)([a-z0-9.:-]+(?:,[a-z0-9.:-]+)+)([/?#].*)?$/i.exec(value);
  if (seeds !== null) {
    return seeds[2].split(',').map((host) => `${seeds[1]}${host}${seeds[3] ?? ''}`);
  }
  for (const separator of LIST_SEPARATORS) {
    const items = value.split(separator);
    if (items.length > 1 && items.every((item) => HOST_OR_URL.test(item))) {
      return items;
    }
  }
  return [value];
}

/** The host a value names by a short name (one DNS label), as {@link hostReference} reads it. Pure. */
function namedHost(name: string, value: string): HostReference | undefined {
  const named = hostReference(name, value);
  return named !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(named.host) ? named : undefined;
}

/** A variable that names another namespace's app by the short name that does not resolve from its own. */
export interface ShortHostName {
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * The variables of `env` (name → text) of an app in `namespace` that name, by its short name, an app of
 * another namespace (`appNamespaces`: app or component Service name → its namespace) that has no namesake in `namespace`;
 * `what` says what holds the value in messages (`env <NAME>`). Pure.
 */
export function shortHostNames(
  env: ReadonlyArray<readonly [string, string]>, namespace: string, appNamespaces: ReadonlyMap<string, readonly string[]>, what: (name: string) => string = (name) => `env ${name}`,
): ShortHostName[] {
  return env.flatMap(([name, value]) => {
    const named = namedHost(name, value);
    const namespaces = named === undefined ? undefined : appNamespaces.get(named.host);
    if (named === undefined || namespaces === undefined || namespaces.includes(namespace) || namespaces.length !== 1) {
      return [];
    }
    const fullName = `${named.host}.${namespaces[0]}`;
    return [{
      name,
      message: `${what(name)} names "${named.host}", which runs in namespace "${namespaces[0]}", by its short name, which resolves only in namespace "${namespaces[0]}", not in this app's "${namespace}"`,
      hint: `write ${name}: '${named.replaced(fullName)}' (or ${named.host}.${namespaces[0]}.svc.cluster.local), or put the two apps in one namespace`,
    }];
  });
}
