import type { PropProblem } from '../validation/known-props';
import { HEADSCALE_IMAGE } from '../validation/headscale-config-files';
import type { PropContainer } from './prop-containers';

// Headscale's image runs the `headscale` command line as its entrypoint and gives it no arguments: started as
// it is, it prints its help and exits, and the pod restarts forever. Its guides run it with the argument `serve`
// (compose's `command: serve`); `headscale serve` given as arguments runs `headscale headscale serve`, which the
// command line refuses as an unknown command.

/**
 * A Headscale container (the app's main one) that keeps the image's entrypoint and is not told to serve: no
 * `args`, or `args` that do not start with `serve`. One problem on `args`. Pure.
 */
export function headscaleCommandProblems(container: PropContainer): PropProblem[] {
  if (typeof container.image !== 'string' || !HEADSCALE_IMAGE.test(container.image) || container.command !== undefined) {
    return [];
  }
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  if (args[0] === 'serve') {
    return [];
  }
  const repeated = args[0] === 'headscale';
  return [{
    field: 'args',
    message: args.length === 0
      ? `${container.image} runs the headscale command line, which given no command prints its help and exits: the pod would restart forever and serve nothing`
      : `${container.image} already runs headscale as its entrypoint, so args ${JSON.stringify(args)} run ${repeated ? '`headscale headscale …`, an unknown command' : `\`headscale ${args.join(' ')}\`, not its server`}: it exits and the pod restarts forever`,
    hint: "args: ['serve'] (with its configuration mounted at /etc/headscale/config.yaml)",
  }];
}
