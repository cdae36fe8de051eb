import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { OPERATOR_SCRAPE_INTERVAL } from './monitor-endpoints';
import { indexOf } from './object-index';
import { prometheusDurationMilliseconds } from './prometheus-duration';
import { twoSampleRanges } from './prometheus-rules';

// `rate(http_requests_total[30s])` copied from a dashboard of a Prometheus that scrapes every 10s: where the lab's
// Prometheus scrapes every 30s, such a range holds one sample at most, `rate` returns nothing, and the alert on it
// never fires, with no error anywhere. A range needs two scrapes at least (four is the usual advice).

/** The release name of the library's monitoring stack. */
const STACK = 'kube-prometheus-stack';

/**
 * Alerting and recording rules of the cluster's PrometheusRules whose `rate`, `irate`, `increase`, `delta`,
 * `idelta` or `deriv` range is shorter than two scrape intervals, the shortest interval any target of the cluster
 * is scraped at (the stack's `scrapeInterval`, 30s unless set, and every monitor endpoint's own): one error per
 * rule, on its `expr`.
 */
export function checkRuleWindows(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const rules = index.of('PrometheusRule');
  const stack = cluster.chart.platform.get(STACK);
  if (rules.length === 0 || stack === undefined) {
    return [];
  }
  const prometheusSpec = fields(fields(stack.values.prometheus).prometheusSpec);
  const intervals = [
    text(prometheusSpec.scrapeInterval) ?? OPERATOR_SCRAPE_INTERVAL,
    ...index.of('ServiceMonitor', 'PodMonitor').flatMap((monitor) => {
      const spec = fields(monitor.manifest.spec);
      return [...list(spec.endpoints), ...list(spec.podMetricsEndpoints)].map((endpoint) => text(endpoint.interval)).filter((i): i is string => i !== undefined);
    }),
  ].map((interval) => ({ interval, milliseconds: prometheusDurationMilliseconds(interval) })).filter((i): i is { interval: string; milliseconds: number } => i.milliseconds !== undefined && i.milliseconds > 0);
  if (intervals.length === 0) {
    return [];
  }
  const shortest = intervals.reduce((a, b) => (b.milliseconds < a.milliseconds ? b : a));
  return rules.flatMap((rule) => list(fields(rule.manifest.spec).groups).flatMap((group, g) => list(group.rules).flatMap((entry, r): Finding[] => {
    const expr = text(entry.expr);
    const short = expr === undefined ? undefined : twoSampleRanges(expr).find(({ range }) => {
      const milliseconds = prometheusDurationMilliseconds(range);
      return milliseconds !== undefined && milliseconds < 2 * shortest.milliseconds;
    });
    return short === undefined ? [] : [objectFinding(rule, {
      layer: 'references', severity: 'error', field: `spec.groups[${g}].rules[${r}].expr`,
      message: `${short.fn}(…[${short.range}]) spans less than two scrapes of ${shortest.interval}, the shortest scrape interval of the cluster: the range holds one sample at most, so ${short.fn} returns nothing and the rule never ${entry.alert === undefined ? 'records a value' : 'fires'}`,
      hint: `give the range four scrape intervals or more: [${Math.ceil(4 * shortest.milliseconds / 60_000)}m]`,
    })];
  })));
}
