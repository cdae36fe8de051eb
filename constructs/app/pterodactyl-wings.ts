import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { imageRows } from './image-rows';

// Pterodactyl's Wings (and Pelican's) runs each game server as a container of the node's Docker, to which it hands the
// server's folders by their path: Docker binds that path of the node, not of Wings' container. So the folders Wings
// shares with Docker are the node's own, at the same path inside Wings' container, as its compose file mounts them.

/**
 * The Wings images of Pterodactyl and of its fork Pelican, each with the folders it hands to Docker by their path, as
 * its configuration's defaults name them: `system.data`, each game server's files, and `system.tmp_directory`, where
 * an egg's install script runs. Pelican renamed them after itself (`/var/lib/pelican/volumes`, `/tmp/pelican`).
 */
const WINGS_IMAGES: ReadonlyArray<{
  readonly image: RegExp;
  readonly folders: ReadonlyArray<{ readonly path: string; readonly holds: string }>;
  /** The folder of its config.yml, which may move the folders (`system.data`, `system.tmp_directory`). */
  readonly configFolder: string;
}> = [
  {
    image: /^(?:ghcr\.io\/)?pterodactyl\/wings(?=[:@]|$)/, configFolder: '/etc/pterodactyl',
    folders: [{ path: '/var/lib/pterodactyl/volumes', holds: "each game server's files" }, { path: '/tmp/pterodactyl', holds: "the game servers' install scripts" }],
  },
  {
    image: /^(?:ghcr\.io\/)?pelican-dev\/wings(?=[:@]|$)/, configFolder: '/etc/pelican',
    folders: [{ path: '/var/lib/pelican/volumes', holds: "each game server's files" }, { path: '/tmp/pelican', holds: "the game servers' install scripts" }],
  },
];

/** How messages name a volume that is no folder of the node, by its type. */
const VOLUME_KINDS: Readonly<Record<string, string>> = {
  claim: 'a claim', existingClaim: 'a claim', emptyDir: 'an emptyDir', nfs: 'an NFS export', configMap: 'a ConfigMap', secret: 'a Secret',
};

/** A `persistence` entry as this check reads it. */
interface Entry {
  readonly volume?: { readonly type?: unknown; readonly path?: unknown };
  readonly mountPath?: unknown;
  readonly containers?: unknown;
}

/** Whether `folder` is `mountPath` or under it. Pure. */
const holds = (mountPath: string, folder: string): boolean => folder === mountPath || folder.startsWith(`${mountPath === '/' ? '' : mountPath}/`);

/**
 * Wings' folders that Docker binds by their path, each held by a volume of the app other than the node's folder at
 * that same path (a claim, an emptyDir, another folder of the node): an error on that `persistence.<name>.volume`, as
 * every game server would start on an empty folder of the node. A folder no volume holds is one error on `image`; a
 * `config.yml` that moves the folders is not read, so with a volume at its folder, where it may name others (the
 * Panel's "Daemon Server File Directory" writes `system.data`), that one is a warning instead. Pure.
 */
export function wingsFolderProblems(props: { readonly image?: unknown; readonly persistence?: unknown } | null | undefined, app: string): Array<PropProblem & { severity: 'error' | 'warning' }> {
  const image = props?.image;
  const wings = typeof image === 'string' ? imageRows(WINGS_IMAGES, image)[0] : undefined;
  if (wings === undefined) {
    return [];
  }
  const given = props?.persistence;
  const persistence = given !== null && typeof given === 'object' ? given as Record<string, Entry | null> : {};
  const mine = Object.entries(persistence).flatMap(([name, entry]) => {
    const mountPath = typeof entry?.mountPath === 'string' ? normalMountPath(entry.mountPath) : undefined;
    const containers = entry?.containers;
    return mountPath !== undefined && (!Array.isArray(containers) || containers.includes(app)) ? [{ name, mountPath, volume: entry!.volume }] : [];
  });
  // A config.yml Wings reads may name other folders, which this check cannot see; a volume at a folder's default path
  // says the default is meant.
  const configured = mine.some((entry) => holds(wings.configFolder, entry.mountPath) || holds(entry.mountPath, wings.configFolder));
  const unheld: string[] = [];
  const problems: Array<PropProblem & { severity: 'error' | 'warning' }> = [];
  for (const folder of wings.folders) {
    const holder = mine.filter((entry) => holds(entry.mountPath, folder.path)).sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    if (holder === undefined) {
      unheld.push(folder.path);
      continue;
    }
    const volume = holder.volume;
    const nodePath = volume?.type === 'hostPath' && typeof volume.path === 'string' ? normalMountPath(volume.path) : undefined;
    if (nodePath !== holder.mountPath) {
      const given = nodePath !== undefined ? `the node's folder ${nodePath}` : VOLUME_KINDS[String(volume?.type)] ?? 'no folder of the node';
      problems.push({
        severity: 'error', field: `persistence.${holder.name}.volume`,
        message: `Wings keeps ${folder.holds} under ${folder.path} and hands that path to the node's Docker, which binds the node's own ${folder.path} into the game server's container; `
          + `here ${holder.mountPath} is ${given}, so what Wings writes there never reaches the game servers, which start on an empty folder`,
        hint: `mount the node's folder at the same path, as Wings' compose file does: ${holder.name}: { volume: AppVolume.hostPath('${holder.mountPath}', 'DirectoryOrCreate'), mountPath: '${holder.mountPath}' }`,
      });
    }
  }
  if (unheld.length > 0) {
    problems.push({
      severity: configured ? 'warning' : 'error', field: 'image',
      message: `image "${String(image)}" runs Wings, which hands ${unheld.join(' and ')} to the node's Docker by their path${configured ? ` (unless the config.yml at ${wings.configFolder} names other folders)` : ''}, and no volume of the app holds ${unheld.length > 1 ? 'them' : 'it'}: the game servers would start on empty folders of the node`,
      hint: `mount each of the node's folders at its own path: persistence: { ${unheld.map((path, i) => `${i === 0 ? 'data' : 'install'}: { volume: AppVolume.hostPath('${path}', 'DirectoryOrCreate'), mountPath: '${path}' }`).join(', ')} }`,
    });
  }
  return problems;
}
