import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { propEnvValue, underMount } from './prop-containers';
import type { PropContainer, PropContainerMounts, PropContainersProps } from './prop-containers';

// git-sync keeps its clone under its root (`--root`, GITSYNC_ROOT; GIT_SYNC_ROOT before v4) as worktrees in `.worktrees/`
// and publishes the files of the synced commit through a symlink, its link (`--link`, GITSYNC_LINK; the repository's last
// path element unless set), which it moves atomically at each sync. Consumers read the link. An nginx container that
// serves the shared volume's top as its document root serves the root instead: it finds no index.html there, answers
// 403 at `/`, and the site shows only under the link's name.

/** git-sync's images, on Kubernetes' registry and the older one. */
export const GIT_SYNC_IMAGE = /^(registry\.k8s\.io|k8s\.gcr\.io|gcr\.io\/google[-_]containers)\/git-sync(\/git-sync)?(?=[:@]|$)/;

/** nginx images whose default server serves `/usr/share/nginx/html`: the official one and its unprivileged build. */
const NGINX_IMAGE = /^(docker\.io\/)?((library\/)?nginx|nginxinc\/nginx-unprivileged)(?=[:@]|$)/;
const NGINX_DOCUMENT_ROOT = '/usr/share/nginx/html';

/** The value of a git-sync setting: the first of its variables set to text, else its flag among `args` (`--root=/git`, `--root /git`). Pure. */
export function gitSyncSetting(container: PropContainer, variables: readonly string[], flag: string): string | undefined {
  for (const name of variables) {
    const value = propEnvValue(container.env, name);
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
  }
  const args = Array.isArray(container.args) ? container.args.map(String) : [];
  const at = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  return at < 0 ? undefined : args[at].startsWith(`${flag}=`) ? args[at].slice(flag.length + 1) : args[at + 1];
}

/** Where git-sync's link is, as a path relative to `mountPath` (the link's name unless set), or undefined when it is outside. Pure. */
function linkUnder(root: string, link: string | undefined, mountPath: string): string | undefined {
  const path = link === undefined ? `${root}/<repository name>` : normalMountPath(link.startsWith('/') ? link : `${root}/${link}`);
  return path.startsWith(`${mountPath}/`) ? path.slice(mountPath.length + 1) : undefined;
}

/**
 * Apps whose nginx container serves, as its document root, the volume a git-sync container of the pod keeps its root
 * on, while no configuration of its own is mounted under `/etc/nginx`: one error per such volume, on its
 * `persistence.<name>.mountPath`, whose hint serves the link. Volumes mounted by hand-written `mounts` are left
 * alone. Pure.
 */
export function gitSyncServedRootProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  const syncers = containers.filter(({ container }) => typeof container.image === 'string' && GIT_SYNC_IMAGE.test(container.image));
  if (syncers.length === 0 || props?.persistence === null || typeof props?.persistence !== 'object') {
    return [];
  }
  const nginx = containers.filter((entry) => typeof entry.container.image === 'string' && NGINX_IMAGE.test(entry.container.image)
    && ![...entry.mountPaths].some((path) => path === '/etc/nginx' || path.startsWith('/etc/nginx/')));
  const nameOf = (entry: PropContainerMounts) => (entry.prefix === '' ? app : String(entry.container.name));
  return Object.entries(props.persistence as Record<string, unknown>).flatMap(([name, given]) => {
    const volume = (given ?? {}) as { mountPath?: unknown; containers?: unknown };
    if (typeof volume.mountPath !== 'string' || normalMountPath(volume.mountPath.trim()) !== NGINX_DOCUMENT_ROOT) {
      return [];
    }
    const sharedBy = Array.isArray(volume.containers) ? volume.containers.map(String) : [app];
    const server = nginx.find((entry) => sharedBy.includes(nameOf(entry)));
    const syncer = syncers.find((entry) => sharedBy.includes(nameOf(entry)));
    const root = syncer === undefined ? undefined : gitSyncSetting(syncer.container, ['GITSYNC_ROOT', 'GIT_SYNC_ROOT'], '--root');
    if (server === undefined || syncer === undefined || root === undefined || !underMount(normalMountPath(root), new Set([NGINX_DOCUMENT_ROOT]))) {
      return [];
    }
    const link = linkUnder(normalMountPath(root), gitSyncSetting(syncer.container, ['GITSYNC_LINK', 'GIT_SYNC_LINK'], '--link'), NGINX_DOCUMENT_ROOT);
    const published = `${NGINX_DOCUMENT_ROOT}/${link ?? '<link>'}`;
    return [{
      field: `persistence.${name}.mountPath`,
      message: `nginx (container ${nameOf(server)}) serves ${NGINX_DOCUMENT_ROOT}, the top of the volume where git-sync (container ${nameOf(syncer)}) `
        + `keeps its worktrees and publishes the site through its link ${published}: nginx finds no index.html there, answers 403 at /, `
        + 'and the site shows only under the link\'s name',
      hint: `serve the link: a ConfigMap holding a server block with \`root ${published};\` (and \`listen 8080;\` on nginx-unprivileged), `
        + `mounted over nginx's default one: persistence: { nginx: { volume: AppVolume.configMap('<name>'), mountPath: '/etc/nginx/conf.d', containers: ['${nameOf(server)}'] } }`,
    }];
  });
}
