import { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { ClusterChart } from './cluster-chart';
import type { ComponentInstall, HelmChartSource, Installable } from './component';
import { isExactVersion } from './component';

/** Options of an app's Helm release. */
export interface ChartReleaseProps {
  /** Release name. @default - the construct id */
  readonly name?: string;
  /** Namespace the release runs in. */
  readonly namespace: string;
  /** The chart at an exact version. */
  readonly chart: HelmChartSource;
  /** Helm values. @default {} */
  readonly values?: Record<string, unknown>;
  /** Platform components that must be healthy first. @default [] */
  readonly dependsOn?: string[];
}

/**
 * An app installed from a Helm chart, in the layer of its parent (the apps layer for an app). The
 * cluster's GitOps engine renders it in its own terms (a HelmRelease, an Argo CD Application), so the
 * app never names an engine's kinds.
 */
export class ChartRelease extends Construct implements Installable {
  /** Release name. */
  public readonly name: string;
  /** Namespace the release runs in. */
  public readonly namespace: string;
  /** The chart install. */
  public readonly install: ComponentInstall;
  /** Helm values. */
  public readonly values: Record<string, unknown>;
  /** Platform components that must be healthy first. */
  public readonly dependsOn: readonly string[];

  constructor(scope: Construct, id: string, props: ChartReleaseProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    this.install = { type: 'helm', chart: props.chart, values: props.values ?? {} };
    this.values = props.values ?? {};
    this.dependsOn = props.dependsOn ?? [];
    if (!isExactVersion(props.chart.version)) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'chart.version',
        message: `"${props.chart.version}" is not an exact version`, hint: 'pin an exact chart version, e.g. 1.2.3',
      });
    }
    const cluster = ClusterChart.of(this);
    cluster.namespaces.ensure(this.namespace);
    cluster.onPrepare(() => {
      if (!cluster.gitops) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'chart',
          message: `cluster "${cluster.clusterName}" has no GitOps engine to install chart ${props.chart.chart}`,
          hint: 'set `gitops:` on the cluster',
        });
        return;
      }
      cluster.gitops.renderComponent(this, this, cluster);
    });
  }
}
