import { normalMountPath } from './mount-paths';
import { compareVersions, imageVersion } from '../platform/promotion';
import type { MountedConfigFile } from './mounted-config-files';
import { givenSettings, SettingSources } from './image-settings';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { KEYCLOAK_IMAGE } from './keycloak-start';
import { HOME_ASSISTANT_IMAGE, PAPERLESS_IMAGE, SPOOLMAN_IMAGE, STIRLING_PDF_IMAGE } from './root-started-images';
import { ACTUAL_SERVER_IMAGE, ELEMENT_WEB_IMAGE, FIREFLY_III_IMAGE, FIREFLY_IMPORTER_IMAGE, FRESHRSS_IMAGE, HOMEPAGE_IMAGE, IMMICH_SERVER_IMAGE, MATTERMOST_IMAGE, N8N_IMAGE, OUTLINE_IMAGE, ROCKET_CHAT_IMAGE, SEARXNG_IMAGE, VAULTWARDEN_IMAGE, ZIGBEE2MQTT_IMAGE } from './household-app-images';
import { NTFY_IMAGE } from './ntfy-server';
import { MINIFLUX_IMAGE } from './miniflux-start';
import { VICTORIA_METRICS_IMAGE, VMAGENT_IMAGE } from './victoria-metrics-flags';
import { ALLOY_IMAGE } from './alloy-listen-address';
import { ROUNDCUBE_APACHE_IMAGE, ROUNDCUBE_NONROOT_IMAGE } from './roundcube-images';
import { imageRows } from './image-rows';
import { DISTRIBUTION_CONFIG_FOLDERS, DISTRIBUTION_REGISTRY_IMAGE } from './distribution-registry';

/** The port an image's server listens on unless the container moves it, and what moves it. */
interface ListenPort {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** What it runs, as messages name it. */
  readonly server: string;
  /** The TCP ports it listens on as built. */
  readonly ports: readonly number[];
  /** The variables and arguments that set the port (`8080`, or an address `:8080`). */
  readonly movedBy: SettingSources;
  /**
   * Files and folders whose content may set another port, which synthesis does not read (a configuration
   * file, a folder of them): a volume mounted there or above it makes a port the image does not listen on a
   * warning, not an error. @default - none
   */
  readonly config?: readonly string[];
  /** The variables and arguments that name another such file, with the same effect. @default - none */
  readonly configBy?: SettingSources;
  /** The setting of that configuration that holds the port, as messages name it (`http: server_port`). @default - none */
  readonly configSetting?: string;
  /**
   * The port a file of that configuration sets, read from its text, or undefined where it sets none: a port the
   * container declares, set by a file it mounts from a ConfigMap of the repository, is where the server listens.
   * @default - the files are not read
   */
  readonly configPort?: (text: string) => number | undefined;
  /**
   * The variables and flags take an address (`:8080`), not a bare number; or, by name, what each writes before the
   * port (`{ MEILI_HTTP_ADDR: '0.0.0.0:' }` where the server resolves the address whole and needs its host, `''` for a
   * bare number). @default false
   */
  readonly address?: boolean | Readonly<Record<string, string>>;
  /** An image built to listen on a port its user may take, which the hint names first. @default - none */
  readonly instead?: string;
  /**
   * The first release that listens on `ports`: an image of an older release tag is left alone (a tag that names no
   * release, `release`, pulls a current one). @default - every release
   */
  readonly since?: string;
}

/** The value at `path` of a JSON document, or undefined where the text is no JSON or holds nothing there. Pure. */
function jsonSetting(text: string, path: readonly string[]): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return path.reduce((at: unknown, key) => (at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined), value);
}

/** Where nginx's images read the port from: `listen` of their configuration under `/etc/nginx` (templates included), or of another file (`-c`). */
const NGINX_CONFIG: Pick<ListenPort, 'config' | 'configBy' | 'configSetting' | 'configPort'> = {
  config: ['/etc/nginx'], configBy: { env: ['NGINX_ENVSUBST_TEMPLATE_DIR', 'NGINX_ENVSUBST_OUTPUT_DIR'], flags: ['-c'] }, configSetting: 'listen',
  configPort: (text) => settingPort(/^\s*listen\s+([^\s;]+)/m.exec(text)?.[1]),
};

/** Passbolt's images as its compose file names them (`latest-ce`, `4.10.1-1-ce`), whose nginx runs as root; the non-root ones apart. */
const PASSBOLT_ROOT_IMAGE = /^(docker\.io\/)?passbolt\/passbolt(?=[:@]|$)(?![^@]*non-root)/;

/** Passbolt's non-root images (`latest-ce-non-root`, `4.10.1-1-ce-non-root`), whose nginx listens on 8080 and 4433. */
const PASSBOLT_NON_ROOT_IMAGE = /^(docker\.io\/)?passbolt\/passbolt:[^@]*non-root/;

/** Where Passbolt's images read their ports from: `listen` of their nginx site under `/etc/nginx`. */
const PASSBOLT_NGINX_CONFIG: Pick<ListenPort, 'config' | 'configSetting'> = { config: ['/etc/nginx'], configSetting: 'listen of its nginx site' };

/** Where Roundcube's Apache images read their port from: `Listen` of `ports.conf` under `/etc/apache2`. */
const ROUNDCUBE_APACHE_CONFIG: Pick<ListenPort, 'config' | 'configSetting'> = { config: ['/etc/apache2'], configSetting: 'Listen of ports.conf' };

/** The value of a top-level key of a YAML file (`listen-http: ":8080"`), unquoted, or undefined. Pure. */
function yamlTopLevel(text: string, key: string): string | undefined {
  const line = new RegExp(`^${key}:[ \\t]*(?:"([^"]*)"|'([^']*)'|([^#\\s][^#]*?))[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return line === null ? undefined : line[1] ?? line[2] ?? line[3];
}

/**
 * The value of `key` of a top-level mapping `section` of a YAML file (`http:` then `  server_port: 8124`), unquoted,
 * or undefined. Read line by line, as such files carry tags (Home Assistant's `!secret`) a YAML parser refuses. Pure.
 */
function yamlSectionValue(text: string, section: string, key: string): string | undefined {
  let inSection = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inSection = new RegExp(`^${section}:[ \t]*(?:#.*)?$`).test(line);
      continue;
    }
    const setting = inSection ? new RegExp(`^[ \t]+${key}:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\s][^#]*?))[ \t]*(?:#.*)?$`).exec(line) : null;
    if (setting !== null) {
      return setting[1] ?? setting[2] ?? setting[3];
    }
  }
  return undefined;
}

