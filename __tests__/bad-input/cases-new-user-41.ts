import type { ClusterChart } from '../../constructs';
import { App, AppVolume, MediaContainers } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's month, from the README alone: Jellyfin, Home Assistant, Immich, Paperless-ngx, Vaultwarden,
// Nextcloud, Minecraft, Uptime Kuma and Ollama on three mini PCs, backups to a NAS, a second site on a VPS.
// Most of its mistakes were refused already (earlier rounds); these are the ones that passed.

const MEDIA_SETTINGS = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

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
];
