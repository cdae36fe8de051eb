import { load } from 'js-yaml';
import type { SynthesizedCluster } from '../synth/collect';
import { containerConfigMaps } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

// Headscale's example configuration, which its guides tell a user to download and edit, listens on 127.0.0.1:8080:
// inside a pod that is its own loopback, which neither the Service nor the ingress controller reaches, so every
// client and the route's requests are refused. Its container guide changes it to 0.0.0.0:8080.

/** Headscale's images, on Docker Hub and GitHub's registry. */
export const HEADSCALE_IMAGE = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:headscale\/headscale|juanfont\/headscale)(?=[:@]|$)/;

/** A `host:port` whose host is the loopback: `127.0.0.1`, `localhost`, `[::1]`. */
const LOOPBACK_LISTEN = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\]):(\d+)$/i;

/** The `listen_addr` of a Headscale configuration text, or undefined when it is no YAML with one. */
function listenAddress(file: string): string | undefined {
  if (!/^listen_addr\s*:/m.test(file)) {
    return undefined;
  }
  try {
    return text(fields(load(file)).listen_addr);
  } catch {
    // A file that is no YAML is the ConfigMap rules' to judge.
    return undefined;
  }
}

/**
 * A ConfigMap mounted into a Headscale container whose configuration listens on the loopback (`listen_addr:
 * 127.0.0.1:8080`): one error on its key, once per ConfigMap.
 */
export function checkHeadscaleListeners(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const reported = new Set<string>();
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template)
    .filter((ref) => !ref.init && HEADSCALE_IMAGE.test(text(ref.container.image) ?? ''))
    .flatMap((ref) => containerConfigMaps(index, template, ref).flatMap((configMap) => Object.entries(fields(configMap.manifest.data)).flatMap(([key, file]) => {
      const address = typeof file === 'string' ? listenAddress(file) : undefined;
      const port = address === undefined ? undefined : LOOPBACK_LISTEN.exec(address)?.[1];
      const id = `${configMap.manifest.metadata.namespace ?? ''}/${configMap.manifest.metadata.name}/${key}`;
      if (port === undefined || reported.has(id)) {
        return [];
      }
      reported.add(id);
      return [objectFinding(configMap, {
        layer: 'references', severity: 'error', field: `data.${key}`,
        message: `Headscale's listen_addr ${address} is the pod's own loopback, which neither its Service nor the ingress controller reaches: every client and every request of its route is refused`,
        hint: `listen on every address of the pod: listen_addr: 0.0.0.0:${port}`,
      })];
    }))));
}
