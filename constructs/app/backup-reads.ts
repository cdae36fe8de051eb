import type { PropProblem } from '../validation/known-props';
import { PropContainersProps, PropContainerMounts } from './prop-containers';

/**
 * Backup tools that copy the files of a volume, by the image's repository (with or without a registry) or by
 * the first word of the container's command.
 */
const BACKUP_IMAGE = /^((docker\.io|ghcr\.io)\/)?(restic\/restic|kopia\/kopia|rclone\/rclone|borgmatic-collective\/borgmatic|b3vis\/borgmatic|instrumentisto\/rsync-ssh)(?=[:@]|$)/;
const BACKUP_COMMAND = /^(?:.*\/)?(restic|kopia|rclone|rsync|borg|borgmatic)$/;

/** Volume sources whose files belong to the apps that write them. */
const DATA_VOLUMES: ReadonlySet<string> = new Set(['claim', 'existingClaim', 'nfs', 'hostPath']);

/** Capabilities that let root read a file its mode does not let it read. */
const READ_ANY_FILE = ['DAC_READ_SEARCH', 'DAC_OVERRIDE'];

/**
 * Containers of a backup tool (restic, kopia, rclone, rsync, borg) run as root to read the files of every app on
 * a claim, an NFS export or a host folder, with every capability dropped, as the library drops them: root
 * without CAP_DAC_READ_SEARCH (or CAP_DAC_OVERRIDE) reads only what a file's mode lets any user read, so an app's
 * folder of mode 0700 (a database's, one written by uid 1000) fails to back up. One error per container, on its
 * `runAsRoot` (or `runAsUser: 0`). A privileged container has every capability and is left alone. Pure.
 */
export function backupReadProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const exemptions = container.exemptions ?? {};
    const asRoot = typeof exemptions.runAsRoot === 'string' ? 'exemptions.runAsRoot' : container.runAsUser === 0 ? 'runAsUser' : undefined;
    const tool = backupToolOf(container.image, container.command);
    if (asRoot === undefined || tool === undefined || exemptions.privileged !== undefined) {
      return [];
    }
    const added = Array.isArray(exemptions.addCapabilities?.capabilities) ? exemptions.addCapabilities!.capabilities : [];
    const data = dataVolumesOf(props, app, prefix === '' ? app : String(container.name));
    if (added.some((cap) => READ_ANY_FILE.includes(cap)) || data.length === 0) {
      return [];
    }
    return [{
      field: `${prefix}${asRoot}`,
      message: `${tool} runs as root with every capability dropped, so it reads only what a file's mode lets any user read: the folders of volume${data.length === 1 ? '' : 's'} ${data.join(', ')} `
        + 'that another user keeps to itself (mode 0700, as apps and databases keep their data) fail to back up',
      hint: `run it as the user and group that own the data instead: leave ${prefix}${asRoot} out (it then runs as uid 1000 with fsGroup 1000, as apps do) or give the apps' runAsUser and runAsGroup; `
        + `or let root read every file: ${prefix}exemptions: { runAsRoot: '…', addCapabilities: { capabilities: ['DAC_READ_SEARCH'], reason: 'reads the files of every user to back them up' } } (its namespace then allows the Pod Security level privileged)`,
    }];
  });
}

/** A shell started to run a script (`sh -c '…'`): on a backup tool's own image, the script runs the tool. */
const SCRIPT_SHELL = /^(?:.*\/)?(sh|ash|bash|dash)$/;

/**
 * The backup tool an image or command runs, by name: the command's own, or the image's when the image's entrypoint
 * or a shell script runs; undefined for anything else. Pure.
 */
export function backupToolOf(image: unknown, command: unknown): string | undefined {
  const first = Array.isArray(command) && typeof command[0] === 'string' ? BACKUP_COMMAND.exec(command[0]) : null;
  if (first !== null) {
    return first[1];
  }
  const script = Array.isArray(command) && typeof command[0] === 'string' && SCRIPT_SHELL.test(command[0]);
  const known = typeof image === 'string' && (command === undefined || script) ? BACKUP_IMAGE.exec(image) : null;
  return known === null ? undefined : known[3].split('/')[1].replace('rsync-ssh', 'rsync');
}

/**
 * The persistence entries of data (claims, NFS exports, host folders) that container `name` of app `app` mounts,
 * by name: an entry without `containers` is the main container's. Pure.
 */
function dataVolumesOf(props: PropContainersProps | null | undefined, app: string, name: string): string[] {
  return mountedVolumesOf(props, app, name, (volume) => DATA_VOLUMES.has(String(volume.type)));
}

/**
 * The persistence entries that container `name` of app `app` mounts and whose volume `wanted` takes, by name: an
 * entry without `containers` is the main container's. Pure.
 */
export function mountedVolumesOf(props: PropContainersProps | null | undefined, app: string, name: string, wanted: (volume: Record<string, unknown>) => boolean): string[] {
  const persistence = props?.persistence !== null && typeof props?.persistence === 'object' ? props.persistence as Record<string, unknown> : {};
  return Object.entries(persistence).filter(([, entry]) => {
    const { volume, containers } = (entry ?? {}) as { volume?: Record<string, unknown>; containers?: unknown };
    return volume !== undefined && volume !== null && wanted(volume) && (Array.isArray(containers) ? containers.map(String) : [app]).includes(name);
  }).map(([volume]) => volume);
}
