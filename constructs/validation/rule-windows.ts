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

/** A rule group list to read: where it is (an object of the output, or the stack's values) and the field of its groups. */
interface RuleGroups {
  readonly groups: unknown;
  readonly at: string;
  readonly finding: (field: string, message: string, hint: string) => Finding;
}

/**
 * Alerting and recording rules of the cluster (its PrometheusRules, and those given to the stack as
 * `additionalPrometheusRulesMap` or `additionalPrometheusRules`) whose `rate`, `irate`, `increase`, `delta`,
 * `idelta` or `deriv` range is shorter than two scrape intervals, the shortest interval any target of the cluster
 * is scraped at (the stack's `scrapeInterval`, 30s unless set, and every monitor endpoint's own): one error per
 * rule, on its `expr`.
 */
export function checkRuleWindows(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const stack = cluster.chart.platform.get(STACK);
  if (stack === undefined) {
    return [];
  }
  const values = stack.values;
  const onStack = (field: string, message: string, hint: string): Finding => ({ layer: 'references', severity: 'error', constructPath: stack.node.path, field: `addValues.${field}`, message, hint });
  const sources: RuleGroups[] = [
    ...index.of('PrometheusRule').map((rule) => ({
      groups: fields(rule.manifest.spec).groups, at: 'spec.groups',
      finding: (field: string, message: string, hint: string) => objectFinding(rule, { layer: 'references', severity: 'error', field, message, hint }),
    })),
    ...Object.entries(fields(values.additionalPrometheusRulesMap)).map(([name, entry]) => ({ groups: fields(entry).groups, at: `additionalPrometheusRulesMap.${name}.groups`, finding: onStack })),
    ...list(values.additionalPrometheusRules).map((entry, i) => ({ groups: entry.groups, at: `additionalPrometheusRules[${i}].groups`, finding: onStack })),
  ];
  if (sources.length === 0) {
    return [];
  }
  const prometheusSpec = fields(fields(values.prometheus).prometheusSpec);
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
  return sources.flatMap(({ groups, at, finding }) => list(groups).flatMap((group, g) => list(group.rules).flatMap((entry, r): Finding[] => {
    const expr = text(entry.expr);
    const short = expr === undefined ? undefined : twoSampleRanges(expr).find(({ range }) => {
      const milliseconds = prometheusDurationMilliseconds(range);
      return milliseconds !== undefined && milliseconds < 2 * shortest.milliseconds;
    });
    return short === undefined ? [] : [finding(`${at}[${g}].rules[${r}].expr`,
      `${short.fn}(…[${short.range}]) spans less than two scrapes of ${shortest.interval}, the shortest scrape interval of the cluster: the range holds one sample at most, so ${short.fn} returns nothing and the rule never ${entry.alert === undefined ? 'records a value' : 'fires'}`,
      `give the range four scrape intervals or more: [${Math.ceil(4 * shortest.milliseconds / 60_000)}m]`)];
  })));
}
