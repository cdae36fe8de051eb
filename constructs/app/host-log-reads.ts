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
 * Containers that mount the node's logs (a host folder of {@link ROOT_LOG_FOLDERS}: a log shipper such as
 * Promtail, Alloy, Fluent Bit or Vector run as a DaemonSet) while they run as a user other than root, as the
 * library runs them unless told: the logs are readable by root alone, so the shipper sends nothing and logs
 * "permission denied" for each file. One error per such mount, on its persistence entry. A container that runs
 * as root, in root's group, privileged, or with a capability that reads any file is left alone. Pure.
 */
export function hostLogReadProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
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
