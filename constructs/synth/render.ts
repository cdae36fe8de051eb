import { LAYERS } from '../platform/component';
import type { OutputLayer } from '../platform/layout';
import type { Manifest, RenderedFile, SynthesizedCluster, SynthesizedObject } from './collect';
import { kindRank } from './kinds';
import { clusterReadme } from './readme';
import { toYamlStream } from './yaml';
import { compareText } from '../text-order';
import { textHash } from '../validation/schema/result-cache';
import { marksOfText } from '../validation/text-marks';

function compareManifests(a: Manifest, b: Manifest): number {
  return kindRank(a.kind) - kindRank(b.kind)
    || compareText(a.kind, b.kind)
    || compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '')
    || compareText(a.metadata.name, b.metadata.name);
}


const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };

/** The folder of a layer inside the cluster folder; `sync` objects live at the cluster folder's root. */
function layerPrefix(layer: OutputLayer): string {
  return layer === 'sync' ? '' : `${layer}/`;
}

/** The file of the cluster folder an object is written to, or would be were it not generated from a file. */
function objectFile(cluster: SynthesizedCluster, object: SynthesizedObject): string {
  const layer = object.layer ?? 'apps';
  const engine = cluster.chart.gitops;
  return layer !== 'sync' && engine?.fileName ? engine.fileName(layer, object.file) : `${layerPrefix(layer)}${object.file}.yaml`;
}

/** `name` in `folder` of the cluster folder, `''` being its root. */
function inFolder(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** A kustomize `secretGenerator` entry, with the file it reads. */
interface GeneratedSecret {
  readonly entry: Record<string, unknown>;
  readonly fileName: string;
  readonly content: string;
}

/**
 * The Secrets of a cluster that kustomize generates from a file (see `generateFromFile`), by the folder of
 * the cluster folder whose kustomization generates them, in file name order. The name is kept as written
 * (no hash suffix): pods refer to it.
 */
function generatedSecrets(cluster: SynthesizedCluster): Map<string, GeneratedSecret[]> {
  const byFolder = new Map<string, GeneratedSecret[]>();
  for (const object of cluster.objects) {
    const generator = object.generator;
    if (!generator) {
      continue;
    }
    const file = objectFile(cluster, object);
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const { name, namespace } = object.manifest.metadata;
    const type = object.manifest.type;
    const entry = {
      name, namespace, ...(typeof type === 'string' && type !== 'Opaque' ? { type } : {}),
      envs: [generator.fileName], options: { disableNameSuffixHash: true },
    };
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), { entry, ...generator }]);
  }
  for (const generated of byFolder.values()) {
    generated.sort((a, b) => compareText(a.fileName, b.fileName));
  }
  return byFolder;
}

/**
 * The documents of each file of one cluster folder, in file and document order, paths relative to
 * `dist/`:
 * - `<layer>/<unit>.yaml` per app, component or config scope (objects in kind order), and a
 *   `<layer>/kustomization.yaml` listing them, for each of `platform`, `config` and `apps`; a unit in a folder
 *   of its own, `<layer>/<folder>/<file>.yaml`, is left out of that list and listed by the folder's own
 *   `kustomization.yaml`: the engine applies it;
 * - at the root, the engine's sync objects and a `kustomization.yaml` listing them: what the engine's
 *   bootstrap points at. A cluster without an engine lists the three layer folders there instead, so
 *   `kubectl apply -k` on the cluster folder applies everything;
 * - a Secret generated from a file is no manifest: it is a `secretGenerator` entry of the kustomization of
 *   the folder it would have been written to, and {@link renderClusterFiles} copies its file there.
 */
