import { RootInit, rootInitCapabilities, rootInitExemption, ROOT_SUPERVISOR_CAPABILITIES, SecurityExemptions } from './security';
import type { PropProblem } from '../validation/known-props';
import { PropContainer, propContainers, PropContainersProps, propEnvValue } from './prop-containers';
import { NETBOOT_XYZ_IMAGE } from './netboot-tftp';
import { FRESHRSS_IMAGE, KARAKEEP_IMAGE } from './household-app-images';
import { ROUNDCUBE_APACHE_IMAGE, ROUNDCUBE_ROOT_IMAGE } from './roundcube-images';
import { ANUJDATAR_CUPS_IMAGE, CUPS_AIRPRINT_RELAY_IMAGE } from './cups-images';
import { POSTFIX_RELAY_IMAGE } from './postfix-relay-image';
import { imageRows } from './image-rows';
import { BINHEX_IMAGE } from './binhex-images';

/**
 * linuxserver.io images (`lscr.io/linuxserver/…`, `ghcr.io/linuxserver/…`, `linuxserver/…` on Docker Hub): their
 * init, s6-overlay, starts as root, writes its service tree under `/run`, takes ownership of `/config`, runs the
 * app as `PUID:PGID` and stays root to supervise it.
 */
export const LINUXSERVER_IMAGE = /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\//;

/**
 * Home Assistant's own container images (`ghcr.io/home-assistant/home-assistant`, `homeassistant/home-assistant`
 * and the per-board ones such as `homeassistant/raspberrypi4-homeassistant`): s6-overlay, their init, writes its
 * service tree under `/run` and runs Home Assistant as root, the only way the project supports.
 */
export const HOME_ASSISTANT_IMAGE = /^(ghcr\.io\/home-assistant\/|(docker\.io\/)?homeassistant\/)([a-z0-9]+-)?home-?assistant(?=[:@]|$)/;

/** Frigate's image (`ghcr.io/blakeblackshear/frigate`, `blakeblackshear/frigate`): its init is s6-overlay (`ENTRYPOINT ["/init"]`). */
export const FRIGATE_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)blakeblackshear\/frigate(?=[:@]|$)/;

/**
 * hotio's images (`ghcr.io/hotio/…`, `hotio/…` on Docker Hub): built on hotio's base, whose init, s6-overlay
 * (`ENTRYPOINT ["/init"]`), starts as root and runs the app as `PUID:PGID`, with `/config` as its volume.
 */
const HOTIO_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)hotio\//;

/**
 * Paperless-ngx's image (`ghcr.io/paperless-ngx/paperless-ngx`, `paperlessngx/paperless-ngx`): its init, s6-overlay,
 * writes its environment under `/run/s6` as it starts; as root it maps the paperless user to `USERMAP_UID` and runs
 * the web server as that user, as another user it runs everything as that user.
 */
export const PAPERLESS_IMAGE = /^(ghcr\.io\/paperless-ngx\/|(docker\.io\/)?paperlessngx\/)paperless-ngx(?=[:@]|$)/;

/**
 * Uptime Kuma's image (`louislam/uptime-kuma`): its entrypoint (`extra/entrypoint.sh`, under `set -e`) gives `/app/data`
 * to `PUID:PGID` (root unless set) with `chown -R` and runs the server as them with `setpriv --clear-groups`.
 */
const UPTIME_KUMA_IMAGE = /^(docker\.io\/)?louislam\/uptime-kuma(?=[:@]|$)/;

/**
 * Monica's images (the official `monica`, and `monicahq/monicahq` it was published as before), Apache and PHP-FPM alike:
 * its entrypoint, under `set -Eeo pipefail`, gives `/var/www/html/storage` to www-data with `chown -R` before it runs its
 * migrations; then Apache (or PHP-FPM's master), as root, binds its port and runs its workers as www-data.
 */
const MONICA_IMAGE = /^((docker\.io\/)?(library\/)?monica|(docker\.io\/)?monicahq\/monicahq)(?=[:@]|$)/;

/** wallabag's image, from Docker Hub or GitHub's registry. */
const WALLABAG_IMAGE = /^((docker\.io|ghcr\.io)\/)?wallabag\/wallabag(?=[:@]|$)/;

/** ArchiveBox's image, from Docker Hub or GitHub's registry. */
const ARCHIVEBOX_IMAGE = /^((docker\.io|ghcr\.io)\/)?archivebox\/archivebox(?=[:@]|$)/;

/**
 * Trilium's image (`triliumnext/trilium`, `triliumnext/notes` before, `zadam/trilium` of its first author), except the
 * `-rootless` tags built to run as their user: its start script changes the node user's ids to `USER_UID:USER_GID`,
 * gives `/home/node` to it with `chown` and runs the server as it with `su`, which fails as another user than root.
 */
const TRILIUM_IMAGE = /^(docker\.io\/)?(triliumnext\/(trilium|notes)|zadam\/trilium)(?=[:@]|$)(?![^@]*rootless)/;

/**
 * Baserow's all-in-one image (`baserow/baserow`, not the `backend` and `web-frontend` images of its split setup, built
 * to run as their user): its entrypoint, under `set -euo pipefail`, gives the folders of its data volume to its
 * user (`baserow_docker_user`, 9999) and to its embedded Redis and PostgreSQL with `chown`, and its start script
 * moves the supervisor files of the embedded servers it runs into `/baserow/supervisor/includes`; supervisord then
 * stays root and runs Caddy, the backend, the web frontend and the Celery workers as that user.
 */
