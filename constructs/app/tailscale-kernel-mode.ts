import type { PropProblem } from '../validation/known-props';
import { TAILSCALE_IMAGE } from '../validation/tailnet-routes';
import { TUN_DEVICE } from './devices';
import { type NamedPropContainer, propEnvValue } from './prop-containers';

// Tailscale's container runs tailscaled in userspace mode unless `TS_USERSPACE` is false; then tailscaled
// creates a kernel interface on /dev/net/tun, which a container has only when it is given the device (or is
// privileged): without it, tailscaled stops as it starts ("CreateTUN failed").

/** Whether env `TS_USERSPACE` turns userspace mode off: containerboot reads it as Go's strconv.ParseBool does. Pure. */
export function inKernelMode(env: unknown): boolean {
  const value = propEnvValue(env, 'TS_USERSPACE');
  return typeof value === 'string' && /^\s*(?:0|f|false)\s*$/i.test(value);
}

/**
 * Tailscale containers in kernel mode (`TS_USERSPACE` false) that are not given /dev/net/tun by `devices`
 * (`tunContainers`: the names of the containers given it) and are not privileged: one problem on the first
 * one's `env.TS_USERSPACE`. Pure.
 */
export function tailscaleKernelModeProblems(containers: readonly NamedPropContainer[], tunContainers: readonly string[], privileged: boolean): PropProblem[] {
  if (privileged) {
    return [];
  }
  const found = containers.find((c) => typeof c.image === 'string' && TAILSCALE_IMAGE.test(c.image) && !tunContainers.includes(c.name)
    && inKernelMode(c.env));
  return found === undefined ? [] : [{
    field: `${found.field}env.TS_USERSPACE`,
    message: `${found.label} runs Tailscale in kernel mode (TS_USERSPACE=false), which creates its interface on ${TUN_DEVICE}, and the container is not given the device: tailscaled stops as it starts`,
    hint: `give it the device and the capability to create the interface: devices: [AppDevice.hostDevice('${TUN_DEVICE}'${found.field === '' ? '' : `, { containers: ['${found.name}'] }`})] `
      + "with exemptions.hostPath and addCapabilities NET_ADMIN; or leave TS_USERSPACE unset: userspace networking needs neither",
  }];
}
