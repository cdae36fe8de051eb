import * as path from 'path';
import { describeValue } from '../inventory/problems';
import type { PropProblem } from '../validation/known-props';
import { localPathProblem } from '../validation/pod-rules';

/**
 * Mount paths of an App's `persistence` that no container can have, on the prop that gives them
 * (`persistence.data.mountPath`, `persistence.data.mounts[1].mountPath`): a relative path, which the
 * container runtime refuses; a path that steps up with `..`, which mounts somewhere else than it reads; and a
 * path one container mounts twice, where the second volume would hide the first (`/data` and `/data/` are one
 * path); and a ConfigMap or Secret mounted whole at a file's name (see {@link wholeObjectAtFileProblem}). `mainContainer` is the name of the container a volume without `containers` is mounted into;
 * `givenAs` names, by volume name, the service construct's prop a volume was built from, for findings: the
 * user wrote that prop, not the volume's `persistence` entry. `containers` are the further containers with
 * their own `mounts`, whose paths are checked against the volumes of `persistence` they get, on the mount
 * (`initContainers[0].mounts[0].mountPath`). Pure.
 */
export function mountPathProblems(persistence: unknown, mainContainer: string, givenAs: Readonly<Record<string, string>> = {}, containers: readonly ContainerMounts[] = []): PropProblem[] {
  const problems: PropProblem[] = [];
  // Where each container mounts what: `container path` → what mounted it first, and the service prop that set it.
  const taken = new Map<string, { readonly by: string; readonly prop?: string }>();
  // A missing or mistyped persistence is the props' shape to report.
  for (const [name, volume] of Object.entries(persistence !== null && typeof persistence === 'object' ? persistence as Record<string, Record<string, unknown> | undefined> : {})) {
    if (volume === null || typeof volume !== 'object') {
      continue;
    }
    const containers = Array.isArray(volume.containers) ? volume.containers.map(String) : [mainContainer];
    (Array.isArray(volume.mounts) ? volume.mounts : []).forEach((mount, i) => {
      problems.push(...subPathProblems((mount as { subPath?: unknown } | null)?.subPath, `persistence.${name}.mounts[${i}].subPath`));
    });
    const mounts = [
      { mountPath: volume.mountPath, field: `persistence.${name}.mountPath` },
      ...(Array.isArray(volume.mounts) ? volume.mounts : []).map((mount, i) => ({
        mountPath: (mount as { mountPath?: unknown } | null)?.mountPath, subPath: (mount as { subPath?: unknown } | null)?.subPath, field: `persistence.${name}.mounts[${i}].mountPath`,
      })),
    ];
    for (const { mountPath, subPath, field } of mounts as Array<{ mountPath: unknown; subPath?: unknown; field: string }>) {
      if (typeof mountPath !== 'string' || mountPath === '') {
        continue; // a missing or mistyped path is the props' shape to report
      }
      const problem = mountPathProblem(mountPath) ?? wholeObjectAtFileProblem(volume.volume, mountPath, subPath);
      if (problem) {
        problems.push({ field, ...problem });
        continue;
      }
      const normal = normalMountPath(mountPath);
      for (const container of containers) {
        const first = taken.get(`${container} ${normal}`);
        if (first !== undefined) {
          problems.push({
            field, message: `container "${container}" mounts ${normal} already, through ${first.by}; the second volume would hide the first`,
            hint: first.prop === undefined
              ? 'mount each path once: give this volume another path, or mount directories of one volume at several paths with mounts: [{ mountPath, subPath }]'
              : `mount each path once: give this volume another path; to put the service's own volume elsewhere, set ${first.prop}`,
          });
        } else {
          const prop = givenAs[name];
          taken.set(`${container} ${normal}`, prop === undefined ? { by: field } : { by: `the service's own volume "${name}" (set with ${prop})`, prop });
        }
      }
    }
  }
  // A container's own mounts share its paths with the volumes of persistence that name it.
  for (const { name, mounts, prefix } of containers) {
    (Array.isArray(mounts) ? mounts : []).forEach((mount, i) => {
      const mountPath = (mount as { mountPath?: unknown } | null)?.mountPath;
      if (typeof mountPath !== 'string' || !mountPath.startsWith('/')) {
        return; // the mount's own check reports it
      }
      const field = `${prefix}mounts[${i}].mountPath`;
      const normal = normalMountPath(mountPath);
      const first = taken.get(`${name} ${normal}`);
      if (first === undefined) {
        taken.set(`${name} ${normal}`, { by: field });
        return;
      }
      problems.push({
        field, message: `container "${name}" mounts ${normal} already, through ${first.by}; the API server refuses two mounts at one path of a container`,
        hint: first.by.startsWith('persistence.')
          ? `mount each path once: drop this mount, as ${first.by.replace(/\.(mountPath|mounts\[\d+\]\.mountPath)$/, '')} mounts it into "${name}" already, or give it another path`
          : 'mount each path once: give this mount another path',
      });
    });
  }
  return problems;
}

/** The last part of a path that names a file of configuration or a certificate, not a folder. */
export const FILE_NAME = /\.(ya?ml|json|toml|conf|cfg|ini|xml|properties|env|txt|sh|js|pem|crt)$/i;

/**
 * A ConfigMap or Secret volume mounted whole (without a `subPath`) at a path that names a file
 * (`/app/config.yml`): the kubelet makes that path a folder holding one file per key, so the app finds a folder
 * where it reads its file. Pure.
 */
