import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import type { PlatformLayer } from './component';

/**
 * Where a cluster's files go. Decided here once: the writer lays files out with it and the GitOps
 * engines point their sync objects at the same folders.
 */

/**
 * Where an object is written: one of the three layers, or `sync`, the cluster folder's root that the
 * engine's bootstrap points at (the objects that apply the layers in order).
 */
export type OutputLayer = PlatformLayer | 'sync';

const LAYER_OF = new WeakMap<IConstruct, OutputLayer>();

/** Puts every object under `scope` into `layer` (unless a construct below it says otherwise). */
export function assignLayer(scope: IConstruct, layer: OutputLayer): void {
  LAYER_OF.set(scope, layer);
}

const GROUPS = new WeakSet<IConstruct>();

/**
 * Like {@link assignLayer}, and each child of `scope` becomes a file of its own (`<layer>/<child id>.yaml`)
 * instead of `scope` being one file: component installs, config scopes.
 */
export function assignLayerPerChild(scope: IConstruct, layer: OutputLayer): void {
  LAYER_OF.set(scope, layer);
  GROUPS.add(scope);
}

/** Whether each child of `scope` is a file of its own. */
export function isFilePerChild(scope: IConstruct): boolean {
  return GROUPS.has(scope);
}

const OWN_FOLDER = new WeakMap<IConstruct, string>();

/**
 * Writes every object under `scope` to `<layer>/<folder>/<file>.yaml`, a folder of its own with its own
 * `kustomization.yaml`, which the layer's does not list: an object of the engine applies it (a Flux
 * Kustomization that waits for another before it applies a HelmRelease). `folder` is one path segment,
 * unique in the layer.
 */
export function assignOwnFolder(scope: IConstruct, folder: string, file: string): void {
  OWN_FOLDER.set(scope, `${folder}/${file}`);
}

/** The file, relative to its layer's folder and without `.yaml`, that {@link assignOwnFolder} gave `scope`. */
export function ownFolderFile(scope: IConstruct): string | undefined {
  return OWN_FOLDER.get(scope);
}

/**
 * A Secret kustomize generates from a file (a `secretGenerator` entry) instead of a manifest: the file is
 * copied beside the `kustomization.yaml` of the folder the object would have been written to.
 */
export interface GeneratedSecretSource {
  /** The file's name in that folder, unique in it. */
  readonly fileName: string;
  /** The file's text, copied byte for byte (a SOPS MAC covers it). */
  readonly content: string;
}

const GENERATED = new WeakMap<IConstruct, GeneratedSecretSource>();

/**
 * Writes the Secret `object` renders as a `secretGenerator` entry of its folder's `kustomization.yaml`,
 * with `source` beside it, instead of as a manifest. The object stays in the cluster's objects, so every
 * check reads the Secret the cluster gets.
 */
export function generateFromFile(object: IConstruct, source: GeneratedSecretSource): void {
  GENERATED.set(object, source);
}

/** The file that {@link generateFromFile} gave `object`, if any. */
export function generatedFrom(object: IConstruct): GeneratedSecretSource | undefined {
  return GENERATED.get(object);
}

/** The layer the objects under `scope` are written to: the nearest assigned to itself, `apps` when none is. */
export function layerOf(scope: IConstruct): OutputLayer {
  return [...scope.node.scopes].reverse().map((s) => LAYER_OF.get(s)).find((layer) => layer !== undefined) ?? 'apps';
}

/** The layer a construct was assigned to itself, if any. */
export function assignedLayer(scope: IConstruct): OutputLayer | undefined {
  return LAYER_OF.get(scope);
}

/** A cluster's folder relative to the output folder: `<site>/<cluster>`. */
export function clusterFolder(siteName: string, clusterName: string): string {
  return `${siteName}/${clusterName}`;
}

/** A layer's folder relative to the output folder: `<site>/<cluster>/<layer>`. */
export function layerFolder(siteName: string, clusterName: string, layer: PlatformLayer): string {
  return `${clusterFolder(siteName, clusterName)}/${layer}`;
}

/**
 * The path in the Git repository of a folder below the output folder, for engines that pull from Git.
 * The repository is the one that holds `outdir` (the nearest folder at or above it with a `.git`), so an
 * `outdir` in a checkout of another repository (`../gitops/dist`) or a synth run from a subfolder of the
 * repository gets the paths that repository has. An `outdir` in no repository is taken relative to the
 * working folder when it lies in it (a lab not yet under Git), and as the root of a repository of its own
 * otherwise (`/srv/gitops`, pushed as it is): a path with `..` names no folder of any repository.
 */
export function repositoryPath(outdir: string, relative: string): string {
  const absolute = path.resolve(outdir);
  const base = path.relative(repositoryRootOf(absolute), absolute);
  return [base, relative].filter((part) => part !== '' && part !== '.').join('/').split(path.sep).join('/');
}

const REPOSITORY_ROOTS = new Map<string, string>();

/** The folder whose files `outdir`'s repository paths are relative to (see {@link repositoryPath}); read once per folder. */
function repositoryRootOf(outdir: string): string {
  const cwd = process.cwd();
  const key = `${cwd}\n${outdir}`;
  let root = REPOSITORY_ROOTS.get(key);
  if (root === undefined) {
    root = gitWorkTreeAbove(outdir) ?? (isInside(outdir, cwd) ? cwd : outdir);
    REPOSITORY_ROOTS.set(key, root);
  }
  return root;
}

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a worktree's file), if any. */
function gitWorkTreeAbove(folder: string): string | undefined {
  for (let at = folder; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, '.git'))) {
      return at;
    }
    if (path.dirname(at) === at) {
      return undefined;
    }
  }
}

function isInside(folder: string, root: string): boolean {
  const relative = path.relative(root, folder);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