/**
 * The ports images listen on as they are built, and what moves them:
 * - traefik/whoami: `--port`, whose default is `WHOAMI_PORT_NUMBER` or 80;
 * - Gotify: `server.port` (80) of its configuration, read from `GOTIFY_SERVER_PORT`, `config.yml` in its working
 *   folder `/app` and `/etc/gotify/config.yml`;
 * - ntfy: `listen-http` (`:80`), read from `--listen-http`/`-l`, `NTFY_LISTEN_HTTP` and `/etc/ntfy/server.yml`
 *   (`--config`/`-c`, `NTFY_CONFIG_FILE`);
 * - Vaultwarden: `ROCKET_PORT=80` in its Dockerfile, which its start script lets `/etc/vaultwarden.sh` and
 *   `/etc/vaultwarden.d/*.sh` change;
 * - the official nginx image: `listen 80` of `/etc/nginx/conf.d/default.conf`, read with the rest of its
 *   configuration under `/etc/nginx` (templates included) or from `-c`;
 * - nginxinc/nginx-unprivileged: the same, with its Dockerfile's `sed` making that `listen 8080` (`EXPOSE 8080`);
 * - Uptime Kuma: `UPTIME_KUMA_PORT`, else `PORT`, else `--port`, else 3001, as its server reads them;
 * - Home Assistant: `http: server_port` of `configuration.yaml` in `/config`, 8123 unless set;
 * - Jellyfin: its network configuration (`network.xml`, under `/config`), whose HTTP port is 8096 unless set;
 * - Grafana: `http_port = 3000` of its `conf/defaults.ini`, which `GF_SERVER_HTTP_PORT`, a `cfg:server.http_port`
 *   argument or the `grafana.ini` its start script names with `--config` (`GF_PATHS_CONFIG`) sets;
 * - n8n: `N8N_PORT`, 5678 unless set, or a file of `N8N_CONFIG_FILES`;
 * - Node-RED: `uiPort` of its settings (`process.env.PORT || 1880` in the default `settings.js`, which it keeps
 *   in its user folder `/data`), which `--port`/`-p` overrides;
 * - Navidrome: `ND_PORT=4533` in its Dockerfile, which `--port`/`-p` overrides (and which overrides its configuration file);
 * - Audiobookshelf: `PORT=80` in its Dockerfile;
 * - Syncthing's official image: its GUI on `STGUIADDRESS=0.0.0.0:8384` (its Dockerfile), which `--gui-address`
 *   overrides, and its sync protocol on 22000;
 * - Homepage: `PORT=3000` in its Dockerfile, which its Next.js server reads;
 * - Mealie (`ghcr.io/mealie-recipes/mealie`, the single image since 1.0): `API_PORT`, 9000 unless set;
 * - Firefly III (`fireflyiii/core`, from 5.3) and its data importer: Apache on 8080, which no variable moves;
 * - Outline: `PORT`, 3000 unless set;
 * - linkding: its start script runs uWSGI on `LD_SERVER_PORT`, 9090 unless set;
 * - Distribution's registry (`registry:2`, `registry:3`): `http.addr: :5000` of its config.yml (under
 *   `/etc/docker/registry` or `/etc/distribution`), which `REGISTRY_HTTP_ADDR` overrides as an address (`:5000`);
 * - code-server's image: its entrypoint passes `--bind-addr 0.0.0.0:8080`, whose port `PORT`, then `--port`, overrides;
 * - Miniflux: `LISTEN_ADDR=0.0.0.0:8080` in its images' Dockerfiles, which `PORT` overrides (as `:<PORT>`);
 * - Meilisearch: `MEILI_HTTP_ADDR=0.0.0.0:7700` in its Dockerfile, which `--http-addr` overrides; the address is resolved
 *   whole, host and port; `http_addr` of the `config.toml` it reads from its working folder `/meili_data` (or the file
 *   of `--config-file-path`, `MEILI_CONFIG_FILE_PATH`) sets it too;
 * - changedetection.io: `PORT`, else 5000, which `-p` overrides;
 * - Immich's machine learning image: its `start.sh` binds gunicorn to `IMMICH_PORT`, 3003 unless set;
 * - Immich's server: `IMMICH_PORT`, 2283 unless set, from v1.118.0 (3001 before);
 * - Passbolt: nginx on 80 and 443 in the images its compose file names, 8080 and 4433 in the `-non-root` ones (its
 *   docs' port mappings `80:8080`, `443:4433`), set in its nginx site under `/etc/nginx`;
 * - Roundcube's Apache images: Apache on 80 (`Listen` of `/etc/apache2/ports.conf`), which the non-root variant's
 *   Dockerfile (`-nonroot` tags) moves to 8000 with `sed`; its PHP-FPM variants serve FastCGI and are left alone;
 * - Paperless-ngx: its web server's service binds `GRANIAN_PORT`, else `PAPERLESS_PORT`, else 8000;
 * - linuxserver.io's Calibre-Web: 8083, which its Server Port setting (kept in `app.db` under `/config`) moves;
 * - linuxserver.io's Sonarr and Radarr: 8989 and 7878, which `SONARR__SERVER__PORT` and `RADARR__SERVER__PORT` or `<Port>`
 *   of `config.xml` under `/config` move;
 * - linuxserver.io's Lidarr, Readarr and Prowlarr: 8686, 8787 and 9696 (their Dockerfiles' `EXPOSE`), moved alike by
 *   `<APP>__SERVER__PORT` or `<Port>` of `config.xml`;
 * - Komga: Spring Boot's `SERVER_PORT`, 25600 unless set, or `server.port` of the `application.yml` it loads from `/config`;
 * - Kavita's image (`jvmilazz0/kavita`): `Port` of `appsettings.json` under `/kavita/config`, 5000 as its entrypoint writes it;
 * - linuxserver.io's Bazarr: 6767, which `port` of its `config.yaml` under `/config` moves;
 * - linuxserver.io's Overseerr: `PORT`, 5055 unless set;
 * - linuxserver.io's qBittorrent: its service starts the WebUI with `--webui-port=${WEBUI_PORT}`, 8080 unless set;
 * - qBittorrent's official image (`qbittorrentofficial/qbittorrent-nox`) and home-operations': `QBT_WEBUI_PORT`, or
 *   `--webui-port`; unset in the official image, whose WebUI then listens on `WebUI\Port` of its `qBittorrent.conf`
 *   under `/config` (8080 unless set);
 * - Actual's server: `ACTUAL_PORT`, 5006 unless set, or `port` of the `config.json` in `/app` (`ACTUAL_CONFIG_PATH`);
 * - Homarr: 7575, which nothing moves;
 * - ESPHome's dashboard (`dashboard /config`): 6052 unless `--port` moves it;
 * - Zigbee2MQTT's frontend: 8080 unless `ZIGBEE2MQTT_CONFIG_FRONTEND_PORT` or `frontend: port` of the
 *   `configuration.yaml` in its data folder (`/app/data`, or `ZIGBEE2MQTT_DATA`) moves it;
 * - Stirling-PDF: Spring Boot's `SERVER_PORT`, 8080 unless set;
 * - SearXNG: Granian on `GRANIAN_PORT=8080` of its Dockerfile from release 2025.7.4, uWSGI on `BIND_ADDRESS`
 *   (`[::]:8080`) before; `SEARXNG_PORT` and `server.port` of `settings.yml` are read by its development server alone;
 * - FreshRSS: Apache on `LISTEN` (`8080`, or an address `0.0.0.0:8080`), port 80 unless set;
 * - File Browser: `port` (80) of its settings (`/config/settings.json`, before v2.33 `/.filebrowser.json`, or the file of
 *   `--config`), which `FB_PORT` and `--port`/`-p` override;
 * - Authentik's server (`server` and `worker` of one image): HTTP on 9000, HTTPS on 9443 and metrics on 9300, which
 *   `AUTHENTIK_LISTEN__HTTP`, `AUTHENTIK_LISTEN__HTTPS` and `AUTHENTIK_LISTEN__METRICS` (addresses, `0.0.0.0:9000`) move;
 * - Keycloak: HTTP on 8080 (once turned on), HTTPS on 8443 and its management interface on 9000, which `KC_HTTP_PORT`,
 *   `KC_HTTPS_PORT` and `KC_HTTP_MANAGEMENT_PORT` (or `--http-port`, `--https-port`, `--http-management-port`) move;
 * - Hugging Face's text-embeddings-inference: `PORT=80` in its Dockerfile, the default of its router's `--port`
 *   (its guides publish it as `-p 8080:80`);
 * - Spoolman: its entrypoint starts uvicorn on `SPOOLMAN_PORT`, 8000 unless set (its compose file publishes it as
 *   `7912:8000`).
 * - Element Web: nginx on `ELEMENT_WEB_PORT`, 80 unless set, which its template under `/etc/nginx/templates` writes;
 * - Mattermost: `ServiceSettings.ListenAddress` (`:8065`) of its `config.json` under `/mattermost/config` (or `MM_CONFIG`),
 *   which `MM_SERVICESETTINGS_LISTENADDRESS` overrides;
 * - Rocket.Chat: `PORT=3000` in its Dockerfile, which Meteor's server reads;
 * - VictoriaMetrics' single node and vmagent: `-httpListenAddr`, `:8428` and `:8429` unless set; Grafana Alloy:
 *   `--server.http.listen-addr`, `127.0.0.1:12345` unless set; node-exporter: `--web.listen-address`, `:9100` unless set.
 */
