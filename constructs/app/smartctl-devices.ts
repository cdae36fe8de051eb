import type { PropProblem } from '../validation/known-props';
import type { NamedPropContainer } from './prop-containers';

// smartctl_exporter runs smartctl against each disk's device node (`/dev/sda`, `/dev/nvme0`), sending SMART
// commands through ioctls that need the node itself and the capabilities SYS_RAWIO (SATA) and SYS_ADMIN (NVMe):
// a container has no disk under its /dev unless given one, so the exporter finds no device, exports nothing but
// its own metrics, and every disk alert of the lab stays silent.

/** The exporter's images: the Prometheus community's, on Docker Hub and quay.io. */
const SMARTCTL_EXPORTER_IMAGE = /^(?:(?:docker\.io|quay\.io)\/)?prometheuscommunity\/smartctl-exporter(?:[:@]|$)/;

/**
 * smartctl_exporter containers that are given no device (`hostDeviceContainers`: the names of the containers
 * `devices` gives a host device) and are not privileged: one problem on the first one's `image`. Pure.
 */
export function smartctlDeviceProblems(containers: readonly NamedPropContainer[], hostDeviceContainers: readonly string[], privileged: boolean): PropProblem[] {
  if (privileged) {
    return [];
  }
  const found = containers.find((c) => typeof c.image === 'string' && SMARTCTL_EXPORTER_IMAGE.test(c.image) && !hostDeviceContainers.includes(c.name));
  return found === undefined ? [] : [{
    field: `${found.field}image`,
    message: `${found.label} runs smartctl_exporter, which reads each disk's SMART data through its device node, and the container is given no disk: `
      + 'it finds no device and exports no disk metric, so no disk alert would ever fire',
    hint: "run it privileged as root, as its chart does, so it sees every disk of the node: exemptions: { privileged: 'reads the SMART data of the node\\'s disks', runAsRoot: 'opens the disks\\' device nodes' }; "
      + "or give it each disk, devices: [AppDevice.hostDevice('/dev/sda')], with exemptions.hostPath, runAsRoot and addCapabilities SYS_RAWIO (SATA) and SYS_ADMIN (NVMe)",
  }];
}