const BASEROW_ALL_IN_ONE_IMAGE = /^(docker\.io\/)?baserow\/baserow(?=[:@]|$)/;

/** Stirling-PDF's images (`stirlingtools/stirling-pdf`, formerly `frooodle/s-pdf`): its init script starts as root and switches with `su-exec`. */
export const STIRLING_PDF_IMAGE = /^((docker\.io|ghcr\.io)\/)?(stirlingtools\/stirling-pdf|stirling-tools\/stirling-pdf|frooodle\/s-pdf)(?=[:@]|$)/;

/**
 * Spoolman's image (`ghcr.io/donkie/spoolman`): its entrypoint changes the user `app` to `PUID:PGID` with `usermod`
 * and starts uvicorn as that user with `gosu` (`su-exec` in older releases), which fails as any user but root.
 */
export const SPOOLMAN_IMAGE = /^ghcr\.io\/donkie\/spoolman(?=[:@]|$)/;

/**
 * OctoPrint's main image (`octoprint/octoprint`, not its `minimal` variants, which run OctoPrint alone as user 1000):
 * its init, s6-overlay, supervises OctoPrint (started as root, `--iknowwhatimdoing`), haproxy and mjpg-streamer.
 */
export const OCTOPRINT_IMAGE = /^(docker\.io\/)?octoprint\/octoprint(?=[:@]|$)(?![^@]*minimal)/;

/**
 * Official Docker Hub images whose entrypoint starts as root, gives its folders to its own user and replaces
 * itself with the server run as that user (`gosu`). By repository name, with or without `docker.io/library/`.
 */
const OFFICIAL_EXEC_TO_USER = /^(docker\.io\/)?(library\/)?(postgres|mariadb|mysql|mongo|redis|rabbitmq)(?=[:@]|$)/;

/**
 * Official Docker Hub images whose server's master process stays root and runs its workers as another user,
 * which it stops by signal (Apache, nginx, and Nextcloud's or WordPress's Apache or PHP-FPM; not WordPress's
 * `cli` images, which run WP-CLI as their own user).
 */
const OFFICIAL_ROOT_MASTER = /^(docker\.io\/)?(library\/)?(nginx|httpd|nextcloud|wordpress(?=[:@]|$)(?![^@]*cli))(?=[:@]|$)/;

/**
 * Baïkal's nginx image (`ckulka/baikal` with an `nginx` tag), built on the official nginx image: an entrypoint script
 * starts PHP-FPM through its init script (its master stays root, its workers run as nginx, its socket is
 * `/var/run/php-fpm.sock`), then nginx, as root, binds port 80 and runs its workers as nginx.
 */
const BAIKAL_NGINX_IMAGE = /^(docker\.io\/)?ckulka\/baikal:[^@]*nginx/;

/** Gitea's image with a `-rootless` tag, built to run as user 1000 with `/var/lib/gitea` and `/etc/gitea` as its volumes. */
export const GITEA_ROOTLESS_IMAGE = /^(docker\.io\/)?gitea\/gitea:[^@]*rootless/;

/**
 * Gitea's rootful image (a tag without `-rootless`): its entrypoint rewrites `/etc/passwd` for `USER_UID` and
 * starts s6-svscan, which writes its control folders under `/etc/s6` and runs Gitea (as `USER`) and its SSH server.
 */
const GITEA_ROOTFUL_IMAGE = /^(docker\.io\/)?gitea\/gitea(?=[:@]|$)(?![^@]*rootless)/;

/** Plex's official image (`plexinc/pms-docker`): its init, s6-overlay 2, starts as root and runs Plex as `PLEX_UID:PLEX_GID`. */
const PLEX_IMAGE = /^(docker\.io\/)?plexinc\/pms-docker(?=[:@]|$)/;

/**
 * Pi-hole's image: its start script, run as root, changes the pihole user's id, writes its crontab and sets
 * pihole-FTL's capabilities on its binary (`setcap`), which it then starts as that user (`capsh`), and stops it
 * by signal. It exits when it finds none of the capabilities it sets.
 */
export const PIHOLE_IMAGE = /^(docker\.io\/)?pihole\/pihole(?=[:@]|$)/;

/** The capabilities Pi-hole's start script gives pihole-FTL (DNS on port 53) and needs to give them. */
const PIHOLE_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP'];

/** What an image that starts as root writes on its root filesystem as it starts. */
const S6_WRITES = 's6-overlay writes its service tree under /run';
const PIHOLE_WRITES = "its start script writes its crontab and sets the capabilities of the pihole-FTL binary";

/**
 * The facts about an image that starts as root and drops its privileges itself, or undefined for another image:
 * an image built to start as root ({@link ROOT_ONLY_IMAGES}, one row each), or an official image that switches
 * to its own user (Roundcube's, but its `-nonroot` variant, as the official Apache and PHP images it is built on). Pure.
 */
