import type { PropProblem } from '../validation/known-props';
import { isShellScript, programName, shellWords } from '../validation/command-secrets';
import type { PropContainerMounts } from './prop-containers';
import { isNodeSysctl, nodeSysctlHint } from '../validation/sysctl-rules';

/** What a container's command does to the node's kernel, as found in its words. */
interface KernelChange {
  /** Index in command + args of the word that holds it. */
  readonly at: number;
  /** `module` for modprobe and insmod, `sysctl` for a kernel setting written. */
  readonly kind: 'module' | 'sysctl';
  /** The module or the setting, when the words name one (`wireguard`, `net.ipv4.ip_forward`). */
  readonly name?: string;
  /** The value a setting is given. */
  readonly value?: string;
}

/** A setting written `name=value`, as `sysctl -w` and `sysctl` alone take it. */
const SETTING = /^([a-z0-9_]+(?:[./][a-zA-Z0-9_-]+)+)=(.*)$/;

/** The kernel change the simple command `words` (program first) makes, if any. */
function changeOf(words: readonly string[]): Omit<KernelChange, 'at'> | undefined {
  const program = programName(words[0]);
  const operands = words.slice(1).filter((w) => !w.startsWith('-'));
  if (program === 'modprobe' || program === 'insmod') {
    // `modprobe -r` removes, which a container may no more than it loads.
    return { kind: 'module', name: operands[0] };
  }
  if (program === 'sysctl') {
    const setting = operands.map((w) => SETTING.exec(w)).find((m) => m !== null);
    return setting ? { kind: 'sysctl', name: setting[1].replace(/\//g, '.'), value: setting[2] } : undefined;
  }
  // `echo 1 > /proc/sys/net/ipv4/ip_forward`, a shell's way to the same setting.
  const target = words.findIndex((w, i) => (w.startsWith('>/proc/sys/') || (/^>>?$/.test(words[i - 1] ?? '') && w.startsWith('/proc/sys/'))));
  if (target >= 0) {
    const path = words[target].replace(/^>+/, '').slice('/proc/sys/'.length);
    return { kind: 'sysctl', name: path.replace(/\//g, '.'), value: program === 'echo' ? words[1] : undefined };
  }
  return undefined;
}

/** The first kernel change among `words` (command + args): a program run directly, or one a `sh -c` script runs. */
function firstKernelChange(words: readonly unknown[]): KernelChange | undefined {
  if (typeof words[0] === 'string') {
    const direct = changeOf(words.filter((w): w is string => typeof w === 'string'));
    if (direct !== undefined) {
      return { at: 0, ...direct };
    }
  }
  for (let i = 0; i < words.length; i++) {
    if (!isShellScript(words, i)) {
      continue;
    }
    const script = shellWords(words[i] as string);
    for (let start = 0; start < script.length; start++) {
      if (start > 0 && script[start - 1] !== '') {
        continue;
      }
      const end = script.indexOf('', start);
      const simple = script.slice(start, end < 0 ? script.length : end);
      // A script that steps over a failure (`modprobe wireguard || true`) is not stopped by this one.
      const change = simple.length > 0 && !(words[i] as string).includes('||') ? changeOf(simple[0] === 'sudo' || simple[0] === 'exec' ? simple.slice(1) : simple) : undefined;
      if (change !== undefined) {
        return { at: i, ...change };
      }
    }
  }
  return undefined;
}

/**
 * Containers of an app's props whose command loads a kernel module (`modprobe wireguard`, `insmod`) or writes a
 * kernel setting (`sysctl -w net.ipv4.ip_forward=1`, `echo 1 > /proc/sys/…`), as a host's script or a compose
 * file run as root did: in a container that is not `privileged` the runtime mounts `/proc/sys` read-only and
 * drops `SYS_MODULE`, and the node's modules are not there, so the command fails and the container, which the
 * command starts, stops with it (or goes on without the setting). One error per container, on the prop that
 * holds the word (`command`, `initContainers[0].args`). A step whose failure the script steps over (`|| true`) is
 * left alone. Pure.
 */
export function kernelCommandProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (container.exemptions?.privileged !== undefined || (!Array.isArray(container.command) && !Array.isArray(container.args))) {
      return [];
    }
    const command = Array.isArray(container.command) ? container.command : [];
    const change = firstKernelChange([...command, ...(Array.isArray(container.args) ? container.args : [])]);
    if (change === undefined) {
      return [];
    }
    const field = `${prefix}${change.at < command.length ? 'command' : 'args'}`;
    const name = String(container.name);
    if (change.kind === 'module') {
      return [{
        field,
        message: `container "${name}" loads the kernel module ${change.name ?? 'it names'}: a container that is not privileged has no SYS_MODULE and none of the node's modules, `
          + 'so the command fails, and the container with it',
        hint: `load the module on the node, where it stays loaded for every pod: a line ${change.name ?? '<module>'} in /etc/modules-load.d/${change.name ?? '<module>'}.conf `
          + "(NixOS' boot.kernelModules, Talos' machine.kernel.modules), and drop it from the command"
          + (change.name === 'wireguard' ? '; WireGuard is part of Linux from 5.6 on, where wg-quick needs only NET_ADMIN' : ''),
      }];
    }
    const setting = change.name === undefined ? 'a kernel setting' : `the kernel setting ${change.name}`;
    return [{
      field,
      message: `container "${name}" writes ${setting} from its command: a container that is not privileged gets /proc/sys read-only, so the write fails `
        + '("Read-only file system"), and the container stops with it or runs without the setting',
      hint: change.name === undefined
        ? "set it as the pod's: sysctls: { '<name>': '<value>' } (one of the node's own kernel, such as vm.max_map_count, on the nodes), and drop it from the command"
        : isNodeSysctl(change.name)
          ? `${nodeSysctlHint(change.name, change.value ?? '1')}; a pod may not set it as its sysctls, as it is the node's kernel's`
        : `set it as the pod's, which the kubelet writes before the containers start: sysctls: { '${change.name}': '${change.value ?? '1'}' } (judged as any sysctl: an unsafe one needs exemptions.privileged), and drop it from the command`,
    }];
  });
}
