import type { ClusterChart } from '../../constructs';
import { acmeIssuer, App, AppVolume, ClusterIssuer, cloudflareDns01, ForgejoDatabase, Forgejo, Jellyfin, Ollama, JellyfinMedia, JellyfinTranscoding, MediaContainers } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab } from './lab';

// A new user's month, from the README alone: Jellyfin, Home Assistant, Immich, Paperless-ngx, Vaultwarden,
// Nextcloud, Minecraft, Uptime Kuma and Ollama on three mini PCs, backups to a NAS, a second site on a VPS.
// Most of its mistakes were refused already (earlier rounds); these are the ones that passed.

const MEDIA_SETTINGS = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

/** What a .js lab passes: whatever it wrote, unchecked. */
const js = <T>(value: unknown): T => value as T;

/** Paperless-ngx's web server as the lab's first try at it, with what `props` returns over it (read as it is built). */
const paperless = (props: () => Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'paperless', js({
  image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', ports: [{ name: 'http', port: 8000 }],
  exemptions: { runAsRoot: 'its init starts as root', writableRootFilesystem: 's6-overlay writes /run', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'switches users' } },
  ...props(),
})));

/** Jellyfin on the lab's share with `props` over it, as a .js lab writes them. */
const jellyfin = (props: () => Record<string, unknown>) => guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', js({
  media: JellyfinMedia.nfs(lab.nfs.share), route: { host: 'jellyfin' }, ...props(),
})));

/** Uptime Kuma as its compose file runs it, with its data on a claim of the lab's local tier; `props` over it. */
const uptimeKuma = (props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'uptime-kuma', {
  image: 'louislam/uptime-kuma:1.23.16', ports: [{ name: 'http', port: 3001 }], route: { host: 'status' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '2Gi' }), mountPath: '/app/data' } }, ...props,
}));

