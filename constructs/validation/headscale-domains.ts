import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { headscaleConfigFiles } from './headscale-config-files';
import { fields, objectFinding, text } from './manifest';

// MagicDNS answers every name under `dns.base_domain` inside the tailnet itself, so Headscale refuses, as it loads
// its configuration, a base domain that is its own server's host name or a domain that host lies in
// ("server_url cannot be part of base_domain …", "… cannot use the same domain as base_domain …"): clients would
// look the control server and its DERP relay up in MagicDNS and lose them. A guide's `base_domain: example.com`
// beside `server_url: https://headscale.example.com` is that mistake; a subdomain of the server's own domain
// (`tail.example.com`) is what its example configuration means.

/**
 * How a base domain stands to the server's host name: `same`, `inside` (the host lies under it), or undefined
 * when Headscale takes the pair. Compared label by label from the right, as Headscale compares them. Pure.
 */
export function headscaleDomainOverlap(serverHost: string, baseDomain: string): 'same' | 'inside' | undefined {
  const host = serverHost.toLowerCase().replace(/\.$/, '');
  const base = baseDomain.toLowerCase().replace(/\.$/, '');
  if (host === base) {
    return 'same';
  }
  return host.endsWith(`.${base}`) ? 'inside' : undefined;
}

/** The host name of a URL, or undefined when it is none. Pure. */
function urlHost(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Headscale configuration (a ConfigMap its container mounts) whose MagicDNS base domain (`dns.base_domain`, or
 * `dns_config.base_domain` before 0.23) is the host of its `server_url` or a domain that host lies in: one error on
 * the ConfigMap's key, as Headscale stops as it starts. The hint keeps the server's name and moves MagicDNS to a
 * domain of its own under the server's parent domain.
 */
export function checkHeadscaleDomains(cluster: SynthesizedCluster): Finding[] {
  return headscaleConfigFiles(cluster).flatMap(({ configMap, key, settings }) => {
    const serverUrl = text(settings.server_url);
    const host = urlHost(serverUrl);
    const base = text(fields(settings.dns).base_domain) ?? text(fields(settings.dns_config).base_domain);
    const overlap = host === undefined || base === undefined ? undefined : headscaleDomainOverlap(host, base);
    if (overlap === undefined || host === undefined) {
      return [];
    }
    // Under the server's parent domain, where the server's own name does not lie; beside a base domain that is the host itself, under it.
    const meant = overlap === 'same' ? `tail.${host}` : `tail.${host.slice(host.indexOf('.') + 1)}`;
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `Headscale's MagicDNS base_domain ${base} ${overlap === 'same' ? 'is' : 'holds'} the host of its server_url ${serverUrl}: MagicDNS would answer for the control server and its DERP relay inside the tailnet, so Headscale refuses the configuration and stops as it starts`,
      hint: `give MagicDNS a domain of its own that the server's name does not lie in: base_domain: ${meant}`,
    })];
  });
}
