import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainersProps } from './prop-containers';

// chronyd steers the system clock unless started with -x, and its first adjtimex call, which a process without
// CAP_SYS_TIME may not make, ends it with "Fatal error : adjtimex(0x8001) failed : Operation not permitted". An NTP
// server in a pod needs no clock of its own to serve time: the images built for it (cturra/ntp, dockurr/chrony) pass
// -x, and dockurr/chrony leaves it out only when ENABLE_SYSCLK is on.

/** dockurr/chrony, whose entrypoint starts chronyd without -x when `ENABLE_SYSCLK` is on. */
const DOCKUR_CHRONY_IMAGE = /^((docker\.io|ghcr\.io)\/)?dockurr?\/chrony(?=[:@]|$)/;

/** How dockurr/chrony's entrypoint reads a switch: these words turn it on, any other leaves it off. */
const SWITCH_ON = /^(y|yes|true|1|on)$/i;

/** The capability that lets a process set the clock. */
const SYS_TIME = 'SYS_TIME';

/** How the hints say that the clock is the node's. */
const NODE_CLOCK = "the kernel keeps one clock for the node and every pod on it, which the node's own time service steers too";

/** The words of a command line, or none when it is not a list of words. */
function wordsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((word): word is string => typeof word === 'string') : [];
}

/** Whether a command line starts chronyd itself (not through a shell's script), and with -x among its options. Pure. */
function chronydRun(words: readonly string[]): { readonly at: number; readonly freeClock: boolean } | undefined {
  const at = words.findIndex((word) => /(^|\/)chronyd$/.test(word));
  return at < 0 ? undefined : { at, freeClock: words.slice(at + 1).some((word) => /^-[a-zA-Z]*x[a-zA-Z]*$/.test(word)) };
}

/**
 * Containers that would start chronyd steering the clock without `SYS_TIME` (and not privileged): dockurr/chrony with
 * `ENABLE_SYSCLK` on, an error on that variable, and a `command` (or `args`) that runs chronyd without `-x`, an
 * error on its word. chronyd stops at its first adjustment of the clock, so no client gets time. The hint serves
 * time without steering the clock, or adds the capability. Pure.
 */
export function chronyClockProblems(props: PropContainersProps | null | undefined, app: string): PropProblem[] {
  return propContainers(props, app).flatMap(({ container, prefix }): PropProblem[] => {
    const exemptions = container.exemptions;
    const added = Array.isArray(exemptions?.addCapabilities?.capabilities) ? exemptions!.addCapabilities!.capabilities : [];
    if (exemptions?.privileged !== undefined || added.includes(SYS_TIME)) {
      return [];
    }
    const withCapability = `${prefix}exemptions: { addCapabilities: { capabilities: ['${SYS_TIME}'], reason: 'chronyd sets the clock of the node' } } (${NODE_CLOCK})`;
    const stops = 'chronyd steers the system clock, which needs SYS_TIME, dropped here: it stops at its first adjustment with "adjtimex(0x8001) failed : Operation not permitted", and no client gets time';
    const env = container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
    if (typeof container.image === 'string' && DOCKUR_CHRONY_IMAGE.test(container.image) && container.command === undefined
      && typeof env.ENABLE_SYSCLK === 'string' && SWITCH_ON.test(env.ENABLE_SYSCLK.trim())) {
      return [{
        field: `${prefix}env.ENABLE_SYSCLK`,
        message: `ENABLE_SYSCLK is "${env.ENABLE_SYSCLK}", so ${container.image} starts chronyd without -x: ${stops}`,
        hint: `leave ENABLE_SYSCLK out to serve time without steering the clock (the image passes -x); or give it the capability: ${withCapability}`,
      }];
    }
    for (const key of ['command', 'args'] as const) {
      const words = wordsOf(container[key]);
      const run = chronydRun(words);
      if (run !== undefined && !run.freeClock) {
        return [{
          field: `${prefix}${key}[${run.at}]`,
          message: `${key} runs chronyd without -x: ${stops}`,
          hint: `serve time without steering the clock: ${prefix}${key}: [${[...words.slice(0, run.at + 1), '-x', ...words.slice(run.at + 1)].map((w) => `'${w}'`).join(', ')}]; or give it the capability: ${withCapability}`,
        }];
      }
    }
    return [];
  });
}