const LISTEN_PORTS: readonly ListenPort[] = [
  { image: /^((docker\.io|ghcr\.io)\/)?traefik\/whoami(?=[:@]|$)/, server: 'whoami', ports: [80], movedBy: { env: ['WHOAMI_PORT_NUMBER'], flags: ['--port', '-port'] } },
  { image: /^ghcr\.io\/huggingface\/text-embeddings-inference(?=[:@]|$)/, server: 'text-embeddings-inference', ports: [80], movedBy: { env: ['PORT'], flags: ['--port', '-p'] } },
  {
    image: /^((docker\.io|ghcr\.io)\/)?gotify\/server(-arm64|-arm7)?(?=[:@]|$)/, server: 'Gotify', ports: [80], movedBy: { env: ['GOTIFY_SERVER_PORT'] },
    config: ['/app/config.yml', '/etc/gotify/config.yml'], configSetting: 'server: port',
    configPort: (text) => settingPort(yamlSectionValue(text, 'server', 'port')),
  },
  {
    image: NTFY_IMAGE, server: 'ntfy', ports: [80], movedBy: { env: ['NTFY_LISTEN_HTTP'], flags: ['--listen-http', '--listen_http', '-l'] }, address: true,
    config: ['/etc/ntfy/server.yml'], configBy: { env: ['NTFY_CONFIG_FILE'], flags: ['--config', '-c'] }, configSetting: 'listen-http',
    configPort: (text) => settingPort(yamlTopLevel(text, 'listen-http')),
  },
  {
    image: VAULTWARDEN_IMAGE, server: 'Vaultwarden', ports: [80], movedBy: { env: ['ROCKET_PORT'] },
    config: ['/etc/vaultwarden.sh', '/etc/vaultwarden.d', '/etc/bitwarden_rs.sh', '/etc/bitwarden_rs.d', '/Rocket.toml'], configBy: { env: ['ROCKET_CONFIG'] }, configSetting: 'ROCKET_PORT',
  },
  {
    image: /^(docker\.io\/)?(library\/)?nginx(?=[:@]|$)/, server: 'nginx', ports: [80], movedBy: { env: [] }, ...NGINX_CONFIG,
    instead: 'nginxinc/nginx-unprivileged, built to run as its user, which listens on 8080',
  },
  { image: /^((docker\.io|ghcr\.io)\/)?nginxinc\/nginx-unprivileged(?=[:@]|$)/, server: 'nginx', ports: [8080], movedBy: { env: [] }, ...NGINX_CONFIG },
  { image: /^(docker\.io\/)?louislam\/uptime-kuma(?=[:@]|$)/, server: 'Uptime Kuma', ports: [3001], movedBy: { env: ['UPTIME_KUMA_PORT', 'PORT'], flags: ['--port'] } },
  {
    image: HOME_ASSISTANT_IMAGE, server: 'Home Assistant', ports: [8123], movedBy: { env: [] }, config: ['/config'], configSetting: 'http: server_port of configuration.yaml',
    configPort: (text) => settingPort(yamlSectionValue(text, 'http', 'server_port')),
  },
  { image: /^(docker\.io\/)?jellyfin\/jellyfin(?=[:@]|$)/, server: 'Jellyfin', ports: [8096], movedBy: { env: [] }, config: ['/config'], configSetting: 'its network settings (network.xml)' },
  {
    image: /^(docker\.io\/)?grafana\/grafana(-oss|-enterprise)?(?=[:@]|$)/, server: 'Grafana', ports: [3000], movedBy: { env: ['GF_SERVER_HTTP_PORT'], flags: ['cfg:server.http_port'] },
    config: ['/etc/grafana/grafana.ini'], configBy: { env: ['GF_PATHS_CONFIG'], flags: ['--config'] }, configSetting: 'http_port of [server] in grafana.ini',
  },
  { image: N8N_IMAGE, server: 'n8n', ports: [5678], movedBy: { env: ['N8N_PORT'] }, configBy: { env: ['N8N_CONFIG_FILES'] }, configSetting: 'port' },
  {
    image: /^((docker\.io|ghcr\.io)\/)?nodered\/node-red(?=[:@]|$)/, server: 'Node-RED', ports: [1880], movedBy: { env: ['PORT'], flags: ['--port', '-p'] },
    config: ['/data/settings.js'], configBy: { env: [], flags: ['--settings', '-s'] }, configSetting: 'uiPort of settings.js',
  },
  { image: /^((docker\.io|ghcr\.io)\/)?(deluan|navidrome)\/navidrome(?=[:@]|$)/, server: 'Navidrome', ports: [4533], movedBy: { env: ['ND_PORT'], flags: ['--port', '-p'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?advplyr\/audiobookshelf(?=[:@]|$)/, server: 'Audiobookshelf', ports: [80], movedBy: { env: ['PORT'] } },
  { image: /^(docker\.io\/)?syncthing\/syncthing(?=[:@]|$)/, server: 'Syncthing', ports: [8384, 22000], movedBy: { env: ['STGUIADDRESS'], flags: ['--gui-address'] }, address: true },
  { image: HOMEPAGE_IMAGE, server: 'Homepage', ports: [3000], movedBy: { env: ['PORT'] } },
  { image: /^ghcr\.io\/mealie-recipes\/mealie(?=[:@]|$)/, server: 'Mealie', ports: [9000], movedBy: { env: ['API_PORT'] } },
  { image: FIREFLY_III_IMAGE, server: 'Firefly III', ports: [8080], movedBy: { env: [] } },
  { image: FIREFLY_IMPORTER_IMAGE, server: "Firefly III's data importer", ports: [8080], movedBy: { env: [] } },
  { image: OUTLINE_IMAGE, server: 'Outline', ports: [3000], movedBy: { env: ['PORT'] } },
  { image: ELEMENT_WEB_IMAGE, server: 'Element Web', ports: [80], movedBy: { env: ['ELEMENT_WEB_PORT'] }, ...NGINX_CONFIG },
  {
    image: MATTERMOST_IMAGE, server: 'Mattermost', ports: [8065], movedBy: { env: ['MM_SERVICESETTINGS_LISTENADDRESS'] }, address: true,
    config: ['/mattermost/config'], configBy: { env: ['MM_CONFIG'] }, configSetting: 'ServiceSettings.ListenAddress of config.json',
    configPort: (text) => settingPort(jsonSetting(text, ['ServiceSettings', 'ListenAddress'])),
  },
  { image: ROCKET_CHAT_IMAGE, server: 'Rocket.Chat', ports: [3000], movedBy: { env: ['PORT'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?sissbruecker\/linkding(?=[:@]|$)/, server: 'linkding', ports: [9090], movedBy: { env: ['LD_SERVER_PORT'] } },
  {
    image: DISTRIBUTION_REGISTRY_IMAGE, server: "Distribution's registry", ports: [5000], movedBy: { env: ['REGISTRY_HTTP_ADDR'] }, address: true,
    config: DISTRIBUTION_CONFIG_FOLDERS, configSetting: 'http.addr of its config.yml',
  },
  { image: /^(docker\.io\/)?codercom\/code-server(?=[:@]|$)/, server: 'code-server', ports: [8080], movedBy: { env: ['PORT'], flags: ['--port', '--bind-addr'] } },
  { image: MINIFLUX_IMAGE, server: 'Miniflux', ports: [8080], movedBy: { env: ['PORT', 'LISTEN_ADDR'] }, address: { LISTEN_ADDR: ':' } },
  {
    image: /^((docker\.io|ghcr\.io)\/)?getmeili\/meilisearch(?=[:@]|$)/, server: 'Meilisearch', ports: [7700],
    movedBy: { env: ['MEILI_HTTP_ADDR'], flags: ['--http-addr'] }, address: { 'MEILI_HTTP_ADDR': '0.0.0.0:', '--http-addr': '0.0.0.0:' },
    config: ['/meili_data/config.toml'], configBy: { env: ['MEILI_CONFIG_FILE_PATH'], flags: ['--config-file-path'] }, configSetting: 'http_addr of its config.toml',
  },
  { image: /^((docker\.io|ghcr\.io)\/)?dgtlmoon\/changedetection\.io(?=[:@]|$)/, server: 'changedetection.io', ports: [5000], movedBy: { env: ['PORT'], flags: ['-p'] } },
  { image: /^ghcr\.io\/immich-app\/immich-machine-learning(?=[:@]|$)/, server: "Immich's machine learning", ports: [3003], movedBy: { env: ['IMMICH_PORT'] } },
  { image: IMMICH_SERVER_IMAGE, server: "Immich's server", ports: [2283], movedBy: { env: ['IMMICH_PORT'] }, since: '1.118.0' },
  { image: PAPERLESS_IMAGE, server: 'Paperless-ngx', ports: [8000], movedBy: { env: ['PAPERLESS_PORT', 'GRANIAN_PORT'] } },
  {
    image: ROUNDCUBE_APACHE_IMAGE, server: "Roundcube's Apache", ports: [80], movedBy: { env: [] }, ...ROUNDCUBE_APACHE_CONFIG,
    instead: "Roundcube's non-root image (roundcube/roundcubemail:<version>-apache-nonroot), built to run as its user, which listens on 8000",
  },
  { image: ROUNDCUBE_NONROOT_IMAGE, server: "Roundcube's non-root Apache", ports: [8000], movedBy: { env: [] }, ...ROUNDCUBE_APACHE_CONFIG },
  {
    image: PASSBOLT_ROOT_IMAGE, server: "Passbolt's nginx", ports: [80, 443], movedBy: { env: [] }, ...PASSBOLT_NGINX_CONFIG,
    instead: "Passbolt's non-root image (passbolt/passbolt:<version>-ce-non-root), built to run as its user, which listens on 8080",
  },
  { image: PASSBOLT_NON_ROOT_IMAGE, server: "Passbolt's non-root nginx", ports: [8080, 4433], movedBy: { env: [] }, ...PASSBOLT_NGINX_CONFIG },
  {
    image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/sonarr(?=[:@]|$)/, server: 'Sonarr', ports: [8989], movedBy: { env: ['SONARR__SERVER__PORT'] },
    config: ['/config'], configSetting: 'Port of its config.xml',
  },
  {
    image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/radarr(?=[:@]|$)/, server: 'Radarr', ports: [7878], movedBy: { env: ['RADARR__SERVER__PORT'] },
    config: ['/config'], configSetting: 'Port of its config.xml',
  },
  ...([['Lidarr', 8686], ['Readarr', 8787], ['Prowlarr', 9696]] as const).map(([server, port]) => ({
    image: new RegExp(`^(lscr\\.io\\/|ghcr\\.io\\/|(docker\\.io\\/)?)linuxserver\\/${server.toLowerCase()}(?=[:@]|$)`), server, ports: [port],
    movedBy: { env: [`${server.toUpperCase()}__SERVER__PORT`] }, config: ['/config'], configSetting: 'Port of its config.xml',
  })),
  {
    image: /^((docker\.io|ghcr\.io)\/)?gotson\/komga(?=[:@]|$)/, server: 'Komga', ports: [25600], movedBy: { env: ['SERVER_PORT'], flags: ['--server.port'] },
    config: ['/config'], configBy: { env: ['KOMGA_CONFIGDIR'] }, configSetting: 'server.port of application.yml',
  },
  {
    image: /^((docker\.io|ghcr\.io)\/)?jvmilazz0\/kavita(?=[:@]|$)/, server: 'Kavita', ports: [5000], movedBy: { env: [] },
    config: ['/kavita/config'], configSetting: 'Port of appsettings.json',
  },
  {
    image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/bazarr(?=[:@]|$)/, server: 'Bazarr', ports: [6767], movedBy: { env: [] },
    config: ['/config'], configSetting: 'port of its config.yaml',
  },
  { image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/overseerr(?=[:@]|$)/, server: 'Overseerr', ports: [5055], movedBy: { env: ['PORT'] } },
  {
    image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/calibre-web(?=[:@]|$)/, server: 'Calibre-Web', ports: [8083], movedBy: { env: [] },
    config: ['/config'], configSetting: 'its Server Port setting, in app.db',
  },
  { image: /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/qbittorrent(?=[:@]|$)/, server: 'qBittorrent', ports: [8080], movedBy: { env: ['WEBUI_PORT'] } },
  { image: /^ghcr\.io\/(home-operations|onedr0p)\/qbittorrent(?=[:@]|$)/, server: 'qBittorrent', ports: [8080], movedBy: { env: ['QBT_WEBUI_PORT'], flags: ['--webui-port'] } },
  {
    image: /^((docker\.io|ghcr\.io)\/)?qbittorrent(official)?\/qbittorrent-nox(?=[:@]|$)/, server: 'qBittorrent', ports: [8080], movedBy: { env: ['QBT_WEBUI_PORT'], flags: ['--webui-port'] },
    config: ['/config/qBittorrent/config/qBittorrent.conf'], configSetting: 'WebUI\\Port of qBittorrent.conf',
  },
  {
    image: ACTUAL_SERVER_IMAGE, server: "Actual's server", ports: [5006], movedBy: { env: ['ACTUAL_PORT'] },
    config: ['/app/config.json'], configBy: { env: ['ACTUAL_CONFIG_PATH'] }, configSetting: 'port of config.json',
  },
  { image: /^ghcr\.io\/(homarr-labs|ajnart)\/homarr(?=[:@]|$)/, server: 'Homarr', ports: [7575], movedBy: { env: [] } },
  { image: /^((docker\.io|ghcr\.io)\/)?esphome\/esphome(?=[:@]|$)/, server: "ESPHome's dashboard", ports: [6052], movedBy: { env: [], flags: ['--port'] } },
  {
    image: ZIGBEE2MQTT_IMAGE, server: "Zigbee2MQTT's frontend", ports: [8080], movedBy: { env: ['ZIGBEE2MQTT_CONFIG_FRONTEND_PORT'] },
    config: ['/app/data/configuration.yaml'], configBy: { env: ['ZIGBEE2MQTT_DATA'] }, configSetting: 'frontend: port of configuration.yaml',
    configPort: (text) => settingPort(yamlSectionValue(text, 'frontend', 'port')),
  },
  { image: STIRLING_PDF_IMAGE, server: 'Stirling-PDF', ports: [8080], movedBy: { env: ['SERVER_PORT'] } },
  { image: SPOOLMAN_IMAGE, server: 'Spoolman', ports: [8000], movedBy: { env: ['SPOOLMAN_PORT'] } },
  { image: FRESHRSS_IMAGE, server: 'FreshRSS', ports: [80], movedBy: { env: ['LISTEN'] } },
  { image: SEARXNG_IMAGE, server: "SearXNG's Granian", ports: [8080], movedBy: { env: ['GRANIAN_PORT'] }, since: '2025.7.4' },
  { image: SEARXNG_IMAGE, server: "SearXNG's uWSGI", ports: [8080], movedBy: { env: ['BIND_ADDRESS'] }, address: true },
  {
    image: /^((docker\.io|ghcr\.io)\/)?filebrowser\/filebrowser(?=[:@]|$)/, server: 'File Browser', ports: [80], movedBy: { env: ['FB_PORT'], flags: ['--port', '-p'] },
    config: ['/config/settings.json', '/.filebrowser.json'], configBy: { env: ['FB_CONFIG'], flags: ['--config', '-c'] }, configSetting: 'port of its settings.json',
  },
  {
    image: /^ghcr\.io\/goauthentik\/server(?=[:@]|$)/, server: 'Authentik', ports: [9000, 9443, 9300],
    movedBy: { env: ['AUTHENTIK_LISTEN__HTTP', 'AUTHENTIK_LISTEN__HTTPS', 'AUTHENTIK_LISTEN__METRICS'] }, address: true,
  },
  {
    image: KEYCLOAK_IMAGE, server: 'Keycloak', ports: [8080, 8443, 9000],
    movedBy: { env: ['KC_HTTP_PORT', 'KC_HTTPS_PORT', 'KC_HTTP_MANAGEMENT_PORT'], flags: ['--http-port', '--https-port', '--http-management-port'] },
  },
  { image: VICTORIA_METRICS_IMAGE, server: 'VictoriaMetrics', ports: [8428], movedBy: { env: [], flags: ['-httpListenAddr', '--httpListenAddr'] }, address: true },
  { image: VMAGENT_IMAGE, server: 'vmagent', ports: [8429], movedBy: { env: [], flags: ['-httpListenAddr', '--httpListenAddr'] }, address: true },
  { image: ALLOY_IMAGE, server: 'Grafana Alloy', ports: [12345], movedBy: { env: [], flags: ['--server.http.listen-addr'] }, address: true },
  { image: /^((docker\.io\/)?prom|quay\.io\/prometheus)\/node-exporter(?=[:@]|$)/, server: 'node-exporter', ports: [9100], movedBy: { env: [], flags: ['--web.listen-address'] }, address: true },
];

/** Whether `image`'s tag names a release before `since` (none given: no release is older). Pure. */
function olderRelease(image: string, since: string | undefined): boolean {
  const release = since === undefined ? undefined : /^v?\d+(\.\d+)*/.exec(imageVersion(image) ?? '')?.[0];
  return release !== undefined && (compareVersions(release, since as string) ?? 0) < 0;
}

/**
 * The row of {@link LISTEN_PORTS} of `image`, or undefined: a row of a later release passes an older tag on to the row of
 * the releases before it (SearXNG's uWSGI before its Granian), where the table has one. Pure.
 */
function listenPortRow(image: unknown): ListenPort | undefined {
  return typeof image === 'string' ? LISTEN_PORTS.find((row) => row.image.test(image) && !olderRelease(image, row.since)) : undefined;
}

/** A port number a setting gives (`8080`, `:8080`, `0.0.0.0:8080`), or undefined for another value (a Secret's, an address without a port). */
function settingPort(value: unknown): number | undefined {
  const match = typeof value === 'number' ? [String(value), String(value)] : typeof value === 'string' ? /^(?:.*:)?(\d{1,5})$/.exec(value.trim()) : null;
  const port = match === null ? undefined : Number(match[1]);
  return port !== undefined && port > 0 && port < 65536 ? port : undefined;
}

/** What `known` writes before a port in the variable or flag `source` names (`env.LISTEN_ADDR`, `args --http-addr`). Pure. */
function addressPrefix(known: ListenPort, source: string | undefined): string {
  if (typeof known.address !== 'object') {
    return known.address === true ? ':' : '';
  }
  const name = source === undefined ? undefined : /(?:env\.|args )(\S+)$/.exec(source)?.[1];
  return name === undefined ? '' : known.address[name] ?? '';
}

/** How a finding names what set the port: the first variable given, else the first flag. */
function settingSource(container: PropContainerMounts['container'], sources: SettingSources, prefix: string): string {
  const variable = sources.env.find((name) => givenSettings({ env: container.env }, { env: [name] }).length > 0);
  const flag = (sources.flags ?? []).find((name) => givenSettings({ args: container.args }, { env: [], flags: [name] }).length > 0);
  return variable === undefined ? `${prefix}args ${String(flag)}` : `${prefix}env.${variable}`;
}

/** A finding of {@link listenPortProblems}: an error where the table is sure, a warning where a file it does not read may say otherwise. */
export interface ListenPortProblem {
  readonly severity: 'error' | 'warning';
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * Containers of an image whose server listens on a known port ({@link LISTEN_PORTS}) that declare TCP ports
 * none of which it listens on: the Service and the probes (on the first TCP port) reach nothing, and the pod
 * never becomes ready. One finding per container, on its first TCP port (`ports[0].port`,
 * `sidecars[0].ports[1].port`), whose hint declares the port it listens on or moves it with its variable:
 * an error, or a warning where a volume mounted over its configuration, or another configuration file, may
 * set the port; none where a file the container mounts from a ConfigMap (`configFiles`, where the cluster's
 * ConfigMaps are known) sets a port it declares there. A port below 1024 it does listen on is the port check's to tell; a replaced entrypoint
 * (`command`), a value the container gives through a Secret or a ConfigMap and a container without TCP
 * ports are left alone. `app` is the main container's name. Pure.
 */
export function listenPortProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app), configFiles?: (entry: PropContainerMounts) => readonly MountedConfigFile[]): ListenPortProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const known = listenPortRow(image);
    const declared = (Array.isArray(container.ports) ? container.ports as Array<{ port?: unknown; protocol?: unknown; name?: unknown } | null> : [])
      .map((port, index) => ({ port: port?.port, protocol: port?.protocol, name: port?.name, index }))
      .filter((port): port is { port: number; protocol: unknown; name: unknown; index: number } => typeof port.port === 'number' && port.protocol !== 'UDP');
    if (known === undefined || container.command !== undefined || declared.length === 0) {
      return [];
    }
    // Images differ in which of a variable and a flag wins: settings that disagree, or give no number, are left alone.
    const given = givenSettings(container, known.movedBy).map(settingPort);
    const moved = given[0];
    if (given.some((port) => port === undefined || port !== moved)) {
      return [];
    }
    const listens = moved === undefined ? known.ports : [moved];
    if (declared.some(({ port }) => listens.includes(port))) {
      return [];
    }
    const touches = (path: string) => [...entry.mountPaths].some((mount) => {
      const file = normalMountPath(path);
      return mount === file || file.startsWith(`${mount}/`) || mount.startsWith(`${file}/`);
    });
    const otherConfig = moved === undefined && ((known.config ?? []).some(touches) || (known.configBy !== undefined && givenSettings(container, known.configBy).length > 0));
    if (otherConfig && configFiles !== undefined && configuredPorts(known, container, configFiles(entry)).some((port) => declared.some((d) => d.port === port))) {
      return [];
    }
    const first = declared[0];
    const variable = known.movedBy.env[0];
    const source = moved === undefined ? (variable === undefined ? undefined : `${prefix}env.${variable}`) : settingSource(container, known.movedBy, prefix);
    const listensOn = moved === undefined
      ? `listens on port ${known.ports.join(', ')}${source === undefined ? '' : ` unless ${source} moves it`}`
      : `listens on port ${moved}, where ${source} moves it`;
    // Below 1024 the app's user cannot listen: the container listens above it and the Service keeps the number for clients.
    const target = first.port < 1024 ? 8080 : first.port;
    const port = (listens: number) => `{ name: '${String(first.name)}', port: ${listens}${listens === first.port ? '' : `, servicePort: ${first.port}`} }`;
    const value = `${addressPrefix(known, source)}${target}`;
    const move = source === undefined ? []
      : [`listen on ${target}: ${source.includes(' args ') || source.startsWith('args ') ? `${source}=${value}` : `${source}: '${value}'`}${target === first.port ? '' : ` with ${port(target)}`}`];
    // Where it listens below 1024 as built, declaring that port would only trade this mistake for the port check's.
    const declare = listens[0] < 1024 && (move.length > 0 || known.instead !== undefined) ? [] : [`declare the port it listens on: ${port(listens[0])}`];
    const hint = [...(known.instead === undefined ? [] : [`use ${known.instead}`]), ...(listens[0] < 1024 ? [...move, ...declare] : [...declare, ...move])].join('; or ');
    return [{
      severity: otherConfig ? 'warning' : 'error',
      field: `${prefix}ports[${first.index}].port`,
      message: `image "${String(image)}" runs ${known.server}, which ${listensOn}; the container declares ${declared.map((p) => p.port).join(', ')}, where nothing listens: `
        + `its Service and probes would reach nothing and the pod would never become ready${otherConfig ? `, unless the configuration it mounts sets that port (${known.configSetting ?? 'its port'})` : ''}`,
      hint,
    }];
  });
}

