import { AppVolume, HomelabApp } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Popular images a first lab takes as its compose file ran them, under the secure defaults (user 1000, a
// read-only root, every capability dropped): official images whose server writes a folder on the root as it
// starts stop there with "Read-only file system". Their neighbours with the folder mounted, or the image
// built to run as its user, synthesize (image-folders.test.ts).

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
});

/**
 * An app of `image` that declares `port` (8080 unless given), with a claim at each of its state folders `state`,
 * refused on that port with `hint`.
 */
const listenCase = (name: string, id: string, { image, port = 8080, state = [] }: { image: string; port?: number; state?: readonly string[] }, hint: RegExp): BadInput => ({
  name,
  build: app(id, {
    image, ports: [{ name: 'http', port }],
    persistence: Object.fromEntries(state.map((mountPath, i) => [`state${i}`, { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath }])),
  }),
  layer: 'props', path: id, field: 'ports[0].port', hint,
});

export const CASES: BadInput[] = [
  // nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)
  {
    name: 'the official nginx image under the secure defaults',
    build: app('web', {}),
    layer: 'props', path: 'web', field: 'image', hint: /nginxinc\/nginx-unprivileged.*mountPath: '\/var\/cache\/nginx'.*mountPath: '\/var\/run'/,
  },
  {
    name: 'the official nginx image with its cache folder mounted, its pid file still on the read-only root',
    build: app('web', { persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' } } }),
    layer: 'props', path: 'web', field: 'image', message: /nginx\.pid\) in \/var\/run,/,
  },
  {
    name: 'the official nginx image as a sidecar that serves static files',
    build: app('files', { image: 'ghcr.io/acme/files:1.0.0', sidecars: [{ name: 'static', image: 'docker.io/library/nginx:1.27.0-alpine' }] }),
    layer: 'props', path: 'files', field: 'sidecars[0].image', hint: /containers: \['static'\]/,
  },
  // (30)Read-only file system: AH00099: could not create /usr/local/apache2/logs/httpd.pid
  {
    name: 'the official Apache image under the secure defaults',
    build: app('site', { image: 'httpd:2.4.62' }),
    layer: 'props', path: 'site', field: 'image', hint: /mountPath: '\/usr\/local\/apache2\/logs'/,
  },
  // s6-overlay 2 must start as root: as user 1000 on a read-only root Plex never starts, and PLEX_UID is never read.
  {
    name: "Plex's official image under the secure defaults, given PLEX_UID as its compose file did",
    build: app('plex', { image: 'plexinc/pms-docker:1.41.6.9685-d301f511a', env: { PLEX_UID: '1000', PLEX_GID: '1000' }, ports: [{ name: 'http', port: 32400 }] }),
    layer: 'props', path: 'plex', field: 'image', hint: /runAsRoot: .*PLEX_UID:PLEX_GID.*writableRootFilesystem/,
  },
  // "[!] WARNING: Unable to set capabilities for pihole-FTL", then exit 1.
  {
    name: "Pi-hole's image under the secure defaults",
    build: app('pihole', { image: 'pihole/pihole:2025.03.0', ports: [{ name: 'http', port: 8080 }] }),
    layer: 'props', path: 'pihole', field: 'image', hint: /'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP'/,
  },
  // Images that write their state folder at their first start, run with nothing mounted there: the app stops as it starts.
  // Grafana: "failed to create... /var/lib/grafana/grafana.db: read-only file system" (GF_PATHS_DATA in its Dockerfile).
  {
    name: 'Grafana with nothing mounted at its data folder',
    build: app('grafana', { image: 'grafana/grafana:11.1.0', ports: [{ name: 'http', port: 3000 }] }),
    layer: 'props', path: 'grafana', field: 'image', hint: /AppVolume\.claim.*mountPath: '\/var\/lib\/grafana'.*env\.GF_PATHS_DATA/,
  },
  // Prometheus: "opening storage failed" (its image's CMD: --storage.tsdb.path=/prometheus).
  {
    name: 'Prometheus with its storage path kept in /prometheus and nothing mounted there',
    build: app('prometheus', { image: 'quay.io/prometheus/prometheus:v2.53.0', ports: [{ name: 'http', port: 9090 }], args: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus/'] }),
    layer: 'props', path: 'prometheus', field: 'image', hint: /mountPath: '\/prometheus'.*args --storage\.tsdb\.path=/,
  },
  {
    name: 'n8n with nothing mounted at its user folder',
    build: app('n8n', { image: 'n8nio/n8n:1.50.0', ports: [{ name: 'http', port: 5678 }] }),
    layer: 'props', path: 'n8n', field: 'image', hint: /mountPath: '\/home\/node\/\.n8n'/,
  },
  // Its entrypoint copies configuration.yaml into the data folder under `set -e`.
  {
    name: 'Zigbee2MQTT as a sidecar with nothing mounted at its data folder',
    build: app('zigbee', {
      image: 'eclipse-mosquitto:2.0.18', ports: [{ name: 'mqtt', port: 1883 }], sidecars: [{ name: 'z2m', image: 'koenkk/zigbee2mqtt:1.39.0' }],
      persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] } },
    }),
    layer: 'props', path: 'zigbee', field: 'sidecars[0].image', hint: /mountPath: '\/app\/data', containers: \['z2m'\]/,
  },
  {
    name: 'Audiobookshelf with its config folder mounted and its metadata folder on the read-only root',
    build: app('abs', {
      image: 'ghcr.io/advplyr/audiobookshelf:2.12.3', env: { PORT: '8080' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    }),
    layer: 'props', path: 'abs', field: 'image', message: /in \/metadata at its first start/,
  },
  {
    name: 'RabbitMQ with nothing mounted at its data folder',
    build: app('mq', { image: 'rabbitmq:3.13.6-management', ports: [{ name: 'amqp', port: 5672 }] }),
    layer: 'props', path: 'mq', field: 'image', hint: /mountPath: '\/var\/lib\/rabbitmq'/,
  },
  {
    name: 'Vaultwarden with its data folder moved by DATA_FOLDER to a folder still on the read-only root',
    build: app('vault', { image: 'vaultwarden/server:1.32.0', env: { DATA_FOLDER: '/data/vw', ROCKET_PORT: '8080' } }),
    layer: 'props', path: 'vault', field: 'image', hint: /env\.DATA_FOLDER/,
  },
  // Its Dockerfile sets cap_net_bind_service=+eip on its binary: "exec user process caused: operation not permitted".
  {
    name: 'AdGuard Home with every capability dropped, on ports above 1024',
    build: app('adguard', {
      image: 'adguard/adguardhome:v0.107.52', ports: [{ name: 'http', port: 3000 }], args: ['--no-check-update', '-c', '/opt/adguardhome/conf/AdGuardHome.yaml', '-w', '/opt/adguardhome/work'],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mounts: [{ mountPath: '/opt/adguardhome/work', subPath: 'work' }, { mountPath: '/opt/adguardhome/conf', subPath: 'conf' }] } },
    }),
    layer: 'props', path: 'adguard', field: 'image', hint: /addCapabilities: \{ capabilities: \['NET_BIND_SERVICE'\]/,
  },
  // "Starting in local only mode. Connections will only be possible from clients running on this machine."
  {
    name: "Mosquitto 2 with the image's configuration, which defines no listener",
    build: app('mqtt', { image: 'eclipse-mosquitto:2.0.18', ports: [{ name: 'mqtt', port: 1883 }] }),
    layer: 'props', path: 'mqtt', field: 'image', hint: /mountPath: '\/mosquitto\/config\/mosquitto\.conf', subPath: 'mosquitto\.conf'/,
  },
  // s6-svscan: "unable to mkdir .s6-svscan: Read-only file system"; USER_UID is never read.
  {
    name: "Gitea's rootful image under the secure defaults, given USER_UID as its compose file did",
    build: app('gitea', { image: 'gitea/gitea:1.22.1', env: { USER_UID: '1000', USER_GID: '1000' }, ports: [{ name: 'http', port: 3000 }] }),
    layer: 'props', path: 'gitea', field: 'image', hint: /-rootless tag/,
  },
  // Its setup script: "/etc/gitea is not writable", then exit 1.
  {
    name: "Gitea's rootless image with its data volume mounted and nothing at /etc/gitea",
    build: app('gitea', {
      image: 'gitea/gitea:1.22.1-rootless', ports: [{ name: 'http', port: 3000 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' } },
    }),
    layer: 'props', path: 'gitea', field: 'image', message: /app\.ini.* in \/etc\/gitea at its first start/,
  },
  // Debian's Apache, as the PHP images run it: "(30)Read-only file system: AH00099: could not create /var/run/apache2/apache2.pid".
  {
    name: "Nextcloud's Apache image with its web root mounted and Apache's pid file on the read-only root",
    build: app('cloud', { image: 'nextcloud:31.0.6-apache', persistence: { html: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/www/html' } } }),
    layer: 'props', path: 'cloud', field: 'image', hint: /mountPath: '\/var\/run\/apache2'.*env\.APACHE_RUN_DIR/,
  },
  // Its entrypoint takes a lock in the web root at every start and copies the release there: "Read-only file system".
  {
    name: "Nextcloud's PHP-FPM image with nothing mounted at its web root",
    build: app('cloud', { image: 'nextcloud:31.0.6-fpm-alpine', ports: [{ name: 'fpm', port: 9000 }] }),
    layer: 'props', path: 'cloud', field: 'image', message: /in \/var\/www\/html at its first start/,
  },
  {
    name: 'WordPress with its web root mounted and Apache\'s pid file on the read-only root',
    build: app('blog', { image: 'wordpress:6.6.2-php8.3-apache', persistence: { html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' } } }),
    layer: 'props', path: 'blog', field: 'image', message: /apache2\.pid/,
  },
  // "WordPress not found in /var/www/html - copying now...", then tar fails under `set -e`.
  {
    name: "WordPress's PHP-FPM image with nothing mounted at its web root",
    build: app('blog', { image: 'wordpress:6.6.2-fpm-alpine', ports: [{ name: 'fpm', port: 9000 }] }),
    layer: 'props', path: 'blog', field: 'image', hint: /mountPath: '\/var\/www\/html'/,
  },
  // hotio's images start s6-overlay (ENTRYPOINT ["/init"]) as root and run the app as PUID:PGID, as linuxserver.io's do.
  {
    name: 'a hotio image under the secure defaults, given PUID as its compose file did',
    build: app('sonarr', { image: 'ghcr.io/hotio/sonarr:release-4.0.14.2939', env: { PUID: '1000', PGID: '1000' }, ports: [{ name: 'http', port: 8989 }] }),
    layer: 'props', path: 'sonarr', field: 'image', hint: /runAsRoot: .*PUID:PGID.*writableRootFilesystem/,
  },
  // s6-overlay: "can't create /run/...: Read-only file system".
  {
    name: 'Frigate with its folders mounted and nothing at /run on the read-only root',
    build: app('frigate', {
      image: 'ghcr.io/blakeblackshear/frigate:0.15.1', ports: [{ name: 'http', port: 5000 }],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' }, media: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/media/frigate' } },
    }),
    layer: 'props', path: 'frigate', field: 'image', message: /s6-overlay/,
  },
  // Its entrypoint copies settings.yml (and uwsgi.ini) into /etc/searxng, and stops when it finds none there.
  {
    name: 'SearXNG with nothing mounted at its settings folder',
    build: app('search', { image: 'searxng/searxng:2025.5.18-5dff826' }),
    layer: 'props', path: 'search', field: 'image', hint: /mountPath: '\/etc\/searxng'/,
  },
  // "panic: mkdir data: read-only file system": its SQLite database is data/gotify.db, under its working folder /app.
  {
    name: 'Gotify with nothing mounted at its data folder',
    build: app('gotify', { image: 'gotify/server:2.6.1', env: { GOTIFY_SERVER_PORT: '8080' } }),
    layer: 'props', path: 'gotify', field: 'image', hint: /mountPath: '\/app\/data'.*env\.GOTIFY_DATABASE_CONNECTION/,
  },
  // "FATAL: Error creating cache path: mkdir /data/cache: read-only file system".
  {
    name: 'Navidrome with its music mounted and nothing at its data folder',
    build: app('music', {
      image: 'deluan/navidrome:0.53.3', ports: [{ name: 'http', port: 4533 }],
      persistence: { music: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/music', readOnly: true } },
    }),
    layer: 'props', path: 'music', field: 'image', hint: /mountPath: '\/data'.*env\.ND_DATAFOLDER/,
  },
  // "Wrote default config file to ~/.config/code-server/config.yaml" cannot be written: code-server exits.
  {
    name: 'code-server with nothing mounted at its home folder',
    build: app('code', { image: 'codercom/code-server:4.92.2' }),
    layer: 'props', path: 'code', field: 'image', hint: /mountPath: '\/home\/coder'/,
  },
  // Its logger makes config/logs as the server loads, and the process exits when it cannot.
  {
    name: 'Jellyseerr with nothing mounted at its config folder',
    build: app('requests', { image: 'fallenbagel/jellyseerr:2.1.0', ports: [{ name: 'http', port: 5055 }] }),
    layer: 'props', path: 'requests', field: 'image', hint: /mountPath: '\/app\/config'.*env\.CONFIG_DIRECTORY/,
  },
  // Its entrypoint runs syncthing -home /var/syncthing/config, which makes its keys and config there at the first start.
  {
    name: "Syncthing's official image with nothing mounted at its home folder",
    build: app('sync', { image: 'syncthing/syncthing:1.27.10', ports: [{ name: 'http', port: 8384 }] }),
    layer: 'props', path: 'sync', field: 'image', hint: /mountPath: '\/var\/syncthing'/,
  },
  // Its settings make the folders of /app/data (groups, backups, recipes, …) as the server loads: "Read-only file system".
  {
    name: 'Mealie with nothing mounted at its data folder',
    build: app('recipes', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', env: { PUID: '1000', PGID: '1000' }, ports: [{ name: 'http', port: 9000 }] }),
    layer: 'props', path: 'recipes', field: 'image', hint: /mountPath: '\/app\/data'/,
  },
  // "can't create /photoprism/storage/cache: please check configuration and permissions", then it exits.
  {
    name: 'PhotoPrism with its originals mounted and nothing at its storage folder',
    build: app('photos', {
      image: 'photoprism/photoprism:240915', ports: [{ name: 'http', port: 2342 }],
      persistence: { originals: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/photoprism/originals' } },
    }),
    layer: 'props', path: 'photos', field: 'image', hint: /mountPath: '\/photoprism\/storage'.*env\.PHOTOPRISM_STORAGE_PATH/,
  },
  // Images that listen on their own port, declared on another: the Service and the probes reach nothing and the pod never becomes ready.
  // whoami: "Starting up on port 80" (--port defaults to WHOAMI_PORT_NUMBER, else 80).
  {
    name: 'traefik/whoami declared on 8080 with nothing moving it there',
    build: app('whoami', { image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }] }),
    layer: 'props', path: 'whoami', field: 'ports[0].port', hint: /env\.WHOAMI_PORT_NUMBER: '8080'/,
  },
  {
    name: 'Gotify moved by GOTIFY_SERVER_PORT to another port than it declares',
    build: app('gotify', {
      image: 'gotify/server:2.6.1', env: { GOTIFY_SERVER_PORT: '8081' }, ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    }),
    layer: 'props', path: 'gotify', field: 'ports[0].port', message: /listens on port 8081, where env\.GOTIFY_SERVER_PORT moves it/,
  },
  // ntfy serve: "Listening on :80" (listen-http defaults to :80).
  {
    name: 'ntfy declared on 8080 with its listen address left as built',
    build: app('ntfy', { image: 'binwiederhier/ntfy:v2.11.0', args: ['serve'], ports: [{ name: 'http', port: 8080 }] }),
    layer: 'props', path: 'ntfy', field: 'ports[0].port', hint: /env\.NTFY_LISTEN_HTTP: ':8080'/,
  },
  // ROCKET_PORT=80 in its Dockerfile.
  {
    name: 'Vaultwarden declared on 8080 without ROCKET_PORT',
    build: app('vault', {
      image: 'vaultwarden/server:1.32.0', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    }),
    layer: 'props', path: 'vault', field: 'ports[0].port', hint: /env\.ROCKET_PORT: '8080'/,
  },
  {
    name: 'the official nginx image with its folders mounted, declared on 8080',
    build: app('web', {
      persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run' } },
    }),
    layer: 'props', path: 'web', field: 'ports[0].port', hint: /nginxinc\/nginx-unprivileged.*listens on 8080/,
  },
  {
    name: 'traefik/whoami as a sidecar declared on 9000',
    build: app('echo', {
      image: 'ghcr.io/acme/app:1.0.0', sidecars: [{ name: 'whoami', image: 'docker.io/traefik/whoami:v1.10.3', ports: [{ name: 'whoami', port: 9000 }] }],
    }),
    layer: 'props', path: 'echo', field: 'sidecars[0].ports[0].port', hint: /sidecars\[0\]\.env\.WHOAMI_PORT_NUMBER: '9000'/,
  },
  // Uptime Kuma: "Listening on 3001" (UPTIME_KUMA_PORT, else PORT, else --port, else 3001).
  {
    name: 'Uptime Kuma declared on 8080 with nothing moving it there',
    build: app('kuma', {
      image: 'louislam/uptime-kuma:1.23.16', ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    }),
    layer: 'props', path: 'kuma', field: 'ports[0].port', hint: /env\.UPTIME_KUMA_PORT: '8080'/,
  },
  // "cannot create /usr/local/etc/php/conf.d/redis-session.ini: Read-only file system", then the entrypoint (set -eu) exits.
  {
    name: 'Nextcloud given REDIS_HOST, with its web root and Apache\'s run folder mounted',
    build: app('cloud', {
      image: 'nextcloud:31.0.6-apache', env: { REDIS_HOST: 'redis' }, ports: [{ name: 'http', port: 8080 }],
      persistence: { html: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/www/html' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' } },
    }),
    layer: 'props', path: 'cloud', field: 'env.REDIS_HOST', hint: /redis\.config\.php.*writableRootFilesystem/,
  },
  // Images that listen on a port of their own, declared on another with nothing moving it there.
  // The unprivileged nginx image's Dockerfile makes default.conf listen on 8080 in place of 80.
  listenCase('nginxinc/nginx-unprivileged declared on 80, where its configuration does not listen', 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', port: 80 }, /port: 8080, servicePort: 80/),
  // Grafana: http_port = 3000 of its defaults.ini.
  listenCase('Grafana declared on 8080', 'grafana', { image: 'grafana/grafana:11.1.0', state: ['/var/lib/grafana'] }, /env\.GF_SERVER_HTTP_PORT: '8080'/),
  listenCase('n8n declared on 8080', 'n8n', { image: 'n8nio/n8n:1.50.0', state: ['/home/node/.n8n'] }, /env\.N8N_PORT: '8080'/),
  listenCase('Navidrome declared on 8080', 'music', { image: 'deluan/navidrome:0.53.3', state: ['/data'] }, /env\.ND_PORT: '8080'/),
  // PORT=80 in its Dockerfile, below 1024, where the app's user cannot listen: the hint moves it to the port declared.
  listenCase('Audiobookshelf declared on its usual 13378 without PORT', 'abs', { image: 'ghcr.io/advplyr/audiobookshelf:2.17.5', port: 13378, state: ['/config', '/metadata'] }, /env\.PORT: '13378'/),
  // STGUIADDRESS=0.0.0.0:8384 in its Dockerfile.
  listenCase("Syncthing's official image declared on 8080 only", 'sync', { image: 'syncthing/syncthing:1.27.10', state: ['/var/syncthing'] }, /env\.STGUIADDRESS: ':8080'/),
  listenCase('Homepage declared on 8080', 'home', { image: 'ghcr.io/gethomepage/homepage:v1.2.0' }, /env\.PORT: '8080'/),
  listenCase("Mealie declared on 9925, its compose file's host port", 'recipes', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', port: 9925, state: ['/app/data'] }, /env\.API_PORT: '9925'/),
  listenCase('linkding declared on 8080', 'links', { image: 'sissbruecker/linkding:1.36.0' }, /env\.LD_SERVER_PORT: '8080'/),
  // Its entrypoint passes --bind-addr 0.0.0.0:8080.
  listenCase('code-server declared on 8443', 'code', { image: 'codercom/code-server:4.92.2', port: 8443, state: ['/home/coder'] }, /env\.PORT: '8443'/),
  // changedetection.io listens on PORT, else 5000.
  listenCase('changedetection.io declared on 8080', 'watch', { image: 'ghcr.io/dgtlmoon/changedetection.io:0.47.06', state: ['/datastore'] }, /env\.PORT: '8080'/),
  // Its web server's service binds GRANIAN_PORT, else PAPERLESS_PORT, else 8000.
  listenCase('Paperless-ngx declared on 8080', 'paperless', { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1' }, /env\.PAPERLESS_PORT: '8080'/),
  // Its start.sh binds gunicorn to IMMICH_PORT, else 3003.
  listenCase("Immich's machine learning declared on 8080", 'ml', { image: 'ghcr.io/immich-app/immich-machine-learning:v1.135.3' }, /env\.IMMICH_PORT: '8080'/),
  // Node-RED: uiPort is PORT, else 1880, in its default settings.js; -p moves it.
  {
    name: 'Node-RED moved by -p to another port than it declares',
    build: app('flows', { image: 'nodered/node-red:4.0.2', args: ['-p', '1881'], ports: [{ name: 'http', port: 1880 }] }),
    layer: 'props', path: 'flows', field: 'ports[0].port', message: /listens on port 1881, where args -p moves it/,
  },
  // s6-overlay: "can't create /run/...: Read-only file system"; USERMAP_UID is read only by its init run as root.
  {
    name: "Paperless-ngx's image under the secure defaults, given USERMAP_UID as its compose file did",
    build: app('paperless', { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1', env: { USERMAP_UID: '1000', USERMAP_GID: '1000' }, ports: [{ name: 'http', port: 8000 }] }),
    layer: 'props', path: 'paperless', field: 'image', hint: /USERMAP_UID:USERMAP_GID.*emptyDir at \/run.*mountPath: '\/run'/,
  },
];
