import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';

// The objects apps render are most of a large cluster's construct tree. Once the cluster is collected,
// their manifests hold all that validation and rendering read of them. A run that lets the whole tree go
// once the cluster is written (a fleet's, one cluster at a time) lets them go at collection instead, so a
// cluster of thousands of apps is validated without them in memory.

const RELEASING = new WeakSet<IConstruct>();

/**
 * Marks the objects `scope` renders (its ApiObject children that have no children of their own) to be
 * taken out of the construct tree when its cluster is collected by such a run. Whoever keeps a reference
 * to one (`app.workload`) still has it; walking the tree no longer finds it.
 */
export function releaseObjectsWhenCollected(scope: IConstruct): void {
  RELEASING.add(scope);
}

/** Whether `construct` was marked with {@link releaseObjectsWhenCollected}. */
export function releasesObjects(construct: IConstruct): boolean {
  return RELEASING.has(construct);
}

/** Takes the objects `scope` rendered out of the construct tree (see {@link releaseObjectsWhenCollected}). */
export function releaseObjects(scope: IConstruct): void {
  for (const child of scope.node.children) {
    if (child instanceof ApiObject && child.node.children.length === 0) {
      scope.node.tryRemoveChild(child.node.id);
    }
  }
}
