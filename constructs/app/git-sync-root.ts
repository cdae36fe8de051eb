import type { PropProblem } from '../validation/known-props';
import { expandsVariable } from './command-references';
import { imageTag } from './image-tag';
import { GIT_SYNC_IMAGE, gitSyncSetting } from './git-sync-served-root';
import { normalMountPath } from './mount-paths';
import { envReadFromSource, propEnvValue, underMount } from './prop-containers';
import type { PropContainerMounts, PropContainersProps } from './prop-containers';

// git-sync v4 takes no default root: without `--root` (GITSYNC_ROOT, or v3's GIT_SYNC_ROOT, which v4 still reads) it
// exits with "--root must be specified" as it starts. And a root on no volume another container of the pod mounts
// leaves the synced files where only git-sync sees them: the app beside it serves or reads nothing of them.

/** Whether the image's tag names git-sync 4 or later (`v4.2.4`), which requires a root. Pure. */
function requiresRoot(image: string): boolean {
  const major = /^v?(\d+)\./.exec(imageTag(image) ?? '');
  return major !== null && Number(major[1]) >= 4;
}

/** The variables that give git-sync its root: v4's, and v3's, which v4 still reads. */
const ROOT_VARIABLES: readonly string[] = ['GITSYNC_ROOT', 'GIT_SYNC_ROOT'];

/** The root the hint gives: the volume git-sync shares with the app where it has one, else a folder the hint mounts. */
const SUGGESTED_ROOT = '/git';

/**
 * Running git-sync containers (not init containers, whose one sync another may read) whose root is missing
 * (git-sync 4 and later) or on no `persistence` volume shared with another container of the pod (under `/tmp`, the
 * scratch volume every container mounts, a root read from a ConfigMap or a Secret, and one Kubernetes fills in from a variable of the container, are left alone): one error each, on the setting that gives the root (`env.GITSYNC_ROOT`,
 * `env.GIT_SYNC_ROOT`, the `--root` word of `args`), or on `env` where it is missing. Pure.
 */
export function gitSyncRootProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  const persistence = props?.persistence !== null && typeof props?.persistence === 'object' ? props.persistence as Record<string, unknown> : {};
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !GIT_SYNC_IMAGE.test(container.image) || prefix === '' || prefix.startsWith('initContainers')) {
      return [];
    }
    const name = String(container.name);
    const shared = Object.entries(persistence).flatMap(([volume, given]) => {
      const entry = (given ?? {}) as { mountPath?: unknown; containers?: unknown };
      const users = Array.isArray(entry.containers) ? entry.containers.map(String) : [app];
      return typeof entry.mountPath === 'string' && users.includes(name) && users.length > 1 ? [{ volume, mountPath: normalMountPath(entry.mountPath.trim()) }] : [];
    });
    const root = gitSyncSetting(container, ROOT_VARIABLES, '--root');
    // A root read from a ConfigMap or a Secret is given, where synthesis cannot tell which folder it names.
    if (root === undefined && ROOT_VARIABLES.some((name) => envReadFromSource(container.env, name))) {
      return [];
    }
    const suggested = shared[0]?.mountPath ?? SUGGESTED_ROOT;
    const share = shared.length > 0 ? `, the volume ${shared[0].volume} it shares` : `, on a volume shared with the app: persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '${SUGGESTED_ROOT}', containers: ['${app}', '${name}'] } }`;
    if (root === undefined) {
      return requiresRoot(container.image) ? [{
        field: `${prefix}env`,
        message: `git-sync "${container.image}" is given no root (GITSYNC_ROOT or --root), which git-sync 4 requires: it exits as it starts with "--root must be specified"`,
        hint: `${prefix}env.GITSYNC_ROOT: '${suggested}'${share}`,
      }] : [];
    }
    // A root Kubernetes fills in from a variable of the container (`--root=$(SYNC_ROOT)`) is not known here.
    const variables = container.env !== null && typeof container.env === 'object' ? Object.keys(container.env) : [];
    if (expandsVariable(root, variables)) {
      return [];
    }
    const path = normalMountPath(root);
    if (underMount(path, new Set(['/tmp'])) || underMount(path, new Set(shared.map(({ mountPath }) => mountPath)))) {
      return [];
    }
    const variable = ROOT_VARIABLES.find((v) => typeof propEnvValue(container.env, v) === 'string');
    const at = Array.isArray(container.args) ? container.args.findIndex((arg) => String(arg).startsWith('--root')) : -1;
    return [{
      field: variable !== undefined ? `${prefix}env.${variable}` : `${prefix}args[${at}]`,
      message: `git-sync keeps the repository under ${root}, on no volume it shares with another container of the pod: the files it syncs reach only git-sync, and the app beside it never sees them`,
      hint: `${prefix}env.GITSYNC_ROOT: '${suggested}'${share}`,
    }];
  });
}
