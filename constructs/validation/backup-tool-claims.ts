import type { SynthesizedCluster } from '../synth/collect';
import { backupToolOf } from '../app/backup-reads';
import { databaseDataFolder } from '../app/database-data';
import { minecraftWorldOn } from '../app/minecraft-server';
import type { Finding } from './finding';
import { fields, keyOf, list, objectFinding, text } from './manifest';
import { containersOf, PodTemplate, podTemplates } from './pod-spec';
import { NODE_LOCAL_PROVISIONERS } from './node-local-classes';

const layer = 'policy' as const;

/** Data a server writes on a claim while it runs (a database's folder, a game's world): why a copy of its files fails, and what to back up instead. */
interface LiveDataClaim {
  /** What the server keeps on the claim and why a copy taken while it writes is no backup, after "copies the files of claim … while …". */
  readonly why: string;
  /** How to back it up instead, for a backup tool `tool`. */
  readonly instead: (tool: string) => string;
}

/** The live data a server of `image` with `env` keeps on a claim mounted at `mountPath` by `workload`, or undefined. Pure. */
function liveDataOn(image: string, env: Record<string, unknown>, mountPath: string, workload: string): LiveDataClaim | undefined {
  const database = databaseDataFolder(image, env, [mountPath]);
  if (database !== undefined) {
    return {
      why: `where ${workload} keeps ${database.server}'s data folder (${database.dir}), while the server writes them: the copy is no consistent database, `
        + `and ${database.server} keeps the folder to its own user (mode 0700), so the tool, run as another user, reads none of it`,
      instead: (tool) => `back up a dump instead: a CronJob of the ${database.server} image that runs ${database.dump ?? 'its dump tool'} against the server and writes the dump to a volume ${tool} backs up `
        + `(or the backup of a database operator, such as CloudNativePG's ScheduledBackup); copy the folder itself only while ${workload} is stopped`,
    };
  }
  const world = minecraftWorldOn(image, [mountPath]);
  return world === undefined ? undefined : {
    why: `where ${workload} runs ${world} with its world (/data), while the server writes it: chunks saved during the copy are torn in the backup, which then restores a broken world`,
    instead: () => "pause saving for the copy: run itzg/mc-backup beside the server (sidecars: [{ name: 'backup', image: 'itzg/mc-backup:<tag>', env: { BACKUP_METHOD: 'restic', RCON_HOST: 'localhost', … } }]), "
      + `which sends save-off and save-all over RCON before each backup and save-on after; or copy the folder only while ${workload} is stopped`,
  };
}

/** The claim each volume of a pod template mounts, by volume name. */
function claimsByVolume(template: PodTemplate): Map<string, string> {
  const claims = new Map<string, string>();
  for (const volume of list(template.spec.volumes)) {
    const claim = text(fields(volume.persistentVolumeClaim).claimName);
    if (claim !== undefined && typeof volume.name === 'string') {
      claims.set(volume.name, claim);
    }
  }
  return claims;
}

/** The env of a container as a record of its literal values. */
function envOf(container: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(list(container.env).map((entry) => [String(entry.name), entry.value]));
}

/**
 * A backup tool (restic, kopia, rclone, rsync, borg) that mounts the claim a database server of the cluster keeps
 * its data folder on (PostgreSQL, MariaDB, MySQL, MongoDB, by their official images) copies the server's files
 * while it writes them: the copy is no consistent database, and the server keeps the folder to its own user (mode
 * 0700), so the tool, run as another user, reads none of it. So does one that mounts a Minecraft server's world,
 * without saving paused: the chunks saved during the copy are torn. One error per backup workload and claim, on the
 * volume that mounts it; the hint backs up a dump, or pauses saving, instead. Claims are indexed once per cluster.
 */
