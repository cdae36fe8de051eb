import { shortHostNames } from '../app/env-hosts';
import { shortNameNamespaces } from '../platform/component-network';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { mountedConfigMaps } from './grafana-dashboards';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, type ObjectIndex } from './object-index';
import { containersOf, podTemplates, type ContainerRef, type PodTemplate } from './pod-spec';
import { platformReading } from './platform-reading';

// A configuration file in a ConfigMap names the services it calls as compose named them: an uptime monitor's
// endpoints (Gatus' `url: http://web:8080/`), a scrape target, a log shipper's push URL, an MQTT broker
// (Frigate's `mqtt: { host: mosquitto }`). The pod that mounts it resolves a short name in its own namespace
// only, so a service of another namespace named so is never reached, and the monitor reports it down. The same
// decisions as for env values (shortHostNames, and the call checks), on each address of the file.

/**
 * The URLs of a configuration text, as far as a URL goes in YAML, JSON, TOML or INI; an IPv6 host in its brackets
 * (`http://[fd00::10]:8123`). A closing brace ends a URL written in a flow mapping (`{ url: http://web }`), but not
 * one of a name the program fills in (Frigate's `rtsp://{FRIGATE_RTSP_USER}:{FRIGATE_RTSP_PASSWORD}@10.0.0.20:554`,
 * go2rtc's `${CAM_PASSWORD}`, Homepage's `{{HOMEPAGE_VAR_KEY}}`), which stands for part of the URL.
 */
