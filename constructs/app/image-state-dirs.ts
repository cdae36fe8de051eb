import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { GITEA_ROOTLESS_IMAGE, LINUXSERVER_IMAGE, STIRLING_PDF_IMAGE } from './root-started-images';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { givenSettings, SettingSources } from './image-settings';
import { ACTUAL_SERVER_IMAGE, FRESHRSS_IMAGE, LIBRETRANSLATE_IMAGE, N8N_IMAGE, PHOTOPRISM_IMAGE, SEARXNG_IMAGE, VAULTWARDEN_IMAGE, WHOOGLE_IMAGE, ZIGBEE2MQTT_IMAGE } from './household-app-images';
import { VICTORIA_METRICS_IMAGE, VMAGENT_IMAGE } from './victoria-metrics-flags';
import { GLUETUN_IMAGE } from './vpn-firewall';
import { imageRows } from './image-rows';

/** The variables and arguments that move an image's state folder elsewhere. */
type MovedBy = SettingSources;

/** An image's state folder and, where judged, what it does there at its first start. */
interface StateDir {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The app, as messages name it. */
  readonly app: string;
  readonly dir: string;
  /**
   * The folder under `dir` where the app writes all of what it writes there: a volume at it is enough, as one at
   * `dir` is (hints still mount `dir`, as the image's guide does).
   * @default - `dir` itself: a volume at a folder under it leaves the rest of `dir` on the read-only root
   */
  readonly writesIn?: string;
  /** What the app writes there, as messages say it. */
  readonly writes: string;
  /**
   * The app writes the folder at its first start and stops when it cannot; what moves the folder elsewhere.
   * @default - not judged: the folder is only checked under a read-only volume
   */
  readonly firstStart?: MovedBy;
  /**
   * The world a game server keeps in the folder, as messages say it (`the world`): one server process owns it and no
   * restart may lose it, so an emptyDir there, which lives as long as the pod, is judged too, and so are replicas and
   * a rolling update of the app.
   * @default - no world: not judged on an emptyDir
   */
  readonly keeps?: string;
}

