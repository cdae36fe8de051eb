import type { PropProblem } from '../validation/known-props';
import { type NamedPropContainer, propEnvValue } from './prop-containers';

// smartctl_exporter and Scrutiny's collector run smartctl against each disk's device node (`/dev/sda`,
// `/dev/nvme0`), sending SMART commands through ioctls that need the node itself and the capabilities SYS_RAWIO
// (SATA) and SYS_ADMIN (NVMe): a container has no disk under its /dev unless given one, so `smartctl --scan` finds
// no device, the exporter exports nothing but its own metrics, the collector sends Scrutiny no disk, and every disk
// alert of the lab stays silent.

/** A program of an image that reads SMART data: what messages call it and how its images are named. */
interface SmartReader {
  readonly program: string;
  /** Whether `image` (a reference as given) runs it; `env` is the container's env as given. */
  readonly runs: (image: string, env: unknown) => boolean;
}

const SMART_READERS: readonly SmartReader[] = [
  {
    // The Prometheus community's images, on Docker Hub and quay.io.
    program: 'smartctl_exporter',
    runs: (image) => /^(?:(?:docker\.io|quay\.io)\/)?prometheuscommunity\/smartctl-exporter(?:[:@]|$)/.test(image),
  },
  {
    // Scrutiny's own collector and omnibus tags (`v0.8.1-collector`, `master-omnibus`; the web tag reads no disk),
    // and hotio's image, which runs the collector unless MODE is `web`.
    program: "Scrutiny's collector",
    runs: (image, env) => /^(?:ghcr\.io\/)?analogj\/scrutiny:[^@]*(?:collector|omnibus)/.test(image)
      || (/^(?:(?:docker\.io|ghcr\.io)\/)?hotio\/scrutiny(?:[:@]|$)/.test(image) && propEnvValue(env, 'MODE') !== 'web'),
  },
];

/**
 * Containers of smartctl_exporter or Scrutiny's collector that are given no device (`hostDeviceContainers`: the
 * names of the containers `devices` gives a host device) and are not privileged: one problem on the first one's
 * `image`. Pure.
 */
export function smartctlDeviceProblems(containers: readonly NamedPropContainer[], hostDeviceContainers: readonly string[], privileged: boolean): PropProblem[] {
  if (privileged) {
    return [];
  }
  for (const container of containers) {
    const reader = typeof container.image === 'string' && !hostDeviceContainers.includes(container.name)
      ? SMART_READERS.find((r) => r.runs(container.image as string, container.env)) : undefined;
    if (reader !== undefined) {
      return [{
        field: `${container.field}image`,
        message: `${container.label} runs ${reader.program}, which reads each disk's SMART data through its device node, and the container is given no disk: `
          + 'it finds no device and reports no disk, so no disk alert would ever fire',
        hint: "run it privileged as root, as its chart does, so it sees every disk of the node: exemptions: { privileged: 'reads the SMART data of the node\\'s disks', runAsRoot: 'opens the disks\\' device nodes' }; "
          + "or give it each disk, devices: [AppDevice.hostDevice('/dev/sda')], with exemptions.hostPath, runAsRoot and addCapabilities SYS_RAWIO (SATA) and SYS_ADMIN (NVMe)",
      }];
    }
  }
  return [];
}
