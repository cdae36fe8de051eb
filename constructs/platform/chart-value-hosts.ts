import type { IConstruct } from 'constructs';
import { shortHostNames } from '../app/env-hosts';
import { reportFinding } from '../validation/finding';
import { visitFields } from '../validation/json-values';
import type { ClusterChart } from './cluster-chart';
import { shortNameNamespaces } from './component-network';

/**
 * Warns, on `scope`, of a Helm value that names another namespace's app, or a Service a platform component
 * makes, by its short name (a log shipper's `http://loki:3100/loki/api/v1/push`, a Grafana data source's
 * `http://loki-gateway`): the chart's pods resolve it in their own `namespace`, where nothing answers. The
 * warning is on `<prefix>.<path>` (`values.…` of a `ChartRelease`, `addValues.…` of a platform component).
 */
export function warnShortHostNames(scope: IConstruct, cluster: ClusterChart, namespace: string, values: Record<string, unknown>, prefix: string): void {
  const texts: Array<[string, string]> = [];
  visitFields(values, (path, _key, field) => {
    if (typeof field === 'string') {
      texts.push([`${prefix}.${path}`, field]);
    }
  });
  for (const { name, message, hint } of shortHostNames(texts, namespace, shortNameNamespaces(cluster.namespaces, cluster.platform.components), (field) => field)) {
    reportFinding(scope, { layer: 'references', severity: 'warning', field: name, message, hint });
  }
}
