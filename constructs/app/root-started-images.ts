import { ROOT_INIT_CAPABILITIES, SecurityExemptions } from './security';

/**
 * linuxserver.io images (`lscr.io/linuxserver/…`, `ghcr.io/linuxserver/…`, `linuxserver/…` on Docker Hub): their
 * init, s6-overlay, starts as root, writes its service tree under `/run`, takes ownership of `/config` and
 * runs the app as `PUID:PGID`.
 */
export const LINUXSERVER_IMAGE = /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\//;

/**
 * What s6-overlay needs, beyond {@link ROOT_INIT_CAPABILITIES}, to stop what it started: its supervisor runs as
 * root and the app as `PUID`, and a process without `KILL` may signal only processes of its own user, so the
 * app would never get its SIGTERM and would die by the container's last SIGKILL instead of shutting down.
 */
export const S6_STOP_CAPABILITIES: readonly string[] = ['KILL'];

/**
 * Official Docker Hub images whose entrypoint starts as root, gives its folders to its own user and switches
 * to it (`gosu`, or a server's master process that runs its workers as another user). By repository name,
 * with or without `docker.io/library/`.
 */
const OFFICIAL_ROOT_STARTED = /^(docker\.io\/)?(library\/)?(postgres|mariadb|mysql|mongo|redis|rabbitmq|nginx|httpd|nextcloud)(?=[:@]|$)/;

/** The facts about an image that starts as root and drops its privileges itself, or undefined for another image. Pure. */
export function rootStartedImage(image: string): { readonly s6Overlay: boolean } | undefined {
  if (LINUXSERVER_IMAGE.test(image)) {
    return { s6Overlay: true };
  }
  return OFFICIAL_ROOT_STARTED.test(image) ? { s6Overlay: false } : undefined;
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
 * s6-overlay cannot write `/run` on a read-only root), so the container never starts. The exemptions the
 * image needs are departures the app states with their reasons, so they are not added without a word: the
 * note names what to write, on the `runAsRoot` exemption. None for a privileged container (it has every
 * capability) or a replaced entrypoint (`command`), which does not switch users. `prefix` is how the props are
 * named, e.g. `''` or `sidecars[0].`. Pure.
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
  const missing = ROOT_INIT_CAPABILITIES.filter((cap) => !added.includes(cap));
  const readOnlyRun = image.s6Overlay && exemptions.writableRootFilesystem === undefined;
  if (missing.length === 0 && !readOnlyRun) {
    return undefined;
  }
  const wanted = [...new Set([...added, ...ROOT_INIT_CAPABILITIES])].map((cap) => `'${cap}'`).join(', ');
  const needs = [
    ...(missing.length > 0 ? [`the capabilities ${missing.join(', ')}, which its container drops`] : []),
    ...(readOnlyRun ? ['a writable /run for s6-overlay, on a read-only root filesystem'] : []),
  ];
  const write = [
    ...(missing.length > 0 ? [`addCapabilities: { capabilities: [${wanted}], reason: 'its entrypoint takes ownership of its folders and switches to its own user' }`] : []),
    ...(readOnlyRun ? ["writableRootFilesystem: 's6-overlay writes its service tree under /run'"] : []),
  ];
  return {
    field: `${prefix}exemptions.runAsRoot`,
    message: `image "${container.image}" starts as root, takes ownership of its folders and switches to its own user, which needs ${needs.join(' and ')}: it would stop with "Operation not permitted"`,
    hint: `state them beside runAsRoot: ${prefix}exemptions: { runAsRoot: '…', ${write.join(', ')} }; or run it as its own user with runAsUser and no runAsRoot, where the image supports that`,
  };
}
