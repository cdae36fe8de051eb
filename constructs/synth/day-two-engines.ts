import type { Finding } from '../validation/finding';
import type { OwnerActionEntry } from './owner-action';

/**
 * What the GitOps engine a cluster folder was last written for does with that folder once the output
 * changes under it: when the cluster leaves the fleet (see `removedClusters`), or when the cluster changes
 * engine (`gitops: flux()` to `argoCd()`), while the old engine still runs in the cluster.
 */

/** What an engine does with a folder it reads, and how the owner stops it, by the engine's name. */
export interface EngineOfFolder {
  /** The engine's name as its users say it, e.g. `Flux`. */
  readonly name: string;
  /** Whether it deletes from the cluster what left its folder. */
  readonly prunes: boolean;
  /** What of the engine still reads the folder, as a clause, e.g. `Flux's Kustomization of that cluster still syncs that path`. */
  readonly still: string;
  /** What the engine does once the folder is gone. */
  readonly then: string;
  /** How to stop it, as the hint's first words. */
  readonly stop: string;
  /** What it does on its next sync of a folder now written for another engine, as a clause. */
  readonly replaced: string;
  /** How to take it off the cluster and leave what it applied running, as the hint's first words. */
  readonly remove: string;
  /** The command that does so, when one does. @default - none */
  readonly removeCommand?: string;
}

const ENGINES: Readonly<Record<string, EngineOfFolder>> = {
  flux: {
    name: 'Flux', prunes: true, still: "Flux's Kustomization of that cluster still syncs that path", then: 'prunes what it applied, or stops with an error',
    stop: 'uninstall Flux from that cluster (flux uninstall) or point its Kustomization at another folder',
    replaced: "its root Kustomization prunes the layer Kustomizations that left the output, and with them every object they applied that is not marked to be kept, then applies the new engine's objects beside it",
    remove: 'uninstall Flux (flux uninstall takes its finalizers off first, so what it applied keeps running)', removeCommand: 'flux uninstall',
  },
  'argo-cd': {
    name: 'Argo CD', prunes: true, still: "Argo CD's Application of that cluster still syncs that path", then: 'prunes what it applied, or stops with an error',
    stop: 'uninstall Argo CD from that cluster or point its Application at another folder',
    replaced: "its root Application prunes the layer Applications that left the output and applies the new engine's objects, so both engines apply the same objects",
    remove: "delete its Applications (none carries Argo CD's resources finalizer, so what they applied keeps running), then uninstall Argo CD",
  },
  'k3s-manifests': {
    name: 'K3s', prunes: false, still: "K3s' manifests folder on that cluster's server still holds the files of that path", then: 'leaves every object of them running',
    stop: "take the files out of K3s' manifests folder on that cluster's server (K3s deletes nothing when they go: delete the objects by hand)",
    replaced: "K3s' manifests folder on the server still holds the previous files, which K3s applies again whenever they or the server change",
    remove: "take the files out of K3s' manifests folder on the cluster's server (K3s deletes nothing when they go)",
  },
  'gitlab-ci': {
    name: 'GitLab CI', prunes: false, still: "the repository's .gitlab-ci.yml still includes the GitLab CI job file of that path", then: 'fails the pipeline, whose include is gone',
    stop: "remove the include of that folder's gitlab-ci.yml from the repository's .gitlab-ci.yml (GitLab CI deletes nothing: delete the objects by hand)",
    replaced: "the repository's .gitlab-ci.yml still includes the folder's gitlab-ci.yml, which is gone, so the pipeline fails",
    remove: "remove the include of the folder's gitlab-ci.yml from the repository's .gitlab-ci.yml",
  },
};

/** The engine a cluster's output names in its README (`reconciled by flux`), undefined when it names none. */
export function engineOfFiles(folder: string, files: ReadonlyMap<string, string>): string | undefined {
  return /, reconciled by ([a-z0-9-]+)\./.exec(files.get(`${folder}/README.md`) ?? '')?.[1];
}

/** How a warning speaks of engine `name` (see {@link engineOfFiles}). */
export function engineOfFolder(name: string | undefined): EngineOfFolder {
  return (name !== undefined ? ENGINES[name] : undefined) ?? {
    name: 'the engine', prunes: true,
    still: `the GitOps engine of that cluster${name !== undefined ? ` (${name})` : ' (a Flux Kustomization, an Argo CD Application, K3s\' manifests folder)'} still points at that path`,
    then: 'prunes what it applied, or stops with an error',
    stop: 'uninstall the engine from that cluster or point it at another folder',
    replaced: "it applies the new engine's objects beside them and prunes what left the output",
    remove: 'uninstall it and leave what it applied running',
  };
}

/** The cluster folder (`<site>/<cluster>`) whose README is among `files`, if one is. */
export function clusterFolderOf(files: ReadonlyMap<string, string>): string | undefined {
  return [...files.keys()].map((file) => /^([^/]+\/[^/]+)\/README\.md$/.exec(file)?.[1]).find((folder) => folder !== undefined);
}

/** A day-2 warning with the step that makes the change safe. */
export interface DayTwoSwitch {
  readonly finding: Finding;
  readonly action: OwnerActionEntry;
}

/**
 * What the cluster README of the previous output (`previous`, the changed files) and of the new one (`current`)
 * say of the cluster, as `read` finds it, when they say two different things; undefined otherwise. Pure.
 */
export function readmeChange(
  previous: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>,
  read: (folder: string, files: ReadonlyMap<string, string>) => string | undefined,
): { readonly folder: string; readonly before: string; readonly after: string } | undefined {
  const folder = clusterFolderOf(previous);
  const [before, after] = folder === undefined ? [] : [read(folder, previous), read(folder, current)];
  return folder === undefined || before === undefined || after === undefined || before === after ? undefined : { folder, before, after };
}

/**
 * The warning and step when a cluster's new output (`current`) is written for another engine than its
 * previous one (`previous`, the changed files): the old engine still runs in the cluster and reads the
 * folder, and is taken off it before the new one's bootstrap. Undefined when the engine stays. Pure.
 */
export function engineSwitch(previous: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>, chartPath: string): DayTwoSwitch | undefined {
  const change = readmeChange(previous, current, engineOfFiles);
  if (change === undefined) {
    return undefined;
  }
  const { folder, before, after } = change;
  const old = engineOfFolder(before);
  const now = engineOfFolder(after).name;
  return {
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, field: 'gitops',
      message: `the cluster's GitOps engine changes from ${old.name} to ${now}, while ${old.name} still runs in the cluster and reads ${folder}/: ${old.replaced}`,
      hint: `if the change is meant, ${old.remove} before committing, then follow ${now}'s bootstrap steps in the cluster README; otherwise keep the previous engine`,
    },
    action: {
      kind: 'manual', source: chartPath,
      action: `before committing the switch to ${now}, ${old.remove}; then follow ${now}'s bootstrap steps`,
      ...old.removeCommand !== undefined ? { command: old.removeCommand } : {},
    },
  };
}
