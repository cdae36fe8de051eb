import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { underMount, type PropContainerMounts, type PropContainersProps } from './prop-containers';

// The CNCF Distribution registry (Docker's `registry:2`, `registry:3`), as a home lab runs it: its settings come
// from its config.yml, each overridden by a `REGISTRY_<SECTION>_<KEY>` variable. As built it listens on 5000,
// keeps the images pushed to it under /var/lib/registry (the filesystem driver's `rootdirectory`), and with
// `REGISTRY_AUTH=htpasswd` reads its users from the file `REGISTRY_AUTH_HTPASSWD_PATH` names: where that file is
// missing it writes one of its own, with the one user `docker` and a random password it prints to its log, and
// exits where it cannot write it. With `REGISTRY_PROXY_REMOTEURL` it is a pull-through cache of the registry at
// that URL, which it calls with the Registry API: Docker Hub's is served at registry-1.docker.io, not at the web
// site's hub.docker.com or docker.io.

/** Distribution's images: Docker's official `registry` and the project's own `distribution/distribution`. */
export const DISTRIBUTION_REGISTRY_IMAGE = /^(?:(?:docker\.io\/)?(?:library\/)?registry|(?:(?:docker\.io|ghcr\.io)\/)?distribution\/distribution)(?::[\w][\w.-]*)?(?:@sha256:[0-9a-f]+)?$/;

/** Where the image keeps what is pushed to it unless the filesystem driver's root folder is moved. */
const DEFAULT_ROOT_DIRECTORY = '/var/lib/registry';

/** The folders of the registry's config.yml in `registry:2` and `registry:3`: one mounted there may set the storage. */
export const DISTRIBUTION_CONFIG_FOLDERS = ['/etc/docker/registry', '/etc/distribution'] as const;

/** Docker Hub's Registry API, which a pull-through cache of Docker Hub calls. */
const DOCKER_HUB_REGISTRY = 'https://registry-1.docker.io';

/** Docker Hub's web addresses, which serve no Registry API. */
const DOCKER_HUB_WEB_HOSTS = new Set(['hub.docker.com', 'docker.io', 'www.docker.com', 'docker.com']);

/** The app's `persistence` entries a container mounts, by key, with their mount path and volume kind. */
function mountedEntries(props: PropContainersProps, container: string, main: string): Array<{ key: string; mountPath: string; kind: string }> {
  const persistence = props.persistence !== null && typeof props.persistence === 'object' ? props.persistence as Record<string, Record<string, unknown> | null> : {};
  return Object.entries(persistence).flatMap(([key, entry]) => {
    const containers = Array.isArray(entry?.containers) ? entry!.containers.map(String) : [main];
    const mountPath = entry?.mountPath;
    return containers.includes(container) && typeof mountPath === 'string' && mountPath.startsWith('/')
      ? [{ key, mountPath: normalMountPath(mountPath), kind: String((entry!.volume as { type?: unknown } | undefined)?.type) }]
      : [];
  });
}

