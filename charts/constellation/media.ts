import { factValue, formatNodePortRange, JELLYFIN_ROUTE_BODY_SIZE, MediaContainer, MediaResources, nameToPort, NodePortRange, placeholder, Placeholder } from '../../constructs';
import { cloud, constellation, storage } from '../../hosts/constellation';
import { IMAGES as image } from './images';

const dri = ['/dev/dri:/dev/dri'];

/** Amounts the design does not give, each a placeholder for the owner to confirm. */
interface Sizing {
  readonly cpuRequest: Placeholder<string>;
  readonly memoryRequest: Placeholder<string>;
  readonly memoryLimit: Placeholder<string>;
}

/** A container's size where the design gives none (it sizes Plex only): enough to run, as `why` says. */
function sizing(app: string, amounts: { cpuRequest: string; memoryRequest: string; memoryLimit: string }, why: string): Sizing {
  const amount = (what: string, value: string) => placeholder(value, {
    fact: `${what} of ${app}`,
    owner: `the design sizes Plex only: write what ${app} needs on its host (the stand-in is enough to run: ${why})`,
  });
  return {
    cpuRequest: amount('CPU request', amounts.cpuRequest),
    memoryRequest: amount('memory request', amounts.memoryRequest),
    memoryLimit: amount('memory limit', amounts.memoryLimit),
  };
}

/** The resources a sizing stands for (no CPU limit, as the media containers' default). */
function resourcesOf(size: Sizing): MediaResources {
  return { requests: { cpu: factValue(size.cpuRequest), memory: factValue(size.memoryRequest) }, limits: { memory: factValue(size.memoryLimit) } };
}

/**
 * Containers that would not run on the media containers' default (50m / 128Mi, limit 512Mi); `main.ts` lists
 * each amount among the owner's placeholders.
 */