/**
 * Images that keep their state in one folder they write from their first start: a database, logs, the
 * settings the web interface saves. By repository, with or without a registry. An image with two such
 * folders has a row for each. Where the image writes the folder as it starts (`firstStart`):
 * - Grafana: `GF_PATHS_DATA=/var/lib/grafana` in its Dockerfile, where it creates `grafana.db`;
 * - Prometheus: `--storage.tsdb.path=/prometheus` in its image's `CMD`, where it opens its TSDB;
 * - Meilisearch: its database `./data.ms` (`MEILI_DB_PATH`, `--db-path`) in its working folder `/meili_data`, made as it starts;
 * - n8n: `/home/node/.n8n` (its user folder's `.n8n`, `N8N_USER_FOLDER`), where it writes its config and encryption key;
 * - Zigbee2MQTT: its entrypoint copies `configuration.yaml` into `ZIGBEE2MQTT_DATA` (`/app/data`) under `set -e`;
 * - Audiobookshelf: `CONFIG_PATH=/config` (its database) and `METADATA_PATH=/metadata` in its Dockerfile;
 * - RabbitMQ's official image: `RABBITMQ_DATA_DIR=/var/lib/rabbitmq`, its `HOME`, where the Erlang cookie and the
 *   database (`mnesia`) are written;
 * - Gitea's rootless image: its setup script creates `HOME` (`/var/lib/gitea/git`) and writes `GITEA_APP_INI`
 *   (`/etc/gitea/app.ini`) when there is none, and exits when it cannot;
 * - Uptime Kuma (`DATA_DIR`, `/app/data`), Vaultwarden (`DATA_FOLDER`, `/data`): their database;
 * - Home Assistant and linuxserver.io's images: `/config`, which nothing moves;
 * - Nextcloud's images: their entrypoint takes a lock (`nextcloud-init-sync.lock`) in `/var/www/html` at every
 *   start and copies the release there from `/usr/src/nextcloud` when it is newer, under `set -e`;
 * - WordPress's (not its `cli` images): its entrypoint copies WordPress into its working folder `/var/www/html`
 *   when it finds none there, under `set -e`;
 * - LibreTranslate: its image is published without language models, which it downloads as it starts (those of
 *   `LT_LOAD_ONLY`, or all) into `$HOME/.local` (`/home/libretranslate/.local`), and stops when it cannot;
 * - Whoogle: `CONFIG_VOLUME=/config` in its Dockerfile, where it writes its session key, sessions and bang list as it
 *   starts, and `app/static/build` under its working folder `/whoogle` (`STATIC_FOLDER` moves it), where it links its
 *   CSS and JavaScript under their hashed names; it stops when it cannot;
 * - SearXNG: its entrypoint copies `settings.yml` (and, before it ran Granian, `uwsgi.ini`) into `/etc/searxng`
 *   when there is none, and stops or starts without it when it cannot (`SEARXNG_SETTINGS_PATH` moves the file);
 * - Gotify: its SQLite database `data/gotify.db` under its working folder `/app`, whose folder it makes as it
 *   starts and panics when it cannot (`GOTIFY_DATABASE_CONNECTION` moves it);
 * - Navidrome: `ND_DATAFOLDER=/data` in its Dockerfile, where it makes its cache folder and database as it starts
 *   and exits when it cannot ("Error creating cache path");
 * - Komga: `KOMGA_CONFIGDIR=/config` in its Dockerfile, where it opens its database, search index and logs as it starts;
 * - Kavita's image (`jvmilazz0/kavita`): its entrypoint writes `appsettings.json` into `/kavita/config` when there is
 *   none, where Kavita then keeps its database, cache and logs;
 * - code-server's image (user 1000, `HOME=/home/coder`): it writes `~/.config/code-server/config.yaml` when there
 *   is none and exits when it cannot;
 * - Jellyseerr and Overseerr: their logger makes `config/logs` under `/app` as the server loads, beside their
 *   settings and database (`CONFIG_DIRECTORY` moves them);
 * - Syncthing's official image: its entrypoint runs `syncthing -home /var/syncthing/config`, which writes its keys,
 *   config and database there at its first start (a volume at that folder alone, as compose files that keep the
 *   synced folders elsewhere mount, is enough);
 * - Mealie: its settings make the folders of `/app/data` (groups, backups, recipes, users) as the server loads;
 * - PhotoPrism: `PHOTOPRISM_STORAGE_PATH=/photoprism/storage` in its Dockerfile, whose folders (cache, sidecar
 *   files, its SQLite database) it makes as it starts and exits when it cannot;
 * - gluetun: `/gluetun/servers.json`, the server list it writes at every start and exits without ("ERROR creating
 *   servers storage"); `STORAGE_FILEPATH` moves it, and an empty value keeps it in memory;
 * - File Browser (since v2.33, user 1000): its database `/database/filebrowser.db`, made at its first start
 *   (`FB_DATABASE`, `--database` move it);
 * - Stirling-PDF: it copies its `settings.yml` into `/configs` at its first start;
 * - Homarr (`ghcr.io/homarr-labs/homarr`): its SQLite database and secret key under `/appdata`, made as it starts;
 * - FreshRSS: its entrypoint writes the configuration, users and cache under `/var/www/FreshRSS/data`;
 * - Actual's server: its server and user files under `/data`; ESPHome: its devices' YAML and builds under `/config`;
 * - itzg's Minecraft images: their start scripts write `eula.txt`, `server.properties` and the world into `/data`, the
 *   working folder, which nothing moves; Factorio's image (`factoriotools/factorio`) makes its saves, mods and config
 *   folders under `/factorio` as it starts; Valheim's (`lloesche/valheim-server`) keeps its worlds and their backups
 *   under `/config`;
 * - ZeroTier's (`zerotier/zerotier`): its entrypoint writes the port file into `/var/lib/zerotier-one`, zerotier-one its
 *   identity and pid file there, and the entrypoint waits for that pid file before it joins any network, for ever where
 *   it cannot be written; the identity is the node's address, which the network's controller authorizes.
 * - VictoriaMetrics' single-node image and vmagent's: built `FROM scratch` with no working folder, so the relative
 *   defaults of `-storageDataPath` (`victoria-metrics-data`, its time series database) and `-remoteWrite.tmpDataPath`
 *   (`vmagent-remotewrite-data`, the queue of samples not yet written) are folders of `/`, which each makes as it
 *   starts and stops when it cannot.
 */
