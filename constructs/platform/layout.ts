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
 * `outdir` is taken relative to the working directory the synth runs in, which is the repository root.
 */
export function repositoryPath(outdir: string, relative: string): string {
  const base = path.isAbsolute(outdir) ? path.relative(process.cwd(), outdir) : path.normalize(outdir);
  return [base, relative].filter((part) => part !== '' && part !== '.').join('/').split(path.sep).join('/');
}