export function rootStartedImage(image: string): RootStartedImage | undefined {
  const rootOnly = imageRows(ROOT_ONLY_IMAGES, image)[0];
  if (rootOnly !== undefined) {
    // A supervisor stays root over the app it runs as its user; s6-overlay's tree is the writable root it needs.
    return rootOnly.s6Overlay ? { s6Overlay: true, init: 'supervisor' }
      : {
        // The row's own word first: an entrypoint that `exec`s into the app (gosu, su-exec) leaves no root to stop it.
        s6Overlay: false, init: rootOnly.init ?? (rootOnly.serverCommand !== undefined ? 'exec' : 'supervisor'),
        ...(rootOnly.writes !== undefined ? { writesRoot: rootOnly.writes } : {}), ...(rootOnly.also.length > 0 ? { also: rootOnly.also } : {}),
      };
  }
  if (OFFICIAL_ROOT_MASTER.test(image) || ROUNDCUBE_ROOT_IMAGE.test(image)) {
    return { s6Overlay: false, init: 'supervisor' };
  }
  return OFFICIAL_EXEC_TO_USER.test(image) ? { s6Overlay: false, init: 'exec' } : undefined;
}

/** How an image that starts as root hands its work to its own user, as {@link rootStartedImage} tells it. */
export interface RootStartedImage {
  /** Its init is s6-overlay, which writes its service tree under `/run`. */
  readonly s6Overlay: boolean;
  readonly init: RootInit;
  /** What it writes on its root filesystem as it starts, beside s6-overlay's tree. @default - nothing */
  readonly writesRoot?: string;
  /** Capabilities it needs beside {@link rootInitCapabilities}. @default - none */
  readonly also?: readonly string[];
}

/** A container as the check reads it: its image, entrypoint override and exemptions. */
export interface RootStartedContainer {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly exemptions?: Pick<SecurityExemptions, 'runAsRoot' | 'writableRootFilesystem' | 'privileged' | 'addCapabilities'>;
}

/**
 * A container run as root (`exemptions.runAsRoot`) from an image that drops to its own user by itself, with
 * its capabilities still dropped: the image's `chown` and `setuid` fail with "Operation not permitted" (and
 * s6-overlay cannot write `/run` on a read-only root), so the container never starts; and an init that stays
 * root without `KILL` cannot signal the app to stop it, which then dies by SIGKILL at every stop. The
 * exemptions the image needs are departures the app states with their reasons, so they are not added without
 * a word: the note names what to write, on the `runAsRoot` exemption. None for a privileged container (it has
 * every capability) or a replaced entrypoint (`command`), which does not switch users. `prefix` is how the
 * props are named, e.g. `''` or `sidecars[0].`. Pure.
 */
export function rootStartNote(container: RootStartedContainer | null | undefined, prefix: string): { field: string; message: string; hint: string } | undefined {
  const exemptions = container?.exemptions;
  if (typeof container?.image !== 'string' || typeof exemptions?.runAsRoot !== 'string' || exemptions.privileged !== undefined || container.command !== undefined) {
    return undefined;
  }
  const image = rootStartedImage(container.image);
  if (image === undefined) {
    return undefined;
  }
  const added = Array.isArray(exemptions.addCapabilities?.capabilities) ? exemptions.addCapabilities!.capabilities : [];
  const missing = [...rootInitCapabilities(image.init), ...image.also ?? []].filter((cap) => !added.includes(cap));
  const cannotStart = missing.some((cap) => !ROOT_SUPERVISOR_CAPABILITIES.includes(cap));
  const cannotStop = missing.some((cap) => ROOT_SUPERVISOR_CAPABILITIES.includes(cap));
  const readOnlyRun = (image.s6Overlay || image.writesRoot !== undefined) && exemptions.writableRootFilesystem === undefined;
  if (missing.length === 0 && !readOnlyRun) {
    return undefined;
  }
  const wanted = rootInitExemption(image.init, 'its entrypoint takes ownership of its folders and switches to its own user', [...image.also ?? [], ...added]);
  const writes = image.writesRoot ?? S6_WRITES;
  const needs = [
    ...(missing.length > 0 ? [`the capabilities ${missing.join(', ')}, which its container drops`] : []),
    ...(readOnlyRun ? [image.writesRoot === undefined ? 'a writable /run for s6-overlay, on a read-only root filesystem' : `a writable root filesystem (${image.writesRoot})`] : []),
  ];
  const outcomes = [
    ...(cannotStart || readOnlyRun ? ['it would stop with "Operation not permitted"'] : []),
    ...(cannotStop ? ['its init, which stays root, could not signal the app to stop it, which would die by SIGKILL at every stop instead of shutting down'] : []),
  ];
  const write = [
    ...(missing.length > 0 ? [`addCapabilities: { capabilities: [${wanted.capabilities.map((cap) => `'${cap}'`).join(', ')}], reason: '${wanted.reason}' }`] : []),
    ...(readOnlyRun ? [`writableRootFilesystem: '${writes}'`] : []),
  ];
  return {
    field: `${prefix}exemptions.runAsRoot`,
    message: `image "${container.image}" starts as root, takes ownership of its folders and switches to its own user, which needs ${needs.join(' and ')}: ${outcomes.join('; ')}`,
    hint: `state them beside runAsRoot: ${prefix}exemptions: { runAsRoot: '…', ${write.join(', ')} }; or run it as its own user with runAsUser and no runAsRoot, where the image supports that`,
  };
}