export function layoutClusterFiles(cluster: SynthesizedCluster): Map<string, object[]> {
  const byFile = new Map<string, Manifest[]>();
  const engine = cluster.chart.gitops;
  for (const object of cluster.objects) {
    if (object.generator) {
      continue;
    }
    const file = objectFile(cluster, object);
    const list = byFile.get(file);
    if (list) {
      list.push(object.manifest);
    } else {
      byFile.set(file, [object.manifest]);
    }
  }
  const files = new Map<string, object[]>();
  const names = [...byFile.keys()].sort(compareText);
  for (const name of names) {
    files.set(`${cluster.folder}/${name}`, byFile.get(name)!.sort(compareManifests));
  }
  for (const layer of LAYERS) {
    const prefix = layerPrefix(layer);
    // A folder inside the layer's is applied by an object of the engine, not by the layer (see assignOwnFolder).
    const resources = names.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)).filter((name) => !name.includes('/'));
    if (engine?.fileName && resources.length === 0) {
      // The engine names the files itself (flat, in apply order): no empty layer folders.
      continue;
    }
    files.set(`${cluster.folder}/${prefix}kustomization.yaml`, [{ ...KUSTOMIZATION, resources }]);
    // Each folder of its own lists its files as well, for its engine object and for `kubectl apply -k`.
    const folders = new Map<string, string[]>();
    for (const name of names.filter((n) => n.startsWith(prefix) && n.slice(prefix.length).includes('/'))) {
      const folder = name.slice(0, name.lastIndexOf('/'));
      folders.set(folder, [...(folders.get(folder) ?? []), name.slice(folder.length + 1)]);
    }
    for (const [folder, own] of folders) {
      files.set(`${cluster.folder}/${folder}/kustomization.yaml`, [{ ...KUSTOMIZATION, resources: own }]);
    }
  }
  const rootFiles = names.filter((name) => !name.includes('/'));
  const root = rootFiles.length > 0 ? rootFiles : LAYERS.map((layer) => layer);
  files.set(`${cluster.folder}/kustomization.yaml`, [{ ...KUSTOMIZATION, resources: root }]);
  // A Secret generated from a file is an entry of the kustomization of the folder it would have been written to.
  for (const [folder, generated] of generatedSecrets(cluster)) {
    const kustomization = `${cluster.folder}/${inFolder(folder, 'kustomization.yaml')}`;
    const [listing] = files.get(kustomization) ?? [{ ...KUSTOMIZATION, resources: [] }];
    files.set(kustomization, [{ ...listing, secretGenerator: generated.map(({ entry }) => entry) }]);
  }
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}

/** The files of one cluster folder as YAML text, laid out as `layout` says (see {@link layoutClusterFiles}). */
export function renderClusterFiles(cluster: SynthesizedCluster, layout: Map<string, object[]> = layoutClusterFiles(cluster)): Map<string, string> {
  const files = new Map<string, string>();
  for (const [file, manifests] of layout) {
    files.set(file, toYamlStream(manifests));
  }
  for (const [folder, generated] of generatedSecrets(cluster)) {
    for (const { fileName, content } of generated) {
      files.set(`${cluster.folder}/${inFolder(folder, fileName)}`, content);
    }
  }
  files.set(`${cluster.folder}/README.md`, clusterReadme(cluster));
  for (const [file, content] of cluster.chart.platform.bootstrapFiles()) {
    files.set(`${cluster.folder}/${file}`, content);
  }
  for (const [file, content] of cluster.chart.gitops?.extraFiles?.(cluster.chart) ?? []) {
    files.set(`${cluster.folder}/${file}`, content);
  }
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}

/** The file each manifest of `layout` is written to, with what validation reads of the text `files` holds for it. */
export function renderedFilesOf(layout: Map<string, object[]>, files: ReadonlyMap<string, string>): Map<Manifest, RenderedFile> {
  const rendered = new Map<Manifest, RenderedFile>();
  for (const [path, manifests] of layout) {
    const text = files.get(path)!;
    const file: RenderedFile = { path, textHash: textHash(text), marks: marksOfText(text) };
    for (const manifest of manifests) {
      rendered.set(manifest as Manifest, file);
    }
  }
  return rendered;
}
