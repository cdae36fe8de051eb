import type { PropProblem } from '../validation/known-props';

// code-server is a shell on the pod, with its files and whatever its ServiceAccount or mounts reach, in a browser.
// `--auth none` turns its own password login off, as its docs do behind a proxy that signs people in: behind a
// route without such a gate, whoever reaches the host gets the shell.

/** code-server's images: Coder's and linuxserver.io's. */
const CODE_SERVER_IMAGE = /^(?:(?:docker\.io\/)?codercom\/code-server|(?:lscr\.io\/|ghcr\.io\/|(?:docker\.io\/)?)linuxserver\/code-server)(?::|@|$)/;

/** What the check reads of an app's props. */
export interface CodeServerAuthProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly route?: unknown;
  readonly loadBalancer?: unknown;
}

/**
 * code-server told `--auth none` (in `command` or `args`, as one word `--auth=none` or two) while a route without
 * `basicAuth`, or a load balancer, exposes it: an error on the word that turns its login off. Pure.
 */
export function codeServerAuthProblems(props: CodeServerAuthProps): PropProblem[] {
  if (typeof props.image !== 'string' || !CODE_SERVER_IMAGE.test(props.image)) {
    return [];
  }
  const route = props.route !== null && typeof props.route === 'object' ? props.route as { basicAuth?: unknown } : undefined;
  const exposedBy = route !== undefined && route.basicAuth === undefined ? 'its route, which has no basicAuth,' : props.loadBalancer !== undefined ? 'its load balancer' : undefined;
  if (exposedBy === undefined) {
    return [];
  }
  for (const key of ['command', 'args'] as const) {
    const words = props[key];
    if (!Array.isArray(words)) {
      continue;
    }
    const at = words.findIndex((word, i) => word === '--auth=none' || (word === '--auth' && words[i + 1] === 'none'));
    if (at >= 0) {
      const field = `${key}[${words[at] === '--auth' ? at + 1 : at}]`;
      return [{
        field,
        message: `code-server is told --auth none, which turns its login off, and ${exposedBy} exposes it: whoever reaches it gets a shell in the pod, with its files and what its mounts hold`,
        hint: "leave --auth at its default, password, with PASSWORD or HASHED_PASSWORD from a SecretReference, or put a login in front: route: { host, basicAuth: sealedSecret.key('users') }",
      }];
    }
  }
  return [];
}