/** An address on the loopback with its port (`127.0.0.1:8384`, `localhost:7700`, `[::1]:8080`), as an address setting gives it. */
const LOOPBACK_ADDRESS = /^(127(\.\d{1,3}){3}|localhost|\[::1\]):\d{1,5}$/i;

/**
 * Containers of an image whose listen address a setting gives ({@link LISTEN_PORTS} with `address`) told to listen on
 * a loopback address with a port the container declares (Syncthing's `STGUIADDRESS: '127.0.0.1:8384'`, as its own
 * config.xml writes it outside a container): the server answers on the pod's own loopback alone, which neither its
 * Service, the ingress nor the kubelet's probes reach. One error per container, on the variable or the word of `args`
 * that says it, whose hint listens on every address. A port the container does not declare (a proxy in the pod in
 * front of it) and a replaced entrypoint are left alone. `app` is the main container's name. Pure.
 */
export function loopbackListenProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): ListenPortProblem[] {
  return containers.flatMap(({ container, prefix }): ListenPortProblem[] => {
    const image = container.image;
    const known = listenPortRow(image);
    if (known === undefined || known.address === undefined || known.address === false || container.command !== undefined || !Array.isArray(container.ports)) {
      return [];
    }
    const declared = (container.ports as Array<{ port?: unknown; protocol?: unknown } | null>).filter((port) => port?.protocol !== 'UDP').map((port) => port?.port);
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const args = Array.isArray(container.args) ? container.args.map(String) : [];
    const given = [
      ...known.movedBy.env.map((name) => ({ field: `${prefix}env.${name}`, value: env[name], written: (address: string) => `${name}: '${address}'` })),
      ...args.flatMap((arg, i) => (known.movedBy.flags ?? []).flatMap((flag) => (arg === flag
        ? [{ field: `${prefix}args[${i + 1}]`, value: args[i + 1], written: (address: string) => `'${flag}', '${address}'` }]
        : arg.startsWith(`${flag}=`) ? [{ field: `${prefix}args[${i}]`, value: arg.slice(flag.length + 1), written: (address: string) => `'${flag}=${address}'` }] : []))),
    ];
    const loopback = given.find(({ value }) => typeof value === 'string' && LOOPBACK_ADDRESS.test(value.trim()) && declared.includes(settingPort(value)));
    if (loopback === undefined) {
      return [];
    }
    const port = settingPort(loopback.value) as number;
    return [{
      severity: 'error', field: loopback.field,
      message: `image "${String(image)}" runs ${known.server}, told to listen on ${String(loopback.value).trim()}, the pod's own loopback: its Service, the ingress and the probes of port ${port} reach nothing there, and the pod never becomes ready`,
      hint: `listen on every address of the pod: ${loopback.written(`0.0.0.0:${port}`)}`,
    }];
  });
}