const URL = /[a-z][a-z0-9+.-]*:\/\/(?:\[[0-9a-f:.]+\][^\s"'`<>,;)\]}]*|(?:\$?\{\{?[A-Za-z_][\w:.-]*\}\}?|[^\s"'`<>,;)\]}])+)/gi;

/**
 * Keys whose value is the address of a server the program calls: `host`, `server`, `address`, `url`, `endpoint`,
 * `broker`, alone or as the last word of the key (`mqtt_host`, `db-server`), in any case.
 */
const ADDRESS_KEY = /^(?:.*[_.-])?(host|hostname|server|address|url|endpoint|broker)$/i;

/** A line that sets a key, in YAML (`host: x`, `- host: x`), JSON (`"host": "x",`), TOML or INI (`host = x`): its indent, key and value. */
const KEY_LINE = /^(\s*)(?:-\s+)?(["']?)([A-Za-z_][\w.-]*)\2\s*[:=](?:\s+|$)(.*)$/;

/**
 * Keys whose URLs are where the browser is sent or comes from, never a call of the program: an OpenID Connect
 * provider's clients' `redirect_uris` (`http://localhost:8000`, kubelogin's callback on the user's own machine),
 * a `callback_url`, CORS' `allowed_origins`, in any case and spelling (`redirectUris`, `post_logout_redirect_uris`).
 */
const BROWSER_KEY = /(?:redirect|callback|origin)s?(?:[_.-]?ur[il]s?)?$/i;

/** A bare host name or address, with its port when written: what a key of {@link ADDRESS_KEY} holds when it holds no URL. */
const BARE_HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i;

/** An address a configuration file gives. */
export interface ConfigFileAddress {
  /** The setting that holds it, its sections' keys before it (`mqtt.host`); `''` for a URL read wherever it is written. */
  readonly setting: string;
  /** The address as written: a URL, or a host name with its port when given. */
  readonly value: string;
}

/**
 * The addresses a configuration text gives (YAML, JSON, TOML or INI): each URL, wherever it is written, and each bare
 * host name or `host:port` under a key that holds an address ({@link ADDRESS_KEY}), as `mqtt.host` for a key nested
 * by its indent or its INI section. `localhost` (the pod itself) and `0.0.0.0` (where a server listens) are none, and
 * so are the URLs of a key the browser is sent to ({@link BROWSER_KEY}). Each once, in order. Pure.
 */
export function configFileAddresses(file: string): ConfigFileAddress[] {
  const urls: string[] = [];
  const hosts: ConfigFileAddress[] = [];
  const parents: Array<{ indent: number; key: string }> = [];
  let section: string | undefined;
  for (const line of file.split('\n')) {
    const header = /^\s*\[+([^\]]+)\]+\s*$/.exec(line);
    if (header !== null) {
      section = header[1].trim();
      parents.length = 0;
      continue;
    }
    const set = KEY_LINE.exec(line);
    if (set === null) {
      // A list item or a value's next line belongs to the key above it (`redirect_uris:` then `- http://…`).
      const indent = /^\s*/.exec(line)![0].length;
      const owner = [...parents].reverse().find((parent) => parent.indent <= indent);
      if (owner === undefined || !BROWSER_KEY.test(owner.key)) {
        urls.push(...line.match(URL) ?? []);
      }
      continue;
    }
    const indent = set[1].length;
    while (parents.length > 0 && parents[parents.length - 1].indent >= indent) {
      parents.pop();
    }
    if (BROWSER_KEY.test(set[3])) {
      parents.push({ indent, key: set[3] });
      continue;
    }
    urls.push(...line.match(URL) ?? []);
    const value = set[4].replace(/\s+[#;].*$/, '').replace(/,\s*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value === '' || value === '{' || value === '[') {
      parents.push({ indent, key: set[3] });
      continue;
    }
    if (ADDRESS_KEY.test(set[3]) && BARE_HOST.test(value) && !/^(localhost|0\.0\.0\.0)(:|$)/i.test(value)) {
      const setting = [...(section === undefined ? [] : [section]), ...parents.map((p) => p.key), set[3]].join('.');
      hosts.push({ setting, value });
    }
  }
  const found = new Map<string, ConfigFileAddress>();
  for (const address of [...urls.map((value) => ({ setting: '', value })), ...hosts]) {
    found.set(`${address.setting}\n${address.value}`, address);
  }
  return [...found.values()];
}

/** How messages name an address of `key` of a ConfigMap: `data.config.yml`, or `data.config.yml (mqtt.host)`. */
function addressName(key: string, address: ConfigFileAddress): string {
  return address.setting === '' ? `data.${key}` : `data.${key} (${address.setting})`;
}

/**
 * Addresses in the ConfigMaps the cluster's pods mount that name, by its short name, an app of another namespace
 * or a Service a platform component makes there: one warning per key and host, with the name that resolves.
 */
export function checkConfigFileHosts(cluster: SynthesizedCluster): Finding[] {
  const names = shortNameNamespaces(cluster.chart.namespaces, platformReading(cluster).components);
  const configMaps = indexOf(cluster.objects).of('ConfigMap');
  if (names.size === 0 || configMaps.length === 0) {
    return [];
  }
  const mounted = mountedConfigMaps(cluster);
  return configMaps.filter((configMap) => mounted.has(`${namespaceOf(configMap)}/${text(fields(configMap.manifest.metadata).name) ?? ''}`)).flatMap((configMap) => {
    const fieldOf = new Map<string, string>();
    const addresses = Object.entries(fields(configMap.manifest.data)).flatMap(([key, value]) => typeof value === 'string'
      ? configFileAddresses(value).map((address): [string, string] => {
        fieldOf.set(addressName(key, address), `data.${key}`);
        return [addressName(key, address), address.value];
      }) : []);
    const seen = new Set<string>();
    return shortHostNames(addresses, namespaceOf(configMap), names, (name) => `${name}, a file the pods mount,`)
      .filter(({ name, message }) => !seen.has(`${name}\n${message}`) && seen.add(`${name}\n${message}`) !== undefined)
      .map(({ name, message, hint }) => objectFinding(configMap, {
        layer: 'references', severity: 'warning', field: fieldOf.get(name) ?? name, message,
        hint: hint.startsWith(`write ${name}: `) ? `write ${name.includes(' (') ? `${name.slice(name.indexOf('(') + 1, -1)} as` : 'the URL as'} ${hint.slice(`write ${name}: `.length)}` : hint,
      }));
  });
}

/** The ConfigMaps mounted into the container `ref` of `template` (as a volume, or a source of a projected one), in volume order. */
export function containerConfigMaps(index: ObjectIndex, template: PodTemplate, ref: ContainerRef): SynthesizedObject[] {
  const mounted = new Set(list(ref.container.volumeMounts).map((mount) => text(mount.name)));
  return list(template.spec.volumes).filter((volume) => mounted.has(text(volume.name))).flatMap((volume) =>
    [fields(volume.configMap).name, ...list(fields(volume.projected).sources).map((source) => fields(source.configMap).name)]
      .flatMap((name) => {
        const configMap = typeof name === 'string' ? index.find('ConfigMap', template.namespace, name) : undefined;
        return configMap === undefined ? [] : [configMap];
      }));
}

/** A file of a ConfigMap a container mounts: the pod template, the ConfigMap, its key and the file's text. */
export interface ImageConfigFile {
  readonly template: PodTemplate;
  readonly configMap: SynthesizedObject;
  readonly key: string;
  readonly file: string;
}

/**
 * Each file of the ConfigMaps that a long-running or main container of an image `image` matches mounts, in the
 * order of the pod templates and their containers: what a check of that image's configuration file reads.
 */
export function imageConfigFiles(cluster: SynthesizedCluster, image: RegExp): ImageConfigFile[] {
  const index = indexOf(cluster.objects);
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template)
    .filter((ref) => !ref.init && image.test(text(ref.container.image) ?? ''))
    .flatMap((ref) => containerConfigMaps(index, template, ref))
    .flatMap((configMap) => Object.entries(fields(configMap.manifest.data))
      .flatMap(([key, file]) => (typeof file === 'string' ? [{ template, configMap, key, file }] : []))));
}
