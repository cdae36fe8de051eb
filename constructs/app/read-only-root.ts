import type { PropContainer } from './prop-containers';

// A container's root filesystem is read-only unless an exemption says otherwise: what it writes must lie under a
// volume it mounts, or under the few folders that are always writable.

/** Folders a container may write on a read-only root: the App's emptyDir /tmp, and the kernel's own. */
const ALWAYS_WRITABLE = ['/tmp', '/dev', '/proc'];

/** Whether a container of an app's props runs on a read-only root: neither `writableRootFilesystem` nor `privileged` is exempted. Pure. */
export function runsOnReadOnlyRoot(container: PropContainer): boolean {
  const exemptions = container.exemptions ?? {};
  return exemptions.writableRootFilesystem === undefined && exemptions.privileged === undefined;
}

/** Whether a container that mounts volumes at `mountPaths` can write in `folder` on its read-only root. Pure. */
export function writableOnReadOnlyRoot(folder: string, mountPaths: ReadonlySet<string>): boolean {
  return [...mountPaths, ...ALWAYS_WRITABLE].some((mount) => folder === mount || folder.startsWith(mount === '/' ? '/' : `${mount}/`));
}