/** An image that cannot start as a non-root user on a read-only root, and what the finding tells of it. */
interface RootOnlyImage {
  readonly image: RegExp;
  /** Whose image it is, after "is". */
  readonly owner: string;
  /** What it does as it starts, which a non-root user on a read-only root cannot. */
  readonly starts: string;
  /** The variables that pick the user it runs the app as. @default - none: it runs the app as {@link RootOnlyImage.runsAs} */
  readonly ids?: readonly [string, string];
  /** The user it runs the app as, where no variable picks it (`nobody`). @default - the user its `ids` pick */
  readonly runsAs?: string;
  /** Why it needs a writable root, as the exemption says it. @default - it writes nothing on its root: a writable root does not help it */
  readonly writes?: string;
  /** Capabilities it needs beside {@link rootInitCapabilities}. */
  readonly also: readonly string[];
  /** Its init is s6-overlay, which writes its service tree under `/run`. */
  readonly s6Overlay: boolean;
  /** A volume at `/run` lets it run as its user (s6-overlay 3 supports that). */
  readonly runVolume: boolean;
  /** Said after the exemptions. */
  readonly note: string;
  /** How its init runs the app: a supervisor that stays root and stops it by signal, or `exec` into it (`su-exec`, `gosu`). @default 'supervisor' */
  readonly init?: 'supervisor' | 'exec';
  /**
   * The command that starts the server without the entrypoint, as the Dockerfile's `CMD` does, for an image whose
   * entrypoint script alone switches users and then `exec`s into the server: given as `command`, the server runs as
   * the container's user, which the hint offers first. @default - the image's server needs its init
   */
  readonly serverCommand?: string;
}

/** A row of an image whose server's master process stays root and runs its workers as the image's user, started by no s6-overlay. */
const MASTER_OVER_WORKERS: Pick<RootOnlyImage, 'also' | 's6Overlay' | 'runVolume' | 'note'> = { also: [], s6Overlay: false, runVolume: false, note: '' };

/**
 * Images built to start as root, which stop as they start run as a non-root user on a read-only root:
 * linuxserver.io's (s6-overlay 3), hotio's (s6-overlay, `ENTRYPOINT ["/init"]`) and Paperless-ngx's (s6-overlay 3,
 * whose `init-start` writes under `/var/run/s6`), Plex's official image (s6-overlay 2, `ENTRYPOINT ["/init"]`, which must
 * start as root), Pi-hole's (its start script runs `usermod`, writes its crontab, `setcap`s pihole-FTL and
 * exits when it finds none of those capabilities), Gitea's rootful image (s6-svscan writes under `/etc/s6`) and
 * Stirling-PDF's (its init script takes ownership of the image's folders and its own, then runs the server as
 * `PUID:PGID` with `su-exec`; as another user its `chown` fails and the server cannot write its logs), and netboot.xyz's
 * (its init script adds the user `PUID:PGID` to `/etc/passwd` and gives it its folders, then supervisord stays root
 * and runs the web app and dnsmasq as that user), Uptime Kuma's and Spoolman's (their entrypoints switch users with
 * `setpriv` and `gosu`, which fail as another user than root), ArchiveBox's (its entrypoint, under `set -o errexit`, changes
 * its `archivebox` user's ids to `PUID:PGID` with `usermod` and `groupmod`, makes and gives it `/data` and the
 * browsers' folder `/browsers` with `mkdir` and `chown`, then `exec`s ArchiveBox as that user with `gosu`), and wallabag's
 * (its entrypoint, under `set -e`, writes `parameters.yml` and its PHP settings, runs its install and `composer` as
 * `nobody` with `su`, then `s6-svscan`, as root, supervises nginx and PHP-FPM, whose workers run as `nobody`), Baïkal's nginx
 * image (PHP-FPM started through its init script and nginx on port 80, both masters root over workers run as nginx), FreshRSS's
 * (its entrypoint writes `LISTEN`, `TZ` and the `CRON_MIN` crontab into files under `/etc` and `/var/spool/cron`, then its
 * `CMD` starts cron, stopping where it cannot, and Apache, whose workers run as www-data), Roundcube's
 * Apache image (its entrypoint copies Roundcube into `/var/www/html` and writes its configuration there, then Apache binds
 * port 80 as root and runs its workers as www-data; its `-nonroot` variant is built to run as www-data on 8000), Monica's
 * (its entrypoint `chown`s its storage folder under `set -e`, then Apache or PHP-FPM, as root, runs workers as www-data), and Trilium's
 * (its start script gives `/home/node` to its node user and runs the server as it with `su`), and Baserow's all-in-one image (its
 * entrypoint `chown`s the folders of its data volume under `set -euo pipefail`, then supervisord, as root, runs its services as
 * `baserow_docker_user`), and the CUPS images of {@link ANUJDATAR_CUPS_IMAGE} and {@link CUPS_AIRPRINT_RELAY_IMAGE}
 * (each adds its admin user to `/etc/shadow` with `chpasswd` as it starts; cupsd stays root, binds port 631 and runs
 * its filters and backends as lp), and boky/postfix (its start scripts write Postfix's settings with `postconf` and give
 * its queue to postfix; Postfix's master, root by design, runs its daemons as postfix), and binhex's (see {@link BINHEX_IMAGE}:
 * its init changes `nobody` to `PUID` and `users` to `PGID` with `usermod` and `groupmod` under `set -e`, so as another
 * user it stops at its first `usermod`).
 */
