/** A folder as Windows writes it: a drive letter (`C:\\Users\\me`, `D:/media`) or a share (`\\\\nas\\media`). */
const WINDOWS_FOLDER = /^(?:([A-Za-z]):([\\/].*)?|\\\\[^\\]+\\.*)$/;

/**
 * Why `path` is no folder of a node: a Windows folder (a laptop's `C:\\Users\\me\\Videos`), which the Linux
 * node (Docker Desktop's VM, kind's node container, a K3s server) has under no such name; the API server takes
 * it and the container runtime reads it as a relative path. The hint's start, for the caller to end with a path
 * written its way. Undefined for any other path. Pure.
 */
export function windowsFolderProblem(path: string): { message: string; hint: string } | undefined {
  const folder = WINDOWS_FOLDER.exec(path);
  if (folder === null) {
    return undefined;
  }
  const desktop = folder[1] === undefined ? '' : `, Docker Desktop's WSL 2 VM sees this drive at /run/desktop/mnt/host/${folder[1].toLowerCase()}${(folder[2] ?? '').replace(/\\/g, '/')}`;
  return {
    message: `host path "${path}" is a Windows folder; a node is a Linux machine (on a laptop, a VM or a container), which has no folder of that name`,
    hint: `mount the folder into the node and give its path there (kind's extraMounts, minikube mount, k3d cluster create --volume${desktop})`,
  };
}