/** What is wrong with a pull-through cache's `REGISTRY_PROXY_REMOTEURL`, with the value meant, or undefined. Pure. */
function remoteUrlProblem(value: string): { problem: string; meant: string } | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value.trim());
  if (scheme === null) {
    const host = value.trim().replace(/\/.*$/, '');
    return {
      problem: 'has no scheme, and the registry calls its remote by the URL as written',
      meant: DOCKER_HUB_WEB_HOSTS.has(host.toLowerCase()) ? DOCKER_HUB_REGISTRY : `https://${value.trim()}`,
    };
  }
  const host = value.trim().slice(scheme[0].length).replace(/[/:?#].*$/, '').toLowerCase();
  return DOCKER_HUB_WEB_HOSTS.has(host)
    ? { problem: `names Docker Hub's web site (${host}), which serves no Registry API: every pull through the cache fails`, meant: DOCKER_HUB_REGISTRY }
    : undefined;
}

/**
 * Containers of Distribution's registry image whose settings leave it unable to do its work, each on the prop
 * that holds the mistake: `REGISTRY_AUTH_HTPASSWD_PATH` under no volume of the container (the registry finds no
 * file there and writes its own, whose one user is `docker`, so the Secret's users are never read; on the
 * read-only root it cannot, and exits); `REGISTRY_PROXY_REMOTEURL` without a scheme or at Docker Hub's web site
 * (the hint writes `https://registry-1.docker.io`); and, with the filesystem driver, its root folder under no
 * volume on a read-only root, where every push fails, on `image`. A config.yml mounted over the image's (or
 * `args`, which name another) may set the storage otherwise and is left alone there, as are a writable root, a
 * privileged container and a `command` of its own (`registry garbage-collect` in a CronJob). `app` is the main container's name. Pure.
 */
export function distributionRegistryProblems(props: PropContainersProps | null | undefined, app: string, containers: readonly PropContainerMounts[]): PropProblem[] {
  if (props === null || typeof props !== 'object') {
    return [];
  }
  return containers.flatMap(({ container, prefix, mountPaths }) => {
    const image = container.image;
    if (typeof image !== 'string' || !DISTRIBUTION_REGISTRY_IMAGE.test(image)) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const name = prefix === '' ? app : String(container.name);
    const entries = mountedEntries(props, name, app);
    const problems: PropProblem[] = [];
    const htpasswd = env.REGISTRY_AUTH_HTPASSWD_PATH;
    if (typeof htpasswd === 'string' && htpasswd.startsWith('/') && !underMount(normalMountPath(htpasswd), mountPaths)) {
      const secrets = entries.filter((e) => e.kind === 'secret');
      problems.push({
        field: `${prefix}env.REGISTRY_AUTH_HTPASSWD_PATH`,
        message: `REGISTRY_AUTH_HTPASSWD_PATH is ${htpasswd}, under no volume of the container: the registry finds no file there and writes its own, whose one user is docker with a random password (on the read-only root it cannot, and exits), so the users of your htpasswd Secret are never read`,
        hint: secrets.length > 0
          ? `name the file of the Secret the container mounts: REGISTRY_AUTH_HTPASSWD_PATH: '${secrets[0].mountPath}/htpasswd', the Secret's key htpasswd`
          : "mount the Secret that holds the htpasswd lines and name its file: persistence: { auth: { volume: AppVolume.secret('registry-htpasswd'), mountPath: '/auth' } }, REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd'",
      });
    }
    const remote = env.REGISTRY_PROXY_REMOTEURL;
    const wrongRemote = typeof remote === 'string' ? remoteUrlProblem(remote) : undefined;
    if (wrongRemote !== undefined) {
      problems.push({
        field: `${prefix}env.REGISTRY_PROXY_REMOTEURL`,
        message: `REGISTRY_PROXY_REMOTEURL "${String(remote)}" ${wrongRemote.problem}`,
        hint: `write the Registry API's address: REGISTRY_PROXY_REMOTEURL: '${wrongRemote.meant}'`,
      });
    }
    const driver = env.REGISTRY_STORAGE;
    const rootDirectory = env.REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY ?? DEFAULT_ROOT_DIRECTORY;
    const exemptions = container.exemptions ?? {};
    const configMounted = DISTRIBUTION_CONFIG_FOLDERS.some((folder) => [...mountPaths].some((path) => path === folder || path.startsWith(`${folder}/`)));
    if ((driver === undefined || driver === 'filesystem') && typeof rootDirectory === 'string' && rootDirectory.startsWith('/')
      && !underMount(normalMountPath(rootDirectory), mountPaths) && !configMounted && container.args === undefined && container.command === undefined
      && exemptions.writableRootFilesystem === undefined && exemptions.privileged === undefined) {
      const elsewhere = entries.find((e) => e.kind !== 'secret' && e.kind !== 'configMap' && e.kind !== 'emptyDir');
      problems.push({
        field: `${prefix}image`,
        message: `image "${image}" runs Distribution's registry, which keeps what is pushed to it in ${rootDirectory}; nothing is mounted there and the root filesystem is read-only: every push would fail ("read-only file system")`,
        hint: elsewhere !== undefined
          ? `mount the volume where the registry writes: persistence: { ${elsewhere.key}: { …, mountPath: '${rootDirectory}' } }; or move its folder there with REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: '${elsewhere.mountPath}'`
          : `mount a claim there: persistence: { data: { volume: AppVolume.claim({ tier, size }), mountPath: '${rootDirectory}' } }`,
      });
    }
    return problems;
  });
}