const ROOT_ONLY_IMAGES: readonly RootOnlyImage[] = [
  {
    image: BINHEX_IMAGE, owner: "binhex's",
    starts: "whose init starts as root under set -e: it changes the user nobody to PUID and the group users to PGID with usermod and groupmod, writes UMASK into its supervisor settings and takes ownership of /config, then supervisord, as root, runs the app as nobody",
    ids: ['PUID', 'PGID'], writes: 'its init changes the ids of nobody and users in /etc/passwd and /etc/group and writes UMASK into its supervisor settings',
    also: [], s6Overlay: false, runVolume: false, note: '',
  },
  {
    image: POSTFIX_RELAY_IMAGE, owner: "boky/postfix's",
    starts: "whose start scripts run as root: they write Postfix's and OpenDKIM's settings under /etc/postfix and /etc/opendkim with postconf and give the queue under /var/spool/postfix to postfix, then Postfix's master, root by design, runs its daemons as postfix",
    runsAs: 'postfix', writes: "its start scripts write Postfix's and OpenDKIM's settings under /etc/postfix and /etc/opendkim", ...MASTER_OVER_WORKERS,
  },
  {
    image: LINUXSERVER_IMAGE, owner: "linuxserver.io's", starts: 'whose init (s6-overlay) starts as root and writes its service tree under /run',
    ids: ['PUID', 'PGID'], writes: S6_WRITES, also: [], s6Overlay: true, runVolume: true, note: ' (MediaContainers does so by itself)',
  },
  {
    image: PLEX_IMAGE, owner: "Plex's official image", starts: 'whose init (s6-overlay 2) must start as root, writes its service tree under /run and takes ownership of /config',
    ids: ['PLEX_UID', 'PLEX_GID'], writes: S6_WRITES, also: [], s6Overlay: true, runVolume: false, note: '',
  },
  {
    image: PIHOLE_IMAGE, owner: "Pi-hole's", starts: "whose start script runs as root: it changes the pihole user's id, writes its crontab and sets pihole-FTL's capabilities on its binary (NET_BIND_SERVICE for DNS on port 53), and stops when it has none of them to set",
    ids: ['PIHOLE_UID', 'PIHOLE_GID'], writes: PIHOLE_WRITES, also: PIHOLE_CAPABILITIES, s6Overlay: false, runVolume: false, note: '',
  },
  {
    image: GITEA_ROOTFUL_IMAGE, owner: "Gitea's rootful image", starts: 'whose entrypoint rewrites /etc/passwd for USER_UID and whose supervisor (s6-svscan) writes its control folders under /etc/s6 and runs Gitea and its SSH server',
    ids: ['USER_UID', 'USER_GID'], writes: 's6-svscan writes its control folders under /etc/s6', also: [], s6Overlay: false, runVolume: false,
    note: "; better, use the image's -rootless tag (gitea/gitea:<version>-rootless), built to run as user 1000 with volumes at /var/lib/gitea and /etc/gitea",
  },
  {
    image: HOTIO_IMAGE, owner: "hotio's", starts: 'whose init (s6-overlay) starts as root and writes its service tree under /run',
    ids: ['PUID', 'PGID'], writes: S6_WRITES, also: [], s6Overlay: true, runVolume: true, note: '',
  },
  {
    image: PAPERLESS_IMAGE, owner: "Paperless-ngx's", starts: 'whose init (s6-overlay) starts as root and writes its service tree and environment under /run',
    ids: ['USERMAP_UID', 'USERMAP_GID'], writes: S6_WRITES, also: [], s6Overlay: true, runVolume: true,
    note: "; or run it as its user, which its init supports, with an emptyDir at /run and s6-overlay told to take it: persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/run' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' }",
  },
  {
    image: STIRLING_PDF_IMAGE, owner: "Stirling-PDF's", starts: 'whose init script starts as root, takes ownership of its folders (/configs, /logs, /customFiles, its tessdata) and runs the server as PUID:PGID with su-exec',
    ids: ['PUID', 'PGID'], writes: 'its init script takes ownership of folders of the image', also: [], s6Overlay: false, runVolume: false, note: '', init: 'exec',
  },
  {
    image: NETBOOT_XYZ_IMAGE, owner: "netboot.xyz's", starts: 'whose init script starts as root, adds its user PUID:PGID to /etc/passwd and gives it /assets, /config and /run, then supervisord, as root, runs nginx, the web app and dnsmasq',
    ids: ['PUID', 'PGID'], writes: 'its init script adds its user to /etc/passwd', also: [], s6Overlay: false, runVolume: false, note: '',
  },
  {
    image: SPOOLMAN_IMAGE, owner: "Spoolman's",
    starts: 'whose entrypoint changes its user app to PUID:PGID with usermod and starts the server as that user with gosu (su-exec before), which fails as another user than root ("setgroups: Operation not permitted")',
    ids: ['PUID', 'PGID'], also: [], s6Overlay: false, runVolume: false, note: '', init: 'exec',
    serverCommand: "['uvicorn', 'spoolman.main:app', '--host', '0.0.0.0', '--port', '8000']",
  },
  {
    image: WALLABAG_IMAGE, owner: "wallabag's",
    starts: 'whose entrypoint starts as root under set -e: it writes its parameters.yml and PHP settings, runs its install and composer as nobody with su, then s6-svscan, as root, supervises nginx and PHP-FPM, whose workers run as nobody',
    runsAs: 'nobody', writes: 'its entrypoint writes parameters.yml, its PHP settings and its cache, and s6-svscan its control folders under /etc/s6',
    ...MASTER_OVER_WORKERS,
  },
  {
    image: ARCHIVEBOX_IMAGE, owner: "ArchiveBox's",
    starts: "whose entrypoint starts as root under set -o errexit: it changes the archivebox user's ids with usermod, gives /data and /browsers to PUID:PGID (911 unless set) with chown and runs ArchiveBox as them with gosu",
    ids: ['PUID', 'PGID'], writes: 'its entrypoint changes the ids of its user in /etc/passwd and makes a folder under /browsers', also: [], s6Overlay: false, runVolume: false, note: '', init: 'exec',
  },
  {
    image: BAIKAL_NGINX_IMAGE, owner: "Baïkal's nginx image",
    starts: 'built on the official nginx image, whose entrypoint starts PHP-FPM through its init script (its master stays root and runs its workers as nginx) and then nginx, as root, on port 80',
    runsAs: 'nginx', writes: 'PHP-FPM writes its socket and pid file under /var/run, nginx its pid file and cache', ...MASTER_OVER_WORKERS,
  },
  {
    image: ROUNDCUBE_APACHE_IMAGE, owner: "Roundcube's Apache image",
    starts: 'whose entrypoint, run as root, copies Roundcube into its document root /var/www/html, writes its configuration there and gives its SQLite folder to www-data, then Apache, as root, binds port 80 and runs its workers as www-data',
    runsAs: 'www-data', writes: 'its entrypoint copies Roundcube into /var/www/html and writes its configuration there, and Apache its pid file under /var/run/apache2',
    ...MASTER_OVER_WORKERS,
    note: "; or use its non-root image, built to run as www-data on port 8000 (image: 'roundcube/roundcubemail:<version>-apache-nonroot', ports: [{ name: 'http', port: 8000 }]), with volumes where its entrypoint and Apache still write (/var/www/html, /var/run/apache2, /var/lock/apache2)",
  },
  {
    image: MONICA_IMAGE, owner: "Monica's",
    starts: 'whose entrypoint, run as root under set -e, gives /var/www/html/storage to www-data with chown -R before it runs its migrations, then Apache (or PHP-FPM), as root, binds its port and runs its workers as www-data',
    runsAs: 'www-data', writes: 'Apache writes its pid file under /var/run/apache2, and the entrypoint its app key into /var/www/html/.env where APP_KEY is not given',
    ...MASTER_OVER_WORKERS,
  },
  {
    image: UPTIME_KUMA_IMAGE, owner: "Uptime Kuma's",
    starts: 'whose entrypoint gives /app/data to PUID:PGID (root unless set) with chown and runs the server as them with setpriv, either of which fails as another user than root, under set -e',
    ids: ['PUID', 'PGID'], also: [], s6Overlay: false, runVolume: false, note: '', init: 'exec', serverCommand: "['node', 'server/server.js']",
  },
  {
    image: BASEROW_ALL_IN_ONE_IMAGE, owner: "Baserow's all-in-one image",
    starts: 'whose entrypoint starts as root under set -euo pipefail: it gives the folders of /baserow/data to its user and to its embedded Redis and PostgreSQL with chown, then supervisord, as root, runs Caddy, the backend, the web frontend and the Celery workers as that user',
    runsAs: 'baserow_docker_user (9999)', writes: 'its start script moves the supervisor files of its embedded Redis and PostgreSQL into /baserow/supervisor/includes',
    ...MASTER_OVER_WORKERS,
    note: "; or run its split images, built to run as their own user (baserow/backend and baserow/web-frontend, behind the route's path rules)",
  },
  {
    image: TRILIUM_IMAGE, owner: "Trilium's",
    starts: "whose start script changes its node user's ids to USER_UID:USER_GID with usermod and groupmod, gives /home/node to it with chown and runs the server as it with su, which fails as another user than root",
    ids: ['USER_UID', 'USER_GID'], also: [], s6Overlay: false, runVolume: false, note: '', init: 'exec',
  },
  {
    image: FRESHRSS_IMAGE, owner: "FreshRSS's",
    starts: 'whose entrypoint, run as root, writes LISTEN into its Apache site, TZ into its php.ini and the CRON_MIN schedule into root\'s crontab, then starts cron (the container stops where cron cannot start) and Apache, as root, which binds port 80 unless LISTEN moves it and runs its workers as www-data',
    runsAs: 'www-data', writes: 'its entrypoint edits its Apache and PHP settings under /etc and writes its crontab, and Apache its pid file under /var/run/apache2',
    ...MASTER_OVER_WORKERS,
  },
  {
    image: ANUJDATAR_CUPS_IMAGE, owner: "anujdatar's CUPS image",
    starts: 'whose init (s6-overlay) starts as root, adds CUPSADMIN to /etc/shadow with useradd and chpasswd, and supervises cupsd, which stays root, binds port 631 and runs its filters and backends as lp',
    runsAs: 'lp', writes: 's6-overlay writes its service tree under /run, and its init script adds the admin user to /etc/shadow',
    also: [], s6Overlay: true, runVolume: false, note: '',
  },
  {
    image: CUPS_AIRPRINT_RELAY_IMAGE, owner: "chuckcharlie's AirPrint relay",
    starts: 'whose start script, run as root under set -e, adds CUPSADMIN with adduser and chpasswd, writes its settings into /etc/cups and starts dbus-daemon and avahi-daemon, then cupsd, which stays root, binds port 631 and runs its filters and backends as lp',
    runsAs: 'lp', writes: 'its start script adds the admin user to /etc/shadow and writes /etc/cups', ...MASTER_OVER_WORKERS,
  },
];

