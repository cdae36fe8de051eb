import type { PropProblem } from '../validation/known-props';
import { isShellScript, programName, shellWords } from '../validation/command-secrets';
import { propContainers, PropContainersProps } from './prop-containers';

/** What the check reads of an app's props. */
export interface ChownAppProps extends PropContainersProps {
  readonly runAsGroup?: unknown;
  readonly fsGroup?: unknown;
}

/**
 * Containers of an app's props that run `chown` (an init container that "fixes permissions", as an old chart
 * or compose file did) as a user other than root: a process that is not root may give away only the files it
 * owns, so on a fresh volume, whose folder belongs to root, `chown` fails with "Operation not permitted" and
 * the container exits with an error (an init container's keeps the pod from starting). One error per
 * container, on the prop that holds the command (`initContainers[0].command`). A script that goes on after a
 * failure (`chown … || true`) is left alone. `app` is the main container's name. Pure.
 */
export function nonRootChownProblems(props: ChownAppProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  const group = typeof props?.fsGroup === 'number' ? props.fsGroup : typeof props?.runAsGroup === 'number' ? props.runAsGroup : 1000;
  return containers.flatMap(({ container, prefix }) => {
    if (container.exemptions?.runAsRoot !== undefined || (!Array.isArray(container.command) && !Array.isArray(container.args))) {
      return [];
    }
    const command = Array.isArray(container.command) ? container.command : [];
    const words = [...command, ...(Array.isArray(container.args) ? container.args : [])];
    const at = words.findIndex((word, i) => (i === 0 && programName(word) === 'chown') || (isShellScript(words, i) && runsChown(word as string)));
    if (at < 0) {
      return [];
    }
    const user = typeof container.runAsUser === 'number' ? container.runAsUser : typeof props?.runAsUser === 'number' ? props.runAsUser : 1000;
    return [{
      field: `${prefix}${at < command.length ? 'command' : 'args'}`,
      message: `container "${String(container.name)}" runs chown as user ${user}, which may give away only the files it owns: on a fresh volume, whose folder belongs to root, `
        + 'chown fails with "Operation not permitted" and the container exits with an error',
      hint: `the app's volumes belong to its group ${group} already (fsGroup, from runAsGroup), so the chown can go; `
        + `or run this container as root for it: ${prefix}exemptions: { runAsRoot: '…', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'], reason: 'gives the volume to the app' } }`,
    }];
  });
}

/** Whether a shell script runs `chown` as a command and stops on its failure (no `||` after it). */
function runsChown(script: string): boolean {
  if (script.includes('||')) {
    return false;
  }
  const words = shellWords(script);
  return words.some((word, i) => (i === 0 || words[i - 1] === '' || words[i - 1] === 'exec' || words[i - 1] === 'sudo') && programName(word) === 'chown');
}
