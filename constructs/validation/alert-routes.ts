import type { SynthesizedCluster } from '../synth/collect';
import { alertRoutes, routeMatchers } from '../platform/alert-receiver';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, list, stringMap } from './manifest';
import { indexOf } from './object-index';

// Alertmanager takes a route whose matcher names a severity no alert carries (`severity = "Critical"` where the
// rules say `critical`, `crit`, `critcal`): the configuration loads, and the alerts meant for the route fall
// through to the root's receiver, or to none the owner reads. Severities are the one label every rule of the lab
// and of the chart sets from a small set, so a value near one of them and equal to none is a spelling.

/** The release name of the library's monitoring stack. */
const STACK = 'kube-prometheus-stack';

/** The severities the chart's own alerting rules carry. */
const CHART_SEVERITIES = ['critical', 'warning', 'info', 'none'];

/** The severities the alerting rules of `groups` (a PrometheusRule's `spec.groups`, or a values entry's `groups`) carry. */
function severitiesOf(groups: unknown): string[] {
  return list(groups).flatMap((group) => list(group.rules)).map((rule) => stringMap(rule.labels).severity).filter((s): s is string => s !== undefined);
}

/**
 * Matchers of the stack's Alertmanager routes (given through `addValues`) that ask `severity` to equal a value no
 * alerting rule of the cluster carries (the chart's, the PrometheusRules of the output, the rules of its values)
 * while it is a near miss of one they carry: one error on the matcher, with the severity meant.
 */
export function checkAlertRoutes(cluster: SynthesizedCluster): Finding[] {
  const stack = cluster.chart.platform.get(STACK);
  const values = stack?.values ?? {};
  const config = fields(fields(values.alertmanager).config);
  if (stack === undefined || config.route === undefined) {
    return [];
  }
  const rulesOfValues = [
    ...Object.values(fields(values.additionalPrometheusRulesMap)).map((entry) => fields(entry).groups),
    ...list(values.additionalPrometheusRules).map((entry) => entry.groups),
  ];
  const carried = [...new Set([
    ...CHART_SEVERITIES,
    ...indexOf(cluster.objects).of('PrometheusRule').flatMap((rule) => severitiesOf(fields(rule.manifest.spec).groups)),
    ...rulesOfValues.flatMap(severitiesOf),
  ])];
  return alertRoutes(config).filter(({ chartsOwn }) => !chartsOwn).flatMap(({ route, at }) => routeMatchers(route, at))
    .flatMap(({ field, written, label, operator, value }): Finding[] => {
      if (label !== 'severity' || operator !== '=' || value === undefined || carried.includes(value)) {
        return [];
      }
      const meant = carried.find((s) => s.toLowerCase() === value.toLowerCase()) ?? closestName(value, carried);
      return meant === undefined ? [] : [{
        layer: 'references', severity: 'error', constructPath: stack.node.path, field: `addValues.${field}`,
        message: `the matcher ${written} asks for severity "${value}", which no alerting rule of the cluster carries (they carry ${carried.join(', ')}): `
          + 'the alerts meant for this route never match it, and fall through to a later route or the receiver of the route above',
        hint: `match the severity as the rules write it: ${field.includes('.match.') ? `match: { severity: '${meant}' }` : `severity = "${meant}"`}`,
      }];
    });
}