/**
 * Containers of an image built to start as root ({@link ROOT_ONLY_IMAGES}) run as their non-root user (no
 * `runAsRoot`) on a read-only root: the image's init or start script cannot write what it writes there, so
 * the container stops as it starts, and the user ids a compose file gives it (`PUID`/`PGID`) are never read.
 * One error per container, on its `image` (`image`, `sidecars[0].image`), privileged or not (a process of a user
 * other than root holds none of its capabilities). A replaced entrypoint (`command`), a writable root or, for
 * linuxserver.io's and hotio's, a volume at `/run` (s6-overlay 3 runs as a user other than root where it may
 * write there) is left alone. `app` is the main container's name. Pure.
 */
export function nonRootStartProblems(props: PropContainersProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const exemptions = container.exemptions ?? {};
    const s6Run = typeof container.image === 'string' ? imageRows(S6_RUN_IMAGES, container.image)[0] : undefined;
    if (s6Run !== undefined) {
      return s6RunStartProblems(s6Run, container, exemptions, prefix, entry.mountPaths);
    }
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(ROOT_ONLY_IMAGES, image)[0] : undefined;
    // A privileged container run as another user than root is no help: its process holds none of the capabilities.
    if (known === undefined || container.command !== undefined || exemptions.runAsRoot !== undefined
      // A writable root lets s6-overlay write /run only as root, or through its setuid helper where privileges may escalate.
      || (known.writes !== undefined && exemptions.writableRootFilesystem !== undefined && (!known.s6Overlay || exemptions.privilegeEscalation !== undefined))) {
      return [];
    }
    if (known.runVolume && entry.mountPaths.has('/run')) {
      return known.image === PAPERLESS_IMAGE && paperlessBeforeS6(image as string) ? [] : s6RunVolumeProblems(container, prefix);
    }
    const runsAs = known.ids === undefined ? known.runsAs ?? 'its own user' : known.ids.join(':');
    const also = known.also.length === 0 ? '' : `, [${known.also.map((cap) => `'${cap}'`).join(', ')}]`;
    const asRoot = `${prefix}exemptions: { runAsRoot: 'its init starts as root, then runs the app as ${runsAs}', `
      + `addCapabilities: rootInitExemption('${known.init ?? 'supervisor'}', 'switches to ${runsAs}'${also})`
      + `${known.writes === undefined ? '' : `, writableRootFilesystem: '${known.writes}'`} }${known.note}`;
    return [{
      field: `${prefix}image`,
      message: `image "${String(image)}" is ${known.owner}, ${known.starts}; run as its non-root user${known.writes === undefined ? '' : exemptions.writableRootFilesystem !== undefined ? ', even on a writable root, where /run is root\'s,' : ' on a read-only root'} it stops as it starts`
        + (known.ids === undefined ? '' : `, and ${known.ids[0]} and ${known.ids[1]} are never read`),
      hint: known.serverCommand !== undefined
        ? `start the server without the entrypoint, as the container's own user (the volumes belong to its group already): ${prefix}command: ${known.serverCommand}; or start it as root, as the image is built: ${asRoot}`
        : `start it as root, as the image is built${known.ids === undefined ? '' : `, and ${runsAs} pick the user it runs the app as`}: ${asRoot}; or use an image built to run as its user`,
    }];
  });
}

