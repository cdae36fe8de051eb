import { AppVolume, PersistenceProps } from '../app/volumes';
import type { PropProblem } from '../validation/known-props';

/** Where a node agent sees the node's own folders: `/etc` of the node is `/host/etc` in the container. */
export const HOST_ROOT = '/host';

/**
 * The node paths a prop lists, or `fallback` when it is left out. A prop of another shape (one path as text,
 * a number among them) gives only its paths as text: its shape is reported with the props, and the agent is
 * built without the rest meanwhile. Pure.
 */
export function listedNodePaths(paths: unknown, fallback: readonly string[]): string[] {
  if (paths === undefined) {
    return [...fallback];
  }
  return Array.isArray(paths) ? paths.filter((path): path is string => typeof path === 'string') : [];
}

/**
 * The node's `folders`, each mounted read-only under {@link HOST_ROOT}, as an app's persistence. A relative
 * folder is left out: the agent reports it on its own prop (see `nodePathProblems`). Pure.
 */
export function readOnlyHostFolders(folders: readonly string[]): Record<string, PersistenceProps> {
  return Object.fromEntries(folders.flatMap((folder, i) => folder.startsWith('/') ? [[
    `host-${i}`, { volume: AppVolume.hostPath(folder), mountPath: `${HOST_ROOT}${folder}`, readOnly: true },
  ]] : []));
}

/**
 * The entries of `paths` (the prop `field`) that are not absolute paths of the node: a hostPath volume takes
 * none other, and the agent would look for them under its own working directory. Pure.
 */
export function nodePathProblems(field: string, paths: unknown): PropProblem[] {
  if (!Array.isArray(paths)) {
    return []; // the shape is reported with the props
  }
  return paths.flatMap((path, i): PropProblem[] => {
    if (typeof path !== 'string') {
      return [];
    }
    const url = /^file:\/\//.exec(path);
    if (url) {
      return [{
        field: `${field}[${i}]`, message: `${field}[${i}] "${path}" is a file URL, not a path of the node; a hostPath volume takes only paths`,
        hint: `write the path alone: '/${path.slice(url[0].length).replace(/^\/+/, '')}'`,
      }];
    }
    // Compose's "node folder:container folder": the agent mounts each folder at its own place under /host.
    const compose = /^(\/[^:]*):\/\S*$/.exec(path);
    if (compose) {
      return [{
        field: `${field}[${i}]`, message: `${field}[${i}] "${path}" is written as compose's "node folder:container folder"; it names only the node's folder, which the agent reads under ${HOST_ROOT}`,
        hint: `write the node's folder alone: '${compose[1]}'`,
      }];
    }
    return path.startsWith('/') ? [] : [{
      field: `${field}[${i}]`,
      message: `${field}[${i}] "${path}" is not an absolute path of the node; a hostPath volume takes only those`,
      hint: `write it from the node's root: '/${path.replace(/^\.?\/*/, '')}'`,
    }];
  });
}
