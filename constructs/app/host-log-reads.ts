import type { PropProblem } from '../validation/known-props';
import { mountedVolumesOf } from './backup-reads';
import type { PropContainerMounts, PropContainersProps } from './prop-containers';

/**
 * Folders of the node whose logs belong to root and its group alone: the container runtime writes each
 * container's log under /var/log/pods (linked from /var/log/containers) with mode 0640, owner root, as Docker
 * does under /var/lib/docker/containers, and journald keeps its journal root's and its group's.
 */
const ROOT_LOG_FOLDERS = /^\/var\/(log(\/(pods|containers|journal)(\/.*)?)?|lib\/docker\/containers)\/?$/;

/** Capabilities that let a user read a file its mode does not let it read. */
const READ_ANY_FILE = ['DAC_READ_SEARCH', 'DAC_OVERRIDE'];

/**
 * Containers that mount the node's /var/log/containers without the /var/log/pods its links point into, and
 * containers that mount the node's logs (a host folder of {@link ROOT_LOG_FOLDERS}: a log shipper such as
 * Promtail, Alloy, Fluent Bit or Vector run as a DaemonSet) while they run as a user other than root, as the
 * library runs them unless told: the logs are readable by root alone, so the shipper sends nothing and logs
 * "permission denied" for each file. One error per such mount, on its persistence entry. A container that runs
 * as root, in root's group, privileged, or with a capability that reads any file is left alone. Pure.
 */
export function hostLogReadProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  return [...danglingLogLinkProblems(props, app, containers), ...rootOnlyLogProblems(props, app, containers)];
}

/** Host folders under which the runtime keeps the container logs that /var/log/containers links to. */
const POD_LOG_FOLDERS = /^\/var\/log(\/pods)?\/?$/;

/**
 * Containers that mount the node's /var/log/containers (as Fluent Bit's and Vector's guides tail
 * `/var/log/containers/*.log`) without /var/log/pods at its own path: each file there is a link to
 * `/var/log/pods/<pod>/<container>/<n>.log`, which does not exist in the container, so the shipper finds only
 * broken links and sends nothing. One error per such mount, on its persistence entry. Pure.
 */
function danglingLogLinkProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  const persistence = props?.persistence !== null && typeof props?.persistence === 'object' ? props.persistence as Record<string, { mountPath?: unknown } | null | undefined> : {};
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const name = prefix === '' ? app : String(container.name);
    const links = mountedVolumesOf(props, app, name, (volume) => volume.type === 'hostPath' && typeof volume.path === 'string' && /^\/var\/log\/containers\/?$/.test(volume.path));
    if (links.length === 0) {
      return [];
    }
    // The links are absolute paths of the node: the folder they point into must be mounted where the node has it.
    const targets = mountedVolumesOf(props, app, name, (volume) => volume.type === 'hostPath' && typeof volume.path === 'string' && POD_LOG_FOLDERS.test(volume.path))
      .filter((entry) => typeof persistence[entry]?.mountPath === 'string' && POD_LOG_FOLDERS.test(persistence[entry]!.mountPath as string));
    return targets.length > 0 ? [] : links.map((entry) => ({
      field: `persistence.${entry}.volume`,
      message: `${prefix === '' ? 'the app' : `container ${name}`} mounts the node's /var/log/containers without /var/log/pods: each log there is a link into /var/log/pods, `
        + 'which the container does not have, so a log shipper finds only broken links and sends nothing',
      hint: `mount the folder the links point into at the same path: persistence: { pods: { volume: AppVolume.hostPath('/var/log/pods'), mountPath: '/var/log/pods', readOnly: true } }, beside ${entry}`,
    }));
  });
}

/** Containers that mount the node's logs while they run as a user other than root (see {@link hostLogReadProblems}). */
function rootOnlyLogProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const exemptions = container.exemptions ?? {};
    const added = Array.isArray(exemptions.addCapabilities?.capabilities) ? exemptions.addCapabilities!.capabilities : [];
    // `runAsRoot` written beside the exemptions rather than under them says root is meant: it is reported where it is written.
    const misplacedRoot = ((prefix === '' ? props : container) as Record<string, unknown> | null | undefined)?.runAsRoot !== undefined;
    if (misplacedRoot || typeof exemptions.runAsRoot === 'string' || container.runAsUser === 0 || container.runAsGroup === 0 || exemptions.privileged !== undefined
      || added.some((cap) => READ_ANY_FILE.includes(cap))) {
      return [];
    }
    const name = prefix === '' ? app : String(container.name);
    return mountedVolumesOf(props, app, name, (volume) => volume.type === 'hostPath' && typeof volume.path === 'string' && ROOT_LOG_FOLDERS.test(volume.path))
      .map((entry) => ({
        field: `persistence.${entry}.volume`,
        message: `${prefix === '' ? 'the app' : `container ${name}`} mounts the node's logs but runs as a user other than root: the container runtime leaves each container's log readable by root alone (mode 0640), `
          + 'so a log shipper reads none of them and sends nothing',
        hint: `run it as root, which reads them with every capability dropped: ${prefix}exemptions: { runAsRoot: 'reads the container logs of the node, which only root may read' } beside its hostPath exemption`,
      }));
  });
}
