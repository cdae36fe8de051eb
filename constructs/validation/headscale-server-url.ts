import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { headscaleConfigFiles } from './headscale-config-files';
import { namespaceOf, objectFinding, text } from './manifest';
import { routeHosts } from './route-hosts';

// Headscale hands its `server_url` to every client as the address to reach it at, and builds the login links and
// the DERP map from it. Its example configuration writes `http://127.0.0.1:8080`, which is the pod itself; a
// cluster-internal name (`headscale.headscale.svc.cluster.local`) resolves inside the cluster alone. Phones, laptops
// and the other house would each be sent there, and no client could log in.

/** The pod's own loopback (and the any-address a client cannot dial), as a URL's host writes it. */
const POD_LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])$/i;

/** A name of the cluster's DNS, which resolves inside the cluster alone. */
const CLUSTER_DNS_NAME = /^.+\.svc(\.cluster\.local)?$/i;

/** Why no client reaches a `server_url`: its host is the pod's own loopback, or a name of the cluster's DNS; undefined when clients may reach it. Pure. */
export function headscaleServerUrlReach(serverUrl: string): 'is the pod\'s own loopback' | 'resolves inside the cluster alone' | undefined {
  let host: string;
  try {
    host = new URL(serverUrl).host.replace(/:\d+$/, '');
  } catch {
    return undefined;
  }
  return POD_LOOPBACK.test(host) ? 'is the pod\'s own loopback' : CLUSTER_DNS_NAME.test(host) ? 'resolves inside the cluster alone' : undefined;
}

/**
 * A Headscale configuration (a ConfigMap its container mounts) whose `server_url` is the pod's loopback or a name
 * of the cluster's own DNS: an error on the ConfigMap's key, whose hint writes the host a route of its namespace
 * serves when there is one.
 */
export function checkHeadscaleServerUrl(cluster: SynthesizedCluster): Finding[] {
  const files = headscaleConfigFiles(cluster);
  if (files.length === 0) {
    return [];
  }
  const routes = routeHosts(cluster.objects);
  return files.flatMap(({ configMap, key, settings }) => {
    const serverUrl = text(settings.server_url);
    const reach = serverUrl === undefined ? undefined : headscaleServerUrlReach(serverUrl);
    if (reach === undefined) {
      return [];
    }
    const routed = [...new Set(routes.filter((r) => namespaceOf(r.object) === namespaceOf(configMap) && !r.host.includes('*')).map((r) => r.host))];
    return [objectFinding(configMap, {
      layer: 'references', severity: 'error', field: `data.${key}`,
      message: `Headscale's server_url ${serverUrl} is what it tells every client to reach it at, and its host ${reach}: no phone, laptop or other site could log in or find its DERP relay`,
      hint: routed.length === 1
        ? `write the address its route serves: server_url: https://${routed[0]}`
        : 'write the https:// address its clients reach it at, the host of its route or load balancer (server_url: https://headscale.<your domain>)',
    })];
  });
}
