import { load } from 'js-yaml';
import { fields, list, text } from './manifest';

// frp's client (frpc) and rathole's client hold a tunnel open to a VPS and send whatever reaches the VPS's port to a
// local origin their config file names: frpc's `localIP` and `localPort` of each proxy (`localIP` is 127.0.0.1
// unless given, as the guides write it for a program on the same machine), rathole's `local_addr` of each
// `[client.services.<name>]`. In a pod, 127.0.0.1 is the pod itself, and another app's Service is reached only where
// its policy admits the client.

/** The tunnel clients whose config file names origins, by image or by the program a container runs. */
export type TunnelClient = 'frpc' | 'rathole';

const CLIENT_IMAGES: ReadonlyArray<{ readonly image: RegExp; readonly client: TunnelClient }> = [
  { image: /^(?:docker\.io\/)?(?:fatedier|snowdreamtech)\/frpc(?:[:@]|$)/, client: 'frpc' },
  { image: /^(?:docker\.io\/|ghcr\.io\/)?rapiz1\/rathole(?:[:@]|$)/, client: 'rathole' },
];

/** The tunnel client a container of `image` running `program` is, or undefined. Pure. */
export function tunnelClientOf(image: string | undefined, program: string | undefined): TunnelClient | undefined {
  const byImage = CLIENT_IMAGES.find((c) => c.image.test(image ?? ''))?.client;
  return byImage ?? (program === 'frpc' || program === 'rathole' ? program : undefined);
}

/** An origin a client's config file names: the setting that names it, as messages show it, and `host:port`. */
export interface ClientOrigin {
  /** `proxies[0] (jellyfin)`, `client.services.jellyfin.local_addr`. */
  readonly setting: string;
  /** `127.0.0.1:8096`, `jellyfin.media:8096`. */
  readonly value: string;
  /** The key that holds the host alone, where the file writes host and port apart (frpc's `localIP`). @default - the value holds both */
  readonly hostKey?: string;
}

/** Values a file fills in at start (frp's `{{ .Envs.NAME }}`), which synthesis cannot read. */
const TEMPLATED = /\{\{|\$\{/;

/** The origins a config file of `client` names, in order; none where the file is no such config. Pure. */
export function clientOrigins(client: TunnelClient, file: string): ClientOrigin[] {
  return (client === 'frpc' ? frpcOrigins(file) : ratholeOrigins(file)).filter((o) => !TEMPLATED.test(o.value));
}

/** A `key = value` line of TOML or INI, its value unquoted. */
const SETTING = /^\s*([A-Za-z_][\w.]*)\s*=\s*(.*?)\s*(?:#.*)?$/;
const unquoted = (value: string) => value.replace(/^(["'])(.*)\1$/, '$2');

/** A proxy of frpc's TOML or INI as its lines are read: its name, `localIP` (and the key as written) and `localPort`. */
interface FrpcProxy { name?: string; ip?: string; ipKey?: string; port?: string }

/** frpc's proxies, from its TOML (`[[proxies]]`), its older INI (`[name]` beside `[common]`) or its YAML or JSON form. */
function frpcOrigins(file: string): ClientOrigin[] {
  const structured = /^\s*[{]|^proxies\s*:/m.test(file) ? structuredProxies(file) : undefined;
  if (structured !== undefined) {
    return structured;
  }
  const proxies: FrpcProxy[] = [];
  let current: FrpcProxy | undefined;
  // The INI form has a `[common]` section for the client and one section per proxy; TOML's tables are settings.
  const ini = /^\s*\[common\]\s*$/m.test(file);
  for (const line of file.split(/\r?\n/)) {
    const header = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*$/.exec(line);
    if (header !== null) {
      const section = header[2];
      current = (header[1] === '[[' ? section === 'proxies' : ini && section !== 'common') ? {} : undefined;
      if (current !== undefined) {
        current.name = header[1] === '[' ? section : undefined;
        proxies.push(current);
      }
      continue;
    }
    const setting = current === undefined ? null : SETTING.exec(line);
    if (setting !== null && current !== undefined) {
      const key = setting[1].toLowerCase().replace(/_/g, '');
      if (key === 'name') {
        current.name = unquoted(setting[2]);
      } else if (key === 'localip') {
        current.ip = unquoted(setting[2]);
        current.ipKey = setting[1];
      } else if (key === 'localport') {
        current.port = unquoted(setting[2]);
      }
    }
  }
  return proxies.flatMap((proxy, i) => (proxy.port === undefined ? [] : [{
    setting: `proxies[${i}]${proxy.name === undefined ? '' : ` (${proxy.name})`}`, value: `${proxy.ip ?? '127.0.0.1'}:${proxy.port}`,
    hostKey: proxy.ipKey ?? (ini ? 'local_ip' : 'localIP'),
  }]));
}

/** frpc's proxies of a YAML or JSON config, or undefined when the text is neither. */
function structuredProxies(file: string): ClientOrigin[] | undefined {
  let parsed: unknown;
  try {
    parsed = load(file);
  } catch {
    return undefined;
  }
  return list(fields(parsed).proxies).flatMap((proxy, i) => {
    const port = proxy.localPort;
    const name = text(proxy.name);
    return typeof port === 'number' || typeof port === 'string'
      ? [{ setting: `proxies[${i}]${name === undefined ? '' : ` (${name})`}`, value: `${text(proxy.localIP) ?? '127.0.0.1'}:${String(port)}`, hostKey: 'localIP' }] : [];
  });
}

/** rathole's client services: the `local_addr` of each `[client.services.<name>]`. */
function ratholeOrigins(file: string): ClientOrigin[] {
  const origins: ClientOrigin[] = [];
  let section = '';
  for (const line of file.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (header !== null) {
      section = header[1];
      continue;
    }
    const setting = SETTING.exec(line);
    if (setting !== null && setting[1] === 'local_addr' && section.startsWith('client.services.')) {
      origins.push({ setting: `${section}.local_addr`, value: unquoted(setting[2]) });
    }
  }
  return origins;
}
