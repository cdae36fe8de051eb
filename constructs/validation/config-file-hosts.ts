import { shortHostNames } from '../app/env-hosts';
import { shortNameNamespaces } from '../platform/component-network';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { mountedConfigMaps } from './grafana-dashboards';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// A configuration file in a ConfigMap names the services it calls as compose named them: an uptime monitor's
// endpoints (Gatus' `url: http://web:8080/`), a scrape target, a log shipper's push URL. The pod that mounts it
// resolves a short name in its own namespace only, so a service of another namespace named so is never reached,
// and the monitor reports it down. The same decision as for env values (shortHostNames), on each URL of the file.

/** The URLs of a configuration text, as far as a URL goes in YAML, JSON, TOML or INI. */
const URL = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>,;)\]}]+/gi;

/**
 * URLs in the ConfigMaps the cluster's pods mount that name, by its short name, an app of another namespace or
 * a Service a platform component makes there: one warning per key and host, with the name that resolves.
 */
export function checkConfigFileHosts(cluster: SynthesizedCluster): Finding[] {
  const names = shortNameNamespaces(cluster.chart.namespaces, cluster.chart.platform.components);
  const configMaps = indexOf(cluster.objects).of('ConfigMap');
  if (names.size === 0 || configMaps.length === 0) {
    return [];
  }
  const mounted = mountedConfigMaps(cluster);
  return configMaps.filter((configMap) => mounted.has(`${namespaceOf(configMap)}/${text(fields(configMap.manifest.metadata).name) ?? ''}`)).flatMap((configMap) => {
    const urls = Object.entries(fields(configMap.manifest.data)).flatMap(([key, value]) => typeof value === 'string'
      ? [...new Set(value.match(URL) ?? [])].map((url): [string, string] => [`data.${key}`, url]) : []);
    const seen = new Set<string>();
    return shortHostNames(urls, namespaceOf(configMap), names, (field) => `${field}, a file the pods mount,`)
      .filter(({ name, message }) => !seen.has(`${name}\n${message}`) && seen.add(`${name}\n${message}`) !== undefined)
      .map(({ name, message, hint }) => objectFinding(configMap, { layer: 'references', severity: 'warning', field: name, message, hint: hint.replace(/^write \S+: /, 'write the URL as ') }));
  });
}