/**
 * The ports that `files`, those a container mounts from ConfigMaps, set where `known` reads its configuration (its
 * files and folders, and those its settings name), as `known.configPort` reads them. Pure.
 */
function configuredPorts(known: ListenPort, container: PropContainerMounts['container'], files: readonly MountedConfigFile[]): number[] {
  const read = known.configPort;
  if (read === undefined) {
    return [];
  }
  const named = known.configBy === undefined ? [] : givenSettings(container, known.configBy).filter((path): path is string => typeof path === 'string' && path.startsWith('/'));
  const places = [...(known.config ?? []), ...named].map(normalMountPath);
  return files.filter((file) => places.some((place) => file.path === place || file.path.startsWith(`${place}/`)))
    .map((file) => read(file.text)).filter((port): port is number => port !== undefined);
}

/** The SSH server of a Git forge's image for Git over SSH: the port it listens on as built, and what moves it. */
interface SshListenPort {
  /** The image, by repository and tag. */
  readonly image: RegExp;
  /** Which image and server it is, as messages name them (`Gitea's rootless image runs its built-in SSH server`). */
  readonly server: string;
  /** The TCP port the SSH server listens on as built. */
  readonly port: number;
  /** The variables that set the port, the first given winning. */
  readonly movedBy: SettingSources;
  /** The other image of the forge, and the port it listens on, for hints: which image each port belongs to is easy to mix up. */
  readonly other: string;
}

