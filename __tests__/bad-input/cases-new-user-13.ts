import { AppVolume, HomelabApp } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// First labs of someone who ports a lab they already run (a docker-compose.yml, Helm values for an app
// template, hand-written manifests) with HomelabApp, carrying over its habits: a linuxserver.io image given
// its PUID and PGID and left to the secure defaults (the pod stopped as it started), PUID and PGID kept for an
// image that runs as its user (never read: the app ran as 1000), a PostgreSQL or MariaDB
// beside its app as compose ran it (the server could not create its socket on the read-only root), Home
// Assistant's configuration.yaml from a ConfigMap over the whole /config it writes, an NFS folder given by its
// path on the server (joined to the export's path a second time), an init container that chowns a volume as
// the non-root user (Operation not permitted), Pi-hole's password in
// its one-word variable (committed in the clear), an init container that mounts a volume its persistence
// entry mounts into it already (reported on the rendered Deployment, not on the prop).

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'ghcr.io/home-operations/bazarr:1.4.3', ports: [{ name: 'http', port: 6767 }], ...props });
});
const config = { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/config' };

export const CASES: BadInput[] = [
  // The app ran as 1000, the folders on the NAS belong to 568: every import failed with "Permission denied".
  {
    name: "a TrueNAS app's PUID and PGID kept for an image that runs as its user",
    build: app('prowlarr', { image: 'ghcr.io/home-operations/prowlarr:1.24.3', env: { PUID: '568', PGID: '568', TZ: 'Europe/London' }, ports: [{ name: 'http', port: 9696 }] }),
    layer: 'props', path: 'prowlarr', field: 'env.PUID', hint: /runAsUser: 568/,
  },
  // s6-overlay could not write /run on the read-only root: the pod stopped as it started, PUID never read.
  {
    name: 'a linuxserver.io image given PUID and PGID, run as its non-root default',
    build: app('sonarr', { image: 'lscr.io/linuxserver/sonarr:4.0.14', env: { PUID: '1000', PGID: '1000', TZ: 'Europe/London' }, ports: [{ name: 'http', port: 8989 }], persistence: { config } }),
    layer: 'props', path: 'sonarr', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor'.*writableRootFilesystem/,
  },
  {
    name: 'a linuxserver.io image as a sidecar, run as its non-root default',
    build: app('bazarr', { sidecars: [{ name: 'syncthing', image: 'lscr.io/linuxserver/syncthing:1.27.10' }] }),
    layer: 'props', path: 'bazarr', field: 'sidecars[0].image',
  },
  // "could not create lock file /var/run/postgresql/.s.PGSQL.5432.lock: Read-only file system", as user 999 or as root.
  {
    name: "Paperless' PostgreSQL beside it, run as the image's user",
    build: app('postgres', {
      image: 'postgres:16.3', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' } },
    }),
    layer: 'props', path: 'postgres', field: 'image', hint: /mountPath: '\/var\/run\/postgresql'/,
  },
  {
    name: "Immich's pgvecto.rs database, built on the PostgreSQL image",
    build: app('immich-db', { image: 'tensorchord/pgvecto-rs:pg14-v0.2.0', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'postgres', port: 5432 }] }),
    layer: 'props', path: 'immich-db', field: 'image',
  },
  {
    name: 'a PostgreSQL sidecar added after construction, as compose ran the database beside its app',
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'paperless', {
      image: 'ghcr.io/paperless-ngx/paperless-ngx:2.11.2', ports: [{ name: 'http', port: 8000 }], persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/run' } },
    })
      .addSidecar({ name: 'db', image: 'postgres:16.3', runAsUser: 999 })),
    layer: 'props', path: 'paperless', field: 'addSidecar.image',
  },
  {
    name: "Nextcloud's MariaDB with its socket folder under /run",
    build: app('mariadb', { image: 'mariadb:11.4.2', runAsUser: 999, runAsGroup: 999, ports: [{ name: 'mysql', port: 3306 }] }),
    layer: 'props', path: 'mariadb', field: 'image', hint: /\/run\/mysqld/,
  },
  // Home Assistant could not write .storage beside the configuration.yaml the ConfigMap gave /config.
  {
    name: "Home Assistant's configuration.yaml from a ConfigMap mounted at /config",
    build: app('home-assistant', {
      image: 'ghcr.io/home-assistant/home-assistant:2024.8.1', ports: [{ name: 'http', port: 8123 }],
      exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 'python writes its caches' },
      persistence: { config: { volume: AppVolume.configMap('hass-config'), mountPath: '/config' } },
    }),
    layer: 'props', path: 'home-assistant', field: 'persistence.config.mountPath', hint: /mountPath: '\/config\/<file>', subPath/,
  },
  // Mounted /export/export/tv, a folder the server does not have: the pod stayed in ContainerCreating.
  {
    name: "an NFS folder given by its path on the server, as compose's NFS volume writes it",
    build: guarded((cluster: ClusterChart) => app('sonarr', { persistence: { tv: { volume: AppVolume.nfs(lab.nfs.share, '/export/tv'), mountPath: '/tv' } } })(cluster)),
    layer: 'props', path: 'sonarr', field: 'persistence.tv.volume', hint: /AppVolume\.nfs\(<export>, 'tv'\)/,
  },
  // chown: /config: Operation not permitted, and the pod stayed in Init:CrashLoopBackOff.
  {
    name: 'an init container that chowns the volume as the non-root user, as the old chart did',
    build: app('bazarr', {
      initContainers: [{ name: 'fix-permissions', image: 'busybox:1.36.1', command: ['sh', '-c', 'chown -R 1000:1000 /config'] }],
      persistence: { config: { ...config, containers: ['bazarr', 'fix-permissions'] } },
    }),
    layer: 'props', path: 'bazarr', field: 'initContainers[0].command', hint: /fsGroup.*runAsRoot/,
  },
  // The name holds no word of its own that says password: the value went to Git in the clear.
  {
    name: "Pi-hole's WEBPASSWORD written out in env",
    build: app('pihole', { image: 'pihole/pihole:2024.07.0', env: { TZ: 'Europe/London', WEBPASSWORD: 'correct-horse-battery' }, ports: [{ name: 'http', port: 8080 }] }),
    layer: 'props', path: 'pihole', field: 'env.WEBPASSWORD',
  },
  // Reported on spec.template.spec.initContainers[0].volumeMounts[2] of the rendered Deployment.
  {
    name: "an init container's mount of a volume whose persistence entry names that container",
    build: app('bazarr', {
      initContainers: [{ name: 'chown', image: 'busybox:1.36.1', command: ['sh', '-c', 'ls /config'], mounts: [{ volume: 'config', mountPath: '/config' }] }],
      persistence: { config: { ...config, containers: ['bazarr', 'chown'] } },
    }),
    layer: 'props', path: 'bazarr', field: 'initContainers[0].mounts[0].mountPath', hint: /persistence\.config mounts it/,
  },
];
