import type { PropProblem } from '../validation/known-props';
import { commandLineWords } from './command-line-words';
import type { PropContainerMounts } from './prop-containers';

// Gitea's act_runner image starts through a script that registers the runner from GITEA_INSTANCE_URL and
// GITEA_RUNNER_REGISTRATION_TOKEN before it runs the daemon. Forgejo's runner image, a fork of the same program, has no
// such script: it runs forgejo-runner alone, which reads neither variable. Carried over from a Gitea guide, they leave
// the runner unregistered, and `forgejo-runner daemon` finds no registration file (`.runner`) and exits. Forgejo's own
// Kubernetes example registers in an init container of the image (`forgejo-runner register`, or `create-runner-file`
// for a secret shared with the server) on the volume the daemon then reads `.runner` from.

/** Forgejo's runner image, from the registries its guides name. */
const FORGEJO_RUNNER_IMAGE = /^(code|data)\.forgejo\.org\/forgejo\/runner(?=[:@]|$)/;

/** The variables Gitea's act_runner image registers from, which Forgejo's image does not read. */
const ACT_RUNNER_VARIABLES = ['GITEA_RUNNER_REGISTRATION_TOKEN', 'GITEA_RUNNER_REGISTRATION_TOKEN_FILE', 'GITEA_INSTANCE_URL'] as const;

/** The forgejo-runner commands that write the registration file. */
const REGISTERING_COMMANDS = new Set(['register', 'create-runner-file']);

/**
 * Containers of Forgejo's runner image given act_runner's registration variables, in an app none of whose containers
 * registers the runner (`forgejo-runner register` or `create-runner-file` among its words): one error, on the first such
 * variable, whose hint registers in an init container. Pure.
 */
export function forgejoRunnerRegistrationProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  if (list.some(({ container }) => commandLineWords(container).some((word) => REGISTERING_COMMANDS.has(word)))) {
    return [];
  }
  return list.flatMap(({ container, prefix }) => {
    const image = container.image;
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const variable = typeof image === 'string' && FORGEJO_RUNNER_IMAGE.test(image) ? ACT_RUNNER_VARIABLES.find((name) => env[name] !== undefined) : undefined;
    return variable === undefined ? [] : [{
      field: `${prefix}env.${variable}`,
      message: `${variable} is read by the start script of Gitea's act_runner image, which registers the runner with it; Forgejo's runner image (${image as string}) runs forgejo-runner alone, which reads no such variable, so the runner is never registered and \`forgejo-runner daemon\` exits without its .runner file`,
      hint: `register in an init container of the same image that mounts the runner's data volume (where the daemon reads .runner): initContainers: [{ name: 'register', image: '${image as string}', `
        + `command: ['forgejo-runner', 'register', '--no-interactive', '--instance', 'https://git.example.com', '--token', '$(RUNNER_TOKEN)', '--name', 'k8s-runner'], env: { RUNNER_TOKEN: <the token's SecretReference> }, mounts: [{ volume: 'data', mountPath: '/data' }] }]`,
    }];
  });
}
