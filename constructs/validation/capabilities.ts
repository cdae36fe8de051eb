import { closestName } from './closest-name';
import { capabilityRespelling } from './syntax';
import type { PropProblem } from './known-props';

/**
 * The Linux capabilities (linux/capability.h, `CAP_CHOWN` 0 to `CAP_CHECKPOINT_RESTORE` 40), as Kubernetes
 * names them: without the `CAP_` prefix.
 */
export const LINUX_CAPABILITIES: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
];

const KNOWN: ReadonlySet<string> = new Set([...LINUX_CAPABILITIES, 'ALL']);

/**
 * What is wrong with a capability name of a container's `securityContext.capabilities`: a spelling the
 * runtime does not take (see {@link capabilityRespelling}), or a name that is no Linux capability (`ALL`
 * aside). runc starts the container without a capability it does not know, logging only "ignoring unknown
 * or unavailable capabilities", and Pod Security judges the name as written, so a typo widens the
 * namespace's level and grants nothing. Undefined for a good name. Pure.
 */
export function capabilityProblem(name: string): { message: string; hint: string } | undefined {
  const respelt = capabilityRespelling(name);
  const canonical = respelt ?? name;
  if (KNOWN.has(canonical)) {
    return respelt === undefined ? undefined : {
      message: `capability "${name}" is not written as the runtime takes it`, hint: `write ${respelt}: upper case, without CAP_`,
    };
  }
  const closest = closestName(canonical, LINUX_CAPABILITIES);
  return {
    message: `"${name}" is no Linux capability; the runtime starts the container without it, and the namespace's Pod Security level is judged by the name as written`,
    hint: closest ? `did you mean ${closest}?` : `write a capability of linux/capability.h without CAP_, e.g. NET_ADMIN, SYS_TIME or NET_RAW`,
  };
}

/**
 * What is wrong with the capabilities an app or a container adds (`exemptions.addCapabilities.capabilities`),
 * on the prop that lists them, `prefix` leading the field (`sidecars[0].`): an empty list, and each name as
 * {@link capabilityProblem} finds it. Pure.
 */
export function addedCapabilityProblems(exemptions: unknown, prefix: string): PropProblem[] {
  const capabilities = (exemptions as { addCapabilities?: { capabilities?: unknown } } | undefined)?.addCapabilities?.capabilities;
  if (Array.isArray(capabilities) && capabilities.length === 0) {
    // The pod would add nothing, and the exemption's annotation would stand for no departure of it.
    return [{
      field: `${prefix}exemptions.addCapabilities.capabilities`, message: 'exemptions.addCapabilities lists no capability, so it exempts nothing',
      hint: "list the capabilities the container needs, e.g. capabilities: ['NET_ADMIN'], or drop addCapabilities",
    }];
  }
  return (Array.isArray(capabilities) ? capabilities : []).flatMap((name: unknown, i) => {
    const problem = typeof name === 'string' ? capabilityProblem(name) : undefined;
    return problem === undefined ? [] : [{ field: `${prefix}exemptions.addCapabilities.capabilities[${i}]`, ...problem }];
  });
}