/** An image whose init, s6-overlay, writes its service tree under `/run` however it is run, and what the finding tells of it. */
interface S6RunImage {
  readonly image: RegExp;
  /** Whose image it is, after "is". */
  readonly owner: string;
  /** What it does as its own user, which a container run as another user is told. */
  readonly runs: string;
  /** The reason of the `runAsRoot` the hint writes. */
  readonly asRoot: string;
  /** Said after the exemptions. @default - nothing */
  readonly instead?: string;
}

/**
 * Images whose init, s6-overlay, writes its service tree under `/run` as root or not: Home Assistant's own,
 * which runs Home Assistant as root, the only way the project supports, Frigate's (`ENTRYPOINT ["/init"]`) and
 * OctoPrint's main image, whose s6-overlay runs OctoPrint as root beside haproxy and the webcam's mjpg-streamer, and
 * Karakeep's (Hoarder's before; `ENTRYPOINT ["/init"]`), whose s6-overlay, started as another user, takes `/run` for
 * that user through its setuid helper, which a pod that may not escalate privileges denies ("/run belongs to uid 0
 * instead of 1000 … and we're lacking the privileges to fix it").
 */
const S6_RUN_IMAGES: readonly S6RunImage[] = [
  {
    image: HOME_ASSISTANT_IMAGE, owner: "Home Assistant's", runs: 'runs Home Assistant as root', asRoot: 'the image runs Home Assistant as root',
    instead: 'or use an image built to run as its user (ghcr.io/home-operations/home-assistant), or the HomeAssistantVm construct',
  },
  { image: FRIGATE_IMAGE, owner: "Frigate's", runs: 'starts as root', asRoot: 'its init (s6-overlay) starts as root, as the image is built' },
  {
    image: OCTOPRINT_IMAGE, owner: "OctoPrint's", runs: 'runs OctoPrint, haproxy and mjpg-streamer as root', asRoot: 'its init (s6-overlay) runs OctoPrint as root, as the image is built',
    instead: 'or use its minimal variant (a tag with minimal), which runs OctoPrint alone as user 1000 on port 5000, without the webcam streamer',
  },
  {
    image: KARAKEEP_IMAGE, owner: "Karakeep's",
    runs: 'takes /run for its user through a setuid helper, which a pod that may not escalate privileges denies',
    asRoot: 'its init (s6-overlay) takes /run as root, as the image is built',
  },
];