/** Gitea's and Forgejo's images with a `-rootless` tag, and the others, which start as root. */
export const FORGE_IMAGES = {
  gitea: /^(docker\.io\/)?gitea\/gitea(?=[:@]|$)/,
  forgejo: /^codeberg\.org\/forgejo\/forgejo(?=[:@]|$)/,
} as const;

/**
 * The SSH servers of Gitea's and Forgejo's images: the rootless image runs the forge's built-in server as its
 * user, on `SSH_LISTEN_PORT`, 2222 unless set (its setup script writes it into app.ini at the first start, and the
 * `GITEA__server__SSH_LISTEN_PORT` variable at every start); the root image runs OpenSSH, whose `sshd_config` it
 * writes at every start from `SSH_LISTEN_PORT`, else `SSH_PORT`, else 22.
 */
const SSH_LISTEN_PORTS: readonly SshListenPort[] = (['gitea', 'forgejo'] as const).flatMap((forge) => {
  const name = forge === 'gitea' ? 'Gitea' : 'Forgejo';
  const ini = [`${forge.toUpperCase()}__server__SSH_LISTEN_PORT`, ...(forge === 'forgejo' ? ['GITEA__server__SSH_LISTEN_PORT'] : [])];
  return [
    {
      image: new RegExp(`${FORGE_IMAGES[forge].source}(?=:[^@]*rootless)`), server: `${name}'s rootless image runs its built-in SSH server`, port: 2222,
      movedBy: { env: [...ini, 'SSH_LISTEN_PORT'] }, other: 'its image without -rootless starts as root and runs OpenSSH on 22',
    },
    {
      image: new RegExp(`${FORGE_IMAGES[forge].source}(?![^@]*rootless)`), server: `${name}'s root image runs OpenSSH`, port: 22,
      movedBy: { env: ['SSH_LISTEN_PORT', 'SSH_PORT'] }, other: 'its -rootless image runs a built-in SSH server on 2222 as its user',
    },
  ];
});