export const CASES: BadInput[] = [
  // Its entrypoint (set -e) runs `chown -hRc "$PUID":"$PGID" /app/data`, then `setpriv --clear-groups`: as the
  // secure default's non-root user the first fails with "Operation not permitted" and the container exits.
  {
    name: 'Uptime Kuma written as its compose file runs it, its entrypoint left to chown /app/data as a user other than root',
    build: uptimeKuma(), layer: 'props', path: 'uptime-kuma', field: 'image',
    hint: /^start the server without the entrypoint, .*command: \['node', 'server\/server\.js'\]; or start it as root, .*rootInitExemption\('exec'/,
  },
  {
    name: 'Uptime Kuma given PUID and PGID of its own user, whose entrypoint still cannot clear its groups with setpriv',
    build: uptimeKuma({ env: { PUID: '1000', PGID: '1000' }, runAsUser: 1000, runAsGroup: 1000 }), layer: 'props', path: 'uptime-kuma', field: 'image',
    message: /setpriv/,
  },
  {
    name: 'Uptime Kuma as a media container, which runs its entrypoint as PUID:PGID and has no command to skip it',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: MEDIA_SETTINGS, containers: { kuma: { image: 'louislam/uptime-kuma:1.23.16', listenPort: 3001, configDir: '/app/data' } },
    })),
    layer: 'props', path: 'media/kuma', field: 'image', hint: /^a media container runs the image's entrypoint.*new App\(this, '<name>', \{ image, command: \['node', 'server\/server\.js'\]/,
  },
  // A .js lab reads the inventory by names it lacks: the export of another site, a pool of another host.
  {
    name: 'an NFS export read by a name the site does not have, as a .js lab reads it',
    build: paperless(() => ({ persistence: { media: { volume: AppVolume.nfs(js<Record<string, never>>(lab.nfs).media), mountPath: '/usr/src/paperless/media' } } })),
    layer: 'props', path: 'main', field: 'nfs.media', message: /^site "lab" has no NFS export "media"$/, hint: /^use one of: share$/,
  },
  {
    name: 'a placement on a ZFS pool read by a name its host does not have, which pinned nothing',
    build: paperless(() => ({ placement: { zfsPool: js<Record<string, never>>(gpu1.zfs).tank } })),
    layer: 'props', path: 'paperless', field: 'placement.zfsPool', message: /placement\.zfsPool is undefined, where a ZFS pool of the inventory/,
  },
  {
    name: 'a placement on a host read by a name the site does not have, which pinned nothing',
    build: paperless(() => ({ placement: { host: js<Record<string, never>>(lab.hosts).gpu2 } })),
    layer: 'props', path: 'paperless', field: 'placement.host', hint: /leave host out of placement/,
  },
  {
    name: 'an App called as a function, without new, as plain JavaScript lets one write it',
    build: guarded((cluster: ClusterChart) => js<(...args: unknown[]) => App>(App)(cluster, 'vaultwarden', { image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 80 }] })),
    layer: 'props', path: 'main', field: 'new', message: /^HomelabApp was called as a function, without new, so no construct was made$/, hint: /^create it with new: new HomelabApp\(this, '<id>', \{ … \}\)$/,
  },
  // A .js lab gives a factory's object as what it is made from, by its word, or the factory uncalled.
  {
    name: "Jellyfin's media given as the site's NFS export, not made by JellyfinMedia",
    build: jellyfin(() => ({ media: lab.nfs.share })), layer: 'props', path: 'jellyfin', field: 'media',
    message: /^media is a NfsExport \("share"\), not made by one of its factories$/, hint: /^make it with JellyfinMedia\.nfs\(mySite\.nfs\.<name>\) or JellyfinMedia\.shared\(volume\)$/,
  },
  {
    name: "Jellyfin's hardware transcoding written as the word of its GPU",
    build: jellyfin(() => ({ hardwareTranscoding: 'intel' })), layer: 'props', path: 'jellyfin', field: 'hardwareTranscoding',
    hint: /^make it with JellyfinTranscoding\.intelQsv\(\), JellyfinTranscoding\.nvidia\(\) or JellyfinTranscoding\.dri/,
  },
  {
    name: "Jellyfin's hardware transcoding given its factory uncalled",
    build: jellyfin(() => ({ hardwareTranscoding: JellyfinTranscoding.intelQsv })), layer: 'props', path: 'jellyfin', field: 'hardwareTranscoding',
    hint: /^call the factory for the object it returns: JellyfinTranscoding\.intelQsv\(\)$/,
  },
  {
    name: "Forgejo's database given its factory uncalled, whose call writes its arguments",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', js({ route: { host: 'git' }, database: ForgejoDatabase.postgres }))),
    layer: 'props', path: 'forgejo', field: 'database', hint: /^call the factory for the object it returns: ForgejoDatabase\.postgres\(\{ host, password: SecretReference\.external\('forgejo', 'db', 'password'\) \}\)$/,
  },
  // The DNS-01 token pasted into the issuer, as the provider's page shows it: refused, and not printed again.
  {
    name: "a Cloudflare API token pasted into cloudflareDns01() as text, which the error does not print back into the log",
    build: guarded((cluster: ClusterChart) => new ClusterIssuer(cluster, 'letsencrypt', {
      name: 'letsencrypt',
      issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'owner@lab.test', solvers: [cloudflareDns01(js({ apiToken: 'Zx9-4kLmN0pQrStUvWxYz0123456789AbCdEfGhI' }))] }),
    })),
    layer: 'props', path: 'letsencrypt', field: 'issuer.solvers[0].apiToken', message: /^cloudflareDns01\(\) was given text of 40 characters as apiToken, not a key of a Secret$/,
  },
  // Ollama on the mini PC with the Intel iGPU, as the README's GPU vendors suggest.
  {
    name: "Ollama's accelerator written as the Intel iGPU of its host, which Ollama's images do not run on",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', js({ accelerator: 'intel', route: { host: 'ollama' } }))),
    layer: 'props', path: 'ollama', field: 'accelerator', hint: /^Ollama's images run models on NVIDIA \(CUDA\) and AMD \(ROCm\) GPUs only, not on an Intel GPU: accelerator: 'cpu'/,
  },
  // Immich's database placed on both hosts "for failover", its data in the GPU host's ZFS pool.
  {
    name: "a database placed on two hosts by name whose claim lives in one host's ZFS pool, which no failover reaches",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'immich-postgres', {
      namespace: 'immich', image: 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0', ports: [{ name: 'pg', port: 5432 }],
      placement: { hosts: [gpu1, arm1] },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
        run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
      },
    })),
    layer: 'inventory', path: 'immich-postgres', field: 'placement.hosts', message: /lives in ZFS pool fast of gpu1, so the pods run on gpu1 alone and never on arm1/,
    hint: /^place it on the host that keeps the data: placement: \{ host: gpu1 \}/,
  },
  // The public URL the old server's compose file gave, copied with the app to the lab's own domain.
  {
    name: "Vaultwarden's DOMAIN copied from the old server, on a host its route does not serve",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'vaultwarden', {
      image: 'vaultwarden/server:1.32.7', env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.example.com' }, ports: [{ name: 'http', port: 8080 }],
      route: { host: 'vault' }, persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    })),
    layer: 'props', path: 'vaultwarden', field: 'env.DOMAIN', hint: /^write the URL of the app's own route host: DOMAIN: 'https:\/\/vault\.lab\.test'$/,
  },
  {
    name: "Paperless-ngx's PAPERLESS_URL on another host than its route, whose logins then fail their CSRF check",
    build: paperless(() => ({ env: { PAPERLESS_URL: 'https://paperless.example.com' }, route: { host: 'docs' } })),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_URL', message: /CSRF check$/,
  },
];
