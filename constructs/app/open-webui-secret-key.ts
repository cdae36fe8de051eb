import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Open WebUI signs its sessions with WEBUI_SECRET_KEY. Given none, its start script (backend/start.sh, run from
// /app/backend) writes a generated key to /app/backend/.webui_secret_key and reads it back; where it cannot write
// there (the read-only root, or a user other than root, the folder being root's), it starts the server with an
// empty key, which Open WebUI refuses at once ("Required environment variable not found").

/** Open WebUI's image, by repository, with or without a registry. */
export const OPEN_WEBUI_IMAGE = /^(ghcr\.io\/)?open-webui\/open-webui(?=[:@]|$)/;

/** The folder the start script writes the generated key in. */
const KEY_FOLDER = '/app/backend';

/** The variables that give the key, the second a deprecated name of the first. */
const KEY_VARIABLES = ['WEBUI_SECRET_KEY', 'WEBUI_JWT_SECRET_KEY'] as const;

/**
 * Containers of Open WebUI's image, started by its own script (no `command`), given no secret key where the script
 * cannot write the one it generates: one error each, on the container's `image`. Root with a writable root
 * filesystem, or a volume over the script's folder, is left alone. Pure.
 */
export function openWebuiSecretKeyProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    if (typeof container.image !== 'string' || !OPEN_WEBUI_IMAGE.test(container.image) || container.command !== undefined) {
      return [];
    }
    const env = (container.env !== null && typeof container.env === 'object' ? container.env : {}) as Record<string, unknown>;
    const exemptions = container.exemptions ?? {};
    const asRoot = exemptions.runAsRoot !== undefined || container.runAsUser === 0;
    const writable = asRoot && (exemptions.writableRootFilesystem !== undefined || exemptions.privileged !== undefined);
    if (KEY_VARIABLES.some((name) => env[name] !== undefined) || writable
      || [...entry.mountPaths].some((path) => KEY_FOLDER === path || KEY_FOLDER.startsWith(`${path}/`))) {
      return [];
    }
    return [{
      field: `${prefix}image`,
      message: `image "${container.image}" runs Open WebUI with no WEBUI_SECRET_KEY: its start script writes a generated key to ${KEY_FOLDER}/.webui_secret_key, `
        + `which ${asRoot ? 'the read-only root filesystem' : "a user other than root (the folder is root's)"} does not let it write, so it starts the server with an empty key, which Open WebUI refuses`,
      hint: "give it a key of its own from a Secret, which also keeps everyone logged in across restarts: env: { WEBUI_SECRET_KEY: SecretReference.external('<namespace>', 'open-webui', 'secret-key') }",
    }];
  });
}
