import { CLUSTER_SCOPED_FILE, Manifest, SynthesizedCluster } from './collect';
import { kindRank } from './kinds';
import { toYamlStream } from './yaml';

function compareManifests(a: Manifest, b: Manifest): number {
  return kindRank(a.kind) - kindRank(b.kind)
    || compareText(a.kind, b.kind)
    || compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '')
    || compareText(a.metadata.name, b.metadata.name);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The documents of each file of one cluster folder, in file and document order: one file per app (its
 * objects in kind order), the cluster-scoped file, and a kustomization.yaml that lists them all. Paths
 * are relative to `dist/`.
 */
export function layoutClusterFiles(cluster: SynthesizedCluster): Map<string, object[]> {
  const byFile = new Map<string, Manifest[]>();
  for (const object of cluster.objects) {
    const list = byFile.get(object.file);
    if (list) {
      list.push(object.manifest);
    } else {
      byFile.set(object.file, [object.manifest]);
    }
  }
  const files = new Map<string, object[]>();
  const names = [...byFile.keys()].sort((a, b) => (a === CLUSTER_SCOPED_FILE ? -1 : b === CLUSTER_SCOPED_FILE ? 1 : compareText(a, b)));
  for (const name of names) {
    files.set(`${cluster.folder}/${name}.yaml`, byFile.get(name)!.sort(compareManifests));
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: names.map((name) => `${name}.yaml`),
  };
  files.set(`${cluster.folder}/kustomization.yaml`, [kustomization]);
  return files;
}

/** The files of one cluster folder as YAML text (see {@link layoutClusterFiles}). */
export function renderClusterFiles(cluster: SynthesizedCluster): Map<string, string> {
  const files = new Map<string, string>();
  for (const [file, manifests] of layoutClusterFiles(cluster)) {
    files.set(file, toYamlStream(manifests));
  }
  return files;
}
