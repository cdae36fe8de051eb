import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { headscaleConfigFiles } from './headscale-config-files';
import { objectFinding, text } from './manifest';

// Headscale's example configuration, which its guides tell a user to download and edit, listens on 127.0.0.1:8080:
// inside a pod that is its own loopback, which neither the Service nor the ingress controller reaches, so every
// client and the route's requests are refused. Its container guide changes it to 0.0.0.0:8080.

/** A `host:port` whose host is the loopback: `127.0.0.1`, `localhost`, `[::1]`. */
const LOOPBACK_LISTEN = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\]):(\d+)$/i;

/**
 * A ConfigMap mounted into a Headscale container whose configuration listens on the loopback (`listen_addr:
 * 127.0.0.1:8080`): one error on its key, once per ConfigMap.
 */
export function checkHeadscaleListeners(cluster: SynthesizedCluster): Finding[] {
  return headscaleConfigFiles(cluster).flatMap(({ configMap, key, settings }) => {
    const address = text(settings.listen_addr);
    const port = address === undefined ? undefined : LOOPBACK_LISTEN.exec(address)?.[1];
    if (port === undefined) {
      return [];
    }
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `Headscale's listen_addr ${address} is the pod's own loopback, which neither its Service nor the ingress controller reaches: every client and every request of its route is refused`,
      hint: `listen on every address of the pod: listen_addr: 0.0.0.0:${port}`,
    })];
  });
}
