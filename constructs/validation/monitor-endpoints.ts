import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, type Fields, list, objectFinding, text } from './manifest';
import { prometheusDurationMilliseconds } from './prometheus-duration';
import { regexProblem } from './regex-syntax';

// The API server takes a ServiceMonitor or PodMonitor whose endpoints the Prometheus operator then rejects as it
// builds Prometheus' configuration: the whole monitor is left out, none of its endpoints is scraped, and only
// the operator's log and its PrometheusOperatorRejectedResources alert say why.

const layer = 'references' as const;

/** The scrape interval the operator gives an endpoint that sets none, where the Prometheus resource sets none either. */
export const OPERATOR_SCRAPE_INTERVAL = '30s';

/** Relabeling actions that write a label, and so need `targetLabel` (an action left out is `replace`). */
const WRITING_ACTIONS: ReadonlySet<string> = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);

/**
 * What the operator rejects of the endpoints of `monitor` (under `endpointsKey`): a `scrapeTimeout` longer than the
 * interval (the endpoint's, else the stack's Prometheus' `scrapeInterval`, else the operator's 30s), and relabelings
 * (`relabelings`, `metricRelabelings`) whose regular expression does not compile or that write a label without
 * naming it (`targetLabel`).
 */
export function rejectedEndpointFindings(monitor: SynthesizedObject, endpointsKey: string, prometheusSpec: Fields): Finding[] {
  const kind = String(monitor.manifest.kind);
  const rejected = `the Prometheus operator rejects the ${kind} and scrapes none of its endpoints`;
  return list(fields(monitor.manifest.spec)[endpointsKey]).flatMap((endpoint, i) => {
    const at = `spec.${endpointsKey}[${i}]`;
    const findings: Finding[] = timeoutFindings(monitor, endpoint, at, prometheusSpec, rejected);
    for (const key of ['relabelings', 'metricRelabelings']) {
      list(endpoint[key]).forEach((relabeling, j) => {
        const field = `${at}.${key}[${j}]`;
        const regex = text(relabeling.regex);
        const why = regex === undefined ? undefined : regexProblem(regex);
        const action = (text(relabeling.action) ?? 'replace').toLowerCase();
        if (why !== undefined) {
          findings.push(objectFinding(monitor, {
            layer, severity: 'error', field: `${field}.regex`,
            message: `the regular expression "${regex}" ${why}: ${rejected} ("invalid regex")`,
            hint: 'close the group or class, or escape the characters meant literally (\\( for a parenthesis)',
          }));
        } else if (WRITING_ACTIONS.has(action) && (text(relabeling.targetLabel) ?? '') === '') {
          findings.push(objectFinding(monitor, {
            layer, severity: 'error', field: `${field}.targetLabel`,
            message: `the ${action} relabeling${relabeling.action === undefined ? ' (the action when none is given)' : ''} writes a label but names none: ${rejected} ("needs targetLabel value")`,
            hint: `name the label it writes (targetLabel: 'node'), or give the action it means (action: 'keep' or 'drop' to keep or drop ${key === 'metricRelabelings' ? 'series' : 'targets'} by the regular expression)`,
          }));
        }
      });
    }
    return findings;
  });
}

/** The finding on a `scrapeTimeout` of `endpoint` (at `at`) longer than its interval, which the operator rejects as `rejected` says. */
function timeoutFindings(monitor: SynthesizedObject, endpoint: Fields, at: string, prometheusSpec: Fields, rejected: string): Finding[] {
  const interval = text(endpoint.interval) ?? text(prometheusSpec.scrapeInterval) ?? OPERATOR_SCRAPE_INTERVAL;
  const timeout = prometheusDurationMilliseconds(endpoint.scrapeTimeout);
  const every = prometheusDurationMilliseconds(interval);
  return timeout === undefined || every === undefined || timeout <= every ? [] : [objectFinding(monitor, {
    layer, severity: 'error', field: `${at}.scrapeTimeout`,
    message: `scrapeTimeout ${String(endpoint.scrapeTimeout)} is longer than the scrape interval ${interval}${endpoint.interval === undefined ? ' (the stack\'s Prometheus\' own)' : ''}: `
      + `${rejected} ("scrapeTimeout greater than scrapeInterval")`,
    hint: `give a timeout no longer than the interval (scrapeTimeout: '${interval}' at most), or a longer interval (interval: '${String(endpoint.scrapeTimeout)}')`,
  })];
}

/**
 * What the operator or Prometheus rejects of a blackbox `probe` (a Probe): a `scrapeTimeout` longer than its interval,
 * which the operator rejects, and a `prober.url` written as a URL with its scheme or path, which the operator takes
 * as the address Prometheus scrapes (`host:port`) and Prometheus drops as no valid host, so nothing is probed.
 */
export function rejectedProbeFindings(probe: SynthesizedObject, prometheusSpec: Fields): Finding[] {
  const spec = fields(probe.manifest.spec);
  const findings = timeoutFindings(probe, spec, 'spec', prometheusSpec, 'the Prometheus operator rejects the Probe and probes none of its targets');
  const url = text(fields(spec.prober).url);
  const address = url === undefined ? undefined : /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url)?.[1];
  if (url !== undefined && (address !== undefined || url.includes('/'))) {
    const scheme = /^https:/i.test(url) ? ", scheme: 'https'" : '';
    findings.push(objectFinding(probe, {
      layer, severity: 'error', field: 'spec.prober.url',
      message: `prober.url "${url}" is a URL, where the operator takes the prober's address (host and port) alone: Prometheus reads it as no valid host and drops every target of the Probe, so nothing is probed`,
      hint: `write the address alone: prober: { url: '${address ?? url.split('/')[0]}'${scheme} }; a path other than /probe goes in prober.path`,
    }));
  }
  return findings;
}
