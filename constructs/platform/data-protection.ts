import { ApiObject } from 'cdk8s';
import type { ClusterChart } from './cluster-chart';
import type { GitOpsEngine } from './gitops';
import { apiObjectsOf } from './triggers';

/** Kinds whose deletion deletes data: a claim takes its volume with it when its class reclaims with `Delete`. */
const DATA_KINDS: ReadonlySet<string> = new Set(['PersistentVolumeClaim', 'PersistentVolume']);

/** Kinds whose pods keep their claims in their namespace, made by the controller rather than by Git. */
const CLAIM_MAKING_KINDS: ReadonlySet<string> = new Set(['StatefulSet']);

/**
 * Marks the objects of `cluster` whose removal from the repository would delete data, so that `engine`
 * leaves them in the cluster when they leave `dist/`: claims and volumes, and the namespaces that hold a
 * claim or a StatefulSet (deleting a namespace deletes its claims, the StatefulSet's too). An app removed,
 * renamed or moved then leaves its data behind, for its owner to bind again or delete by hand.
 */
export function keepDataWhenRemoved(cluster: ClusterChart, engine: GitOpsEngine, objects: readonly ApiObject[] = apiObjectsOf(cluster)): void {
  if (engine.keepWhenRemoved === undefined) {
    return;
  }
  const holding = new Set<string>();
  for (const object of objects) {
    if (DATA_KINDS.has(object.kind) || CLAIM_MAKING_KINDS.has(object.kind)) {
      if (object.metadata.namespace !== undefined) {
        holding.add(object.metadata.namespace);
      }
      if (DATA_KINDS.has(object.kind)) {
        engine.keepWhenRemoved(object);
      }
    }
  }
  for (const object of objects) {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1' && holding.has(object.name)) {
      engine.keepWhenRemoved(object as ApiObject);
    }
  }
}

/**
 * Marks the StorageClasses of `cluster` so that `engine` makes one anew when its parameters change, which
 * the API server does not let it update; a class holds no data, and existing volumes keep what they were
 * made with.
 */
export function replaceStorageClassesWhenChanged(engine: GitOpsEngine, objects: readonly ApiObject[]): void {
  for (const object of objects) {
    if (object.kind === 'StorageClass' && object.apiVersion === 'storage.k8s.io/v1') {
      engine.replaceWhenChanged?.(object);
    }
  }
}
