import { HOST_VARIABLE } from './env-hosts';
import { hiddenInMessages, isSecretLookingName } from '../validation/secret-values';
import { keyText } from '../validation/text-lists';

// Values copied from a compose file or its `.env` that Docker reads one way and Kubernetes another: quotes that
// compose strips, Docker Desktop's name for the host, a container's name that Docker's network resolves. The API
// server takes each; the container gets text that names nothing.

/** Docker's own names for the machine that runs it, which no DNS of a cluster answers. */
const DOCKER_HOST_NAME = /(?:^|[/@\s,=])((?:host|gateway)\.docker\.internal)(?=[:/\s,]|$)/i;

/** A whole value that is compose's interpolation of a variable, `${NAME}`, with its default or check (`${NAME:-x}`, `${NAME:?}`). */
const WHOLE_INTERPOLATION = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}$/;

/** A host written as compose names a container (`immich_redis`), alone, with its port or in a URL. */
const UNDERSCORE_HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?)?([a-z0-9]+(?:[-_][a-z0-9]+)*_[a-z0-9]+(?:[-_][a-z0-9]+)*)(?::\d{1,5})?(?:[/?#].*)?$/i;

/**
 * What is wrong with the text `value` of env `name` (`what` says whose, for messages) as compose's habits write
 * it, or undefined: a value in quotes (`"Europe/Oslo"`), which a `.env` file or compose's `environment` list
 * drops and Kubernetes passes to the container with the value; the variable's own `${NAME}`, which compose fills in
 * from `.env` and nothing fills in here; `host.docker.internal`, which resolves only under
 * Docker; and, under a name that holds a host, a name with `_` (`immich_redis`), a container's name on compose's
 * network, which no Service can have. A secret's value is never printed. Pure.
 */
export function composeEnvValueProblem(what: string, name: string, value: string): { message: string; hint: string } | undefined {
  const hidden = hiddenInMessages(name, value);
  const quoted = /^(["'])([\s\S]*)\1$/.exec(value);
  // A secret written out is reported as one already; its quotes go with it into the Secret.
  if (quoted !== null && value.length >= 2 && !hidden) {
    return {
      message: `${what} is ${value}, quotes included, as a .env file writes it: compose drops them, Kubernetes passes them on as part of the value`,
      hint: `write ${keyText(name)}: '${quoted[2].replace(/'/g, "\\'")}'`,
    };
  }
  const interpolated = WHOLE_INTERPOLATION.exec(value);
  // The variable filled in from itself is compose's `.env` habit (ADMIN_TOKEN: ${ADMIN_TOKEN}); nothing here fills it
  // in, and no other check speaks of it: Kubernetes' $(NAME) of the variable itself expands to nothing either.
  if (interpolated !== null && interpolated[1] === name) {
    const fallback = interpolated[2]?.endsWith('-') && interpolated[3] !== '' ? interpolated[3] : undefined;
    return {
      message: `${what} is "${value}", compose's interpolation of the variable from the .env file or the shell; nothing fills it in here, so the container gets the text ${value} itself`,
      hint: isSecretLookingName(name)
        ? `keep the .env file's value in a Secret and read it: ${keyText(name)}: SecretReference.external('<namespace>', '<secret>', '${name}')`
        : `write the .env file's value: ${keyText(name)}: '${fallback?.replace(/'/g, "\\'") ?? '…'}'`,
    };
  }
  const dockerHost = DOCKER_HOST_NAME.exec(value);
  if (dockerHost !== null) {
    return {
      message: `${what} names ${dockerHost[1]}, Docker's name for the machine that runs it, which no DNS of a Kubernetes cluster answers`,
      hint: "call an app of the cluster by its Service (its id, with its namespace when it is another: 'home-assistant.home-assistant'), "
        + 'and a machine of the lab, the node included, by its address in the inventory',
    };
  }
  // A server's display name (`SERVER_NAME: 'dads_world'`) is no host, though its variable says server.
  const holdsHost = HOST_VARIABLE.test(name) && !/(?:^|_)(?:NAME|TITLE|MOTD|LABEL)$/i.test(name);
  const underscore = holdsHost || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? UNDERSCORE_HOST.exec(value) : null;
  if (underscore !== null && !hidden) {
    const service = underscore[1].toLowerCase().replace(/_/g, '-');
    return {
      message: `${what} names the host "${underscore[1]}", which holds a '_': compose's name of a container, which its network resolves; no Service can be named so, and the name resolves to nothing`,
      hint: `name the app that serves it by its id, its Service's name (with its namespace when it is another): ${keyText(name)}: '${value.replace(underscore[1], service)}' for an app '${service}'`,
    };
  }
  return undefined;
}