/**
 * Containers of Gitea's or Forgejo's image that declare an SSH port (named `ssh`, or 22 or 2222) where the image's
 * SSH server does not listen: the rootless image listens on 2222, the root one on 22, and the port of the other
 * is easily carried over. Clones over SSH would reach nothing. One error per container, on that port; the app.ini the
 * rootless image keeps on its volume holds the port its setup script wrote from the same variables. Pure.
 */
export function sshListenPortProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): ListenPortProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(SSH_LISTEN_PORTS, image)[0] : undefined;
    const ports = Array.isArray(container.ports) ? container.ports as Array<{ port?: unknown; protocol?: unknown; name?: unknown } | null> : [];
    if (known === undefined || container.command !== undefined) {
      return [];
    }
    const given = givenSettings(container, known.movedBy);
    const moved = given.length === 0 ? undefined : settingPort(given[0]);
    if (given.length > 0 && moved === undefined) {
      return [];
    }
    const listens = moved ?? known.port;
    const index = ports.findIndex((p) => typeof p?.port === 'number' && p.protocol !== 'UDP' && p.port !== listens
      && (/ssh/i.test(String(p.name ?? '')) || p.port === 22 || p.port === 2222));
    if (index < 0) {
      return [];
    }
    const declared = ports[index]!;
    const source = moved === undefined ? undefined : settingSource(container, known.movedBy, prefix);
    const servicePort = declared.port === listens ? '' : `, servicePort: ${String(declared.port)}`;
    return [{
      severity: 'error',
      field: `${prefix}ports[${index}].port`,
      message: `image "${image as string}" ${known.server}, which listens on port ${listens}${source === undefined ? '' : `, where ${source} moves it`}; the container declares SSH on ${String(declared.port)}, where nothing listens: `
        + `clones and pushes over SSH through its Service would reach nothing (${known.other})`,
      hint: `declare the port it listens on, the Service keeping ${String(declared.port)} for clients: { name: '${String(declared.name ?? 'ssh')}', port: ${listens}${servicePort} }`,
    }];
  });
}