/**
 * An image of {@link S6_RUN_IMAGES} on a read-only root with nothing mounted at `/run`: s6-overlay cannot write
 * its service tree there ("can't create /run/test of writability"), as root or not, and the container stops as
 * it starts. One error, on the container's `image`; a privileged container, a replaced entrypoint, a writable
 * root or a volume at `/run` is left alone. Pure.
 */
function s6RunStartProblems(known: S6RunImage, container: PropContainer, exemptions: RootStartedContainer['exemptions'] & object, prefix: string,
  mountPaths: ReadonlySet<string>): PropProblem[] {
  const image = container.image as string;
  const commandReplaced = container.command !== undefined;
  if (commandReplaced || exemptions.privileged !== undefined || exemptions.writableRootFilesystem !== undefined) {
    return [];
  }
  if (mountPaths.has('/run')) {
    return exemptions.runAsRoot === undefined ? s6RunVolumeProblems(container, prefix) : [];
  }
  const asRoot = exemptions.runAsRoot !== undefined;
  return [{
    field: `${prefix}image`,
    message: `image "${image}" is ${known.owner}, whose init (s6-overlay) writes its service tree under /run${asRoot ? '' : ` and ${known.runs}`}: `
      + `on a read-only root${asRoot ? '' : ', as a user other than root,'} it stops as it starts`,
    hint: `start it as the image is built: ${prefix}exemptions: { ${asRoot ? '' : `runAsRoot: '${known.asRoot}', `}writableRootFilesystem: '${S6_WRITES}' }`
      + (known.instead === undefined ? '' : `; ${known.instead}`),
  }];
}

/** s6-overlay's own switch that lets it run as another user than root on a `/run` it cannot take for that user. */
const S6_WORLD_WRITABLE_RUN = 'S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES';

/**
 * A container of an s6-overlay 3 image run as a user other than root with a volume at `/run`. Kubernetes makes the
 * volume root's, world-writable and without the sticky bit; s6-overlay's preinit gives `/run` to the container's user
 * through its setuid helper, which a container that may not escalate privileges cannot use, and then takes such a
 * `/run` only when told to by {@link S6_WORLD_WRITABLE_RUN} (a number other than 0). Otherwise it stops the container
 * as it starts: one problem on that variable. Nothing for a container that may escalate privileges, or where the
 * variable comes from a Secret or a ConfigMap. Pure.
 */
function s6RunVolumeProblems(container: PropContainer, prefix: string): PropProblem[] {
  const value = propEnvValue(container.env, S6_WORLD_WRITABLE_RUN);
  const exemptions = container.exemptions ?? {};
  if (exemptions.privilegeEscalation !== undefined || (value !== undefined && typeof value !== 'string') || (typeof value === 'string' && /^\s*0*[1-9]\d*\s*$/.test(value))) {
    return [];
  }
  return [{
    field: `${prefix}env.${S6_WORLD_WRITABLE_RUN}`,
    message: `image "${String(container.image)}" runs s6-overlay as a user other than root on the volume at /run, which Kubernetes makes root's and world-writable without the sticky bit, and which s6-overlay cannot give to that user in a container that may not escalate privileges: `
      + `${value === undefined ? 'unless told to take it' : `${S6_WORLD_WRITABLE_RUN} is ${JSON.stringify(value)}, not a number other than 0, so`} it stops as it starts ("/run belongs to uid 0 instead of …, and we're lacking the privileges to fix it")`,
    hint: `tell s6-overlay to take the volume, with its own switch for Kubernetes: ${prefix}env: { ${S6_WORLD_WRITABLE_RUN}: '1' }; or start it as root, as the image is built`,
  }];
}

/** Whether a Paperless-ngx image's tag names a release before 2.15, whose entrypoint was a script, not s6-overlay. Pure. */
function paperlessBeforeS6(image: string): boolean {
  const version = /:v?(\d+)\.(\d+)/.exec(image.replace(/@.*$/, ''));
  return version !== null && (Number(version[1]) < 2 || (Number(version[1]) === 2 && Number(version[2]) < 15));
}
