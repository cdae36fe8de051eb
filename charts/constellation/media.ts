import { factValue, formatNodePortRange, JELLYFIN_ROUTE_BODY_SIZE, MediaContainer, MediaResources, nameToPort, NodePortRange, placeholder, Placeholder } from '../../constructs';
import { cloud, constellation, mediaSettings, storage } from '../../hosts/constellation';
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
  // Stash runs ffmpeg in its own container, for every stream it transcodes and every preview it generates.
  stash: sizing('stash', { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' }, 'Stash transcodes and generates previews with ffmpeg in its container'),
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

/** Node ports the design derives with its undefined nameToPort, one placeholder each (the README lists them). */
export const GATEWAY_PORTS = {
  jellyfin: gatewayPort('jellyfin'),
  bazarr: gatewayPort('bazarr'),
  overseerr: gatewayPort('overseerr'),
  authelia: gatewayPort('authelia', 'auth'),
  lldap: gatewayPort('lldap'),
  keycloak: gatewayPort('keycloak'),
} as const;

/** The databases Keycloak's `--db` names (Keycloak's docs, "Configuring the database"). */
export type KeycloakDatabase = 'dev-file' | 'postgres' | 'mariadb' | 'mysql' | 'mssql' | 'oracle';

/**
 * The database Keycloak keeps its realms and users in: the design names none, and an image's default under
 * `start` is deprecated, so the stand-in names H2 in its config folder, which a folder brought from Podman holds
 * only where the container ran on it.
 */
export const keycloakDatabase = placeholder<KeycloakDatabase>('dev-file', {
  fact: 'database Keycloak keeps its realms and users in (--db)',
  owner: 'the design names none: write the KC_DB its Podman container runs with (dev-file keeps H2 in its config folder; postgres, mariadb, '
    + 'mysql, mssql or oracle also needs KC_DB_URL, KC_DB_USERNAME and KC_DB_PASSWORD, the password from a Secret the pod reads, in '
    + 'charts/constellation/media.ts), as a Keycloak started on another database starts empty',
});

/** The databases Ghost 5 runs on (`database__client`). */
export type GhostDatabase = 'sqlite3' | 'mysql';

/**
 * The database Ghost keeps its posts and staff in: the design names none, and Ghost's image names none since
 * Ghost 5.9; the stand-in is SQLite in its content folder (`data/ghost.db`), which a folder brought from Podman
 * holds where the container ran on it.
 */
export const ghostDatabase = placeholder<GhostDatabase>('sqlite3', {
  fact: 'database Ghost keeps its posts and staff in (database__client)',
  owner: 'the design names none: write the database__client its Podman container runs with (sqlite3 keeps content/data/ghost.db in its '
    + 'config folder; mysql also needs database__connection__host, __user, __database and __password, the password from a Secret the pod '
    + 'reads, in charts/constellation/media.ts), as a Ghost started on another database starts empty',
});

/** Keycloak's public address, its `--hostname`: the design's gateway names each service's host after the service. */
export const KEYCLOAK_URL = `https://keycloak.${constellation.domain}`;

/**
 * Whether a container whose entry the design does not show mounts the media folders (`mediaVolumes`): `yes`
 * for those that work on the library, as the stand-in, for the owner to confirm against the entry.
 */
function mediaFolders(name: string, why: string): Placeholder<'yes' | 'no'> {
  return placeholder<'yes' | 'no'>('yes', {
    fact: `media folders of ${name} (mediaVolumes: ${factValue(mediaSettings.dataDir)}/files read-write at /files, `
      + `${factValue(mediaSettings.storageDir)}/media read-only at /media)`,
    owner: `the design names only plex, jellyfin and sonarr with mediaVolumes and shows no entry for ${name}: write yes where `
      + `media.containers.${name}.mediaVolumes is true today, no where it is not (the stand-in: ${why})`,
  });
}

/** The containers the design shows no entry for that the stand-in gives the media folders; `main.ts` lists each. */
export const MEDIA_FOLDERS = {
  radarr: mediaFolders('radarr', 'radarr keeps films in the library sonarr keeps series in'),
  bazarr: mediaFolders('bazarr', 'bazarr looks up the films and series it fetches subtitles for there'),
  stash: mediaFolders('stash', 'stash scans and plays the library'),
} as const;

// The design's media.containers, each on its host. Ports of bazarr, overseerr, stash, lldap and keycloak are
// their images' defaults; their node ports are GATEWAY_PORTS. Plex's check is
// the design's, on /identity: Plex serves no /health, so `curl -f` on it would fail for ever and the pod never
// turn Ready; /identity answers without a token once Plex is up. The design gives mediaVolumes to plex,
// jellyfin and sonarr; radarr, bazarr and stash work on the same library, so they mount it too (MEDIA_FOLDERS).
export const MEDIA_CONTAINERS: Record<string, MediaContainer> = {
  plex: {
    image: image.plex, host: storage, listenPort: 32400, mediaVolumes: true, network: 'host', devices: dri, environment: { VERSION: 'latest' },
    resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } },
    healthCheck: { command: ['curl', '-f', 'http://localhost:32400/identity'], interval: '30s', retries: 3 },
  },
  // The design gives Plex's figures only; Jellyfin, Keycloak and Stash are sized to run (SIZINGS), as placeholders. Jellyfin's
  // check is its image's own (HEALTHCHECK_URL); its cache gets a volume of its own in startup.ts. Behind ingress-nginx its
  // route lets through what Jellyfin's own reverse-proxy guide gives for uploaded images, as nginx's 1 MiB is too little.
  jellyfin: {
    image: image.jellyfin, host: storage, listenPort: 8096, exposePort: GATEWAY_PORTS.jellyfin, mediaVolumes: true, devices: dri, resources: resourcesOf(SIZINGS.jellyfin),
    maxBodySize: JELLYFIN_ROUTE_BODY_SIZE, healthCheck: { command: ['curl', '-fsS', 'http://localhost:8096/health'], interval: '30s', retries: 3 },
  },
  sonarr: { image: image.sonarr, host: storage, listenPort: 8989, exposePort: 8989, mediaVolumes: true },
  radarr: { image: image.radarr, host: storage, listenPort: 7878, exposePort: 7878, mediaVolumes: factValue(MEDIA_FOLDERS.radarr) === 'yes' },
  bazarr: { image: image.bazarr, host: storage, listenPort: 6767, exposePort: GATEWAY_PORTS.bazarr, mediaVolumes: factValue(MEDIA_FOLDERS.bazarr) === 'yes' },
  overseerr: { image: image.overseerr, host: storage, listenPort: 5055, exposePort: GATEWAY_PORTS.overseerr },
  stash: {
    image: image.stash, host: storage, listenPort: 9999, network: 'host', mediaVolumes: factValue(MEDIA_FOLDERS.stash) === 'yes',
    configDir: '/root/.stash', runAsRoot: 'the image keeps its config in /root/.stash', resources: resourcesOf(SIZINGS.stash),
  },
  authelia: { image: image.authelia, host: cloud, listenPort: 9091, exposePort: GATEWAY_PORTS.authelia, route: 'auth' },
  ghost: {
    image: image.ghost, host: cloud, listenPort: 2368, exposePort: 2368, route: factValue(ghostName), configDir: '/var/lib/ghost/content',
    environment: { url: `https://${factValue(ghostName)}.${constellation.domain}` },
  },
  yarr: { image: image.yarr, host: cloud, listenPort: 7070, exposePort: 7070, configDir: '/data' },
  // A directory: Authelia and Keycloak bind to it over LDAP (3890), beside the web UI the proxy serves.
  lldap: { image: image.lldap, host: cloud, listenPort: 17170, exposePort: GATEWAY_PORTS.lldap, configDir: '/data', extraPorts: [{ name: 'ldap', port: 3890 }] },
  keycloak: {
    image: image.keycloak, host: cloud, listenPort: 8080, exposePort: GATEWAY_PORTS.keycloak, configDir: '/opt/keycloak/data', writableRoot: 'builds its server into /opt/keycloak/lib on start',
    // The image's /opt/keycloak belongs to group root and is group-writable, for any user id in that group.
    supplementalGroups: [0],
    // The database is named: Keycloak 26.2 deprecates defaulting to dev-file (H2, in the config folder) under `start`,
    // and a later tag would refuse to start without one. The design names none: a placeholder.
    args: ['start', '--http-enabled=true', '--proxy-headers=xforwarded', `--hostname=${KEYCLOAK_URL}`, `--db=${factValue(keycloakDatabase)}`],
    resources: resourcesOf(SIZINGS.keycloak),
  },
};