export function checkDatabaseFileBackups(cluster: SynthesizedCluster): Finding[] {
  const templates = podTemplates(cluster.objects);
  const live = new Map<string, LiveDataClaim>();
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const claims = claimsByVolume(template);
    for (const { container } of containersOf(template)) {
      for (const mount of list(container.volumeMounts)) {
        const claim = claims.get(String(mount.name));
        if (claim === undefined || typeof container.image !== 'string' || live.has(keyOf(template.namespace, claim))) {
          continue;
        }
        const data = liveDataOn(container.image, envOf(container), String(mount.mountPath ?? ''),
          `${String(template.object.manifest.kind)} ${String(template.object.manifest.metadata.name)}`);
        if (data !== undefined) {
          live.set(keyOf(template.namespace, claim), data);
        }
      }
    }
  }
  if (live.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const claims = claimsByVolume(template);
    const reported = new Set<string>();
    for (const { container } of containersOf(template)) {
      const tool = backupToolOf(container.image, container.command);
      for (const mount of tool === undefined ? [] : list(container.volumeMounts)) {
        const claim = claims.get(String(mount.name));
        const data = claim === undefined ? undefined : live.get(keyOf(template.namespace, claim));
        if (data === undefined || reported.has(claim!)) {
          continue;
        }
        reported.add(claim!);
        const volume = list(template.spec.volumes).findIndex((v) => v.name === mount.name);
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${template.specPath}.volumes[${volume}]`,
          message: `${tool} copies the files of claim "${claim}", ${data.why}`,
          hint: data.instead(tool!),
        }));
      }
    }
  }
  return findings;
}

/** Where a backup tool writes its repository or copy: the local path, and the field of the container that names it (`args`, `env[2]`). */
interface BackupDestination {
  readonly path: string;
  readonly field: string;
}

/**
 * The local path a backup tool container writes its repository or copy to: restic's `RESTIC_REPOSITORY` or
 * `--repo`/`-r`, borg's `BORG_REPO`, and the last argument of rsync and rclone (their destination); undefined
 * for a remote one or none.
 */
function backupDestination(tool: string, container: Readonly<Record<string, unknown>>): BackupDestination | undefined {
  const env = envOf(container);
  const parts = (['command', 'args'] as const).flatMap((prop) => (Array.isArray(container[prop]) ? (container[prop] as unknown[]).map((word) => ({ word: String(word), prop })) : []));
  const words = parts.map((part) => part.word);
  const flag = words.findIndex((word) => word === '-r' || word === '--repo');
  const withValue = words.findIndex((word) => word.startsWith('--repo='));
  const fromFlag = withValue >= 0 ? { path: words[withValue].slice('--repo='.length), field: parts[withValue].prop }
    : flag >= 0 && flag + 1 < words.length ? { path: words[flag + 1], field: parts[flag + 1].prop } : undefined;
  const fromEnv = (name: string) => (env[name] === undefined ? undefined : { path: env[name], field: `env[${list(container.env).findIndex((entry) => entry.name === name)}]` });
  const found = tool === 'restic' ? fromFlag ?? fromEnv('RESTIC_REPOSITORY')
    : tool === 'borg' || tool === 'borgmatic' ? fromEnv('BORG_REPO')
      : (tool === 'rsync' || tool === 'rclone') && parts.length > 0 ? { path: words[words.length - 1], field: parts[parts.length - 1].prop } : undefined;
  return found !== undefined && typeof found.path === 'string' && found.path.startsWith('/') ? { path: found.path, field: found.field } : undefined;
}

/**
 * A backup tool whose repository (or copy) lies on a claim of the same one-host StorageClass as a claim it backs
 * up (the same ZFS pool, local-path's node disk) keeps the backup on the disks of the data: a failed pool or
 * disk loses both. A warning on the volume of the repository, as keeping a first copy beside the data can be
 * meant, next to another elsewhere. One whose repository lies under no volume of the container at all (the NAS's
 * export meant, never mounted) writes it into the container's own filesystem, read-only or gone with the pod:
 * an error on the field that names the repository.
 */
export function checkBackupRepositories(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const templates = podTemplates(cluster.objects);
  // StorageClasses and claims looked up by name, indexed once.
  let classes: Map<string, Readonly<Record<string, unknown>>> | undefined;
  let claimClasses: Map<string, string> | undefined;
  const classOf = (namespace: string, claim: string): string | undefined => {
    if (claimClasses === undefined) {
      claimClasses = new Map();
      classes = new Map();
      for (const object of cluster.objects) {
        if (object.manifest.kind === 'PersistentVolumeClaim') {
          const name = text(fields(object.manifest.spec).storageClassName);
          if (name !== undefined) {
            claimClasses.set(keyOf(String(object.manifest.metadata.namespace ?? ''), String(object.manifest.metadata.name)), name);
          }
        } else if (object.manifest.kind === 'StorageClass') {
          classes.set(String(object.manifest.metadata.name), object.manifest);
        }
      }
    }
    const name = claimClasses.get(keyOf(namespace, claim));
    return name !== undefined && NODE_LOCAL_PROVISIONERS.has(String(classes!.get(name)?.provisioner)) ? name : undefined;
  };
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const claims = claimsByVolume(template);
    for (const { container, path } of containersOf(template)) {
      const tool = backupToolOf(container.image, container.command);
      const destination = tool === undefined ? undefined : backupDestination(tool, container);
      if (destination === undefined) {
        continue;
      }
      const repository = destination.path;
      const holds = (m: Readonly<Record<string, unknown>>) => repository === m.mountPath || repository.startsWith(`${String(m.mountPath).replace(/\/$/, '')}/`);
      if (!list(container.volumeMounts).some(holds)) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${path}.${destination.field}`,
          message: `${tool} writes its backup to ${repository}, under no volume the container mounts: it would land in the container's own filesystem, `
            + 'read-only or gone with the pod, and never reach the disk meant for it',
          hint: `mount the backup's destination at ${repository} or a folder above it, e.g. the NAS's export: persistence: { backups: { volume: AppVolume.nfs(site.nfs.<export>, '<folder>'), mountPath: '${repository}' } }`,
        }));
        continue;
      }
      const mounts = list(container.volumeMounts).filter((m) => claims.has(String(m.name)));
      const target = mounts.find(holds);
      const targetClass = target === undefined ? undefined : classOf(template.namespace, claims.get(String(target.name))!);
      const data = targetClass === undefined ? undefined : mounts.find((m) => m !== target && classOf(template.namespace, claims.get(String(m.name))!) === targetClass);
      if (target === undefined || data === undefined) {
        continue;
      }
      findings.push(objectFinding(template.object, {
        layer, severity: 'warning', field: `${template.specPath}.volumes[${list(template.spec.volumes).findIndex((v) => v.name === target.name)}]`,
        message: `${tool} writes its backup (${repository}) to claim "${claims.get(String(target.name))}", of StorageClass ${targetClass}, which also holds claim "${claims.get(String(data.name))}" `
          + 'it backs up: the class keeps its volumes on one host\'s disks, so a failed pool or disk loses the data and its backup together',
        hint: `keep the backup on other disks: an NFS export of another machine (AppVolume.nfs(site.nfs.<export>, '<folder>')), a pool of another host, or a remote repository (s3:, rest:, sftp:) with its credentials in a Secret`,
      }));
    }
  }
  return findings;
}

/** Words of a backup tool's command line that restore a backup into a folder: restic's and kopia's `restore`, borg's `extract`. */
const RESTORE_WORDS: ReadonlySet<string> = new Set(['restore', 'extract']);

/**
 * The claims a container of `template` restores a backup into: a backup tool run to restore (restic or kopia
 * `restore`, borg `extract`), and each claim it mounts writable. Pure.
 */
export function restoredClaims(template: PodTemplate): string[] {
  const claims = claimsByVolume(template);
  const restored = new Set<string>();
  for (const { container } of containersOf(template)) {
    const words = [container.command, container.args].flatMap((part) => (Array.isArray(part) ? part.map(String) : []));
    if (backupToolOf(container.image, container.command) === undefined || !words.some((word) => RESTORE_WORDS.has(word))) {
      continue;
    }
    for (const mount of list(container.volumeMounts)) {
      const claim = claims.get(String(mount.name));
      if (claim !== undefined && mount.readOnly !== true) {
        restored.add(claim);
      }
    }
  }
  return [...restored];
}