export const SIZINGS = {
  // Transcodes and scans libraries; the library's Jellyfin construct asks the same by default.
  jellyfin: sizing('jellyfin', { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' }, 'Jellyfin transcodes and scans libraries'),
  keycloak: sizing('keycloak', { cpuRequest: '250m', memoryRequest: '768Mi', memoryLimit: '1536Mi' }, 'Keycloak\'s JVM needs about 1.25Gi'),
} as const;

/**
 * Ghost's host name under the domain, which is also its `url`: the design's Caddy example serves it as
 * `ghost.<domain>`, its ingress section as `blog.<domain>`.
 */
export const ghostName = placeholder<string>('blog', {
  fact: `host name of Ghost under ${constellation.domain}, also its url`,
  owner: `the design names both ghost.${constellation.domain} (its Caddy today) and blog.${constellation.domain} (its ingress): `
    + 'write the one readers use; with blog, ghost stays a redirect to it',
});

/**
 * The node ports the cluster admits: the design keeps services on their usual ports as node ports (sonarr 8989,
 * radarr 7878, ghost 2368, yarr 7070), below Kubernetes' default range of 30000-32767.
 */
export const NODE_PORT_RANGE: NodePortRange = { first: 2000, last: 32767 };

/**
 * The node port of a container the design gives no `exposePort`: it writes `nodePort = container.exposePort or
 * (nameToPort name)` without defining nameToPort, and keeps Caddy's configuration unchanged, so the port is the
 * one Caddy proxies the container to today. The stand-in is the library's derivation from the name.
 */
function gatewayPort(name: string, route = name): Placeholder<number> {
  const hostname = `${route}.${constellation.domain}`;
  return placeholder(nameToPort(name), {
    fact: `node port of ${name}, which Caddy proxies ${hostname} to`,
    owner: 'the design gives none: it derives the port with nameToPort, which it never defines, and leaves Caddy\'s configuration unchanged: '
      + `write the port Caddy proxies ${hostname} to today, in ${formatNodePortRange(NODE_PORT_RANGE)} (the node-port range K3s' server starts with), `
      + 'or keep the stand-in and change that Caddy line',
  });
}

/** Node ports the design derives with its undefined nameToPort, one placeholder each (`main.ts` lists them). */
export const GATEWAY_PORTS = {
  jellyfin: gatewayPort('jellyfin'),
  bazarr: gatewayPort('bazarr'),
  overseerr: gatewayPort('overseerr'),
  authelia: gatewayPort('authelia', 'auth'),
  lldap: gatewayPort('lldap'),
  keycloak: gatewayPort('keycloak'),
} as const;

// The design's media.containers, each on its host. Ports of bazarr, overseerr, stash, lldap and keycloak are
// their images' defaults; their node ports are GATEWAY_PORTS. Plex's check is
// the design's, on /identity: Plex serves no /health, so `curl -f` on it would fail for ever and the pod never
// turn Ready; /identity answers without a token once Plex is up. The design gives mediaVolumes to plex,
// jellyfin and sonarr; radarr, bazarr and stash work on the same library, so they mount it too.
export const MEDIA_CONTAINERS: Record<string, MediaContainer> = {
  plex: {
    image: image.plex, host: storage, listenPort: 32400, mediaVolumes: true, network: 'host', devices: dri, environment: { VERSION: 'latest' },
    resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } },
    healthCheck: { command: ['curl', '-f', 'http://localhost:32400/identity'], interval: '30s', retries: 3 },
  },
  // The design gives Plex's figures only; Jellyfin and Keycloak are sized to run (SIZINGS), as placeholders. Jellyfin's
  // check is its image's own (HEALTHCHECK_URL); its cache gets a volume of its own in startup.ts. Behind ingress-nginx its
  // route lets through what Jellyfin's own reverse-proxy guide gives for uploaded images, as nginx's 1 MiB is too little.
  jellyfin: {
    image: image.jellyfin, host: storage, listenPort: 8096, exposePort: factValue(GATEWAY_PORTS.jellyfin), mediaVolumes: true, devices: dri, resources: resourcesOf(SIZINGS.jellyfin),
    maxBodySize: JELLYFIN_ROUTE_BODY_SIZE, healthCheck: { command: ['curl', '-fsS', 'http://localhost:8096/health'], interval: '30s', retries: 3 },
  },
  sonarr: { image: image.sonarr, host: storage, listenPort: 8989, exposePort: 8989, mediaVolumes: true },
  radarr: { image: image.radarr, host: storage, listenPort: 7878, exposePort: 7878, mediaVolumes: true },
  bazarr: { image: image.bazarr, host: storage, listenPort: 6767, exposePort: factValue(GATEWAY_PORTS.bazarr), mediaVolumes: true },
  overseerr: { image: image.overseerr, host: storage, listenPort: 5055, exposePort: factValue(GATEWAY_PORTS.overseerr) },
  stash: { image: image.stash, host: storage, listenPort: 9999, network: 'host', mediaVolumes: true, configDir: '/root/.stash', runAsRoot: 'the image keeps its config in /root/.stash' },
  authelia: { image: image.authelia, host: cloud, listenPort: 9091, exposePort: factValue(GATEWAY_PORTS.authelia), route: 'auth' },
  ghost: {
    image: image.ghost, host: cloud, listenPort: 2368, exposePort: 2368, route: factValue(ghostName), configDir: '/var/lib/ghost/content',
    environment: { url: `https://${factValue(ghostName)}.${constellation.domain}` },
  },
  yarr: { image: image.yarr, host: cloud, listenPort: 7070, exposePort: 7070, configDir: '/data' },
  // A directory: Authelia and Keycloak bind to it over LDAP (3890), beside the web UI the proxy serves.
  lldap: { image: image.lldap, host: cloud, listenPort: 17170, exposePort: factValue(GATEWAY_PORTS.lldap), configDir: '/data', extraPorts: [{ name: 'ldap', port: 3890 }] },
  keycloak: {
    image: image.keycloak, host: cloud, listenPort: 8080, exposePort: factValue(GATEWAY_PORTS.keycloak), configDir: '/opt/keycloak/data', writableRoot: 'builds its server into /opt/keycloak/lib on start',
    // The image's /opt/keycloak belongs to group root and is group-writable, for any user id in that group.
    supplementalGroups: [0],
    // The database is named: Keycloak 26.2 deprecates defaulting to dev-file (H2, in the config folder) under `start`,
    // and a later tag would refuse to start without one. The design names no database; H2 is what it runs on today.
    args: ['start', '--http-enabled=true', '--proxy-headers=xforwarded', `--hostname=https://keycloak.${constellation.domain}`, '--db=dev-file'],
    resources: resourcesOf(SIZINGS.keycloak),
  },
};
