import { Include } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { quoted } from './text-lists';

/** The construct that holds `object` in the cluster's tree; undefined when the path leads nowhere. */
function parentOf(cluster: SynthesizedCluster, object: SynthesizedObject): IConstruct | undefined {
  const chartPath = cluster.chart.node.path;
  const steps = (chartPath === '' ? object.constructPath : object.constructPath.slice(chartPath.length + 1)).split('/').slice(0, -1);
  let scope: IConstruct | undefined = cluster.chart;
  for (const step of steps) {
    scope = scope?.node.tryFindChild(step);
  }
  return scope;
}

/**
 * How to declare the Namespace `object` that was written out by hand (an ApiObject, or a document of an
 * Include's file) instead of with `cluster.namespaces.ensure()`, which gives it its Pod Security labels.
 */
export function unlabelledNamespaceHint(cluster: SynthesizedCluster, object: SynthesizedObject): string {
  const name = typeof object.manifest.metadata?.name === 'string' ? object.manifest.metadata.name : '<name>';
  const ensure = `cluster.namespaces.ensure(${quoted(name)})`;
  return parentOf(cluster, object) instanceof Include
    ? `declare namespace "${name}" with ${ensure}, which labels it, and take its Namespace document out of the included file (the file's other objects may stay)`
    : `declare namespace "${name}" with ${ensure}, which labels it, in place of this object`;
}