const STATE_DIRS: readonly StateDir[] = [
  { image: /^(ghcr\.io\/home-assistant|(docker\.io\/)?homeassistant)\/home-assistant(?=[:@]|$)/, app: 'Home Assistant', dir: '/config', writes: '.storage, its database and its log', firstStart: { env: [] } },
  { image: LINUXSERVER_IMAGE, app: 'A linuxserver.io image', dir: '/config', writes: "the app's settings and database, after its init takes ownership of the folder", firstStart: { env: [] } },
  { image: /^(docker\.io\/)?jellyfin\/jellyfin(?=[:@]|$)/, app: 'Jellyfin', dir: '/config', writes: 'its settings and library database' },
  { image: /^(docker\.io\/)?louislam\/uptime-kuma(?=[:@]|$)/, app: 'Uptime Kuma', dir: '/app/data', writes: 'its database', firstStart: { env: ['DATA_DIR'] } },
  { image: VAULTWARDEN_IMAGE, app: 'Vaultwarden', dir: '/data', writes: 'its database and keys', firstStart: { env: ['DATA_FOLDER'] } },
  { image: /^(docker\.io\/)?nodered\/node-red(?=[:@]|$)/, app: 'Node-RED', dir: '/data', writes: 'its flows and installed nodes' },
  {
    image: /^((docker\.io|ghcr\.io)\/)?getmeili\/meilisearch(?=[:@]|$)/, app: 'Meilisearch', dir: '/meili_data', writes: 'its database (data.ms)',
    firstStart: { env: ['MEILI_DB_PATH'], flags: ['--db-path'] },
  },
  { image: /^(docker\.io\/)?grafana\/grafana(-oss|-enterprise)?(?=[:@]|$)/, app: 'Grafana', dir: '/var/lib/grafana', writes: 'its database (grafana.db)', firstStart: { env: ['GF_PATHS_DATA'] } },
  {
    image: /^((docker\.io\/)?prom|quay\.io\/prometheus)\/prometheus(?=[:@]|$)/, app: 'Prometheus', dir: '/prometheus', writes: 'its time series database',
    firstStart: { env: [], flags: ['--storage.tsdb.path', '--storage.agent.path'] },
  },
  { image: N8N_IMAGE, app: 'n8n', dir: '/home/node/.n8n', writes: 'its config, encryption key and database', firstStart: { env: ['N8N_USER_FOLDER'] } },
  { image: ZIGBEE2MQTT_IMAGE, app: 'Zigbee2MQTT', dir: '/app/data', writes: 'configuration.yaml (its entrypoint copies it there) and its database', firstStart: { env: ['ZIGBEE2MQTT_DATA'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?advplyr\/audiobookshelf(?=[:@]|$)/, app: 'Audiobookshelf', dir: '/config', writes: 'its database', firstStart: { env: ['CONFIG_PATH'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?advplyr\/audiobookshelf(?=[:@]|$)/, app: 'Audiobookshelf', dir: '/metadata', writes: 'its covers, caches and backups', firstStart: { env: ['METADATA_PATH'] } },
  { image: GITEA_ROOTLESS_IMAGE, app: "Gitea's rootless image", dir: '/var/lib/gitea', writes: 'its home folder (git), then its repositories and data', firstStart: { env: ['GITEA_WORK_DIR'] } },
  { image: GITEA_ROOTLESS_IMAGE, app: "Gitea's rootless image", dir: '/etc/gitea', writes: 'app.ini, which its setup script writes when there is none', firstStart: { env: ['GITEA_APP_INI'] } },
  { image: /^(docker\.io\/)?(library\/)?rabbitmq(?=[:@]|$)/, app: 'RabbitMQ', dir: '/var/lib/rabbitmq', writes: 'its Erlang cookie and its database (mnesia)', firstStart: { env: [] } },
  {
    image: /^(docker\.io\/)?(library\/)?nextcloud(?=[:@]|$)/, app: 'Nextcloud', dir: '/var/www/html',
    writes: 'its release (copied from /usr/src/nextcloud), config.php and, at every start, the lock its entrypoint takes', firstStart: { env: [] },
  },
  {
    image: /^(docker\.io\/)?(library\/)?wordpress(?=[:@]|$)(?![^@]*cli)/, app: 'WordPress', dir: '/var/www/html',
    writes: 'WordPress itself, which its entrypoint copies there when it finds none, and wp-config.php', firstStart: { env: [] },
  },
  {
    image: SEARXNG_IMAGE, app: 'SearXNG', dir: '/etc/searxng',
    writes: "settings.yml (its entrypoint copies the image's when there is none)", firstStart: { env: ['SEARXNG_SETTINGS_PATH'] },
  },
  { image: /^((docker\.io|ghcr\.io)\/)?(deluan|navidrome)\/navidrome(?=[:@]|$)/, app: 'Navidrome', dir: '/data', writes: 'its database and cache folder', firstStart: { env: ['ND_DATAFOLDER'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?gotson\/komga(?=[:@]|$)/, app: 'Komga', dir: '/config', writes: 'its database, search index and logs', firstStart: { env: ['KOMGA_CONFIGDIR'] } },
  {
    image: /^((docker\.io|ghcr\.io)\/)?jvmilazz0\/kavita(?=[:@]|$)/, app: 'Kavita', dir: '/kavita/config',
    writes: 'appsettings.json (its entrypoint writes it there), its database, cache and logs', firstStart: { env: [] },
  },
  { image: /^(docker\.io\/)?codercom\/code-server(?=[:@]|$)/, app: 'code-server', dir: '/home/coder', writes: 'its config.yaml (.config/code-server) and its user data', firstStart: { env: ['HOME'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?fallenbagel\/jellyseerr(?=[:@]|$)/, app: 'Jellyseerr', dir: '/app/config', writes: 'its logs, settings and database', firstStart: { env: ['CONFIG_DIRECTORY'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?sctx\/overseerr(?=[:@]|$)/, app: 'Overseerr', dir: '/app/config', writes: 'its logs, settings and database', firstStart: { env: ['CONFIG_DIRECTORY'] } },
  { image: /^((docker\.io\/)?hkotel|ghcr\.io\/mealie-recipes)\/mealie(?=[:@]|$)/, app: 'Mealie', dir: '/app/data', writes: 'its folders (groups, backups, recipes, users) and its database', firstStart: { env: [] } },
  {
    image: PHOTOPRISM_IMAGE, app: 'PhotoPrism', dir: '/photoprism/storage',
    writes: 'its cache, sidecar files and database', firstStart: { env: ['PHOTOPRISM_STORAGE_PATH'] },
  },
  {
    image: /^(docker\.io\/)?syncthing\/syncthing(?=[:@]|$)/, app: 'Syncthing', dir: '/var/syncthing', writesIn: '/var/syncthing/config',
    writes: 'its keys, config and database (config/)', firstStart: { env: [] },
  },
  { image: /^((docker\.io|ghcr\.io)\/)?gotify\/server(-arm64|-arm7)?(?=[:@]|$)/, app: 'Gotify', dir: '/app/data', writes: 'its database (gotify.db)', firstStart: { env: ['GOTIFY_DATABASE_CONNECTION'] } },
  { image: GLUETUN_IMAGE, app: 'gluetun', dir: '/gluetun', writes: 'its server list (servers.json)', firstStart: { env: ['STORAGE_FILEPATH'] } },
  { image: /^((docker\.io|ghcr\.io)\/)?filebrowser\/filebrowser(?=[:@]|$)/, app: 'File Browser', dir: '/database', writes: 'its database (filebrowser.db)', firstStart: { env: ['FB_DATABASE'], flags: ['--database', '-d'] } },
  {
    image: STIRLING_PDF_IMAGE, app: 'Stirling-PDF', dir: '/configs',
    writes: "settings.yml (it copies the image's when there is none)", firstStart: { env: [] },
  },
  { image: /^ghcr\.io\/homarr-labs\/homarr(?=[:@]|$)/, app: 'Homarr', dir: '/appdata', writes: 'its database and secret key', firstStart: { env: [] } },
  { image: FRESHRSS_IMAGE, app: 'FreshRSS', dir: '/var/www/FreshRSS/data', writes: 'its configuration, users and cache', firstStart: { env: [] } },
  {
    image: LIBRETRANSLATE_IMAGE, app: 'LibreTranslate', dir: '/home/libretranslate/.local',
    writes: "the language models it downloads as it starts (argos-translate's packages under share/, its download cache under cache/)", firstStart: { env: ['HOME'] },
  },
  { image: WHOOGLE_IMAGE, app: 'Whoogle', dir: '/config', writes: 'its session key (whoogle.key), sessions and bang list', firstStart: { env: ['CONFIG_VOLUME'] } },
  {
    image: WHOOGLE_IMAGE, app: 'Whoogle', dir: '/whoogle/app/static/build', writes: 'the links to its CSS and JavaScript under their hashed names (an emptyDir will do)',
    firstStart: { env: ['STATIC_FOLDER'] },
  },
  { image: ACTUAL_SERVER_IMAGE, app: "Actual's server", dir: '/data', writes: 'its server and user files (the budgets)' },
  { image: /^((docker\.io|ghcr\.io)\/)?esphome\/esphome(?=[:@]|$)/, app: 'ESPHome', dir: '/config', writes: "its devices' YAML and their builds (.esphome)" },
  {
    image: /^(docker\.io\/)?itzg\/minecraft-server(?=[:@]|$)/, app: "Minecraft's Java server", dir: '/data',
    writes: 'eula.txt, server.properties and the world', firstStart: { env: [] }, keeps: 'the world',
  },
  {
    image: /^(docker\.io\/)?itzg\/minecraft-bedrock-server(?=[:@]|$)/, app: "Minecraft's Bedrock server", dir: '/data',
    writes: 'server.properties and the worlds', firstStart: { env: [] }, keeps: 'the worlds',
  },
  { image: /^(docker\.io\/)?factoriotools\/factorio(?=[:@]|$)/, app: 'Factorio', dir: '/factorio', writes: 'its saves, mods and config', firstStart: { env: [] }, keeps: 'the saves' },
  { image: /^((docker\.io|ghcr\.io)\/)?lloesche\/valheim-server(?=[:@]|$)/, app: 'Valheim', dir: '/config', writes: 'its worlds and their backups', keeps: 'the worlds' },
  {
    image: /^(docker\.io\/)?zerotier\/zerotier(?=[:@]|$)/, app: 'ZeroTier', dir: '/var/lib/zerotier-one',
    writes: 'its identity (the node address the network authorizes) and the pid file its entrypoint waits for before joining', firstStart: { env: [] },
  },
  {
    image: VICTORIA_METRICS_IMAGE, app: 'VictoriaMetrics', dir: '/victoria-metrics-data', writes: 'its time series database',
    firstStart: { env: [], flags: ['-storageDataPath', '--storageDataPath'] },
  },
  {
    image: VMAGENT_IMAGE, app: 'vmagent', dir: '/vmagent-remotewrite-data', writes: 'its queue of the samples not yet written to remote storage',
    firstStart: { env: [], flags: ['-remoteWrite.tmpDataPath', '--remoteWrite.tmpDataPath'] },
  },
];

/** The volume sources a container may not write. */
const READ_ONLY_SOURCES = new Set(['configMap', 'secret', 'secretsStore']);

/**
 * Volumes of an app's `persistence` mounted whole and read-only (a ConfigMap, a Secret, a `readOnly` mount)
 * at the folder where the image of a container that gets them keeps its state: the app cannot write there and
 * stops, or loses what it saves. One error per mount, on its `mountPath`, whose hint mounts the files with
 * `subPath` into a writable volume. So is an emptyDir (on disk or in memory) at a folder whose state no restart may
 * lose (a game's world, {@link StateDir.keeps}): it is made empty with each pod, so every restart, update or move
 * of the pod starts the state anew; one error on the volume, whose hint keeps the folder on a claim. `app` is the
 * main container's name. Pure.
 */
export function stateDirProblems(props: { readonly image?: unknown; readonly persistence?: unknown; readonly containers?: unknown; readonly sidecars?: unknown } | null | undefined, app: string): PropProblem[] {
  if (props === null || typeof props !== 'object' || props.persistence === null || typeof props.persistence !== 'object') {
    return [];
  }
  const images = new Map<string, unknown>([[app, props.image], ...(['containers', 'sidecars'] as const)
    .flatMap((kind) => (Array.isArray(props[kind]) ? props[kind] as Array<{ name?: unknown; image?: unknown } | null> : []))
    .map((c) => [String(c?.name), c?.image] as [string, unknown])]);
  return Object.entries(props.persistence as Record<string, Record<string, unknown> | null>).flatMap(([name, entry]) => {
    if (entry === null || typeof entry !== 'object') {
      return [];
    }
    const source = (entry.volume as { type?: unknown } | undefined)?.type;
    const mounts = [
      { mountPath: entry.mountPath, subPath: undefined, readOnly: entry.readOnly, field: `persistence.${name}.mountPath` },
      ...(Array.isArray(entry.mounts) ? entry.mounts as Array<Record<string, unknown> | null> : []).map((m, i) => ({
        mountPath: m?.mountPath, subPath: m?.subPath, readOnly: m?.readOnly ?? entry.readOnly, field: `persistence.${name}.mounts[${i}].mountPath`,
      })),
    ];
    const containers = Array.isArray(entry.containers) ? entry.containers.map(String) : [app];
    return mounts.flatMap(({ mountPath, subPath, readOnly, field }) => {
      const writable = !(READ_ONLY_SOURCES.has(String(source)) || readOnly === true);
      if (typeof mountPath !== 'string' || !mountPath.startsWith('/') || (subPath !== undefined && subPath !== '') || (writable && source !== 'emptyDir')) {
        return [];
      }
      const known = containers.map((c) => images.get(c)).filter((image): image is string => typeof image === 'string')
        .map((image) => imageRows(STATE_DIRS, image).find((entry) => entry.dir === normalMountPath(mountPath) && (!writable || entry.keeps !== undefined)))
        .find((entry) => entry !== undefined);
      if (known === undefined) {
        return [];
      }
      if (writable) {
        const inMemory = (entry.volume as { emptyDir?: { memory?: unknown } }).emptyDir?.memory === true;
        return [{
          field: `persistence.${name}.volume`,
          message: `${known.app} keeps ${known.keeps} in ${known.dir}, and volume "${name}" there is an emptyDir${inMemory ? ' in memory (tmpfs)' : ''}, made empty with each pod: `
            + `every restart, update or move of the pod would start ${known.keeps} anew`,
          hint: `keep ${known.dir} on a claim: persistence: { ${name}: { volume: AppVolume.claim({ tier, size }), mountPath: '${known.dir}' } }`,
        }];
      }
      const what = READ_ONLY_SOURCES.has(String(source)) ? `the ${String(source)} volume "${name}"` : `volume "${name}", mounted read-only,`;
      return [{
        field,
        message: `${known.app} keeps its state in ${known.dir}, where it writes ${known.writes}; ${what} takes the whole folder, which the app cannot write`,
        hint: `give ${known.dir} a writable volume (persistence: { state: { volume: AppVolume.claim({ tier, size }), mountPath: '${known.dir}' } }) and mount each file of "${name}" into it with a subPath: `
          + `persistence: { ${name}: { volume: …, mounts: [{ mountPath: '${known.dir}/<file>', subPath: '<file>' }] } }`,
      }];
    });
  });
}

/**
 * Containers of an image that writes its state folder at its first start ({@link STATE_DIRS}), with nothing
 * mounted at that folder or above it, the folder not moved by the variable or argument that moves it, and a
 * read-only root: the app cannot write there and stops as it starts. One error per folder, on the container's
 * `image`, whose hint mounts a claim there. A writable root (`writableRootFilesystem`), a privileged container
 * or a replaced entrypoint (`command`) is left alone. `app` is the main container's name. Pure.
 */
export function unmountedStateDirProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const exemptions = container.exemptions ?? {};
    if (typeof image !== 'string' || container.command !== undefined || exemptions.writableRootFilesystem !== undefined || exemptions.privileged !== undefined) {
      return [];
    }
    // A value of a Secret or a ConfigMap may move the folder anywhere: only a path still in the folder keeps it there.
    const inFolder = (value: unknown, dir: string) => typeof value === 'string' && (normalMountPath(value) === dir || normalMountPath(value).startsWith(`${dir}/`));
    const mounted = (dir: string) => [...entry.mountPaths, ...DEFAULT_WRITABLE].some((path) => dir === path || dir.startsWith(`${path}/`));
    const known = imageRows(STATE_DIRS, image).filter((row): row is StateDir & { firstStart: MovedBy } => row.firstStart !== undefined);
    return [...known.flatMap((row) => movedUnmounted(container.env, row, mounted).map((variable) => ({
      field: `${prefix}env.${variable.name}`,
      message: `env.${variable.name} moves the folder where ${row.app} writes ${row.writes} at its first start to ${variable.path}; nothing is mounted there and the root filesystem is read-only: the app would stop as it starts`,
      hint: `mount a claim at ${variable.folder} (persistence: { data: { volume: AppVolume.claim({ tier, size }), mountPath: '${variable.folder}' } }), or point env.${variable.name} at a folder under one of the app's volumes`,
    }))), ...known
      .filter(({ dir, firstStart }) => givenSettings(container, firstStart).every((value) => inFolder(value, dir)))
      .filter(({ dir, writesIn }) => !mounted(dir) && (writesIn === undefined || !mounted(writesIn)))
      .map(({ app: name, dir, writes, firstStart }) => {
        const only = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
        const moves = [...firstStart.env.map((variable) => `${prefix}env.${variable}`), ...(firstStart.flags ?? []).map((flag) => `${prefix}args ${flag}=…`)];
        return {
          field: `${prefix}image`,
          message: `image "${image}" runs ${name}, which writes ${writes} in ${dir} at its first start; nothing is mounted there and the root filesystem is read-only: the app would stop as it starts`,
          hint: `mount a claim there: persistence: { data: { volume: AppVolume.claim({ tier, size }), mountPath: '${dir}'${only} } }`
            + (moves.length === 0 ? '' : `; or move the folder to a volume with ${moves.join(' or ')}`),
        };
      })];
  });
}

/** The folder every App's container may write on a read-only root: its emptyDir `/tmp`. */
const DEFAULT_WRITABLE = ['/tmp'];

/**
 * The variables of `env` that move `row`'s folder to another absolute path, written out, under which `mounted` says
 * nothing is mounted (`ND_DATAFOLDER: '/config'` beside a volume at `/data`), each with the folder to mount: the path,
 * or the folder of a file it names (`/var/lib/gotify` of `/var/lib/gotify/gotify.db`). A value from a Secret or a
 * ConfigMap, or a relative path, is left alone. Pure.
 */
function movedUnmounted(env: unknown, row: StateDir & { firstStart: MovedBy }, mounted: (dir: string) => boolean): Array<{ name: string; path: string; folder: string }> {
  const values = env !== null && typeof env === 'object' ? env as Record<string, unknown> : {};
  return row.firstStart.env.flatMap((name) => {
    const value = values[name];
    if (typeof value !== 'string' || !value.startsWith('/')) {
      return [];
    }
    const path = normalMountPath(value);
    const folder = /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/'))) ? path.slice(0, path.lastIndexOf('/')) || '/' : path;
    return path === row.dir || path.startsWith(`${row.dir}/`) || mounted(path) ? [] : [{ name, path, folder }];
  });
}

/**
 * The game server a container of one of `images` runs and the world it keeps ({@link StateDir.keeps}), which one
 * server process owns: a second pod beside it is a second server. Undefined for other images. Pure.
 */
export function worldServerOf(images: readonly unknown[]): { readonly app: string; readonly world: string; readonly dir: string } | undefined {
  for (const image of images) {
    const known = typeof image === 'string' ? imageRows(STATE_DIRS, image).find((entry) => entry.keeps !== undefined) : undefined;
    if (known !== undefined) {
      return { app: known.app, world: known.keeps!, dir: known.dir };
    }
  }
  return undefined;
}
