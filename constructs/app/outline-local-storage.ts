import type { PropProblem } from '../validation/known-props';
import { OUTLINE_IMAGE } from './household-app-images';
import { normalMountPath } from './mount-paths';
import type { PropContainerMounts } from './prop-containers';

// Outline told to keep its files on disk (`FILE_STORAGE: 'local'`) writes every attachment, avatar and import under
// FILE_STORAGE_LOCAL_ROOT_DIR, /var/lib/outline/data in its image. Its Dockerfile declares that folder a VOLUME, which
// Docker fills with a volume of its own and Kubernetes ignores: with nothing mounted there, the folder is part of the
// image's layer, read-only under the App's read-only root, so every upload fails ("EROFS: read-only file system").

/** Where Outline's image keeps local files unless FILE_STORAGE_LOCAL_ROOT_DIR moves them. */
const DEFAULT_ROOT_DIR = '/var/lib/outline/data';

/**
 * Containers of Outline's image on local file storage whose folder (FILE_STORAGE_LOCAL_ROOT_DIR, written out, or the
 * image's) has no volume mounted at it or above it, on a read-only root: one error, on FILE_STORAGE_LOCAL_ROOT_DIR where
 * it moves the folder and on FILE_STORAGE otherwise, whose hint mounts a claim there. A folder read from a Secret or a
 * ConfigMap, a writable root and a privileged container are left alone. Pure.
 */
export function outlineLocalStorageProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap((entry) => {
    const { container, prefix } = entry;
    const exemptions = container.exemptions ?? {};
    if (typeof container.image !== 'string' || !OUTLINE_IMAGE.test(container.image) || exemptions.writableRootFilesystem !== undefined || exemptions.privileged !== undefined) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const storage = env.FILE_STORAGE;
    const moved = env.FILE_STORAGE_LOCAL_ROOT_DIR;
    if (typeof storage !== 'string' || storage.trim().toLowerCase() !== 'local' || (moved !== undefined && (typeof moved !== 'string' || !moved.startsWith('/')))) {
      return [];
    }
    const dir = typeof moved === 'string' ? normalMountPath(moved) : DEFAULT_ROOT_DIR;
    // The App's emptyDir at /tmp is writable too.
    if ([...entry.mountPaths, '/tmp'].some((path) => dir === path || dir.startsWith(`${path}/`))) {
      return [];
    }
    const only = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
    return [{
      field: `${prefix}env.${typeof moved === 'string' ? 'FILE_STORAGE_LOCAL_ROOT_DIR' : 'FILE_STORAGE'}`,
      message: `Outline on local file storage writes every attachment, avatar and import under ${dir}; nothing is mounted there, and the image's folder is read-only under the read-only root (its Dockerfile's VOLUME is Docker's alone), so every upload fails`,
      hint: `mount a claim there: persistence: { files: { volume: AppVolume.claim({ tier, size }), mountPath: '${dir}'${only} } }; or keep the files in a bucket with FILE_STORAGE: 's3'`,
    }];
  });
}
