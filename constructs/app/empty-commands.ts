import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

/**
 * Containers given an empty `command` (`command: []`). Kubernetes takes it as no command at all, so the
 * image's entrypoint runs, where compose's `entrypoint: []` clears it: the container would run its image's
 * program with `args` as that program's arguments, with no word said. Each on the container's `command`,
 * the hint moving its words where they run. Pure.
 */
export function emptyCommandProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.filter(({ container }) => Array.isArray(container.command) && container.command.length === 0).map(({ container, prefix }) => {
    const args = Array.isArray(container.args) && container.args.length > 0 && container.args.every((word) => typeof word === 'string') ? container.args as string[] : undefined;
    return {
      field: `${prefix}command`,
      message: "command is an empty list, which Kubernetes takes as no command: the image's entrypoint would run"
        + (args === undefined ? '' : ` with args (${args.join(' ')}) as its arguments`) + ", where compose's entrypoint: [] clears it",
      hint: args === undefined
        ? "leave command out to run the image's entrypoint, or give the program to run: command: ['/bin/sh', '-c', '…']"
        : `run the words of args as the command: command: [${args.map((word) => `'${word.replace(/'/g, "\\'")}'`).join(', ')}], and leave args out`,
    };
  });
}