function wholeObjectAtFileProblem(volume: unknown, mountPath: string, subPath: unknown): { message: string; hint: string } | undefined {
  const { type, configMapName, secretName } = (volume ?? {}) as { type?: unknown; configMapName?: unknown; secretName?: unknown };
  const file = path.posix.basename(mountPath);
  if ((type !== 'configMap' && type !== 'secret') || (typeof subPath === 'string' && subPath !== '') || !FILE_NAME.test(file)) {
    return undefined;
  }
  const object = type === 'configMap' ? `ConfigMap "${String(configMapName)}"` : `Secret "${String(secretName)}"`;
  return {
    message: `mounts the whole ${object} at ${mountPath}, a file's name: the kubelet makes that path a folder holding one file per key (${mountPath}/${file}), so the app finds a folder where it reads its file`,
    hint: `mount the one key as that file: mounts: [{ mountPath: '${mountPath}', subPath: '${file}' }] (the subPath names the key), or mount the whole volume at the folder, ${path.posix.dirname(mountPath)}, if nothing else lives there`,
  };
}

/** A container of an app's props and its own `mounts`, named in findings with `prefix` (`initContainers[0].`). */
export interface ContainerMounts {
  readonly name: string;
  readonly mounts: unknown;
  readonly prefix: string;
}

/**
 * The absolute path a relative mount path most likely means: `./data` and `data` are `/data`, and a path of
 * Windows (`C:\app\data`, from a compose file written there) is the Linux path `/app/data`. Pure.
 */
export function absoluteMountPathMeant(mountPath: string): string {
  const windows = /^[A-Za-z]:[\\/]|\\/.test(mountPath);
  const slashed = windows ? mountPath.replace(/^[A-Za-z]:/, '').replace(/\\/g, '/') : mountPath;
  return `/${slashed.replace(/^\.?\/+/, '')}`;
}

/**
 * Why `path` has a space, tab or line break around it or a tab or line break in it, with the path meant, or
 * undefined. The API server takes such a path, and the runtime or the node takes it to the letter: a folder
 * whose name ends in a space or a line break, where nothing looks. A space inside (`/my media`) is a name. Pure.
 */
export function paddedPathProblem(path: string, what: string): { message: string; meant: string } | undefined {
  const around = path.trim() !== path;
  if (!around && !/[\t\n\r\v\f]/.test(path)) {
    return undefined;
  }
  return { message: `${what} ${describeValue(path)} has spaces, tabs or line breaks ${around ? 'around it' : 'in it'}`, meant: path.replace(/[\t\n\r\v\f]+/g, '').trim() };
}

/** What is wrong with one mount path, or undefined. */
function mountPathProblem(mountPath: string): { message: string; hint: string } | undefined {
  const padded = paddedPathProblem(mountPath, 'mount path');
  if (padded) {
    return { message: `${padded.message}; the volume would be mounted on a folder named with them`, hint: `write the path alone: ${padded.meant.startsWith('/') ? padded.meant : absoluteMountPathMeant(padded.meant || 'data')}` };
  }
  if (!mountPath.startsWith('/')) {
    return { message: `mount path "${mountPath}" is not absolute; containers mount volumes at absolute paths only`, hint: `start it with /, e.g. ${absoluteMountPathMeant(mountPath)}` };
  }
  if (normalMountPath(mountPath) === '/') {
    return { message: `mount path "${mountPath}" is the container's root, which the runtime refuses to mount over`, hint: 'mount the volume on a directory, e.g. /data' };
  }
  if (mountPath.split('/').includes('..')) {
    return { message: `mount path "${mountPath}" steps up with '..', so the volume is mounted at ${path.posix.normalize(mountPath)}, not where the path reads`, hint: `write the path it means: ${path.posix.normalize(mountPath)}` };
  }
  return undefined;
}

/** A mount path as the runtime takes it: `/data/` and `/data//` are `/data`. Pure. */
export function normalMountPath(mountPath: string): string {
  return path.posix.normalize(mountPath).replace(/(.)\/$/, '$1');
}

/** The problem of a mount's `subPath` at `field`: an absolute path or one that steps out of the volume with `..`. Pure. */
function subPathProblems(subPath: unknown, field: string): PropProblem[] {
  const problem = subPath === '' ? undefined : localPathProblem(subPath);
  const inside = typeof subPath === 'string' && subPath.startsWith('/') && subPath.replace(/^\/+/, '') !== '' ? `'${subPath.replace(/^\/+/, '')}'` : "'config'";
  return problem ? [{ field, message: problem, hint: `write a folder or file inside the volume, e.g. ${inside}` }] : [];
}

/**
 * The problems of one mount given on a call after construction (`addVolume(cache)`, `mount(data)`), on the
 * call's `mountPath` and `subPath`: its path, as a mount of `persistence` is checked, and its `subPath`. Pure.
 */
export function callMountPathProblems(mountPath: unknown, subPath: unknown, call: string): PropProblem[] {
  const problem = typeof mountPath === 'string' && mountPath !== '' ? mountPathProblem(mountPath) : undefined;
  return [...(problem ? [{ field: `${call}.mountPath`, ...problem }] : []), ...subPathProblems(subPath, `${call}.subPath`)];
}

/** The problems of a container's `mounts` prop (`sidecars[0].mounts[1].mountPath`, `addSidecar.mounts[0].subPath`), each mount checked as a call's is. Pure. */
export function containerMountsProblems(mounts: unknown, prefix: string): PropProblem[] {
  return (Array.isArray(mounts) ? mounts : []).flatMap((mount, i) => {
    const { mountPath, subPath } = (mount ?? {}) as { mountPath?: unknown; subPath?: unknown };
    return callMountPathProblems(mountPath, subPath, `${prefix}mounts[${i}]`);
  });
}
