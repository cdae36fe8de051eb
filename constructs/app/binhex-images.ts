/**
 * binhex's images (`binhex/arch-<app>` on Docker Hub, `ghcr.io/binhex/arch-<app>`), the Community Applications
 * templates Unraid users start from: built on binhex's Arch Linux base, whose `init.sh`, under `set -e`, changes the
 * user `nobody` to `PUID` (99 unless set) and the group `users` to `PGID` (100) with `usermod` and `groupmod`, writes
 * `UMASK` into the supervisor settings under `/etc/supervisor/conf.d`, takes ownership of `/config`, then supervisord,
 * as root, runs the app as `nobody`. Its VPN images (`arch-qbittorrentvpn`, `arch-delugevpn`, `arch-sabnzbdvpn`) add
 * OpenVPN or WireGuard to the same init.
 */
export const BINHEX_IMAGE = /^((docker\.io|ghcr\.io)\/)?binhex\/arch-[a-z0-9-]+(?=[:@]|$)/;

/**
 * The app an image is, by the last part of its repository without registry, tag or digest (`lidarr` of
 * `lscr.io/linuxserver/lidarr:2.9.6`), lower case; binhex's `arch-` prefix and its VPN images' `vpn` suffix are
 * taken off (`binhex/arch-qbittorrentvpn` is qBittorrent, `binhex/arch-sonarr` Sonarr), as every other publisher
 * names the repository after the app. Pure.
 */
export function imageAppName(image: string): string {
  const name = image.split('@')[0];
  const last = name.slice(name.lastIndexOf('/') + 1).split(':')[0].toLowerCase();
  const binhex = BINHEX_IMAGE.test(image.toLowerCase()) ? /^arch-([a-z0-9-]+?)(vpn)?$/.exec(last) : null;
  return binhex === null ? last : binhex[1];
}
