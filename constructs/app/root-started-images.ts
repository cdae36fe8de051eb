import { RootInit, rootInitCapabilities, rootInitExemption, ROOT_SUPERVISOR_CAPABILITIES, SecurityExemptions } from './security';
import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainersProps } from './prop-containers';

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

/**
 * Official Docker Hub images whose entrypoint starts as root, gives its folders to its own user and replaces
 * itself with the server run as that user (`gosu`). By repository name, with or without `docker.io/library/`.
 */
const OFFICIAL_EXEC_TO_USER = /^(docker\.io\/)?(library\/)?(postgres|mariadb|mysql|mongo|redis|rabbitmq)(?=[:@]|$)/;

/**
 * Official Docker Hub images whose server's master process stays root and runs its workers as another user,
 * which it stops by signal (Apache, nginx, and Nextcloud's Apache or PHP-FPM).
 */
const OFFICIAL_ROOT_MASTER = /^(docker\.io\/)?(library\/)?(nginx|httpd|nextcloud)(?=[:@]|$)/;

/** The facts about an image that starts as root and drops its privileges itself, or undefined for another image. Pure. */
export function rootStartedImage(image: string): { readonly s6Overlay: boolean; readonly init: RootInit } | undefined {
  if (LINUXSERVER_IMAGE.test(image)) {
    return { s6Overlay: true, init: 'supervisor' };
  }
  if (OFFICIAL_ROOT_MASTER.test(image)) {
    return { s6Overlay: false, init: 'supervisor' };
  }
  return OFFICIAL_EXEC_TO_USER.test(image) ? { s6Overlay: false, init: 'exec' } : undefined;
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
  const missing = rootInitCapabilities(image.init).filter((cap) => !added.includes(cap));
  const cannotStart = missing.some((cap) => !ROOT_SUPERVISOR_CAPABILITIES.includes(cap));
  const cannotStop = missing.some((cap) => ROOT_SUPERVISOR_CAPABILITIES.includes(cap));
  const readOnlyRun = image.s6Overlay && exemptions.writableRootFilesystem === undefined;
  if (missing.length === 0 && !readOnlyRun) {
    return undefined;
  }
  const wanted = rootInitExemption(image.init, 'its entrypoint takes ownership of its folders and switches to its own user', added);
  const needs = [
    ...(missing.length > 0 ? [`the capabilities ${missing.join(', ')}, which its container drops`] : []),
    ...(readOnlyRun ? ['a writable /run for s6-overlay, on a read-only root filesystem'] : []),
  ];
  const outcomes = [
    ...(cannotStart || readOnlyRun ? ['it would stop with "Operation not permitted"'] : []),
    ...(cannotStop ? ['its init, which stays root, could not signal the app to stop it, which would die by SIGKILL at every stop instead of shutting down'] : []),
  ];
  const write = [
    ...(missing.length > 0 ? [`addCapabilities: { capabilities: [${wanted.capabilities.map((cap) => `'${cap}'`).join(', ')}], reason: '${wanted.reason}' }`] : []),
    ...(readOnlyRun ? ["writableRootFilesystem: 's6-overlay writes its service tree under /run'"] : []),
  ];
  return {
    field: `${prefix}exemptions.runAsRoot`,
    message: `image "${container.image}" starts as root, takes ownership of its folders and switches to its own user, which needs ${needs.join(' and ')}: ${outcomes.join('; ')}`,
    hint: `state them beside runAsRoot: ${prefix}exemptions: { runAsRoot: '…', ${write.join(', ')} }; or run it as its own user with runAsUser and no runAsRoot, where the image supports that`,
  };
}

/**
 * linuxserver.io containers run as their non-root user (no `runAsRoot`) on a read-only root with nothing
 * mounted at `/run`: s6-overlay, their init, cannot write its service tree there, so the container stops as
 * it starts, and the `PUID`/`PGID` a compose file gives it are never read. One error per container, on its
 * `image` (`image`, `sidecars[0].image`). A privileged container, a replaced entrypoint (`command`), a
 * writable root or a volume at `/run` (an image that supports running as its user) is left alone. `app` is
 * the main container's name. Pure.
 */
export function nonRootStartProblems(props: PropContainersProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const exemptions = container.exemptions ?? {};
    if (typeof container.image === 'string' && HOME_ASSISTANT_IMAGE.test(container.image)) {
      return homeAssistantStartProblems(container.image, exemptions, prefix, entry.mountPaths, container.command !== undefined);
    }
    if (typeof container.image !== 'string' || !LINUXSERVER_IMAGE.test(container.image) || container.command !== undefined
      || exemptions.runAsRoot !== undefined || exemptions.privileged !== undefined || exemptions.writableRootFilesystem !== undefined
      || entry.mountPaths.has('/run')) {
      return [];
    }
    return [{
      field: `${prefix}image`,
      message: `image "${container.image}" is linuxserver.io's, whose init (s6-overlay) starts as root and writes its service tree under /run; `
        + 'run as its non-root user on a read-only root it stops as it starts, and PUID and PGID are never read',
      hint: `start it as root, as the image is built, and PUID:PGID pick the user it runs the app as: ${prefix}exemptions: { runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', `
        + "addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes its service tree under /run' } "
        + '(MediaContainers does so by itself); or use an image built to run as its user',
    }];
  });
}

/**
 * Home Assistant's own image on a read-only root with nothing mounted at `/run`: s6-overlay cannot write its
 * service tree there ("can't create /run/test of writability"), as root or not, and the container stops as
 * it starts; run as a user other than root it is not supported at all. One error, on the container's `image`;
 * a privileged container, a replaced entrypoint, a writable root or a volume at `/run` is left alone. Pure.
 */
function homeAssistantStartProblems(image: string, exemptions: RootStartedContainer['exemptions'] & object, prefix: string,
  mountPaths: ReadonlySet<string>, commandReplaced: boolean): PropProblem[] {
  if (commandReplaced || exemptions.privileged !== undefined || exemptions.writableRootFilesystem !== undefined || mountPaths.has('/run')) {
    return [];
  }
  const asRoot = exemptions.runAsRoot !== undefined;
  return [{
    field: `${prefix}image`,
    message: `image "${image}" is Home Assistant's, whose init (s6-overlay) writes its service tree under /run${asRoot ? '' : ' and runs Home Assistant as root'}: `
      + `on a read-only root${asRoot ? '' : ', as a user other than root,'} it stops as it starts`,
    hint: `start it as the image is built: ${prefix}exemptions: { ${asRoot ? '' : "runAsRoot: 'the image runs Home Assistant as root', "}writableRootFilesystem: 's6-overlay writes its service tree under /run' }; `
      + 'or use an image built to run as its user (ghcr.io/home-operations/home-assistant), or the HomeAssistantVm construct',
  }];
}
