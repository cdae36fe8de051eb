import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { CLUSTER_SCOPED_KINDS } from './kinds';

/** A Kubernetes object as it will be written, with where it came from. */
export interface SynthesizedObject {
  /** The manifest (plain JSON data). */
  readonly manifest: Manifest;
  /** Construct path of the ApiObject. */
  readonly constructPath: string;
  /** Output file (without `.yaml`) the object goes to: its app, or `cluster-scoped`. */
  readonly file: string;
}

/** The plain data of a Kubernetes object. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Every object of one cluster. */
export interface SynthesizedCluster {
  /** The cluster chart. */
  readonly chart: ClusterChart;
  /** Output folder relative to `dist/`, e.g. `mobius/homelab`. */
  readonly folder: string;
  /** Its objects, in construct order. */
  readonly objects: SynthesizedObject[];
}

/** Name of the file that holds a cluster's cluster-scoped objects. */
export const CLUSTER_SCOPED_FILE = 'cluster-scoped';

/**
 * Turns every ClusterChart under `root` into plain objects, in one walk of each chart. Each object is
 * assigned to the file of the chart's child it belongs to (one file per app).
 */
export function collectClusters(root: IConstruct): SynthesizedCluster[] {
  const charts = root.node.findAll().filter((c): c is ClusterChart => c instanceof ClusterChart);
  return charts.map((chart) => {
    const depth = chart.node.scopes.length;
    const objects: SynthesizedObject[] = [];
    for (const construct of chart.node.findAll()) {
      if (!(construct instanceof ApiObject)) {
        continue;
      }
      const manifest = construct.toJson() as Manifest;
      const unit = construct.node.scopes[depth]?.node.id ?? construct.node.id;
      objects.push({
        manifest,
        constructPath: construct.node.path,
        file: CLUSTER_SCOPED_KINDS.has(manifest.kind) ? CLUSTER_SCOPED_FILE : unit,
      });
    }
    return { chart, folder: `${chart.site.name}/${chart.clusterName}`, objects };
  });
}
