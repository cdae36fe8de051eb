import { describeValue } from '../inventory/problems';
import type { PropProblem } from './known-props';

// A sysctl a pod sets is written in the pod's own kernel namespace. On the host's network (or IPC) namespace
// there is no pod namespace to write it in, so the kubelet refuses the pod (SysctlForbidden) and it never
// starts, although the API server stored it.

/** The longest sysctl name the API server takes. */
const MAX_SYSCTL_NAME = 253;
/** A sysctl name as the API server takes it (SysctlContainSlashFmt): lower-case segments joined by `.` or `/`. */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/**
 * Why the API server refuses `name` as a sysctl name (IsValidSysctlName), or undefined: kernel parameters
 * are lower case, and no part between dots or slashes is empty. Pure.
 */
export function sysctlNameProblem(name: string): { message: string; hint: string } | undefined {
  if (name.length <= MAX_SYSCTL_NAME && SYSCTL_NAME.test(name)) {
    return undefined;
  }
  return {
    message: `${describeValue(name)} is not a sysctl name: parts of lower-case letters, digits, '-' and '_', joined by '.' or '/', at most ${MAX_SYSCTL_NAME} characters`,
    hint: `write the kernel parameter as sysctl -a lists it, e.g. ${name.trim().toLowerCase().replace(/[./]{2,}/g, '.').replace(/^[./]|[./]$/g, '') || 'net.ipv4.ping_group_range'}`,
  };
}

/**
 * The sysctl at `index` of a pod's list when an earlier entry sets the same name, which the API server
 * refuses (the kernel would take one of the two values): its message and hint, or undefined. Pure.
 */
export function duplicateSysctlProblem(sysctls: ReadonlyArray<{ readonly name?: unknown; readonly value?: unknown }>, index: number): { message: string; hint: string } | undefined {
  const name = sysctls[index].name;
  const first = sysctls.findIndex((other) => other.name === name);
  if (first === index) {
    return undefined;
  }
  return {
    message: `sysctl ${String(name)} is set by sysctls[${first}] already`,
    hint: `set it once, to the value it should have (${JSON.stringify(sysctls[first].value)} or ${JSON.stringify(sysctls[index].value)})`,
  };
}

/** Which host namespace a sysctl belongs to, as the kubelet classifies names (`net/ipv4/x` is `net.ipv4.x`). Pure. */
function sysctlNamespace(name: string): 'network' | 'IPC' | undefined {
  const dotted = name.replace(/\//g, '.');
  if (dotted.startsWith('net.')) {
    return 'network';
  }
  if (dotted === 'kernel.sem' || dotted.startsWith('kernel.shm') || dotted.startsWith('kernel.msg') || dotted.startsWith('fs.mqueue.')) {
    return 'IPC';
  }
  return undefined;
}

/** Kernel settings of the UTS namespace, which every pod has of its own. */
const UTS_SYSCTLS = new Set(['kernel.hostname', 'kernel.domainname']);

/** How a node's own kernel setting is set on the node, for the hint of a pod or container that sets it. */
export function nodeSysctlHint(name: string, value = '<value>'): string {
  return `set it on the nodes, where it holds for every pod: a line ${name} = ${value} in /etc/sysctl.d/90-${name.replace(/[./]/g, '-')}.conf `
    + "(NixOS' boot.kernel.sysctl, Talos' machine.sysctls), and drop it from the pod";
}

/**
 * Whether `name` is a setting of the node's own kernel, in no namespace a pod has (`vm.max_map_count`,
 * `fs.inotify.max_user_watches`): the kubelet allows no pod to set one, not even through its unsafe list. Pure.
 */
export function isNodeSysctl(name: string): boolean {
  return sysctlNamespace(name) === undefined && !UTS_SYSCTLS.has(name.replace(/\//g, '.'));
}

/**
 * A sysctl of the node's own kernel, which the kubelet refuses in any pod (SysctlForbidden: its allowed lists
 * take namespaced sysctls alone), although the API server stores it: its message and hint, or undefined. Pure.
 */
export function nodeSysctlProblem(name: string, value?: string): { message: string; hint: string } | undefined {
  return !isNodeSysctl(name) ? undefined : {
    message: `sysctl ${name} is a setting of the node's own kernel, in no namespace of the pod: the kubelet refuses every pod that sets it (SysctlForbidden), whatever its Pod Security level, and it never starts`,
    hint: nodeSysctlHint(name, value),
  };
}

/** A sysctl of a host namespace the pod shares: its message and hint, or undefined. Pure. */
export function hostNamespaceSysctlProblem(name: string, hostNetwork: boolean, hostIPC: boolean): { message: string; hint: string } | undefined {
  const namespace = sysctlNamespace(name);
  const shared = (namespace === 'network' && hostNetwork) || (namespace === 'IPC' && hostIPC);
  if (!shared) {
    return undefined;
  }
  return {
    message: `sysctl ${name} belongs to the ${namespace} namespace, which the pod shares with its host, so the kubelet refuses the pod (SysctlForbidden) and it never starts`,
    hint: namespace === 'network'
      ? 'drop the sysctl (set it on the host, where it then applies to every process), or drop the hostNetwork exemption'
      : 'drop the sysctl (set it on the host), or do not share the host\'s IPC namespace',
  };
}

/** The problems of an app's `sysctls` prop (fields `<field>.<name>`) given whether it runs on the host's network. Pure. */
export function sysctlPropProblems(sysctls: unknown, hostNetwork: boolean, field: string): PropProblem[] {
  if (sysctls === null || typeof sysctls !== 'object' || Array.isArray(sysctls)) {
    return [];
  }
  return Object.keys(sysctls).flatMap((name) => {
    const value = (sysctls as Record<string, unknown>)[name];
    const problem = sysctlNameProblem(name) ?? nodeSysctlProblem(name, typeof value === 'string' ? value : undefined) ?? hostNamespaceSysctlProblem(name, hostNetwork, false);
    return problem ? [{ field: `${field}.${name}`, ...problem }] : [];
  });
}
