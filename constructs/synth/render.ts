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
 * The files of one cluster folder: one per app (its objects in kind order), the cluster-scoped file,
 * and a kustomization.yaml that lists them all. Paths are relative to `dist/`.
 */
export function renderClusterFiles(cluster: SynthesizedCluster): Map<string, string> {
  const byFile = new Map<string, Manifest[]>();
  for (const object of cluster.objects) {
    const list = byFile.get(object.file) ?? [];
    list.push(object.manifest);
    byFile.set(object.file, list);
  }
  const files = new Map<string, string>();
  const names = [...byFile.keys()].sort((a, b) => (a === CLUSTER_SCOPED_FILE ? -1 : b === CLUSTER_SCOPED_FILE ? 1 : compareText(a, b)));
  for (const name of names) {
    const manifests = byFile.get(name)!.slice().sort(compareManifests);
    files.set(`${cluster.folder}/${name}.yaml`, toYamlStream(manifests));
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: names.map((name) => `${name}.yaml`),
  };
  files.set(`${cluster.folder}/kustomization.yaml`, toYamlStream([kustomization]));
  return files;
}
