import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// factoriotools/factorio's entrypoint runs under `set -e` and, before it starts the server, points Factorio's
// write-data at /factorio with `sed -i` on /opt/factorio/config/config.ini: a file of the image, in a folder its user
// `factorio` (845) owns. sed writes its copy beside the file, which a read-only root refuses and which another user
// than root or 845 may not write: the entrypoint exits before the server starts.

/** The Factorio headless server image of factoriotools, its rootless variant too. */
const FACTORIO_IMAGE = /^(?:docker\.io\/)?factoriotools\/factorio(?=[:@]|$)/;

/** The user the image is built with, who owns /opt/factorio. */
const FACTORIO_USER = 845;

/** The file the entrypoint rewrites. */
const CONFIG_INI = '/opt/factorio/config/config.ini';

/**
 * Containers of factoriotools/factorio whose entrypoint cannot rewrite its `config.ini`: on a read-only root, or run
 * as a user other than root or the image's own (845), which may not write the folder. One error per container on its
 * `image`, whose hint runs it as 845 with a writable root. `appUser` is the app's `runAsUser` (1000 unless given),
 * which a container without its own takes. A replaced entrypoint (`command`) or a privileged container is left alone.
 * Pure.
 */
export function factorioStartProblems(containers: readonly PropContainerMounts[], appUser: unknown): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const image = container.image;
    const exemptions = container.exemptions ?? {};
    if (typeof image !== 'string' || !FACTORIO_IMAGE.test(image) || container.command !== undefined || exemptions.privileged !== undefined) {
      return [];
    }
    const user = exemptions.runAsRoot !== undefined ? 0 : container.runAsUser ?? appUser ?? 1000;
    const readOnly = exemptions.writableRootFilesystem === undefined;
    const mayWrite = user === 0 || user === FACTORIO_USER;
    if (!readOnly && mayWrite) {
      return [];
    }
    const why = readOnly ? 'the root filesystem is read-only' : `the container runs as user ${String(user)}, and the folder is the image's user ${FACTORIO_USER}'s`;
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs Factorio's server through an entrypoint that rewrites ${CONFIG_INI} with sed -i under set -e before the server starts, and ${why}: `
        + 'sed cannot write beside the file, and the entrypoint exits',
      hint: `run it as the image's user with a writable root: ${prefix}runAsUser: ${FACTORIO_USER}, ${prefix}runAsGroup: ${FACTORIO_USER}, `
        + `${prefix}exemptions: { writableRootFilesystem: 'the entrypoint rewrites ${CONFIG_INI}' } (the volumes then belong to its group)`,
    }];
  });
}
